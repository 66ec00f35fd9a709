import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scratchRepository } from '../fixtures/cliPackage';
import { fill } from '../fixtures/feedback/fill';

const LOOP = `candidate: Priya Raman
date: 2026-12-10
interviews:
  - interviewer: Alex Chen
    problem: global-social-media-feed
    focus: [technical-architecture, scalability-performance]
  - interviewer: Sam Okafor
    problem: distributed-payment-processing
    focus: [distributed-systems-knowledge, production-readiness, scalability-performance]
  - interviewer: Mei Lin
    problem: real-time-analytics-platform
    focus: [communication-leadership, technical-architecture]
`;
const NOTES = '\n## Interview Notes\n### Deep Dive\n- [12:30] could not shard the ledger -scale #dist\n';

/** `sdi-feedback --debrief`, `--anonymise` and `--candidate NAME --list` in a scratch hiring repository (the built-in guide's rubric). */
describe('sdi-feedback --debrief, --anonymise, --candidate --list', () => {
  let repo: string;
  let run: ReturnType<typeof scratchRepository>['run'];

  before(() => {
    ({ repo, run } = scratchRepository('sdi-debrief-cli-'));
    fs.mkdirSync(path.join(repo, 'fb'), { recursive: true });
    fs.mkdirSync(path.join(repo, 'loops'));
    // Alex 3,3,3,4,3 = 3.15 Hire; Sam 3,1,3,4,3 = 2.65 No Hire (a spread of 2 on scalability); an old feedback of last year's on the feed.
    fs.writeFileSync(path.join(repo, 'fb', 'alex.md'), fill({ candidate: 'Priya Raman', interviewer: 'Alex Chen', date: '2026-12-10', problem: 'global-social-media-feed', scores: [3, 3, 3, 4, 3], weighted: '3.15', recommend: ['hire'] }));
    fs.writeFileSync(path.join(repo, 'fb', 'sam.md'), fill({ candidate: 'priya  RAMAN', interviewer: 'Sam Okafor', date: '2026-12-11', problem: 'distributed-payment-processing', scores: [3, 1, 3, 4, 3], weighted: '2.65', recommend: ['no-hire'] }) + NOTES);
    fs.writeFileSync(path.join(repo, 'fb', 'old.md'), fill({ candidate: 'Priya Raman', interviewer: 'Old Hand', date: '2025-03-02', problem: 'Design a Global Social Media Feed', scores: [2, 2, 2, 2, 2], weighted: '2.00', recommend: ['no-hire'] }));
    fs.writeFileSync(path.join(repo, 'loops', 'priya.loop.yaml'), LOOP);
    fs.writeFileSync(path.join(repo, 'README.md'), '# Hiring\n');
  });

  it('--json: one debrief per candidate with the issue\'s figures; the loop joins the candidate of its days', () => {
    const r = run('--debrief', '--json', '.');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, '');
    const out = JSON.parse(r.stdout) as { candidates: Record<string, unknown>[]; unreadable: unknown[] };
    assert.deepStrictEqual(out.unreadable, []);
    assert.deepStrictEqual(out.candidates.map((c) => [c.candidate, c.loop]), [['Priya Raman', 'loops/priya.loop.yaml'], ['Priya Raman', null]]);
    const [d] = out.candidates as {
      candidateKey: string; rubric: string; feedbacks: { file: string; interviewer: string; weightedScore: number; counted: boolean; submitted: null; editedAfterSubmit: boolean; evidence: Record<string, unknown> }[];
      missing: unknown[]; dimensions: { id: string; spread: number; disagreement: boolean; focus: number }[]; combined: unknown; recommendations: unknown; repeats: unknown[]; coverage: unknown[];
    }[];
    assert.strictEqual(d.candidateKey, 'priya raman');
    assert.strictEqual(d.rubric, 'builtin@1');
    assert.deepStrictEqual(d.feedbacks.map((f) => [f.file, f.interviewer, f.weightedScore, f.counted, f.submitted, f.editedAfterSubmit]), [
      ['fb/alex.md', 'Alex Chen', 3.15, true, null, false],
      ['fb/sam.md', 'Sam Okafor', 2.65, true, null, false],
    ]);
    assert.deepStrictEqual(d.feedbacks[1].evidence['scalability-performance'], { plus: 0, minus: 1, neutral: 0 });
    assert.deepStrictEqual(d.feedbacks[1].evidence['distributed-systems-knowledge'], { plus: 0, minus: 0, neutral: 1 });
    assert.deepStrictEqual(d.missing, [{ interviewer: 'Mei Lin', problem: 'real-time-analytics-platform', date: '2026-12-10' }]);
    assert.deepStrictEqual(d.dimensions.filter((x) => x.disagreement).map((x) => [x.id, x.spread, x.focus]), [['scalability-performance', 2, 2]]);
    assert.deepStrictEqual(d.combined, { n: 2, weightedScore: 2.9, band: 'hire' });
    assert.deepStrictEqual(d.recommendations, { 'strong-hire': 0, hire: 1, 'no-hire': 1, 'strong-no-hire': 0 });
    assert.deepStrictEqual(d.repeats, [{ problem: 'global-social-media-feed', interviewer: 'Alex Chen', earlier: [{ file: 'fb/old.md', date: '2025-03-02' }] }]);
    assert.deepStrictEqual(d.coverage, [
      { dimension: 'distributed-systems-knowledge', focus: 1, required: 2 },
      { dimension: 'production-readiness', focus: 1, required: 2 },
      { dimension: 'communication-leadership', focus: 1, required: 2 },
    ]);
  });

  it('text by default, --md the Debrief Summary with the notes beside their scores; --window-days moves the chains', () => {
    const text = run('--debrief', 'fb', 'loops');
    assert.strictEqual(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Priya Raman \(loop loops\/priya\.loop\.yaml, 2026-12-10, rubric builtin@1\)\n {2}Alex Chen +global-social-media-feed +written +3\.15 {2}hire/);
    assert.match(text.stdout, /\n {2}Mei Lin +Design a Real-time Analytic… due 2026-12-10\n {2}Disagreements: Scalability & Performance \(1–3\)\n {2}Combined: 2\.90 hire \(n=2\); recommendations: hire 1, no-hire 1\n/);
    assert.match(text.stdout, /\n {2}Repeat: Alex Chen gives Design a Global Social Media Feed, already had in fb\/old\.md \(2025-03-02\)\n/);
    const md = run('--debrief', '--md', '.');
    assert.strictEqual(md.code, 0, md.stderr);
    assert.match(md.stdout, /^# Debrief: Priya Raman\n/);
    assert.match(md.stdout, /\*\*Sam Okafor\*\* \(score 1; tags 0\+ 1− 0#\)\n\n- \\\[12:30\\\] · Deep Dive \*\*−\*\* could not shard the ledger \\-scale \\#dist/);
    assert.match(md.stdout, /\n---\n\n# Debrief: Priya Raman\n/);
    // A window of 700 days chains last year's feedback (648 days before) into the loop's candidate.
    const wide = JSON.parse(run('--debrief', '--json', '--window-days', '700', '.').stdout) as { candidates: { feedbacks: unknown[] }[] };
    assert.deepStrictEqual(wide.candidates.map((c) => c.feedbacks.length), [3]);
  });

  it('--anonymise: Candidate 1, Interviewer A…, File 1… in order of first appearance, the same in --report and --debrief; no name or path is left', () => {
    const report = run('--report', '--json', '--anonymise', '.');
    assert.strictEqual(report.code, 0, report.stderr);
    const rows = (JSON.parse(report.stdout) as { rows: { file: string; candidate: string; interviewer: string }[] }).rows;
    assert.deepStrictEqual(rows.map((r) => [r.file, r.candidate, r.interviewer]), [['File 1', 'Candidate 1', 'Interviewer A'], ['File 2', 'Candidate 1', 'Interviewer B'], ['File 3', 'Candidate 1', 'Interviewer C']]);
    const debrief = run('--debrief', '--json', '--anonymise', '.');
    const d = JSON.parse(debrief.stdout) as { candidates: { candidate: string; loop: string | null; feedbacks: { file: string; interviewer: string }[]; missing: { interviewer: string }[] }[] };
    assert.deepStrictEqual(d.candidates.map((c) => [c.candidate, c.loop, c.feedbacks.map((f) => `${f.file} ${f.interviewer}`), c.missing.map((m) => m.interviewer)]), [
      ['Candidate 1', 'File 4', ['File 1 Interviewer A', 'File 3 Interviewer C'], ['Interviewer D']],
      ['Candidate 1', null, ['File 2 Interviewer B'], []],
    ]);
    const all = report.stdout + debrief.stdout + run('--debrief', '--md', '--anonymise', '.').stdout + run('--report', '--anonymise', '.').stdout;
    for (const s of ['Priya', 'RAMAN', 'Alex', 'Sam', 'Okafor', 'Mei', 'Old Hand', 'fb/', 'loops/', 'shard']) assert.ok(!all.includes(s), `"${s}" is in the anonymised output`);
    assert.match(run('--anonymise', 'fb').stderr, /--anonymise needs --report or --debrief/);
  });

  it('--candidate NAME --list prints every feedback and loop file naming the candidate (name key), one a line', () => {
    const r = run('--candidate', '  PRIYA   raman ', '--list', '.');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stdout, 'fb/alex.md\nfb/old.md\nfb/sam.md\nloops/priya.loop.yaml\n');
    const none = run('--candidate', 'Nobody', '--list', 'fb');
    assert.strictEqual(none.code, 0);
    assert.strictEqual(none.stdout, '');
    assert.match(none.stderr, /no file names Nobody/);
    assert.match(run('--candidate', 'x', '.').stderr, /--candidate NAME and --list go together/);
    assert.match(run('--candidate', 'x', '--list', '--json', '.').stderr, /--candidate NAME --list takes only --kit/);
  });

  it('a loop file that does not read, or a folder missing, is said on standard error and exits 2; usage errors exit 2', () => {
    const bad = path.join(repo, 'loops', 'bad.loop.yaml');
    fs.writeFileSync(bad, 'candidate: [\n');
    try {
      const r = run('--debrief', '--json', 'loops');
      assert.strictEqual(r.code, 2);
      assert.match(r.stderr, /^sdi-feedback: loops\/bad\.loop\.yaml: /);
      assert.deepStrictEqual((JSON.parse(r.stdout) as { unreadable: { file: string }[] }).unreadable.map((u) => u.file), ['loops/bad.loop.yaml']);
      const list = run('--candidate', 'Priya Raman', '--list', 'loops');
      assert.strictEqual(list.code, 2);
      assert.strictEqual(list.stdout, 'loops/priya.loop.yaml\n');
      assert.match(list.stderr, /loops\/bad\.loop\.yaml: no candidate could be read from it \(check it by hand\)/);
    } finally {
      fs.rmSync(bad);
    }
    assert.strictEqual(run('--debrief', 'nothing').code, 2);
    for (const [args, message] of [
      [['--debrief', '--json', '--md', '.'], /--json and --md exclude each other/],
      [['--md', '.'], /--md needs --debrief/],
      [['--debrief', '--min-n', '3', '.'], /--debrief takes only/],
      [['--debrief'], /no DIR given/],
      [['--debrief', '--format', 'sarif', '.'], /--debrief prints text, json or Markdown, not sarif/],
    ] as const) {
      const r = run(...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });
});
