/**
 * `sdi-feedback --candidate NAME --list DIR|FILE...`: every file that names a candidate, for deleting
 * their data on request: feedback whose Candidate field is the name (by name key: case and runs of
 * white space aside), and loop files whose `candidate` is. One path a line, in path order.
 */
import { kitRubricResolver, type Unreadable } from '../core/calibration';
import type { LoadedKit } from '../core/kit/types';
import { loopCandidate, readLoop } from '../core/loop';
import { normalizeKey } from '../core/personName';
import { FEEDBACK_OR_LOOP, isLoopFile } from './debrief';
import { printErr, printOut } from './output';
import { collectFiles, readRows, readText } from './rows';

/**
 * Prints the files that name `name`; exit 2 when a file could not be read, or its rubric resolved (its
 * Candidate field is then unknown: the person must look at it), each said on standard error.
 */
export function candidateFiles(name: string, paths: readonly string[], kits: readonly LoadedKit[], workspaceKit: LoadedKit | undefined): number {
  const key = normalizeKey(name);
  const { files, unreadable } = collectFiles(paths, FEEDBACK_OR_LOOP);
  const { rows } = readRows(files.filter((f) => !isLoopFile(f)), kitRubricResolver(kits, workspaceKit), unreadable);
  const naming = new Set(rows.filter((r) => r.candidateKey === key).map((r) => r.file));
  const loopsUnread: Unreadable[] = [];
  for (const file of files.filter(isLoopFile)) {
    const text = readText(file, unreadable);
    if (text === undefined) continue;
    const candidate = loopCandidate(readLoop(file, text.replace(/^\uFEFF/, '')));
    if (candidate === undefined) loopsUnread.push({ file, error: 'no candidate could be read from it' });
    else if (normalizeKey(candidate) === key) naming.add(file);
  }
  const problems = [...unreadable, ...loopsUnread];
  for (const u of problems) printErr(`sdi-feedback: ${u.file}: ${u.error} (check it by hand)\n`);
  const list = [...naming].sort();
  if (list.length) printOut(`${list.join('\n')}\n`);
  else printErr(`sdi-feedback: no file names ${name.trim()}\n`);
  return problems.length ? 2 : 0;
}
