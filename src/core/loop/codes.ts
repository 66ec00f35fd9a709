/**
 * The documented codes of loop findings. `docs/diagnostics.md` has a section for each;
 * `test/unit/docs.test.ts` keeps the two in step.
 */
import type { LoopIssueCode } from './types';

/** Every loop code with a one-line summary of when it is reported. */
export const LOOP_ISSUE_CODES: Readonly<Record<LoopIssueCode, string>> = {
  'loop-invalid': 'A field breaks the loop format (a required field missing, a date that is not `YYYY-MM-DD`, no interviews or more than 12); the message starts with the field path.',
  'loop-yaml-syntax': "The loop file does not parse as YAML (or is nested too deeply, or expands too many aliases); the message is the parser's own.",
  'loop-kit-unknown': 'The loop names a kit that is neither the workspace\'s kit nor the built-in guide.',
  'loop-problem-unknown': "An interview's problem is not a problem id of the loop's kit.",
  'loop-dimension-unknown': "A focus names a dimension the kit's rubric does not have.",
  'loop-interviewer-repeat': 'One interviewer has two interviews in the loop.',
  'loop-coverage': "A rubric dimension is in the focus of fewer interviews than `minCoverage` asks (one finding per dimension, on `interviews`).",
  'loop-problem-repeat': 'A problem is given twice in the loop, or the candidate already had it: an earlier feedback for them names it.',
};

/** The loop codes, in table order. */
export const LOOP_ISSUE_CODE_LIST = Object.keys(LOOP_ISSUE_CODES) as LoopIssueCode[];
