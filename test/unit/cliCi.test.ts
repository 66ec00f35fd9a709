import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Ajv from 'ajv';
import { FEEDBACK_CODE_LIST, type FeedbackDiagnostic } from '../../src/core/feedback';
import { actionDocsUrl, annotationPath, artifactUri, escapeCommandData, escapeCommandProperty, githubCommand, packageDocsUrl, sarifLog } from '../../src/cli/ciFormats';
import { installCli } from '../fixtures/cliPackage';
import { ROOT, fill } from '../fixtures/feedback/fill';

const BUILT = path.join(ROOT, 'dist', 'cli.js');

/** The SARIF 2.1.0 schema (test/fixtures/sarif, with its license), as a validator. */
function sarifValidator() {
  const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as Record<string, unknown>;
  // The schema is written in JSON Schema draft-04, whose only keyword Ajv 8 reads otherwise here is the
  // top-level `id` (`$id` since draft-06); nothing else of it changed meaning (it has no exclusiveMinimum).
  const { id, ...rest } = schema;
  delete rest.$schema;
  // unicodeRegExp off: the schema's `language` pattern holds a stray `]`, which only a unicode-mode RegExp refuses.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:[^\s]*$/i);
  ajv.addFormat('uri-reference', /^[^\s\\]*$/);
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile({ ...rest, $id: id as string });
}

const diagnostic = (over: Partial<FeedbackDiagnostic> = {}): FeedbackDiagnostic => ({
  code: 'score-invalid', severity: 'error', message: 'Scalability: 7 is outside the scale 1-4',
  range: { start: { line: 9, character: 32 }, end: { line: 9, character: 33 } }, ...over,
});

describe('sdi-feedback for CI: paths, SARIF and workflow commands (units)', () => {
  it('makes SARIF URIs relative with / separators, and a file elsewhere a file: URI (POSIX)', () => {
    assert.strictEqual(artifactUri('feedback/a b.md', '/repo', path.posix), 'feedback/a%20b.md');
    assert.strictEqual(artifactUri('/repo/x/y.md', '/repo', path.posix), 'x/y.md');
    assert.strictEqual(artifactUri('../other/y.md', '/repo', path.posix), 'file:///other/y.md');
  });

  it('makes Windows paths relative with / separators; another drive is a file:///C:/ URI', () => {
    assert.strictEqual(artifactUri('feedback\\2026\\a.md', 'C:\\repo', path.win32), 'feedback/2026/a.md');
    assert.strictEqual(artifactUri('C:\\repo\\feedback\\a.md', 'C:\\repo', path.win32), 'feedback/a.md');
    assert.strictEqual(artifactUri('c:/repo/feedback/a.md', 'C:\\repo', path.win32), 'feedback/a.md');
    assert.strictEqual(artifactUri('D:\\hiring\\a #1.md', 'C:\\repo', path.win32), 'file:///D:/hiring/a%20%231.md');
    assert.strictEqual(annotationPath('feedback\\a.md', 'C:\\repo', path.win32), 'feedback/a.md');
    assert.strictEqual(annotationPath('D:\\hiring\\a.md', 'C:\\repo', path.win32), 'D:/hiring/a.md');
  });

  it('escapes workflow command data and properties as GitHub documents', () => {
    assert.strictEqual(escapeCommandData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.strictEqual(escapeCommandProperty('a:b,c%d\ne'), 'a%3Ab%2Cc%25d%0Ae');
    const d = diagnostic({ message: 'line one\nline two: 100%', severity: 'information', code: 'band-borderline' });
    assert.strictEqual(githubCommand('dir,x\\a:b.md', d, 'C:\\repo', path.win32),
      '::notice file=dir%2Cx/a%3Ab.md,line=10,col=33,endLine=10,endColumn=34,title=band-borderline::line one%0Aline two: 100%25');
    assert.strictEqual(githubCommand('/repo/a.md', diagnostic({ severity: 'warning' }), '/repo', path.posix), '::warning file=a.md,line=10,col=33,endLine=10,endColumn=34,title=score-invalid::Scalability: 7 is outside the scale 1-4');
  });

  it("finds docs/diagnostics.md on the package's repository, or at the action's own repository and ref", () => {
    assert.strictEqual(packageDocsUrl('git+https://github.com/acme/sdi.git'), 'https://github.com/acme/sdi/blob/HEAD/docs/diagnostics.md');
    assert.strictEqual(packageDocsUrl(''), undefined);
    const env = { GITHUB_SERVER_URL: 'https://github.example.com/', GITHUB_ACTION_REPOSITORY: 'acme/sdi-kit', GITHUB_ACTION_REF: 'v1.2' };
    assert.strictEqual(actionDocsUrl(env), 'https://github.example.com/acme/sdi-kit/blob/v1.2/docs/diagnostics.md');
    // A run step (not an action) has no action repository: no address.
    assert.strictEqual(actionDocsUrl({ ...env, GITHUB_ACTION_REPOSITORY: '' }), undefined);
    assert.strictEqual(actionDocsUrl({ ...env, GITHUB_ACTION_REF: undefined }), undefined);
  });

  it('writes a SARIF log the SARIF 2.1.0 schema accepts, with a rule per code', () => {
    const validate = sarifValidator();
    const log = sarifLog([
      { file: 'C:\\repo\\feedback\\a.md', diagnostics: [diagnostic(), diagnostic({ code: 'band-borderline', severity: 'information', message: 'between bands' })] },
      { file: 'D:\\x.md', diagnostics: [diagnostic({ code: 'weighted-score-stale', severity: 'warning' })] },
    ], { version: '0.2.0', docsUrl: 'https://github.com/acme/sdi/blob/v1/docs/diagnostics.md', cwd: 'C:\\repo', rules: path.win32 });
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.deepStrictEqual(run.tool.driver.rules.map((r) => r.id), FEEDBACK_CODE_LIST);
    assert.deepStrictEqual(run.results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.artifactLocation.uri]), [
      ['score-invalid', 'error', 'feedback/a.md'], ['band-borderline', 'note', 'feedback/a.md'], ['weighted-score-stale', 'warning', 'file:///D:/x.md'],
    ]);
    assert.deepStrictEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 10, startColumn: 33, endLine: 10, endColumn: 34 });
    const rule = run.tool.driver.rules[run.results[0].ruleIndex!];
    assert.strictEqual(rule.id, 'score-invalid');
    assert.strictEqual(rule.helpUri, 'https://github.com/acme/sdi/blob/v1/docs/diagnostics.md#score-invalid');
    assert.match(rule.help.text, /^A score is not an integer on the rubric scale.* the section score-invalid of docs\/diagnostics\.md\.$/);
    // Without the docs' address, no helpUri, and the help text still there.
    const offline = sarifLog([], { version: '0.2.0', cwd: '/repo', rules: path.posix });
    assert.ok(validate(offline), JSON.stringify(validate.errors, null, 2));
    assert.ok(offline.runs[0].tool.driver.rules.every((r) => !('helpUri' in r) && r.help.text.includes(r.id)));
    assert.deepStrictEqual(rule.defaultConfiguration, { level: 'error' });
    // The schema can fail: a result without its message is refused.
    const broken = JSON.parse(JSON.stringify(log)) as { runs: { results: Record<string, unknown>[] }[] };
    delete broken.runs[0].results[0].message;
    assert.strictEqual(validate(broken), false);
  });
});

describe('sdi-feedback for CI: folders, --format and --fail-on', () => {
  let dir: string;
  let cli: string;
  const write = (rel: string, text: string) => {
    const p = path.join(dir, 'repo', rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: path.join(dir, 'repo'), encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  // A clean feedback, one with an error (a score off the scale), one with only a warning (no weighted score written).
  const CLEAN = () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] });
  const BAD = () => fill({ scores: [3, 3, 7, 3, 3], weighted: '3.20', recommend: ['hire'] });
  const WARNED = () => fill({ scores: [3, 3, 4, 3, 3], recommend: ['hire'] });

  before(function () {
    if (!fs.existsSync(BUILT)) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-ci-'));
    cli = installCli(path.join(dir, 'package'));
    write('interview-feedback/2026/b-bad.md', BAD());
    write('interview-feedback/a-clean.md', CLEAN());
    write('interview-feedback/c-warned.md', WARNED().replace(/\n/g, '\r\n'));
    write('interview-feedback/notes.md', '# Notes of the panel\n\nNo scores here.\n');
    write('README.md', '# Hiring\n');
    write('.hidden/bad.md', BAD());
    write('node_modules/pkg/bad.md', BAD());
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('walks a folder for feedback: hidden folders, node_modules and Markdown without a scores heading are skipped', () => {
    const r = run('--json', '.');
    assert.deepStrictEqual((JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file), [
      path.join('interview-feedback', '2026', 'b-bad.md'), path.join('interview-feedback', 'a-clean.md'), path.join('interview-feedback', 'c-warned.md'),
    ]);
    assert.strictEqual(r.code, 1);
  });

  it('checks a file named on the command line even without a scores heading, in the order given', () => {
    const r = run('README.md', 'interview-feedback');
    assert.match(r.stdout.split('\n')[0], /^README\.md:1:1 error scores-block-missing /);
    assert.ok(r.stdout.includes(`${path.join('interview-feedback', '2026', 'b-bad.md')}:`), r.stdout);
  });

  it('reads a CRLF file with the same lines and columns as an LF one', () => {
    write('lf/c-warned.md', WARNED());
    const crlf = run('--json', 'interview-feedback/c-warned.md');
    const lf = run('--json', 'lf/c-warned.md');
    const diagnostics = (out: string) => (JSON.parse(out) as { diagnostics: unknown[] }[])[0].diagnostics;
    assert.deepStrictEqual(diagnostics(crlf.stdout), diagnostics(lf.stdout));
    assert.strictEqual(diagnostics(crlf.stdout).length, 1);
  });

  it('prints --format json exactly as --json', () => {
    const a = run('--format', 'json', 'interview-feedback');
    const b = run('--json', 'interview-feedback');
    assert.strictEqual(a.stdout, b.stdout);
    assert.strictEqual(a.code, b.code);
  });

  it('prints one workflow command per diagnostic with --format github', () => {
    const r = run('--format=github', 'interview-feedback');
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.length >= 2, r.stdout);
    for (const l of lines) assert.match(l, /^::(error|warning|notice) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z-]+::.+$/);
    assert.ok(lines.some((l) => l.startsWith('::error file=interview-feedback/2026/b-bad.md,') && l.includes(',title=score-invalid::')), r.stdout);
    assert.ok(lines.some((l) => l.startsWith('::warning file=interview-feedback/c-warned.md,') && l.includes(',title=weighted-score-stale::')), r.stdout);
    assert.strictEqual(r.code, 1);
  });

  it('prints a SARIF log the schema accepts with --format sarif', () => {
    const r = run('--format', 'sarif', 'interview-feedback');
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { name: string; version: string } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    assert.deepStrictEqual(log.runs[0].tool.driver.name, 'sdi-feedback');
    assert.strictEqual(log.runs[0].tool.driver.version, version);
    assert.deepStrictEqual(log.runs[0].results.map((x) => [x.ruleId, x.locations[0].physicalLocation.artifactLocation.uri]), [
      ['score-invalid', 'interview-feedback/2026/b-bad.md'], ['weighted-score-stale', 'interview-feedback/c-warned.md'],
    ]);
    assert.strictEqual(r.code, 1);
    const linked = JSON.parse(run('--format', 'sarif', '--docs-url', 'https://git.example.com/hiring/sdi/docs/diagnostics.md', 'interview-feedback').stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] };
    assert.ok(validate(linked), JSON.stringify(validate.errors, null, 2));
    assert.deepStrictEqual(linked.runs[0].tool.driver.rules.map((x) => x.helpUri), FEEDBACK_CODE_LIST.map((code) => `https://git.example.com/hiring/sdi/docs/diagnostics.md#${code}`));
  });

  it('exits 1 on a warning with --fail-on warning, 0 without', () => {
    assert.strictEqual(run('interview-feedback/c-warned.md').code, 0);
    assert.strictEqual(run('--fail-on', 'warning', 'interview-feedback/c-warned.md').code, 1);
    assert.strictEqual(run('--fail-on', 'warning', 'interview-feedback/a-clean.md').code, 0);
  });

  it('refuses a bad --format or --fail-on, and formats a mode cannot print, as usage errors', () => {
    for (const [args, message] of [
      [['--format', 'xml', 'a.md'], '--format needs text, json, sarif or github'],
      [['--json', '--format', 'sarif', 'a.md'], '--json and --format sarif exclude each other'],
      [['--fail-on', 'note', 'a.md'], '--fail-on needs error or warning'],
      [['--report', '--format', 'github', '.'], '--report prints text, json or CSV, not github'],
      [['--report', '--fail-on', 'warning', '.'], '--report does not take --fail-on'],
      [['--check-kit', 'kit', '--format', 'sarif'], '--check-kit prints text or json, not sarif'],
      [['--docs-url', 'https://x.example/d.md', 'a.md'], '--docs-url goes with --format sarif'],
      [['--format', 'sarif', '--docs-url', 'docs/diagnostics.md', 'a.md'], '--docs-url needs an http or https address (without #)'],
    ] as const) {
      const r = run(...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.ok(r.stderr.startsWith(`sdi-feedback: ${message}\n`), r.stderr);
    }
  });
});
