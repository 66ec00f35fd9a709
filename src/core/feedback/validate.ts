/**
 * Checks a feedback document against a compiled rubric. Two steps: `analyzeFeedback` computes,
 * purely, what one feedback says (its scores, weighted score, band and recommendation, and what
 * each line of the scores block was read as) and what is wrong in it (its findings, by kind); then
 * one rule per documented code (`FEEDBACK_RULES`) turns those facts into diagnostics with their
 * fixes. A rule that reports one kind of finding says which (`finds`), so whoever only counts
 * diagnostics can tell from the facts that the rules would report nothing (`silenceUnder`).
 * Weights, scale, bands, recommendation texts and the senior bar come from the rubric; headings,
 * labels and groups from its template spec.
 */
import type { BandId, Dimension } from '../content';
import type { Submission } from '../kit/record';
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
  ParsedField,
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
  weighted: WeightedScore | null;
  placement: BandPlacement | null;
  /** The recommendation group, when the feedback has one. */
  recommendationGroup?: ParsedCheckboxGroup;
  /** Checked recommendation boxes that name a band. */
  checkedRecommendations: ParsedCheckbox[];
  /** What is wrong in the feedback. */
  findings: FeedbackFindings;
}

/**
 * What is wrong in one feedback, by kind, in document order: the rule that reports a kind
 * (`FeedbackRule.finds`) files one diagnostic per entry, so an empty list is a silent rule.
 */
export interface FeedbackFindings {
  /** The start of the document, when it has no scores heading at all; with the first feedback only (`scores-block-missing`). */
  missingScoresBlock: Range[];
  /** Further scores headings of the feedback (`scores-block-duplicate`). */
  extraScoresHeadings: Range[];
  /** List items (or weighted lines) of the scores block naming no dimension (`dimension-unknown`). */
  unknownLines: ParsedScoreLine[];
  /** Further lines of a dimension already scored, with the line that is read (`score-duplicate`). */
  duplicateLines: { line: ParsedScoreLine; dimension: Dimension; first: ParsedScoreLine }[];
  /** The dimensions a scores block has no line for, in rubric order (`score-missing`). */
  missingDimensions: Dimension[];
  /** Read lines whose weight is not the rubric's (`weight-mismatch`). */
  wrongWeights: ScoreLineReading[];
  /** Read lines whose score is none of the scale's (`score-invalid`). */
  invalidScores: (ScoreLineReading & { reading: { kind: 'invalid'; reason: string } })[];
  /** Read lines written out of another maximum than the scale's (`score-scale-mismatch`). */
  wrongScales: ScoreLineReading[];
  /** The weighted score, when the feedback does not write it or writes another one (`weighted-score-stale`). */
  staleWeighted: WeightedScore[];
  /** The checked recommendations after the first (`recommendation-multiple`). */
  extraRecommendations: ParsedCheckbox[];
  /** The checked recommendation, when the weighted score accepts another one (`recommendation-mismatch`). */
  rejectedRecommendations: ParsedCheckbox[];
  /** The boxes of a single-choice group checked after its first checked one (`checkbox-multiple`). */
  extraChoices: { group: ParsedCheckboxGroup; item: ParsedCheckbox; first: ParsedCheckbox }[];
  /** Checked boxes reserved for the top band while the band, or the recommendation when unscored, is another one (`top-band-only-checked`). */
  topBandOnly: { item: ParsedCheckbox; text: string }[];
  /** Filled date fields that are no real `YYYY-MM-DD` date (`date-invalid`). */
  invalidDates: ParsedField[];
  /** The document's seal, when its content changed since it was submitted; with the first feedback only (`feedback-edited-after-submit`). */
  editedAfterSubmit: Submission[];
}

/** Options of the pure summary. */
export interface SummaryOptions {
  allowHalfPoints?: boolean;
}

/** Whether a score line's weight, if written, is the rubric's. */
function weightAsRubric(sl: ParsedScoreLine, dim: Dimension): boolean {
  // The common case is compared as a string; only odd spellings reach the regular expression.
  if (sl.weightText === undefined || !sl.weightRange || sl.weightText === `${dim.weight}%`) return true;
  const wm = /^(\d+(?:\.\d+)?)\s*%?$/.exec(sl.weightText);
  return !!wm && Number(wm[1]) === dim.weight;
}

/** Whether a score line's "out of", if written, is the scale's maximum. */
function scaleAsRubric(sl: ParsedScoreLine, reading: ScoreReading, max: number): boolean {
  if (sl.outOfText === undefined || !sl.outOfRange || reading.kind === 'placeholder' || sl.outOfText === String(max)) return true;
  // Only the leading number counts: "4 (solid design)" is out of 4.
  const om = /^(-?\d+)(?:\.0+)?(?![\d.,])/.exec(sl.outOfText);
  return !!om && Number(om[1]) === max;
}

const filled = (f: { placeholder: boolean; value: string }) => !f.placeholder && f.value !== '';

/** The checked boxes of a feedback reserved for the top band, when its band (or its recommendation, when unscored) is another one. */
function topBandOnlyChecked(rubric: CompiledRubric, part: ParsedFeedbackPart, placement: BandPlacement | null, recommendation: BandId | null): FeedbackFindings['topBandOnly'] {
  const reserved = rubric.template.topBandOnly;
  if (!reserved.length) return [];
  const top = rubric.topBand.id;
  // Scored: the band must be the top one, or a borderline score whose recommendation is the top band. Not scored: the recommendation decides.
  const ok = placement ? placement.band === top || (placement.accepted.includes(top) && recommendation === top) : recommendation === null || recommendation === top;
  if (ok) return [];
  const found: FeedbackFindings['topBandOnly'] = [];
  for (const g of part.groups) {
    if (g.kind === 'recommendation') continue;
    for (const item of g.items) {
      if (!item.checked) continue;
      const n = rubric.template.normalize(item.text);
      const t = reserved.find((r) => n === r.key || n.startsWith(r.key + ' '));
      if (t) found.push({ item, text: t.text });
    }
  }
  return found;
}

/** The boxes of the feedback's single-choice groups checked after the first checked one of their group. */
function extraChoices(part: ParsedFeedbackPart): FeedbackFindings['extraChoices'] {
  const found: FeedbackFindings['extraChoices'] = [];
  for (const group of part.groups) {
    if (group.kind !== 'single') continue;
    const checked = group.items.filter((i) => i.checked);
    for (const item of checked.slice(1)) found.push({ group, item, first: checked[0] });
  }
  return found;
}

/** Computes what one feedback (one part of a parsed document) says, and what is wrong in it; reports nothing. */
export function analyzeFeedback(compiled: CompiledRubric, doc: ParsedFeedback, part: ParsedFeedbackPart, opts: SummaryOptions = {}): FeedbackFacts {
  const allowHalf = opts.allowHalfPoints === true;
  const dims = compiled.dimensions;
  const scores: DimensionScore[] = dims.map((d) => ({ dimension: d.id, line: undefined, score: null, status: 'missing' }));
  const readings: ScoreLineReading[] = [];
  const unknownLines: ParsedScoreLine[] = [];
  const duplicateLines: FeedbackFindings['duplicateLines'] = [];
  const wrongWeights: ScoreLineReading[] = [];
  const invalidScores: FeedbackFindings['invalidScores'] = [];
  const wrongScales: ScoreLineReading[] = [];
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
      const read = { line: sl, dimension: dim, reading };
      readings.push(read);
      if (!weightAsRubric(sl, dim)) wrongWeights.push(read);
      if (reading.kind === 'invalid') invalidScores.push({ line: sl, dimension: dim, reading });
      if (!scaleAsRubric(sl, reading, compiled.scale.max)) wrongScales.push(read);
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
  const wl = part.weightedLine;
  const findings: FeedbackFindings = {
    missingScoresBlock: part === doc.parts[0] && !doc.parts.some((p) => p.scoresHeading) ? [point(0, 0)] : [],
    extraScoresHeadings: part.extraScoresHeadings,
    unknownLines,
    duplicateLines,
    missingDimensions: part.scoresHeading ? dims.filter((_, i) => scores[i].status === 'missing') : [],
    wrongWeights,
    invalidScores,
    wrongScales,
    staleWeighted: weighted && (!wl || isStale(writtenWeighted(wl), weighted.milli)) ? [weighted] : [],
    extraRecommendations: checkedRecommendations.slice(1),
    rejectedRecommendations: placement && recommendation !== null && !placement.accepted.includes(recommendation) ? [checkedRecommendations[0]] : [],
    extraChoices: extraChoices(part),
    topBandOnly: topBandOnlyChecked(compiled, part, placement, recommendation),
    invalidDates: part.fields.filter((f) => f.role === 'date' && filled(f) && !isRealDate(f.value)),
    editedAfterSubmit: part === doc.parts[0] && doc.submission?.edited ? [doc.submission] : [],
  };
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
    weighted,
    placement,
    recommendationGroup,
    checkedRecommendations,
    findings,
  };
}

/** The weighted score as written on its line: the value, or what a bracketed value holds. */
const writtenWeighted = (wl: ParsedScoreLine) => (wl.valueText.charCodeAt(0) === 91 ? wl.valueText.replace(/^\[|\]$/g, '').trim() : wl.valueText);

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

/** The check of one code. */
export interface FeedbackRule {
  /**
   * The kind of finding the rule reports (`FeedbackFacts.findings`), one diagnostic per entry and
   * nothing else: while the facts hold none, the rule is silent (`silenceUnder`). A rule without one
   * may report on any feedback.
   */
  finds?: keyof FeedbackFindings;
  /** Reports the code's diagnostics on one feedback; none for the codes the rubric source reports. */
  check?: (ctx: RuleContext) => void;
}

/** A rule that files one diagnostic per finding of a kind, and nothing else. */
function eachFinding<K extends keyof FeedbackFindings>(finds: K, report: (ctx: RuleContext, finding: FeedbackFindings[K][number]) => void): FeedbackRule {
  return { finds, check: (ctx) => ctx.facts.findings[finds].forEach((f: FeedbackFindings[K][number]) => report(ctx, f)) };
}

function scoreFixes(ctx: RuleContext, sl: ParsedScoreLine, current: string): FeedbackFix[] {
  return validScoreValues(ctx.rubric, ctx.allowHalfPoints)
    .filter((v) => v !== current)
    .map((v) => ({ title: `Score ${v}`, edits: [{ range: sl.valueRange, newText: v }], preferred: false, safe: false }));
}

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
  'field-unfilled': {
    check: (ctx) => {
      for (const f of ctx.part.fields) {
        if (!filled(f)) ctx.report(f.value === '' ? `${f.label} is empty` : `${f.label} still holds its placeholder ${f.value}`, f.valueRange);
      }
    },
  },
  'date-invalid': eachFinding('invalidDates', (ctx, f) => ctx.report(`${f.label} "${f.value}" is not a real YYYY-MM-DD date`, f.valueRange)),
  'date-future': {
    check: (ctx) => {
      if (!ctx.today) return;
      for (const f of ctx.part.fields) {
        if (f.role === 'date' && filled(f) && isRealDate(f.value) && f.value > ctx.today) ctx.report(`${f.label} ${f.value} is after today (${ctx.today})`, f.valueRange);
      }
    },
  },
  'experience-below-bar': {
    check: (ctx) => {
      const bar = ctx.rubric.rubric.seniorBarYears;
      if (bar === undefined) return;
      for (const f of ctx.part.fields) {
        if (f.role !== 'experience' || !filled(f)) continue;
        const m = /^~?\s*(\d+(?:[.,]\d+)?)/.exec(f.value);
        if (m && Number(m[1].replace(',', '.')) < bar) ctx.report(`${f.label} "${f.value}" is below the senior bar of ${bar} years`, f.valueRange);
      }
    },
  },
  'scores-block-duplicate': eachFinding('extraScoresHeadings', (ctx, r) => ctx.report(`A second "${ctx.rubric.spec.scoresHeading}" block in this feedback; only the first is read`, r)),
  'dimension-unknown': eachFinding('unknownLines', (ctx, sl) =>
    ctx.report(`"${sl.name}" names no rubric dimension (${ctx.rubric.dimensions.map((d) => d.name).join(', ')})`, sl.nameRange),
  ),
  'score-duplicate': eachFinding('duplicateLines', (ctx, { line, dimension, first }) =>
    ctx.report(`${dimension.name} is scored on line ${first.line + 1} already; this line is not read`, line.nameRange),
  ),
  'weight-mismatch': eachFinding('wrongWeights', (ctx, { line: sl, dimension: dim }) =>
    ctx.report(`${dim.name} weighs ${dim.weight}% in the rubric, not ${sl.weightText}`, sl.weightRange!, [
      { title: `Restore the rubric weight ${dim.weight}%`, edits: [{ range: sl.weightRange!, newText: `${dim.weight}%` }], preferred: true, safe: true },
    ]),
  ),
  'score-invalid': eachFinding('invalidScores', (ctx, { line, dimension, reading }) =>
    ctx.report(`${dimension.name}: ${reading.reason}`, line.valueRange, scoreFixes(ctx, line, line.valueText)),
  ),
  'score-unfilled': {
    check: (ctx) => {
      for (const { line, dimension, reading } of ctx.facts.readings) {
        if (reading.kind === 'empty' || reading.kind === 'placeholder') ctx.report(`${dimension.name} is not scored yet`, line.valueRange, scoreFixes(ctx, line, ''));
      }
    },
  },
  'score-scale-mismatch': eachFinding('wrongScales', (ctx, { line: sl, dimension: dim }) => {
    const { min, max } = ctx.rubric.scale;
    ctx.report(`${dim.name} is written out of ${sl.outOfText || 'nothing'}; the rubric's scale is ${min}-${max}`, sl.outOfRange!, [
      { title: `Write "${max}"`, edits: [{ range: sl.outOfRange!, newText: String(max) }], preferred: false, safe: false },
    ]);
  }),
  'score-missing': eachFinding('missingDimensions', (ctx, dim) => {
    const { part, doc, rubric } = ctx;
    const lastLine = part.scoreLines.length ? part.scoreLines[part.scoreLines.length - 1].lineRange : part.scoresHeading!;
    ctx.report(`${dim.name} (${dim.weight}%) has no score line`, part.scoresHeading!, [
      {
        title: `Add a score line for ${dim.name}`,
        edits: [{ range: endOf(lastLine), newText: `${doc.eol}- ${dim.name} (${dim.weight}%): ${scorePlaceholder(rubric)} / ${rubric.scale.max}` }],
        preferred: true,
        safe: false,
      },
    ]);
  }),
  'weighted-score-stale': eachFinding('staleWeighted', (ctx, weighted) => {
    const { part } = ctx;
    const wl = part.weightedLine;
    const edit = writeWeightedEdit(ctx.rubric, ctx.doc, part, weighted);
    const msg = !wl
      ? `The weighted score ${weighted.display} is not written`
      : readScore(ctx.rubric, wl.valueText, true).kind === 'placeholder' || wl.valueText === ''
        ? `The weighted score is not written; it is ${weighted.display}`
        : `The weighted score is ${weighted.display}, not ${wl.valueText}`;
    ctx.report(msg, wl ? wl.valueRange : part.scoresHeading!, edit ? [{ title: `Write the weighted score ${weighted.display}`, edits: [edit], preferred: true, safe: true }] : undefined);
  }),
  'band-borderline': {
    check: (ctx) => {
      const { weighted, placement } = ctx.facts;
      if (!weighted || !placement?.borderline || !ctx.part.scoresHeading) return;
      const [lo, hi] = placement.accepted;
      const wl = ctx.part.weightedLine;
      ctx.report(
        `${weighted.text} lies between the printed bands ${ctx.rubric.bandWithRange(lo)} and ${ctx.rubric.bandWithRange(hi)}: either recommendation is accepted`,
        wl ? wl.valueRange : ctx.part.scoresHeading,
      );
    },
  },
  'recommendation-multiple': eachFinding('extraRecommendations', (ctx, extra) =>
    ctx.report(`"${extra.text}" is checked as well as "${ctx.facts.checkedRecommendations[0].text}": check one recommendation`, extra.boxRange, recommendationFixes(ctx)),
  ),
  'recommendation-mismatch': eachFinding('rejectedRecommendations', (ctx, box) => {
    const { placement, weighted, summary } = ctx.facts;
    ctx.report(
      `${ctx.rubric.bandLabel(summary.recommendation!)} is checked, but the weighted score ${weighted!.text} is ${placement!.accepted.map((b) => ctx.rubric.bandWithRange(b)).join(' or ')}`,
      box.boxRange,
      recommendationFixes(ctx),
    );
  }),
  'recommendation-missing': {
    check: (ctx) => {
      const { placement, weighted, checkedRecommendations, recommendationGroup } = ctx.facts;
      if (!placement || !weighted || checkedRecommendations.length) return;
      const where = recommendationGroup ? recommendationGroup.headingRange : ctx.part.scoresHeading!;
      ctx.report(`No recommendation is checked; the weighted score ${weighted.text} is ${placement.accepted.map((b) => ctx.rubric.bandLabel(b)).join(' or ')}`, where, recommendationFixes(ctx));
    },
  },
  'checkbox-multiple': eachFinding('extraChoices', (ctx, { group, item, first }) =>
    ctx.report(`${group.heading} is a single choice: "${item.text}" is checked as well as "${first.text}"`, item.boxRange),
  ),
  'top-band-only-checked': eachFinding('topBandOnly', (ctx, { item, text }) => {
    const { placement, summary } = ctx.facts;
    const band = placement ? placement.band : summary.recommendation!;
    ctx.report(`${text} is checked, but the ${placement ? 'band' : 'recommendation'} is ${ctx.rubric.bandLabel(band)}, not ${ctx.rubric.bandLabel(ctx.rubric.topBand.id)}`, item.boxRange);
  }),
  'scores-block-missing': eachFinding('missingScoresBlock', (ctx, start) =>
    ctx.report(`No "${ctx.rubric.spec.scoresHeading}" heading: this is not a feedback document, or its scores block was removed`, start),
  ),
  'score-without-evidence': {
    check: (ctx) => {
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
  },
  'unknown-note-tag': {
    check: (ctx) => {
      const notes = ctx.notes;
      // Document-wide: reported once, with the first feedback.
      if (!notes || ctx.index !== 0 || !notes.parsed.unknownTags.length) return;
      const known = ctx.rubric.dimensions.map((d) => d.tag ?? d.id).join(', ');
      for (const u of notes.parsed.unknownTags) {
        const sign = u.polarity === 'plus' ? '+' : u.polarity === 'minus' ? '-' : '#';
        ctx.report(`${sign}${u.name} names no rubric dimension; the tags are ${known}`, u.range);
      }
    },
  },
  'feedback-edited-after-submit': eachFinding('editedAfterSubmit', (ctx, s) =>
    ctx.report(`This feedback was changed after it was submitted (${s.submitted}): submit it again, or undo the change`, s.range),
  ),
  // Reported by the rubric source (`resolveRubric`) before a document is checked, not by a rule.
  'rubric-unknown': {},
  'kit-rubric-invalid': {},
  'rubric-changed': {},
};

const RULES = Object.entries(FEEDBACK_RULES) as [FeedbackCode, FeedbackRule][];

const severityOf = (code: FeedbackCode, severities: FeedbackOptions['severities']) => severities?.[code] ?? FEEDBACK_CODES[code].severity;

/**
 * Whether a feedback is silent under the given severities: no rule reports anything on it, as the
 * rules' declarations alone show. Each rule that runs reports a kind of finding (`FeedbackRule.finds`)
 * of which the facts hold none; a rule that declares none may report on any feedback, so while it
 * runs no feedback is silent. Whoever only counts diagnostics (the calibration rows) need not run
 * the rules on a silent feedback. Made once per set of severities, used for each feedback.
 */
export function silenceUnder(severities?: FeedbackOptions['severities']): (facts: FeedbackFacts) => boolean {
  const running = RULES.filter(([code, rule]) => rule.check && severityOf(code, severities) !== 'off').map(([, rule]) => rule.finds);
  if (running.includes(undefined)) return () => false;
  const kinds = running as (keyof FeedbackFindings)[];
  return (facts) => kinds.every((k) => facts.findings[k].length === 0);
}

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
      const s = severityOf(c, severities);
      if (s === 'off' || !rule.check) continue;
      code = c;
      severity = s;
      rule.check(ctx);
    }
    return facts.summary;
  });
  const diagnostics = list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  // Not a spread: `{ ...summary, more }` takes V8's slow path, microseconds on every validation.
  const validation: FeedbackValidation = Object.assign({}, feedbacks[0], { feedbacks, diagnostics, document: doc, rubric: compiled });
  if (notes) validation.notes = notes;
  return validation;
}
