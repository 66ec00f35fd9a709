import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateFeedbackTemplate } from '../../src/core/feedback';
import { installCli } from '../fixtures/cliPackage';
import { ROOT, fill } from '../fixtures/feedback/fill';
import { SIX_DIMENSION_RUBRIC, expected, fillAny, writeKit } from '../fixtures/feedback/kits';

const BUILT = path.join(ROOT, 'dist', 'cli.js');
/** The CLI under test: a copy of the build laid out as an installed package (test/fixtures/cliPackage.ts). */
let CLI = BUILT;

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI with its stdout (or stderr) read until `bytes` arrived, then closed, as `| head -c` does. */
function runClosingEarly(args: string[], bytes: number, stream: 'stdout' | 'stderr' = 'stdout'): Promise<{ code: number | null; signal: string | null; stderr: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    const watched = child[stream];
    const other = stream === 'stdout' ? child.stderr : child.stdout;
    watched.on('data', (chunk: Buffer) => {
      got += chunk.length;
      if (got >= bytes) watched.destroy();
    });
    other.on('data', (chunk: Buffer) => { if (stream === 'stdout') stderr += chunk.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, got }));
  });
}

interface ReportJson {
  files: number;
  unreadable: { file: string; error: string }[];
  rows: { file: string; candidate: string; interviewer: string; date: string | null; problem: string | null; scores: Record<string, number | null>; weightedScore: number | null; band: string | null; recommendation: string | null }[];
  interviewers: { name: string; n: number; meanWeighted: number | null; offset: number | null; offsetN: number }[];
  dimensions: { id: string; mean: number | null; counts: Record<string, number> }[];
  problems: { title: string; n: number; meanWeighted: number | null }[];
  agreement: { units: number; exact: number | null; withinOne: number | null; alphaOrdinal: number | null };
}

describe('sdi-feedback --report', () => {
  let dir: string;
  let repo: string;
  const write = (rel: string, text: string) => {
    const p = path.join(repo, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, text);
    return p;
  };

  before(() => {
    // npm test builds first: a missing CLI is a failure, not a reason to skip.
    assert.ok(fs.existsSync(BUILT), `${BUILT} is missing: build first (node esbuild.mjs)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-calibration-cli-'));
    CLI = installCli(path.join(dir, 'package'));
    repo = path.join(dir, 'repo');
    // Candidate "Lovelace, Ada" scored by Alice (3.20) and Bob (2.55) four days apart; Linus by alice alone; one unfinished feedback.
    write('2024-03/ada-alice.md', fill({ candidate: 'Lovelace, "Ada"', interviewer: 'Alice', date: '2024-03-01', problem: 'URL Shortener', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }));
    write('2024-03/ada-bob.md', fill({ candidate: 'lovelace,  "ada"', interviewer: 'Bob', date: '2024-03-05', problem: 'URL Shortener', scores: [2, 3, 3, 2, 3], weighted: '2.55', recommend: ['no-hire'] }));
    write('2024-03/nested/linus.md', fill({ candidate: 'Linus', interviewer: 'alice', date: '2024-03-05', problem: 'Chat', scores: [4, 4, 4, 3, 3], weighted: '3.75', recommend: ['strong-hire'] }));
    write('2024-03/nested/unfinished.md', fill({ candidate: 'Grace', interviewer: 'Bob', date: '2024-03-07', problem: 'Chat', scores: [3, 3, 3] }));
    write('README.md', '# Hiring repository\n');
    write('.git/ignored.md', fill({ candidate: 'Hidden', interviewer: 'Nobody', scores: [1, 1, 1, 1, 1] }));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('--json prints the report object of issue 9, walking folders recursively (hidden folders and non-feedback Markdown skipped)', () => {
    const r = run('--report', '--json', repo);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, '');
    const j = JSON.parse(r.stdout) as ReportJson;
    assert.strictEqual(j.files, 4);
    assert.deepStrictEqual(j.unreadable, []);
    assert.deepStrictEqual(
      j.rows.map((x) => [path.relative(repo, x.file), x.candidate, x.interviewer, x.date, x.problem, x.weightedScore, x.band, x.recommendation]),
      [
        [path.join('2024-03', 'ada-alice.md'), 'Lovelace, "Ada"', 'Alice', '2024-03-01', 'URL Shortener', 3.2, 'hire', 'hire'],
        [path.join('2024-03', 'ada-bob.md'), 'lovelace,  "ada"', 'Bob', '2024-03-05', 'URL Shortener', 2.55, 'no-hire', 'no-hire'],
        [path.join('2024-03', 'nested', 'linus.md'), 'Linus', 'alice', '2024-03-05', 'Chat', 3.75, 'strong-hire', 'strong-hire'],
        [path.join('2024-03', 'nested', 'unfinished.md'), 'Grace', 'Bob', '2024-03-07', 'Chat', null, null, null],
      ],
    );
    assert.deepStrictEqual(Object.values(j.rows[0].scores), [3, 3, 4, 3, 3]);
    assert.deepStrictEqual(Object.values(j.rows[3].scores), [3, 3, 3, null, null]);
    // Alice: (3.20 + 3.75) / 2, offset 3.20 - 2.55 = 0.65 over one shared candidate; Bob: -0.65.
    assert.deepStrictEqual(
      j.interviewers.map((i) => [i.name, i.n, i.meanWeighted, i.offset, i.offsetN]),
      [['Alice', 2, 3.475, 0.65, 1], ['Bob', 1, 2.55, -0.65, 1]],
    );
    assert.deepStrictEqual(j.dimensions.map((d) => [d.id, d.mean]), [
      ['technical-architecture', 3], ['scalability-performance', 3.333333333], ['distributed-systems-knowledge', 3.666666667], ['production-readiness', 2.666666667], ['communication-leadership', 3],
    ]);
    assert.deepStrictEqual(j.dimensions[0].counts, { 1: 0, 2: 1, 3: 1, 4: 1 });
    assert.deepStrictEqual(j.problems.map((p) => [p.title, p.n, p.meanWeighted]), [['Chat', 1, 3.75], ['URL Shortener', 2, 2.875]]);
    // Ada's 5 dimensions: pairs (3,2) (3,3) (4,3) (3,2) (3,3): exact 2/5, within one 5/5.
    assert.deepStrictEqual([j.agreement.units, j.agreement.exact, j.agreement.withinOne], [5, 0.4, 1]);
    assert.strictEqual(typeof j.agreement.alphaOrdinal, 'number');
  });

  it('names each file as path.join would, however its folder is spelled (., a trailing slash, ..)', () => {
    const runIn = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
    const files = (stdout: string) => (JSON.parse(stdout) as ReportJson).rows.map((x) => x.file);
    const expected = (base: string) => [path.join(base, '2024-03', 'ada-alice.md'), path.join(base, '2024-03', 'ada-bob.md'), path.join(base, '2024-03', 'nested', 'linus.md'), path.join(base, '2024-03', 'nested', 'unfinished.md')];
    for (const [cwd, arg] of [[repo, '.'], [repo, `.${path.sep}`], [dir, `repo${path.sep}`], [path.join(repo, '2024-03'), '..'], [repo, `2024-03${path.sep}..${path.sep}.${path.sep}`]]) {
      const r = runIn(cwd, '--report', '--json', arg);
      assert.strictEqual(r.status, 0, r.stderr);
      assert.deepStrictEqual(files(r.stdout), expected(arg), `${cwd} ${arg}`);
    }
  });

  it('writes megabytes whole, characters beyond 16 bits included, to a pipe as given and to a non-blocking one a slow reader drains', () => {
    // Names of 40,000 emoji (two UTF-16 units each) after 0-5 letters: the 64 K pieces the output is
    // written in end inside several of them, where a piece cut between the halves of a pair would
    // print two replacement characters.
    const wide = path.join(dir, 'wide');
    fs.mkdirSync(wide, { recursive: true });
    const names = [0, 1, 2, 3, 4, 5].map((k) => 'x'.repeat(k) + '\u{1F600}'.repeat(40_000));
    names.forEach((name, k) => fs.writeFileSync(path.join(wide, `f${k}.md`), fill({ candidate: name, interviewer: `Interviewer ${k}`, scores: [3, 3, 3, 3, 3] })));
    const direct = run('--report', '--json', wide);
    assert.strictEqual(direct.code, 0, direct.stderr);
    assert.deepStrictEqual((JSON.parse(direct.stdout) as ReportJson).rows.map((x) => x.candidate), names);
    // A Node stream on the pipe makes its descriptor non-blocking (as a parent may hand it over); the
    // reader waits before reading, so a direct write finds the pipe full.
    const touch = path.join(dir, 'touch-stdout.cjs');
    fs.writeFileSync(touch, 'process.stdout;\n');
    const slow = spawnSync('bash', ['-c', `"${process.execPath}" -r "${touch}" "${CLI}" --report --json "${wide}" | (sleep 0.5; cat)`], { encoding: 'utf8', maxBuffer: 1 << 28 });
    assert.strictEqual(slow.stderr, '');
    assert.ok(slow.stdout === direct.stdout, `the slow reader got ${slow.stdout.length} characters, not the ${direct.stdout.length} written to a pipe as given`);
  });

  it('--window-days and --min-n change the candidates and the "enough data" mark', () => {
    const narrow = JSON.parse(run('--report', '--json', '--window-days', '3', repo).stdout) as ReportJson;
    assert.deepStrictEqual(narrow.interviewers.map((i) => [i.name, i.offsetN]), [['Alice', 0], ['Bob', 0]]);
    assert.strictEqual(narrow.agreement.units, 0);
    assert.strictEqual(narrow.agreement.alphaOrdinal, null);
    const enough = JSON.parse(run('--report', '--json', '--min-n=1', repo).stdout) as { interviewers: { enoughData: boolean }[] };
    assert.deepStrictEqual(enough.interviewers.map((i) => i.enoughData), [true, true]);
    const text = run('--report', '--min-n', '1', repo).stdout;
    assert.match(text, /Alice\s+2\s+3\.48\s+\+0\.65 \(n=1\)/);
    assert.match(run('--report', repo).stdout, /Alice\s+2\s+3\.48\s+not enough data \(n=1 < 5\)/);
  });

  it('text output: summary, interviewers, dimensions, problems, agreement and the rows not counted', () => {
    const r = run('--report', repo);
    assert.strictEqual(r.code, 0);
    const t = r.stdout;
    assert.match(t, /^Calibration: 4 feedback files, 4 feedbacks \(3 fully scored\), window 14 days, minimum n 5$/m);
    assert.match(t, /^Interviewers /m);
    assert.match(t, /^ {2}Technical Architecture \(30%\)\s+3\s+3\.00 {2}1:0 2:1 3:1 4:1$/m);
    assert.match(t, /^ {2}URL Shortener\s+2\s+2\.88 {2}hire:1 no-hire:1$/m);
    assert.match(t, /^Agreement: 5 units \(candidate × dimension\), 5 pairs of ratings; exact 40%, within one 100%, Krippendorff's alpha \(ordinal\) -?\d\.\d{3}$/m);
    assert.match(t, /unfinished\.md:\d+ Grace: 3 of 5 dimensions scored/);
  });

  it('--csv prints one line per row, quoting names with commas and quotes', () => {
    const r = run('--report', '--csv', repo);
    assert.strictEqual(r.code, 0);
    const lines = r.stdout.split('\r\n');
    assert.ok(lines[0].startsWith('file,feedback,line,candidate,interviewer,date,problem,level,rubric,technical-architecture,'), lines[0]);
    assert.strictEqual(lines.length, 6, 'header, 4 rows, final empty');
    assert.ok(lines[1].includes(',"Lovelace, ""Ada""",Alice,2024-03-01,URL Shortener,,builtin@1,3,3,4,3,3,3.2,hire,hire,0,0,true'), lines[1]);
    assert.ok(lines[2].includes(',"lovelace, ""ada""",Bob,'), lines[2]);
    assert.ok(lines[4].endsWith(',3,3,3,,,,,,0,0,false') || /,3,3,3,,,,,,\d+,\d+,false$/.test(lines[4]), lines[4]);
  });

  it('exit 2 when a file cannot be read or resolved (listed in unreadable with its error), the rest reported', () => {
    const bad = write('../bad/unknown-kit.md', `<!-- sdi-kit: kit=acme rubric=3 -->\n${fill({ scores: [3, 3, 3, 3, 3] })}`);
    const missing = path.join(dir, 'no-such-folder');
    const r = run('--report', '--json', repo, path.dirname(bad), missing);
    assert.strictEqual(r.code, 2);
    const j = JSON.parse(r.stdout) as ReportJson;
    assert.strictEqual(j.rows.length, 4);
    assert.deepStrictEqual(j.unreadable.map((u) => u.file).sort(), [bad, missing].sort());
    assert.match(j.unreadable.find((u) => u.file === bad)!.error, /kit "acme"/);
    assert.match(j.unreadable.find((u) => u.file === missing)!.error, /ENOENT/);
    assert.match(r.stderr, /unknown-kit\.md: .*acme/);
    assert.match(run('--report', path.dirname(bad)).stdout, /Could not be read \(1\):/);
  });

  it('--kit: files under the kit\'s rubric and the built-in one are never mixed in one statistic', () => {
    const kitDir = writeKit(path.join(dir, 'kit'), { id: 'team', name: 'Team Kit', version: '2' });
    const kitRepo = path.join(dir, 'kit-repo');
    fs.mkdirSync(kitRepo, { recursive: true });
    const template = (candidate: string, interviewer: string) => generateFeedbackTemplate(SIX_DIMENSION_RUBRIC, { name: 'Team Kit' })
      .replace('[Name]', candidate).replace('[Your Name]', interviewer).replace('[Date]', '2024-03-15').replace('[Problem Title]', 'Rate Limiter').replace('[Years]', '9');
    const kitScores = [[4, 4, 3, 5, 3, 4], [2, 2, 3, 3, 3, 2]];
    ['Alice', 'Bob'].forEach((who, i) => {
      const e = expected(SIX_DIMENSION_RUBRIC, kitScores[i]);
      fs.writeFileSync(path.join(kitRepo, `kit-${who}.md`), fillAny(template('Ada', who), SIX_DIMENSION_RUBRIC, { scores: kitScores[i], weighted: e.text }));
    });
    // The same candidate and interviewers under the built-in rubric (recorded): a group of its own.
    fs.writeFileSync(path.join(kitRepo, 'builtin-carol.md'), `<!-- sdi-kit: kit=builtin rubric=1 -->\n${fill({ candidate: 'Ada', interviewer: 'Carol', date: '2024-03-15', scores: [1, 1, 1, 1, 1] })}`);
    const r = run('--report', '--json', '--kit', kitDir, kitRepo);
    assert.strictEqual(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout) as ReportJson & { rubric: string; groups: { rubric: string; rowCount: number; interviewers: { name: string; offsetN: number }[] }[] };
    assert.deepStrictEqual(j.groups.map((g) => [g.rubric, g.rowCount]), [['team@2', 2], ['builtin@1', 1]]);
    assert.strictEqual(j.rubric, 'team@2');
    const a = expected(SIX_DIMENSION_RUBRIC, kitScores[0]).value;
    const b = expected(SIX_DIMENSION_RUBRIC, kitScores[1]).value;
    assert.deepStrictEqual(j.interviewers.map((i) => [i.name, i.offset, i.offsetN]), [['Alice', Math.round((a - b) * 1e9) / 1e9, 1], ['Bob', Math.round((b - a) * 1e9) / 1e9, 1]]);
    assert.deepStrictEqual(j.dimensions.map((d) => d.id), SIX_DIMENSION_RUBRIC.dimensions.map((d) => d.id));
    assert.deepStrictEqual(j.groups[1].interviewers.map((i) => [i.name, i.offsetN]), [['Carol', 0]]);
    assert.match(run('--report', '--kit', kitDir, kitRepo).stdout, /Other rubrics \(never mixed with the above\):\n\nRubric builtin@1: 1 feedback, 1 fully scored, 1 candidate/);
  });

  it('exit 2 on wrong arguments, with the usage', () => {
    for (const args of [['--report'], ['--report', '--json', '--csv', repo], ['--report', '--fix', repo], ['--report', '--min-n', 'x', repo], ['--report', '--window-days'], ['--csv', repo], ['--min-n', '3', repo]]) {
      const r = run(...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^sdi-feedback: .+\nusage: /, args.join(' '));
      assert.strictEqual(r.stdout, '');
    }
  });

  describe('a reader that closes the pipe early (| head)', () => {
    let big: string;
    before(() => {
      // 400 feedbacks in one file: far more output than a pipe holds, in every mode.
      const parts: string[] = [];
      for (let i = 0; i < 400; i++) parts.push(fill({ candidate: `Candidate ${i % 50}`, interviewer: `Interviewer ${i % 7}`, scores: [1 + (i % 4), 2, 3, 4, 1 + ((i + 1) % 4)] }).replace(/^## /m, `## ${i} `));
      big = path.join(dir, 'big.md');
      fs.writeFileSync(big, parts.join('\n'));
    });

    for (const args of [['--report', '--json'], ['--report', '--csv'], ['--report'], ['--json'], []]) {
      it(`sdi-feedback ${[...args, 'big.md'].join(' ')} | head: exits quietly`, async () => {
        const r = await runClosingEarly([...args, big], 100);
        assert.strictEqual(r.signal, null);
        assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, r.stderr);
        assert.strictEqual(r.stderr, '');
        // The status so far: 0 for the report, 1 for the checks (the feedbacks have errors... or not): never a crash status.
        assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}`);
      });
    }

    it('the report closes quietly when stderr is closed too (2>&1 | head)', async () => {
      const bad = path.join(dir, 'many-bad');
      fs.mkdirSync(bad, { recursive: true });
      for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(bad, `u${i}.md`), `<!-- sdi-kit: kit=acme rubric=3 -->\n# x ${'y'.repeat(200)}\n`);
      const r = await runClosingEarly(['--report', '--json', bad], 100, 'stderr');
      assert.strictEqual(r.signal, null);
      assert.strictEqual(r.code, 2);
    });
  });
});
