/**
 * `sdi-feedback [--kit DIR] [--json] [--fix] [--allow-half-points] FILE...`: checks feedback
 * documents in a hiring repository's CI with the same core as the editor. A file is checked
 * against the rubric its record line names (kit and version), else the `--kit` folder's rubric,
 * else the built-in guide's (the package's `content/` folder). Text output is
 * `file:line:column severity code message`, one a line (1-based); `--json` prints one object per
 * file. `--fix` writes the weighted score and nothing else. Exit 0 when no file has an error, 1
 * when one does, 2 on a usage, read or kit error.
 *
 * `sdi-feedback --check-kit DIR [--json]`: checks a kit folder (for a kit repository's CI) and
 * prints its issues the same way. Exit 0 when clean (warnings allowed), 1 on errors, 2 when the
 * folder is no readable kit or on a usage error.
 *
 * `sdi-feedback --submit FILE...`: seals feedback files as the editor's Submit does (`./submit`).
 * `--report`, `--check-loop`, `--debrief` (src/cli/debrief.ts) and `--candidate NAME --list`
 * (src/cli/candidateFiles.ts) read a hiring repository's feedback and loops; see docs/cli.md.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs, type ParseArgsConfig } from 'util';
import type { Dimension } from '../core/content';
import { localDate } from '../core/format';
import { applyEdits, weightedScoreEdits, type FeedbackDiagnostic, type FeedbackSummary } from '../core/feedback';
import { builtInKitFromSnapshot, SNAPSHOT_FILE } from '../node/builtInSnapshot';
import type { KitIssue, LoadedKit } from '../core/kit/types';
import { checkAgain, checkRun, checkText, diagnosticLine, isFeedback, type CheckRun, type TextCheck } from './check';
import { githubCommand, packageDocsUrl, sarifLog } from './ciFormats';
import type * as KitLoading from './kitLoading';
import { notesReport, parseNotes } from '../core/notes';
import { debriefCli } from './debrief';
import { checkTargets, readFeedbackFile, readProblem } from './files';
import { candidateFiles } from './candidateFiles';
import { checkLoops } from './loopCheck';
import { submitFiles } from './submit';
import { printErr, printOut } from './output';
import { collectFiles, readRows } from './rows';
import { DEFAULT_CALIBRATION_OPTIONS, anonymiseReport, calibrationReport, kitRubricResolver, reportCsv, reportText, type Unreadable } from '../core/calibration';

const USAGE = `usage: sdi-feedback [--kit DIR] [--json|--format FORMAT] [--fail-on error|warning] [--docs-url URL] [--fix] [--allow-half-points] FILE|DIR...
       sdi-feedback --report [--json|--csv] [--kit DIR] [--window-days N] [--min-n N] [--anonymise] DIR|FILE...
       sdi-feedback --debrief [--json|--md] [--kit DIR] [--window-days N] [--anonymise] DIR|FILE...
       sdi-feedback --check-kit DIR [--json] [--fail-on error|warning]
       sdi-feedback --check-loop [--kit DIR] [--json] [--fail-on error|warning] FILE|DIR...
       sdi-feedback --submit [--kit DIR] [--allow-half-points] FILE...
       sdi-feedback --candidate NAME --list [--kit DIR] DIR|FILE...

Checks interview feedback documents against the rubric of the System Design Interview Kit. A folder
is walked for Markdown files with a scores heading (hidden folders and node_modules skipped); a file
named is always checked.
  --kit DIR            check against the kit in DIR (the folder holding kit.yaml); a file whose
                       first lines record a kit and rubric version is checked against that one
  --json               print a JSON array, one object per file (as --format json)
  --format FORMAT      text (the default), json, sarif (SARIF 2.1.0, for code scanning) or github
                       (workflow commands: annotations on a pull request's diff)
  --fail-on SEVERITY   error (the default) or warning: the least severity that makes the exit status 1
  --docs-url URL       with --format sarif: the address of docs/diagnostics.md that each rule's helpUri
                       links to (#<code> appended); default the package's repository, when it names one
  --fix                write (or update) the weighted score in each file, nothing else
  --allow-half-points  accept scores in steps of 0.5
  --check-kit DIR      check the kit in DIR and print its issues (for a kit repository's CI)
  --check-loop         check interview loop files: the files named (other than Markdown) and the
                       *.loop.yaml files in the folders given, against the feedback named or found
                       there (a problem the candidate already had)
  --submit             seal each feedback file: write into its record line the time and a digest of
                       its content (submitted=... digest=sha256:...); a file with errors is not
                       submitted (its errors are printed); a later edit is feedback-edited-after-submit
  --report             print the calibration report over every feedback document (*.md) found
                       in the folders (recursively) and files given: per interviewer (offset from
                       the panel), per dimension, per problem, agreement
  --csv                with --report: print the report's table as CSV (--json: its figures)
  --window-days N      with --report or --debrief: same candidate when dates chain within N days (default 14)
  --min-n N            with --report: offsets below this n read "not enough data" (default 5)
  --debrief            print one debrief per candidate: the feedback files and loop files
                       (*.loop.yaml) found, the panel side by side (--json: its figures; --md: the
                       Debrief Summary)
  --anonymise          with --report or --debrief: candidates become Candidate 1, 2..., interviewers
                       Interviewer A, B..., file paths File 1, 2... (and the notes' text is left out)
  --candidate NAME --list
                       print every feedback and loop file that names the candidate, one a line
Exit status: 0 no errors, 1 some file (or the kit) has an error, 2 usage, read or kit error.
With --report, --debrief and --list: 0, or 2 when a file could not be read (or resolved) or on a usage error.`;

/** What the checker prints: `text` lines, a `json` array, a `sarif` log, or `github` workflow commands. */
type Format = 'text' | 'json' | 'sarif' | 'github';
const FORMATS: readonly string[] = ['text', 'json', 'sarif', 'github'] satisfies Format[];

interface Args {
  /** Whether the format is JSON (`--json`, `--format json`). */
  json: boolean;
  format: Format;
  /** The least severity that makes the exit status 1. */
  failOn: 'error' | 'warning';
  /** `--docs-url URL`: the address of docs/diagnostics.md that SARIF rules link to. */
  docsUrl?: string;
  csv: boolean;
  report: boolean;
  debrief: boolean;
  md: boolean;
  anonymise: boolean;
  /** `--candidate NAME` (with `--list`). */
  candidate?: string;
  list: boolean;
  windowDays?: number;
  minN?: number;
  fix: boolean;
  allowHalfPoints: boolean;
  kit?: string;
  checkKit?: string;
  checkLoop: boolean;
  submit: boolean;
  files: string[];
}

/**
 * The command line's options for node:util's `parseArgs`, strict: an unknown option, or one that takes
 * a value given none (`--kit --json x.md`), is a usage error. A value that starts with a dash is
 * given as `--kit=-dir`; a file whose name starts with a dash comes after `--`.
 */
const OPTIONS = {
  json: { type: 'boolean', default: false },
  csv: { type: 'boolean', default: false },
  report: { type: 'boolean', default: false },
  debrief: { type: 'boolean', default: false },
  md: { type: 'boolean', default: false },
  anonymise: { type: 'boolean', default: false },
  list: { type: 'boolean', default: false },
  candidate: { type: 'string' },
  'check-loop': { type: 'boolean', default: false },
  submit: { type: 'boolean', default: false },
  fix: { type: 'boolean', default: false },
  'allow-half-points': { type: 'boolean', default: false },
  // Looked for before parsing (see readArgs); declared so that parseArgs knows `-h`.
  help: { type: 'boolean', short: 'h' },
  kit: { type: 'string' },
  'check-kit': { type: 'string' },
  'window-days': { type: 'string' },
  'min-n': { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  'docs-url': { type: 'string' },
} satisfies ParseArgsConfig['options'];

/** What an option that takes a value needs, for its usage error. */
const NEEDS: Record<string, string> = {
  kit: 'a folder', 'check-kit': 'a folder', candidate: 'a name', 'window-days': 'a whole number of days', 'min-n': 'a whole number of feedbacks',
  format: 'text, json, sarif or github', 'fail-on': 'error or warning',
  'docs-url': 'an http or https address',
};

/** A `parseArgs` error in this CLI's words, for the option its message names. */
function argumentProblem(e: Error & { code?: string }): string {
  // parseArgs quotes the option: "Unknown option '--bogus'.", "Option '--kit <value>' argument missing".
  const option = /'(-[^'\s]*)/.exec(e.message)?.[1];
  if (!option) return e.message;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option: ${option}`;
  const needs = NEEDS[option.replace(/^-+/, '')];
  return needs ? `${option} needs ${needs}` : `${option} takes no value`;
}

/** Reads the command line; `'help'` for --help, any other string is a usage error. */
function readArgs(argv: string[]): Args | string {
  // --help (or -h) before any `--` prints the usage whatever else the line holds, even an option parseArgs rejects.
  const end = argv.indexOf('--');
  const options = end < 0 ? argv : argv.slice(0, end);
  if (options.includes('--help') || options.includes('-h')) return 'help';
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return argumentProblem(e as Error & { code?: string });
  }
  const { values: v, positionals } = parsed;
  for (const name of ['kit', 'check-kit', 'candidate'] as const) if (v[name] === '') return `--${name} needs ${NEEDS[name]}`;
  for (const name of ['window-days', 'min-n'] as const) {
    const value = v[name];
    if (value !== undefined && !/^\d+$/.test(value)) return `--${name} needs ${NEEDS[name]}`;
  }
  const format = v.format ?? (v.json ? 'json' : 'text');
  if (!FORMATS.includes(format)) return `--format needs ${NEEDS.format}`;
  if (v.json && format !== 'json') return `--json and --format ${format} exclude each other`;
  const failOn = v['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') return `--fail-on needs ${NEEDS['fail-on']}`;
  const docsUrl = v['docs-url'];
  if (docsUrl !== undefined && !/^https?:\/\/[^\s#]+$/.test(docsUrl)) return `--docs-url needs ${NEEDS['docs-url']} (without #)`;
  if (docsUrl !== undefined && format !== 'sarif') return '--docs-url goes with --format sarif';
  const args: Args = {
    json: format === 'json', format: format as Format, failOn, docsUrl, csv: v.csv, report: v.report, fix: v.fix, allowHalfPoints: v['allow-half-points'],
    debrief: v.debrief, md: v.md, anonymise: v.anonymise, candidate: v.candidate, list: v.list,
    kit: v.kit, checkKit: v['check-kit'], checkLoop: v['check-loop'], submit: v.submit,
    windowDays: v['window-days'] === undefined ? undefined : Number(v['window-days']),
    minN: v['min-n'] === undefined ? undefined : Number(v['min-n']),
    files: positionals,
  };
  if (args.submit) {
    if (args.checkKit !== undefined || args.checkLoop || args.report || args.debrief || args.candidate !== undefined || args.list || args.md || args.anonymise || args.fix || args.csv || args.format !== 'text' || v['fail-on'] !== undefined) return '--submit takes only --kit and --allow-half-points';
    if (args.windowDays !== undefined || args.minN !== undefined) return '--window-days and --min-n need --report';
    if (!args.files.length) return 'no FILE given';
    return args;
  }
  if (args.candidate !== undefined || args.list) {
    if (args.candidate === undefined || !args.list) return '--candidate NAME and --list go together';
    if (args.report || args.debrief || args.checkLoop || args.checkKit !== undefined || args.fix || args.csv || args.md || args.anonymise || args.allowHalfPoints || args.format !== 'text' || v['fail-on'] !== undefined || args.windowDays !== undefined || args.minN !== undefined) {
      return '--candidate NAME --list takes only --kit';
    }
    if (!args.files.length) return 'no DIR given';
    return args;
  }
  if (args.debrief) {
    if (args.report || args.checkLoop || args.checkKit !== undefined || args.fix || args.csv || args.minN !== undefined || v['fail-on'] !== undefined) {
      return '--debrief takes only --json or --md, --kit, --window-days, --allow-half-points and --anonymise';
    }
    if (args.json && args.md) return '--json and --md exclude each other';
    if (args.format !== 'text' && !args.json) return `--debrief prints text, json or Markdown, not ${args.format}`;
    if (!args.files.length) return 'no DIR given';
    return args;
  }
  if (args.md) return '--md needs --debrief';
  if (args.anonymise && !args.report) return '--anonymise needs --report or --debrief';
  if (args.checkKit !== undefined) {
    if (args.kit !== undefined || args.fix || args.allowHalfPoints || args.files.length || args.report || args.csv) return '--check-kit DIR takes only --json, --format and --fail-on';
    if (args.format !== 'text' && !args.json) return `--check-kit prints text or json, not ${args.format}`;
    return args;
  }
  if (args.checkLoop) {
    if (args.report || args.fix || args.csv || args.allowHalfPoints) return '--check-loop takes only --kit, --json, --format and --fail-on';
    if (args.format !== 'text' && !args.json) return `--check-loop prints text or json, not ${args.format}`;
    if (args.windowDays !== undefined || args.minN !== undefined) return '--window-days and --min-n need --report';
    if (!args.files.length) return 'no FILE or DIR given';
    return args;
  }
  if (args.report) {
    if (args.fix) return '--report does not take --fix';
    if (args.json && args.csv) return '--json and --csv exclude each other';
    if (args.format !== 'text' && !args.json) return `--report prints text, json or CSV, not ${args.format}`;
    if (v['fail-on'] !== undefined) return '--report does not take --fail-on';
    if (!args.files.length) return 'no DIR given';
    return args;
  }
  if (args.csv) return '--csv needs --report';
  if (args.windowDays !== undefined || args.minN !== undefined) return '--window-days and --min-n need --report';
  if (!args.files.length) return 'no FILE given';
  return args;
}

/** The kit loader and the content's validation (src/cli/kitLoading.ts), from a file of their own beside this one, required when first needed. */
let kitLoading: typeof KitLoading | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const kitLoader = (): typeof KitLoading => (kitLoading ??= require('./cli-kits.js') as typeof KitLoading);

/** The built-in guide as a kit, from the package's content/ folder beside dist/. */
function loadBuiltIn(): LoadedKit {
  // The build's snapshot beside the bundle when it matches the content (src/node/builtInSnapshot.ts), else the content itself.
  const contentDir = path.join(__dirname, '..', 'content');
  return builtInKitFromSnapshot(contentDir, path.join(__dirname, SNAPSHOT_FILE)) ?? kitLoader().loadBuiltInGuide(contentDir).kit;
}

/** A kit issue as `file:line:column severity code message`, 1-based; a whole-file issue at 1:1. */
function kitIssueLine(dir: string, i: KitIssue): string {
  const file = path.join(dir, ...i.file.split('/'));
  const at = i.range ? `${i.range.start.line + 1}:${i.range.start.character + 1}` : '1:1';
  return `${file}:${at} ${i.severity} ${i.code ?? 'kit-invalid'} ${i.message}`;
}

function jsonKitIssue(dir: string, i: KitIssue) {
  return {
    file: path.join(dir, ...i.file.split('/')),
    severity: i.severity,
    code: i.code ?? 'kit-invalid',
    path: i.path,
    line: i.range ? i.range.start.line + 1 : 1,
    column: i.range ? i.range.start.character + 1 : 1,
    endLine: i.range ? i.range.end.line + 1 : 1,
    endColumn: i.range ? i.range.end.character + 1 : 1,
    message: i.message,
  };
}

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

/** One feedback of a file, for `--json`'s `feedbacks`. */
function jsonFeedback(s: FeedbackSummary) {
  return {
    line: s.scoresHeading ? s.scoresHeading.start.line + 1 : null,
    scored: s.scored,
    dimensions: s.dimensions,
    weightedScore: s.weightedScore,
    band: s.band,
    recommendation: s.recommendation,
    borderline: s.borderline,
    scores: Object.fromEntries(s.scores.map((x) => [x.dimension, x.score])),
  };
}

/** The evidence in a file's notes section, for `--json`'s `notes`: by the dimensions of the rubric the file is checked against (none when that rubric is unknown). */
function jsonNotes(text: string, dimensions: readonly Dimension[]) {
  return notesReport(parseNotes(text, dimensions), dimensions);
}

/** Whether a folder holds a kit the loader can start on: it exists and has kit.yaml. */
function kitFolderProblem(dir: string): string | undefined {
  try {
    if (!fs.statSync(dir).isDirectory()) return `${dir} is not a folder`;
  } catch (e) {
    return `cannot read ${dir}: ${readProblem(e)}`;
  }
  if (!fs.existsSync(path.join(dir, 'kit.yaml'))) return `${dir} holds no kit.yaml: give the folder that holds it`;
  return undefined;
}

/** Whether diagnostics of this severity make the exit status 1 under `--fail-on`. */
const fails = (failOn: Args['failOn'], severity: string) => severity === 'error' || (failOn === 'warning' && severity === 'warning');

function checkKit(dir: string, json: boolean, failOn: Args['failOn'], builtIn: LoadedKit): number {
  const problem = kitFolderProblem(dir);
  if (problem) {
    printErr(`sdi-feedback: ${problem}\n`);
    return 2;
  }
  const kit = kitLoader().loadKitFolder(dir, builtIn);
  if (json) {
    const out = { kit: dir, id: kit.id, name: kit.name, version: kit.version, problems: kit.problems.length, issues: kit.issues.map((i) => jsonKitIssue(dir, i)) };
    printOut(JSON.stringify(out, null, 2) + '\n');
  } else if (kit.issues.length) {
    printOut(kit.issues.map((i) => kitIssueLine(dir, i)).join('\n') + '\n');
  }
  return kit.issues.some((i) => fails(failOn, i.severity)) ? 1 : 0;
}

/** `--report`: rows of every feedback document found, then the report as text, JSON or CSV. Exit 2 when a file could not be read or resolved. */
function report(args: Args, kits: LoadedKit[], workspaceKit: LoadedKit | undefined): number {
  const { files, unreadable } = collectFiles(args.files);
  const resolve = kitRubricResolver(kits, workspaceKit, { allowHalfPoints: args.allowHalfPoints });
  const { rows, rubrics } = readRows(files, resolve, unreadable);
  const computed = calibrationReport(rows, unreadable, {
    windowDays: args.windowDays ?? DEFAULT_CALIBRATION_OPTIONS.windowDays,
    minN: args.minN ?? DEFAULT_CALIBRATION_OPTIONS.minN,
    rubrics,
  });
  const result = args.anonymise ? anonymiseReport(computed) : computed;
  // The text output lists them itself; JSON and CSV go to a program, so the person sees them on standard error.
  if (args.json || args.csv) for (const u of result.unreadable) printErr(`sdi-feedback: ${u.file}: ${u.error}\n`);
  // The JSON and its line break are written apart: joined, tens of megabytes would be copied once more.
  if (args.json) printOut(JSON.stringify(result, null, 2));
  printOut(args.json ? '\n' : args.csv ? reportCsv(result) : reportText(result));
  return result.unreadable.length ? 2 : 0;
}

function main(argv: string[]): number {
  const args = readArgs(argv);
  if (args === 'help') {
    printOut(USAGE + '\n');
    return 0;
  }
  if (typeof args === 'string') {
    printErr(`sdi-feedback: ${args}\n${USAGE}\n`);
    return 2;
  }
  let builtIn: LoadedKit;
  try {
    builtIn = loadBuiltIn();
  } catch (e) {
    // A ContentError comes from the kit loader, loaded by then.
    const detail = kitLoading && e instanceof kitLoading.ContentError ? e.issues.map(kitLoading.formatContentIssue).join('\n') : String((e as Error)?.message ?? e);
    printErr(`sdi-feedback: cannot load the rubric from the package's content folder:\n${detail}\n`);
    return 2;
  }
  if (args.checkKit !== undefined) return checkKit(args.checkKit, args.json, args.failOn, builtIn);

  let kitError = false;
  let workspaceKit: LoadedKit | undefined;
  if (args.kit !== undefined) {
    const problem = kitFolderProblem(args.kit);
    if (problem) {
      printErr(`sdi-feedback: ${problem}\n`);
      return 2;
    }
    workspaceKit = kitLoader().loadKitFolder(args.kit, builtIn);
    const errors = workspaceKit.issues.filter((i) => i.severity === 'error');
    if (errors.length) {
      printErr(`sdi-feedback: the kit in ${args.kit} has errors:\n${errors.map((i) => kitIssueLine(args.kit!, i)).join('\n')}\n`);
      kitError = true;
    }
    // A kit whose rubric file does not load still answers for its feedback: each gets `kit-rubric-invalid`.
    if (!workspaceKit.ok || (!workspaceKit.rubric && !workspaceKit.rubricError)) {
      printErr(`sdi-feedback: the kit in ${args.kit} has no usable rubric; no file is checked\n`);
      return 2;
    }
  }
  const kits = workspaceKit ? [builtIn, workspaceKit] : [builtIn];
  if (args.report) return report(args, kits, workspaceKit) || (kitError ? 2 : 0);
  if (args.debrief) {
    const options = { json: args.json, md: args.md, anonymise: args.anonymise, allowHalfPoints: args.allowHalfPoints, windowDays: args.windowDays ?? DEFAULT_CALIBRATION_OPTIONS.windowDays };
    return debriefCli(args.files, kits, workspaceKit, options) || (kitError ? 2 : 0);
  }
  if (args.candidate !== undefined) return candidateFiles(args.candidate, args.files, kits, workspaceKit) || (kitError ? 2 : 0);
  if (args.checkLoop) return checkLoops(args.files, kits, workspaceKit, { json: args.json, failOn: args.failOn, resolve: kitRubricResolver(kits, workspaceKit) }) || (kitError ? 2 : 0);
  const run = checkRun(kits, workspaceKit, { allowHalfPoints: args.allowHalfPoints, today: localDate(new Date()) });
  if (args.submit) return submitFiles(args.files, run, new Date()) || (kitError ? 2 : 0);
  const status = checkFeedback(args, run);
  return kitError ? 2 : status;
}

/** Checks the files and folders given and prints the findings in the format asked for. Exit 1 when a finding fails the run, 2 on a read or write error. */
function checkFeedback(args: Args, run: CheckRun): number {
  const unreadable: Unreadable[] = [];
  const targets = checkTargets(args.files, unreadable);
  let readError = unreadable.length > 0;
  for (const u of unreadable) printErr(`sdi-feedback: ${u.file}: ${u.error}\n`);
  let failed = false;
  const checked: { file: string; text: string; check: TextCheck }[] = [];
  for (const { file, found } of targets) {
    const read = readFeedbackFile(file);
    if ('error' in read) {
      printErr(`sdi-feedback: cannot read ${file}: ${read.error}\n`);
      readError = true;
      continue;
    }
    const { bom } = read;
    let text = read.text;
    let check = checkText(run, text);
    if (found && !isFeedback(check)) continue;
    if (args.fix && check.validation) {
      const edits = weightedScoreEdits(check.validation);
      if (edits.length) {
        text = applyEdits(text, edits);
        try {
          fs.writeFileSync(file, bom + text, 'utf8');
        } catch (e) {
          printErr(`sdi-feedback: cannot write ${file}: ${readProblem(e)}\n`);
          readError = true;
        }
        check = checkAgain(run, check, text);
      }
    }
    if (check.diagnostics.some((d) => fails(args.failOn, d.severity))) failed = true;
    // Text and workflow commands are printed file by file; JSON and SARIF are one document at the end.
    if (args.format === 'text' || args.format === 'github') {
      const out = check.diagnostics.map((d) => (args.format === 'text' ? diagnosticLine(file, d) : githubCommand(file, d, process.cwd())));
      if (out.length) printOut(out.join('\n') + '\n');
    } else {
      checked.push({ file, text, check });
    }
  }
  if (args.format === 'json') printOut(JSON.stringify(checked.map(({ file, text, check }) => jsonFile(file, text, check)), null, 2) + '\n');
  if (args.format === 'sarif') {
    const log = sarifLog(checked.map(({ file, check }) => ({ file, diagnostics: check.diagnostics })), { version: SDI_VERSION, docsUrl: args.docsUrl ?? packageDocsUrl(SDI_REPOSITORY), cwd: process.cwd() });
    printOut(JSON.stringify(log, null, 2) + '\n');
  }
  return readError ? 2 : failed ? 1 : 0;
}

/** One checked file, for `--json`. */
function jsonFile(file: string, text: string, { validation: v, diagnostics, dimensions }: TextCheck) {
  return {
    file,
    scored: v ? v.scored : 0,
    weightedScore: v ? v.weightedScore : null,
    band: v ? v.band : null,
    recommendation: v ? v.recommendation : null,
    diagnostics: diagnostics.map(jsonDiagnostic),
    feedbacks: v ? v.feedbacks.map(jsonFeedback) : [],
    notes: jsonNotes(text, dimensions),
  };
}

process.exitCode = main(process.argv.slice(2));
