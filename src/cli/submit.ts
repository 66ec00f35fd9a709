/**
 * `sdi-feedback --submit FILE...`: seals each feedback file as the editor's Submit does (see
 * `core/kit/seal`): a file with errors is not submitted (its errors are printed as the checker prints
 * them); the others get `submitted=<UTC time> digest=sha256:<hex>` in their record line, written in
 * place, and nothing else of them changes (a file without a record line gets the record of the rubric
 * it was checked against, first).
 */
import * as fs from 'fs';
import { sealFeedback, submissionTime } from '../core/kit/seal';
import { checkText, diagnosticLine, type CheckRun } from './check';
import { readFeedbackFile, readProblem } from './files';
import { printErr, printOut } from './output';

/** Submits the files; exit 0 when every file was submitted, 1 when one has errors, 2 when one cannot be read or written. */
export function submitFiles(files: readonly string[], run: CheckRun, now: Date): number {
  const submitted = submissionTime(now);
  let refused = false;
  let readError = false;
  for (const file of files) {
    const read = readFeedbackFile(file);
    if ('error' in read) {
      printErr(`sdi-feedback: cannot read ${file}: ${read.error}\n`);
      readError = true;
      continue;
    }
    const { text, bom } = read;
    const check = checkText(run, text);
    const errors = check.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length || !check.recordLine) {
      printOut(errors.map((d) => diagnosticLine(file, d)).join('\n') + '\n');
      printErr(`sdi-feedback: ${file} is not submitted: ${errors.length === 1 ? '1 error' : `${errors.length} errors`}\n`);
      refused = true;
      continue;
    }
    const sealed = sealFeedback(text, submitted, check.recordLine);
    try {
      fs.writeFileSync(file, bom + sealed.text, 'utf8');
    } catch (e) {
      printErr(`sdi-feedback: cannot write ${file}: ${readProblem(e)}\n`);
      readError = true;
      continue;
    }
    printOut(`${file}: submitted ${sealed.submitted} ${sealed.digest}\n`);
  }
  return readError ? 2 : refused ? 1 : 0;
}
