/**
 * Where the command line (and the GitHub Action) finds feedback: the one walk of the folders it is
 * given, shared by the checker and the calibration report.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Unreadable } from '../core/calibration';

/** Folders skipped when looking for feedback files: hidden ones (.git, .vscode) and node_modules. */
const SKIP_DIR = (name: string) => name.startsWith('.') || name === 'node_modules';

/** Why a path could not be read, as the messages say it: the error code (ENOENT) when there is one. */
export const readProblem = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

const BOM = '\uFEFF';

/**
 * A feedback file as the command line reads it: its text without a byte-order mark (editors hide it;
 * columns are counted without it) and the mark, which writing the file back keeps; or why it cannot be read.
 */
export function readFeedbackFile(file: string): { text: string; bom: string } | { error: string } {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return { error: readProblem(e) };
  }
  const bom = raw.startsWith(BOM) ? BOM : '';
  return { text: bom ? raw.slice(1) : raw, bom };
}

/**
 * The Markdown files under `dir` (recursively; hidden folders and node_modules skipped, symbolic
 * links to folders not followed), sorted by UTF-16 code units; folders that cannot be read are
 * added to `unreadable`.
 */
export function markdownUnder(dir: string, unreadable: Unreadable[]): string[] {
  return filesUnder(dir, /\.md$/i, unreadable);
}

/** The files under `dir` whose names match `name`, walked and sorted as `markdownUnder` does. */
export function filesUnder(dir: string, name: RegExp, unreadable: Unreadable[]): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch (e) {
      unreadable.push({ file: folder, error: `cannot read the folder: ${readProblem(e)}` });
      return;
    }
    // path.join(folder, name) for every entry, joined once: an entry's name holds no separator and is never
    // '.' or '..', so the folder's normalised prefix and the name make the same path (in half the walk's time).
    const prefix = path.join(folder, '-').slice(0, -1);
    for (const e of entries) {
      if (e.isDirectory()) {
        if (!SKIP_DIR(e.name)) walk(prefix + e.name);
      } else if ((e.isFile() || e.isSymbolicLink()) && name.test(e.name)) files.push(prefix + e.name);
    }
  };
  walk(dir);
  // The default order is by UTF-16 code units, as `<` compares strings, without a call per comparison.
  return files.sort();
}

/** Whether a path names a folder (false for a file, and for a path that cannot be read: reading it says why). */
export function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A file to check: named on the command line (always checked), or found in a folder named there (checked when it is feedback). */
export interface CheckTarget {
  file: string;
  found: boolean;
}

/**
 * The files to check, in the order given: each file as named (one that cannot be read too: reading
 * it says why), each folder replaced by the Markdown files under it; folders that cannot be read are
 * added to `unreadable`.
 */
export function checkTargets(paths: readonly string[], unreadable: Unreadable[]): CheckTarget[] {
  return paths.flatMap((p): CheckTarget[] => (isFolder(p) ? markdownUnder(p, unreadable).map((file) => ({ file, found: true })) : [{ file: p, found: false }]));
}
