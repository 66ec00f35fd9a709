/**
 * Checks a feedback document against the rubric: every diagnostic code of `FEEDBACK_CODES`,
 * with its fixes as plain edits. Weights, scale, bands, recommendation texts and the senior
 * bar all come from the `Rubric`; only the template's layout (field labels, group headings)
 * is known here.
 */
import type { BandId, Rubric } from '../content';
import { FEEDBACK_CODES } from './codes';
import { parseFeedback } from './parse';
import { bandOf, bandsDescending, findDimension, isStale, normalizeName, readScore, validScoreValues, weightedFromHalves, type WeightedScore } from './score';
import type {
  DimensionScore,
  FeedbackCode,
  FeedbackDiagnostic,
  FeedbackFix,
  FeedbackOptions,
  FeedbackSummary,
  FeedbackValidation,
  ParsedCheckbox,
  ParsedCheckboxGroup,
  ParsedFeedback,
  ParsedFeedbackPart,
  ParsedScoreLine,
  Range,
  TextEdit,
} from './types';

const DATE_LABEL = 'date';
const EXPERIENCE_LABEL = 'years of experience';
const PRINCIPAL_TRACK = 'principal engineer track';
const SINGLE_CHOICE_GROUPS = new Set(['production-experience', 'collaboration-leadership']);

const point = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });
const endOf = (r: Range): Range => point(r.end.line, r.end.character);

const recommendationIndex = new WeakMap<Rubric, { texts: Map<string, BandId>; labels: { id: BandId; label: string }[] }>();

/** The band a recommendation item names: its text is the rubric's recommendation text, or starts with a band label (the longest that fits). */
export function recommendationBand(rubric: Rubric, text: string): BandId | undefined {
  let index = recommendationIndex.get(rubric);
  if (!index) {
    index = {
      texts: new Map(rubric.recommendations.map((r) => [normalizeName(r.text), r.band])),
      labels: rubric.bands.map((b) => ({ id: b.id, label: normalizeName(b.label) })).sort((a, b) => b.label.length - a.label.length),
    };
    recommendationIndex.set(rubric, index);
  }
  const t = normalizeName(text);
  const exact = index.texts.get(t);
  if (exact) return exact;
  for (const b of index.labels) if (t === b.label || t.startsWith(b.label + ' ')) return b.id;
  return undefined;
}

function bandLabel(rubric: Rubric, id: BandId): string {
  return rubric.bands.find((b) => b.id === id)?.label ?? id;
}

function bandWithRange(rubric: Rubric, id: BandId): string {
  const b = rubric.bands.find((x) => x.id === id);
  return b ? `${b.label} (${b.printedRange})` : id;
}

/** Edits that check `target`'s box of a recommendation group and uncheck every other checked box. */
export function checkRecommendationEdits(rubric: Rubric, group: ParsedCheckboxGroup | undefined, target: BandId): TextEdit[] | undefined {
  if (!group) return undefined;
  const item = group.items.find((i) => recommendationBand(rubric, i.text) === target);
  if (!item) return undefined;
  const edits: TextEdit[] = [];
  for (const i of group.items) {
    if (i === item) {
      if (!i.checked) edits.push({ range: i.boxRange, newText: '[x]' });
    } else if (i.checked) edits.push({ range: i.boxRange, newText: '[ ]' });
  }
  return edits;
}

/** The edit that writes the weighted score into a block: over the written value, or a new line after the last score line. */
export function writeWeightedEdit(rubric: Rubric, doc: ParsedFeedback, part: ParsedFeedbackPart, w: WeightedScore): TextEdit | undefined {
  const wl = part.weightedLine;
  if (wl) return { range: wl.valueRange, newText: wl.outOfText === undefined ? w.display : w.text };
  const after = part.scoreLines.length ? part.scoreLines[part.scoreLines.length - 1].lineRange : part.scoresHeading;
  if (!after) return undefined;
  return { range: endOf(after), newText: `${doc.eol}- **Weighted Score:** ${w.display}` };
}

function scoreFixes(rubric: Rubric, sl: ParsedScoreLine, allowHalf: boolean, current: string): FeedbackFix[] {
  return validScoreValues(rubric, allowHalf)
    .filter((v) => v !== current)
    .map((v) => ({ title: `Score ${v}`, edits: [{ range: sl.valueRange, newText: v }], preferred: false, safe: false }));
}

function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= days;
}

function todayText(today: FeedbackOptions['today']): string | undefined {
  if (today === undefined) return undefined;
  if (typeof today === 'string') return isRealDate(today) ? today : undefined;
  if (!(today instanceof Date) || Number.isNaN(today.getTime())) return undefined;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}`;
}

class Collector {
  readonly list: FeedbackDiagnostic[] = [];
  add(code: FeedbackCode, message: string, range: Range, fixes?: FeedbackFix[]): void {
    const d: FeedbackDiagnostic = { code, severity: FEEDBACK_CODES[code].severity, message, range };
    if (fixes && fixes.length) d.fixes = fixes;
    this.list.push(d);
  }
}

function validatePart(rubric: Rubric, doc: ParsedFeedback, part: ParsedFeedbackPart, opts: Required<Pick<FeedbackOptions, 'allowHalfPoints'>> & { today?: string }, out: Collector): FeedbackSummary {
  const allowHalf = opts.allowHalfPoints;
  // Header fields: a placeholder or empty value is only field-unfilled.
  for (const f of part.fields) {
    const label = normalizeName(f.label);
    if (f.placeholder || f.value === '') {
      out.add('field-unfilled', f.value === '' ? `${f.label} is empty` : `${f.label} still holds its placeholder ${f.value}`, f.valueRange);
      continue;
    }
    if (label === DATE_LABEL) {
      if (!isRealDate(f.value)) out.add('date-invalid', `Date "${f.value}" is not a real YYYY-MM-DD date`, f.valueRange);
      else if (opts.today && f.value > opts.today) out.add('date-future', `Date ${f.value} is after today (${opts.today})`, f.valueRange);
    } else if (label === EXPERIENCE_LABEL) {
      const m = /^~?\s*(\d+(?:[.,]\d+)?)/.exec(f.value);
      if (m) {
        const years = Number(m[1].replace(',', '.'));
        if (years < rubric.seniorBarYears) out.add('experience-below-bar', `${f.label} "${f.value}" is below the senior bar of ${rubric.seniorBarYears} years`, f.valueRange);
      }
    }
  }

  for (const r of part.extraScoresHeadings) out.add('scores-block-duplicate', 'A second "Scores (Weighted)" block in this feedback; only the first is read', r);

  const scores: DimensionScore[] = rubric.dimensions.map((d) => ({ dimension: d.id, line: undefined, score: null, status: 'missing' }));
  let halvesTimesWeight = 0;
  let scored = 0;
  if (part.scoresHeading) {
    for (const sl of part.scoreLines) {
      const dim = findDimension(rubric, sl.name);
      if (!dim) {
        // A prose line such as "Overall: strong" is no score line; a list item or a weighted line is one.
        if (!sl.listItem && sl.weightText === undefined) continue;
        out.add('dimension-unknown', `"${sl.name}" names no rubric dimension (${rubric.dimensions.map((d) => d.name).join(', ')})`, sl.nameRange);
        continue;
      }
      const entry = scores[rubric.dimensions.indexOf(dim)];
      if (entry.line) {
        out.add('score-duplicate', `${dim.name} is scored on line ${entry.line.line + 1} already; this line is not read`, sl.nameRange);
        continue;
      }
      entry.line = sl;
      // The common cases are compared as strings; only odd spellings reach the regular expressions.
      if (sl.weightText !== undefined && sl.weightRange && sl.weightText !== `${dim.weight}%`) {
        const wm = /^(\d+(?:\.\d+)?)\s*%?$/.exec(sl.weightText);
        if (!wm || Number(wm[1]) !== dim.weight) {
          out.add('weight-mismatch', `${dim.name} weighs ${dim.weight}% in the rubric, not ${sl.weightText}`, sl.weightRange, [
            { title: `Restore the rubric weight ${dim.weight}%`, edits: [{ range: sl.weightRange, newText: `${dim.weight}%` }], preferred: true, safe: true },
          ]);
        }
      }
      const reading = readScore(rubric, sl.valueText, allowHalf);
      if (reading.kind === 'score') {
        entry.score = reading.halves / 2;
        entry.status = 'scored';
        halvesTimesWeight += reading.halves * dim.weight;
        scored++;
      } else if (reading.kind === 'invalid') {
        entry.status = 'invalid';
        out.add('score-invalid', `${dim.name}: ${reading.reason}`, sl.valueRange, scoreFixes(rubric, sl, allowHalf, sl.valueText));
      } else {
        entry.status = 'unfilled';
        out.add('score-unfilled', `${dim.name} is not scored yet`, sl.valueRange, scoreFixes(rubric, sl, allowHalf, ''));
      }
      if (sl.outOfText !== undefined && sl.outOfRange && reading.kind !== 'placeholder' && sl.outOfText !== String(rubric.scale.max)) {
        // Only the leading number counts: "4 (solid design)" is out of 4.
        const om = /^(\d+)(?:\.0+)?(?![\d.,])/.exec(sl.outOfText);
        if (!om || Number(om[1]) !== rubric.scale.max) {
          out.add('score-scale-mismatch', `${dim.name} is written out of ${sl.outOfText || 'nothing'}; the rubric's scale is ${rubric.scale.min}-${rubric.scale.max}`, sl.outOfRange, [
            { title: `Write "${rubric.scale.max}"`, edits: [{ range: sl.outOfRange, newText: String(rubric.scale.max) }], preferred: false, safe: false },
          ]);
        }
      }
    }
    const lastLine = part.scoreLines.length ? part.scoreLines[part.scoreLines.length - 1].lineRange : part.scoresHeading;
    for (const s of scores) {
      if (s.status !== 'missing') continue;
      const dim = rubric.dimensions.find((d) => d.id === s.dimension)!;
      out.add('score-missing', `${dim.name} (${dim.weight}%) has no score line`, part.scoresHeading, [
        {
          title: `Add a score line for ${dim.name}`,
          edits: [{ range: endOf(lastLine), newText: `${doc.eol}- ${dim.name} (${dim.weight}%): [${rubric.scale.min}-${rubric.scale.max}] / ${rubric.scale.max}` }],
          preferred: true,
          safe: false,
        },
      ]);
    }
  }

  const all = part.scoresHeading !== undefined && scored === rubric.dimensions.length;
  const weighted = all ? weightedFromHalves(rubric, halvesTimesWeight) : null;
  const placement = weighted ? bandOf(rubric, weighted.milli) : null;

  if (weighted && part.scoresHeading) {
    const wl = part.weightedLine;
    const written = !wl ? '' : wl.valueText.charCodeAt(0) === 91 ? wl.valueText.replace(/^\[|\]$/g, '').trim() : wl.valueText;
    if (!wl || isStale(written, weighted.milli)) {
      const edit = writeWeightedEdit(rubric, doc, part, weighted);
      const msg = !wl
        ? `The weighted score ${weighted.display} is not written`
        : readScore(rubric, wl.valueText, true).kind === 'placeholder' || wl.valueText === ''
          ? `The weighted score is not written; it is ${weighted.display}`
          : `The weighted score is ${weighted.display}, not ${wl.valueText}`;
      out.add('weighted-score-stale', msg, wl ? wl.valueRange : part.scoresHeading, edit ? [{ title: `Write the weighted score ${weighted.display}`, edits: [edit], preferred: true, safe: true }] : undefined);
    }
    if (placement?.borderline) {
      const [lo, hi] = placement.accepted;
      out.add('band-borderline', `${weighted.text} lies between the printed bands ${bandWithRange(rubric, lo)} and ${bandWithRange(rubric, hi)}: either recommendation is accepted`, wl ? wl.valueRange : part.scoresHeading);
    }
  }

  const recGroup = part.groups.find((g) => g.id === 'recommendation');
  const checkedRecs = recGroup ? recGroup.items.filter((i) => i.checked && recommendationBand(rubric, i.text) !== undefined) : [];
  let recommendation: BandId | null = null;
  const recFixes = (): FeedbackFix[] => {
    if (!placement) return [];
    const fixes: FeedbackFix[] = [];
    for (const id of placement.accepted) {
      const edits = checkRecommendationEdits(rubric, recGroup, id);
      if (edits && edits.length) fixes.push({ title: `Recommend ${bandLabel(rubric, id)}`, edits, preferred: !placement.borderline, safe: false });
    }
    return fixes;
  };
  if (checkedRecs.length > 1) {
    const first = checkedRecs[0];
    for (const extra of checkedRecs.slice(1)) {
      out.add('recommendation-multiple', `"${extra.text}" is checked as well as "${first.text}": check one recommendation`, extra.boxRange, recFixes());
    }
  } else if (checkedRecs.length === 1) {
    recommendation = recommendationBand(rubric, checkedRecs[0].text)!;
    if (placement && !placement.accepted.includes(recommendation)) {
      out.add(
        'recommendation-mismatch',
        `${bandLabel(rubric, recommendation)} is checked, but the weighted score ${weighted!.text} is ${placement.accepted.map((b) => bandWithRange(rubric, b)).join(' or ')}`,
        checkedRecs[0].boxRange,
        recFixes(),
      );
    }
  } else if (placement) {
    const where = recGroup ? recGroup.headingRange : part.scoresHeading!;
    out.add('recommendation-missing', `No recommendation is checked; the weighted score ${weighted!.text} is ${placement.accepted.map((b) => bandLabel(rubric, b)).join(' or ')}`, where, recFixes());
  }

  for (const g of part.groups) {
    if (!SINGLE_CHOICE_GROUPS.has(g.id)) continue;
    const checked = g.items.filter((i) => i.checked);
    if (checked.length < 2) continue;
    for (const extra of checked.slice(1)) out.add('checkbox-multiple', `${g.heading} is a single choice: "${extra.text}" is checked as well as "${checked[0].text}"`, extra.boxRange);
  }

  const roleFit = part.groups.find((g) => g.id === 'role-fit');
  const principal = roleFit?.items.find((i: ParsedCheckbox) => i.checked && normalizeName(i.text).startsWith(PRINCIPAL_TRACK));
  if (principal) {
    const top = bandsDescending(rubric)[0].id;
    const ok = placement
      ? placement.band === top || (placement.accepted.includes(top) && recommendation === top)
      : recommendation === null || recommendation === top;
    if (!ok) {
      const band = placement ? placement.band : recommendation!;
      out.add('principal-track-without-strong-hire', `Principal engineer track is checked, but the ${placement ? 'band' : 'recommendation'} is ${bandLabel(rubric, band)}, not ${bandLabel(rubric, top)}`, principal.boxRange);
    }
  }

  return {
    scoresHeading: part.scoresHeading,
    scored,
    dimensions: rubric.dimensions.length,
    weightedScore: weighted ? weighted.value : null,
    weightedScoreText: weighted ? weighted.display : null,
    band: placement ? placement.band : null,
    recommendation,
    borderline: placement ? placement.borderline : false,
    acceptedRecommendations: placement ? placement.accepted : [],
    scores,
  };
}

/**
 * Validates a feedback document against the rubric. Never throws; every range lies inside the
 * document. The top-level summary is the first feedback's; `feedbacks` holds one per scores block.
 */
export function validateFeedback(text: string, rubric: Rubric, options: FeedbackOptions = {}): FeedbackValidation {
  const doc = parseFeedback(typeof text === 'string' ? text : String(text ?? ''));
  return validateParsed(doc, rubric, options);
}

/** Validates an already parsed document (see `validateFeedback`). */
export function validateParsed(doc: ParsedFeedback, rubric: Rubric, options: FeedbackOptions = {}): FeedbackValidation {
  const out = new Collector();
  const opts = { allowHalfPoints: options.allowHalfPoints === true, today: todayText(options.today) };
  const feedbacks = doc.parts.map((p) => validatePart(rubric, doc, p, opts, out));
  if (!doc.parts.some((p) => p.scoresHeading)) out.add('scores-block-missing', 'No "Scores (Weighted)" heading: this is not a feedback document, or its scores block was removed', point(0, 0));
  const diagnostics = out.list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { ...feedbacks[0], feedbacks, diagnostics, document: doc };
}
