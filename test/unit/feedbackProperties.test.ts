import * as assert from 'assert';
import * as fc from 'fast-check';
import { applyEdits, fixAll, isFeedbackDocument, validateFeedback, type FeedbackOptions, type FeedbackValidation, type Range } from '../../src/core/feedback';
import { isStale } from '../../src/core/feedback/score';
import { parseField } from '../../src/core/feedback/lines';
import { checkRubric } from '../../src/core/rubric';
import { generateFeedbackTemplate, templateSpecFromMarkdown } from '../../src/core/feedback';
import { allCombinations, content, fill } from '../fixtures/feedback/fill';
import { anyRubric, anyScores, expected, fillAny } from '../fixtures/feedback/kits';

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

  it('reads a template spec from any Markdown without throwing, and checks documents with it', () => {
    fc.assert(fc.property(randomDocument, randomDocument, fc.boolean(), (templateText, text, half) => {
      const spec = templateSpecFromMarkdown(templateText, { singleChoice: ['Recommendation', 'Specific Role Fit'], topBandOnly: ['Principal'] });
      assert.ok(spec.scoresHeading.length > 0 && spec.weightedLabel.length > 0);
      const v = validateFeedback(text, rubric(), { spec, allowHalfPoints: half });
      const lines = linesOf(text);
      for (const d of v.diagnostics) assertInside(lines, d.range, d.code);
    }), { numRuns: 300 });
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

  it('the weighted score and band match a computation by hand over all 1,024 score combinations', () => {
    const combos = allCombinations();
    assert.strictEqual(combos.length, 1024);
    for (const scores of combos) {
      // Exact rational arithmetic: the score is n / 200 with n = sum of (2 x score) x weight.
      const e = expected(rubric(), scores);
      const v = validateFeedback(fill({ scores }), rubric());
      assert.strictEqual(v.scored, 5);
      assert.strictEqual(v.weightedScoreText, `${e.text} / 4.0`, scores.join());
      assert.strictEqual(v.weightedScore, e.value);
      assert.strictEqual(v.band, e.band, e.text);
      // The printed ranges leave gaps (3.4 < x < 3.5, 2.7 < x < 2.8): there, and only there, a score is borderline.
      const gap = (e.n > 680n && e.n < 700n) || (e.n > 540n && e.n < 560n);
      assert.strictEqual(v.borderline, gap, `${e.text} borderline`);
    }
  });

  it('with half points, a random score set is computed exactly and rounded half up', () => {
    const half = fc.integer({ min: 2, max: 8 }).map((x) => x / 2);
    fc.assert(fc.property(fc.array(half, { minLength: 5, maxLength: 5 }), (scores) => {
      const v = validateFeedback(fill({ scores }), rubric(), { allowHalfPoints: true });
      const e = expected(rubric(), scores);
      assert.strictEqual(v.weightedScore, e.value);
      assert.strictEqual(v.weightedScoreText, `${e.text} / 4.0`);
      assert.strictEqual(v.band, e.band);
    }), { numRuns: 300 });
  });

  it('any valid rubric, any scores: the exact weighted score and band', () => {
    fc.assert(
      fc.property(anyRubric.chain((r) => fc.tuple(fc.constant(r), fc.boolean()).chain(([r2, half]) => fc.tuple(fc.constant(r2), fc.constant(half), anyScores(r2, half)))), ([r, half, scores]) => {
        assert.deepStrictEqual(checkRubric(r), [], 'the generator makes valid rubrics');
        const e = expected(r, scores);
        const template = generateFeedbackTemplate(r, { name: 'Generated' });
        const bandText = r.recommendations.find((x) => x.band === e.band)?.text ?? r.bands.find((b) => b.id === e.band)!.label;
        const text = fillAny(template, r, { scores, weighted: e.text, check: [bandText] });
        const v = validateFeedback(text, r, { allowHalfPoints: half });
        assert.strictEqual(v.scored, r.dimensions.length);
        assert.strictEqual(v.weightedScore, e.value);
        assert.strictEqual(v.weightedScoreText, `${e.text} / ${r.scale.max}.0`);
        assert.strictEqual(v.band, e.band);
        assert.strictEqual(v.recommendation, e.band);
        assert.deepStrictEqual(v.diagnostics.map((d) => d.code).filter((c) => c !== 'field-unfilled'), []);
      }),
      { numRuns: 300 },
    );
  });

  it('any valid rubric: its generated template parsed back has every dimension unfilled', () => {
    fc.assert(
      fc.property(anyRubric, (r) => {
        const v = validateFeedback(generateFeedbackTemplate(r, { name: 'Generated' }), r);
        assert.strictEqual(v.scored, 0);
        assert.deepStrictEqual(v.scores.map((s) => s.status), r.dimensions.map(() => 'unfilled'));
        const codes = v.diagnostics.map((d) => d.code);
        assert.strictEqual(codes.filter((c) => c === 'score-unfilled').length, r.dimensions.length);
        assert.deepStrictEqual(codes.filter((c) => c !== 'score-unfilled' && c !== 'field-unfilled'), []);
        const recommendations = v.document.parts[0].groups.find((g) => g.kind === 'recommendation')!;
        assert.strictEqual(recommendations.items.length, r.bands.length);
        assert.deepStrictEqual(new Set(recommendations.items.map((i) => v.rubric.recommendationBand(i.text))), new Set(r.bands.map((b) => b.id)));
      }),
      { numRuns: 200 },
    );
  });

  it('a written weighted score is stale exactly when it differs from the computed one by more than 0.005 (property)', () => {
    // By hand in BigInt: written W / 10^k against milli / 1000.
    const byHand = (written: string, milli: number) => {
      const m = /^(-?)(\d+)(?:[.,](\d*))?$/.exec(written);
      if (!m || m[2].length + (m[3] ?? '').length + m[1].length > 30) return true;
      const k = (m[3] ?? '').length;
      const w = BigInt(m[1] + m[2] + (m[3] ?? ''));
      const diff = w * 1000n - BigInt(milli) * 10n ** BigInt(k);
      return (diff < 0n ? -diff : diff) > 5n * 10n ** BigInt(k);
    };
    const digits = (max: number) => fc.string({ unit: fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), minLength: 1, maxLength: max });
    const written = fc.oneof(
      fc.tuple(fc.constantFrom('', '-'), digits(4), fc.constantFrom('.', ','), fc.string({ unit: fc.constantFrom('0', '1', '4', '5', '9'), maxLength: 6 })).map(([s, w, d, f]) => `${s}${w}${d}${f}`),
      fc.tuple(fc.constantFrom('', '-'), digits(20), fc.constantFrom('', '.'), digits(12)).map(([s, w, d, f]) => `${s}${w}${d}${d ? f : ''}`),
      fc.constantFrom('3.15', '3.145', '3.155', '3.1549', '3,15', '3.', '-0.00', '4', 'x', '', '3.15.1', '1e3'),
    );
    const milli = fc.oneof(fc.integer({ min: -20000, max: 20000 }), fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), fc.integer());
    fc.assert(fc.property(written, milli, (w, m) => assert.strictEqual(isStale(w, m), byHand(w, m), `${w} vs ${m}`)), { numRuns: 5000 });
    // Right at the edge, 0.005 away give or take one unit of the last written digit, at any size.
    const edge = fc.tuple(milli, fc.integer({ min: 3, max: 14 }), fc.constantFrom(-1n, 1n), fc.constantFrom(-1n, 0n, 1n)).map(([m, k, side, eps]) => {
      const unit = 10n ** BigInt(k - 3);
      const w = BigInt(m) * unit + side * 5n * unit + eps;
      const digits = (w < 0n ? -w : w).toString().padStart(k + 1, '0');
      return { m, written: `${w < 0n ? '-' : ''}${digits.slice(0, -k)}.${digits.slice(-k)}` };
    });
    fc.assert(fc.property(edge, ({ m, written: w }) => assert.strictEqual(isStale(w, m), byHand(w, m), `${w} vs ${m}`)), { numRuns: 3000 });
  });
  it('a field line reads back as written: label and value are the text their ranges cover, trimmed, the label without emphasis (property)', () => {
    // Lines of the characters a field turns on (markers, emphasis, colons, white space of every kind,
    // line terminators that '.' does not match), and field lines with a piece changed.
    const unit = fc.constantFrom(' ', ' ', '\t', '-', '*', '*', '_', '+', ':', ':', 'a', 'B', '[', ']', '1', '.', '\u00a0', '\u2028', '\u2029', '\r', '\n', '\v', '\u3000', '\ufeff', '\u{1F600}');
    const line = fc.oneof(
      fc.string({ unit, maxLength: 24 }),
      fc.tuple(
        fc.constantFrom('', ' ', '  ', '\t', '- ', '* ', '+ ', '-\t', ' * ', '*', '-'),
        fc.constantFrom('**', '__', '*', '_', '***', '**_'),
        fc.string({ unit, maxLength: 10 }),
        fc.constantFrom('**', '__', '*', '_', ':**', ': **', '**:', '__ :'),
        fc.string({ unit, maxLength: 10 }),
      ).map((parts) => parts.join('')),
    );
    const slice = (l: string, r: Range) => l.slice(r.start.character, r.end.character);
    let fields = 0;
    fc.assert(
      fc.property(line, fc.nat(1000), (l, n) => {
        const f = parseField(l, n);
        if (!f) return;
        fields++;
        for (const r of [f.labelRange, f.valueRange]) assert.ok(r.start.line === n && r.end.line === n && r.start.character <= r.end.character && r.end.character <= l.length, JSON.stringify(l));
        assert.strictEqual(slice(l, f.labelRange), f.label, JSON.stringify(l));
        assert.strictEqual(slice(l, f.valueRange), f.value, JSON.stringify(l));
        assert.match(f.label, /^[^*_ \t](?:[^*_]*[^*_ \t])?$/, JSON.stringify(l));
        assert.doesNotMatch(f.value, /^[ \t]|[ \t]$/, JSON.stringify(l));
        // The label is emphasised and a colon ends it, inside the emphasis or just after it.
        assert.match(l.slice(0, f.valueRange.start.character), /^[ \t]*(?:[-*+][ \t]+)?(\*\*|__)[^*_]*(?::\s*(\*\*|__)|(\*\*|__)\s*:)[ \t]*$/, JSON.stringify(l));
      }),
      { numRuns: 20000 },
    );
    assert.ok(fields > 200, `only ${fields} lines read as fields`);
    const read = (l: string) => {
      const f = parseField(l, 3);
      return f && [f.label, f.value, f.placeholder];
    };
    assert.deepStrictEqual(read('**Candidate:** Ada'), ['Candidate', 'Ada', false]);
    assert.deepStrictEqual(read('- **Date**: 2024-03-01'), ['Date', '2024-03-01', false]);
    assert.deepStrictEqual(read('* **Weighted Score:** 3.15 / 4.0'), ['Weighted Score', '3.15 / 4.0', false]);
    assert.deepStrictEqual(read('__Label__ : x'), ['Label', 'x', false]);
    assert.deepStrictEqual(read('**Candidate:** [Name]'), ['Candidate', '[Name]', true]);
    assert.deepStrictEqual(read('**A:**'), ['A', '', false]);
    for (const l of ['** :** x', '*** x', '**Label** x', '*Label:* x', '- ** x:** y\u2028']) assert.strictEqual(parseField(l, 3), undefined, l);
  });
});
