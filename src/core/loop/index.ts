/** Interview loops: a candidate's interviews planned in a `*.loop.yaml` file, and their checks. */
export * from './types';
export { LOOP_ISSUE_CODES, LOOP_ISSUE_CODE_LIST } from './codes';
export { readLoop, loopCandidate, MAX_LOOP_SIZE, MAX_LOOP_INTERVIEWS, type LoopFile } from './read';
export { planLoop, loopText, type LoopRequest, type PlannedLoop } from './plan';
export { checkLoop, earlierFeedback, loopIssues, loopKit, loopSettings, namesProblem, LOOP_DEFAULTS, type LoopKit } from './check';
export {
  debriefReport,
  debriefJson,
  unreadLoopsOf,
  type Debrief,
  type DebriefCoverage,
  type DebriefDimension,
  type DebriefFeedback,
  type DebriefInput,
  type DebriefMissing,
  type DebriefNote,
  type DebriefOptions,
  type DebriefRepeat,
  type DebriefReport,
  type FeedbackState,
} from './debrief';
export { debriefMarkdown, debriefReportMarkdown, debriefText, disagreementsFirst } from './debriefSummary';
export { anonymiseDebrief } from './anonymise';
export {
  interviewFeedback, feedbackState, loopProgress, isFeedbackDue, loopStage, loopsByStage, feedbackStateText, loopInterviewLabel, loopSummaryText, submittedText, LOOP_STAGES,
  type LoopFeedbackRow, type FeedbackStateKind, type InterviewProgress, type LoopStage,
} from './progress';
export { loopRecordLine, readLoopRecord, type LoopRecord } from './record';
