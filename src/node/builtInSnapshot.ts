/**
 * The build's snapshot of the built-in guide (`dist/builtin-kit.json`, made by `check-content
 * --snapshot`), read without the kit loader: the CLI reads it without loading the validation (zod
 * and yaml), which a report over the built-in kit never needs.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { kitFromSnapshot } from '../core/kit/snapshot';
import type { LoadedKit } from '../core/kit/types';

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

/** The built-in kit from `snapshotFile` when it was made from the content of `contentDir`; undefined when it is missing, unreadable or stale. */
export function builtInKitFromSnapshot(contentDir: string, snapshotFile: string): LoadedKit | undefined {
  let text: string;
  try {
    text = fs.readFileSync(snapshotFile, 'utf8');
  } catch {
    return undefined;
  }
  return kitFromSnapshot(text, contentKey(contentDir));
}
