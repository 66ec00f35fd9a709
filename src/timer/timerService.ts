/**
 * The interview timer in the extension host: holds the core state machine's state, persists it in
 * `workspaceState` on every change (so closing the panel or reloading the window loses nothing),
 * observes the clock once a second while an interview runs, advances phases when
 * `sdi.timer.autoAdvance` is on, and reports due notifications. Views (status bar, panel) listen to
 * `onDidChange`; nothing here shows UI.
 */
import * as vscode from 'vscode';
import { readTimerSettings, type TimerSettings } from '../settings';
import { TIMER_STATE_KEY } from '../core/activation';
import * as timer from '../core/timer';
import type { PlanOrigin } from '../core/format';
import type { KitProblem, LoadedKit } from '../core/kit';
import type { GuideLibrary, KitProblemRef } from '../guideLibrary';

/** The workspaceState key of the persisted timer (in `core/activation`: the shell reads it too). */
export { TIMER_STATE_KEY };

/** The timer's settings (`sdi.timer.*`), read afresh each time they are needed; see `../settings`. */
export { readTimerSettings, type TimerSettings };

export interface TimerServiceOptions {
  /** The clock; tests pass a fake one. */
  now?: () => number;
  settings?: () => TimerSettings;
  /** How often the clock is observed while running, in ms (tests may shorten it). */
  tickMs?: number;
}

/** What changed, for listeners that only care about some changes (e.g. screen-reader announcements). */
export interface TimerChange {
  view: timer.TimerView;
  /** A transition (start, pause, phase change, …) rather than the clock moving on. */
  transition: boolean;
  /** The phase changed, or the timer started, finished or was reset. */
  phaseChanged: boolean;
}

export class TimerService implements vscode.Disposable {
  private s: timer.TimerState;
  private interval: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private readonly settings: () => TimerSettings;
  private readonly tickMs: number;
  private readonly changed = new vscode.EventEmitter<TimerChange>();
  private readonly alerted = new vscode.EventEmitter<timer.TimerAlert>();
  /** Fires on every transition and on every clock observation while running (once a second). */
  readonly onDidChange = this.changed.event;
  /** Fires for each notification that is due (the adapter decides whether to show it). */
  readonly onDidAlert = this.alerted.event;
  /** Why the persisted state could not be restored, if it could not. */
  readonly restoreError: string | undefined;

  /** `memento` is the workspace's state; a second service over the same one restores the same timer (tests use that as a reload). */
  constructor(
    readonly memento: vscode.Memento,
    private readonly library: GuideLibrary,
    options: TimerServiceOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.settings = options.settings ?? readTimerSettings;
    this.tickMs = options.tickMs ?? 1000;
    const restored = timer.restoreTimer(memento.get(TIMER_STATE_KEY), this.now());
    this.s = restored.state;
    this.restoreError = restored.error;
    if (restored.error) void memento.update(TIMER_STATE_KEY, undefined);
    this.schedule();
  }

  /** The raw state (serializable). */
  get state(): timer.TimerState {
    return this.s;
  }

  /** The timer read now. */
  view(): timer.TimerView {
    return timer.view(this.s, this.now());
  }

  /**
   * The plan an interview on a problem would run (`problemKey` as `start` takes it; default: the
   * running interview's problem), and why the settings' plan was refused, if it was. The plan is the
   * problem's kit's (`phases` of its kit.yaml, else the built-in guide's); `sdi.timer.phases` overrides it.
   */
  plan(problemKey: string | undefined = this.s.problemId): { plan: timer.TimerPlan; error?: string } {
    const kit = this.kitOf(problemKey);
    const guide = kit.guide;
    return timer.resolvePlan(this.settings().phases, kit.phases, (ref) => ref === '' || !!guide?.find(ref));
  }

  /**
   * Whose plan one from `source` is, as the panel and messages name it: the settings', else the
   * kit's whose plan applies (a team kit's, or the built-in guide's).
   */
  planOrigin(source: timer.PlanSource): PlanOrigin {
    if (source === 'settings') return 'settings';
    return this.kitOf(this.s.problemId).builtIn ? 'guide' : 'kit';
  }

  /** The kit whose plan applies: the problem's, else the first kit the library shows (a team kit before the built-in guide). */
  private kitOf(problemKey: string | undefined): LoadedKit {
    return (problemKey ? this.library.problem(problemKey)?.kit : undefined) ?? this.library.kits[0] ?? this.library.builtIn;
  }

  /** The problem of the interview, if it has one (a built-in guide's or a team kit's). */
  problem(): KitProblem | undefined {
    return this.problemRef()?.problem;
  }

  /** The interview's problem with its kit and global key (`<problemId>` built-in, `<kitId>/<problemId>` team kit). */
  problemRef(): KitProblemRef | undefined {
    const key = this.s.problemId;
    return key ? this.library.problem(key) : undefined;
  }

  /** The interview's problem as New Feedback offers it: its title and its kit's id. */
  runningProblem(): { title: string; kitId: string } | undefined {
    const r = this.problemRef();
    return r && { title: r.problem.title, kitId: r.kit.id };
  }

  /** The deep-dive sub-steps for the current phase: the problem's areas when the current phase is the deep dive. */
  deepDiveSteps(): timer.DeepDiveStep[] {
    const v = this.view();
    const problem = this.problem();
    if (!v.current?.deepDive || !problem?.deepDives.length) return [];
    return timer.deepDiveSteps(problem.deepDives, v.current.plannedMs, v.current.elapsedMs);
  }

  /** Starts a new interview (discarding any other) on the problem's kit's plan, or the configured one; returns the settings' plan error, if any. */
  start(problemKey?: string): string | undefined {
    const { plan, error } = this.plan(problemKey);
    this.apply(timer.start(plan, this.now(), problemKey));
    return error;
  }

  pauseResume(): void { this.apply(timer.togglePause(this.s, this.now())); }
  pause(): void { this.apply(timer.pause(this.s, this.now())); }
  resume(): void { this.apply(timer.resume(this.s, this.now())); }
  next(): void { this.apply(timer.nextPhase(this.s, this.now())); }
  previous(): void { this.apply(timer.previousPhase(this.s, this.now())); }
  extend(minutes: number): void { this.apply(timer.extendPhase(this.s, minutes, this.now())); }
  finish(): void { this.apply(timer.finish(this.s, this.now())); }
  /** Resets to idle; returns the state thrown away, which `undoReset` takes back. */
  reset(): timer.TimerState { const before = this.s; this.apply(timer.reset(this.s, this.now())); return before; }
  /** Takes back the state a reset threw away, if the timer is still idle; returns whether it did. */
  undoReset(previous: timer.TimerState): boolean {
    if (this.s.status !== 'idle' || previous.status === 'idle') return false;
    this.apply(timer.undoReset(this.s, previous, this.now()));
    return true;
  }

  /** Observes the clock now: re-bases after a backward jump, auto-advances, reports due alerts. Runs once a second while running. */
  tick(): void {
    const now = this.now();
    const before = this.s;
    let s = timer.observe(before, now);
    const settings = this.settings();
    if (settings.autoAdvance) s = timer.autoAdvance(s, now);
    const due = settings.notifications ? timer.dueAlerts(s, now, settings.warningMinutes) : [];
    // Phases left automatically get their "ended" notification here (dueAlerts only sees the current phase).
    if (settings.notifications && s.phaseIndex !== before.phaseIndex) {
      due.unshift(timer.advancedAlert(before, before.phaseIndex));
    }
    s = timer.markAlerted(s, due);
    // A new segment start, phase or alert is worth persisting; the observation time alone is not.
    const significant = s.segmentStart !== before.segmentStart || s.phaseIndex !== before.phaseIndex || s.alerted.length !== before.alerted.length;
    this.s = s;
    if (significant) void this.persist();
    this.changed.fire({ view: this.view(), transition: significant, phaseChanged: s.phaseIndex !== before.phaseIndex });
    for (const a of due) this.alerted.fire(a);
  }

  private apply(next: timer.TimerState): void {
    const before = this.s;
    if (next === before) return;
    this.s = next;
    void this.persist();
    this.schedule();
    this.changed.fire({
      view: this.view(),
      transition: true,
      phaseChanged: next.phaseIndex !== before.phaseIndex || next.status !== before.status && (next.status === 'idle' || next.status === 'finished' || before.status === 'idle' || before.status === 'finished'),
    });
  }

  private persist(): Thenable<void> {
    return this.memento.update(TIMER_STATE_KEY, this.s.status === 'idle' ? undefined : this.s);
  }

  /** Ticks only while running: a paused or finished timer shows a fixed reading. */
  private schedule(): void {
    if (this.s.status === 'running' && !this.interval) {
      this.interval = setInterval(() => this.tick(), this.tickMs);
    } else if (this.s.status !== 'running' && this.interval) {
      clearInterval(this.interval);
      this.interval = undefined;
    }
  }

  dispose(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    this.changed.dispose();
    this.alerted.dispose();
  }
}
