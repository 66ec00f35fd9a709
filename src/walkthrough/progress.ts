/**
 * What of the walkthrough has been done in this workspace, whenever it was done: one context key
 * per step (`STEP_DONE_KEYS`, which the manifest's `completionEvents` name), set at activation from
 * the extension's own state and as things happen.
 *
 * VS Code creates its walkthrough service only when the Welcome page first opens in a window, and a
 * step's `onContext` event counts only when its key turns true after that: a key already true when
 * the walkthrough registers leaves the step unticked for the whole session. So each step is also
 * marked complete through the workbench's `welcome.markStepComplete` when it is first done (once per
 * profile, where VS Code keeps walkthrough progress too), and opening the walkthrough later shows it.
 */
import * as vscode from 'vscode';
import { isStepId, runsFeedbackCli, STEP_DONE_KEYS, type StepId } from '../core/walkthrough';
import type { GuideLibrary } from '../guideLibrary';
import type { NotesService } from '../notes/notesService';
import type { GuidePanel } from '../panel/guidePanel';
import { readFeedbackSettings } from '../settings';
import type { TimerService } from '../timer/timerService';

/** workspaceState: the steps done in this workspace. */
const DONE_KEY = 'sdi.walkthrough.done';
/** globalState: the steps already marked complete in VS Code's walkthrough (its progress is per profile). */
const MARKED_KEY = 'sdi.walkthrough.marked';
/** The workbench's command that ticks a walkthrough step, by its full id. */
const MARK_STEP_COMPLETE = 'welcome.markStepComplete';

/** Where the steps' state comes from: the extension's features. */
export interface ProgressSources {
  library: GuideLibrary;
  panel: Pick<GuidePanel, 'onDidShowItem'>;
  timer: Pick<TimerService, 'state' | 'onDidChange'>;
  notes: Pick<NotesService, 'onDidWriteNote'>;
}

/** How a step's state reaches the workbench; tests record the calls instead. */
export interface WorkbenchCalls {
  setContext(key: string, value: boolean): Thenable<unknown>;
  markStepComplete(fullStepId: string): Thenable<unknown>;
}

const workbench: WorkbenchCalls = {
  setContext: (key, value) => vscode.commands.executeCommand('setContext', key, value),
  markStepComplete: (id) => vscode.commands.executeCommand(MARK_STEP_COMPLETE, id),
};

export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<StepId>();
  private readonly disposables: vscode.Disposable[] = [];
  private feedbackWatchers: vscode.Disposable[] = [];
  /** Settles when the workspace has been searched for a feedback file (at once when one was known). */
  readonly searched: Promise<void>;

  /**
   * `memento`: the workspace's and the profile's state; `walkthroughId` the walkthrough's full id
   * (`publisher.name#id`).
   */
  constructor(
    private readonly memento: { workspaceState: vscode.Memento; globalState: vscode.Memento },
    private readonly walkthroughId: string,
    sources: ProgressSources,
    private readonly calls: WorkbenchCalls = workbench,
  ) {
    const remembered = memento.workspaceState.get<unknown[]>(DONE_KEY, []).filter(isStepId);
    const kitLoaded = () => sources.library.workspaceKits.some((k) => k.ok);
    for (const step of Object.keys(STEP_DONE_KEYS) as StepId[]) {
      const now = remembered.includes(step)
        || (step === 'sdi.startInterview' && sources.timer.state.status !== 'idle')
        || (step === 'sdi.teamKit' && kitLoaded());
      if (now) this.markDone(step);
    }
    this.disposables.push(
      sources.panel.onDidShowItem(() => this.markDone('sdi.openGuide')),
      sources.timer.onDidChange((c) => { if (c.transition && sources.timer.state.status !== 'idle') this.markDone('sdi.startInterview'); }),
      sources.notes.onDidWriteNote(() => this.markDone('sdi.takeNote')),
      sources.library.onDidChange(() => { if (kitLoaded()) this.markDone('sdi.teamKit'); }),
      vscode.window.onDidStartTerminalShellExecution((e) => { if (runsFeedbackCli(e.execution.commandLine.value)) this.markDone('sdi.cli'); }),
    );
    this.searched = this.done.has('sdi.feedback') ? Promise.resolve() : this.watchForFeedback();
  }

  /** Whether the step has been done in this workspace (its context key is true). */
  isDone(step: StepId): boolean {
    return this.done.has(step);
  }

  /** The steps done, in the walkthrough's order. */
  doneSteps(): StepId[] {
    return (Object.keys(STEP_DONE_KEYS) as StepId[]).filter((s) => this.done.has(s));
  }

  /** Records the step as done in this workspace: sets its context key and ticks it in the walkthrough. */
  private markDone(step: StepId): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void this.calls.setContext(STEP_DONE_KEYS[step], true);
    const stored = this.memento.workspaceState.get<unknown[]>(DONE_KEY, []).filter(isStepId);
    if (!stored.includes(step)) void this.memento.workspaceState.update(DONE_KEY, [...stored, step]);
    if (step === 'sdi.feedback') this.stopWatchingFeedback();
    const marked = this.memento.globalState.get<unknown[]>(MARKED_KEY, []);
    if (marked.includes(step)) return;
    void this.memento.globalState.update(MARKED_KEY, [...marked, step]);
    // It fails when the walkthrough is not registered yet, after VS Code has stored the step as done
    // (the page reads it when it opens), and in a workbench without walkthroughs (the list is shown).
    this.calls.markStepComplete(`${this.walkthroughId}#${step}`).then(undefined, () => undefined);
  }

  /** Watches each folder's `sdi.feedback.glob` until a feedback file shows up, and looks for one already there. */
  private async watchForFeedback(): Promise<void> {
    const patterns = (vscode.workspace.workspaceFolders ?? [])
      .map((folder) => ({ folder, glob: readFeedbackSettings(folder.uri).glob }))
      .filter((p) => p.glob)
      .map((p) => new vscode.RelativePattern(p.folder, p.glob));
    for (const pattern of patterns) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern, false, true, true);
      watcher.onDidCreate(() => this.markDone('sdi.feedback'));
      this.feedbackWatchers.push(watcher);
    }
    for (const pattern of patterns) {
      if (this.done.has('sdi.feedback')) return;
      if ((await vscode.workspace.findFiles(pattern, undefined, 1)).length) this.markDone('sdi.feedback');
    }
  }

  private stopWatchingFeedback(): void {
    for (const w of this.feedbackWatchers.splice(0)) w.dispose();
  }

  dispose(): void {
    this.stopWatchingFeedback();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
