/**
 * How the report, the debrief and `--candidate --list` read a hiring repository: the files under
 * the folders given (one walk) and the files given, and each feedback file's rows.
 */
import * as fs from 'fs';
import { feedbackRows, type CalibrationRow, type RubricInfo, type RubricResolver, type Unreadable } from '../core/calibration';
import { filesUnder, readProblem } from './files';

/** The Markdown files under the given folders and the files given, sorted once; paths that cannot be read are returned apart. `name` picks the files of a folder (Markdown by default). */
export function collectFiles(paths: readonly string[], name = /\.md$/i): { files: string[]; unreadable: Unreadable[] } {
  const files: string[] = [];
  const unreadable: Unreadable[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      unreadable.push({ file: p, error: `cannot read: ${readProblem(e)}` });
      continue;
    }
    if (stat.isDirectory()) for (const f of filesUnder(p, name, unreadable)) files.push(f);
    else files.push(p);
  }
  const unique = [...new Set(files)].sort();
  return { files: unique, unreadable };
}

/**
 * How the report reads its files: an options object rather than 'utf8', which `fs` would copy into
 * a new options object on every one of thousands of reads.
 */
export const UTF8 = { encoding: 'utf8' } as const;

/** Reads a file; undefined (and the file added to `unreadable`) when it cannot be. */
export function readText(file: string, unreadable: Unreadable[]): string | undefined {
  try {
    return fs.readFileSync(file, UTF8);
  } catch (e) {
    unreadable.push({ file, error: `cannot read: ${readProblem(e)}` });
    return undefined;
  }
}

/** The rows of every feedback file among `files` and the rubrics they were read with; a file that cannot be read or resolved is added to `unreadable`. */
export function readRows(files: readonly string[], resolve: RubricResolver, unreadable: Unreadable[], options: { evidence?: 'counts' | 'notes' } = {}): { rows: CalibrationRow[]; rubrics: Record<string, RubricInfo> } {
  const rows: CalibrationRow[] = [];
  const rubrics: Record<string, RubricInfo> = {};
  for (const file of files) {
    const text = readText(file, unreadable);
    if (text === undefined) continue;
    const r = feedbackRows(file, text, resolve, options);
    if (r.error !== undefined) unreadable.push({ file, error: r.error });
    if (r.rubric && !rubrics[r.rubric.key]) rubrics[r.rubric.key] = r.rubric;
    for (const row of r.rows) rows.push(row);
  }
  return { rows, rubrics };
}
