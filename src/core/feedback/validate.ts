/**
 * Checks a feedback document against a compiled rubric. Two steps: `analyzeFeedback` computes,
 * purely, what one feedback says (its scores, weighted score, band and recommendation, and what
 * each line of the scores block was read as); then one rule per documented code (`FEEDBACK_RULES`)
 * turns those facts into diagnostics with their fixes. Weights, scale, bands, recommendation
 * texts and the senior bar come from the rubric; headings, labels and groups from its template spec.
 */
import type { BandId, Dimension } from '../content';
import { FEEDBACK_CODES } from './codes';
import { isRealDate, localDate } from '../format';
import { asCompiled, CompiledRubric, type BandPlacement } from './compiled';
import { parseFeedback } from './parse';
import { isStale, readScore, validScoreValues, weightedFromHalves, type RubricLike, type ScoreReading, type WeightedScore } from './score';
import { scorePlaceholder } from './template';
import { notesOfFeedbacks } from './evidence';
import { scoresWithoutEvidence } from '../notes/evidence';
import type {
  DimensionScore,
  FeedbackCode,
  FeedbackDiagnostic,
  FeedbackFix,
  FeedbackNotes,
  FeedbackOptions,
  FeedbackSeverity,
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

const point = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });
const endOf = (r: Range): Range => point(r.end.line, r.end.character);

/** The band a recommendation box names: its text is the rubric's recommendation text, or starts with a band label (the longest that fits). */
export function recommendationBand(rubric: RubricLike, text: string): BandId | undefined {
  return asCompiled(rubric).recommendationBand(text);
}

/** Edits that check `target`'s box of a recommendation group and uncheck every other checked box. */
export function checkRecommendationEdits(rubric: RubricLike, group: ParsedCheckboxGroup | undefined, target: BandId): TextEdit[] | undefined {
  if (!group) return undefined;
  const compiled = asCompiled(rubric);
  const item = group.items.find((i) => compiled.recommendationBand(i.text) === target);
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
export function writeWeightedEdit(rubric: RubricLike, doc: ParsedFeedback, part: ParsedFeedbackPart, w: WeightedScore): TextEdit | undefined {
  const wl = part.weightedLine;
  if (wl) return { range: wl.valueRange, newText: wl.outOfText === undefined ? w.display : w.text };
  const after = part.scoreLines.length ? part.scoreLines[part.scoreLines.length - 1].lineRange : part.scoresHeading;
  if (!after) return undefined;
  return { range: endOf(after), newText: `${doc.eol}- **${asCompiled(rubric).spec.weightedLabel}:** ${w.display}` };
}


function todayText(today: FeedbackOptions['today']): string | undefined {
  if (today === undefined) return undefined;
  if (typeof today === 'string') return isRealDate(today) ? today : undefined;
  if (!(today instanceof Date) || Number.isNaN(today.getTime())) return undefined;
  return localDate(today);
}

/** How one line of a scores block was read. */
export interface ScoreLineReading {
  line: ParsedScoreLine;
  dimension: Dimension;
  reading: ScoreReading;
}

/** Everything one feedback says, computed once: what the rules read. */
export interface FeedbackFacts {
  summary: FeedbackSummary;
  /** The first line of each scored dimension, with how its value reads, in document order. */
  readings: ScoreLineReading[];
  /** List items (or weighted lines) of the scores block naming no dimension. */
  unknownLines: ParsedScoreLine[];
  /** Further lines of a dimension already scored, with the line that is read. */
  duplicateLines: { line: ParsedScoreLine; dimension: Dimension; first: ParsedScoreLine }[];
  weighted: WeightedScore | null;
  placement: BandPlacement | null;
  /** The recommendation group, when the feedback has one. */
  recommendationGroup?: ParsedCheckboxGroup;
  /** Checked recommendation boxes that name a band. */
  checkedRecommendations: ParsedCheckbox[];
}

/** Options of the pure summary. */
export interface SummaryOptions {
  allowHalfPoints?: boolean;
}

/** Computes what one feedback (one part of a parsed document) says; reports nothing. */
export function analyzeFeedback(compiled: CompiledRubric, _doc: ParsedFeedback, part: ParsedFeedbackPart, opts: SummaryOptions = {}): FeedbackFacts {
  const allowHalf = opts.allowHalfPoints === true;
  const dims = compiled.dimensions;
  const scores: DimensionScore[] = dims.map((d) => ({ dimension: d.id, line: undefined, score: null, status: 'missing' }));
  const readings: ScoreLineReading[] = [];
  const unknownLines: ParsedScoreLine[] = [];
  const duplicateLines: FeedbackFacts['duplicateLines'] = [];
  let halvesTimesWeight = 0;
  let scored = 0;
  if (part.scoresHeading) {
    for (const sl of part.scoreLines) {
      const dim = compiled.findDimension(sl.name);
      if (!dim) {
        // A prose line such as "Overall: strong" is no score line; a list item or a weighted line is one.
        if (sl.listItem || sl.weightText !== undefined) unknownLines.push(sl);
        continue;
      }
      const entry = scores[compiled.dimensionIndex(dim.id)];
      if (entry.line) {
        duplicateLines.push({ line: sl, dimension: dim, first: entry.line });
        continue;
      }
      entry.line = sl;
      const reading = readScore(compiled, sl.valueText, allowHalf);
      readings.push({ line: sl, dimension: dim, reading });
      if (reading.kind === 'score') {
        entry.score = reading.halves / 2;
        entry.status = 'scored';
        halvesTimesWeight += reading.halves * dim.weight;
        scored++;
      } else entry.status = reading.kind === 'invalid' ? 'invalid' : 'unfilled';
    }
  }
  const all = part.scoresHeading !== undefined && scored === dims.length;
  const weighted = all ? weightedFromHalves(compiled, halvesTimesWeight) : null;
  const placement = weighted ? compiled.bandOf(weighted.milli) : null;
  const recommendationGroup = part.groups.find((g) => g.kind === 'recommendation');
  const checkedRecommendations = recommendationGroup ? recommendationGroup.items.filter((i) => i.checked && compiled.recommendationBand(i.text) !== undefined) : [];
  const recommendation = checkedRecommendations.length === 1 ? compiled.recommendationBand(checkedRecommendations[0].text)! : null;
  return {
    summary: {
      scoresHeading: part.scoresHeading,
      scored,
      dimensions: dims.length,
      weightedScore: weighted ? weighted.value : null,
      weightedScoreText: weighted ? weighted.display : null,
      band: placement ? placement.band : null,
      recommendation,
      borderline: placement ? placement.borderline : false,
      acceptedRecommendations: placement ? placement.accepted : [],
      scores,
    },
    readings,
    unknownLines,
    duplicateLines,
    weighted,
    placement,
    recommendationGroup,
    checkedRecommendations,
  };
}

/**
 * The pure summary of one feedback: scores by dimension, the exact weighted score, its band and
 * the checked recommendation. What the CodeLens, the CLI's JSON and a calibration report read.
 */
export function summarizeFeedback(rubric: RubricLike, doc: ParsedFeedback, part: ParsedFeedbackPart, opts: SummaryOptions = {}): FeedbackSummary {
  return analyzeFeedback(asCompiled(rubric), doc, part, opts).summary;
}

/** What a rule sees: one feedback's facts, and a `report` that files a diagnostic under the rule's own code. */
export interface RuleContext {
  rubric: CompiledRubric;
  doc: ParsedFeedback;
  part: ParsedFeedbackPart;
  /** The part's index in `doc.parts`. */
  index: number;
  facts: FeedbackFacts;
  allowHalfPoints: boolean;
  /** Today as `YYYY-MM-DD`, when known. */
  today?: string;
  /** The interview notes as evidence, when the options ask for them (`FeedbackOptions.notes`). */
  notes?: FeedbackNotes;
  report(message: string, range: Range, fixes?: FeedbackFix[]): void;
}

/** A check: reports the diagnostics of one code for one feedback. */
export type FeedbackRule = (ctx: RuleContext) => void;

function scoreFixes(ctx: RuleContext, sl: ParsedScoreLine, current: string): FeedbackFix[] {
  return validScoreValues(ctx.rubric, ctx.allowHalfPoints)
    .filter((v) => v !== current)
    .map((v) => ({ title: `Score ${v}`, edits: [{ range: sl.valueRange, newText: v }], preferred: false, safe: false }));
}

const filled = (f: { placeholder: boolean; value: string }) => !f.placeholder && f.value !== '';

/** The recommendations the score accepts, each as a fix that checks it. */
function recommendationFixes(ctx: RuleContext): FeedbackFix[] {
  const { placement, recommendationGroup } = ctx.facts;
  if (!placement) return [];
  const fixes: FeedbackFix[] = [];
  for (const id of placement.accepted) {
    const edits = checkRecommendationEdits(ctx.rubric, recommendationGroup, id);
    if (edits && edits.length) fixes.push({ title: `Recommend ${ctx.rubric.bandLabel(id)}`, edits, preferred: !placement.borderline, safe: false });
  }
  return fixes;
}

/**
 * One rule per documented code, in the order they run. The severity is the code's
 * (`FEEDBACK_CODES`), unless the options set another one.
 */
export const FEEDBACK_RULES: Readonly<Record<FeedbackCode, FeedbackRule>> = {
  'field-unfilled': (ctx) => {
    for (const f of ctx.part.fields) {
      if (!filled(f)) ctx.report(f.value === '' ? `${f.label} is empty` : `${f.label} still holds its placeholder ${f.value}`, f.valueRange);
    }
  },
  'date-invalid': (ctx) => {
    for (const f of ctx.part.fields) {
      if (f.role === 'date' && filled(f) && !isRealDate(f.value)) ctx.report(`${f.label} "${f.value}" is not a real YYYY-MM-DD date`, f.valueRange);
    }
  },
  'date-future': (ctx) => {
    if (!ctx.today) return;
    for (const f of ctx.part.fields) {
      if (f.role === 'date' && filled(f) && isRealDate(f.value) && f.value > ctx.today) ctx.report(`${f.label} ${f.value} is after today (${ctx.today})`, f.valueRange);
    }
  },
  'experience-below-bar': (ctx) => {
    const bar = ctx.rubric.rubric.seniorBarYears;
    if (bar === undefined) return;
    for (const f of ctx.part.fields) {
      if (f.role !== 'experience' || !filled(f)) continue;
      const m = /^~?\s*(\d+(?:[.,]\d+)?)/.exec(f.value);
      if (m && Number(m[1].replace(',', '.')) < bar) ctx.report(`${f.label} "${f.value}" is below the senior bar of ${bar} years`, f.valueRange);
    }
  },
  'scores-block-duplicate': (ctx) => {
    for (const r of ctx.part.extraScoresHeadings) ctx.report(`A second "${ctx.rubric.spec.scoresHeading}" block in this feedback; only the first is read`, r);
  },
  'dimension-unknown': (ctx) => {
    for (const sl of ctx.facts.unknownLines) {
      ctx.report(`"${sl.name}" names no rubric dimension (${ctx.rubric.dimensions.map((d) => d.name).join(', ')})`, sl.nameRange);
    }
  },
  'score-duplicate': (ctx) => {
    for (const { line, dimension, first } of ctx.facts.duplicateLines) {
      ctx.report(`${dimension.name} is scored on line ${first.line + 1} already; this line is not read`, line.nameRange);
    }
  },
  'weight-mismatch': (ctx) => {
    for (const { line: sl, dimension: dim } of ctx.facts.readings) {
      // The common case is compared as a string; only odd spellings reach the regular expression.
      if (sl.weightText === undefined || !sl.weightRange || sl.weightText === `${dim.weight}%`) continue;
      const wm = /^(\d+(?:\.\d+)?)\s*%?$/.exec(sl.weightText);
      if (wm && Number(wm[1]) === dim.weight) continue;
      ctx.report(`${dim.name} weighs ${dim.weight}% in the rubric, not ${sl.weightText}`, sl.weightRange, [
        { title: `Restore the rubric weight ${dim.weight}%`, edits: [{ range: sl.weightRange, newText: `${dim.weight}%` }], preferred: true, safe: true },
      ]);
    }
  },
  'score-invalid': (ctx) => {
    for (const { line, dimension, reading } of ctx.facts.readings) {
      if (reading.kind === 'invalid') ctx.report(`${dimension.name}: ${reading.reason}`, line.valueRange, scoreFixes(ctx, line, line.valueText));
    }
  },
  'score-unfilled': (ctx) => {
    for (const { line, dimension, reading } of ctx.facts.readings) {
      if (reading.kind === 'empty' || reading.kind === 'placeholder') ctx.report(`${dimension.name} is not scored yet`, line.valueRange, scoreFixes(ctx, line, ''));
    }
  },
  'score-scale-mismatch': (ctx) => {
    const { min, max } = ctx.rubric.scale;
    for (const { line: sl, dimension: dim, reading } of ctx.facts.readings) {
      if (sl.outOfText === undefined || !sl.outOfRange || reading.kind === 'placeholder' || sl.outOfText === String(max)) continue;
      // Only the leading number counts: "4 (solid design)" is out of 4.
      const om = /^(-?\d+)(?:\.0+)?(?![\d.,])/.exec(sl.outOfText);
      if (om && Number(om[1]) === max) continue;
      ctx.report(`${dim.name} is written out of ${sl.outOfText || 'nothing'}; the rubric's scale is ${min}-${max}`, sl.outOfRange, [
        { title: `Write "${max}"`, edits: [{ range: sl.outOfRange, newText: String(max) }], preferred: false, safe: false },
      ]);
    }
  },
  'score-missing': (ctx) => {
    const { part, doc, rubric } = ctx;
    if (!part.scoresHeading) return;
    const lastLine = part.scoreLines.length ? part.scoreLines[part.scoreLines.length - 1].lineRange : part.scoresHeading;
    for (const s of ctx.facts.summary.scores) {
      if (s.status !== 'missing') continue;
      const dim = rubric.dimensions[rubric.dimensionIndex(s.dimension)];
      ctx.report(`${dim.name} (${dim.weight}%) has no score line`, part.scoresHeading, [
        {
          title: `Add a score line for ${dim.name}`,
          edits: [{ range: endOf(lastLine), newText: `${doc.eol}- ${dim.name} (${dim.weight}%): ${scorePlaceholder(rubric)} / ${rubric.scale.max}` }],
          preferred: true,
          safe: false,
        },
      ]);
    }
  },
  'weighted-score-stale': (ctx) => {
    const { weighted } = ctx.facts;
    const { part } = ctx;
    if (!weighted || !part.scoresHeading) return;
    const wl = part.weightedLine;
    const written = !wl ? '' : wl.valueText.charCodeAt(0) === 91 ? wl.valueText.replace(/^\[|\]$/g, '').trim() : wl.valueText;
    if (wl && !isStale(written, weighted.milli)) return;
    const edit = writeWeightedEdit(ctx.rubric, ctx.doc, part, weighted);
    const msg = !wl
      ? `The weighted score ${weighted.display} is not written`
      : readScore(ctx.rubric, wl.valueText, true).kind === 'placeholder' || wl.valueText === ''
        ? `The weighted score is not written; it is ${weighted.display}`
        : `The weighted score is ${weighted.display}, not ${wl.valueText}`;
    ctx.report(msg, wl ? wl.valueRange : part.scoresHeading, edit ? [{ title: `Write the weighted score ${weighted.display}`, edits: [edit], preferred: true, safe: true }] : undefined);
  },
  'band-borderline': (ctx) => {
    const { weighted, placement } = ctx.facts;
    if (!weighted || !placement?.borderline || !ctx.part.scoresHeading) return;
    const [lo, hi] = placement.accepted;
    const wl = ctx.part.weightedLine;
    ctx.report(
      `${weighted.text} lies between the printed bands ${ctx.rubric.bandWithRange(lo)} and ${ctx.rubric.bandWithRange(hi)}: either recommendation is accepted`,
      wl ? wl.valueRange : ctx.part.scoresHeading,
    );
  },
  'recommendation-multiple': (ctx) => {
    const checked = ctx.facts.checkedRecommendations;
    if (checked.length < 2) return;
    for (const extra of checked.slice(1)) {
      ctx.report(`"${extra.text}" is checked as well as "${checked[0].text}": check one recommendation`, extra.boxRange, recommendationFixes(ctx));
    }
  },
  'recommendation-mismatch': (ctx) => {
    const { placement, weighted, checkedRecommendations, summary } = ctx.facts;
    const rec = summary.recommendation;
    if (!placement || !weighted || rec === null || placement.accepted.includes(rec)) return;
    ctx.report(
      `${ctx.rubric.bandLabel(rec)} is checked, but the weighted score ${weighted.text} is ${placement.accepted.map((b) => ctx.rubric.bandWithRange(b)).join(' or ')}`,
      checkedRecommendations[0].boxRange,
      recommendationFixes(ctx),
    );
  },
  'recommendation-missing': (ctx) => {
    const { placement, weighted, checkedRecommendations, recommendationGroup } = ctx.facts;
    if (!placement || !weighted || checkedRecommendations.length) return;
    const where = recommendationGroup ? recommendationGroup.headingRange : ctx.part.scoresHeading!;
    ctx.report(`No recommendation is checked; the weighted score ${weighted.text} is ${placement.accepted.map((b) => ctx.rubric.bandLabel(b)).join(' or ')}`, where, recommendationFixes(ctx));
  },
  'checkbox-multiple': (ctx) => {
    for (const g of ctx.part.groups) {
      if (g.kind !== 'single') continue;
      const checked = g.items.filter((i) => i.checked);
      for (const extra of checked.slice(1)) ctx.report(`${g.heading} is a single choice: "${extra.text}" is checked as well as "${checked[0].text}"`, extra.boxRange);
    }
  },
  'top-band-only-checked': (ctx) => {
    const reserved = ctx.rubric.template.topBandOnly;
    if (!reserved.length) return;
    const { placement, summary } = ctx.facts;
    const top = ctx.rubric.topBand.id;
    const recommendation = summary.recommendation;
    // Scored: the band must be the top one, or a borderline score whose recommendation is the top band. Not scored: the recommendation decides.
    const ok = placement ? placement.band === top || (placement.accepted.includes(top) && recommendation === top) : recommendation === null || recommendation === top;
    if (ok) return;
    const band = placement ? placement.band : recommendation!;
    for (const g of ctx.part.groups) {
      if (g.kind === 'recommendation') continue;
      for (const item of g.items) {
        if (!item.checked) continue;
        const t = ctx.rubric.template.topBandOnly.find((r) => {
          const n = ctx.rubric.template.normalize(item.text);
          return n === r.key || n.startsWith(r.key + ' ');
        });
        if (!t) continue;
        ctx.report(`${t.text} is checked, but the ${placement ? 'band' : 'recommendation'} is ${ctx.rubric.bandLabel(band)}, not ${ctx.rubric.bandLabel(top)}`, item.boxRange);
      }
    }
  },
  'scores-block-missing': (ctx) => {
    if (ctx.index !== 0 || ctx.doc.parts.some((p) => p.scoresHeading)) return;
    ctx.report(`No "${ctx.rubric.spec.scoresHeading}" heading: this is not a feedback document, or its scores block was removed`, point(0, 0));
  },
  'score-without-evidence': (ctx) => {
    const notes = ctx.notes;
    // No notes section: no notes were taken with this tool, so a lack of tags says nothing.
    if (!notes || !notes.parsed.sections.length) return;
    const { rubric } = ctx;
    for (const u of scoresWithoutEvidence(notes.evidence[ctx.index] ?? {}, ctx.facts.summary.scores, rubric.scale)) {
      const i = rubric.dimensionIndex(u.dimension);
      const line = ctx.facts.summary.scores[i]?.line;
      if (!line) continue;
      const dim = rubric.dimensions[i];
      const tag = dim.tag ?? dim.id;
      ctx.report(`${dim.name} is scored ${u.score}, the scale's ${u.end}, but no interview note is tagged to it (+${tag}, -${tag} or #${tag})`, line.valueRange);
    }
  },
  'unknown-note-tag': (ctx) => {
    const notes = ctx.notes;
    // Document-wide: reported once, with the first feedback.
    if (!notes || ctx.index !== 0 || !notes.parsed.unknownTags.length) return;
    const known = ctx.rubric.dimensions.map((d) => d.tag ?? d.id).join(', ');
    for (const u of notes.parsed.unknownTags) {
      const sign = u.polarity === 'plus' ? '+' : u.polarity === 'minus' ? '-' : '#';
      ctx.report(`${sign}${u.name} names no rubric dimension; the tags are ${known}`, u.range);
    }
  },
  // Reported by the rubric source (`resolveRubric`) before a document is checked, not by a rule.
  'rubric-unknown': () => undefined,
  'rubric-changed': () => undefined,
};

const RULES = Object.entries(FEEDBACK_RULES) as [FeedbackCode, FeedbackRule][];

/**
 * Validates a feedback document against a rubric (plain, read with `options.spec` or the built-in
 * template; or compiled). Never throws; every range lies inside the document. The top-level
 * summary is the first feedback's; `feedbacks` holds every feedback's own summary.
 */
export function validateFeedback(text: string, rubric: RubricLike, options: FeedbackOptions = {}): FeedbackValidation {
  const compiled = asCompiled(rubric, options.spec);
  const source = typeof text === 'string' ? text : String(text ?? '');
  const doc = parseFeedback(source, compiled);
  return validateParsed(doc, compiled, options, source);
}

/**
 * Validates an already parsed document (see `validateFeedback`; parse it with the same template).
 * `text`, the document's text, is needed only to read its notes (`options.notes`).
 */
export function validateParsed(doc: ParsedFeedback, rubric: RubricLike, options: FeedbackOptions = {}, text?: string): FeedbackValidation {
  const compiled = asCompiled(rubric, options.spec);
  const notes = options.notes && text !== undefined ? notesOfFeedbacks(text, doc, compiled.dimensions) : undefined;
  const allowHalfPoints = options.allowHalfPoints === true;
  const today = todayText(options.today);
  const list: FeedbackDiagnostic[] = [];
  const severities = options.severities;
  // One context per feedback; `report` files under the code of the rule that is running.
  let code: FeedbackCode = RULES[0][0];
  let severity: FeedbackSeverity = 'error';
  const report = (message: string, range: Range, fixes?: FeedbackFix[]) => {
    const d: FeedbackDiagnostic = { code, severity, message, range };
    if (fixes && fixes.length) d.fixes = fixes;
    list.push(d);
  };
  const feedbacks = doc.parts.map((part, index) => {
    const facts = analyzeFeedback(compiled, doc, part, { allowHalfPoints });
    const ctx: RuleContext = { rubric: compiled, doc, part, index, facts, allowHalfPoints, today, notes, report };
    for (const [c, rule] of RULES) {
      const s = severities?.[c] ?? FEEDBACK_CODES[c].severity;
      if (s === 'off') continue;
      code = c;
      severity = s;
      rule(ctx);
    }
    return facts.summary;
  });
  const diagnostics = list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // Not a spread: `{ ...summary, more }` takes V8's slow path, microseconds on every validation.
  const validation: FeedbackValidation = Object.assign({}, feedbacks[0], { feedbacks, diagnostics, document: doc, rubric: compiled });
  if (notes) validation.notes = notes;
  return validation;
}
