/**
 * A loop interview's feedback in the editor: each interview of a loop file gets a CodeLens with its
 * feedback's state (`due`, `written 3.15 · Hire`, `submitted 3.15 · Hire`, `edited after submit`)
 * that opens the feedback, or creates it from the loop; and the status bar says `N feedback due`
 * while interviews of the user's are past with no submitted feedback.
 */
import * as vscode from 'vscode';
import { escapeIcons } from '../core/escape';
import { feedbackStateText, readLoop, type InterviewProgress } from '../core/loop';
import type { CalibrationRow } from '../core/calibration';
import type { CalibrationModel } from '../calibration/model';
import type { FeedbackScaffold } from '../feedback/scaffold';
import { pickOne } from '../quickPick';
import type { DueInterview, LoopIndex, LoopStatus } from './loopIndex';

/** Opens a loop interview's feedback, or creates it: `(loop file URI, interview index)`. */
export const OPEN_LOOP_FEEDBACK_COMMAND = 'sdi.openLoopFeedback';
/** Opens the feedback that is due (a pick when several are). */
export const OPEN_FEEDBACK_DUE_COMMAND = 'sdi.openFeedbackDue';

/** Opens and creates the feedback of loop interviews. */
export class LoopFeedback {
  constructor(private readonly index: LoopIndex, private readonly model: CalibrationModel, private readonly scaffold: FeedbackScaffold) {}

  /**
   * Opens the interview's feedback at its scores block; without one, creates it from the loop
   * (candidate, problem, interviewer and date filled, the loop line recorded) with New Feedback's
   * scaffold, which never overwrites. Resolves with the file, undefined when there is none.
   */
  async open(loop: LoopStatus, progress: InterviewProgress<CalibrationRow>): Promise<vscode.Uri | undefined> {
    const row = progress.feedback;
    const at = row ? this.model.locate(row.file, row.index) : undefined;
    if (at) {
      const position = new vscode.Position(at.line, 0);
      await vscode.window.showTextDocument(at.uri, { selection: new vscode.Range(position, position), preview: false });
      return at.uri;
    }
    const iv = progress.interview;
    const kit = loop.kit && this.scaffold.hasKit(loop.kit.id) ? loop.kit.id : undefined;
    const created = await this.scaffold.create({
      candidate: loop.plan.candidate,
      problemTitle: this.index.problemOf(loop, iv.problem)?.title ?? iv.problem,
      interviewer: iv.interviewer,
      date: iv.date,
      loop: { file: loop.file, interview: progress.index },
      ...(kit ? { kit } : {}),
    });
    return created?.uri;
  }

  /** What an interview's CodeLens and tree tooltip say of its feedback (`written 3.15 · Hire`), bands by their labels. */
  stateText(progress: InterviewProgress<CalibrationRow>): string {
    const bands = this.model.rubricInfo(progress.feedback?.rubricKey ?? null)?.bands;
    return feedbackStateText(progress, (id) => bands?.find((b) => b.id === id)?.label);
  }

  /** Opens the feedback due (the oldest first in a pick when several are); undefined when none is or the pick is closed. */
  async openDue(): Promise<vscode.Uri | undefined> {
    const due = await this.due();
    if (!due.length) {
      void vscode.window.showInformationMessage('No feedback is due: every interview of yours before today has submitted feedback.');
      return undefined;
    }
    let chosen: DueInterview | undefined = due[0];
    if (due.length > 1) {
      const rows = due.map((d) => ({
        label: escapeIcons(`${d.loop.plan.candidate} · ${this.index.problemOf(d.loop, d.progress.interview.problem)?.title ?? d.progress.interview.problem}`),
        description: `${d.progress.interview.date} · ${d.progress.feedback ? 'written, not submitted' : 'not written'}`,
        detail: escapeIcons(d.loop.file),
        due: d,
      }));
      chosen = (await pickOne(rows, { title: 'Feedback due', placeHolder: 'Open or create the feedback of which interview?' }))?.due;
    }
    return chosen ? this.open(chosen.loop, chosen.progress) : undefined;
  }

  /** The user's interviews whose feedback is due, oldest first (none when the user's name is not known). */
  async due(): Promise<DueInterview[]> {
    // Without loops git is not asked for the user's name.
    if (!this.index.hasLoops) return [];
    const user = await this.index.interviewer();
    if (!user) return [];
    // Before the workspace's feedback is read every past interview would look due.
    await this.model.ready();
    return this.index.dueFor(user);
  }
}

/** A CodeLens on each interview of a loop file (on its `interviewer` line) with its feedback's state. */
export class LoopLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly index: LoopIndex, private readonly feedback: LoopFeedback) {
    this.onDidChangeCodeLenses = index.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const loop = this.index.statusOf(document.uri);
    if (!loop) return [];
    // Where each interview is in the text as it is now (it may be edited since the index read it).
    const { yaml } = readLoop(loop.file, document.getText());
    return loop.progress.map((p) => {
      const line = yaml?.locate(['interviews', p.index])?.start.line ?? 0;
      const title = `Feedback: ${this.feedback.stateText(p)}`;
      return new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
        title,
        tooltip: p.feedback ? `Open ${p.feedback.file}` : `Create ${p.interview.interviewer}'s feedback for this interview`,
        command: OPEN_LOOP_FEEDBACK_COMMAND,
        arguments: [document.uri.toString(), p.index],
      });
    });
  }
}

/** `N feedback due` in the status bar while interviews of the user's are due; a click opens the feedback. */
export class FeedbackDueStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sdi.feedbackDue', vscode.StatusBarAlignment.Left, 40);
  private readonly subscription: vscode.Disposable;
  private version = 0;

  constructor(index: LoopIndex, private readonly feedback: LoopFeedback) {
    this.item.name = 'Interview Feedback Due';
    this.item.command = OPEN_FEEDBACK_DUE_COMMAND;
    this.subscription = index.onDidChange(() => void this.update());
    void this.update();
  }

  /** The text shown, undefined while hidden (for tests). */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }
  private shown = false;

  /** Recounts the feedback due; resolves when the item shows the count. */
  async update(): Promise<void> {
    const version = ++this.version;
    const due = await this.feedback.due();
    // A later update started meanwhile: it has the newer count.
    if (version !== this.version) return;
    if (!due.length) {
      this.item.hide();
      this.shown = false;
      return;
    }
    this.item.text = `$(bell-dot) ${due.length} feedback due`;
    this.item.tooltip = `Feedback due: ${due.map((d) => `${d.loop.plan.candidate} (${d.progress.interview.date})`).join(', ')}. Click to open it.`;
    this.item.accessibilityInformation = { label: `${due.length} interview feedback due` };
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
