/**
 * The shapes of an interview loop: a candidate's interviews planned in a `*.loop.yaml` file, and
 * the findings its checks make. Plain data.
 */
import type { KitRange } from '../kit/types';

/** One interview of a loop. */
export interface LoopInterview {
  interviewer: string;
  /** A problem id of the loop's kit. */
  problem: string;
  /** Rubric dimension ids this interview must assess (at least one). */
  focus: string[];
  /** `YYYY-MM-DD`; the loop's date when the file gives none. */
  date: string;
}

/** A loop file, as read (defaults not yet applied: `minCoverage` and `disagreement` come from the kit). */
export interface LoopPlan {
  candidate: string;
  /** `YYYY-MM-DD`: the loop's day. */
  date: string;
  /** A kit id; undefined for the workspace's kit, else the built-in guide. */
  kit?: string;
  minCoverage?: number;
  disagreement?: number;
  interviews: LoopInterview[];
}

/** The kinds of loop findings (each has a section in `docs/diagnostics.md`). */
export type LoopIssueCode =
  | 'loop-invalid'
  | 'loop-yaml-syntax'
  | 'loop-kit-unknown'
  | 'loop-problem-unknown'
  | 'loop-dimension-unknown'
  | 'loop-interviewer-repeat'
  | 'loop-coverage'
  | 'loop-problem-repeat';

/** One finding in a loop file, at its YAML position. */
export interface LoopIssue {
  code: LoopIssueCode;
  /** Where in the file; undefined when the file could not be parsed at all. */
  range?: KitRange;
  /** The field path, e.g. `interviews[1].problem`; '' for the whole file. */
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/** An earlier feedback, as `loop-problem-repeat` compares it: a calibration row's fields. */
export interface LoopHistoryEntry {
  file: string;
  candidateKey: string;
  date: string | null;
  problem: string | null;
}
