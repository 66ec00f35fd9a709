/**
 * `sdi-feedback --debrief [--json|--md] DIR|FILE...`: one debrief per candidate from the feedback
 * files and loop files found (the folders walked as `--report` walks them), built by the core
 * (`src/core/loop/debrief.ts`) and printed as text, JSON or the Debrief Summary's Markdown.
 */
import { kitRubricInfo, kitRubricResolver } from '../core/calibration';
import type { LoadedKit } from '../core/kit/types';
import { anonymiseDebrief, debriefJson, debriefReport, debriefReportMarkdown, debriefText, loopKit, readLoop, type LoopFile } from '../core/loop';
import { printErr, printOut } from './output';
import { collectFiles, readRows, readText } from './rows';

/** The files a debrief reads in a folder: Markdown (feedback) and loop files. */
export const FEEDBACK_OR_LOOP = /\.md$|\.loop\.ya?ml$/i;
/** A loop file, by its name; any other file is read as feedback. */
export const isLoopFile = (file: string) => /\.loop\.ya?ml$/i.test(file);

export interface DebriefCliOptions {
  json: boolean;
  md: boolean;
  anonymise: boolean;
  allowHalfPoints: boolean;
  windowDays: number;
}

/** Prints the debriefs of the feedback and loops found in `paths`; exit 2 when a file could not be read (or resolved). */
export function debriefCli(paths: readonly string[], kits: readonly LoadedKit[], workspaceKit: LoadedKit | undefined, options: DebriefCliOptions): number {
  const { files, unreadable } = collectFiles(paths, FEEDBACK_OR_LOOP);
  const resolve = kitRubricResolver(kits, workspaceKit, { allowHalfPoints: options.allowHalfPoints });
  // Only the Summary shows the notes themselves; the text and the JSON count their tags.
  const { rows, rubrics } = readRows(files.filter((f) => !isLoopFile(f)), resolve, unreadable, { evidence: options.md ? 'notes' : 'counts' });
  // A loop whose candidate has no feedback yet shows its kit's rubric.
  for (const kit of kits) {
    const info = kitRubricInfo(kit);
    if (info && !rubrics[info.key]) rubrics[info.key] = info;
  }
  const loops: LoopFile[] = [];
  for (const file of files.filter(isLoopFile)) {
    const text = readText(file, unreadable);
    if (text !== undefined) loops.push(readLoop(file, text.replace(/^\uFEFF/, '')));
  }
  const computed = debriefReport({ rows, rubrics, loops, kitOf: (plan) => loopKit(plan.kit, kits, workspaceKit), unreadable }, { windowDays: options.windowDays });
  const report = options.anonymise ? anonymiseDebrief(computed) : computed;
  // The text output lists them itself; JSON and Markdown go to a program or a file, so the person sees them on standard error.
  if (options.json || options.md) for (const u of report.unreadable) printErr(`sdi-feedback: ${u.file}: ${u.error}\n`);
  // The JSON and its line break are written apart, as the report's: joined, megabytes would be copied once more.
  if (options.json) printOut(JSON.stringify(debriefJson(report), null, 2));
  printOut(options.json ? '\n' : options.md ? debriefReportMarkdown(report) : debriefText(report));
  return report.unreadable.length ? 2 : 0;
}
