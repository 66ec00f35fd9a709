import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, fill } from '../fixtures/feedback/fill';

const CLI = path.join(ROOT, 'dist', 'cli.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('sdi-feedback CLI', () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const CLEAN = () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] });

  before(function () {
    if (!fs.existsSync(CLI)) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-feedback-'));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and prints nothing for a clean feedback', () => {
    const r = run(file('clean.md', CLEAN()));
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(r.code, 0);
  });

  it('exits 0 when only information and warnings are found', () => {
    const r = run(file('blank.md', fill({ scores: [3, 3, 4, 3, 3], recommend: ['hire'] })));
    assert.match(r.stdout, /^.*blank\.md:15:23 warning weighted-score-stale .+$/m);
    assert.strictEqual(r.code, 0);
  });

  it('prints file:line:column severity code message, 1-based, and exits 1 on an error', () => {
    const p = file('bad.md', fill({ scores: [3, 3, 'five', 3, 3], weighted: '3.20', recommend: ['hire', 'no-hire'] }));
    const r = run(p);
    assert.strictEqual(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) assert.match(l, /^.+:\d+:\d+ (error|warning|information) [a-z-]+ .+$/);
    assert.ok(lines.includes(`${p}:12:40 error score-invalid Distributed Systems Knowledge: "five" is not a score 1-4`), r.stdout);
    assert.ok(lines.some((l) => l.startsWith(`${p}:63:3 error recommendation-multiple `)), r.stdout);
  });

  it('reports a document with no scores block as an error', () => {
    const r = run(file('notes.md', '# Notes\n'));
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /notes\.md:1:1 error scores-block-missing /);
  });

  it('--json prints one object per file with the specified shape', () => {
    const a = file('a.md', CLEAN());
    const b = file('b.md', fill({ scores: [3, 3, 4] }));
    const r = run('--json', a, b);
    assert.strictEqual(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.ok(Array.isArray(out) && out.length === 2);
    assert.deepStrictEqual(out[0], { file: a, scored: 5, weightedScore: 3.2, band: 'hire', recommendation: 'hire', diagnostics: [] });
    assert.deepStrictEqual(Object.keys(out[1]), ['file', 'scored', 'weightedScore', 'band', 'recommendation', 'diagnostics']);
    assert.strictEqual(out[1].scored, 3);
    assert.strictEqual(out[1].weightedScore, null);
    assert.strictEqual(out[1].band, null);
    assert.strictEqual(out[1].recommendation, null);
    assert.deepStrictEqual(out[1].diagnostics[0], { code: 'score-unfilled', severity: 'information', line: 13, column: 31, endLine: 13, endColumn: 36, message: 'Production Readiness is not scored yet' });
    for (const d of out[1].diagnostics) assert.deepStrictEqual(Object.keys(d), ['code', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message']);
  });

  it('--json gives a borderline band and the checked recommendation', () => {
    // 4,3,3,4,3 -> 1.2 + 0.75 + 0.6 + 0.6 + 0.3 = 3.45
    const p = file('border.md', fill({ scores: [4, 3, 3, 4, 3], weighted: '3.45', recommend: ['strong-hire'] }));
    const out = JSON.parse(run('--json', p).stdout);
    assert.strictEqual(out[0].weightedScore, 3.45);
    assert.strictEqual(out[0].band, 'hire');
    assert.strictEqual(out[0].recommendation, 'strong-hire');
    assert.deepStrictEqual(out[0].diagnostics.map((d: { code: string }) => d.code), ['band-borderline']);
  });

  it('--fix writes the weighted score and nothing else, keeping CRLF and a byte-order mark', () => {
    const text = '\uFEFF' + fill({ scores: [4, 4, 4, 4, 4], weighted: '1.00', recommend: ['hire'] }).replace(/\n/g, '\r\n');
    const p = file('fix.md', text);
    const r = run('--fix', p);
    assert.strictEqual(fs.readFileSync(p, 'utf8'), text.replace('1.00 / 4.0', '4.00 / 4.0'));
    assert.doesNotMatch(r.stdout, /weighted-score-stale/);
    assert.match(r.stdout, /recommendation-mismatch/, 'the rest is reported, not fixed');
    assert.strictEqual(r.code, 0);
    const again = run('--fix', p);
    assert.strictEqual(fs.readFileSync(p, 'utf8'), text.replace('1.00 / 4.0', '4.00 / 4.0'));
    assert.strictEqual(again.stdout, r.stdout);
  });

  it('--fix leaves a file untouched when nothing is to write', () => {
    const p = file('same.md', fill({ scores: [3, 3, 4] }));
    const before = fs.statSync(p).mtimeMs;
    const text = fs.readFileSync(p, 'utf8');
    run('--fix', p);
    assert.strictEqual(fs.readFileSync(p, 'utf8'), text);
    assert.strictEqual(fs.statSync(p).mtimeMs, before);
  });

  it('--allow-half-points accepts half scores', () => {
    const p = file('half.md', fill({ scores: [3.5, 3, 4, 3, 3], weighted: '3.35', recommend: ['hire'] }));
    assert.strictEqual(run(p).code, 1);
    assert.strictEqual(run('--allow-half-points', p).code, 0);
  });

  it('exits 2 with a message on a usage error', () => {
    for (const args of [[], ['--json'], ['--frobnicate', 'x.md']]) {
      const r = run(...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, /sdi-feedback: .+\nusage: sdi-feedback/);
      assert.strictEqual(r.stdout, '');
    }
  });

  it('--help prints the usage and exits 0', () => {
    const r = run('--help');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^usage: sdi-feedback/);
  });

  it('exits 2 on a read error, and still checks the other files', () => {
    const good = file('good.md', fill({ scores: [3, 'x', 4, 3, 3] }));
    const r = run(path.join(dir, 'missing.md'), good, dir);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /cannot read .*missing\.md: ENOENT/);
    assert.match(r.stderr, /cannot read .*: EISDIR/);
    assert.match(r.stdout, /good\.md:11:36 error score-invalid/);
  });

  it('reads the rubric from the content folder beside dist/', () => {
    // A package laid out as installed: dist/cli.js and a content/ folder whose rubric weighs differently.
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-pkg-'));
    try {
      fs.mkdirSync(path.join(pkg, 'dist'));
      fs.copyFileSync(CLI, path.join(pkg, 'dist', 'cli.js'));
      fs.cpSync(path.join(ROOT, 'content'), path.join(pkg, 'content'), { recursive: true });
      const p = file('pkg.md', CLEAN());
      assert.strictEqual(spawnSync(process.execPath, [path.join(pkg, 'dist', 'cli.js'), p], { encoding: 'utf8' }).status, 0);
      fs.rmSync(path.join(pkg, 'content', 'rubric.json'));
      const r = spawnSync(process.execPath, [path.join(pkg, 'dist', 'cli.js'), p], { encoding: 'utf8' });
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /cannot load the rubric/);
    } finally {
      fs.rmSync(pkg, { recursive: true, force: true });
    }
  });
});
