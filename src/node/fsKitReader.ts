/**
 * A kit folder on disk, read with Node's `fs` (no `vscode`): the extension, the CLI and the tests
 * share it. A kit comes from whatever repository the user opened, so the reader refuses links that
 * lead out of the folder (an issue, not a crash) and lists a bounded number of files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadBuiltInKit, loadKit } from '../core/kit/loader';
import type { KitEntry, KitIssue, KitReader, LoadedKit } from '../core/kit/types';

/** Bounds of one listing. */
export const LISTING_LIMITS = {
  /** Files listed (a kit holds at most 5,000 problems; the rest is room for rubrics and notes). */
  maxFiles: 6000,
  /** Folder depth below the kit folder. */
  maxDepth: 8,
} as const;

/** Folders never listed: version control and tooling, not kit content. */
const SKIPPED = new Set(['.git', 'node_modules', '.DS_Store']);

/** A reader over the kit folder `dir`. */
export function fsKitReader(dir: string): KitReader {
  const root = path.resolve(dir);
  let realRoot: string | undefined;
  const real = () => (realRoot ??= fs.realpathSync(root));
  const inside = (p: string) => {
    const rel = path.relative(real(), p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  return {
    root,
    list() {
      const files: KitEntry[] = [];
      const issues: KitIssue[] = [];
      let truncated = false;
      const walk = (abs: string, rel: string, depth: number) => {
        let names: string[];
        try {
          names = fs.readdirSync(abs).sort();
        } catch (e) {
          issues.push({ file: rel || '.', path: '', message: `cannot be listed: ${(e as Error).message}`, severity: 'warning', code: 'kit-unreadable' });
          return;
        }
        for (const name of names) {
          if (SKIPPED.has(name)) continue;
          if (files.length >= LISTING_LIMITS.maxFiles) { truncated = true; return; }
          const childAbs = path.join(abs, name);
          const childRel = rel ? `${rel}/${name}` : name;
          let st: fs.Stats;
          try {
            st = fs.lstatSync(childAbs);
            if (st.isSymbolicLink()) {
              const target = fs.realpathSync(childAbs);
              if (!inside(target)) {
                issues.push({ file: childRel, path: '', message: 'is a link to a file outside the kit folder; it is not read', severity: 'error', code: 'kit-symlink-outside' });
                continue;
              }
              st = fs.statSync(childAbs);
            }
          } catch (e) {
            issues.push({ file: childRel, path: '', message: `cannot be read: ${(e as Error).message}`, severity: 'warning', code: 'kit-unreadable' });
            continue;
          }
          if (st.isDirectory()) {
            if (depth >= LISTING_LIMITS.maxDepth) {
              issues.push({ file: childRel, path: '', message: `is nested more than ${LISTING_LIMITS.maxDepth} folders deep; it is not read`, severity: 'warning', code: 'kit-listing-truncated' });
              continue;
            }
            walk(childAbs, childRel, depth + 1);
          } else if (st.isFile()) {
            files.push({ path: childRel, size: st.size });
          }
        }
      };
      try {
        real();
      } catch (e) {
        return { files, issues: [{ file: '.', path: '', message: `the kit folder cannot be read: ${(e as Error).message}`, severity: 'error', code: 'kit-unreadable' }] };
      }
      walk(root, '', 0);
      if (truncated) {
        issues.push({ file: 'kit.yaml', path: '', message: `the kit folder holds more than ${LISTING_LIMITS.maxFiles} files; only the first ${LISTING_LIMITS.maxFiles} are read`, severity: 'warning', code: 'kit-listing-truncated' });
      }
      return { files, issues };
    },
    read(rel: string): Uint8Array {
      if (path.isAbsolute(rel) || rel.split(/[\\/]/).includes('..')) throw new Error('the path leaves the kit folder');
      const abs = path.join(root, rel);
      const target = fs.realpathSync(abs);
      if (!inside(target)) throw new Error('it is a link to a file outside the kit folder');
      return fs.readFileSync(target);
    },
  };
}

/** Loads the kit in folder `dir` (the one holding kit.yaml), with the built-in kit as its fallbacks. */
export function loadKitFolder(dir: string, builtIn?: LoadedKit): LoadedKit {
  return loadKit(fsKitReader(dir), { builtIn });
}

/** Loads the shipped guide from its `content/` folder; throws `ContentError` when it is broken. */
export function loadBuiltInKitFolder(contentDir: string): LoadedKit {
  return loadBuiltInKit(fsKitReader(contentDir));
}
