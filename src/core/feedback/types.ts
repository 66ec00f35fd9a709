/**
 * Plain data shapes of the feedback checker: positions, ranges and edits shaped like
 * VS Code's (0-based lines, UTF-16 characters) so the editor maps them one to one,
 * but with no dependency on `vscode`.
 */
import type { BandId } from '../content';
import type { CompiledRubric } from './compiled';
import type { TemplateSpec } from './template';
import type { ParsedFeedback, ParsedScoreLine } from './parsed';
import type { Range } from '../range';
import type { EvidenceSummary } from '../notes/evidence';
import type { ParsedNotes } from '../notes/parse';

export type { Position, Range } from '../range';
export type { CheckboxGroupId, CheckboxGroupKind, ParsedCheckbox, ParsedCheckboxGroup, ParsedFeedback, ParsedFeedbackPart, ParsedField, ParsedScoreLine, TemplateFieldRole } from './parsed';

/** Replace `range` with `newText`, as in `vscode.TextEdit`. Edits of one fix never overlap. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** How serious a diagnostic is; maps to `vscode.DiagnosticSeverity`. */
export type FeedbackSeverity = 'error' | 'warning' | 'information';

/** Every stable diagnostic code; `FEEDBACK_CODES` documents each. */
export type FeedbackCode =
  | 'scores-block-missing'
  | 'scores-block-duplicate'
  | 'score-missing'
  | 'score-duplicate'
  | 'score-invalid'
  | 'score-scale-mismatch'
  | 'weight-mismatch'
  | 'dimension-unknown'
  | 'score-unfilled'
  | 'weighted-score-stale'
  | 'recommendation-multiple'
  | 'recommendation-mismatch'
  | 'recommendation-missing'
  | 'band-borderline'
  | 'checkbox-multiple'
  | 'top-band-only-checked'
  | 'field-unfilled'
  | 'date-invalid'
  | 'date-future'
  | 'experience-below-bar'
  | 'rubric-unknown'
  | 'kit-rubric-invalid'
  | 'rubric-changed'
  | 'score-without-evidence'
  | 'unknown-note-tag'
  | 'feedback-edited-after-submit';

/** One way to repair a diagnostic: a titled set of non-overlapping edits. */
export interface FeedbackFix {
  /** What the quick fix is called in the editor, e.g. "Write weighted score 3.15 / 4.0". */
  title: string;
  edits: TextEdit[];
  /** True when the fix is the obvious one (VS Code's `isPreferred`). */
  preferred: boolean;
  /** True when `fixAll` may apply it without asking: it only restores what the rubric dictates. */
  safe: boolean;
}

/** One finding in a feedback document. */
export interface FeedbackDiagnostic {
  code: FeedbackCode;
  severity: FeedbackSeverity;
  message: string;
  /** The exact text at fault: the score value, the checkbox, the weighted value, the placeholder. */
  range: Range;
  /** Quick fixes, when there are any. */
  fixes?: FeedbackFix[];
  /** Where the cause lies in another file (a kit file's error), shown as the diagnostic's related information. */
  related?: FeedbackRelated[];
}

/** A place in another file a diagnostic points at. */
export interface FeedbackRelated {
  /** The file's path (a kit file: the kit folder's path and the file's, `/`-joined). */
  path: string;
  /** Where in the file; undefined for the whole file. */
  range?: Range;
  message: string;
}

/** Options of the checks. */
export interface FeedbackOptions {
  /** The template the document is read with, when the rubric is passed uncompiled. Default: the built-in template. */
  spec?: TemplateSpec;
  /** Severities other than the documented ones, per code ('off' drops the code): a kit's choice. */
  severities?: Partial<Record<FeedbackCode, FeedbackSeverity | 'off'>>;
  /** Accept scores in steps of 0.5 (`sdi.scores.allowHalfPoints`). Default false. */
  allowHalfPoints?: boolean;
  /** Today's local date as `YYYY-MM-DD` (or a `Date`, read in local time); enables `date-future`. Omitted: no future check. */
  today?: string | Date;
  /**
   * Read the interview notes (the `## Interview Notes` section) as evidence: the validation gets
   * `notes`, and `score-without-evidence` and `unknown-note-tag` are checked. Default false: the
   * notes section is ignored altogether (the CLI's output does not depend on it).
   */
  notes?: boolean;
}

/** How one rubric dimension is scored in a feedback. */
export interface DimensionScore {
  /** The rubric dimension's id. */
  dimension: string;
  /** The score line read for it (the first when there are several); undefined when missing. */
  line?: ParsedScoreLine;
  /** The valid score, or null when missing, unfilled or invalid. */
  score: number | null;
  status: 'scored' | 'unfilled' | 'invalid' | 'missing';
}

/** The computed result of one feedback (one scores block). */
export interface FeedbackSummary {
  /** The scores heading's range (for a CodeLens); undefined when there is no block. */
  scoresHeading?: Range;
  /** Number of rubric dimensions holding a valid score. */
  scored: number;
  /** Number of rubric dimensions. */
  dimensions: number;
  /** Exact weighted score, or null unless every dimension holds a valid score. */
  weightedScore: number | null;
  /** The weighted score as written in the document: two decimals and the scale, e.g. "3.15 / 4.0"; null with `weightedScore`. */
  weightedScoreText: string | null;
  /** The band the weighted score falls in; null with `weightedScore`. */
  band: BandId | null;
  /** The checked recommendation; null when none or several are checked. */
  recommendation: BandId | null;
  /** The score lies in a gap between printed bands: `band` and the band above are both accepted. */
  borderline: boolean;
  /** Recommendations consistent with the score: `[band]`, or `[band, band above]` when borderline; [] without a score. */
  acceptedRecommendations: BandId[];
  /** Per rubric dimension, in rubric order. */
  scores: DimensionScore[];
}

/** The result of `validateFeedback`: the first feedback's summary, every feedback's own summary, and all diagnostics. */
export interface FeedbackValidation extends FeedbackSummary {
  /** One summary per scores block (the top-level fields repeat the first). */
  feedbacks: FeedbackSummary[];
  /** Every diagnostic, in document order. */
  diagnostics: FeedbackDiagnostic[];
  /** The parse the diagnostics were computed from (for hovers, completions, CodeLens). */
  document: ParsedFeedback;
  /** The compiled rubric (and template) the document was checked with. */
  rubric: CompiledRubric;
  /** The interview notes read with the rubric's tags, and each feedback's evidence; only with `FeedbackOptions.notes`. */
  notes?: FeedbackNotes;
}

/** A document's interview notes as evidence for its feedbacks. */
export interface FeedbackNotes {
  /** The notes sections and notes, their tags read with the rubric's dimensions (`tag`, else id). */
  parsed: ParsedNotes;
  /** Per feedback (as `feedbacks`): the evidence of the notes that belong to it (those after its start and before the next feedback's). */
  evidence: EvidenceSummary[];
}
