/**
 * The GitHub Action (`action.yml`; bundled as `action/dist/index.js`): checks the feedback under the
 * `paths` input with the CLI's modules, prints each finding as a workflow command (an annotation on the
 * pull request's diff), writes a job summary to `$GITHUB_STEP_SUMMARY` (with `report: true`, the
 * calibration report too), with `sarif: FILE` writes a SARIF log for code scanning, and sets the
 * outputs `errors`, `warnings` and `files` in `$GITHUB_OUTPUT`.
 * Fails the step (exit 1) on a finding at `fail-on` or above, or on a file or kit it cannot read.
 */
import * as fs from 'fs';
import * as path from 'path';
import { localDate } from '../core/format';
import { calibrationReport, DEFAULT_CALIBRATION_OPTIONS, feedbackRows, kitRubricResolver, reportMarkdown, type CalibrationRow, type RubricInfo, type Unreadable } from '../core/calibration';
import type { LoadedKit } from '../core/kit/types';
import { checkRun, checkText, isFeedback } from '../cli/check';
import { actionDocsUrl, annotationPath, escapeCommandData, escapeCommandProperty, githubCommand, packageDocsUrl, sarifLog, type FileDiagnostics } from '../cli/ciFormats';
import { checkTargets, readProblem } from '../cli/files';
import { loadBuiltInGuide, loadKitFolder } from '../cli/kitLoading';

/** An input as the runner passes it: `INPUT_<NAME>` with the name upper-cased (spaces as `_`), trimmed. */
const input = (name: string): string => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/**
 * The `paths` input: one path a line (default `.`), so a path may hold spaces; surrounding white space
 * and empty lines are dropped.
 */
function inputPaths(value: string): string[] {
  const paths = value.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
  return paths.length ? paths : ['.'];
}

const BOM = '\uFEFF';

function main(): number {
  const failOn = input('fail-on') || 'error';
  if (failOn !== 'error' && failOn !== 'warning') {
    process.stdout.write(`::error::${escapeCommandData(`fail-on must be error or warning, not ${failOn}`)}\n`);
    return 1;
  }
  const builtIn = loadBuiltInGuide(path.join(__dirname, '..', '..', 'content')).kit;
  let workspaceKit: LoadedKit | undefined;
  const kitDir = input('kit');
  if (kitDir) {
    workspaceKit = loadKitFolder(kitDir, builtIn);
    const errors = workspaceKit.issues.filter((i) => i.severity === 'error');
    for (const i of errors) process.stdout.write(`::error file=${escapeCommandProperty(annotationPath(path.join(kitDir, i.file), process.cwd()))},title=${i.code ?? 'kit-invalid'}::${escapeCommandData(i.message)}\n`);
    if (errors.length || !workspaceKit.rubric) return 1;
  }
  const kits = workspaceKit ? [builtIn, workspaceKit] : [builtIn];
  const run = checkRun(kits, workspaceKit, { allowHalfPoints: false, today: localDate(new Date()) });
  const unreadable: Unreadable[] = [];
  const targets = checkTargets(inputPaths(input('paths')), unreadable);
  const byCode = new Map<string, { severity: string; n: number }>();
  const bands: { file: string; band: string; weightedScore: number | null }[] = [];
  const texts: { file: string; text: string }[] = [];
  const findings: FileDiagnostics[] = [];
  let errors = 0;
  let warnings = 0;
  let failed = false;
  for (const { file, found } of targets) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      unreadable.push({ file, error: `cannot read: ${readProblem(e)}` });
      continue;
    }
    if (text.startsWith(BOM)) text = text.slice(1);
    const check = checkText(run, text);
    if (found && !isFeedback(check)) continue;
    texts.push({ file, text });
    findings.push({ file, diagnostics: check.diagnostics });
    for (const d of check.diagnostics) {
      process.stdout.write(`${githubCommand(file, d, process.cwd())}\n`);
      const c = byCode.get(d.code) ?? { severity: d.severity, n: 0 };
      byCode.set(d.code, { ...c, n: c.n + 1 });
      if (d.severity === 'error') errors++;
      if (d.severity === 'warning') warnings++;
      if (d.severity === 'error' || (failOn === 'warning' && d.severity === 'warning')) failed = true;
    }
    for (const f of check.validation?.feedbacks ?? []) if (f.scoresHeading) bands.push({ file, band: f.band ?? '—', weightedScore: f.weightedScore });
  }
  for (const u of unreadable) process.stdout.write(`::error file=${escapeCommandProperty(annotationPath(u.file, process.cwd()))}::${escapeCommandData(u.error)}\n`);

  const summary = [
    '## Interview feedback',
    '',
    `${texts.length} feedback files checked: ${errors} errors, ${warnings} warnings.`,
    '',
  ];
  if (byCode.size) {
    summary.push('| code | severity | findings |', '|---|---|---:|');
    for (const [code, { severity, n }] of [...byCode].sort((a, b) => a[0].localeCompare(b[0]))) summary.push(`| \`${code}\` | ${severity} | ${n} |`);
    summary.push('');
  }
  if (bands.length) {
    summary.push('| feedback | weighted score | band |', '|---|---:|---|');
    for (const b of bands) summary.push(`| ${markdownCell(b.file)} | ${b.weightedScore === null ? '—' : b.weightedScore.toFixed(2)} | ${b.band} |`);
    summary.push('');
  }
  if (unreadable.length) summary.push(...unreadable.map((u) => `- could not read ${markdownCell(u.file)}: ${u.error}`), '');
  if (input('report') === 'true') {
    const resolve = kitRubricResolver(kits, workspaceKit, { allowHalfPoints: false });
    const rows: CalibrationRow[] = [];
    const rubrics: Record<string, RubricInfo> = {};
    for (const { file, text } of texts) {
      const r = feedbackRows(file, text, resolve);
      if (r.rubric) rubrics[r.rubric.key] ??= r.rubric;
      rows.push(...r.rows);
    }
    // As `sdi-feedback --report` makes it: the rubrics' dimension names and labels, not their ids.
    const report = calibrationReport(rows, [], { ...DEFAULT_CALIBRATION_OPTIONS, rubrics });
    summary.push('## Calibration', '', reportMarkdown(report));
  }
  const sarifFile = input('sarif');
  if (sarifFile) {
    // For github/codeql-action/upload-sarif; each rule links to its section of the docs of this very action's ref.
    const log = sarifLog(findings, { version: SDI_VERSION, docsUrl: actionDocsUrl(process.env) ?? packageDocsUrl(SDI_REPOSITORY), cwd: process.cwd() });
    try {
      fs.mkdirSync(path.dirname(path.resolve(sarifFile)), { recursive: true });
      fs.writeFileSync(sarifFile, JSON.stringify(log, null, 2) + '\n');
    } catch (e) {
      process.stdout.write(`::error::${escapeCommandData(`cannot write the SARIF log ${sarifFile}: ${readProblem(e)}`)}\n`);
      return 1;
    }
  }
  if (process.env.GITHUB_STEP_SUMMARY) fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, summary.join('\n'));
  if (process.env.GITHUB_OUTPUT) fs.appendFileSync(process.env.GITHUB_OUTPUT, `errors=${errors}\nwarnings=${warnings}\nfiles=${texts.length}\n`);
  return failed || unreadable.length ? 1 : 0;
}

/** A path or text in a Markdown table cell: its pipes escaped. */
const markdownCell = (s: string): string => s.replace(/\|/g, '\\|');

process.exitCode = main();
