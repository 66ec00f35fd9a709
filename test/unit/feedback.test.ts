import * as assert from 'assert';
import type { BandId } from '../../src/core/content';
import {
  FEEDBACK_CODES,
  FEEDBACK_CODE_LIST,
  applyEdits,
  bandOf,
  candidatesNamed,
  computeWeightedScore,
  fixAll,
  isFeedbackDocument,
  parseFeedback,
  recommendationEdits,
  scoreValueEdits,
  validateFeedback,
  weightEdits,
  weightedScoreEdits,
  type FeedbackCode,
  type FeedbackOptions,
  type FeedbackValidation,
} from '../../src/core/feedback';
import { resolveRubric } from '../../src/core/kit/rubricSource';
import { sealFeedback } from '../../src/core/kit/seal';
import type { LoadedKit } from '../../src/core/kit/types';
import { content, fill, scoresFor } from '../fixtures/feedback/fill';

const rubric = () => content().rubric;
const validate = (text: string, options?: FeedbackOptions) => validateFeedback(text, rubric(), options);
const codes = (v: FeedbackValidation) => v.diagnostics.map((d) => d.code).sort();
const only = (v: FeedbackValidation, code: FeedbackCode) => v.diagnostics.filter((d) => d.code === code);
/** The text a range covers, in a document split the way the checker does. */
const at = (text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
  assert.strictEqual(r.start.line, r.end.line, 'single-line range');
  return text.split(/\r\n|\r|\n/)[r.start.line].slice(r.start.character, r.end.character);
};

/** A clean, complete feedback: 3,3,4,3,3 = 3.20, Hire. */
const CLEAN = () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'], check: ['Some production experience', 'Good collaborator', 'Senior IC with complex'] });

/** CLEAN, submitted. */
const SEALED = () => sealFeedback(CLEAN(), '2026-12-07T09:30:00Z', '<!-- sdi-kit: kit=builtin rubric=1 -->').text;

interface Case {
  name: string;
  text: () => string;
  codes: FeedbackCode[];
  options?: FeedbackOptions;
  /** Further checks on the result. */
  check?: (v: FeedbackValidation, text: string) => void;
}

const CASES: Case[] = [
  { name: 'a clean, complete feedback', text: CLEAN, codes: [], check: (v) => {
    assert.strictEqual(v.scored, 5);
    assert.strictEqual(v.weightedScore, 3.2);
    assert.strictEqual(v.weightedScoreText, '3.20 / 4.0');
    assert.strictEqual(v.band, 'hire');
    assert.strictEqual(v.recommendation, 'hire');
    assert.strictEqual(v.borderline, false);
  } },
  { name: 'the blank template: only placeholders', text: () => content().feedbackTemplate,
    codes: ['field-unfilled', 'field-unfilled', 'field-unfilled', 'field-unfilled', 'field-unfilled', 'score-unfilled', 'score-unfilled', 'score-unfilled', 'score-unfilled', 'score-unfilled'],
    check: (v, t) => {
      assert.deepStrictEqual(only(v, 'field-unfilled').map((d) => at(t, d.range)), ['[Name]', '[Your Name]', '[Date]', '[Problem Title]', '[Years]']);
      assert.deepStrictEqual(only(v, 'score-unfilled').map((d) => [d.range.start.line, at(t, d.range)]), [[9, '[1-4]'], [10, '[1-4]'], [11, '[1-4]'], [12, '[1-4]'], [13, '[1-4]']]);
      assert.strictEqual(v.scored, 0);
      assert.strictEqual(v.weightedScore, null);
      assert.strictEqual(v.band, null);
    } },
  { name: 'no scores block', text: () => '# Notes\n\nNothing here.\n', codes: ['scores-block-missing'], check: (v) => {
    assert.deepStrictEqual(v.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.strictEqual(v.diagnostics[0].severity, 'error');
  } },
  { name: 'an empty document', text: () => '', codes: ['scores-block-missing'] },
  { name: 'a scores heading inside fenced code does not count', text: () => '```markdown\n### Scores (Weighted)\n```\n', codes: ['scores-block-missing'] },
  { name: 'a second scores block in one feedback', text: () => CLEAN().replace('### Technical Highlights', '### Scores (Weighted)\n- Technical Architecture (30%): 1 / 4\n\n### Technical Highlights'), codes: ['scores-block-duplicate'], check: (v) => assert.strictEqual(v.weightedScore, 3.2) },
  { name: 'a dimension without a line', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }).replace(/- Production Readiness.*\n/, ''),
    codes: ['score-missing'], check: (v) => {
      const d = only(v, 'score-missing')[0];
      assert.match(d.message, /Production Readiness \(15%\)/);
      assert.strictEqual(d.range.start.line, 8, 'on the scores heading');
      assert.strictEqual(v.scored, 4);
      assert.strictEqual(v.weightedScore, null);
    } },
  { name: 'a dimension scored twice', text: () => CLEAN().replace('- **Weighted Score:**', '- Technical Architecture (30%): 1 / 4\n- **Weighted Score:**'), codes: ['score-duplicate'], check: (v, t) => {
    const d = only(v, 'score-duplicate')[0];
    assert.strictEqual(d.range.start.line, 14);
    assert.strictEqual(at(t, d.range), 'Technical Architecture');
    assert.strictEqual(v.weightedScore, 3.2, 'the first line is read');
  } },
  { name: 'scores off the scale or not numbers', text: () => fill({ scores: [5, 0, 'good', 3.5, '2.25'], weighted: '3.20' }), codes: ['score-invalid', 'score-invalid', 'score-invalid', 'score-invalid', 'score-invalid'], check: (v, t) => {
    assert.deepStrictEqual(only(v, 'score-invalid').map((d) => at(t, d.range)), ['5', '0', 'good', '3.5', '2.25']);
    assert.strictEqual(v.scored, 0);
  } },
  { name: 'half points when allowed', text: () => fill({ scores: [3.5, 3, 4, 2.5, 3], weighted: '3.28', recommend: ['hire'] }), options: { allowHalfPoints: true }, codes: [], check: (v) => {
    // 3.5x30 + 3x25 + 4x20 + 2.5x15 + 3x10 = 327.5 -> 3.275, written 3.28 (half up) and 3.275 is within 0.005.
    assert.strictEqual(v.weightedScore, 3.275);
    assert.strictEqual(v.weightedScoreText, '3.28 / 4.0');
  } },
  { name: 'half points off: 3.5 is invalid, 4.5 is off the scale even when allowed', text: () => fill({ scores: [3.5, 3, 4, 4.5, 3] }), options: { allowHalfPoints: true }, codes: ['score-invalid'], check: (v, t) => {
    assert.deepStrictEqual(only(v, 'score-invalid').map((d) => at(t, d.range)), ['4.5']);
  } },
  { name: 'a wrong weight', text: () => CLEAN().replace('Readiness (15%)', 'Readiness (10%)'), codes: ['weight-mismatch'], check: (v, t) => {
    const d = only(v, 'weight-mismatch')[0];
    assert.strictEqual(at(t, d.range), '10%');
    assert.strictEqual(d.severity, 'error');
    assert.strictEqual(v.weightedScore, 3.2, "the rubric's weight counts");
  } },
  { name: 'a line naming no dimension', text: () => CLEAN().replace('- **Weighted Score:**', '- Coding Speed (5%): 4 / 4\n- **Weighted Score:**'), codes: ['dimension-unknown'], check: (v, t) => {
    assert.strictEqual(at(t, only(v, 'dimension-unknown')[0].range), 'Coding Speed');
    assert.strictEqual(only(v, 'dimension-unknown')[0].severity, 'warning');
  } },
  { name: 'plain lines naming dimensions are read; a plain weighted line too', text: () => CLEAN().replace(/^- (Technical|Scalability|Distributed|Production|Communication)/gm, '$1').replace('- **Weighted Score:** 3.20 / 4.0', '**Weighted Score: 3.20 / 4.0**'), codes: [], check: (v) => assert.strictEqual(v.weightedScore, 3.2) },
  { name: 'a list item naming no dimension is unknown, a prose line is not', text: () => CLEAN().replace('- **Weighted Score:** 3.20 / 4.0', '- **Weighted Score:** 3.20 / 4.0\nNote: discussed with the panel\n- Note: strong'), codes: ['dimension-unknown'] },
  { name: 'prose in the scores block is not a score line', text: () => CLEAN().replace('- **Weighted Score:** 3.20 / 4.0', '- **Weighted Score:** 3.20 / 4.0\n\nOverall the scores were discussed with the panel.'), codes: [] },
  { name: 'the weighted score not written', text: () => fill({ scores: [3, 3, 4, 3, 3], recommend: ['hire'] }), codes: ['weighted-score-stale'], check: (v, t) => {
    const d = only(v, 'weighted-score-stale')[0];
    assert.strictEqual(at(t, d.range), '[Score]');
    assert.strictEqual(d.severity, 'warning');
  } },
  { name: 'a stale weighted score', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.10', recommend: ['hire'] }), codes: ['weighted-score-stale'] },
  { name: 'a weighted score within 0.005 is not stale', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.205', recommend: ['hire'] }), codes: [] },
  { name: 'a weighted score 0.0051 away is stale', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.2051', recommend: ['hire'] }), codes: ['weighted-score-stale'] },
  { name: 'a weighted score with one decimal', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.2', recommend: ['hire'] }), codes: [] },
  { name: 'no weighted-score line at all', text: () => CLEAN().replace(/- \*\*Weighted Score.*\n/, ''), codes: ['weighted-score-stale'], check: (v) => assert.strictEqual(only(v, 'weighted-score-stale')[0].range.start.line, 8) },
  { name: 'the weighted score is not checked until every dimension is scored', text: () => fill({ scores: [3, 3, 4, 3], weighted: '1.00' }), codes: ['score-unfilled'] },
  { name: 'two recommendations', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire', 'no-hire'] }), codes: ['recommendation-multiple'], check: (v, t) => {
    const d = only(v, 'recommendation-multiple')[0];
    assert.strictEqual(at(t, d.range), '[x]');
    assert.match(t.split('\n')[d.range.start.line], /No Hire/);
    assert.strictEqual(v.recommendation, null);
  } },
  { name: 'a recommendation against the band', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['strong-hire'] }), codes: ['recommendation-mismatch'], check: (v, t) => {
    const d = only(v, 'recommendation-mismatch')[0];
    assert.strictEqual(at(t, d.range), '[x]');
    assert.strictEqual(v.recommendation, 'strong-hire');
  } },
  { name: 'no recommendation with every dimension scored', text: () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20' }), codes: ['recommendation-missing'], check: (v, t) => assert.strictEqual(at(t, only(v, 'recommendation-missing')[0].range), '### Recommendation') },
  { name: 'no recommendation is fine while scoring', text: () => fill({ scores: [3, 3, 4] }), codes: ['score-unfilled', 'score-unfilled'] },
  { name: 'two boxes in a single-choice group', text: () => CLEAN().replace('- [ ] Strong evidence', '- [X] Strong evidence').replace('- [ ] Poor collaboration', '- [x] Poor collaboration'), codes: ['checkbox-multiple', 'checkbox-multiple'] },
  { name: 'several role-fit boxes are fine', text: () => CLEAN().replace('- [ ] Tech lead', '- [x] Tech lead').replace('- [ ] Senior IC with mentoring', '- [x] Senior IC with mentoring'), codes: [] },
  { name: 'principal track below Strong Hire', text: () => CLEAN().replace('- [ ] Principal', '- [x] Principal'), codes: ['top-band-only-checked'], check: (v, t) => {
    const d = only(v, 'top-band-only-checked')[0];
    assert.strictEqual(at(t, d.range), '[x]');
    assert.strictEqual(d.message, 'Principal engineer track is checked, but the band is Hire, not Strong Hire');
  } },
  { name: 'principal track while unscored, with a recommendation below the top band', text: () => fill({ scores: [3, 3], recommend: ['hire'], check: ['Principal'] }), codes: ['score-unfilled', 'score-unfilled', 'score-unfilled', 'top-band-only-checked'], check: (v) => {
    assert.match(only(v, 'top-band-only-checked')[0].message, /the recommendation is Hire, not Strong Hire/);
  } },
  { name: 'principal track on a borderline score recommended Strong Hire', text: () => fill({ scores: scoresFor(345)!, weighted: '3.45', recommend: ['strong-hire'], check: ['Principal'] }), codes: ['band-borderline'] },
  { name: 'principal track with Strong Hire', text: () => fill({ scores: [4, 4, 4, 3, 3], weighted: '3.75', recommend: ['strong-hire'], check: ['Principal'] }), codes: [] },
  { name: 'a filled date that is no date', text: () => fill({ date: '2024-02-30', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: ['date-invalid'], check: (v, t) => assert.strictEqual(at(t, only(v, 'date-invalid')[0].range), '2024-02-30') },
  { name: 'a date in another format', text: () => fill({ date: '15/03/2024', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: ['date-invalid'] },
  { name: 'a leap day is a date', text: () => fill({ date: '2024-02-29', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: [] },
  { name: 'a date after today', text: () => fill({ date: '2031-01-01', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), options: { today: '2030-12-31' }, codes: ['date-future'] },
  { name: 'experience below the senior bar', text: () => fill({ years: '4 years', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: ['experience-below-bar'], check: (v, t) => assert.strictEqual(at(t, only(v, 'experience-below-bar')[0].range), '4 years') },
  { name: 'experience at the bar', text: () => fill({ years: '5', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: [] },
  { name: 'experience that is not a number is not judged', text: () => fill({ years: 'about a decade', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: [] },
  { name: 'a placeholder field is only unfilled: no date check', text: () => fill({ date: '[Date]', years: '[Years]', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: ['field-unfilled', 'field-unfilled'] },
  { name: 'an empty field is unfilled', text: () => fill({ candidate: '', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), codes: ['field-unfilled'] },
  { name: 'a comment after the scale is fine', text: () => CLEAN().replace('Leadership (10%): 3 / 4', 'Leadership (10%): 3 / 4 (clear, but rarely drove the discussion)'), codes: [] },
  { name: 'a score written out of another scale', text: () => CLEAN().replace('Leadership (10%): 3 / 4', 'Leadership (10%): 3 / 5'), codes: ['score-scale-mismatch'] },
  { name: 'a submitted feedback, unchanged', text: () => SEALED(), codes: [] },
  { name: 'a submitted feedback changed since', text: () => `${SEALED()}\nOne more thought.\n`, codes: ['feedback-edited-after-submit'], check: (v, t) => {
      const d = only(v, 'feedback-edited-after-submit')[0];
      assert.deepStrictEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: t.split('\n')[0].length } }, 'on the record line');
      assert.strictEqual(d.message, 'This feedback was changed after it was submitted (2026-12-07T09:30:00Z): submit it again, or undo the change');
    } },
  { name: 'interview notes are not read without the notes option', text: () => `${CLEAN()}\n## Interview Notes\n\n### Scores (Weighted)\n\n- [x] Hire\n- +scaled\n`, codes: [] },
  { name: 'a top score no note is tagged to, and an unknown tag (notes option)', text: () => `${CLEAN()}\n## Interview Notes\n\n- [01:00] +arch +scaled\n`, options: { notes: true },
    codes: ['score-without-evidence', 'unknown-note-tag'] },
];

/** Band edges: score x 100 -> expected band, borderline and accepted recommendations. */
const EDGES: [number, BandId, boolean][] = [
  [400, 'strong-hire', false],
  [350, 'strong-hire', false],
  [345, 'hire', true],
  [340, 'hire', false],
  [280, 'hire', false],
  [275, 'no-hire', true],
  [270, 'no-hire', false],
  [200, 'no-hire', false],
  [195, 'strong-no-hire', false],
  [100, 'strong-no-hire', false],
];

describe('feedback validator: the table of documents', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const text = c.text();
      const v = validate(text, c.options);
      for (const d of v.diagnostics) {
        assert.strictEqual(d.severity, FEEDBACK_CODES[d.code].severity, `${d.code} has its documented severity`);
      }
      assert.deepStrictEqual(codes(v), [...c.codes].sort());
      c.check?.(v, text);
    });
  }

  describe('band edges', () => {
    for (const [h, band, borderline] of EDGES) {
      it(`${(h / 100).toFixed(2)} is ${band}${borderline ? ', borderline' : ''}`, () => {
        const scores = scoresFor(h);
        assert.ok(scores, `some scores reach ${h / 100}`);
        const text = fill({ scores, weighted: (h / 100).toFixed(2), recommend: [band] });
        const v = validate(text);
        assert.strictEqual(v.weightedScoreText, `${(h / 100).toFixed(2)} / 4.0`);
        assert.strictEqual(v.band, band);
        assert.strictEqual(v.borderline, borderline);
        assert.deepStrictEqual(codes(v), borderline ? ['band-borderline'] : []);
        if (borderline) {
          const d = only(v, 'band-borderline')[0];
          assert.strictEqual(at(text, d.range), (h / 100).toFixed(2));
          // Either neighbour is accepted; the band two away is not.
          const above = v.acceptedRecommendations[1];
          assert.deepStrictEqual(codes(validate(fill({ scores, weighted: (h / 100).toFixed(2), recommend: [above] }))), ['band-borderline']);
        }
      });
    }

    it('bands are half-open at the printed lower bound (exact thousandths)', () => {
      assert.strictEqual(bandOf(rubric(), 2800).band, 'hire');
      assert.strictEqual(bandOf(rubric(), 2799).band, 'no-hire');
      assert.strictEqual(bandOf(rubric(), 2799).borderline, true);
      assert.strictEqual(bandOf(rubric(), 2700).borderline, false);
      assert.strictEqual(bandOf(rubric(), 2701).borderline, true);
      assert.strictEqual(bandOf(rubric(), 3500).band, 'strong-hire');
      assert.strictEqual(bandOf(rubric(), 3499).band, 'hire');
      assert.strictEqual(bandOf(rubric(), 2000).band, 'no-hire');
      assert.strictEqual(bandOf(rubric(), 1999).band, 'strong-no-hire');
      assert.strictEqual(bandOf(rubric(), 1999).borderline, false);
    });

    it('a borderline score rejects the band two away', () => {
      const scores = scoresFor(275)!;
      const v = validate(fill({ scores, weighted: '2.75', recommend: ['strong-hire'] }));
      assert.deepStrictEqual(codes(v), ['band-borderline', 'recommendation-mismatch']);
    });

    it('computes the weighted score from scores by dimension id', () => {
      const ids = rubric().dimensions.map((d) => d.id);
      const w = computeWeightedScore(rubric(), Object.fromEntries(ids.map((id, i) => [id, [3, 3, 4, 3, 3][i]])));
      assert.deepStrictEqual(w && { milli: w.milli, text: w.text, display: w.display }, { milli: 3200, text: '3.20', display: '3.20 / 4.0' });
      assert.strictEqual(computeWeightedScore(rubric(), { [ids[0]]: 3 }), null);
    });
  });

  describe('lenient reading', () => {
    const forms: [string, string][] = [
      ['3 / 4', '3'],
      ['3/4', '3'],
      ['3', '3'],
      ['   3   /   4   ', '3'],
      ['**3** / 4', '3'],
      ['[3] / 4', '[3]'],
      ['3.0 / 4', '3.0'],
    ];
    for (const [written, token] of forms) {
      it(`reads "${written}" as 3`, () => {
        const text = CLEAN().replace('Architecture (30%): 3 / 4', `Architecture (30%): ${written}`);
        const v = validate(text);
        assert.deepStrictEqual(codes(v), []);
        assert.strictEqual(v.scores[0].score, 3);
        assert.strictEqual(at(text, v.scores[0].line!.valueRange), token);
      });
    }

    it('reads extra spaces anywhere, odd case, "and" for "&", and bold names', () => {
      const text = CLEAN()
        .replace('- Technical Architecture (30%): 3 / 4', '  -    technical   ARCHITECTURE   (  30 % )  :   3   /  4  ')
        .replace('- Scalability & Performance (25%): 3 / 4', '* **Scalability and Performance (25%):** 3 / 4')
        .replace('- Distributed Systems Knowledge (20%): 4 / 4', '1. Distributed Systems Knowledge: 4');
      const v = validate(text);
      assert.deepStrictEqual(codes(v), []);
      assert.strictEqual(v.weightedScore, 3.2);
    });

    it('reads CRLF documents with the same diagnostics and ranges', () => {
      const lf = fill({ scores: [3, 'x', 4, 3, 3], weighted: '3.20', recommend: ['hire', 'no-hire'], date: '2024-13-01' });
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = validate(lf);
      const b = validate(crlf);
      assert.deepStrictEqual(b.diagnostics.map((d) => [d.code, d.range]), a.diagnostics.map((d) => [d.code, d.range]));
      assert.strictEqual(parseFeedback(crlf).eol, '\r\n');
      const clean = validate(CLEAN().replace(/\n/g, '\r\n'));
      assert.deepStrictEqual(codes(clean), []);
      assert.strictEqual(clean.weightedScoreText, '3.20 / 4.0');
    });

    it('checks [x] and [X] alike', () => {
      const v = validate(CLEAN().replace('- [x] Hire -', '- [X] Hire -'));
      assert.strictEqual(v.recommendation, 'hire');
      assert.deepStrictEqual(codes(v), []);
    });

    it('finds the scores heading at any level, with emphasis or closing hashes', () => {
      for (const h of ['# Scores (Weighted)', '###### Scores (Weighted)', '### **Scores (Weighted)**', '## Scores (weighted) ##']) {
        const text = CLEAN().replace('### Scores (Weighted)', h);
        assert.ok(isFeedbackDocument(text), h);
        assert.strictEqual(validate(text).weightedScore, 3.2, h);
      }
      assert.ok(!isFeedbackDocument('# Notes\n\nScores (Weighted) in prose\n'));
      assert.ok(!isFeedbackDocument('```\n### Scores (Weighted)\n```\n'));
      assert.ok(!isFeedbackDocument(''));
    });

    it('reads the candidates a file names without its rubric: with no scores block, a kit\'s label, several feedbacks; never a placeholder, code or the notes', () => {
      assert.deepStrictEqual(candidatesNamed(CLEAN().replace('### Scores (Weighted)', '### Marks')), ['Ada Lovelace']);
      assert.deepStrictEqual(candidatesNamed('# Feedback\n\n**Candidate Name:** Priya Raman\n**Interviewer:** Alex\n'), ['Priya Raman']);
      assert.deepStrictEqual(candidatesNamed(CLEAN() + '\n' + fill({ candidate: 'Bob', scores: [2, 2, 2, 2, 2], weighted: '2.00', recommend: ['hire'] })), ['Ada Lovelace', 'Bob']);
      assert.deepStrictEqual(candidatesNamed('**Candidate:** [Name]\n'), []);
      assert.deepStrictEqual(candidatesNamed('```\n**Candidate:** Eve\n```\n'), []);
      assert.deepStrictEqual(candidatesNamed('# F\n\n## Interview Notes\n\n**Candidate:** Eve\n'), []);
      assert.deepStrictEqual(candidatesNamed(''), []);
    });

    it('checks each feedback of a file holding several', () => {
      const two = CLEAN() + '\n' + fill({ candidate: 'Bob', scores: [2, 2, 2, 2, 2], weighted: '2.00', recommend: ['hire'] });
      const v = validate(two);
      assert.strictEqual(v.feedbacks.length, 2);
      assert.strictEqual(v.feedbacks[0].band, 'hire');
      assert.strictEqual(v.feedbacks[1].band, 'no-hire');
      assert.deepStrictEqual(codes(v), ['recommendation-mismatch']);
      assert.ok(only(v, 'recommendation-mismatch')[0].range.start.line > 78);
    });
  });

  describe('fixes applied to the text', () => {
    it('writes the weighted score over the placeholder, touching nothing else', () => {
      const text = fill({ scores: [3, 3, 4, 3, 3], recommend: ['hire'] });
      const fixed = applyEdits(text, weightedScoreEdits(text, rubric()));
      assert.strictEqual(fixed, text.replace('- **Weighted Score:** [Score] / 4.0', '- **Weighted Score:** 3.20 / 4.0'));
      assert.deepStrictEqual(weightedScoreEdits(fixed, rubric()), []);
    });

    it('updates a stale weighted score and keeps CRLF', () => {
      const text = fill({ scores: [4, 4, 4, 4, 4], weighted: '3.20', recommend: ['strong-hire'] }).replace(/\n/g, '\r\n');
      const fixed = applyEdits(text, weightedScoreEdits(validate(text)));
      assert.strictEqual(fixed, text.replace('3.20 / 4.0', '4.00 / 4.0'));
    });

    it('adds a missing weighted-score line after the last score line', () => {
      const text = CLEAN().replace(/- \*\*Weighted Score.*\n/, '').replace(/\n/g, '\r\n');
      const fixed = applyEdits(text, weightedScoreEdits(text, rubric()));
      assert.strictEqual(fixed, CLEAN().replace(/\n/g, '\r\n'));
    });

    it('writes "/ 4.0" when the weighted line has no scale', () => {
      const done = fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] });
      const text = done.replace('3.20 / 4.0', '');
      assert.strictEqual(applyEdits(text, weightedScoreEdits(text, rubric())), done);
    });

    it("checks the computed band's recommendation and unchecks the others", () => {
      const text = fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['strong-hire', 'no-hire'] });
      const fixed = applyEdits(text, recommendationEdits(text, rubric()));
      assert.strictEqual(fixed, CLEAN().replace(/- \[x\] (Some|Good|Senior IC with complex)/g, '- [ ] $1'));
      const v = validate(text);
      const fix = only(v, 'recommendation-multiple')[0].fixes![0];
      assert.strictEqual(fix.title, 'Recommend Hire');
      assert.strictEqual(applyEdits(text, fix.edits), fixed);
    });

    it('offers both neighbours when borderline', () => {
      const scores = scoresFor(345)!;
      const text = fill({ scores, weighted: '3.45' });
      const fixes = only(validate(text), 'recommendation-missing')[0].fixes!;
      assert.deepStrictEqual(fixes.map((f) => f.title), ['Recommend Hire', 'Recommend Strong Hire']);
      assert.ok(fixes.every((f) => !f.preferred && !f.safe));
    });

    it('replaces an invalid score with each valid value', () => {
      const text = fill({ scores: [3, 3, 'four', 3, 3], weighted: '3.20', recommend: ['hire'] });
      const d = only(validate(text), 'score-invalid')[0];
      assert.deepStrictEqual(d.fixes!.map((f) => f.title), ['Score 1', 'Score 2', 'Score 3', 'Score 4']);
      assert.strictEqual(applyEdits(text, d.fixes![3].edits), CLEAN().replace(/- \[x\] (Some|Good|Senior IC with complex)/g, '- [ ] $1'));
      const line = d.range.start.line;
      assert.deepStrictEqual(scoreValueEdits(text, rubric(), line).map((e) => e.value), ['1', '2', '3', '4']);
      assert.deepStrictEqual(scoreValueEdits(text, rubric(), line, { allowHalfPoints: true }).map((e) => e.value), ['1', '1.5', '2', '2.5', '3', '3.5', '4']);
      assert.deepStrictEqual(scoreValueEdits(text, rubric(), 0), []);
    });

    it('restores a rubric weight', () => {
      const text = CLEAN().replace('Readiness (15%)', 'Readiness (  12 % )');
      assert.strictEqual(applyEdits(text, weightEdits(text, rubric())), CLEAN().replace('Readiness (15%)', 'Readiness (  15% )'));
    });

    it('fix-all applies the safe fixes only: weights and the weighted score', () => {
      const text = fill({ scores: [3, 3, 4, 3, 3], weighted: '2.00', recommend: ['strong-hire'] }).replace('Architecture (30%)', 'Architecture (35%)');
      const v = validate(text);
      assert.deepStrictEqual(codes(v), ['recommendation-mismatch', 'weight-mismatch', 'weighted-score-stale']);
      const fixed = applyEdits(text, fixAll(v));
      assert.deepStrictEqual(codes(validate(fixed)), ['recommendation-mismatch']);
      assert.deepStrictEqual(fixAll(fixed, rubric()), []);
    });

    it('adds a missing score line', () => {
      const text = CLEAN().replace(/- Production Readiness.*\n/, '');
      const fix = only(validate(text), 'score-missing')[0].fixes![0];
      assert.deepStrictEqual(codes(validate(applyEdits(text, fix.edits))), ['score-unfilled']);
    });
  });

  describe('coverage', () => {
    // Self-contained: checks the documents itself, whatever else ran before it and in whatever order.
    it('the table and the band edges produce every code the checker reports, each with its severity and summary', () => {
      const seen = new Set<FeedbackCode>();
      for (const c of CASES) for (const d of validate(c.text(), c.options).diagnostics) seen.add(d.code);
      for (const [h, band] of EDGES) for (const d of validate(fill({ scores: scoresFor(h)!, weighted: (h / 100).toFixed(2), recommend: [band] })).diagnostics) seen.add(d.code);
      const fromRubricSource: FeedbackCode[] = ['rubric-unknown', 'kit-rubric-invalid', 'rubric-changed'];
      assert.deepStrictEqual([...seen].sort(), FEEDBACK_CODE_LIST.filter((c) => !fromRubricSource.includes(c)).sort());
      for (const c of FEEDBACK_CODE_LIST) assert.ok(FEEDBACK_CODES[c].summary.length > 10);
    });

    it('the rubric source reports the two codes the checker does not', () => {
      const unknown = resolveRubric('<!-- sdi-kit: kit=elsewhere rubric=1 -->\n### Scores (Weighted)\n', []);
      assert.strictEqual(unknown.error?.code, 'rubric-unknown');
      assert.strictEqual(unknown.error?.severity, FEEDBACK_CODES['rubric-unknown'].severity);
      const kitRubric = { rubric: rubric(), version: '1', fingerprint: '00000000', file: 'rubric.json' };
      const kit = { id: 'builtin', builtIn: true, rubric: kitRubric, archivedRubrics: [] } as unknown as LoadedKit;
      const changed = resolveRubric('<!-- sdi-kit: kit=builtin rubric=1 fingerprint=12345678 -->\n', [kit]);
      assert.strictEqual(changed.warning?.code, 'rubric-changed');
      assert.strictEqual(changed.warning?.severity, FEEDBACK_CODES['rubric-changed'].severity);
    });
  });
});
