import * as assert from 'assert';
import * as fc from 'fast-check';
import { applyEdits, fixAll, isFeedbackDocument, validateFeedback, type FeedbackOptions, type FeedbackValidation, type Range } from '../../src/core/feedback';
import { allCombinations, content, fill, hundredths } from '../fixtures/feedback/fill';

const rubric = () => content().rubric;

/** Lines as VS Code counts them: CRLF, LF and lone CR all end a line. */
const linesOf = (text: string) => text.split(/\r\n|\r|\n/);

function assertInside(lines: string[], r: Range, what: string): void {
  for (const p of [r.start, r.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} of ${lines.length}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length, `${what}: character ${p.character} of ${lines[p.line].length}`);
  }
  assert.ok(r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character), `${what}: start after end`);
}

/** The properties every document must have: no throw, every range and edit inside it, fixes apply, fix-all settles. */
function check(text: string, options?: FeedbackOptions): FeedbackValidation {
  const v = validateFeedback(text, rubric(), options);
  const lines = linesOf(text);
  for (const d of v.diagnostics) {
    assertInside(lines, d.range, d.code);
    for (const f of d.fixes ?? []) {
      for (const e of f.edits) assertInside(lines, e.range, `${d.code} fix`);
      applyEdits(text, f.edits);
    }
  }
  const fixed = applyEdits(text, fixAll(v));
  const again = validateFeedback(fixed, rubric(), options);
  assert.ok(!again.diagnostics.some((d) => d.code === 'weighted-score-stale' || d.code === 'weight-mismatch'), 'fix-all leaves no safe problem');
  assert.strictEqual(again.weightedScore, v.weightedScore, 'fix-all does not change the score');
  isFeedbackDocument(text);
  return v;
}

/** Pieces that feedback documents are made of, to build plausible random ones. */
const PIECES = [
  '### Scores (Weighted)', '## Senior Engineer System Design Interview', '# Scores (Weighted)', '### Recommendation', '### Production Experience Assessment',
  '### Collaboration & Leadership Indicators', '### Specific Role Fit', '- Technical Architecture (30%): 3 / 4', '- Scalability & Performance (25%): [1-4] / 4',
  '- Distributed Systems Knowledge (20%):4', '- Production Readiness (15%): 9 / 4', '- Communication & Leadership (10%): 2.5', '- **Weighted Score:** [Score] / 4.0',
  '- **Weighted Score:** 3.15 / 4.0', '- [x] Hire - Strong senior candidate', '- [X] Strong Hire - Exceptional senior candidate', '- [ ] No Hire - Below senior level expectations',
  '- [x] Principal engineer track (if Strong Hire)', '- [x] Some production experience but limited scale', '- [x] Limited production experience',
  '**Candidate:** [Name]', '**Date:** 2024-02-30', '**Date:** 2024-01-31', '**Years of Experience:** 3', '**Problem Used:**', '```', '~~~', '',
  '- Foo (10%): x', '- : ', '-', '(', ')', ':', '**', '[', ']', '- [x]', '#', '###### Scores (Weighted) ###', '- Technical Architecture ((30%)): (3) / 4 / 4',
];
const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 12 }));
const eol = fc.constantFrom('\n', '\r\n', '\r');
const randomDocument = fc.tuple(fc.array(fc.tuple(piece, eol), { maxLength: 60 }), fc.boolean()).map(([parts, final]) =>
  parts.map(([p, e], i) => p + (i < parts.length - 1 || final ? e : '')).join(''),
);

/** One random change to a document: delete, duplicate or replace a line, insert characters, or change line breaks. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: piece }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), with: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('crlf' as const), at: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, ms: Mutation[]): string {
  for (const m of ms) {
    const lines = text.split('\n');
    const i = m.at % Math.max(lines.length, 1);
    if (m.kind === 'delete') lines.splice(i, 1);
    else if (m.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (m.kind === 'replace') lines[i] = m.with;
    else if (m.kind === 'crlf') lines[i] = (lines[i] ?? '') + '\r';
    else {
      const at = m.at % (text.length + 1);
      text = text.slice(0, at) + m.with + text.slice(at);
      continue;
    }
    text = lines.join('\n');
  }
  return text;
}

describe('feedback validator: properties', () => {
  it('never throws on arbitrary text, and every range lies inside the document', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.boolean(), (text, half) => { check(text, { allowHalfPoints: half, today: '2024-06-01' }); }), { numRuns: 400 });
  });

  it('never throws on random documents made of feedback pieces', () => {
    fc.assert(fc.property(randomDocument, fc.boolean(), (text, half) => { check(text, { allowHalfPoints: half }); }), { numRuns: 600 });
  });

  it('never throws on mutated filled templates', () => {
    const base = fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'], check: ['Principal'] });
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 8 }), fc.boolean(), (ms, half) => { check(mutate(base, ms), { allowHalfPoints: half }); }), { numRuns: 600 });
  });

  it('handles a huge document and odd inputs', () => {
    const big = fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }).repeat(400);
    const v = check(big);
    assert.strictEqual(v.feedbacks.length, 400);
    check('\u0000\uFFFD\uD800'.repeat(1000));
    check('x'.repeat(200_000));
    check('### Scores (Weighted)\n' + '- a: b\n'.repeat(5000));
    assert.doesNotThrow(() => validateFeedback(undefined as unknown as string, rubric()));
  });

  it('the weighted score matches an independent computation over all 1,024 score combinations', () => {
    const combos = allCombinations();
    assert.strictEqual(combos.length, 1024);
    const bands = [...rubric().bands].sort((a, b) => (b.min ?? -1) - (a.min ?? -1));
    for (const scores of combos) {
      const h = hundredths(scores);
      const v = validateFeedback(fill({ scores }), rubric());
      assert.strictEqual(v.scored, 5);
      assert.strictEqual(v.weightedScoreText, `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')} / 4.0`, scores.join());
      assert.strictEqual(v.weightedScore, h / 100);
      const i = bands.findIndex((b) => b.min === null || h >= Math.round(b.min * 100));
      assert.strictEqual(v.band, bands[i].id, `${h / 100}`);
      const gap = i > 0 && bands[i].printedMax !== null && h > Math.round(bands[i].printedMax! * 100);
      assert.strictEqual(v.borderline, gap, `${h / 100} borderline`);
    }
  });

  it('with half points, a random score set is computed exactly and rounded half up', () => {
    const half = fc.integer({ min: 2, max: 8 }).map((x) => x / 2);
    fc.assert(fc.property(fc.array(half, { minLength: 5, maxLength: 5 }), (scores) => {
      const v = validateFeedback(fill({ scores }), rubric(), { allowHalfPoints: true });
      const thousandths = rubric().dimensions.reduce((s, d, i) => s + scores[i] * 2 * d.weight, 0) * 5;
      assert.strictEqual(v.weightedScore, thousandths / 1000);
      const hundredthsUp = Math.floor((thousandths + 5) / 10);
      assert.strictEqual(v.weightedScoreText, `${Math.floor(hundredthsUp / 100)}.${String(hundredthsUp % 100).padStart(2, '0')} / 4.0`);
    }), { numRuns: 300 });
  });
});
