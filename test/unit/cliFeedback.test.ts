import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateFeedbackTemplate } from '../../src/core/feedback';
import { rubricFingerprint, rubricRecordLine } from '../../src/core/kit/record';
import { installCli } from '../fixtures/cliPackage';
import { ROOT, content, fill } from '../fixtures/feedback/fill';
import { SIX_DIMENSION_RUBRIC, expected, fillAny, writeKit } from '../fixtures/feedback/kits';

const BUILT = path.join(ROOT, 'dist', 'cli.js');
/** The CLI under test: a copy of the build laid out as an installed package (test/fixtures/cliPackage.ts). */
let CLI = BUILT;

/** Where `token` is on the first line holding `lineText`, 1-based as the CLI prints it: found by content, never by line number. */
function at(text: string, lineText: string, token: string): { line: number; column: number } {
  const lines = text.split(/\r\n|\r|\n/);
  const i = lines.findIndex((l) => l.includes(lineText));
  assert.ok(i >= 0, `no line holds "${lineText}"`);
  const c = lines[i].indexOf(token, lines[i].indexOf(lineText) >= 0 && lines[i].indexOf(token) < 0 ? 0 : 0);
  assert.ok(c >= 0, `"${token}" is not on the line of "${lineText}"`);
  return { line: i + 1, column: c + 1 };
}
const scale = () => content().rubric.scale;
const placeholder = () => `[${scale().min}-${scale().max}]`;

/** What `--json` prints for each file (the fields these tests read). */
interface JsonFile {
  file: string; scored: number; weightedScore: number | null; band: string | null; recommendation: string | null;
  diagnostics: { code: string; severity: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
  feedbacks: { line: number; scored: number; weightedScore: number | null; band: string | null; recommendation: string | null; scores: Record<string, number> }[];
}
const jsonFiles = (stdout: string) => JSON.parse(stdout) as JsonFile[];

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

  before(() => {
    // npm test builds first: a missing CLI is a failure, not a reason to skip.
    assert.ok(fs.existsSync(BUILT), `${BUILT} is missing: build first (node esbuild.mjs)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-feedback-'));
    CLI = installCli(path.join(dir, 'package'));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and prints nothing for a clean feedback', () => {
    const r = run(file('clean.md', CLEAN()));
    assert.strictEqual(r.stdout, '');
    assert.strictEqual(r.code, 0);
  });

  it('exits 0 when only information and warnings are found', () => {
    const text = fill({ scores: [3, 3, 4, 3, 3], recommend: ['hire'] });
    const p = file('blank.md', text);
    const r = run(p);
    const w = at(text, 'Weighted Score', '[Score]');
    assert.ok(r.stdout.split('\n').some((l) => l.startsWith(`${p}:${w.line}:${w.column} warning weighted-score-stale `)), r.stdout);
    assert.strictEqual(r.code, 0);
  });

  it('prints file:line:column severity code message, 1-based, and exits 1 on an error', () => {
    const text = fill({ scores: [3, 3, 'five', 3, 3], weighted: '3.20', recommend: ['hire', 'no-hire'] });
    const p = file('bad.md', text);
    const r = run(p);
    assert.strictEqual(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    for (const l of lines) assert.match(l, /^.+:\d+:\d+ (error|warning|information) [a-z-]+ .+$/);
    const five = at(text, 'Distributed Systems Knowledge', 'five');
    assert.ok(lines.includes(`${p}:${five.line}:${five.column} error score-invalid Distributed Systems Knowledge: "five" is not a score ${scale().min}-${scale().max}`), r.stdout);
    const second = at(text, '[x] No Hire', '[x]');
    assert.ok(lines.some((l) => l.startsWith(`${p}:${second.line}:${second.column} error recommendation-multiple `)), r.stdout);
  });

  it('reports a document with no scores block as an error', () => {
    const r = run(file('notes.md', '# Notes\n'));
    assert.strictEqual(r.code, 1);
    assert.match(r.stdout, /notes\.md:1:1 error scores-block-missing /);
  });

  it('--json prints one object per file with the specified shape', () => {
    const a = file('a.md', CLEAN());
    const bText = fill({ scores: [3, 3, 4] });
    const b = file('b.md', bText);
    const r = run('--json', a, b);
    assert.strictEqual(r.code, 0);
    const out = jsonFiles(r.stdout);
    assert.ok(Array.isArray(out) && out.length === 2);
    const heading = at(CLEAN(), 'Scores (Weighted)', '#').line;
    assert.deepStrictEqual(out[0], {
      file: a, scored: 5, weightedScore: 3.2, band: 'hire', recommendation: 'hire', diagnostics: [],
      feedbacks: [{
        line: heading, scored: 5, dimensions: 5, weightedScore: 3.2, band: 'hire', recommendation: 'hire', borderline: false,
        scores: { 'technical-architecture': 3, 'scalability-performance': 3, 'distributed-systems-knowledge': 4, 'production-readiness': 3, 'communication-leadership': 3 },
      }],
      notes: { total: 0, byDimension: Object.fromEntries(content().rubric.dimensions.map((d) => [d.id, { plus: 0, minus: 0, neutral: 0 }])) },
    });
    assert.deepStrictEqual(Object.keys(out[1]), ['file', 'scored', 'weightedScore', 'band', 'recommendation', 'diagnostics', 'feedbacks', 'notes']);
    assert.strictEqual(out[1].scored, 3);
    assert.strictEqual(out[1].weightedScore, null);
    assert.strictEqual(out[1].band, null);
    assert.strictEqual(out[1].recommendation, null);
    const unfilled = at(bText, 'Production Readiness', placeholder());
    assert.deepStrictEqual(out[1].diagnostics[0], {
      code: 'score-unfilled', severity: 'information', line: unfilled.line, column: unfilled.column, endLine: unfilled.line, endColumn: unfilled.column + placeholder().length,
      message: 'Production Readiness is not scored yet',
    });
    for (const d of out[1].diagnostics) assert.deepStrictEqual(Object.keys(d), ['code', 'severity', 'line', 'column', 'endLine', 'endColumn', 'message']);
  });

  it('--json lists every feedback of a file in `feedbacks`, each with its own summary', () => {
    const one = CLEAN();
    const two = fill({ candidate: 'Bob', scores: [2, 2, 2, 2, 2], weighted: '2.00', recommend: ['no-hire'] });
    const three = fill({ candidate: 'Cy', scores: [4, 4] });
    const text = `${one}\n${two}\n${three}`;
    const out = jsonFiles(run('--json', file('three.md', text)).stdout);
    assert.strictEqual(out[0].band, 'hire', 'the top level is the first feedback, as before');
    assert.deepStrictEqual(out[0].feedbacks.map((f: { scored: number; weightedScore: number | null; band: string | null; recommendation: string | null }) => [f.scored, f.weightedScore, f.band, f.recommendation]), [
      [5, 3.2, 'hire', 'hire'],
      [5, 2, 'no-hire', 'no-hire'],
      [2, null, null, null],
    ]);
    const headings = text.split('\n').flatMap((l, i) => (l.includes('Scores (Weighted)') ? [i + 1] : []));
    assert.deepStrictEqual(out[0].feedbacks.map((f: { line: number }) => f.line), headings);
  });

  it('--json counts the notes and every tag occurrence per dimension, every dimension present', () => {
    const notes = [
      '', '## Interview Notes', '', '### Requirements', '', '- [02:10] asked about read-heavy load (+prod)',
      '- [23:10] +scale sharded the timeline by user id, -dist no idea of quorum reads', '', '### Deep Dive', '',
      '- typed by hand: +scale, #comm; -1 on caching, - scale later, +scaled out', '- [1:02:03] no tag at all', '',
      '```', '- [40:00] +arch inside a fence is no note', '```', '',
    ].join('\n');
    const text = CLEAN() + notes;
    const out = jsonFiles(run('--json', file('notes.md', text)).stdout) as (JsonFile & { notes: unknown })[];
    assert.deepStrictEqual(out[0].notes, {
      total: 4,
      byDimension: {
        'technical-architecture': { plus: 0, minus: 0, neutral: 0 },
        'scalability-performance': { plus: 2, minus: 0, neutral: 0 },
        'distributed-systems-knowledge': { plus: 0, minus: 1, neutral: 0 },
        'production-readiness': { plus: 1, minus: 0, neutral: 0 },
        'communication-leadership': { plus: 0, minus: 0, neutral: 1 },
      },
    });
    assert.strictEqual(out[0].weightedScore, 3.2, 'the feedback is read as before');
    // Tags outside the notes section count for nothing; CRLF reads the same.
    const outside = jsonFiles(run('--json', file('outside.md', CLEAN().replace('### Recommendation', '- +scale +dist outside the notes\n\n### Recommendation'))).stdout) as (JsonFile & { notes: { total: number } })[];
    assert.strictEqual(outside[0].notes.total, 0);
    const crlf = jsonFiles(run('--json', file('notes-crlf.md', text.replace(/\n/g, '\r\n'))).stdout) as (JsonFile & { notes: unknown })[];
    assert.deepStrictEqual(crlf[0].notes, out[0].notes);
  });

  it('--json gives a borderline band and the checked recommendation', () => {
    // 4,3,3,4,3 -> 1.2 + 0.75 + 0.6 + 0.6 + 0.3 = 3.45
    const p = file('border.md', fill({ scores: [4, 3, 3, 4, 3], weighted: '3.45', recommend: ['strong-hire'] }));
    const out = jsonFiles(run('--json', p).stdout);
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

  describe('arguments (node:util parseArgs, strict)', () => {
    /** The usage error the CLI prints for these arguments: exit 2, the message, then the usage, nothing on stdout. */
    const usageError = (...args: string[]) => {
      const r = run(...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.strictEqual(r.stdout, '', args.join(' '));
      const m = /^sdi-feedback: (.+)\nusage: sdi-feedback /.exec(r.stderr);
      assert.ok(m, r.stderr);
      return m[1];
    };

    it('an option that takes a value never takes the next option as its value: `--kit --json x.md` is a usage error', () => {
      assert.strictEqual(usageError('--kit', '--json', 'x.md'), '--kit needs a folder');
      assert.strictEqual(usageError('--check-kit', '--json'), '--check-kit needs a folder');
    });

    it('--window-days without its value, at the end or before another option, is a usage error', () => {
      assert.strictEqual(usageError('--report', dir, '--window-days'), '--window-days needs a whole number of days');
      assert.strictEqual(usageError('--report', '--window-days', '--json', dir), '--window-days needs a whole number of days');
      assert.strictEqual(usageError('--report', dir, '--min-n'), '--min-n needs a whole number of feedbacks');
    });

    it('--window-days takes only a whole number', () => {
      for (const value of ['abc', '-3', '1.5', '']) assert.strictEqual(usageError('--report', `--window-days=${value}`, dir), '--window-days needs a whole number of days', value);
      assert.strictEqual(usageError('--report', '--window-days', 'abc', dir), '--window-days needs a whole number of days');
    });

    it('names an unknown option, and an option given a value it does not take', () => {
      assert.strictEqual(usageError('--bogus', 'x.md'), 'unknown option: --bogus');
      assert.strictEqual(usageError('-x', 'x.md'), 'unknown option: -x');
      assert.strictEqual(usageError('--json=yes', 'x.md'), '--json takes no value');
    });

    it('a repeated option: the last value counts', () => {
      const p = file('repeated.md', CLEAN());
      const last = run('--kit', path.join(dir, 'nowhere'), '--kit', writeKit(path.join(dir, 'repeated-kit')), '--json', '--json', p);
      // Checked against the kit's six dimensions, which the built-in feedback does not have.
      assert.strictEqual(last.code, 1, last.stderr);
      const [out] = jsonFiles(last.stdout);
      assert.ok(out.diagnostics.some((d) => d.code === 'score-missing'), last.stdout);
      const missing = run('--kit', writeKit(path.join(dir, 'repeated-kit')), '--kit', path.join(dir, 'nowhere'), p);
      assert.strictEqual(missing.code, 2);
      assert.match(missing.stderr, /^sdi-feedback: cannot read .*nowhere: ENOENT\n$/);
    });

    it('after `--`, an argument is a file even when it looks like an option', () => {
      fs.writeFileSync(path.join(dir, '--json'), CLEAN());
      const r = spawnSync(process.execPath, [CLI, '--', '--json'], { cwd: dir, encoding: 'utf8' });
      assert.strictEqual(r.stderr, '');
      assert.strictEqual(r.stdout, '', 'checked as a clean feedback, in text');
      assert.strictEqual(r.status, 0);
      const unread = spawnSync(process.execPath, [CLI, '--', '--json', 'absent.md'], { cwd: dir, encoding: 'utf8' });
      assert.match(unread.stderr, /^sdi-feedback: cannot read absent\.md: ENOENT\n$/);
      assert.strictEqual(unread.status, 2);
    });
  });

  it('--help prints the usage and exits 0', () => {
    const r = run('--help');
    assert.strictEqual(r.code, 0);
    assert.match(r.stdout, /^usage: sdi-feedback/);
  });

  it('exits 2 on a read error, and still checks the other files', () => {
    const text = fill({ scores: [3, 'x', 4, 3, 3] });
    const good = file('good.md', text);
    const r = run(path.join(dir, 'missing.md'), good);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /cannot read .*missing\.md: ENOENT/);
    const x = at(text, 'Scalability & Performance', ': x');
    assert.ok(r.stdout.includes(`good.md:${x.line}:${x.column + 2} error score-invalid`), r.stdout);
  });

  it('reads the rubric from the content folder beside dist/', () => {
    // A package laid out as installed: dist/cli.js and a content/ folder whose rubric weighs differently.
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-pkg-'));
    try {
      const cli = installCli(pkg);
      const p = file('pkg.md', CLEAN());
      assert.strictEqual(spawnSync(process.execPath, [cli, p], { encoding: 'utf8' }).status, 0);
      fs.rmSync(path.join(pkg, 'content', 'rubric.json'));
      const r = spawnSync(process.execPath, [cli, p], { encoding: 'utf8' });
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /cannot load the rubric/);
    } finally {
      fs.rmSync(pkg, { recursive: true, force: true });
    }
  });

  it('with the build\'s snapshot of the built-in guide, checks and reports without the kit loader (dist/cli-kits.js); a stale snapshot needs it', () => {
    const pkg = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-pkg-'));
    try {
      // No cli-kits.js: the snapshot alone must do for the built-in kit.
      const cli = installCli(pkg, ['cli.js', 'builtin-kit.json']);
      const p = file('snapshot.md', CLEAN());
      let r = spawnSync(process.execPath, [cli, p], { encoding: 'utf8' });
      assert.deepStrictEqual([r.status, r.stderr], [0, '']);
      r = spawnSync(process.execPath, [cli, '--report', '--json', p], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.strictEqual((JSON.parse(r.stdout) as { rows: unknown[] }).rows.length, 1);
      // Content that no longer matches the snapshot is loaded and validated by the loader: missing here, a clear error.
      fs.appendFileSync(path.join(pkg, 'content', 'guide.md'), '\n');
      r = spawnSync(process.execPath, [cli, p], { encoding: 'utf8' });
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /cannot load the rubric from the package's content folder:\n.*cli-kits\.js/);
      fs.copyFileSync(path.join(ROOT, 'dist', 'cli-kits.js'), path.join(pkg, 'dist', 'cli-kits.js'));
      r = spawnSync(process.execPath, [cli, p], { encoding: 'utf8' });
      assert.deepStrictEqual([r.status, r.stderr], [0, '']);
    } finally {
      fs.rmSync(pkg, { recursive: true, force: true });
    }
  });

  describe('--kit DIR', () => {
    let kitDir: string;
    /** The kit's own template, as New Feedback writes it (generated from the rubric: the kit has no feedback-template.md). */
    const kitTemplate = () => generateFeedbackTemplate(SIX_DIMENSION_RUBRIC, { name: 'Team Kit' })
      .replace('[Name]', 'Ada').replace('[Your Name]', 'Grace').replace('[Date]', '2024-03-15').replace('[Problem Title]', 'Rate Limiter').replace('[Years]', '9');
    const scores = [4, 4, 3, 5, 3, 4];

    before(() => {
      kitDir = writeKit(path.join(dir, 'kit'), { id: 'team', name: 'Team Kit', version: '2', archived: [{ ...SIX_DIMENSION_RUBRIC, version: '1', dimensions: SIX_DIMENSION_RUBRIC.dimensions.map((d, i) => ({ ...d, weight: [30, 10, 15, 20, 10, 15][i] })) }] });
    });

    it("checks a file against the kit's rubric: a 1–5 scale, six dimensions, three bands", () => {
      const e = expected(SIX_DIMENSION_RUBRIC, scores);
      const p = file('kit-clean.md', fillAny(kitTemplate(), SIX_DIMENSION_RUBRIC, { scores, weighted: e.text, check: ['Yes - hire'] }));
      const r = run('--kit', kitDir, '--json', p);
      assert.strictEqual(r.stderr, '');
      assert.strictEqual(r.code, 0);
      const [out] = jsonFiles(r.stdout);
      assert.deepStrictEqual([out.scored, out.weightedScore, out.band, out.recommendation, out.diagnostics], [6, e.value, 'yes', 'yes', []]);
      assert.deepStrictEqual(Object.keys(out.feedbacks[0].scores), SIX_DIMENSION_RUBRIC.dimensions.map((d) => d.id));
      // Without the kit, the built-in rubric knows none of these dimensions.
      const builtIn = run('--json', p);
      assert.strictEqual(builtIn.code, 1);
      assert.ok(jsonFiles(builtIn.stdout)[0].diagnostics.some((d: { code: string }) => d.code === 'score-missing'));
    });

    it("counts notes by the kit's dimensions, tagged by id when a dimension has no tag", () => {
      const body = fillAny(kitTemplate(), SIX_DIMENSION_RUBRIC, { scores, check: ['Yes - hire'] });
      const text = `${body}\n## Interview Notes\n\n- [01:00] +scaling #Communication -problem-framing +scale\n- [02:00] -scaling\n`;
      const zero = { plus: 0, minus: 0, neutral: 0 };
      const [out] = jsonFiles(run('--kit', kitDir, '--json', file('kit-notes.md', text)).stdout) as (JsonFile & { notes: unknown })[];
      assert.deepStrictEqual(out.notes, {
        total: 2,
        byDimension: {
          'problem-framing': { plus: 0, minus: 1, neutral: 0 }, architecture: zero, 'data-modeling': zero,
          scaling: { plus: 1, minus: 1, neutral: 0 }, operations: zero, communication: { plus: 0, minus: 0, neutral: 1 },
        },
      });
      // Without the kit: the built-in rubric's dimensions, where `+scale` is a tag and `+scaling` is not.
      const [builtIn] = jsonFiles(run('--json', file('kit-notes-builtin.md', text)).stdout) as (JsonFile & { notes: { total: number; byDimension: Record<string, unknown> } })[];
      assert.deepStrictEqual(Object.keys(builtIn.notes.byDimension), content().rubric.dimensions.map((d) => d.id));
      assert.deepStrictEqual(builtIn.notes.byDimension['scalability-performance'], { plus: 1, minus: 0, neutral: 0 });
      // A recorded rubric the kit does not have: the notes are counted, by no dimension.
      const unknown = rubricRecordLine('team', { version: '7', fingerprint: '00000000' }) + '\n' + text;
      const [u] = jsonFiles(run('--kit', kitDir, '--json', file('kit-notes-v7.md', unknown)).stdout) as (JsonFile & { notes: unknown })[];
      assert.deepStrictEqual(u.notes, { total: 2, byDimension: {} });
    });

    it("reports scores off the kit's scale and a recommendation against its band, in its words", () => {
      const text = fillAny(kitTemplate(), SIX_DIMENSION_RUBRIC, { scores: [3, 3, 3, 3, 3, 6], weighted: '3.00', check: ['Yes - hire'] });
      const p = file('kit-bad.md', text);
      const r = run('--kit', kitDir, p);
      assert.strictEqual(r.code, 1);
      const six = at(text, 'Communication (15%)', ': 6');
      assert.ok(r.stdout.includes(`${p}:${six.line}:${six.column + 2} error score-invalid Communication: 6 is outside the scale 1-5`), r.stdout);
      const fixed = file('kit-mismatch.md', text.replace('(15%): 6 / 5', '(15%): 3 / 5'));
      const m = run('--kit', kitDir, fixed);
      assert.strictEqual(m.code, 0);
      assert.match(m.stdout, /warning recommendation-mismatch Yes is checked, but the weighted score 3\.00 is Lean Yes \(3\.0\u20133\.8\)/);
    });

    it("a file's recorded rubric decides: the built-in one, an archived version, or an unknown one", () => {
      const e = expected(SIX_DIMENSION_RUBRIC, scores);
      const body = fillAny(kitTemplate(), SIX_DIMENSION_RUBRIC, { scores, weighted: e.text, check: ['Yes - hire'] });
      // Recorded under the kit's older version 1 (other weights): scored with those weights, not today's.
      const v1 = { ...SIX_DIMENSION_RUBRIC, version: '1', dimensions: SIX_DIMENSION_RUBRIC.dimensions.map((d, i) => ({ ...d, weight: [30, 10, 15, 20, 10, 15][i] })) };
      const old = expected(v1, scores);
      const recorded = rubricRecordLine('team', { version: '1', fingerprint: rubricFingerprint(v1) }) + '\n' + body.replace(`${e.text} / 5.0`, `${old.text} / 5.0`).replace(/\(25%\)/, '(10%)').replace('Problem Framing (15%)', 'Problem Framing (30%)');
      const r = run('--kit', kitDir, '--json', file('kit-v1.md', recorded));
      const [out] = jsonFiles(r.stdout);
      assert.strictEqual(out.weightedScore, old.value);
      assert.deepStrictEqual(out.diagnostics, []);
      assert.strictEqual(r.code, 0);

      // Recorded under the built-in guide: its rubric, even with --kit.
      const builtInText = rubricRecordLine('builtin', { version: '1', fingerprint: rubricFingerprint(content().rubric) }) + '\n' + CLEAN();
      const b = run('--kit', kitDir, '--json', file('kit-builtin.md', builtInText));
      assert.strictEqual(jsonFiles(b.stdout)[0].band, 'hire');
      assert.strictEqual(b.code, 0);

      // A version the kit does not have: one clear error on the record line, no scores.
      const unknown = rubricRecordLine('team', { version: '7', fingerprint: '00000000' }) + '\n' + body;
      const u = run('--kit', kitDir, file('kit-v7.md', unknown));
      assert.strictEqual(u.code, 1);
      assert.match(u.stdout, /kit-v7\.md:1:1 error rubric-unknown .*"7"/);
      assert.strictEqual(u.stdout.trim().split('\n').length, 1);
    });

    it("reads feedback with the kit's own template and kit.yaml's template hints", () => {
      const template = [
        '# Loop feedback', '', '**Candidate:** [Name]', '**Date:** [Date]', '', '## Ratings',
        ...SIX_DIMENSION_RUBRIC.dimensions.map((d) => `- ${d.name} (${d.weight}%): [1-5] / 5`),
        '- **Overall:** [Score] / 5.0', '', '## Level', '- [ ] Senior', '- [ ] Staff', '', '## Next steps', '- [ ] Staff track interview', '',
        '## Recommendation', '- [ ] Yes - hire for this level', '- [ ] Lean Yes', '- [ ] No - not at this level', '',
      ].join('\n');
      const own = writeKit(path.join(dir, 'own-template-kit'), {
        template,
        kitYaml: 'id: own\nname: Own Template\nversion: 2\ntemplate:\n  singleChoice: [Level]\n  topBandOnly: [Staff track]\n',
      });
      // 3 everywhere = 3.00, Lean Yes: two levels checked and the staff track are both flagged.
      const text = fillAny(template.replace('[Name]', 'Ada').replace('[Date]', '2024-03-15'), SIX_DIMENSION_RUBRIC, { scores: [3, 3, 3, 3, 3, 3], check: ['Senior', 'Staff', 'Staff track interview', 'Lean Yes'] });
      const r = run('--kit', own, '--json', file('own.md', text));
      assert.strictEqual(r.stderr, '');
      const [out] = jsonFiles(r.stdout);
      assert.strictEqual(out.band, 'lean-yes');
      assert.strictEqual(out.recommendation, 'lean-yes');
      assert.deepStrictEqual(out.diagnostics.map((d: { code: string }) => d.code), ['weighted-score-stale', 'checkbox-multiple', 'top-band-only-checked']);
      const stale = at(text, '**Overall:**', '[Score]');
      assert.deepStrictEqual([out.diagnostics[0].line, out.diagnostics[0].column], [stale.line, stale.column]);
      assert.strictEqual(out.diagnostics[0].message, 'The weighted score is not written; it is 3.00 / 5.0');
      assert.strictEqual(r.code, 1, 'checkbox-multiple is an error');
    });

    it('prints kit errors on stderr with file:line:column and exits 2', () => {
      const broken = writeKit(path.join(dir, 'broken-kit'), { rubric: { ...SIX_DIMENSION_RUBRIC, dimensions: SIX_DIMENSION_RUBRIC.dimensions.map((d, i) => (i === 0 ? { ...d, weight: 10 } : d)) } });
      const r = run('--kit', broken, file('any.md', CLEAN()));
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, new RegExp(`${path.join(broken, 'rubric.yaml').replace(/[\\/.]/g, '\\$&')}:\\d+:\\d+ error \\S+ .*weights must sum to 100 \\(they sum to 95\\)`));
      assert.strictEqual(run('--kit', path.join(dir, 'no-such-kit'), file('any2.md', CLEAN())).code, 2);
      assert.strictEqual(run('--kit').code, 2);
    });
  });

  describe('--check-kit DIR', () => {
    it('exits 0 for a sound kit, 1 for a kit with errors (located), 2 for no kit or a usage error', () => {
      const good = writeKit(path.join(dir, 'check-good'));
      const clean = run('--check-kit', good);
      assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
      assert.strictEqual(clean.stdout, '');

      const bad = writeKit(path.join(dir, 'check-bad'), { rubric: { ...SIX_DIMENSION_RUBRIC, bands: [{ id: 'yes', label: 'Yes', min: 7 }, { id: 'no', label: 'No' }], recommendations: [] } });
      const r = run('--check-kit', bad);
      assert.strictEqual(r.code, 1);
      assert.match(r.stdout, /check-bad[\\/]rubric\.yaml:\d+:\d+ error \S+ .*7 lies outside the scale 1\u20135/);
      const json = JSON.parse(run('--check-kit', bad, '--json').stdout) as { id: string; issues: { severity: string; path: string; line: number }[] };
      assert.strictEqual(json.id, 'team');
      assert.ok(json.issues.some((i: { severity: string; path: string; line: number }) => i.severity === 'error' && i.path === 'bands[0].min' && i.line > 1));

      const empty = path.join(dir, 'check-empty');
      fs.mkdirSync(empty, { recursive: true });
      for (const args of [['--check-kit', empty], ['--check-kit', path.join(dir, 'nowhere')], ['--check-kit'], ['--check-kit', good, 'x.md'], ['--check-kit', good, '--kit', good]]) {
        const u = run(...args);
        assert.strictEqual(u.code, 2, args.join(' '));
        assert.match(u.stderr, /^sdi-feedback: /);
      }
    });

    it('reports a no-break space after a number in a problem\'s front matter at its line and column, exit 1', () => {
      const kit = writeKit(path.join(dir, 'check-nbsp'));
      fs.mkdirSync(path.join(kit, 'problems'));
      const problem = path.join(kit, 'problems', 'rate-limiter.md');
      // As pasted from a web page: `minutes: 7` then U+00A0, which YAML keeps as text.
      fs.writeFileSync(problem, '---\ntitle: Design a Rate Limiter\ncategory: traffic\nstatement: Limit each client.\ndeepDives:\n  - title: Counting\n    minutes: 7\u00a0\n    points:\n      - Fixed window\n---\n# Rate limiter\n');
      const r = run('--check-kit', kit);
      assert.strictEqual(r.stdout, `${problem}:7:14 error kit-invalid deepDives[0].minutes: Invalid input: expected number, received string\n`);
      assert.strictEqual(r.code, 1);
    });
  });

  it('ends quietly when the reader closes the pipe early (`--json big.md | head`)', function () {
    if (process.platform === 'win32') this.skip();
    const big = file('big.md', `${CLEAN()}\n`.repeat(1500));
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" --json "${big}" | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    assert.strictEqual(r.stderr, '', 'no EPIPE stack trace');
    assert.strictEqual(r.stdout.trim(), 'status=0');
    // The whole output is far beyond what a pipe buffers, so the early close did happen.
    assert.ok(run('--json', big).stdout.length > 256 * 1024);
  });
});
