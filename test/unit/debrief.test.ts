import * as assert from 'assert';
import * as fc from 'fast-check';
import { calibrationReport, feedbackRows, kitRubricResolver, normalizeKey, anonymiseReport, type CalibrationRow, type RubricInfo } from '../../src/core/calibration';
import {
  anonymiseDebrief,
  debriefJson,
  debriefMarkdown,
  debriefReport,
  debriefText,
  loopCandidate,
  readLoop,
  unreadLoopsOf,
  type DebriefReport,
  type LoopKit,
} from '../../src/core/loop';
import { notesReport, parseNotes } from '../../src/core/notes';
import { Pseudonyms } from '../../src/core/pseudonyms';
import { builtInKit } from '../fixtures/kits/memoryKit';
import { fill } from '../fixtures/feedback/fill';

/** A rubric of five dimensions a–e (weights 30/25/20/15/10), scale 1–4, and the built-in guide's bands. */
const RUBRIC: RubricInfo = {
  key: 'builtin@1',
  dimensions: [
    { id: 'a', name: 'Architecture', weight: 30 },
    { id: 'b', name: 'Scalability', weight: 25 },
    { id: 'c', name: 'Distributed', weight: 20 },
    { id: 'd', name: 'Production', weight: 15 },
    { id: 'e', name: 'Communication', weight: 10 },
  ],
  scale: { min: 1, max: 4 },
  bands: [
    { id: 'strong-hire', label: 'Strong Hire', min: 3.5 },
    { id: 'hire', label: 'Hire', min: 2.8 },
    { id: 'no-hire', label: 'No Hire', min: 2 },
    { id: 'strong-no-hire', label: 'Strong No Hire', min: null },
  ],
};
const WEIGHTS = [30, 25, 20, 15, 10];
const KIT: LoopKit = {
  id: 'builtin',
  problems: [{ id: 'url-shortener', title: 'URL Shortener' }, { id: 'chat', title: 'Chat System' }, { id: 'feed', title: 'News Feed' }],
  dimensions: RUBRIC.dimensions.map((d) => ({ id: d.id, name: d.name })),
  rubricKey: 'builtin@1',
  defaults: {},
};

/** A row as feedbackRows gives it; scores in a–e order (null: not filled, and the row is not counted). */
function row(o: { file: string; interviewer: string; scores: (number | null)[]; candidate?: string; date?: string | null; problem?: string; recommendation?: string | null }): CalibrationRow {
  const full = o.scores.every((s) => s !== null);
  const w = full ? o.scores.reduce<number>((s, x, i) => s + x! * WEIGHTS[i], 0) / 100 : null;
  const band = w === null ? null : RUBRIC.bands.find((b) => b.min === null || w >= b.min)!.id;
  const candidate = o.candidate ?? 'Priya Raman';
  return {
    file: o.file,
    index: 0,
    line: 8,
    candidate,
    candidateKey: normalizeKey(candidate),
    interviewer: o.interviewer,
    date: o.date === undefined ? '2026-12-10' : o.date,
    problem: o.problem ?? 'URL Shortener',
    level: null,
    rubricKey: 'builtin@1',
    scores: Object.fromEntries(RUBRIC.dimensions.map((d, i) => [d.id, o.scores[i]])),
    weightedScore: w,
    band,
    recommendation: o.recommendation === undefined ? band : o.recommendation,
    errors: 0,
    warnings: 0,
    submitted: null,
    editedAfterSubmit: false,
  };
}

const LOOP = `candidate: Priya Raman
date: 2026-12-10
interviews:
  - interviewer: Alex Chen
    problem: url-shortener
    focus: [a, b]
  - interviewer: Sam Okafor
    problem: chat
    focus: [b, c, d]
  - interviewer: Mei Lin
    problem: feed
    focus: [a, e, c]
    date: 2026-12-11
`;

function debrief(rows: CalibrationRow[], loops: { file: string; text: string }[] = [], windowDays = 14): DebriefReport {
  return debriefReport(
    { rows, rubrics: { 'builtin@1': RUBRIC }, loops: loops.map((l) => readLoop(l.file, l.text)), kitOf: () => KIT, unreadable: [] },
    { windowDays },
  );
}

describe('the debrief (issue 21)', () => {
  describe('figures, against hand-computed cases', () => {
    // Alex 3,3,3,4,3 = 3.15 hire; Sam 3,1,3,4,3 = 2.65 no-hire; Mei 4,3,2,4,3 = 3.25 hire.
    const panel = () => [
      row({ file: 'fb/alex.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 4, 3] }),
      row({ file: 'fb/mei.md', interviewer: 'mei  LIN', scores: [4, 3, 2, 4, 3], date: '2026-12-11' }),
      row({ file: 'fb/sam.md', interviewer: 'Sam Okafor', scores: [3, 1, 3, 4, 3] }),
    ];

    it('a three-interviewer loop: per dimension n, mean, min, max, spread, the disagreement, focus; combined score, band and recommendations', () => {
      const r = debrief(panel(), [{ file: 'loops/priya.loop.yaml', text: LOOP }]);
      assert.strictEqual(r.candidates.length, 1);
      const d = r.candidates[0];
      assert.strictEqual(d.candidate, 'Priya Raman');
      assert.strictEqual(d.loop, 'loops/priya.loop.yaml');
      assert.deepStrictEqual(d.feedbacks.map((f) => [f.file, f.counted, f.state, f.focus]), [
        ['fb/alex.md', true, 'written', ['a', 'b']],
        ['fb/mei.md', true, 'written', ['a', 'e', 'c']],
        ['fb/sam.md', true, 'written', ['b', 'c', 'd']],
      ]);
      assert.deepStrictEqual(
        d.dimensions.map(({ id, n, mean, min, max, spread, disagreement, focus }) => ({ id, n, mean, min, max, spread, disagreement, focus })),
        [
          { id: 'a', n: 3, mean: 3.333333333, min: 3, max: 4, spread: 1, disagreement: false, focus: 2 },
          { id: 'b', n: 3, mean: 2.333333333, min: 1, max: 3, spread: 2, disagreement: true, focus: 2 },
          { id: 'c', n: 3, mean: 2.666666667, min: 2, max: 3, spread: 1, disagreement: false, focus: 2 },
          { id: 'd', n: 3, mean: 4, min: 4, max: 4, spread: 0, disagreement: false, focus: 1 },
          { id: 'e', n: 3, mean: 3, min: 3, max: 3, spread: 0, disagreement: false, focus: 1 },
        ],
      );
      // (3.15 + 3.25 + 2.65) / 3 = 3.016666…: Hire.
      assert.deepStrictEqual(d.combined, { n: 3, weightedScore: 3.016666667, band: 'hire' });
      assert.deepStrictEqual(d.recommendations, { 'strong-hire': 0, hire: 2, 'no-hire': 1, 'strong-no-hire': 0 });
      assert.deepStrictEqual(d.missing, []);
      assert.deepStrictEqual(d.coverage, [{ dimension: 'd', focus: 1, required: 2 }, { dimension: 'e', focus: 1, required: 2 }]);
      assert.deepStrictEqual(d.repeats, []);
    });

    it('the loop\'s own disagreement and minCoverage replace the defaults', () => {
      const d = debrief(panel(), [{ file: 'l.loop.yaml', text: `${LOOP.replace('interviews:', 'disagreement: 1\nminCoverage: 1\ninterviews:')}` }]).candidates[0];
      assert.deepStrictEqual(d.dimensions.filter((x) => x.disagreement).map((x) => x.id), ['a', 'b', 'c']);
      assert.deepStrictEqual(d.coverage, []);
      assert.strictEqual(d.disagreement, 1);
      assert.strictEqual(d.minCoverage, 1);
    });

    it('a missing interviewer, and a feedback not fully scored: listed, left out of the figures', () => {
      const rows = [
        row({ file: 'fb/alex.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 4, 3] }),
        row({ file: 'fb/sam.md', interviewer: 'Sam Okafor', scores: [3, null, 3, 4, 3], recommendation: 'no-hire' }),
      ];
      const d = debrief(rows, [{ file: 'l.loop.yaml', text: LOOP }]).candidates[0];
      // The loop's problem id, and the kit's title people read.
      assert.deepStrictEqual(d.missing, [{ interviewer: 'Mei Lin', problem: 'feed', problemTitle: 'News Feed', date: '2026-12-11', focus: ['a', 'e', 'c'] }]);
      assert.deepStrictEqual(d.feedbacks.map((f) => f.counted), [true, false]);
      assert.deepStrictEqual(d.combined, { n: 1, weightedScore: 3.15, band: 'hire' });
      assert.deepStrictEqual(d.recommendations, { 'strong-hire': 0, hire: 1, 'no-hire': 0, 'strong-no-hire': 0 });
      assert.deepStrictEqual(d.dimensions.map((x) => x.n), [1, 1, 1, 1, 1]);
      assert.deepStrictEqual(d.dimensions[1], { id: 'b', name: 'Scalability', n: 1, mean: 3, min: 3, max: 3, spread: 0, disagreement: false, focus: 2 });
    });

    it('a repeat from last year: the earlier feedback (by problem id or title) is named, and is a candidate of its own', () => {
      const rows = [
        row({ file: 'fb/alex.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 4, 3] }),
        row({ file: 'old/2025.md', interviewer: 'Old Hand', scores: [2, 2, 2, 2, 2], date: '2025-11-02', problem: 'chat system' }),
        row({ file: 'old/other.md', interviewer: 'Old Hand', scores: [2, 2, 2, 2, 2], date: '2025-11-02', problem: 'Chat System', candidate: 'Someone Else' }),
      ];
      const r = debrief(rows, [{ file: 'l.loop.yaml', text: LOOP }]);
      assert.deepStrictEqual(r.candidates.map((c) => [c.candidate, c.loop, c.feedbacks.map((f) => f.file)]), [
        ['Priya Raman', 'l.loop.yaml', ['fb/alex.md']],
        ['Priya Raman', null, ['old/2025.md']],
        ['Someone Else', null, ['old/other.md']],
      ]);
      assert.deepStrictEqual(r.candidates[0].repeats, [{ problem: 'chat', problemTitle: 'Chat System', interviewer: 'Sam Okafor', earlier: [{ file: 'old/2025.md', date: '2025-11-02' }] }]);
    });

    it('a loop with no feedback: a candidate of its own, everyone missing, no figures, the coverage gaps', () => {
      const r = debrief([row({ file: 'fb/x.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 3, 3], date: '2026-11-01' })], [{ file: 'l.loop.yaml', text: LOOP }]);
      assert.deepStrictEqual(r.candidates.map((c) => [c.loop, c.feedbacks.length]), [[null, 1], ['l.loop.yaml', 0]]);
      const d = r.candidates[1];
      assert.strictEqual(d.rubric, 'builtin@1');
      assert.deepStrictEqual(d.missing.map((m) => m.interviewer), ['Alex Chen', 'Sam Okafor', 'Mei Lin']);
      assert.deepStrictEqual(d.dimensions[0], { id: 'a', name: 'Architecture', n: 0, mean: null, min: null, max: null, spread: null, disagreement: false, focus: 2 });
      assert.deepStrictEqual(d.combined, { n: 0, weightedScore: null, band: null });
      assert.deepStrictEqual(d.recommendations, { 'strong-hire': 0, hire: 0, 'no-hire': 0, 'strong-no-hire': 0 });
      assert.deepStrictEqual(d.coverage.map((c) => c.dimension), ['d', 'e']);
    });

    it('no loop: focus 0, nothing missing, no coverage to check, disagreement at the default 2', () => {
      const d = debrief([row({ file: 'a.md', interviewer: 'A', scores: [4, 4, 4, 4, 4] }), row({ file: 'b.md', interviewer: 'B', scores: [2, 2, 2, 2, 2] })]).candidates[0];
      assert.strictEqual(d.loop, null);
      assert.deepStrictEqual(d.dimensions.map((x) => [x.spread, x.disagreement, x.focus]), Array(5).fill([2, true, 0]));
      assert.deepStrictEqual([d.missing, d.coverage, d.repeats, d.minCoverage, d.disagreement], [[], [], [], null, 2]);
      assert.deepStrictEqual(d.combined, { n: 2, weightedScore: 3, band: 'hire' });
    });

    it('the combined band compares exactly: three feedbacks of 2.8 are Hire (their float sum over 3 is 2.7999999999999994)', () => {
      const three = ['a.md', 'b.md', 'c.md'].map((file, i) => row({ file, interviewer: `P${i}`, scores: [3, 3, 2, 3, 3] }));
      assert.deepStrictEqual(debrief(three).candidates[0].combined, { n: 3, weightedScore: 2.8, band: 'hire' });
      // 2.8 and 2.75 (3,3,3,2,2): 2.775, No Hire.
      const below = debrief([row({ file: 'a.md', interviewer: 'A', scores: [3, 3, 2, 3, 3] }), row({ file: 'b.md', interviewer: 'B', scores: [3, 3, 3, 2, 2] })]).candidates[0];
      assert.deepStrictEqual(below.combined, { n: 2, weightedScore: 2.775, band: 'no-hire' });
    });

    it('chains a name\'s rows within the window as the report does; a row without a date or a name is a candidate of its own', () => {
      const rows = [
        row({ file: '1.md', interviewer: 'A', scores: [3, 3, 3, 3, 3], date: '2026-01-01' }),
        row({ file: '2.md', interviewer: 'B', scores: [3, 3, 3, 3, 3], date: '2026-01-10' }),
        row({ file: '3.md', interviewer: 'C', scores: [3, 3, 3, 3, 3], date: '2026-01-30' }),
        row({ file: '4.md', interviewer: 'D', scores: [3, 3, 3, 3, 3], date: null }),
        row({ file: '5.md', interviewer: 'E', scores: [3, 3, 3, 3, 3], candidate: '' }),
      ];
      assert.deepStrictEqual(debrief(rows).candidates.map((c) => c.feedbacks.map((f) => f.file)), [['1.md', '2.md'], ['3.md'], ['4.md'], ['5.md']]);
      assert.deepStrictEqual(debrief(rows, [], 20).candidates.map((c) => c.feedbacks.map((f) => f.file)), [['1.md', '2.md', '3.md'], ['4.md'], ['5.md']]);
      // The report's candidates over the same counted rows are the same chains.
      assert.strictEqual(calibrationReport(rows, [], { windowDays: 14, minN: 5 }).candidates, 4);
    });

    it('a loop belongs to the candidate with a row within the window of its day; a loop that does not read is unreadable', () => {
      const rows = [row({ file: 'a.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 3, 3], date: '2026-12-24' })];
      assert.deepStrictEqual(debrief(rows, [{ file: 'l.loop.yaml', text: LOOP }]).candidates.map((c) => c.loop), ['l.loop.yaml']);
      assert.deepStrictEqual(debrief(rows, [{ file: 'l.loop.yaml', text: LOOP }], 13).candidates.map((c) => c.loop), [null, 'l.loop.yaml']);
      const bad = debrief(rows, [{ file: 'bad.loop.yaml', text: 'candidate: [\n' }]);
      assert.deepStrictEqual(bad.candidates.map((c) => c.loop), [null]);
      assert.deepStrictEqual(bad.unreadable.map((u) => u.file), ['bad.loop.yaml']);
    });

    it('a candidate\'s debrief lists the loop files that do not read and name them, or name no one, with the error the report gives', () => {
      const loops = [
        readLoop('z.loop.yaml', LOOP.replace(/^date: .*$/m, 'date: 2026-02-30')),
        readLoop('other.loop.yaml', 'candidate: Ravi Kumar\ndate: 2026-13-01\ninterviews: []\n'),
        readLoop('syntax.loop.yaml', 'candidate: [Priya\n'),
        readLoop('good.loop.yaml', LOOP),
      ];
      assert.deepStrictEqual(loops.map(loopCandidate), [loopCandidate(loops[3]), 'Ravi Kumar', undefined, loopCandidate(loops[3])]);
      const key = normalizeKey(loopCandidate(loops[3])!);
      const mine = unreadLoopsOf(key, loops);
      assert.deepStrictEqual(mine.map((u) => u.file), ['syntax.loop.yaml', 'z.loop.yaml'], 'in path order; another candidate\'s and a loop that reads are left out');
      assert.deepStrictEqual(mine[1], { file: 'z.loop.yaml', error: 'date: must be a date written YYYY-MM-DD' });
      // Each as the whole report lists it (`--debrief`).
      const report = debriefReport({ rows: [], rubrics: {}, loops, kitOf: () => undefined, unreadable: [] }, { windowDays: 14 });
      assert.deepStrictEqual(mine, report.unreadable.filter((u) => u.file !== 'other.loop.yaml'));
      assert.deepStrictEqual(unreadLoopsOf(normalizeKey('  RAVI   kumar '), loops).map((u) => u.file), ['other.loop.yaml', 'syntax.loop.yaml']);
    });

    it('--json holds exactly the issue\'s fields, in its order', () => {
      const json = debriefJson(debrief([row({ file: 'a.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 4, 3] })], [{ file: 'l.loop.yaml', text: LOOP }]));
      assert.deepStrictEqual(Object.keys(json), ['candidates', 'unreadable']);
      const [c] = json.candidates;
      assert.deepStrictEqual(Object.keys(c), ['candidate', 'candidateKey', 'loop', 'rubric', 'feedbacks', 'missing', 'dimensions', 'combined', 'recommendations', 'repeats', 'coverage']);
      assert.deepStrictEqual(Object.keys(c.feedbacks[0]), ['file', 'index', 'interviewer', 'date', 'problem', 'scores', 'weightedScore', 'band', 'recommendation', 'counted', 'submitted', 'editedAfterSubmit', 'evidence']);
      assert.deepStrictEqual(c.missing[0], { interviewer: 'Sam Okafor', problem: 'chat', date: '2026-12-10' });
      assert.deepStrictEqual(Object.keys(c.dimensions[0]), ['id', 'n', 'mean', 'min', 'max', 'spread', 'disagreement', 'focus']);
      assert.deepStrictEqual(c.feedbacks[0].evidence.a, { plus: 0, minus: 0, neutral: 0 });
    });
  });

  describe('evidence', () => {
    const NOTES = '\n## Interview Notes\n### Deep Dive\n- [12:30] could not shard the ledger -scale #dist\n- [20:00] good <b>failure</b> handling +prod +prod\n';

    it('each feedback\'s tag counts are the checker\'s notes.byDimension, and its notes are kept per dimension', () => {
      const kit = builtInKit();
      const text = fill({ scores: [3, 3, 3, 4, 3], weighted: '3.15', recommend: ['hire'] }) + NOTES;
      const { rows } = feedbackRows('a.md', text, kitRubricResolver([kit]), { evidence: 'notes' });
      const d = debriefReport({ rows, rubrics: {}, loops: [], kitOf: () => undefined, unreadable: [] }, { windowDays: 14 }).candidates[0];
      const dims = kit.rubric!.rubric.dimensions;
      assert.deepStrictEqual(d.feedbacks[0].evidence, notesReport(parseNotes(text, dims), dims).byDimension);
      assert.deepStrictEqual(d.feedbacks[0].evidence['production-readiness'], { plus: 2, minus: 0, neutral: 0 });
      assert.deepStrictEqual(d.feedbacks[0].notes['scalability-performance'].map((n) => [n.time, n.phase, n.polarities, n.text]), [['[12:30]', 'Deep Dive', ['minus'], 'could not shard the ledger -scale #dist']]);
      // Counts alone (the JSON's), and none in the report's rows.
      assert.deepStrictEqual(feedbackRows('a.md', text, kitRubricResolver([kit]), { evidence: 'counts' }).rows[0].evidence, d.feedbacks[0].evidence);
      assert.strictEqual(feedbackRows('a.md', text, kitRubricResolver([kit])).rows[0].evidence, undefined);
    });

    it('the Debrief Summary shows the panel, disagreements first, coverage, missing feedback and each note beside its score, all escaped', () => {
      const rows = [
        row({ file: 'fb/alex.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 4, 3], problem: 'Rate <img src=x onerror=alert(1)>' }),
        row({ file: 'fb/sam|x.md', interviewer: 'Sam Okafor', scores: [3, 1, 3, 4, 3] }),
      ];
      const withNote = { ...rows[1], evidence: { b: { plus: 0, minus: 1, neutral: 0, notes: [{ line: 40, phase: 'Deep Dive', timeText: '[12:30]', text: 'no *sharding* <script>', tags: [{ polarity: 'minus' as const, dimension: 'b' }] }] } } } as unknown as CalibrationRow;
      const d = debrief([rows[0], withNote], [{ file: 'l.loop.yaml', text: LOOP }]).candidates[0];
      const md = debriefMarkdown(d);
      assert.match(md, /^# Debrief: Priya Raman\n/);
      assert.ok(!/<img|<script/.test(md), md);
      assert.ok(md.includes('| fb/sam\\|x\\.md |'), md);
      const dims = md.slice(md.indexOf('## Dimensions'), md.indexOf('## Coverage'));
      assert.match(dims, /\| \*\*Scalability\*\* \(disagreement\) \| 3 \| 1 \| 2 \| 2\.00 \| 1 \| 3 \| 2 \| 2 \|\n\| Architecture \|/);
      assert.match(md, /- Production is in the focus of 1 interview; the loop asks for 2\./);
      // The loop names the problem by id; the summary by the kit's title, in the panel's column too.
      assert.match(md, /## Missing feedback\n\n- Mei Lin: News Feed, 2026-12-11/);
      assert.match(md, /\n\| Problem \| Rate &lt;img src=x onerror=alert\\\(1\\\)&gt; \| URL Shortener \| News Feed \|\n/);
      assert.match(md, /\*\*Sam Okafor\*\* \(score 1; tags 0\+ 1− 0#\)\n\n- \\\[12:30\\\] · Deep Dive \*\*−\*\* no \\\*sharding\\\* &lt;script&gt;/);
      assert.match(debriefText({ candidates: [d], unreadable: [] }), /Disagreements: Scalability \(1–3\)/);
    });
  });

  describe('--anonymise', () => {
    it('pseudonyms are stable and in the order of first appearance: Candidate 1, 2…, Interviewer A…Z, AA…', () => {
      const p = new Pseudonyms();
      assert.deepStrictEqual([p.candidate('Zoe'), p.candidate('Adam'), p.candidate(' zoe '), p.candidate('')], ['Candidate 1', 'Candidate 2', 'Candidate 1', '']);
      const names = Array.from({ length: 28 }, (_, i) => p.interviewer(`person ${i}`));
      assert.deepStrictEqual([names[0], names[25], names[26], names[27], p.interviewer('PERSON 0')], ['Interviewer A', 'Interviewer Z', 'Interviewer AA', 'Interviewer AB', 'Interviewer A']);
      assert.deepStrictEqual([p.file('b/x.md'), p.file('a/y.md'), p.file('b/x.md')], ['File 1', 'File 2', 'File 1']);
    });

    it('the report and the debrief over the same rows give each person and file the same pseudonym; loops and repeats too; notes\' text withheld', () => {
      const rows = [
        row({ file: 'fb/2.md', interviewer: 'Sam Okafor', scores: [3, 1, 3, 4, 3] }),
        row({ file: 'fb/1.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 4, 3] }),
        row({ file: 'fb/0-old.md', interviewer: 'Old Hand', scores: [2, 2, 2, 2, 2], date: '2025-01-01', problem: 'Chat System' }),
        row({ file: 'fb/3.md', interviewer: 'Alex Chen', scores: [3, 3, 3, 3, 3], candidate: 'Bo Li' }),
      ];
      const report = anonymiseReport(calibrationReport(rows, [], { windowDays: 14, minN: 5 }));
      assert.deepStrictEqual(report.rows.map((r) => [r.file, r.candidate, r.candidateKey, r.interviewer]), [
        ['File 1', 'Candidate 1', 'candidate 1', 'Interviewer A'],
        ['File 2', 'Candidate 1', 'candidate 1', 'Interviewer B'],
        ['File 3', 'Candidate 1', 'candidate 1', 'Interviewer C'],
        ['File 4', 'Candidate 2', 'candidate 2', 'Interviewer B'],
      ]);
      assert.deepStrictEqual(report.interviewers.map((i) => [i.name, i.key, i.n]), [['Interviewer A', 'interviewer a', 1], ['Interviewer B', 'interviewer b', 2], ['Interviewer C', 'interviewer c', 1]]);
      const d = anonymiseDebrief(debrief(rows, [{ file: 'loops/priya.loop.yaml', text: LOOP }]));
      assert.deepStrictEqual(d.candidates.map((c) => [c.candidate, c.loop, c.feedbacks.map((f) => [f.file, f.interviewer])]), [
        ['Candidate 1', null, [['File 1', 'Interviewer A']]],
        ['Candidate 1', 'File 5', [['File 2', 'Interviewer B'], ['File 3', 'Interviewer C']]],
        ['Candidate 2', null, [['File 4', 'Interviewer B']]],
      ]);
      assert.deepStrictEqual(d.candidates[1].missing.map((m) => m.interviewer), ['Interviewer D']);
      assert.deepStrictEqual(d.candidates[1].repeats, [{ problem: 'chat', problemTitle: 'Chat System', interviewer: 'Interviewer C', earlier: [{ file: 'File 1', date: '2025-01-01' }] }]);
      assert.ok(d.candidates.every((c) => c.notesWithheld));
      const text = JSON.stringify(debriefJson(d)) + debriefMarkdown(d.candidates[1]);
      for (const name of ['Priya', 'Raman', 'Sam', 'Okafor', 'Alex', 'Old Hand', 'Mei', 'Bo Li', 'fb/', 'loops/']) assert.ok(!text.includes(name), `${name} is in the anonymised output`);
    });
  });

  describe('properties', () => {
    const anyRow = fc.record({
      file: fc.constantFrom('a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md'),
      index: fc.nat(2),
      candidate: fc.constantFrom('Priya Raman', 'priya raman', 'Bo Li', ''),
      interviewer: fc.constantFrom('Alex', 'Sam', 'Mei', ''),
      day: fc.option(fc.integer({ min: 1, max: 60 }), { freq: 5 }),
      scores: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { freq: 6 }), { minLength: 5, maxLength: 5 }),
    });

    it('every row is in exactly one candidate; per dimension spread = max − min ≥ 0 over n counted scores; combined n = counted feedbacks, within the scale', () => {
      fc.assert(
        fc.property(fc.array(anyRow, { maxLength: 14 }), fc.integer({ min: 0, max: 30 }), (specs, windowDays) => {
          const seen = new Set<string>();
          const rows = specs
            .filter((s) => !seen.has(`${s.file}#${s.index}`) && seen.add(`${s.file}#${s.index}`))
            .map((s) => ({ ...row({ file: s.file, interviewer: s.interviewer, scores: s.scores, candidate: s.candidate, date: s.day === null ? null : `2026-01-${String(((s.day - 1) % 28) + 1).padStart(2, '0')}` }), index: s.index }));
          const r = debrief(rows, [], windowDays);
          const placed = r.candidates.flatMap((c) => c.feedbacks.map((f) => `${f.file}#${f.index}`));
          assert.deepStrictEqual([...placed].sort(), rows.map((x) => `${x.file}#${x.index}`).sort());
          for (const c of r.candidates) {
            const counted = c.feedbacks.filter((f) => f.counted);
            assert.strictEqual(c.combined.n, counted.length);
            if (c.combined.weightedScore !== null) assert.ok(c.combined.weightedScore >= 1 && c.combined.weightedScore <= 4);
            for (const x of c.dimensions) {
              assert.strictEqual(x.n, counted.length);
              if (x.n === 0) assert.deepStrictEqual([x.mean, x.min, x.max, x.spread, x.disagreement], [null, null, null, null, false]);
              else {
                assert.strictEqual(x.spread, x.max! - x.min!);
                assert.ok(x.spread >= 0 && x.mean! >= x.min! && x.mean! <= x.max!);
                assert.strictEqual(x.disagreement, x.spread >= 2);
              }
            }
            assert.strictEqual(Object.values(c.recommendations).reduce((s, k) => s + k, 0), counted.filter((f) => f.recommendation !== null).length);
          }
        }),
      );
    });
  });
});
