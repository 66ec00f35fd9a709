/**
 * The edits of the quick fixes, as pure functions of the document text: what the editor's code
 * actions, fix-all and update-on-save apply, and what `sdi-feedback --fix` writes.
 */
import type { BandId } from '../content';
import { FEEDBACK_CODE_LIST, FEEDBACK_CODES } from './codes';
import { asCompiled } from './compiled';
import { parseFeedback } from './parse';
import { validScoreValues, type RubricLike } from './score';
import type { FeedbackOptions, FeedbackValidation, Position, TextEdit } from './types';
import { checkRecommendationEdits, validateFeedback } from './validate';

/** A validation passed in, or one computed from text (which then needs the rubric). */
function validationOf(input: string | FeedbackValidation, rubric: RubricLike | undefined, options: FeedbackOptions): FeedbackValidation {
  if (typeof input !== 'string') return input;
  if (!rubric) throw new TypeError('a rubric is needed to validate text');
  return validateFeedback(input, rubric, options);
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Sorts edits by position and drops any that overlap an earlier one, so they can be applied together. */
function nonOverlapping(edits: TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && before(e.range.start, last.range.end)) continue;
    if (last && !before(last.range.start, e.range.start) && !before(e.range.start, last.range.start)) continue;
    out.push(e);
  }
  return out;
}

/**
 * Edits that write or update the weighted score of every scores block whose written score is
 * missing or stale (and whose dimensions are all validly scored). Touch nothing else; [] when up to date.
 * Takes the text with the rubric, or a validation already computed (no second parse).
 */
export function weightedScoreEdits(validation: FeedbackValidation): TextEdit[];
export function weightedScoreEdits(text: string, rubric: RubricLike, options?: FeedbackOptions): TextEdit[];
export function weightedScoreEdits(input: string | FeedbackValidation, rubric?: RubricLike, options: FeedbackOptions = {}): TextEdit[] {
  const v = validationOf(input, rubric, options);
  return nonOverlapping(v.diagnostics.filter((d) => d.code === 'weighted-score-stale').flatMap((d) => d.fixes?.[0]?.edits ?? []));
}

/** Every check off but the weighted score's: what a save needs. */
const ONLY_WEIGHTED_SCORE: NonNullable<FeedbackOptions['severities']> = Object.fromEntries(
  FEEDBACK_CODE_LIST.map((c) => [c, c === 'weighted-score-stale' ? FEEDBACK_CODES[c].severity : 'off']),
);

/**
 * The save path: the weighted-score edits of a text, with every other check off and the notes not
 * read (what updating the score on save needs when no analysis of the text is at hand).
 */
export function weightedScoreEditsForSave(text: string, rubric: RubricLike, options: FeedbackOptions = {}): TextEdit[] {
  return weightedScoreEdits(text, rubric, { ...options, notes: false, severities: ONLY_WEIGHTED_SCORE });
}

/**
 * Edits that check one recommendation box and uncheck the others, in the feedback that holds
 * `line` (default: the first). `band` defaults to the computed band; [] when there is none,
 * the group has no box for it, or it is already the only one checked.
 */
export function recommendationEdits(text: string, rubric: RubricLike, options: FeedbackOptions & { band?: BandId; line?: number } = {}): TextEdit[] {
  const v = validateFeedback(text, rubric, options);
  const doc = v.document;
  const index = options.line === undefined ? 0 : Math.max(0, doc.parts.findIndex((p) => options.line! >= p.startLine && options.line! < p.endLine));
  const part = doc.parts[index];
  const band = options.band ?? v.feedbacks[index]?.band ?? null;
  if (!part || !band) return [];
  return checkRecommendationEdits(v.rubric, part.groups.find((g) => g.kind === 'recommendation'), band) ?? [];
}

/** For the score line on `line`: one replacement per valid score other than the one written ([] when the line is no score line). */
export function scoreValueEdits(text: string, rubric: RubricLike, line: number, options: FeedbackOptions = {}): { value: string; edit: TextEdit }[] {
  const compiled = asCompiled(rubric, options.spec);
  const doc = parseFeedback(text, compiled);
  const sl = doc.parts.flatMap((p) => p.scoreLines).find((l) => l.line === line);
  if (!sl) return [];
  return validScoreValues(compiled, options.allowHalfPoints === true)
    .filter((v) => v !== sl.valueText)
    .map((value) => ({ value, edit: { range: sl.valueRange, newText: value } }));
}

/** Edits that restore the rubric weight in every score line whose percentage differs (only on `line` when given). */
export function weightEdits(text: string, rubric: RubricLike, line?: number, options: FeedbackOptions = {}): TextEdit[] {
  const v = validateFeedback(text, rubric, options);
  return nonOverlapping(
    v.diagnostics
      .filter((d) => d.code === 'weight-mismatch' && (line === undefined || d.range.start.line === line))
      .flatMap((d) => d.fixes?.[0]?.edits ?? []),
  );
}

/**
 * The safe fixes together (`source.fixAll`): every fix marked safe — the weighted score and the
 * rubric weights — which only restore what the rubric dictates and never change a judgement.
 * Takes the text with the rubric, or a validation already computed.
 */
export function fixAll(validation: FeedbackValidation): TextEdit[];
export function fixAll(text: string, rubric: RubricLike, options?: FeedbackOptions): TextEdit[];
export function fixAll(input: string | FeedbackValidation, rubric?: RubricLike, options: FeedbackOptions = {}): TextEdit[] {
  const v = validationOf(input, rubric, options);
  return nonOverlapping(v.diagnostics.flatMap((d) => (d.fixes ?? []).filter((f) => f.safe).flatMap((f) => f.edits)));
}

/** Offsets of each line's start, with VS Code's line breaks (CRLF, LF, lone CR). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) starts.push(i + 1);
  }
  return starts;
}

/** Applies non-overlapping edits to a text, as the editor would; throws on overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const offset = (p: Position) => {
    const line = Math.min(Math.max(p.line, 0), starts.length - 1);
    const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
    let end = lineEnd;
    while (end > starts[line] && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
    return Math.min(starts[line] + Math.max(p.character, 0), end);
  };
  const spans = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < spans.length; i++) if (spans[i].start < spans[i - 1].end) throw new Error('applyEdits: overlapping edits');
  let out = '';
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + s.text;
    at = s.end;
  }
  return out + text.slice(at);
}


