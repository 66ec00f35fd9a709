import * as assert from 'assert';
import type { Debrief, DebriefFeedback } from '../../src/core/loop/debrief';
import type { LoopPlan } from '../../src/core/loop';
import { blindFor, sealedDebrief } from '../../src/debrief/blind';

const PLAN: LoopPlan = {
  candidate: 'Priya Raman',
  date: '2026-12-10',
  interviews: [
    { interviewer: 'Alex Chen', problem: 'global-social-media-feed', focus: ['arch'], date: '2026-12-10' },
    { interviewer: 'Sam  Okafor', problem: 'distributed-payment-processing', focus: ['arch', 'scale'], date: '2026-12-10' },
    { interviewer: 'Dana Scully', problem: 'real-time-analytics-platform', focus: ['scale'], date: '2026-12-10' },
  ],
};

function feedback(interviewer: string, file: string, scores: [number, number], submitted: string | null = null): DebriefFeedback {
  return {
    file, index: 0, line: 8, interviewer, date: '2026-12-10', problem: 'p', scores: { arch: scores[0], scale: scores[1] },
    weightedScore: (scores[0] + scores[1]) / 2, band: 'hire', recommendation: 'hire', counted: true, submitted, editedAfterSubmit: false,
    state: submitted ? 'submitted' : 'written',
    evidence: { arch: { plus: 1, minus: 0, neutral: 0 }, scale: { plus: 0, minus: 0, neutral: 0 } },
    notes: { arch: [{ line: 30, time: '[14:20]', phase: 'High-Level Design', polarities: ['plus'], text: '+arch sharded by user id' }], scale: [] },
    focus: ['arch'],
  };
}

function debrief(feedbacks: DebriefFeedback[]): Debrief {
  return {
    candidate: 'Priya Raman', candidateKey: 'priya raman', loop: 'priya.loop.yaml', rubric: 'builtin@1', feedbacks,
    missing: [{ interviewer: 'Dana Scully', problem: 'real-time-analytics-platform', problemTitle: 'Real-time Analytics Platform', date: '2026-12-10', focus: ['scale'] }],
    dimensions: [
      { id: 'arch', name: 'Architecture', n: 2, mean: 3, min: 2, max: 4, spread: 2, disagreement: true, focus: 2 },
      { id: 'scale', name: 'Scale', n: 2, mean: 3, min: 3, max: 3, spread: 0, disagreement: false, focus: 2 },
    ],
    combined: { n: 2, weightedScore: 3, band: 'hire' }, recommendations: { hire: 2, 'no-hire': 0 }, repeats: [], coverage: [],
    date: '2026-12-10', minCoverage: 2, disagreement: 2, bands: [{ id: 'hire', label: 'Hire' }, { id: 'no-hire', label: 'No Hire' }], notesWithheld: false,
  };
}

describe('debrief blind mode', () => {
  const alex = feedback('Alex Chen', 'alex.md', [4, 3], '2026-12-10T18:00:00Z');
  const sam = feedback('Sam Okafor', 'sam.md', [2, 3]);
  const d = debrief([alex, sam]);

  it('is blind for a panelist whose own feedback is not submitted, naming it (name matched case and spacing aside)', () => {
    assert.deepStrictEqual(blindFor(d, PLAN, ' sam okafor ', true), { interviewer: ' sam okafor ', own: { file: 'sam.md', index: 0 } });
  });

  it('is blind for a panelist with no feedback yet, with nothing to submit', () => {
    assert.deepStrictEqual(blindFor(d, PLAN, 'Dana Scully', true), { interviewer: 'Dana Scully', own: null });
  });

  it('shows everything once the panelist submitted, to someone off the panel, without a loop, without a user, and with blind mode off', () => {
    assert.strictEqual(blindFor(d, PLAN, 'Alex Chen', true), null);
    assert.strictEqual(blindFor(d, PLAN, 'Hiring Manager', true), null);
    assert.strictEqual(blindFor(d, undefined, 'Sam Okafor', true), null);
    assert.strictEqual(blindFor(d, PLAN, undefined, true), null);
    assert.strictEqual(blindFor(d, PLAN, '  ', true), null);
    assert.strictEqual(blindFor(d, PLAN, 'Sam Okafor', false), null);
  });

  it('withholds the other panelists\' scores, notes and every figure made from them, and keeps the panelist\'s own', () => {
    const before = JSON.stringify(d);
    const sealed = sealedDebrief(d, blindFor(d, PLAN, 'Sam Okafor', true)!);
    assert.strictEqual(JSON.stringify(d), before, 'the debrief is not changed');
    const [a, s] = sealed.feedbacks;
    assert.deepStrictEqual(a.scores, { arch: null, scale: null });
    assert.deepStrictEqual([a.weightedScore, a.band, a.recommendation], [null, null, null]);
    assert.deepStrictEqual(a.notes, {});
    assert.deepStrictEqual(a.evidence, { arch: { plus: 0, minus: 0, neutral: 0 }, scale: { plus: 0, minus: 0, neutral: 0 } });
    assert.deepStrictEqual([a.interviewer, a.file, a.state], ['Alex Chen', 'alex.md', 'submitted'], 'who wrote what and its state stay');
    assert.strictEqual(s, sam, 'the panelist\'s own feedback is whole');
    assert.deepStrictEqual(sealed.dimensions.map((x) => [x.n, x.mean, x.min, x.max, x.spread, x.disagreement, x.focus]), [[0, null, null, null, null, false, 2], [0, null, null, null, null, false, 2]]);
    assert.deepStrictEqual(sealed.combined, { n: 0, weightedScore: null, band: null });
    assert.deepStrictEqual(sealed.recommendations, { hire: 0, 'no-hire': 0 });
    assert.deepStrictEqual(sealed.missing, d.missing);
  });
});
