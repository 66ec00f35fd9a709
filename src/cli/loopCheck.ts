/**
 * `sdi-feedback --check-loop FILE|DIR...`: interview loop files checked as the editor checks them.
 * Loop files are the files named that are not Markdown, and the `*.loop.yaml` files under the
 * folders named; the candidates' earlier feedback is the Markdown named and found in those folders.
 */
import * as fs from 'fs';
import { feedbackRows, type RubricResolver, type Unreadable } from '../core/calibration';
import type { LoadedKit } from '../core/kit/types';
import { loopIssues, loopKit, readLoop, type LoopHistoryEntry, type LoopIssue } from '../core/loop';
import { filesUnder, isFolder, markdownUnder, readProblem } from './files';
import { printErr, printOut } from './output';

export interface LoopCheckOptions {
  json: boolean;
  failOn: 'error' | 'warning';
  /** The rubric of each feedback text, as the report resolves it (the rows need one to be read). */
  resolve: RubricResolver;
}

/** Checks the loops found in `paths` and prints their findings; exit 1 when one fails the run, 2 when a file cannot be read or no loop is found. */
export function checkLoops(paths: readonly string[], kits: readonly LoadedKit[], workspaceKit: LoadedKit | undefined, options: LoopCheckOptions): number {
  const unreadable: Unreadable[] = [];
  const loops: string[] = [];
  const feedback: string[] = [];
  for (const p of paths) {
    if (isFolder(p)) {
      loops.push(...filesUnder(p, /\.loop\.ya?ml$/i, unreadable));
      feedback.push(...markdownUnder(p, unreadable));
    } else if (/\.md$/i.test(p)) feedback.push(p);
    else loops.push(p);
  }
  const history: LoopHistoryEntry[] = [];
  for (const file of new Set(feedback)) {
    const text = read(file, unreadable);
    if (text !== undefined) history.push(...feedbackRows(file, text, options.resolve).rows);
  }
  const results: { file: string; candidate: string | null; date: string | null; issues: LoopIssue[] }[] = [];
  for (const file of new Set(loops)) {
    const text = read(file, unreadable);
    if (text === undefined) continue;
    const loop = readLoop(file, text);
    const kit = loop.plan ? loopKit(loop.plan.kit, kits, workspaceKit) : undefined;
    results.push({ file, candidate: loop.plan?.candidate ?? null, date: loop.plan?.date ?? null, issues: loopIssues(loop, kit, history) });
  }
  for (const u of unreadable) printErr(`sdi-feedback: ${u.file}: ${u.error}\n`);
  if (!results.length && !unreadable.length) printErr('sdi-feedback: no loop file (*.loop.yaml) was found\n');
  if (options.json) {
    printOut(`${JSON.stringify(results.map((r) => ({ ...r, issues: r.issues.map(jsonIssue) })), null, 2)}\n`);
  } else {
    const lines = results.flatMap((r) => r.issues.map((i) => `${r.file}:${at(i)} ${i.severity} ${i.code} ${i.message}`));
    if (lines.length) printOut(`${lines.join('\n')}\n`);
  }
  if (unreadable.length || !results.length) return 2;
  const fails = (i: LoopIssue) => i.severity === 'error' || options.failOn === 'warning';
  return results.some((r) => r.issues.some(fails)) ? 1 : 0;
}

function read(file: string, unreadable: Unreadable[]): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    unreadable.push({ file, error: `cannot read: ${readProblem(e)}` });
    return undefined;
  }
}

/** `line:column`, 1-based; a finding about the whole file at 1:1. */
const at = (i: LoopIssue) => (i.range ? `${i.range.start.line + 1}:${i.range.start.character + 1}` : '1:1');

function jsonIssue(i: LoopIssue) {
  const r = i.range;
  return {
    code: i.code,
    severity: i.severity,
    path: i.path,
    line: r ? r.start.line + 1 : 1,
    column: r ? r.start.character + 1 : 1,
    endLine: r ? r.end.line + 1 : 1,
    endColumn: r ? r.end.character + 1 : 1,
    message: i.message,
  };
}
