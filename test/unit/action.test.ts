import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, fill } from '../fixtures/feedback/fill';

const BUNDLE = path.join(ROOT, 'action', 'dist', 'index.js');

describe('the GitHub Action', function () {
  this.timeout(60_000);
  let dir: string;
  const repo = () => path.join(dir, 'hiring');

  /** Runs the action's entry point as the runner does: inputs as INPUT_* variables, the summary and output files in the environment. */
  function runAction(inputs: Record<string, string>, runner: Record<string, string> = {}) {
    const summary = path.join(dir, `summary-${Math.random().toString(36).slice(2)}.md`);
    const output = path.join(dir, `output-${Math.random().toString(36).slice(2)}.txt`);
    fs.writeFileSync(summary, '');
    fs.writeFileSync(output, '');
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTION_REPOSITORY: '', GITHUB_ACTION_REF: '', ...runner, GITHUB_STEP_SUMMARY: summary, GITHUB_OUTPUT: output };
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
    const r = spawnSync(process.execPath, [BUNDLE], { cwd: repo(), encoding: 'utf8', env });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, summary: fs.readFileSync(summary, 'utf8'), output: fs.readFileSync(output, 'utf8') };
  }

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-action-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(repo(), rel)), { recursive: true });
      fs.writeFileSync(path.join(repo(), rel), text);
    };
    write('interview-feedback/a.md', fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'], candidate: 'Ada', interviewer: 'Grace' }));
    write('interview-feedback/b.md', fill({ scores: [3, 3, 7, 3, 3], weighted: '3.20', recommend: ['hire'], candidate: 'Ada', interviewer: 'Linus' }));
    write('interview-feedback/c.md', fill({ scores: [3, 3, 4, 3, 3], recommend: ['hire'], candidate: 'Bob', interviewer: 'Grace' }));
    write('README.md', '# Hiring\n');
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('has a committed bundle that matches a fresh build of src/action/', () => {
    const fresh = path.join(dir, 'fresh', 'index.js');
    const script = "import * as esbuild from 'esbuild'; import { actionOptions } from './esbuild.mjs'; await esbuild.build(actionOptions(process.argv[1]));";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, fresh], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(fs.readFileSync(fresh, 'utf8') === fs.readFileSync(BUNDLE, 'utf8'), 'action/dist/index.js differs from a fresh build: run `node esbuild.mjs --action` and commit it');
  });

  it('prints the annotations the CLI prints with --format github, writes the summary and the outputs, and fails on an error', () => {
    const r = runAction({ paths: '.', report: 'true' });
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--format', 'github', '.'], { cwd: repo(), encoding: 'utf8' });
    assert.strictEqual(r.stdout, cli.stdout);
    assert.match(r.stdout, /^::error file=interview-feedback\/b\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=score-invalid::/m);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.output, 'errors=1\nwarnings=1\nfiles=3\n');
    assert.ok(r.summary.includes('3 feedback files checked: 1 errors, 1 warnings.'), r.summary);
    assert.ok(r.summary.includes('| `score-invalid` | error | 1 |'), r.summary);
    assert.ok(r.summary.includes('| `weighted-score-stale` | warning | 1 |'), r.summary);
    assert.ok(r.summary.includes('| interview-feedback/a.md | 3.20 | hire |'.replace(/\//g, path.sep)), r.summary);
    assert.ok(r.summary.includes('## Calibration'), r.summary);
    // The calibration tables as Markdown tables: Grace scored a (b's scores hold an invalid one).
    assert.match(r.summary, /^\| Interviewer \| n \| mean \| offset from panel \|\n\|---\|---:\|---:\|---\|\n\| Grace \| 2 \| 3\\\.20 \| no shared candidate; recommendation ≠ band 0% \|$/m);
    assert.match(r.summary, /^\| Technical Architecture \\\(30%\\\) \| 2 \| 3\\\.00 \| 1:0 2:0 3:2 4:0 \|$/m, 'the dimensions by name, as --report names them');
    assert.match(r.summary, /^\| Dimension \| n \| mean \| scores \|$/m);
    assert.match(r.summary, /^\| Problem \| n \| mean \| bands \|$/m);
    assert.doesNotMatch(r.summary, /```/);
  });

  it('fails on a warning with fail-on: warning only, and leaves the report out unless asked', () => {
    const warned = runAction({ paths: 'interview-feedback/c.md', 'fail-on': 'warning' });
    assert.strictEqual(warned.code, 1);
    assert.strictEqual(warned.output, 'errors=0\nwarnings=1\nfiles=1\n');
    const passed = runAction({ paths: '  interview-feedback/a.md\r\n\n interview-feedback/c.md \n' });
    assert.strictEqual(passed.code, 0, passed.stdout);
    assert.strictEqual(passed.output, 'errors=0\nwarnings=1\nfiles=2\n');
    assert.ok(!passed.summary.includes('## Calibration'), passed.summary);
  });

  it('writes a SARIF log with sarif: FILE, as the CLI prints it, each rule linked to the docs at the action\'s own ref', () => {
    const runner = { GITHUB_SERVER_URL: 'https://github.com', GITHUB_ACTION_REPOSITORY: 'acme/sdi-kit', GITHUB_ACTION_REF: 'v1' };
    const r = runAction({ paths: 'interview-feedback', sarif: 'out/results.sarif' }, runner);
    assert.strictEqual(r.code, 1, r.stdout);
    const written = fs.readFileSync(path.join(repo(), 'out', 'results.sarif'), 'utf8');
    const docs = 'https://github.com/acme/sdi-kit/blob/v1/docs/diagnostics.md';
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), '--format', 'sarif', '--docs-url', docs, 'interview-feedback'], { cwd: repo(), encoding: 'utf8' });
    assert.strictEqual(written, cli.stdout);
    const rule = (JSON.parse(written) as { runs: { tool: { driver: { rules: { id: string; helpUri?: string }[] } } }[] }).runs[0].tool.driver.rules.find((x) => x.id === 'score-invalid');
    assert.strictEqual(rule?.helpUri, `${docs}#score-invalid`);
  });
});
