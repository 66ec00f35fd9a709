/** The interview timer in the real extension host: commands, status bar, persistence, the panel. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SdiApi } from '../../src/extension';
import type { HostMessage, TimerDisplayState } from '../../src/protocol';
import { TimerService, TimerStatusBar } from '../../src/timer';
import { TIMER_STATE_KEY, type TimerSettings } from '../../src/timer/timerService';

const EXTENSION_ID = 'sdi-kit.system-design-interview-kit';
const MIN = 60_000;
const FEED = 'global-social-media-feed';

async function api(): Promise<SdiApi> {
  const ext = vscode.extensions.getExtension<SdiApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  const a = await ext.activate();
  assert.ok(a?.timer, 'activate() returned no timer');
  return a;
}

/** A Memento in memory, standing in for workspaceState where a test needs its own. */
class MemoryMemento implements vscode.Memento {
  private readonly map = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.map.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined { return (this.map.has(key) ? this.map.get(key) : fallback) as T | undefined; }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

const settings = (over: Partial<TimerSettings> = {}): (() => TimerSettings) => () => ({ phases: [], notifications: false, warningMinutes: 2, autoAdvance: false, ...over });

/** Records the timer states the panel posts to its webview (only those that reached a ready webview). */
function recordTimerPosts(a: SdiApi): { states: TimerDisplayState[]; next(check: (s: TimerDisplayState) => boolean): Promise<TimerDisplayState>; dispose(): void } {
  const panel = a.panel as unknown as { postMessage(m: HostMessage): boolean };
  const original = panel.postMessage;
  const states: TimerDisplayState[] = [];
  const waiters: { check: (s: TimerDisplayState) => boolean; resolve: (s: TimerDisplayState) => void }[] = [];
  panel.postMessage = function (m: HostMessage) {
    const posted = original.call(this, m);
    if (posted && m.type === 'timerState') {
      states.push(m.state);
      for (const w of waiters.splice(0)) (w.check(m.state) ? w.resolve(m.state) : waiters.push(w));
    }
    return posted;
  };
  return {
    states,
    next: (check) => new Promise((resolve) => {
      const found = states.find(check);
      if (found) resolve(found);
      else waiters.push({ check, resolve });
    }),
    dispose: () => { panel.postMessage = original; },
  };
}

describe('timer: commands, status bar and panel in a real VS Code', () => {
  let a: SdiApi;
  before(async () => { a = await api(); });
  beforeEach(async () => { await vscode.commands.executeCommand('sdi.resetTimer'); });
  after(async () => {
    await vscode.commands.executeCommand('sdi.resetTimer');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers the timer commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['sdi.startInterview', 'sdi.startInterviewWithProblem', 'sdi.pauseResumeTimer', 'sdi.nextPhase', 'sdi.previousPhase',
      'sdi.extendPhase', 'sdi.resetTimer', 'sdi.finishInterview', 'sdi.insertPhaseTimes', 'sdi.showTimer']) {
      assert.ok(all.includes(c), `${c} is not registered`);
    }
  });

  it('Start Interview opens the problem in the panel, starts the timer, and the status bar shows the phase and time left', async () => {
    const posts = recordTimerPosts(a);
    try {
      const started = await vscode.commands.executeCommand('sdi.startInterview', `problem:${FEED}`);
      assert.strictEqual(started, FEED);
      assert.strictEqual(a.panel.currentItemId, `problem:${FEED}`);
      assert.strictEqual(a.timer.service.state.status, 'running');
      const item = a.timer.statusBar.item;
      assert.match(item.text, /^\$\(watch\) Problem Introduction [45]:\d\d left$/);
      assert.strictEqual(item.command, 'sdi.showTimer');
      assert.strictEqual(item.backgroundColor, undefined);
      assert.match(item.accessibilityInformation?.label ?? '', /Phase 1 of 5: Problem Introduction, 5 minutes left/);
      // the webview (once ready) is sent the timer with the problem
      const shown = await posts.next((s) => s.status === 'running' && s.problemId === FEED);
      assert.strictEqual(shown.problemTitle, 'Design a Global Social Media Feed');
      assert.deepStrictEqual(shown.phases.map((p) => p.title), ['Problem Introduction', 'Requirements & Constraints', 'High-Level Architecture', 'Deep Dive & Scaling', 'Wrap-up & Advanced Topics']);
      assert.ok(shown.guidance.some((g) => g.title === 'Interviewer Mindset' && g.html.includes('Technical Peer')), 'the first phase\'s guidance is missing');
    } finally {
      posts.dispose();
    }
  });

  it('the commands drive the timer and the status bar follows', async () => {
    const item = a.timer.statusBar.item;
    await vscode.commands.executeCommand('sdi.startInterview', FEED);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.pauseResumeTimer'), 'paused');
    assert.match(item.text, /^\$\(debug-pause\) Problem Introduction \d:\d\d left \(paused\)$/);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.pauseResumeTimer'), 'running');
    // the title bar's play button while paused is the same toggle
    assert.strictEqual(await vscode.commands.executeCommand('sdi.pauseResumeTimer'), 'paused');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.resumeTimer'), 'running');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.nextPhase'), 'requirements');
    assert.match(item.text, /^\$\(watch\) Requirements & Constraints (10:00|9:5\d) left$/);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.extendPhase', 5), 15 * MIN);
    assert.match(item.text, /Requirements & Constraints (15:00|14:5\d) left/);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.extendPhase', -3), undefined, 'a negative extension was accepted');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.previousPhase'), 'introduction');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.previousPhase'), 'introduction');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('sdi.nextPhase');
    assert.strictEqual(a.timer.service.view().current?.id, 'wrap-up');
    assert.match(item.text, /Wrap-up & Advanced Topics/);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.finishInterview'), 'finished');
    assert.match(item.text, /^\$\(check\) Interview finished \d+:\d\d$/);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.resetTimer'), 'idle');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.nextPhase'), undefined, 'a reset timer moved');
  });

  it('the tree\'s "Start Interview with This Problem" takes the problem node', async () => {
    const node = a.library.problemNode('distributed-payment-processing');
    assert.ok(node);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.startInterviewWithProblem', node), 'distributed-payment-processing');
    assert.strictEqual(a.panel.currentItemId, 'problem:distributed-payment-processing');
    assert.strictEqual(a.timer.service.problem()?.title, 'Design a Distributed Payment Processing System');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.resetTimer'), 'idle');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.startInterview', 'problem:no-such-problem'), undefined);
    assert.strictEqual(a.timer.service.state.status, 'idle');
  });

  it('the state is in workspaceState and survives deactivation: a second service over the same memento restores it', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED);
    await vscode.commands.executeCommand('sdi.nextPhase');
    await vscode.commands.executeCommand('sdi.extendPhase', 3);
    await vscode.commands.executeCommand('sdi.pauseResumeTimer');
    const memento = a.timer.service.memento;
    assert.strictEqual((memento.get(TIMER_STATE_KEY) as { status?: string }).status, 'paused');
    const again = new TimerService(memento, a.library, { settings: settings() });
    try {
      assert.strictEqual(again.restoreError, undefined);
      assert.deepStrictEqual(again.view(), a.timer.service.view());
      assert.strictEqual(again.view().current?.title, 'Requirements & Constraints');
      assert.strictEqual(again.view().current?.plannedMs, 13 * MIN);
      assert.strictEqual(again.problem()?.id, FEED);
    } finally {
      again.dispose();
    }
  });

  it('a corrupt persisted state gives an idle timer and no crash', async () => {
    const memento = new MemoryMemento();
    await memento.update(TIMER_STATE_KEY, { version: 1, status: 'running', plan: 'garbage' });
    const s = new TimerService(memento, a.library, { settings: settings() });
    try {
      assert.strictEqual(s.state.status, 'idle');
      assert.ok(s.restoreError);
      assert.strictEqual(memento.get(TIMER_STATE_KEY), undefined, 'the corrupt state was kept');
    } finally {
      s.dispose();
    }
  });

  it('shows the overrun on the warning background once a phase is past its time', async () => {
    let now = Date.UTC(2026, 0, 5, 9);
    const s = new TimerService(new MemoryMemento(), a.library, { now: () => now, settings: settings(), tickMs: 60_000 });
    const bar = new TimerStatusBar(s);
    try {
      s.start(FEED);
      now += 4 * MIN;
      s.tick();
      assert.strictEqual(bar.item.text, '$(watch) Problem Introduction 1:00 left');
      assert.strictEqual(bar.item.backgroundColor, undefined);
      now += 2 * MIN + 5000;
      s.tick();
      assert.strictEqual(bar.item.text, '$(warning) Problem Introduction +1:05 over');
      const colour: unknown = bar.item.backgroundColor;
      assert.ok(colour instanceof vscode.ThemeColor);
      assert.strictEqual(colour.id, 'statusBarItem.warningBackground');
      assert.match(bar.item.accessibilityInformation?.label ?? '', /2 minutes over/);
    } finally {
      bar.dispose();
      s.dispose();
    }
  });

  it('notifies before a phase ends and when it ends, each once, and auto-advances when asked', async () => {
    let now = Date.UTC(2026, 0, 5, 9);
    const s = new TimerService(new MemoryMemento(), a.library, { now: () => now, settings: settings({ notifications: true, autoAdvance: true }), tickMs: 60_000 });
    const alerts: string[] = [];
    s.onDidAlert((al) => alerts.push(`${al.kind}:${al.title}`));
    try {
      s.start(FEED);
      now += 3 * MIN + 30_000;
      s.tick();
      s.tick();
      assert.deepStrictEqual(alerts, ['warning:Problem Introduction']);
      now += 2 * MIN;
      s.tick();
      assert.deepStrictEqual(alerts, ['warning:Problem Introduction', 'ended:Problem Introduction']);
      assert.strictEqual(s.view().current?.title, 'Requirements & Constraints');
      assert.strictEqual(s.view().current?.elapsedMs, 30_000);
    } finally {
      s.dispose();
    }
  });

  it('a 45-minute plan from the settings replaces the guide\'s; a bad one is refused with the guide\'s plan used', async () => {
    const cfg = () => vscode.workspace.getConfiguration('sdi.timer');
    try {
      await cfg().update('phases', [
        { id: 'introduction', title: 'Intro', minutes: 5 }, { id: 'requirements', title: 'Requirements', minutes: 8 },
        { id: 'architecture', title: 'Architecture', minutes: 12 }, { id: 'deep-dive', title: 'Deep Dive', minutes: 15 },
        { id: 'wrap-up', title: 'Wrap-up', minutes: 5 },
      ], vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('sdi.startInterview', FEED);
      let v = a.timer.service.view();
      assert.strictEqual(v.planSource, 'settings');
      assert.strictEqual(v.plannedTotalMs, 45 * MIN);
      assert.match(a.timer.statusBar.item.text, /Intro [45]:\d\d left/);
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('sdi.nextPhase');
      const steps = a.timer.service.deepDiveSteps();
      assert.deepStrictEqual(steps.map((st) => st.title), ['Feed Generation Strategies', 'Data Sharding Strategy', 'Consistency and Availability']);
      assert.strictEqual(steps[2].endMs, 15 * MIN, 'the areas were not fitted into the shorter deep dive');
      assert.strictEqual(steps[0].state, 'current');
      await vscode.commands.executeCommand('sdi.resetTimer');

      await cfg().update('phases', [{ title: 'Intro', minutes: -5 }], vscode.ConfigurationTarget.Workspace);
      const { error } = a.timer.service.plan();
      assert.match(error ?? '', /sdi\.timer\.phases\[0\]\.minutes: must be a positive number of minutes/);
      await vscode.commands.executeCommand('sdi.startInterview', FEED);
      v = a.timer.service.view();
      assert.strictEqual(v.planSource, 'guide');
      assert.strictEqual(v.plannedTotalMs, 60 * MIN);
    } finally {
      await cfg().update('phases', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Insert Phase Times writes actual against planned minutes at the cursor', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED);
    await vscode.commands.executeCommand('sdi.nextPhase');
    await vscode.commands.executeCommand('sdi.finishInterview');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '## Feedback\n\nTIMES\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('TIMES');
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + 'TIMES'.length));
    const text = await vscode.commands.executeCommand<string>('sdi.insertPhaseTimes');
    assert.ok(text);
    const body = doc.getText();
    assert.ok(body.startsWith('## Feedback\n\n**Phase times (Design a Global Social Media Feed):** actual / planned minutes\n'), body);
    assert.match(body, /^- Problem Introduction: 0 \/ 5$/m);
    assert.match(body, /^- Deep Dive & Scaling: 0 \/ 25$/m);
    assert.match(body, /^- Total: 0 \/ 60$/m);
    assert.ok(!body.includes('TIMES'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
