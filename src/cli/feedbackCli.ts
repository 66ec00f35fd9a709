/**
 * `sdi-feedback [--json] [--fix] [--allow-half-points] FILE...`: checks feedback documents in a
 * hiring repository's CI with the same core as the editor, against the rubric shipped in the
 * package's `content/` folder. Text output is `file:line:column severity code message`, one a line
 * (1-based); `--json` prints one object per file. `--fix` writes the weighted score and nothing else.
 * Exit 0 when no file has an error, 1 when one does, 2 on a usage or read error.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ContentError, formatContentIssue, loadContent, type Rubric } from '../core/content';
import { applyEdits, validateFeedback, weightedScoreEdits, type FeedbackDiagnostic, type FeedbackValidation } from '../core/feedback';

const USAGE = `usage: sdi-feedback [--json] [--fix] [--allow-half-points] FILE...

Checks interview feedback documents against the rubric of the System Design Interview Kit.
  --json               print a JSON array, one object per file
  --fix                write (or update) the weighted score in each file, nothing else
  --allow-half-points  accept scores in steps of 0.5
Exit status: 0 no errors, 1 some file has an error, 2 usage or read error.`;

interface Args {
  json: boolean;
  fix: boolean;
  allowHalfPoints: boolean;
  files: string[];
}

/** Reads the command line; a string is a usage error. */
function parseArgs(argv: string[]): Args | 'help' | string {
  const args: Args = { json: false, fix: false, allowHalfPoints: false, files: [] };
  let options = true;
  for (const a of argv) {
    if (options && a === '--') options = false;
    else if (options && a === '--json') args.json = true;
    else if (options && a === '--fix') args.fix = true;
    else if (options && a === '--allow-half-points') args.allowHalfPoints = true;
    else if (options && (a === '--help' || a === '-h')) return 'help';
    else if (options && a.startsWith('-') && a !== '-') return `unknown option: ${a}`;
    else args.files.push(a);
  }
  if (!args.files.length) return 'no FILE given';
  return args;
}

function loadRubric(): Rubric {
  // dist/cli.js reads the package's content/ folder beside dist/.
  const dir = path.join(__dirname, '..', 'content');
  return loadContent((file) => fs.readFileSync(path.join(dir, file), 'utf8')).rubric;
}

const BOM = '\uFEFF';

function jsonDiagnostic(d: FeedbackDiagnostic) {
  return {
    code: d.code,
    severity: d.severity,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    message: d.message,
  };
}

function main(argv: string[]): number {
  const args = parseArgs(argv);
  if (args === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (typeof args === 'string') {
    process.stderr.write(`sdi-feedback: ${args}\n${USAGE}\n`);
    return 2;
  }
  let rubric: Rubric;
  try {
    rubric = loadRubric();
  } catch (e) {
    const detail = e instanceof ContentError ? e.issues.map(formatContentIssue).join('\n') : String((e as Error)?.message ?? e);
    process.stderr.write(`sdi-feedback: cannot load the rubric from the package's content folder:\n${detail}\n`);
    return 2;
  }
  const options = { allowHalfPoints: args.allowHalfPoints, today: new Date() };
  let readError = false;
  let hasError = false;
  const results: object[] = [];
  for (const file of args.files) {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`sdi-feedback: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      readError = true;
      continue;
    }
    // Editors hide a byte-order mark; columns are counted without it, and --fix keeps it.
    const bom = raw.startsWith(BOM) ? BOM : '';
    let text = bom ? raw.slice(1) : raw;
    let v: FeedbackValidation = validateFeedback(text, rubric, options);
    if (args.fix) {
      const edits = weightedScoreEdits(v);
      if (edits.length) {
        text = applyEdits(text, edits);
        try {
          fs.writeFileSync(file, bom + text, 'utf8');
        } catch (e) {
          process.stderr.write(`sdi-feedback: cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
          readError = true;
        }
        v = validateFeedback(text, rubric, options);
      }
    }
    if (v.diagnostics.some((d) => d.severity === 'error')) hasError = true;
    if (args.json) {
      results.push({
        file,
        scored: v.scored,
        weightedScore: v.weightedScore,
        band: v.band,
        recommendation: v.recommendation,
        diagnostics: v.diagnostics.map(jsonDiagnostic),
      });
    } else {
      const out = v.diagnostics.map((d) => `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
      if (out.length) process.stdout.write(out.join('\n') + '\n');
    }
  }
  if (args.json) process.stdout.write(JSON.stringify(results, null, 2) + '\n');
  return readError ? 2 : hasError ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
