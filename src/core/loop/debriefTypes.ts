/**
 * The debrief's data model (issue 21): the shapes `debriefReport` makes, in a module of types alone,
 * so that the debrief page's webview can name them without bundling or type-checking the core that
 * makes them.
 */
import type { Unreadable } from '../calibration/types';
import type { EvidenceCounts } from '../notes/evidence';
import type { NotePolarity } from '../notes/parse';

/** Where a panelist's feedback stands: `due` (none yet; only in `missing`), written, submitted, or changed after it was submitted. */
export type FeedbackState = 'due' | 'written' | 'submitted' | 'edited after submit';

/** A note tagged to a dimension, as the debrief shows it beside the score. */
export interface DebriefNote {
  /** 0-based line of the note in its feedback file (to open it there). */
  line: number;
  /** The time as written (`[12:30]`), or null. */
  time: string | null;
  /** The phase sub-heading it is under, or null. */
  phase: string | null;
  /** The signs of its tags to this dimension, in order (`+scale -scale` gives plus, minus). */
  polarities: NotePolarity[];
  text: string;
}

/** One panelist's feedback: a calibration row with its state and evidence. */
export interface DebriefFeedback {
  file: string;
  index: number;
  /** 0-based line of its scores heading. */
  line: number;
  interviewer: string;
  date: string | null;
  problem: string | null;
  scores: Record<string, number | null>;
  weightedScore: number | null;
  band: string | null;
  recommendation: string | null;
  /** Every dimension holds a valid score: it enters the figures. */
  counted: boolean;
  submitted: string | null;
  editedAfterSubmit: boolean;
  state: Exclude<FeedbackState, 'due'>;
  /** The tag counts of its notes per rubric dimension (zeros where none; as `notes.byDimension` of the checker's JSON). */
  evidence: Record<string, EvidenceCounts>;
  /** Its notes tagged to each rubric dimension, in document order (none when the rows were read with the counts alone). */
  notes: Record<string, readonly DebriefNote[]>;
  /** The focus of its interviewer's interview in the loop; [] when the loop has none for them (or there is no loop). */
  focus: string[];
}

/** A loop interview with no feedback among the candidate's. */
export interface DebriefMissing {
  interviewer: string;
  /** The loop's problem id. */
  problem: string;
  /** Its title in the loop's kit; the id when the kit does not know it. */
  problemTitle: string;
  date: string;
  focus: string[];
}

/** One rubric dimension over the counted feedbacks. */
export interface DebriefDimension {
  id: string;
  name: string;
  n: number;
  mean: number | null;
  min: number | null;
  max: number | null;
  /** max − min; null when n is 0. */
  spread: number | null;
  /** spread ≥ the loop's `disagreement`. */
  disagreement: boolean;
  /** How many of the loop's interviews have the dimension in their focus (0 without a loop). */
  focus: number;
}

/** A loop interview whose problem the candidate already had before the loop's day. */
export interface DebriefRepeat {
  /** The loop's problem id. */
  problem: string;
  /** Its title in the loop's kit; the id when the kit does not know it. */
  problemTitle: string;
  interviewer: string;
  earlier: { file: string; date: string }[];
}

/** A dimension in the focus of fewer interviews than the loop's `minCoverage`. */
export interface DebriefCoverage {
  dimension: string;
  focus: number;
  required: number;
}

/** One candidate's debrief. */
export interface Debrief {
  /** The name as the loop writes it, else as its first feedback does (white space collapsed), and its key. */
  candidate: string;
  candidateKey: string;
  /** The loop file, or null. */
  loop: string | null;
  /** The rubric key of the feedbacks (the loop kit's when there is none); null when unknown. */
  rubric: string | null;
  feedbacks: DebriefFeedback[];
  missing: DebriefMissing[];
  dimensions: DebriefDimension[];
  combined: { n: number; weightedScore: number | null; band: string | null };
  /** The counted feedbacks' checked recommendations by band id (every band of the rubric, zeros included). */
  recommendations: Record<string, number>;
  repeats: DebriefRepeat[];
  coverage: DebriefCoverage[];
  /** The loop's day; without a loop, the first feedback's date (null without one). */
  date: string | null;
  /** The loop's settings (its own, else its kit's, else the defaults); `minCoverage` null without a loop. */
  minCoverage: number | null;
  disagreement: number;
  /** The rubric's bands, highest first, for labels (empty when the rubric is unknown). */
  bands: { id: string; label: string }[];
  /** The notes' text was left out (`--anonymise`): only the evidence counts remain. */
  notesWithheld: boolean;
}

/** Every candidate's debrief, and the files (feedback or loop) that could not be read. */
export interface DebriefReport {
  candidates: Debrief[];
  unreadable: Unreadable[];
}
