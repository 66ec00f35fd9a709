/**
 * Loads the built-in guide (`content/` under the extension) through the kit loader, as a kit and
 * as the validated content the guide's own tree reads. Throws `ContentError` when the shipped
 * content is broken. The build leaves a snapshot of the loaded kit (`dist/builtin-kit.json`, made
 * by `check-content --snapshot`): while it matches the content files byte for byte, activation
 * reads it instead of parsing and validating the content again.
 */
import * as fs from 'fs';
import type { GuideContent } from '../core/content';
import { guideContentOf } from '../core/kit/loader';
import { kitSnapshot } from '../core/kit/snapshot';
import { builtInKitFromSnapshot, contentKey } from './builtInSnapshot';
import type { LoadedKit } from '../core/kit/types';
import { loadBuiltInKitFolder } from './fsKitReader';

/** The built-in guide, both ways: the content the guide's own tree reads, and the kit every team kit falls back on. */
export interface BuiltInGuide {
  content: GuideContent;
  kit: LoadedKit;
  /** Whether it came from the build's snapshot rather than from parsing the content. */
  fromSnapshot: boolean;
}

export { SNAPSHOT_FILE, contentKey } from './builtInSnapshot';

/** The built-in guide: from `snapshotFile` when it was made from this content, else loaded and validated. */
export function loadBuiltInGuide(contentDir: string, snapshotFile?: string): BuiltInGuide {
  const kit = snapshotFile === undefined ? undefined : builtInKitFromSnapshot(contentDir, snapshotFile);
  if (kit) return { kit, content: guideContentOf(kit), fromSnapshot: true };
  const loaded = loadBuiltInKitFolder(contentDir);
  return { kit: loaded, content: guideContentOf(loaded), fromSnapshot: false };
}

/** Loads and validates the content the full way and writes its snapshot to `out`; returns the kit. */
export function writeBuiltInSnapshot(contentDir: string, out: string): LoadedKit {
  const kit = loadBuiltInKitFolder(contentDir);
  fs.writeFileSync(out, kitSnapshot(kit, contentKey(contentDir)));
  return kit;
}
