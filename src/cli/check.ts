/**
 * The checker's work on one feedback text, shared by the command line and the GitHub Action: the
 * rubric the text records (else the workspace kit's, else the built-in one), the feedback core's
 * checks with it, and what the outputs need of the result.
 */
import type { Dimension } from '../core/content';
import {
  compileRubric,
  kitTemplateSpec,
  validateFeedback,
  type CompiledRubric,
  type FeedbackDiagnostic,
  type FeedbackOptions,
  type FeedbackValidation,
} from '../core/feedback';
import { rubricRecordLine } from '../core/kit/record';
import { resolveRubric } from '../core/kit/rubricSource';
import type { KitRubric, LoadedKit } from '../core/kit/types';

/** What one run checks against: the loaded kits, the workspace kit (`--kit`) and the checks' options. Its owner creates one per run; it compiles each rubric once. */
export interface CheckRun {
  kits: readonly LoadedKit[];
  workspaceKit: LoadedKit | undefined;
  options: FeedbackOptions;
  compiled: Map<KitRubric, CompiledRubric>;
}

/** A run over these kits; `today` is the local date the date checks compare with. */
export function checkRun(kits: readonly LoadedKit[], workspaceKit: LoadedKit | undefined, options: { allowHalfPoints: boolean; today: string }): CheckRun {
  return { kits, workspaceKit, options, compiled: new Map() };
}

/** One text checked: every diagnostic, the validation when its rubric is known, and that rubric (to check the text again after a fix). */
export interface TextCheck {
  diagnostics: FeedbackDiagnostic[];
  validation?: FeedbackValidation;
  rubric?: CompiledRubric;
  /** The dimensions of the rubric the text was checked against (none when it is unknown). */
  dimensions: readonly Dimension[];
  /** The rubric resolution's own warning (`rubric-changed`), kept ahead of the checks' diagnostics. */
  warning?: FeedbackDiagnostic;
  /** The record line of the rubric the text was checked against: what Submit writes into a file that has none. */
  recordLine?: string;
}

/** Checks a feedback text (without its byte-order mark) with the rubric it resolves to. */
export function checkText(run: CheckRun, text: string): TextCheck {
  const resolution = resolveRubric(text, run.kits, run.workspaceKit);
  if (resolution.error) return { diagnostics: [resolution.error], dimensions: [] };
  let rubric = run.compiled.get(resolution.rubric);
  if (!rubric) run.compiled.set(resolution.rubric, (rubric = compileRubric(resolution.rubric.rubric, kitTemplateSpec(resolution.kit))));
  const recordLine = rubricRecordLine(resolution.kit.id, resolution.rubric);
  return withValidation({ rubric, dimensions: resolution.rubric.rubric.dimensions, warning: resolution.warning, recordLine }, validateFeedback(text, rubric, run.options));
}

/** The same check of a changed text (after `--fix`), with the rubric already resolved. */
export function checkAgain(run: CheckRun, previous: TextCheck, text: string): TextCheck {
  return previous.rubric ? withValidation(previous, validateFeedback(text, previous.rubric, run.options)) : previous;
}

function withValidation(c: Pick<TextCheck, 'rubric' | 'dimensions' | 'warning' | 'recordLine'>, v: FeedbackValidation): TextCheck {
  return { ...c, validation: v, diagnostics: c.warning ? [c.warning, ...v.diagnostics] : v.diagnostics };
}

/** A diagnostic as the checker's text output prints it: `file:line:column severity code message`, 1-based. */
export function diagnosticLine(file: string, d: FeedbackDiagnostic): string {
  return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`;
}

/**
 * Whether a file found in a folder is feedback to report on: it has a scores heading, or it records a
 * rubric this run does not know (a record line is written only into feedback). Files named on the
 * command line are checked whatever this says.
 */
export function isFeedback(c: TextCheck): boolean {
  return c.validation ? c.validation.feedbacks.some((f) => f.scoresHeading !== undefined) : true;
}
