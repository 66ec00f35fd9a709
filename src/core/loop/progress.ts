/**
 * Where a loop stands (issue 21, "Feedback due"): the feedback each interview found among the
 * workspace's feedback rows, its state, the loop's stage by date, and the interviews whose feedback
 * is due. Plain data in, plain data out; "today" is given.
 */
import { compareText, dayNumber } from '../calibration/report';
import type { CalibrationRow } from '../calibration/types';
import { normalizeKey } from '../personName';
import type { LoopInterview, LoopPlan } from './types';

/** What the state of an interview's feedback reads of a calibration row. */
export type LoopFeedbackRow = Pick<CalibrationRow, 'file' | 'index' | 'candidateKey' | 'interviewer' | 'date' | 'weightedScore' | 'band' | 'submitted' | 'editedAfterSubmit'>;

/**
 * The state of an interview's feedback: `upcoming` (none yet, the interview is after today), `due`
 * (none, the interview is today or past), `written` (not submitted), `submitted`, or `edited`
 * (changed after it was submitted).
 */
export type FeedbackStateKind = 'upcoming' | 'due' | 'written' | 'submitted' | 'edited';

/** One interview of a loop with its feedback, when one was found. */
export interface InterviewProgress<R extends LoopFeedbackRow = LoopFeedbackRow> {
  /** Its place in the loop's `interviews`. */
  index: number;
  interview: LoopInterview;
  state: FeedbackStateKind;
  feedback?: R;
}

/** A loop's stage, as the Loops group sorts it. */
export type LoopStage = 'upcoming' | 'today' | 'due' | 'complete';

/** The stages in the order the Loops group shows them, with their headings. */
export const LOOP_STAGES: readonly { stage: LoopStage; label: string }[] = [
  { stage: 'upcoming', label: 'Upcoming' },
  { stage: 'today', label: 'Today' },
  { stage: 'due', label: 'Feedback due' },
  { stage: 'complete', label: 'Complete' },
];

/**
 * The feedback of a loop interview: a row whose candidate and interviewer name keys are the loop's
 * and the interview's, dated within `windowDays` of the interview's date (the report's rule for the
 * same candidate). Of several, the one dated closest, then the first in the rows' order.
 */
export function interviewFeedback<R extends LoopFeedbackRow>(candidate: string, interview: LoopInterview, rows: readonly R[], windowDays: number): R | undefined {
  const candidateKey = normalizeKey(candidate);
  const interviewerKey = normalizeKey(interview.interviewer);
  const day = dayNumber(interview.date);
  let best: R | undefined;
  let bestGap = Infinity;
  for (const r of rows) {
    if (r.date === null || r.candidateKey !== candidateKey || normalizeKey(r.interviewer) !== interviewerKey) continue;
    const gap = Math.abs(dayNumber(r.date) - day);
    if (gap <= windowDays && gap < bestGap) {
      best = r;
      bestGap = gap;
    }
  }
  return best;
}

/** The state of an interview's feedback (`feedback` as `interviewFeedback` found it) on the day `today` (`YYYY-MM-DD`). */
export function feedbackState(interview: Pick<LoopInterview, 'date'>, feedback: LoopFeedbackRow | undefined, today: string): FeedbackStateKind {
  if (!feedback) return interview.date > today ? 'upcoming' : 'due';
  return submissionState(feedback);
}

/** Where a written feedback stands: not submitted, submitted, or changed since it was submitted. */
export function submissionState(row: Pick<LoopFeedbackRow, 'submitted' | 'editedAfterSubmit'>): 'written' | 'submitted' | 'edited' {
  if (row.editedAfterSubmit) return 'edited';
  return row.submitted !== null ? 'submitted' : 'written';
}

/** Every interview of a loop with its feedback and state. */
export function loopProgress<R extends LoopFeedbackRow>(plan: LoopPlan, rows: readonly R[], windowDays: number, today: string): InterviewProgress<R>[] {
  return plan.interviews.map((interview, index) => {
    const feedback = interviewFeedback(plan.candidate, interview, rows, windowDays);
    return { index, interview, state: feedbackState(interview, feedback, today), ...(feedback ? { feedback } : {}) };
  });
}

/** Whether an interview's feedback is due: it was before today and has no submitted feedback. */
export function isFeedbackDue(p: Pick<InterviewProgress, 'interview' | 'feedback'>, today: string): boolean {
  return p.interview.date < today && (p.feedback?.submitted ?? null) === null;
}

/**
 * A loop's stage: `complete` when every interview's feedback is submitted (and not edited since),
 * else `due` when an interview before today has no submitted feedback, else `today` when an
 * interview is today, else `upcoming`.
 */
export function loopStage(progress: readonly InterviewProgress[], today: string): LoopStage {
  if (progress.every((p) => p.state === 'submitted')) return 'complete';
  if (progress.some((p) => isFeedbackDue(p, today))) return 'due';
  if (progress.some((p) => p.interview.date === today)) return 'today';
  return 'upcoming';
}

/**
 * Loops grouped by stage in `LOOP_STAGES` order (stages without loops left out): by date, then
 * candidate; complete loops most recent first.
 */
export function loopsByStage<L extends { plan: Pick<LoopPlan, 'date' | 'candidate'>; stage: LoopStage }>(loops: readonly L[]): { stage: LoopStage; label: string; loops: L[] }[] {
  const order = (a: L, b: L) => compareText(a.plan.date, b.plan.date) || compareText(normalizeKey(a.plan.candidate), normalizeKey(b.plan.candidate));
  return LOOP_STAGES.map(({ stage, label }) => {
    const of = loops.filter((l) => l.stage === stage).sort(order);
    return { stage, label, loops: stage === 'complete' ? of.reverse() : of };
  }).filter((g) => g.loops.length > 0);
}

/**
 * What the Loops group says beside a loop's candidate, what the loop's stage makes matter first and
 * short enough to read whole in the sidebar at its default width: `1 due · 2026-12-04` (how many
 * interviews' feedback is due), `0/2 submitted` today, the loop's date when it is upcoming or complete
 * (the stage's heading says the rest; the tooltip lists each interview).
 */
export function loopSummaryText(stage: LoopStage, progress: readonly InterviewProgress[], date: string, today: string): string {
  switch (stage) {
    case 'due': return `${progress.filter((p) => isFeedbackDue(p, today)).length} due · ${date}`;
    case 'today': return submittedText(progress);
    default: return date;
  }
}

/** How many of a loop's interviews have submitted feedback: `1/3 submitted`. */
export function submittedText(progress: readonly Pick<InterviewProgress, 'state'>[]): string {
  return `${progress.filter((p) => p.state === 'submitted').length}/${progress.length} submitted`;
}

/**
 * What a loop interview's CodeLens says of its feedback: `due`, `written 3.15 · Hire`,
 * `submitted 3.15 · Hire`, `edited after submit`; `bandLabel` names a band id.
 */
export function feedbackStateText(p: Pick<InterviewProgress, 'state' | 'feedback' | 'interview'>, bandLabel: (band: string) => string | undefined): string {
  switch (p.state) {
    case 'upcoming': return `after the interview on ${p.interview.date}`;
    case 'due': return 'due';
    case 'edited': return 'edited after submit';
    default: {
      const f = p.feedback!;
      const score = f.weightedScore === null ? 'not scored yet' : f.weightedScore.toFixed(2);
      const band = f.band === null ? undefined : (bandLabel(f.band) ?? f.band);
      return `${p.state} ${band ? `${score} · ${band}` : score}`;
    }
  }
}

/** How Start Interview offers a loop interview: `Priya Raman · Rate Limiter · focus: Architecture, Scalability`. */
export function loopInterviewLabel(candidate: string, problemTitle: string, focusNames: readonly string[]): string {
  return `${candidate} · ${problemTitle} · focus: ${focusNames.join(', ')}`;
}
