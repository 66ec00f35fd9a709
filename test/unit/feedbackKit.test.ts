import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  BUILTIN_TEMPLATE_SPEC,
  FEEDBACK_CODE_ALIASES,
  FEEDBACK_CODES,
  FEEDBACK_RULES,
  compileRubric,
  generateFeedbackTemplate,
  isFeedbackDocument,
  parseFeedback,
  readScore,
  summarizeFeedback,
  templateSpecFromMarkdown,
  validScoreValues,
  validateFeedback,
  type FeedbackValidation,
} from '../../src/core/feedback';
import type { Rubric } from '../../src/core/content';
import { ROOT, content } from '../fixtures/feedback/fill';
import { SIX_DIMENSION_RUBRIC, expected, fillAny } from '../fixtures/feedback/kits';

const codes = (v: FeedbackValidation) => v.diagnostics.map((d) => d.code).sort();
const HEADER = (t: string) => t.replace('[Name]', 'Ada').replace('[Your Name]', 'Grace').replace('[Date]', '2024-03-15').replace('[Problem Title]', 'Rate Limiter').replace('[Years]', '9');

describe('feedback template as data', () => {
  const kit = { name: 'Team Kit' };
  const generated = () => generateFeedbackTemplate(SIX_DIMENSION_RUBRIC, kit);

  it('generates one score line per dimension in the built-in form, and one box per band', () => {
    const lines = generated().split('\n');
    for (const d of SIX_DIMENSION_RUBRIC.dimensions) assert.ok(lines.includes(`- ${d.name} (${d.weight}%): [1-5] / 5`), d.name);
    assert.ok(lines.includes('- **Weighted Score:** [Calculate] / 5.0'));
    const rec = lines.indexOf('### Recommendation');
    assert.deepStrictEqual(lines.slice(rec + 1, rec + 4), ['- [ ] Yes - hire for this level', '- [ ] Lean Yes', '- [ ] No - not at this level']);
    assert.ok(lines.includes('**Candidate:** [Name]') && lines.includes('**Date:** [Date]'));
    assert.match(lines[0], /Team Kit/);
  });

  it('a generated template parsed back has every dimension unfilled', () => {
    const v = validateFeedback(generated(), SIX_DIMENSION_RUBRIC);
    assert.deepStrictEqual(v.scores.map((s) => s.status), Array(6).fill('unfilled'));
    assert.strictEqual(v.scored, 0);
    assert.deepStrictEqual(codes(v).filter((c) => c !== 'field-unfilled'), Array(6).fill('score-unfilled'));
  });

  it('reads the layout back from the generated Markdown', () => {
    const spec = templateSpecFromMarkdown(generated());
    assert.strictEqual(spec.scoresHeading, 'Scores (Weighted)');
    assert.strictEqual(spec.weightedLabel, 'Weighted Score');
    assert.deepStrictEqual(spec.groups, [{ id: 'recommendation', heading: 'Recommendation', kind: 'recommendation' }]);
    assert.deepStrictEqual(spec.fields.map((f) => f.role), ['candidate', 'interviewer', 'date', 'problem', 'experience']);
  });

  it("reads the built-in template's Markdown as the built-in spec, given its hints", () => {
    const spec = templateSpecFromMarkdown(content().feedbackTemplate, {
      singleChoice: ['Production Experience Assessment', 'Collaboration & Leadership Indicators'],
      topBandOnly: ['Principal engineer track'],
    });
    assert.deepStrictEqual(spec, BUILTIN_TEMPLATE_SPEC);
  });

  it('reads a hand-written template: its own headings, labels, single-choice groups and top-band-only boxes', () => {
    const md = [
      '# Loop feedback', '', '**Candidate name:** [who]', '**Interview date:** [when]', '', '## Ratings',
      '* Problem Framing (15%): [1-5] / 5', '* Architecture (25%): [1-5] / 5', '* Data Modeling (15%): [1-5] / 5',
      '* Scaling & Reliability (20%): [1-5] / 5', '* Operations (10%): [1-5] / 5', '* Communication (15%): [1-5] / 5',
      '* Overall weighted: [Score] / 5.0', '', '## Level', '- [ ] Senior', '- [ ] Staff', '', '## Next steps', '- [ ] Staff track interview', '- [ ] Team match', '',
      '## Decision', '- [ ] Yes - hire for this level', '- [ ] Lean Yes', '- [ ] No - not at this level', '',
    ].join('\n');
    const spec = templateSpecFromMarkdown(md, { singleChoice: ['level'], topBandOnly: ['Staff track'] });
    assert.strictEqual(spec.scoresHeading, 'Ratings');
    assert.strictEqual(spec.weightedLabel, 'Overall weighted');
    assert.deepStrictEqual(spec.fields.map((f) => [f.label, f.role]), [['Candidate name', 'candidate'], ['Interview date', 'date']]);
    assert.deepStrictEqual(spec.groups.map((g) => [g.heading, g.kind]), [['Level', 'single'], ['Next steps', 'multi'], ['Decision', 'multi']]);

    // The decision group is the recommendation only when named so; a kit says it with the heading.
    const spec2 = templateSpecFromMarkdown(md.replace('## Decision', '## Recommendation'), { singleChoice: ['Level'], topBandOnly: ['Staff track'] });
    const filled = fillAny(md.replace('## Decision', '## Recommendation').replace('[who]', 'Ada').replace('[when]', '2024-13-01'), SIX_DIMENSION_RUBRIC, {
      scores: [3, 3, 3, 3, 3, 3], weighted: '3.00', check: ['Senior', 'Staff', 'Staff track interview', 'Lean Yes'],
    });
    const v = validateFeedback(filled, SIX_DIMENSION_RUBRIC, { spec: spec2 });
    assert.strictEqual(v.weightedScoreText, '3.00 / 5.0');
    assert.strictEqual(v.band, 'lean-yes');
    assert.strictEqual(v.recommendation, 'lean-yes');
    assert.deepStrictEqual(codes(v), ['checkbox-multiple', 'date-invalid', 'top-band-only-checked']);
    const top = v.diagnostics.find((d) => d.code === 'top-band-only-checked')!;
    assert.strictEqual(top.message, 'Staff track is checked, but the band is Lean Yes, not Yes');
    assert.strictEqual(parseFeedback(filled, spec2).parts[0].weightedLine?.valueText, '3.00');
    // A kit's scores heading makes a feedback document; the built-in heading does not, for that kit.
    assert.ok(isFeedbackDocument(filled, spec2));
    assert.ok(!isFeedbackDocument(filled));
    assert.ok(!isFeedbackDocument(content().feedbackTemplate, spec2));
    assert.ok(!isFeedbackDocument('```\n## Ratings\n```\n', spec2));
  });
});

describe('rubric-generic scoring', () => {
  const template = () => HEADER(generateFeedbackTemplate(SIX_DIMENSION_RUBRIC, { name: 'Team' }));

  it('scores a 1–5 rubric with six dimensions and three bands', () => {
    const scores = [4, 4, 3, 5, 3, 4];
    const e = expected(SIX_DIMENSION_RUBRIC, scores);
    assert.strictEqual(e.text, '3.95');
    const v = validateFeedback(fillAny(template(), SIX_DIMENSION_RUBRIC, { scores, weighted: e.text, check: ['Yes - hire'] }), SIX_DIMENSION_RUBRIC);
    assert.deepStrictEqual(codes(v), []);
    assert.strictEqual(v.weightedScore, e.value);
    assert.strictEqual(v.weightedScoreText, '3.95 / 5.0');
    assert.strictEqual(v.band, 'yes');
    assert.strictEqual(v.recommendation, 'yes');
  });

  it('derives band ranges from the mins when no printed range is given', () => {
    const c = compileRubric(SIX_DIMENSION_RUBRIC);
    assert.deepStrictEqual(['yes', 'lean-yes', 'no'].map((b) => c.bandRange(b)), ['\u2265 3.8', '3.0\u20133.8', '< 3.0']);
    assert.strictEqual(c.topBand.id, 'yes');
    // 3,3,3,3,3,3 = 3.00: Lean Yes; checking No is a mismatch that names the derived range.
    const v = validateFeedback(fillAny(template(), SIX_DIMENSION_RUBRIC, { scores: [3, 3, 3, 3, 3, 3], weighted: '3.00', check: ['No - not'] }), c);
    const d = v.diagnostics.find((x) => x.code === 'recommendation-mismatch')!;
    assert.strictEqual(d.message, 'No is checked, but the weighted score 3.00 is Lean Yes (3.0\u20133.8)');
    assert.deepStrictEqual(d.fixes!.map((f) => f.title), ['Recommend Lean Yes']);
    assert.strictEqual(v.borderline, false, 'no printed maximum: no gap');
  });

  it('reads two-digit scores on a 0–10 scale', () => {
    const rubric: Rubric = {
      scale: { min: 0, max: 10 },
      dimensions: [
        { id: 'a', name: 'Alpha', weight: 60, levels: [] },
        { id: 'b', name: 'Beta', weight: 40, levels: [] },
      ],
      bands: [{ id: 'pass', label: 'Pass', min: 7 }, { id: 'fail', label: 'Fail', min: null }],
      recommendations: [],
    };
    assert.deepStrictEqual(readScore(rubric, '10', false), { kind: 'score', halves: 20 });
    assert.deepStrictEqual(readScore(rubric, '0', false), { kind: 'score', halves: 0 });
    assert.strictEqual(readScore(rubric, '11', false).kind, 'invalid');
    assert.strictEqual(readScore(rubric, '[0-10]', false).kind, 'placeholder');
    assert.deepStrictEqual(validScoreValues(rubric), ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    const t = generateFeedbackTemplate(rubric, { name: 'Ten' });
    assert.ok(t.includes('- Alpha (60%): [0-10] / 10\n'));
    const v = validateFeedback(fillAny(HEADER(t), rubric, { scores: [10, 5], weighted: '8.00', check: ['Pass'] }), rubric);
    assert.deepStrictEqual(codes(v), []);
    assert.strictEqual(v.weightedScoreText, '8.00 / 10.0');
    assert.strictEqual(v.band, 'pass');
    const bad = validateFeedback(fillAny(HEADER(t), rubric, { scores: [10, 12] }), rubric);
    assert.deepStrictEqual(codes(bad), ['score-invalid']);
    assert.match(bad.diagnostics[0].message, /12 is outside the scale 0-10/);
  });

  it('gives every feedback of a file its own summary', () => {
    const one = fillAny(template(), SIX_DIMENSION_RUBRIC, { scores: [4, 4, 3, 5, 3, 4], weighted: '3.95', check: ['Yes - hire'] });
    const two = fillAny(template(), SIX_DIMENSION_RUBRIC, { scores: [2, 2, 2, 2, 2, 2], weighted: '2.00', check: ['No - not'] });
    const three = fillAny(template(), SIX_DIMENSION_RUBRIC, { scores: [3, 3] });
    const v = validateFeedback(`${one}\n${two}\n${three}`, SIX_DIMENSION_RUBRIC);
    assert.deepStrictEqual(v.feedbacks.map((f) => [f.scored, f.weightedScoreText, f.band, f.recommendation]), [
      [6, '3.95 / 5.0', 'yes', 'yes'],
      [6, '2.00 / 5.0', 'no', 'no'],
      [2, null, null, null],
    ]);
    const doc = parseFeedback(`${one}\n${two}\n${three}`);
    const c = compileRubric(SIX_DIMENSION_RUBRIC);
    assert.deepStrictEqual(doc.parts.map((p) => summarizeFeedback(c, doc, p)), v.feedbacks, 'the pure summary is what validation reports');
    assert.strictEqual(v.band, 'yes', 'the top level repeats the first feedback');
  });

  it('lets options set other severities, or turn a code off', () => {
    const text = fillAny(template(), SIX_DIMENSION_RUBRIC, { scores: [4, 4, 3, 5, 3, 4], check: ['Yes - hire'] }).replace('**Date:** 2024-03-15', '**Date:** [Date]');
    const v = validateFeedback(text, SIX_DIMENSION_RUBRIC, { severities: { 'field-unfilled': 'off', 'weighted-score-stale': 'error' } });
    assert.deepStrictEqual(v.diagnostics.map((d) => [d.code, d.severity]), [['weighted-score-stale', 'error']]);
  });

  it('keeps no state between rubrics: the same text checked against two rubrics in turn', () => {
    const text = fillAny(template(), SIX_DIMENSION_RUBRIC, { scores: [4, 4, 3, 5, 3, 4], weighted: '3.95', check: ['Yes - hire'] });
    const builtIn = content().rubric;
    for (let i = 0; i < 3; i++) {
      assert.deepStrictEqual(codes(validateFeedback(text, SIX_DIMENSION_RUBRIC)), []);
      const other = validateFeedback(text, builtIn);
      assert.strictEqual(other.scored, 0);
      assert.ok(codes(other).includes('score-missing'));
    }
  });
});

describe('diagnostic codes', () => {
  it('has one rule per documented code', () => {
    assert.deepStrictEqual(Object.keys(FEEDBACK_RULES).sort(), Object.keys(FEEDBACK_CODES).sort());
  });

  it('documents the old name of top-band-only-checked as an alias in docs/diagnostics.md', () => {
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'diagnostics.md'), 'utf8');
    for (const [alias, code] of Object.entries(FEEDBACK_CODE_ALIASES)) {
      assert.ok(!(alias in FEEDBACK_CODES), `${alias} is no code of its own`);
      const section = docs.split(/^(?=### )/m).find((s) => s.startsWith(`### \`${alias}\`\n`));
      assert.ok(section, `docs/diagnostics.md lacks the section of ${alias}`);
      assert.ok(section.includes(`[\`${code}\`](#${code})`), `the section of ${alias} links to ${code}`);
    }
  });
});
