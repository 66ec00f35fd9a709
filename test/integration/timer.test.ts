/** The interview timer in the real extension host: commands, status bar, persistence, the panel. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LoadedApi } from '../../src/extension';
import type { HostMessage, TimerDisplayState } from '../../src/protocol';
import { TimerService, TimerStatusBar } from '../../src/timer';
import { TIMER_STATE_KEY, type TimerSettings } from '../../src/timer/timerService';
import { timerDisplayState } from '../../src/timer/timerPanel';
import { GuideLibrary } from '../../src/guideLibrary';
import type { LoadedKit } from '../../src/core/kit';
import { MemoryMemento, api, knownState } from './helpers';

const MIN = 60_000;
const FEED = 'global-social-media-feed';

/** Reset Timer without its confirmation (a modal would wait for an answer no test gives). */
const resetQuietly = () => vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });

const settings = (over: Partial<TimerSettings> = {}): (() => TimerSettings) => () => ({ phases: [], notifications: false, warningMinutes: 2, autoAdvance: false, ...over });

/** Records the timer states the panel posts to its webview (only those that reached a ready webview). */
function recordTimerPosts(a: LoadedApi): { states: TimerDisplayState[]; next(check: (s: TimerDisplayState) => boolean): Promise<TimerDisplayState>; dispose(): void } {
  const panel = a.panel as unknown as { postMessage: (m: HostMessage) => boolean };
  const original = panel.postMessage;
  const states: TimerDisplayState[] = [];
  const waiters: { check: (s: TimerDisplayState) => boolean; resolve: (s: TimerDisplayState) => void }[] = [];
  panel.postMessage = function (m: HostMessage) {
    const posted = original.call(this, m);
    if (posted && m.type === 'timerState') {
      states.push(m.state);
      for (const w of waiters.splice(0)) {
        if (w.check(m.state)) w.resolve(m.state);
        else waiters.push(w);
      }
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
  before(knownState);
  let a: LoadedApi;
  before(async () => { a = await api('timer'); });
  beforeEach(async () => { await resetQuietly(); });
  after(async () => {
    await resetQuietly();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(knownState);

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
      const started = await vscode.commands.executeCommand('sdi.startInterview', `problem:${FEED}`, { candidate: null });
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
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
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
    assert.strictEqual(await resetQuietly(), 'idle');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.nextPhase'), undefined, 'a reset timer moved');
  });

  it('the tree\'s "Start Interview with This Problem" takes the problem node', async () => {
    const node = a.library.problemNode('distributed-payment-processing');
    assert.ok(node);
    assert.strictEqual(await vscode.commands.executeCommand('sdi.startInterviewWithProblem', node, { candidate: null }), 'distributed-payment-processing');
    assert.strictEqual(a.panel.currentItemId, 'problem:distributed-payment-processing');
    assert.strictEqual(a.timer.service.problem()?.title, 'Design a Distributed Payment Processing System');
    assert.strictEqual(await resetQuietly(), 'idle');
    assert.strictEqual(await vscode.commands.executeCommand('sdi.startInterview', 'problem:no-such-problem', { candidate: null }), undefined);
    assert.strictEqual(a.timer.service.state.status, 'idle');
  });

  it('the state is in workspaceState and survives deactivation: a second service over the same memento restores it', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
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

  it('shows the overrun on the warning background once a phase is past its time', () => {
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

  it('notifies before a phase ends and when it ends, each once, and auto-advances when asked', () => {
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
      await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
      let v = a.timer.service.view();
      assert.strictEqual(v.planSource, 'settings');
      assert.strictEqual(v.plannedTotalMs, 45 * MIN);
      assert.match(a.timer.statusBar.item.text, /Intro [45]:\d\d left/);
      for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('sdi.nextPhase');
      const steps = a.timer.service.deepDiveSteps();
      assert.deepStrictEqual(steps.map((st) => st.title), ['Feed Generation Strategies', 'Data Sharding Strategy', 'Consistency and Availability']);
      assert.strictEqual(steps[2].endMs, 15 * MIN, 'the areas were not fitted into the shorter deep dive');
      assert.strictEqual(steps[0].state, 'current');
      await resetQuietly();

      await cfg().update('phases', [{ title: 'Intro', minutes: -5 }], vscode.ConfigurationTarget.Workspace);
      const { error } = a.timer.service.plan();
      assert.match(error ?? '', /sdi\.timer\.phases\[0\]\.minutes: must be a positive number of minutes/);
      await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
      v = a.timer.service.view();
      assert.strictEqual(v.planSource, 'guide');
      assert.strictEqual(v.plannedTotalMs, 60 * MIN);
    } finally {
      await cfg().update('phases', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Insert Phase Times writes actual against planned minutes at the cursor', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
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
    // a phase run for a few milliseconds reads 0, one never reached "–" (issue 12)
    assert.match(body, /^- Problem Introduction: (0|–) \/ 5$/m);
    assert.match(body, /^- Deep Dive & Scaling: – \/ 25$/m);
    assert.match(body, /^- Total: 0 \/ 60$/m);
    assert.ok(!body.includes('TIMES'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});

type MessageKind = 'showWarningMessage' | 'showInformationMessage';
interface MessageCall { kind: MessageKind; message: string; options?: vscode.MessageOptions; items: string[] }

/**
 * Stands in for `window.showWarningMessage` / `showInformationMessage` (modals included, which no
 * test could answer): records each message and answers it with `answer`'s pick.
 */
function stubMessages(answer: (call: MessageCall) => string | undefined | Thenable<string | undefined>) {
  const w = vscode.window as unknown as Record<MessageKind, (...args: unknown[]) => Thenable<unknown>>;
  const kinds: MessageKind[] = ['showWarningMessage', 'showInformationMessage'];
  const originals = kinds.map((k) => w[k]);
  const calls: MessageCall[] = [];
  const waiters: { check: (c: MessageCall) => boolean; resolve: (c: MessageCall) => void }[] = [];
  for (const kind of kinds) {
    w[kind] = (message: unknown, ...rest: unknown[]) => {
      const options = rest[0] !== null && typeof rest[0] === 'object' ? (rest.shift() as vscode.MessageOptions) : undefined;
      const call: MessageCall = { kind, message: String(message), options, items: rest as string[] };
      calls.push(call);
      for (const wt of waiters.splice(0)) {
        if (wt.check(call)) wt.resolve(call);
        else waiters.push(wt);
      }
      return Promise.resolve(answer(call));
    };
    assert.notStrictEqual(w[kind], originals[kinds.indexOf(kind)], `window.${kind} cannot be replaced in this host`);
  }
  return {
    calls,
    next: (check: (c: MessageCall) => boolean): Promise<MessageCall> => new Promise((resolve) => {
      const found = calls.find(check);
      if (found) resolve(found);
      else waiters.push({ check, resolve });
    }),
    dispose: () => kinds.forEach((k, i) => { w[k] = originals[i]; }),
  };
}

/** Resolves when the timer's state satisfies `check`. */
function timerState(a: LoadedApi, check: (s: TimerService['state']) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check(a.timer.service.state)) return resolve();
    const sub = a.timer.service.onDidChange(() => { if (check(a.timer.service.state)) { sub.dispose(); resolve(); } });
  });
}

describe('timer: issue 12 in a real VS Code (reset, last-phase alert, deep-dive minutes)', () => {
  before(knownState);
  let a: LoadedApi;
  before(async () => { a = await api('timer'); });
  beforeEach(async () => { await resetQuietly(); });
  after(async () => { await resetQuietly(); });

  after(knownState);

  it('1: Reset Timer asks while an interview runs, listing the phase times it would lose; Undo on the message puts the interview back', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
    await vscode.commands.executeCommand('sdi.nextPhase');
    let confirm: string | undefined;
    let undo!: (pick: string | undefined) => void;
    const undoPicked = new Promise<string | undefined>((r) => { undo = r; });
    const stub = stubMessages((c) => (c.options?.modal ? confirm : c.message === 'The interview timer was reset.' ? undoPicked : undefined));
    try {
      // Cancelled: nothing happens.
      assert.strictEqual(await vscode.commands.executeCommand('sdi.resetTimer'), 'running');
      const asked = stub.calls[0];
      assert.strictEqual(asked.kind, 'showWarningMessage');
      assert.strictEqual(asked.options?.modal, true);
      assert.strictEqual(asked.message, 'Design a Global Social Media Feed is under way. Reset the timer? Its phase times will be lost:');
      assert.match(asked.options?.detail ?? '', /^Problem Introduction: 0:0\d of 5 min\nRequirements & Constraints: 0:0\d of 10 min\nTotal: 0:0\d of 60 min$/);
      assert.deepStrictEqual(asked.items, ['Reset Timer']);
      assert.strictEqual(a.timer.service.state.status, 'running');
      // Paused asks too.
      await vscode.commands.executeCommand('sdi.pauseResumeTimer');
      assert.strictEqual(await vscode.commands.executeCommand('sdi.resetTimer'), 'paused');
      assert.strictEqual(stub.calls.filter((c) => c.options?.modal).length, 2);
      await vscode.commands.executeCommand('sdi.pauseResumeTimer');
      const before = a.timer.service.view();

      confirm = 'Reset Timer';
      assert.strictEqual(await vscode.commands.executeCommand('sdi.resetTimer'), 'idle');
      const offered = await stub.next((c) => c.message === 'The interview timer was reset.');
      assert.deepStrictEqual(offered.items, ['Undo']);
      assert.strictEqual(a.timer.service.state.status, 'idle');
      undo('Undo');
      await timerState(a, (s) => s.status === 'running');
      const after = a.timer.service.view();
      assert.strictEqual(after.problemId, FEED);
      assert.strictEqual(after.current?.id, 'requirements');
      assert.strictEqual(after.phases[0].actualMs, before.phases[0].actualMs, 'the first phase\'s time was not restored');
      assert.ok(after.phases[1].actualMs >= before.phases[1].actualMs);
      assert.match(a.timer.statusBar.item.text, /Requirements & Constraints/);
    } finally {
      stub.dispose();
    }
  });

  it('1: a finished interview resets without asking; Undo after a new interview started changes nothing', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
    await vscode.commands.executeCommand('sdi.finishInterview');
    let undo!: (pick: string | undefined) => void;
    const undoPicked = new Promise<string | undefined>((r) => { undo = r; });
    const stub = stubMessages((c) => (c.message === 'The interview timer was reset.' ? undoPicked : undefined));
    try {
      assert.strictEqual(await vscode.commands.executeCommand('sdi.resetTimer'), 'idle');
      assert.ok(!stub.calls.some((c) => c.options?.modal), 'a finished interview asked');
      await vscode.commands.executeCommand('sdi.startInterview', 'distributed-payment-processing', { candidate: null });
      undo('Undo');
      await stub.next((c) => /can no longer be undone/.test(c.message));
      assert.strictEqual(a.timer.service.state.problemId, 'distributed-payment-processing');
      assert.strictEqual(a.timer.service.state.status, 'running');
    } finally {
      stub.dispose();
    }
  });

  it('2: with auto-advance the last phase\'s alert says there is no next phase and offers Finish and Extend; Finish ends the interview', async () => {
    const cfg = () => vscode.workspace.getConfiguration('sdi.timer');
    const stub = stubMessages((c) => (c.message.startsWith('Time is up for "Wrap-up"') ? 'Finish Interview' : undefined));
    try {
      await cfg().update('phases', [{ title: 'Warm-up', minutes: 0.02 }, { title: 'Wrap-up', minutes: 0.02 }], vscode.ConfigurationTarget.Workspace);
      await cfg().update('autoAdvance', true, vscode.ConfigurationTarget.Workspace);
      await cfg().update('notifications', true, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
      await timerState(a, (s) => s.status === 'finished');
      const moved = stub.calls.find((c) => c.message.startsWith('Time is up for "Warm-up"'));
      assert.deepStrictEqual(moved && [moved.message, moved.items], ['Time is up for "Warm-up". Moving on to the next phase.', []]);
      const last = stub.calls.find((c) => c.message.startsWith('Time is up for "Wrap-up"'));
      assert.ok(last, 'no alert for the last phase');
      assert.doesNotMatch(last.message, /Moving on/);
      assert.match(last.message, /It is the last phase: there is no next phase\./);
      assert.deepStrictEqual(last.items, ['Finish Interview', 'Extend 5 Minutes']);
      // 5: the finish message counts in words
      const done = await stub.next((c) => c.message.startsWith('Interview finished after'));
      assert.strictEqual(done.message, 'Interview finished after less than a minute.');
    } finally {
      stub.dispose();
      for (const key of ['phases', 'autoAdvance', 'notifications']) await cfg().update(key, undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('5: a short custom plan\'s deep-dive areas show scaled whole minutes to the panel, and skipped phases as not run', async () => {
    const cfg = () => vscode.workspace.getConfiguration('sdi.timer');
    try {
      await cfg().update('phases', [{ title: 'Intro', minutes: 1 }, { id: 'deep-dive', title: 'Deep Dive', minutes: 4, deepDive: true }, { title: 'Wrap-up', minutes: 1 }], vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
      await vscode.commands.executeCommand('sdi.nextPhase');
      const shown = timerDisplayState(a.timer.service, a.library);
      // 10 + 8 + 7 guide minutes in 4: 2, 1 and 1 minutes, in windows 0–2, 2–3, 3–4
      assert.deepStrictEqual(shown.deepDive.map((d) => [d.minutes, d.startMs / MIN, d.endMs / MIN]), [[2, 0, 2], [1, 2, 3], [1, 3, 4]]);
      await vscode.commands.executeCommand('sdi.finishInterview');
      assert.deepStrictEqual(timerDisplayState(a.timer.service, a.library).phases.map((p) => p.state), ['done', 'done', 'skipped']);
      assert.match((a.timer.statusBar.item.tooltip as vscode.MarkdownString).value, /\| Wrap\\?-up \| 1 min \| – \|/);
    } finally {
      await cfg().update('phases', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe('timer: the plan follows the problem\'s kit', () => {
  before(knownState);
  let a: LoadedApi;
  before(async () => { a = await api('timer'); });

  /** A library of its own holding a team kit with a 30-minute plan and one problem (the extension's library is left alone). */
  function libraryWithKit(): GuideLibrary {
    const builtIn = a.library.builtIn;
    const kit: LoadedKit = {
      ...builtIn, id: 'mini', name: 'Mini Kit', builtIn: false, root: '/nowhere/.interview-kit', guide: undefined, outline: undefined,
      phases: { plan: 'Mini 30-minute plan', phases: [
        { id: 'intro', title: 'Intro', minutes: 5, guidance: [] },
        { id: 'deep-dive', title: 'Deep Dive', minutes: 20, deepDive: true, guidance: [] },
        { id: 'wrap-up', title: 'Wrap-up', minutes: 5, guidance: [] },
      ] },
      categories: [{ id: 'storage', title: 'Storage', examples: [], keyChallenges: [] }],
      problems: [{ id: 'kv-store', title: 'Design a Key-Value Store', category: 'storage', levels: ['senior'], tags: [], statement: 'A store.', followUps: [], signals: {},
        deepDives: [{ title: 'Replication', minutes: 12, points: [] }, { title: 'Compaction', minutes: 8, points: [] }] }],
      issues: [],
    };
    const library = new GuideLibrary(a.library.content, builtIn);
    library.update({ kits: [kit], restricted: false });
    return library;
  }

  after(knownState);

  it('a kit problem runs its kit\'s plan and deep dives, a built-in one the guide\'s; a stored kit key restores', () => {
    const library = libraryWithKit();
    const memento = new MemoryMemento();
    const s = new TimerService(memento, library, { settings: settings(), tickMs: 60_000 });
    try {
      s.start('mini/kv-store');
      assert.strictEqual(s.view().planTitle, 'Mini 30-minute plan');
      assert.strictEqual(s.view().plannedTotalMs, 30 * MIN);
      s.next();
      assert.deepStrictEqual(s.deepDiveSteps().map((st) => st.title), ['Replication', 'Compaction']);
      const again = new TimerService(memento, library, { settings: settings(), tickMs: 60_000 });
      try {
        assert.strictEqual(again.restoreError, undefined);
        assert.strictEqual(again.problemRef()?.key, 'mini/kv-store');
        assert.strictEqual(again.problem()?.title, 'Design a Key-Value Store');
      } finally {
        again.dispose();
      }
      s.start(FEED);
      assert.strictEqual(s.view().plannedTotalMs, 60 * MIN);
      assert.strictEqual(s.problemRef()?.kit.builtIn, true);
    } finally {
      s.dispose();
      library.dispose();
    }
  });

  it('the panel says the timer follows the kit\'s plan for a kit problem, the guide\'s for a built-in one', () => {
    const library = libraryWithKit();
    const s = new TimerService(new MemoryMemento(), library, { settings: settings(), tickMs: 60_000 });
    try {
      // Idle: the next interview runs the first kit's plan (a team kit before the built-in guide).
      assert.deepStrictEqual(pick(timerDisplayState(s, library)), { planTitle: 'Mini 30-minute plan', planSource: 'kit' });
      s.start('mini/kv-store');
      assert.deepStrictEqual(pick(timerDisplayState(s, library)), { planTitle: 'Mini 30-minute plan', planSource: 'kit' });
      s.start(FEED);
      assert.deepStrictEqual(pick(timerDisplayState(s, library)), { planTitle: a.library.builtIn.phases.plan, planSource: 'guide' });
    } finally {
      s.dispose();
      library.dispose();
    }
    function pick(d: TimerDisplayState) {
      return { planTitle: d.planTitle, planSource: d.planSource };
    }
  });

  it('sdi.timer.phases still overrides a kit\'s plan', () => {
    const library = libraryWithKit();
    const s = new TimerService(new MemoryMemento(), library, { settings: settings({ phases: [{ title: 'Only', minutes: 7 }] }), tickMs: 60_000 });
    try {
      s.start('mini/kv-store');
      assert.strictEqual(s.view().planSource, 'settings');
      assert.strictEqual(s.view().plannedTotalMs, 7 * MIN);
    } finally {
      s.dispose();
      library.dispose();
    }
  });
});
