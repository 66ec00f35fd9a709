import * as assert from 'assert';
import * as fc from 'fast-check';
import { feedbackRows, kitRubricResolver, type RubricResolver } from '../../src/core/calibration';
import { FEEDBACK_CODES, FEEDBACK_RULES, analyzeFeedback, parseFeedback, validateFeedback, validateParsed, type FeedbackCode } from '../../src/core/feedback';
import { silenceUnder } from '../../src/core/feedback/validate';
import type { Rubric } from '../../src/core/content';
import { rubricRecordLine } from '../../src/core/kit/record';
import type { LoadedKit } from '../../src/core/kit/types';
import { fill } from '../fixtures/feedback/fill';
import { expected, fillAny } from '../fixtures/feedback/kits';
import { builtInKit, loadExample } from '../fixtures/kits/memoryKit';

/** Lines that make a document unusual for the reader, or broken for the checks. */
const TRICKY = [
  '', '   ', '\t', '```', '```md', '~~~', '    ```', ' ```', '`code`: 3', '~ 3',
  '# Panel', '## Feedback', '## Interview Notes', '### Phase 1', '- [00:01] +arch strong -scale #dist', '#hashtag: 3', '####### Seven', ' # Indented', '\t# Tabbed', '    # Code',
  '### Scores (Weighted)', '## Scores (Weighted)', '#### Scores (Weighted)', '### scores  &  weighted', '### Recommendation ###', '### Recommendation', '#### Recommendation',
  '### Production Experience Assessment', '## Collaboration & Leadership Indicators', '### Specific Role Fit', '### Notes',
  '- [x] Strong Hire - Exceptional senior candidate', '- [X] Hire - Strong senior candidate', '* [ x ] No Hire - Below senior level expectations', '1. [x] Strong No Hire - Well below expectations',
  '  - [x] Hire - nested', '- [x]Hire', '-[x] Hire', '- [x] Principal engineer track - ready', '- [x] principal ENGINEER track', '+ [x] Some production experience but limited scale',
  '- [x] Strong evidence of building large-scale systems', '- [ ] Limited production experience', '- [xx] Hire', '- [ x ] Yes - hire for this level', '- [x] Lean Yes', '- [x] No - not at this level',
  '- Overall (10%): 3 / 4', '- Overall: good', 'Overall: strong', 'Note: the candidate paused', '- Technical Architecture (30%): 3 / 4', '- technical architecture: 2', '- Technical Architecture (25%): 3 / 4',
  '- Scalability & Performance (25 %): 4 / 5', '- Scalability and Performance (25%): 3', '- Production Readiness (15%): [1-4] / 4', '- Communication & Leadership (10%): 3.5 / 4', '- Architecture (25%): 4 / 5',
  '- Problem Framing (15%): 9 / 5', '- **Weighted Score:** 3.15 / 4.0', '- Weighted Score: [Score]', '- **Weighted Score:** [3.00] / 4.0', '**Weighted Score:** 2.8', '- **Weighted Score:** 3,45 / 4.0',
  '**Date:** 2024-02-30', '**Date:** 2024-03-15', '**Date:**', '**Candidate:** Zoë O’Brien', '**Candidate:** [Name]', '**Interviewer:** grace  HOPPER', '**Level:** L5', '__Problem Used:__ Chat System',
  '- **Years of Experience:** 3', '**Years of Experience:** ~12', '---', '> quote: 3', '| a | b |', '<!-- sdi-kit: kit=builtin rubric=1 -->', '<!-- sdi-kit: kit=acme rubric=9 -->',
];

/** No record line, the kit's own (filled in by `wrapped`), an unknown kit, a rubric changed since. */
const RECORDS = ['', '', '<!-- sdi-kit: kit=nope rubric=1 -->\n', '<!-- sdi-kit: kit=builtin rubric=1 fingerprint=00000000 -->\n'];

type Edit = { op: 'insert' | 'delete' | 'replace' | 'indent' | 'dup' | 'toggle' | 'swap' | 'copy' | 'weight' | 'outof'; at: number; pick: number };

const anyEdit: fc.Arbitrary<Edit> = fc.record({
  op: fc.constantFrom('insert', 'delete', 'replace', 'indent', 'dup', 'toggle', 'swap', 'copy', 'weight', 'outof'),
  at: fc.nat(200),
  pick: fc.nat(500),
});

/** Applies line edits: tricky lines in, lines out, indented, duplicated, boxes toggled, lines swapped or copied from elsewhere. */
function edited(text: string, edits: Edit[]): string {
  const lines = text.split('\n');
  for (const { op, at, pick } of edits) {
    const i = at % (lines.length + (op === 'insert' ? 1 : 0));
    switch (op) {
      case 'insert': lines.splice(i, 0, TRICKY[pick % TRICKY.length]); break;
      case 'replace': lines[i] = TRICKY[pick % TRICKY.length]; break;
      case 'delete': if (lines.length > 1) lines.splice(i, 1); break;
      case 'indent': lines[i] = [' ', '  ', '   ', '    ', '\t'][pick % 5] + lines[i]; break;
      case 'dup': lines.splice(i, 0, lines[i]); break;
      case 'toggle': lines[i] = lines[i].includes('[ ]') ? lines[i].replace('[ ]', ['[x]', '[X]', '[ x ]'][pick % 3]) : lines[i].replace(/\[[xX ]+\]/, '[ ]'); break;
      case 'swap': if (i + 1 < lines.length) [lines[i], lines[i + 1]] = [lines[i + 1], lines[i]]; break;
      case 'copy': lines.splice(i, 0, lines[pick % lines.length]); break;
      // On the first score line at or after the line: another weight, or another scale.
      case 'weight': case 'outof': {
        const k = lines.findIndex((l, n) => n >= i && /\(\d+%\): /.test(l));
        if (k < 0) break;
        const to = op === 'weight' ? ['(31%)', '(30 %)', '(30)', '(0.3)', ''][pick % 5] : [' / 5', '', ' / 4.0', ' / 4 (solid)', ' / x'][pick % 5];
        lines[k] = op === 'weight' ? lines[k].replace(/\(\d+%\)/, to) : lines[k].replace(/ \/ \d+$/, to);
        break;
      }
    }
  }
  return lines.join('\n');
}

/** Whole-document changes: line breaks, a byte-order mark, a record line, a second feedback. */
interface Wrap { eol: '\n' | '\r\n' | '\r'; bom: boolean; record: number; twice: boolean }
const anyWrap: fc.Arbitrary<Wrap> = fc.record({
  eol: fc.constantFrom<Wrap['eol']>('\n', '\n', '\n', '\r\n', '\r'),
  bom: fc.boolean(),
  record: fc.nat(RECORDS.length - 1),
  twice: fc.constantFrom(false, false, false, true),
});

function wrapped(text: string, w: Wrap, record: string): string {
  let t = w.twice ? `${text}\n${text}` : text;
  t = (w.record === 1 ? record : RECORDS[w.record]) + t;
  if (w.eol !== '\n') t = t.replace(/\n/g, w.eol);
  return (w.bom ? '\uFEFF' : '') + t;
}

/**
 * A file's rows say what the editor's checks say of each of its feedbacks (notes aside): its scores and
 * verdict, and its errors and warnings (one warning more when its rubric was resolved with one).
 * Answers whether the file holds a feedback.
 */
function rowsAgree(text: string, resolve: RubricResolver): boolean {
  const { rows, error } = feedbackRows('f.md', text, resolve);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const resolved = resolve(body);
  if (resolved.error !== undefined) {
    assert.deepStrictEqual({ rows, error }, { rows: [], error: resolved.error });
    return false;
  }
  const v = validateFeedback(body, resolved.rubric, { allowHalfPoints: resolved.allowHalfPoints });
  const parts = v.document.parts;
  const feedbacks = parts.flatMap((part, index) => (part.scoresHeading ? [{ part, summary: v.feedbacks[index] }] : []));
  assert.strictEqual(rows.length, feedbacks.length, JSON.stringify(text));
  feedbacks.forEach(({ part, summary }, k) => {
    const mine = v.diagnostics.filter((d) => parts.length === 1 || (d.range.start.line >= part.startLine && d.range.start.line < part.endLine));
    const count = (severity: string) => mine.filter((d) => d.severity === severity).length;
    const scores = Object.fromEntries(summary.scores.map((s) => [s.dimension, s.score]));
    const row = rows[k];
    assert.deepStrictEqual(
      { line: row.line, scores: row.scores, weightedScore: row.weightedScore, band: row.band, recommendation: row.recommendation, errors: row.errors, warnings: row.warnings },
      { line: part.scoresHeading!.start.line, scores, weightedScore: summary.weightedScore, band: summary.band, recommendation: summary.recommendation, errors: count('error'), warnings: count('warning') + (resolved.warning ? 1 : 0) },
      JSON.stringify(text),
    );
  });
  return feedbacks.length > 0;
}

/** The rows' severities: the documented ones, information off. */
const ROW_SEVERITIES = Object.fromEntries((Object.keys(FEEDBACK_CODES) as FeedbackCode[]).filter((c) => FEEDBACK_CODES[c].severity === 'information').map((c) => [c, 'off' as const]));

/**
 * Each rule that declares a kind of finding reports one diagnostic per finding of its feedback and
 * nothing else, so a feedback `silenceUnder` calls silent gets no diagnostic from the rules.
 */
function findingsAreReported(text: string, resolve: RubricResolver): void {
  const resolved = resolve(text);
  if (resolved.error !== undefined) return;
  const { rubric, allowHalfPoints } = resolved;
  const doc = parseFeedback(text, rubric);
  for (const severities of [undefined, ROW_SEVERITIES]) {
    const v = validateParsed(doc, rubric, { allowHalfPoints, severities });
    doc.parts.forEach((part, index) => {
      const facts = analyzeFeedback(rubric, doc, part, { allowHalfPoints });
      const mine = v.diagnostics.filter((d) => doc.parts.length === 1 || (d.range.start.line >= part.startLine && d.range.start.line < part.endLine) || (index === 0 && d.code === 'scores-block-missing'));
      for (const [code, rule] of Object.entries(FEEDBACK_RULES)) {
        if (rule.finds === undefined || severities?.[code as FeedbackCode] === 'off') continue;
        const reported = mine.filter((d) => d.code === code).length;
        assert.strictEqual(reported, facts.findings[rule.finds].length, `${code}: ${JSON.stringify(text)}`);
      }
      if (silenceUnder(severities)(facts)) assert.deepStrictEqual(mine, [], JSON.stringify(text));
    });
  }
}

describe('calibration: the rows of generated feedback', () => {
  let builtIn: LoadedKit;
  let team: LoadedKit;
  before(() => {
    builtIn = builtInKit();
    team = loadExample();
  });

  /** Scores as written: mostly every dimension on the scale, sometimes odd values or missing ones. */
  const anyScores = (count: number, max: number) =>
    fc.oneof(
      { weight: 6, arbitrary: fc.array(fc.integer({ min: 1, max }), { minLength: count, maxLength: count }) },
      { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer({ min: 1, max }), fc.constantFrom<string | number>(0, max + 1, '3.5', `[1-${max}]`, '', 'x', '**3**', ' 3 ', `3 / ${max + 1}`)), { maxLength: count }) },
    );
  /** The weighted score to write: the right one (mostly), a wrong one, the placeholder or none. */
  const anyWeighted = fc.constantFrom('right', 'right', 'right', 'wrong', 'placeholder');
  /** The recommendations to check: the band of the score (mostly), another, two, none. */
  const anyRecommend = fc.constantFrom('band', 'band', 'band', 'other', 'two', 'none');
  /** Boxes of the built-in template's single-choice groups and its top-band-only box. */
  const BOXES = ['Strong evidence of building large-scale systems', 'Some production experience but limited scale', 'Natural technical leader', 'Good collaborator', 'Principal engineer track'];
  const header = fc.record({
    candidate: fc.constantFrom('Ada Lovelace', 'ADA  lovelace', '', '[Name]', 'Zoë O’Brien', 'Candidate 00001'),
    interviewer: fc.constantFrom('Grace Hopper', 'grace hopper', '', 'Interviewer 161'),
    date: fc.constantFrom('2024-03-15', '2024-03-15', '2024-02-30', '2024-3-5', '', 'tomorrow'),
    problem: fc.constantFrom('URL Shortener', '', 'Chat  System'),
  });

  /** What to write for the weighted score and which bands to check, from the scores as written. */
  function verdict(rubric: Rubric, written: (string | number)[], weighted: string, recommend: string, placeholder: string): { weighted: string; bands: string[] } {
    const numbers = written.length === rubric.dimensions.length && written.every((x) => typeof x === 'number' && x >= rubric.scale.min && x <= rubric.scale.max) ? (written as number[]) : undefined;
    const e = numbers ? expected(rubric, numbers) : undefined;
    const bands = rubric.bands.map((b) => b.id);
    const band = e?.band ?? bands[0];
    const other = bands.find((b) => b !== band)!;
    return {
      weighted: weighted === 'right' && e ? e.text : weighted === 'placeholder' ? placeholder : '1.23',
      bands: recommend === 'band' ? [band] : recommend === 'other' ? [other] : recommend === 'two' ? [band, other] : [],
    };
  }

  it('gives what the checks say of generated built-in feedback, broken or not (property)', () => {
    const resolve = kitRubricResolver([builtIn]);
    const record = rubricRecordLine('builtin', builtIn.rubric!) + '\n';
    const rubric = builtIn.rubric!.rubric;
    let feedbacks = 0;
    fc.assert(
      fc.property(header, anyScores(5, 4), anyWeighted, anyRecommend, fc.subarray(BOXES, { maxLength: 3 }), fc.array(anyEdit, { maxLength: 4 }), anyWrap, (h, s, weighted, recommend, check, edits, w) => {
        const v = verdict(rubric, s, weighted, recommend, '[Score]');
        const text = wrapped(edited(fill({ ...h, scores: s, weighted: v.weighted, recommend: v.bands, check }), edits), w, record);
        if (rowsAgree(text, resolve)) feedbacks++;
        findingsAreReported(text.replace(/^\uFEFF/, ''), resolve);
      }),
      { numRuns: 2500 },
    );
    // The property is not vacuous: most documents hold a feedback.
    assert.ok(feedbacks > 1500, `only ${feedbacks} documents hold a feedback`);
  });

  it('gives what the checks say of a team kit\'s generated template (property)', () => {
    const resolve = kitRubricResolver([builtIn, team], team);
    const rubric = team.rubric!.rubric;
    const record = rubricRecordLine(team.id, team.rubric!) + '\n';
    const boxText = (b: string) => rubric.recommendations.find((r) => r.band === b)?.text ?? rubric.bands.find((x) => x.id === b)!.label;
    fc.assert(
      fc.property(anyScores(rubric.dimensions.length, rubric.scale.max), anyWeighted, anyRecommend, fc.array(anyEdit, { maxLength: 4 }), anyWrap, (s, weighted, recommend, edits, w) => {
        const v = verdict(rubric, s, weighted, recommend, '[Calculate]');
        const filled = fillAny(team.feedbackTemplate, rubric, { scores: s, weighted: v.weighted, check: v.bands.map(boxText) }).replace('[Name]', 'Ada').replace('[Your Name]', 'Grace').replace('[Date]', '2024-03-15');
        const text = wrapped(edited(filled, edits), w, record);
        rowsAgree(text, resolve);
        findingsAreReported(text.replace(/^\uFEFF/, ''), resolve);
      }),
      { numRuns: 1000 },
    );
  });

  it('a rule that declares no findings may report on any feedback: silent only while it is off', () => {
    const resolved = kitRubricResolver([builtIn])('');
    if (resolved.error !== undefined) throw new Error(resolved.error);
    const doc = parseFeedback(fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), resolved.rubric);
    const facts = analyzeFeedback(resolved.rubric, doc, doc.parts[0]);
    assert.strictEqual(FEEDBACK_RULES['date-future'].finds, undefined);
    assert.strictEqual(silenceUnder(ROW_SEVERITIES)(facts), true);
    assert.strictEqual(silenceUnder({ ...ROW_SEVERITIES, 'date-future': 'warning' })(facts), false);
    assert.strictEqual(silenceUnder()(facts), false, 'the information rules run under the documented severities');
  });

  it('counts no error or warning on a filled feedback; each broken one is counted by the checks', () => {
    const resolve = kitRubricResolver([builtIn]);
    const [clean] = feedbackRows('c.md', fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }), resolve).rows;
    assert.deepStrictEqual([clean.errors, clean.warnings], [0, 0]);
    for (const [broken, errors, warnings] of [
      [fill({ scores: [3, 3, 7, 3, 3], weighted: '3.20', recommend: ['hire'] }), 1, 0],
      [fill({ scores: [3, 3, 4, 3, 3], weighted: '3.00', recommend: ['hire'] }), 0, 1],
      [fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire', 'no-hire'] }), 1, 0],
      [fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['strong-hire'], date: '2024-02-30' }), 0, 2],
    ] as const) {
      const [row] = feedbackRows('b.md', broken, resolve).rows;
      assert.deepStrictEqual([row.errors, row.warnings], [errors, warnings], broken);
    }
  });
});
