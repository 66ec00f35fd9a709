/**
 * The extension's settings (`sdi.*`, declared in package.json), each read with its default in one
 * place. The only module that calls `getConfiguration('sdi…')`.
 */
import * as path from 'path';
import * as vscode from 'vscode';

/** `sdi.kit.folder`'s default: the workspace kit's folder. */
export const DEFAULT_KIT_FOLDER = '.interview-kit';
/** `sdi.feedback.folder`'s default: where New Feedback writes. */
export const DEFAULT_FEEDBACK_FOLDER = 'interview-feedback';
/** `sdi.feedback.glob`'s default: which Markdown files are feedback. */
export const DEFAULT_FEEDBACK_GLOB = '**/interview-feedback/**/*.md';
/** `sdi.timer.warningMinutes`'s default. */
export const DEFAULT_WARNING_MINUTES = 2;

type Scope = vscode.ConfigurationScope | undefined;

/** The settings the feedback checks read, for one document's folder. */
export interface FeedbackSettings {
  glob: string;
  allowHalfPoints: boolean;
  updateWeightedScoreOnSave: boolean;
  /** `sdi.feedback.evidence`: report `score-without-evidence`. */
  evidence: boolean;
}

/** `sdi.feedback.glob`, `sdi.scores.allowHalfPoints`, `sdi.feedback.updateWeightedScoreOnSave`, `sdi.feedback.evidence`. */
export function readFeedbackSettings(scope: Scope): FeedbackSettings {
  const c = vscode.workspace.getConfiguration('sdi', scope);
  return {
    glob: c.get<string>('feedback.glob', DEFAULT_FEEDBACK_GLOB),
    allowHalfPoints: c.get<boolean>('scores.allowHalfPoints', false),
    updateWeightedScoreOnSave: c.get<boolean>('feedback.updateWeightedScoreOnSave', true),
    evidence: c.get<boolean>('feedback.evidence', true),
  };
}

/** `sdi.feedback.interviewer`, trimmed; undefined when unset or blank. */
export function readFeedbackInterviewer(scope: Scope): string | undefined {
  return vscode.workspace.getConfiguration('sdi.feedback', scope).get<string>('interviewer')?.trim() || undefined;
}

/** `sdi.feedback.folder`, trimmed, else its default (relative to the workspace folder, or absolute). */
export function readFeedbackFolder(scope: Scope): string {
  return vscode.workspace.getConfiguration('sdi.feedback', scope).get<string>('folder')?.trim() || DEFAULT_FEEDBACK_FOLDER;
}

/** `sdi.kit.folder`, trimmed, else its default (relative to the workspace folder, or absolute). */
export function readKitFolder(scope: Scope): string {
  return vscode.workspace.getConfiguration('sdi.kit', scope).get<string>('folder')?.trim() || DEFAULT_KIT_FOLDER;
}

/** The kit folder of a workspace folder (absolute), whether or not it exists. */
export function kitDirOf(folder: vscode.WorkspaceFolder): string {
  return path.resolve(folder.uri.fsPath, readKitFolder(folder.uri));
}

/** `sdi.timer.*`. */
export interface TimerSettings {
  phases: unknown;
  notifications: boolean;
  warningMinutes: number;
  autoAdvance: boolean;
}

/** Reads `sdi.timer.*`; a warning lead that is not a non-negative number gives the default. */
export function readTimerSettings(): TimerSettings {
  const c = vscode.workspace.getConfiguration('sdi.timer');
  const warning = c.get<number>('warningMinutes', DEFAULT_WARNING_MINUTES);
  return {
    phases: c.get<unknown>('phases'),
    notifications: c.get<boolean>('notifications', true),
    warningMinutes: typeof warning === 'number' && Number.isFinite(warning) && warning >= 0 ? warning : DEFAULT_WARNING_MINUTES,
    autoAdvance: c.get<boolean>('autoAdvance', false),
  };
}

/** `sdi.calibration.*`: the calibration report's options. */
export interface CalibrationSettings {
  /** Below this many rows, an interviewer's offset shows "not enough data". */
  minN: number;
  /** Same candidate: feedback dates chain with gaps of at most this many days. */
  windowDays: number;
}

/** Reads `sdi.calibration.*` for a scope; a value that is not a non-negative whole number gives its default. */
export function readCalibrationSettings(scope?: Scope): CalibrationSettings {
  const c = vscode.workspace.getConfiguration('sdi.calibration', scope);
  const whole = (v: unknown, d: number) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : d);
  return { minN: whole(c.get<number>('minN'), 5), windowDays: whole(c.get<number>('windowDays'), 14) };
}

/** `sdi.notes.askCandidate`: whether Start Interview asks for the candidate's name (and creates their feedback file at once). */
export function readNotesAskCandidate(): boolean {
  return vscode.workspace.getConfiguration('sdi.notes').get<boolean>('askCandidate', true) !== false;
}

/** `sdi.debrief.blind`: whether a loop's panelist sees the others' feedback only after submitting their own (default true). */
export function readDebriefBlind(scope: Scope): boolean {
  return vscode.workspace.getConfiguration('sdi.debrief', scope).get<boolean>('blind', true) !== false;
}
