/**
 * The data shapes of the calibration report. `CalibrationReport` is exactly what
 * `sdi-feedback --report --json` prints (issue 9's JSON contract, with a few extra fields).
 */
import type { CompiledRubric } from '../feedback/compiled';
import type { FeedbackDiagnostic } from '../feedback/types';
import type { EvidenceCounts } from '../notes/evidence';
import type { InterviewNote } from '../notes/parse';

/** One feedback of a file: one scores block (a file holding several feedbacks gives one row each). */
export interface CalibrationRow {
  /** The path as given (CLI) or workspace-relative (editor). */
  file: string;
  /** Which feedback in the file (0-based). */
  index: number;
  /** 0-based line of its scores heading (to open the file at its scores block). */
  line: number;
  /** The Candidate field as written ('' when empty or a placeholder), and its normalised form. */
  candidate: string;
  candidateKey: string;
  /** The Interviewer field as written ('' when empty or a placeholder). */
  interviewer: string;
  /** The Date field when it is a real `YYYY-MM-DD` date, else null. */
  date: string | null;
  /** The Problem Used field, null when empty or a placeholder. */
  problem: string | null;
  /** A `Level` field, when the template has one; null otherwise. */
  level: string | null;
  /** Kit id + rubric version (`builtin@1`): statistics never mix rows of different keys. */
  rubricKey: string;
  /** Every rubric dimension's valid score, or null (missing, unfilled, invalid). */
  scores: Record<string, number | null>;
  /** Null unless every dimension holds a valid score: only such rows are counted. */
  weightedScore: number | null;
  band: string | null;
  /** The checked recommendation (a band id); null when none or several. */
  recommendation: string | null;
  /** Diagnostics of this feedback (of the file when it holds one feedback) by severity. */
  errors: number;
  warnings: number;
  /** When the feedback was submitted (the record line's `submitted=`, a UTC ISO time); null when it was not. */
  submitted: string | null;
  /** The feedback changed after it was submitted (its digest no longer matches). */
  editedAfterSubmit: boolean;
  /** The evidence of the feedback's interview notes per rubric dimension; only in rows read with `evidence` (the debrief's). */
  evidence?: RowEvidence;
}

/** A feedback's evidence per rubric dimension: its notes' tag counts, and the notes themselves when read with `evidence: 'notes'`. */
export type RowEvidence = Record<string, EvidenceCounts & { notes?: InterviewNote[] }>;

/**
 * A row of the report: the row, with the candidate it was chained to. The seal's fields and the
 * evidence are not part of the report's JSON (issue 9's contract).
 */
export interface ReportRow extends Omit<CalibrationRow, 'submitted' | 'editedAfterSubmit' | 'evidence'> {
  /** The candidate (see "Same candidate") as an index into the rubric group's candidates; null when the row is not counted. */
  candidateId: number | null;
  /** Whether the row enters the statistics (its weighted score is a number). */
  counted: boolean;
}

/** A file that could not be read or resolved, with its first error. */
export interface Unreadable {
  file: string;
  error: string;
}

export interface CalibrationOptions {
  /** Same candidate: dates chain with gaps of at most this many days (default 14). */
  windowDays: number;
  /** Below this n, offsets (and placements) show "not enough data" (default 5). */
  minN: number;
  /** How many of the most recent feedbacks of a problem `placement` compares with (default 50). */
  recent?: number;
  /** Dimension names, weights and scale per rubric key (from `feedbackRows`' `rubric`); without them dimensions show their ids. */
  rubrics?: Readonly<Record<string, RubricInfo>>;
}

/** What the report shows of a rubric: its dimensions in order and its scale. */
export interface RubricInfo {
  key: string;
  dimensions: { id: string; name: string; weight: number }[];
  scale: { min: number; max: number };
  /** Band ids, labels and lower bounds (null for the lowest band), highest first. */
  bands: { id: string; label: string; min: number | null }[];
}

export const DEFAULT_CALIBRATION_OPTIONS: Readonly<Omit<Required<CalibrationOptions>, 'rubrics'>> = { windowDays: 14, minN: 5, recent: 50 };

/** The rubric a feedback text is read with, or why none can be. */
export type ResolvedRubric =
  | { rubric: CompiledRubric; rubricKey: string; allowHalfPoints?: boolean; warning?: FeedbackDiagnostic; error?: undefined }
  /**
   * No rubric applies. `notFeedback`: the text would not have been read anyway (no record line, no
   * scores heading while the kit's rubric does not load): no rows, and no file not read.
   */
  | { error: string; rubric?: undefined; notFeedback?: boolean };

/** Picks the rubric of a document as the CLI and the editor do (see `kitRubricResolver`). */
export type RubricResolver = (text: string) => ResolvedRubric;

export interface InterviewerStats {
  /** The first spelling seen (in row order: file path, then index). */
  name: string;
  /** The normalised name the rows are grouped by. */
  key: string;
  /** Counted rows. */
  n: number;
  /** Every row, counted or not. */
  rows: number;
  meanWeighted: number | null;
  /** Mean of (row's weighted − mean of the other interviewers' rows for that candidate); null when offsetN is 0. */
  offset: number | null;
  offsetN: number;
  /** offsetN reaches the option's minN: below it the report shows "not enough data". */
  enoughData: boolean;
  /** All dimension scores of the counted rows, by score ("1".."4"). */
  counts: Record<string, number>;
  /** Counted rows by band id. */
  bands: Record<string, number>;
  /** Share (0–1) of counted rows with a recommendation whose recommendation differs from the band; null when none has one. */
  recommendationDiffers: number | null;
}

export interface DimensionStats {
  id: string;
  name: string;
  /** The weight in percent; null when the rubric is not known to the report. */
  weight: number | null;
  /** Counted rows. */
  n: number;
  mean: number | null;
  /** Scores by value, every scale value present ("1".."4", half points when some occur). */
  counts: Record<string, number>;
}

export interface ProblemStats {
  /** The first spelling seen. */
  title: string;
  key: string;
  n: number;
  meanWeighted: number | null;
  /** Counted rows by band id. */
  bands: Record<string, number>;
  /** Weighted scores by half-point bin ("3.0" holds 3.00–3.49). */
  distribution: Record<string, number>;
}

export interface AgreementStats {
  /** (candidate, dimension) units rated by two or more different interviewers. */
  units: number;
  /** Pairs of ratings of a unit by different interviewers. */
  pairs: number;
  /** Fractions 0–1 of those pairs; null without pairs. */
  exact: number | null;
  withinOne: number | null;
  /** Krippendorff's alpha over the units; null with fewer than two units or no variation. */
  alphaOrdinal: number | null;
  alphaNominal: number | null;
  alphaInterval: number | null;
}

/** The figures of one rubric (kit and version). */
export interface CalibrationGroup {
  rubric: string;
  /** Rows of this rubric (counted or not). */
  rowCount: number;
  /** Counted rows. */
  counted: number;
  candidates: number;
  interviewers: InterviewerStats[];
  dimensions: DimensionStats[];
  problems: ProblemStats[];
  agreement: AgreementStats;
}

/** The report: `sdi-feedback --report --json` prints exactly this object. */
export interface CalibrationReport {
  /** Files read (feedback documents and unreadable ones). */
  files: number;
  unreadable: Unreadable[];
  /** Every row, sorted by file then index. */
  rows: ReportRow[];
  /** The rubric of the top-level figures: the one with the most rows (null without rows). */
  rubric: string | null;
  options: { windowDays: number; minN: number; recent: number };
  candidates: number;
  interviewers: InterviewerStats[];
  dimensions: DimensionStats[];
  problems: ProblemStats[];
  agreement: AgreementStats;
  /** One per rubric key, most rows first (the first is the top level's). */
  groups: CalibrationGroup[];
}

/** Where a feedback stands, for the Calibration Notes CodeLens. */
export interface Placement {
  /** Percentile (0–100) of its weighted score among the last `n` feedbacks of the same problem and level: below + half the ties; null when it is not counted or n is 0. */
  percentile: number | null;
  n: number;
  /** The interviewer's offset (raw; compare offsetN with the report's minN before showing it). */
  offset: number | null;
  offsetN: number;
}

export type AlphaMetric = 'nominal' | 'ordinal' | 'interval';
