/**
 * Loads the built-in guide (`content/` under the extension) through the kit loader, as a kit and
 * as the validated content the guide's own tree reads. Throws `ContentError` when the shipped
 * content is broken. The build leaves a snapshot of the loaded kit (`dist/builtin-kit.json`, made
 * by `check-content --snapshot`): while it matches the content files byte for byte, activation
 * reads it instead of parsing and validating the content again.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { GuideContent } from '../core/content';
import { guideContentOf } from '../core/kit/loader';
import { kitFromSnapshot, kitSnapshot } from '../core/kit/snapshot';
import type { LoadedKit } from '../core/kit/types';
import { loadBuiltInKitFolder } from './fsKitReader';

/** The built-in guide, both ways: the content the guide's own tree reads, and the kit every team kit falls back on. */
export interface BuiltInGuide {
  content: GuideContent;
  kit: LoadedKit;
  /** Whether it came from the build's snapshot rather than from parsing the content. */
  fromSnapshot: boolean;
}

/** The snapshot's file name beside the extension's bundle. */
export const SNAPSHOT_FILE = 'builtin-kit.json';

/** A hash of every file of the content folder, names and bytes: the snapshot's key. */
export function contentKey(contentDir: string): string {
  const hash = createHash('sha256');
  for (const name of fs.readdirSync(contentDir).sort()) {
    const file = path.join(contentDir, name);
    if (!fs.statSync(file).isFile()) continue;
    hash.update(`${name}\0`).update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/** The built-in guide: from `snapshotFile` when it was made from this content, else loaded and validated. */
export function loadBuiltInGuide(contentDir: string, snapshotFile?: string): BuiltInGuide {
  if (snapshotFile) {
    let text: string | undefined;
    try {
      text = fs.readFileSync(snapshotFile, 'utf8');
    } catch {
      text = undefined;
    }
    const kit = text === undefined ? undefined : kitFromSnapshot(text, contentKey(contentDir));
    if (kit) return { kit, content: guideContentOf(kit), fromSnapshot: true };
  }
  const kit = loadBuiltInKitFolder(contentDir);
  return { kit, content: guideContentOf(kit), fromSnapshot: false };
}

/** Loads and validates the content the full way and writes its snapshot to `out`; returns the kit. */
export function writeBuiltInSnapshot(contentDir: string, out: string): LoadedKit {
  const kit = loadBuiltInKitFolder(contentDir);
  fs.writeFileSync(out, kitSnapshot(kit, contentKey(contentDir)));
  return kit;
}
