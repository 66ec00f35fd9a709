/**
 * Interview loops in the editor (issue 21): loop files checked while they are typed, New Loop, and
 * the loops in the editor's UI: the Loops group of the tree, `N feedback due` in the status bar, a
 * CodeLens per interview with its feedback's state, and Start Interview from a loop interview. The
 * format and its rules are in `src/core/loop`; the workspace's loops in `./loopIndex`.
 */
import * as vscode from 'vscode';
import type { CalibrationFeature } from '../calibration';
import { escapeIcons } from '../core/escape';
import { buildLoopsGroup } from '../core/guideTree';
import { loopInterviewLabel, loopsByStage, loopSummaryText, readLoopRecord } from '../core/loop';
import { normalizeKey } from '../core/personName';
import { codeDocUri } from '../feedback';
import type { FeedbackFeature, KitSource } from '../feedback';
import type { LoopInterviewOffer, TimerFeature } from '../timer';
import type { GuideTreeProvider } from '../tree/guideTreeProvider';
import { FeedbackDueStatusBar, LoopFeedback, LoopLensProvider, OPEN_FEEDBACK_DUE_COMMAND, OPEN_LOOP_FEEDBACK_COMMAND } from './loopFeedback';
import { LoopDiagnostics, type LoopHistorySource } from './loopDiagnostics';
import { LoopIndex, type LoopStatus } from './loopIndex';
import { registerNewLoop } from './newLoop';

export { LoopDiagnostics, LOOP_GLOB_DEFAULT, type LoopHistorySource } from './loopDiagnostics';
export { NEW_LOOP_COMMAND, LOOPS_FOLDER, type NewLoopArgs } from './newLoop';
export { LoopIndex, type IndexedLoop, type LoopStatus, type DueInterview, type UnreadLoop } from './loopIndex';
export { OPEN_LOOP_FEEDBACK_COMMAND, OPEN_FEEDBACK_DUE_COMMAND } from './loopFeedback';

/** The workspaceState key of the running interview's loop interview: `{ startedAt, loop, interview }`. */
export const LOOP_INTERVIEW_KEY = 'sdi.loops.interview';

/** The loop interview an interview was started from, tied to the timer's start time. */
interface LoopInterviewRecord {
  startedAt: number;
  /** The loop file's URI, as a string. */
  loop: string;
  interview: number;
}

/** The loop features: live checks, New Loop, and the loops in the tree, status bar, CodeLenses and Start Interview. */
export class LoopsFeature implements vscode.Disposable {
  readonly diagnostics: LoopDiagnostics;
  readonly index: LoopIndex;
  readonly feedback: LoopFeedback;
  readonly statusBar: FeedbackDueStatusBar;
  private readonly disposables: vscode.Disposable[];

  constructor(kits: KitSource, calibration: CalibrationFeature, feedback: FeedbackFeature, private readonly tree: GuideTreeProvider, private readonly memento: vscode.Memento) {
    const model = calibration.model;
    // The candidate's earlier feedback: the calibration model's rows of that candidate.
    const rows: LoopHistorySource = {
      history: (candidate) => (model.loaded ? model.rowsOf(new Set([normalizeKey(candidate)])) : []),
      ready: () => model.ready(),
      onDidChange: model.onDidChange,
    };
    this.diagnostics = new LoopDiagnostics(kits, rows, codeDocUri);
    this.index = new LoopIndex(kits, model);
    this.feedback = new LoopFeedback(this.index, model, feedback.scaffold);
    this.statusBar = new FeedbackDueStatusBar(this.index, this.feedback);
    feedback.noteTagCompletion.focusOf = (document) => this.focusOfFeedback(document.getText());
    this.disposables = [
      this.diagnostics, this.index, this.statusBar,
      registerNewLoop(kits, rows),
      this.index.onDidChange(() => this.showInTree()),
      vscode.languages.registerCodeLensProvider({ language: 'yaml' }, new LoopLensProvider(this.index, this.feedback)),
      vscode.commands.registerCommand(OPEN_LOOP_FEEDBACK_COMMAND, (loop: unknown, interview: unknown) => {
        const status = typeof loop === 'string' ? this.index.statusOf(vscode.Uri.parse(loop)) : undefined;
        const progress = typeof interview === 'number' ? status?.progress[interview] : undefined;
        return status && progress ? this.feedback.open(status, progress) : undefined;
      }),
      vscode.commands.registerCommand(OPEN_FEEDBACK_DUE_COMMAND, () => this.feedback.openDue()),
    ];
    this.showInTree();
  }

  /** Connects Start Interview to the loops: today's loop interviews offered first, their focus in the panel and the feedback file. */
  connectTimer(timer: TimerFeature): void {
    const { hooks, service } = timer;
    const running = (): { loop: LoopStatus; interview: number } | undefined => {
      const r = this.memento.get<LoopInterviewRecord>(LOOP_INTERVIEW_KEY);
      const loop = r && r.startedAt === service.state.startedAt && service.state.status !== 'idle' ? this.index.statusOf(vscode.Uri.parse(r.loop)) : undefined;
      return loop && r && loop.plan.interviews[r.interview] ? { loop, interview: r.interview } : undefined;
    };
    hooks.loopInterviews = () => this.offers();
    hooks.startedFromLoop = async (offer) => {
      const startedAt = service.state.startedAt;
      if (startedAt !== undefined) await this.memento.update(LOOP_INTERVIEW_KEY, { startedAt, loop: offer.loop, interview: offer.interview } satisfies LoopInterviewRecord);
    };
    hooks.focus = () => {
      const r = running();
      return r ? this.index.focusNames(r.loop, r.loop.plan.interviews[r.interview].focus) : [];
    };
    // After a reload the running interview's loop is known once the loop files are read: the panel then shows its focus.
    let shownFocus = '';
    this.disposables.push(this.index.onDidChange(() => {
      const focus = hooks.focus!().join('\n');
      if (focus === shownFocus) return;
      shownFocus = focus;
      timer.refreshPanel();
    }));
    hooks.loopFeedback = () => {
      const r = running();
      if (!r) return undefined;
      const iv = r.loop.plan.interviews[r.interview];
      return { interviewer: iv.interviewer, date: iv.date, loop: { file: r.loop.file, interview: r.interview }, ...(r.loop.kit ? { kit: r.loop.kit.id } : {}) };
    };
  }

  /** The interviewer's loop interviews of today, as Start Interview offers them. */
  private async offers(): Promise<LoopInterviewOffer[]> {
    // Without loops git is not asked for the user's name.
    await this.index.ready();
    if (!this.index.hasLoops) return [];
    const user = await this.index.interviewer();
    if (!user) return [];
    return this.index.interviewsOn(user).flatMap(({ loop, progress }) => {
      const problem = this.index.problemOf(loop, progress.interview.problem);
      if (!problem) return [];
      const focus = this.index.focusNames(loop, progress.interview.focus);
      return [{
        label: escapeIcons(loopInterviewLabel(loop.plan.candidate, problem.title, focus)),
        detail: escapeIcons(loop.file),
        problemId: problem.key,
        candidate: loop.plan.candidate,
        loop: loop.uri.toString(),
        interview: progress.index,
      }];
    });
  }

  /** The focus dimension ids of the loop interview a feedback text's loop line names; none without one. */
  private focusOfFeedback(text: string): readonly string[] {
    const record = readLoopRecord(text);
    const loop = record ? this.index.statusOfFile(record.file) : undefined;
    return (record && loop?.plan.interviews[record.interview]?.focus) ?? [];
  }

  /** The Loops group, shown while the workspace has loops. */
  private showInTree(): void {
    if (!this.index.hasLoops) return this.tree.setLoops(undefined);
    const today = this.index.today();
    const stages = loopsByStage(this.index.statuses()).map(({ stage, label, loops }) => ({
      stage,
      label,
      loops: loops.map((l) => ({
        uri: l.uri.toString(),
        file: l.file,
        candidate: l.plan.candidate,
        date: l.plan.date,
        summary: loopSummaryText(stage, l.progress, l.plan.date, today),
        interviews: l.progress.map((p) => ({
          interviewer: p.interview.interviewer,
          problem: this.index.problemOf(l, p.interview.problem)?.title ?? p.interview.problem,
          date: p.interview.date,
          state: p.state,
          text: this.feedback.stateText(p),
        })),
      })),
    }));
    this.tree.setLoops(buildLoopsGroup(stages));
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Creates the loop features; the caller disposes them. */
export function registerLoops(kits: KitSource, calibration: CalibrationFeature, feedback: FeedbackFeature, tree: GuideTreeProvider, memento: vscode.Memento): LoopsFeature {
  return new LoopsFeature(kits, calibration, feedback, tree, memento);
}
