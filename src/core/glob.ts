/**
 * Globs read as VS Code reads a `GlobPattern` (its file watcher and `workspace.findFiles`): `**` any
 * number of folders, `*` and `?` within one name, `{a,b}` alternatives, `[0-9]` and `[!0-9]`
 * character classes; every other character stands for itself (a comma outside braces, parentheses,
 * `|`, `!`, `+`, `@`). Paths are relative, with `/`; names starting with a dot match like others.
 */
import picomatch from 'picomatch';

const OPTIONS: picomatch.PicomatchOptions = {
  dot: true,
  // `[!0-9]` is a negated class, as in VS Code.
  posix: true,
  // The same reading on every platform: paths are a URI's, with `/`.
  windows: false,
  // VS Code has no extended globs (`+(a)`, `!(a)`) and no negated patterns (`!a`).
  noextglob: true,
  nonegate: true,
};

/** A test of relative paths (`folder/file.md`) against a glob, as VS Code matches it. */
export function globMatcher(glob: string): (relativePath: string) => boolean {
  // picomatch reads `(a|b)` as a group; in VS Code's globs they are plain characters.
  return picomatch(glob.replace(/[()|]/g, '\\$&'), OPTIONS);
}
