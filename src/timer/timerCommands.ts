/**
 * The timer's commands, its context keys (for `when` clauses) and its notifications.
 * Commands return what they did, so tests (and other extensions) can follow them.
 */
import * as vscode from 'vscode';
import { isFeedbackDocument } from '../core/feedback';
import { planOriginText } from '../core/format';
import { alertMessage, finishedMessage, phaseTimesMarkdown, phaseTimesSummary, type TimerAlert, type TimerState } from '../core/timer';
import { pickGuideItem } from '../commands';
import type { GuideNode } from '../core/guideTree';
import type { GuideLibrary } from '../guideLibrary';
import type { GuidePanel } from '../panel/guidePanel';
import type { NewFeedbackArgs } from '../feedback/scaffold';
import { readTimerSettings, type TimerService } from './timerService';
import { SHOW_TIMER_COMMAND } from './timerStatusBar';

/**
 * What the interview notes feature does when an interview starts and finishes (set by `src/notes`
 * after the timer is created; unset, the timer works alone).
 */
export interface InterviewHooks {
  /** Whether Start Interview asks for the candidate (`sdi.notes.askCandidate`). */
  askCandidate?: () => boolean;
  /** An interview started (after the timer did), with its candidate or null. */
  started?: (candidate: string | null) => Promise<unknown>;
  /** The interview finished (after the timer did). */
  finished?: () => Promise<unknown>;
  /** The interviewer's loop interviews of today, which Start Interview offers first (set by `src/loops`). */
  loopInterviews?: () => Promise<LoopInterviewOffer[]>;
  /** An interview started from a loop interview (after the timer started it, before `started`). */
  startedFromLoop?: (offer: LoopInterviewOffer) => Promise<unknown>;
  /** The names of the running interview's focus dimensions (none when it is not from a loop), for the panel. */
  focus?: () => readonly string[];
  /** What the running loop interview fills into its feedback file (undefined when it is not from a loop). */
  loopFeedback?: () => Pick<NewFeedbackArgs, 'interviewer' | 'date' | 'loop' | 'kit'> | undefined;
}

/** A loop interview Start Interview offers: its row, and what choosing it fills in. */
export interface LoopInterviewOffer {
  /** `Priya Raman · Rate Limiter · focus: Architecture, Scalability`. */
  label: string;
  /** The loop file. */
  detail: string;
  /** The problem's global key. */
  problemId: string;
  candidate: string;
  /** The loop file's URI (a string) and the interview's place in it. */
  loop: string;
  interview: number;
}

interface Deps {
  service: TimerService;
  library: GuideLibrary;
  panel: GuidePanel;
  hooks?: InterviewHooks;
  /** Posts the timer to the panel again (its focus comes from the hooks, after the start). */
  refreshPanel?: () => void;
}

/** The loop interview given to `sdi.startInterview(undefined, { loop, interview })`, as one of today's offers. */
function loopOption(options: unknown): { loop: string; interview: number } | undefined {
  if (!options || typeof options !== 'object') return undefined;
  const { loop, interview } = options as { loop?: unknown; interview?: unknown };
  return typeof loop === 'string' && typeof interview === 'number' ? { loop, interview } : undefined;
}

/** The candidate given to `sdi.startInterview(problem, { candidate })`: a name, null for none, undefined to ask. */
function candidateOption(options: unknown): string | null | undefined {
  if (!options || typeof options !== 'object' || !('candidate' in options)) return undefined;
  const c = (options as { candidate?: unknown }).candidate;
  if (c === null) return null;
  return typeof c === 'string' ? c.replace(/\s+/g, ' ').trim() || null : undefined;
}

/** A problem's global key from a tree node, a node id (`problem:x`, `kit:k/problem:x`) or a key (`x`, `k/x`). */
export function problemIdOf(arg: unknown, library: GuideLibrary): string | undefined {
  const ofId = (s: string) => library.node(s)?.problemId ?? s.replace(/^problem:/, '');
  let id: string | undefined;
  if (typeof arg === 'string') id = ofId(arg);
  else if (arg && typeof arg === 'object') {
    const n = arg as Partial<GuideNode>;
    id = n.problemId ?? (typeof n.id === 'string' ? ofId(n.id) : undefined);
  }
  return id && library.problem(id) ? id : undefined;
}

/** Sets the context keys the manifest's `when` clauses read. */
function updateContext(service: TimerService): void {
  const s = service.state;
  const active = s.status === 'running' || s.status === 'paused';
  const set = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  set('sdi.timer.status', s.status);
  set('sdi.timer.active', active);
  set('sdi.timer.running', s.status === 'running');
  set('sdi.timer.paused', s.status === 'paused');
  set('sdi.timer.hasPrevious', active && s.phaseIndex > 0);
  set('sdi.timer.hasNext', active && s.phaseIndex < s.plan.length - 1);
}

const RESET = 'Reset Timer';
const UNDO = 'Undo';

export function registerTimerCommands({ service, library, panel, hooks = {}, refreshPanel = () => undefined }: Deps): vscode.Disposable[] {
  /** The state the latest reset threw away, while it can still be undone. */
  let lastReset: TimerState | undefined;
  const showPanel = (problemId?: string) => {
    const id = problemId ? library.problemNode(problemId)?.id : undefined;
    const current = panel.currentItemId;
    panel.show(id ?? (current && library.node(current) ? current : library.firstItemId()));
  };
  const needsInterview = (): boolean => {
    const s = service.state.status;
    if (s === 'running' || s === 'paused') return true;
    void vscode.window.showInformationMessage('No interview is running. Start one with "Interview: Start Interview".');
    return false;
  };
  const startInterview = async (arg?: unknown, options?: unknown): Promise<string | undefined> => {
    let problemId = problemIdOf(arg, library);
    if (arg !== undefined && !problemId && !(arg instanceof vscode.Uri)) {
      void vscode.window.showErrorMessage(`No problem "${typeof arg === 'string' ? arg : JSON.stringify(arg)}" in the guide.`);
      return undefined;
    }
    let fromLoop: LoopInterviewOffer | undefined;
    if (!problemId) {
      // Today's loop interviews of the interviewer come first: choosing one fills the problem and the candidate.
      const offers = (await hooks.loopInterviews?.()) ?? [];
      const given = loopOption(options);
      if (given) {
        fromLoop = offers.find((o) => o.loop === given.loop && o.interview === given.interview);
        if (!fromLoop) {
          void vscode.window.showErrorMessage(`No loop interview of yours today is interview ${given.interview} of ${given.loop}.`);
          return undefined;
        }
      } else {
        const lead = { title: 'Your loop interviews today', items: offers.map((o) => ({ label: o.label, detail: o.detail, lead: o })) };
        const pick = await pickGuideItem(library, 'Start an interview with which problem?', (n) => n.kind === 'problem', lead);
        if (!pick) return undefined;
        if ('interview' in pick) fromLoop = pick;
        else problemId = pick.problemId;
      }
      if (fromLoop) problemId = fromLoop.problemId;
      if (!problemId) return undefined;
    }
    const status = service.state.status;
    if (status === 'running' || status === 'paused') {
      const title = service.problem()?.title ?? 'An interview';
      const answer = await vscode.window.showWarningMessage(`${title} is under way. Start a new interview? Its phase times will be lost.`, { modal: true }, 'Start New Interview');
      if (answer !== 'Start New Interview') return undefined;
    }
    let candidate = fromLoop ? fromLoop.candidate : candidateOption(options);
    if (candidate === undefined && hooks.started && (hooks.askCandidate?.() ?? true)) {
      // Asked once the problem pick has closed (pickGuideItem resolves on hide), so this prompt is
      // never closed with it: Escape here, at any speed, is the user's and starts without a candidate.
      const name = await vscode.window.showInputBox({
        title: `Start Interview: ${library.problem(problemId)?.problem.title ?? problemId}`,
        prompt: "The candidate's name: their feedback file is created now, beside the guide. Escape starts without a candidate (the file is created at the first note).",
        placeHolder: 'Ada Lovelace',
        ignoreFocusOut: true,
      });
      candidate = name?.replace(/\s+/g, ' ').trim() || null;
    }
    showPanel(problemId);
    const planError = service.start(problemId);
    if (planError) void vscode.window.showWarningMessage(`The guide's phase plan is used: the setting is invalid. ${planError}`, 'Open Settings').then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'sdi.timer.phases');
    });
    if (fromLoop && hooks.startedFromLoop) {
      await hooks.startedFromLoop(fromLoop);
      refreshPanel();
    }
    if (hooks.started) {
      try {
        await hooks.started(candidate ?? null);
      } catch (e) {
        void vscode.window.showErrorMessage(`The interview started, but its feedback file could not be created: ${e instanceof Error ? e.message : String(e)}. Notes are kept until it can be.`);
      }
    }
    return problemId;
  };

  const pauseResume = () => {
    if (!needsInterview()) return undefined;
    service.pauseResume();
    return service.state.status;
  };

  const disposables: vscode.Disposable[] = [
    vscode.commands.registerCommand('sdi.startInterview', startInterview),
    vscode.commands.registerCommand('sdi.startInterviewWithProblem', startInterview),
    vscode.commands.registerCommand(SHOW_TIMER_COMMAND, () => showPanel(service.state.status === 'idle' ? undefined : service.state.problemId)),
    vscode.commands.registerCommand('sdi.pauseResumeTimer', pauseResume),
    // The same toggle under a play icon, for the editor title bar while the timer is paused.
    vscode.commands.registerCommand('sdi.resumeTimer', pauseResume),
    vscode.commands.registerCommand('sdi.nextPhase', () => {
      if (!needsInterview()) return undefined;
      if (service.state.phaseIndex >= service.state.plan.length - 1) {
        void vscode.window.showInformationMessage('This is the last phase. Use "Interview: Finish Interview" to end the interview.');
      }
      service.next();
      return service.view().current?.id;
    }),
    vscode.commands.registerCommand('sdi.previousPhase', () => {
      if (!needsInterview()) return undefined;
      service.previous();
      return service.view().current?.id;
    }),
    vscode.commands.registerCommand('sdi.extendPhase', async (arg?: unknown) => {
      if (!needsInterview()) return undefined;
      let minutes = typeof arg === 'number' ? arg : typeof arg === 'string' ? Number(arg) : undefined;
      if (minutes === undefined) {
        const answer = await vscode.window.showInputBox({
          title: `Extend "${service.view().current?.title}"`,
          prompt: 'Minutes to add to the current phase',
          value: '5',
          validateInput: (v) => (isMinutes(Number(v)) ? undefined : 'Enter a number of minutes between 1 and 120'),
        });
        if (answer === undefined) return undefined;
        minutes = Number(answer);
      }
      if (!isMinutes(minutes)) {
        void vscode.window.showErrorMessage(`Cannot extend a phase by "${String(arg)}" minutes: give a number between 1 and 120.`);
        return undefined;
      }
      service.extend(minutes);
      return service.view().current?.plannedMs;
    }),
    vscode.commands.registerCommand('sdi.resetTimer', async (arg?: unknown) => {
      const status = service.state.status;
      if (status === 'idle') return status;
      // `{ confirm: false }` (tests, other extensions) resets without asking; the reset stays undoable.
      const ask = !(arg && typeof arg === 'object' && (arg as { confirm?: unknown }).confirm === false);
      if (ask && (status === 'running' || status === 'paused')) {
        const title = service.problem()?.title ?? 'An interview';
        const answer = await vscode.window.showWarningMessage(`${title} is under way. Reset the timer? Its phase times will be lost:`,
          { modal: true, detail: phaseTimesSummary(service.view()) }, RESET);
        if (answer !== RESET) return service.state.status;
      }
      const discarded = service.reset();
      lastReset = discarded;
      void vscode.window.showInformationMessage('The interview timer was reset.', UNDO).then((pick) => {
        if (pick !== UNDO) return;
        // Only the latest reset can be undone, and only while no other interview has started.
        if (lastReset !== discarded || !service.undoReset(discarded)) {
          void vscode.window.showInformationMessage('The reset can no longer be undone: the timer has been used since.');
          return;
        }
        lastReset = undefined;
      });
      return service.state.status;
    }),
    vscode.commands.registerCommand('sdi.finishInterview', async () => {
      if (!needsInterview()) return undefined;
      service.finish();
      const v = service.view();
      // With a notes file the phase times go into it and it opens at its scores block; else the old offer.
      let shown = false;
      try {
        shown = !!(await hooks.finished?.());
      } catch (e) {
        void vscode.window.showErrorMessage(`The phase times could not be written into the notes file: ${e instanceof Error ? e.message : String(e)}`);
      }
      if (!shown) void offerNextSteps(v.elapsedTotalMs, service.problem()?.title);
      return v.status;
    }),
    vscode.commands.registerCommand('sdi.insertPhaseTimes', async () => {
      if (service.state.status === 'idle') {
        void vscode.window.showInformationMessage('No interview to take phase times from.');
        return undefined;
      }
      const text = phaseTimesMarkdown(service.view(), service.problem()?.title);
      // A click in the panel leaves no active text editor: then only a feedback document beside it
      // is a safe target; anything else gets the clipboard rather than text in an unrelated file.
      const active = vscode.window.activeTextEditor;
      const editor = active
        ?? vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'markdown' && isFeedbackDocument(e.document.getText()));
      if (!editor) {
        await vscode.env.clipboard.writeText(text);
        void vscode.window.showInformationMessage('No feedback file is open: the phase times were copied to the clipboard.');
        return text;
      }
      // In the editor being typed in, the times replace the selection as typed text would; in a
      // feedback file beside the panel they go in at its cursor and its selected text is kept.
      const ok = await editor.edit((b) => editor.selections.forEach((sel) => (editor === active ? b.replace(sel, text) : b.insert(sel.active, text))));
      if (!ok) void vscode.window.showErrorMessage('The phase times could not be inserted (is the editor read-only?).');
      return ok ? text : undefined;
    }),
    service.onDidChange((c) => { if (c.transition) updateContext(service); }),
    service.onDidAlert((a) => showAlert(service, a)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('sdi.timer.phases')) return;
      const { error } = service.plan();
      if (error) void vscode.window.showWarningMessage(`The interview timer will use ${planOriginText(service.planOrigin('guide'))}: the setting is invalid. ${error}`);
    }),
  ];
  updateContext(service);
  return disposables;
}

function isMinutes(m: number | undefined): m is number {
  return typeof m === 'number' && Number.isFinite(m) && m > 0 && m <= 120;
}

/** Non-modal: a phase is about to end, or has ended; offers the next step without waiting for an answer. */
function showAlert(service: TimerService, a: TimerAlert): void {
  if (!readTimerSettings().notifications) return;
  // A notification's button may be clicked long after it was shown: act only on the phase it named.
  const stillCurrent = () => {
    const ok = service.state.phaseIndex === a.phaseIndex && (service.state.status === 'running' || service.state.status === 'paused');
    if (!ok) void vscode.window.showInformationMessage(`"${a.title}" is no longer the current phase; nothing was changed.`);
    return ok;
  };
  const { text, actions } = alertMessage(a);
  const show = a.kind === 'warning' ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
  void show(text, ...actions.map((x) => x.label)).then((pick) => {
    const action = actions.find((x) => x.label === pick)?.action;
    if (!action || !stillCurrent()) return;
    if (action === 'next') void vscode.commands.executeCommand('sdi.nextPhase');
    else if (action === 'finish') void vscode.commands.executeCommand('sdi.finishInterview');
    else void vscode.commands.executeCommand('sdi.extendPhase', 5);
  });
}

/** After finishing: offer new feedback (when that command exists) and inserting the phase times. */
async function offerNextSteps(elapsedMs: number, problemTitle: string | undefined): Promise<void> {
  const hasFeedback = (await vscode.commands.getCommands(true)).includes('sdi.newFeedback');
  const actions = [...(hasFeedback ? ['New Feedback'] : []), 'Insert Phase Times'];
  const pick = await vscode.window.showInformationMessage(finishedMessage(elapsedMs), ...actions);
  if (pick === 'New Feedback') await vscode.commands.executeCommand('sdi.newFeedback', { problemTitle: problemTitle ?? '' });
  else if (pick === 'Insert Phase Times') await vscode.commands.executeCommand('sdi.insertPhaseTimes');
}
