/**
 * The getting-started walkthrough in the real extension host: contributed steps, Get Started, its
 * fallback, shortcuts, and the context keys that say which steps have been done in the workspace.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LoadedApi } from '../../src/extension';
import { readWalkthrough, STEP_DONE_KEYS, type StepId } from '../../src/core/walkthrough';
import { GuideLibrary } from '../../src/guideLibrary';
import { TimerService } from '../../src/timer/timerService';
import { WalkthroughProgress, type GetStartedResult, type ProgressSources } from '../../src/walkthrough';
import { TEAM_KIT } from '../fixtures/teamKit';
import { EXTENSION_ID, MemoryMemento, allTabs, api, extension, knownState, nextPick, root, whenTabs } from './helpers';

const WALKTHROUGH_ID = 'sdi.firstInterview';

/** `ctrl+shift+alt+]` and `shift+ctrl+alt+]` alike: modifiers sorted, lower case. */
function normaliseKey(key: string): string {
  return key.toLowerCase().split(' ').map((chord) => {
    const parts = chord.split('+');
    const last = parts.pop() ?? '';
    return [...parts.sort(), last].join('+');
  }).join(' ');
}

describe('walkthrough (getting started) in the extension host', function () {
  this.timeout(60_000);
  before(knownState);

  before(async () => { await extension().activate(); });

  after(knownState);

  it('contributes the walkthrough with steps whose buttons run registered commands and whose media exist', async () => {
    const ext = extension();
    const w = readWalkthrough(ext.packageJSON, WALKTHROUGH_ID);
    assert.ok(w, 'the manifest has no walkthrough sdi.firstInterview');
    assert.equal(w.title, 'Run a system design interview', 'the title is not localised');
    assert.ok(w.steps.length >= 4 && w.steps.length <= 6);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const s of w.steps) {
      assert.ok(s.button, `${s.id} has no button`);
      assert.ok(registered.has(s.button.command), `${s.id}: ${s.button.command} is not a registered command`);
      assert.ok(s.media, `${s.id} has no media`);
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, s.media));
      assert.ok(stat.size > 0, `${s.media} is empty`);
      for (const e of s.completionEvents.filter((c) => c.startsWith('onCommand:'))) {
        assert.ok(registered.has(e.slice('onCommand:'.length)), `${s.id}: ${e} names no registered command`);
      }
    }
  });

  it('Interview: Get Started opens the walkthrough in the editor area', async () => {
    const before = allTabs().filter((t) => t.label === 'Welcome').length;
    const result = await vscode.commands.executeCommand<GetStartedResult>('sdi.getStarted');
    assert.deepEqual(result, { shown: 'walkthrough' });
    await whenTabs(() => allTabs().some((t) => t.label === 'Welcome' && t.isActive), 'the Welcome tab');
    assert.ok(allTabs().filter((t) => t.label === 'Welcome').length >= Math.max(before, 1));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('without walkthroughs it lists the steps, and a chosen step runs its command', async () => {
    // Enter at once, as a fast typist presses it: it reaches the workbench right after the list (the
    // command shows it before this line runs), and chooses its highlighted row, the first step (Open
    // the guide), only if the list came with its rows (a list whose rows follow it took no Enter).
    const a = await api();
    const stepPick = nextPick(a, "the first step's pick of a guide item", (qp) => qp.placeholder === 'Open a guide item');
    const done = vscode.commands.executeCommand<GetStartedResult>('sdi.getStarted', { forceList: true });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    // Then Escape on that step's own pick of a guide item, once it shows (an Enter lost on the list
    // ends Get Started with no step run, and this pick never shows).
    await stepPick;
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(await done, { shown: 'list', ran: 'sdi.openItem' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('binds Add Note, Next Phase and Pause/Resume to keys no default keybinding of this VS Code uses', async () => {
    const manifest = extension().packageJSON as { contributes: { keybindings: { command: string; key: string }[] } };
    const ours = ['sdi.addNote', 'sdi.nextPhase', 'sdi.pauseResumeTimer'].map((c) => {
      const kb = manifest.contributes.keybindings.find((k) => k.command === c);
      assert.ok(kb, `${c} has no keybinding`);
      return { command: c, key: normaliseKey(kb.key) };
    });
    // The workbench's own list (Preferences: Open Default Keyboard Shortcuts (JSON)), this platform's keys.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const defaults = [...doc.getText().matchAll(/\{\s*"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({ key: normaliseKey(m[1]), command: m[2] }));
    assert.ok(defaults.length > 500, `only ${defaults.length} default keybindings read`);
    const clashes = ours.flatMap((o) => defaults.filter((d) => !d.command.startsWith('sdi.') && !d.command.startsWith('-') && (d.key === o.key || d.key.startsWith(`${o.key} `))).map((d) => `${o.command} ${o.key} = ${d.command}`));
    assert.deepEqual(clashes, []);
  });
});

/** What a progress asked of the workbench: each context key's last value, and the steps it marked complete. */
function recorder() {
  const keys = new Map<string, boolean>();
  const marked: string[] = [];
  const waiters: { test: () => boolean; resolve: () => void }[] = [];
  const settle = () => { for (const w of waiters.splice(0)) if (w.test()) w.resolve(); else waiters.push(w); };
  return {
    keys, marked,
    calls: {
      setContext: (key: string, value: boolean) => { keys.set(key, value); settle(); return Promise.resolve(); },
      markStepComplete: (id: string) => { marked.push(id); settle(); return Promise.resolve(); },
    },
    /** Resolves once the step's key is true and the step was marked; fails after `ms`. */
    done(step: StepId, ms = 20_000): Promise<void> {
      const test = () => keys.get(STEP_DONE_KEYS[step]) === true && marked.some((m) => m.endsWith(`#${step}`));
      if (test()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${step} was not marked done within ${ms} ms; keys ${JSON.stringify([...keys])}`)), ms);
        waiters.push({ test, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    },
  };
}

const WALKTHROUGH_FULL_ID = `${EXTENSION_ID}#${WALKTHROUGH_ID}`;

describe('walkthrough progress: a step is ticked when its thing has been done in the workspace, whenever that was', function () {
  this.timeout(90_000);
  before(knownState);
  let a: LoadedApi;
  const cleanup: (() => Thenable<unknown>)[] = [];

  before(async () => {
    a = (await extension().activate());
  });
  afterEach(async () => {
    for (const undo of cleanup.splice(0).reverse()) await undo();
  });

  const writeFile = async (uri: vscode.Uri, text: string) => {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  };
  const remove = (uri: vscode.Uri) => () => vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);

  /**
   * A feedback glob and folder of the test's own (set until the test ends), so feedback files other
   * tests leave behind, and the file watcher's late news of them, do not count.
   */
  const feedbackDir = async (name: string): Promise<vscode.Uri> => {
    const config = vscode.workspace.getConfiguration('sdi');
    await config.update('feedback.glob', `**/${name}/**/*.md`, vscode.ConfigurationTarget.Workspace);
    const dir = vscode.Uri.joinPath(root(), name);
    cleanup.push(() => config.update('feedback.glob', undefined, vscode.ConfigurationTarget.Workspace), remove(dir));
    // The folder exists, and the workspace's file watcher has seen it, before a file is written in it:
    // the watcher learns of a new folder's files only once it watches the folder, and a file written
    // with its folder in one go (as vscode.workspace.fs.writeFile does) can come before that.
    const seen = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(root(), name), false, true, true);
    try {
      const created = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the file watcher did not report the new folder ${name} within 20 s`)), 20_000);
        seen.onDidCreate(() => { clearTimeout(timer); resolve(); });
      });
      await remove(dir)();
      await vscode.workspace.fs.createDirectory(dir);
      await created;
    } finally {
      seen.dispose();
    }
    return dir;
  };

  after(knownState);

  it('sets the keys at activation from what the workspace holds: a remembered step, an interview under way, a loaded kit, a feedback file', async () => {
    await writeFile(vscode.Uri.joinPath(await feedbackDir('walkthrough-activation'), 'ada.md'), '# Feedback\n');
    const workspaceState = new MemoryMemento();
    await workspaceState.update('sdi.walkthrough.done', ['sdi.openGuide', 'not-a-step']);
    // An interview restored at activation: a timer over state where one is under way.
    const timer = new TimerService(new MemoryMemento(), a.library);
    cleanup.push(() => Promise.resolve(timer.dispose()));
    timer.start('global-social-media-feed');
    const library = new GuideLibrary(a.library.content, a.library.builtIn);
    cleanup.push(() => Promise.resolve(library.dispose()));
    library.update({ kits: [{ ...a.library.builtIn, id: 'mini', name: 'Mini Kit', builtIn: false }], restricted: false });
    const rec = recorder();
    const progress = new WalkthroughProgress({ workspaceState, globalState: new MemoryMemento() }, WALKTHROUGH_FULL_ID, { library, panel: a.panel, timer, notes: a.notes }, rec.calls);
    cleanup.push(() => Promise.resolve(progress.dispose()));
    await progress.searched;
    assert.deepStrictEqual(progress.doneSteps(), ['sdi.openGuide', 'sdi.startInterview', 'sdi.feedback', 'sdi.teamKit']);
    assert.deepStrictEqual(Object.fromEntries(rec.keys), { 'sdi.guideItemOpened': true, 'sdi.interviewHasRun': true, 'sdi.kitLoaded': true, 'sdi.feedbackExists': true });
    assert.deepStrictEqual([...rec.marked].sort(), ['sdi.feedback', 'sdi.openGuide', 'sdi.startInterview', 'sdi.teamKit'].map((s) => `${WALKTHROUGH_FULL_ID}#${s}`));
    assert.deepStrictEqual(workspaceState.get<string[]>('sdi.walkthrough.done')?.sort(), progress.doneSteps().sort());
  });

  it('marks each step once per profile: a second window sets the keys and leaves the ticks to VS Code\'s stored progress', async () => {
    const workspaceState = new MemoryMemento();
    const globalState = new MemoryMemento();
    await workspaceState.update('sdi.walkthrough.done', ['sdi.takeNote']);
    const sources: ProgressSources = { library: a.library, panel: a.panel, timer: new TimerService(new MemoryMemento(), a.library), notes: a.notes };
    cleanup.push(() => Promise.resolve((sources.timer as TimerService).dispose()));
    const first = recorder();
    new WalkthroughProgress({ workspaceState, globalState }, WALKTHROUGH_FULL_ID, sources, first.calls).dispose();
    const second = recorder();
    new WalkthroughProgress({ workspaceState, globalState }, WALKTHROUGH_FULL_ID, sources, second.calls).dispose();
    assert.deepStrictEqual(first.marked, [`${WALKTHROUGH_FULL_ID}#sdi.takeNote`]);
    assert.deepStrictEqual(second.marked, []);
    assert.strictEqual(second.keys.get('sdi.noteTaken'), true);
  });

  it('marks the steps as they are done: an item shown, an interview started, a note written, a feedback file, sdi-feedback in a terminal', async () => {
    const probe = await feedbackDir('walkthrough-live');
    const rec = recorder();
    const progress = new WalkthroughProgress({ workspaceState: new MemoryMemento(), globalState: new MemoryMemento() }, WALKTHROUGH_FULL_ID, { library: a.library, panel: a.panel, timer: a.timer.service, notes: a.notes }, rec.calls);
    cleanup.push(() => Promise.resolve(progress.dispose()));
    cleanup.push(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
    await progress.searched;
    assert.ok(a.timer.service.state.status === 'idle' || a.timer.service.state.status === 'finished', `an interview is under way: ${a.timer.service.state.status}`);
    assert.deepStrictEqual(progress.doneSteps(), [], 'the test workspace starts with steps done');

    await vscode.commands.executeCommand('sdi.openItem', 'topic:circuit-breaker');
    await rec.done('sdi.openGuide');

    cleanup.push(() => vscode.commands.executeCommand('sdi.resetTimer', { confirm: false }));
    await vscode.commands.executeCommand('sdi.startInterview', 'global-social-media-feed', { candidate: null });
    await rec.done('sdi.startInterview');

    // The first note creates the interview's feedback file (a file of the extension's glob, not the test's).
    const note = await vscode.commands.executeCommand<{ written: boolean; uri?: string }>('sdi.addNote', { text: 'walkthrough note' });
    assert.ok(note?.written && note.uri, `the note was not written: ${JSON.stringify(note)}`);
    cleanup.push(remove(vscode.Uri.parse(note.uri)));
    await rec.done('sdi.takeNote');
    assert.ok(!progress.isDone('sdi.feedback'), 'a file outside the feedback glob counted as feedback');

    await writeFile(vscode.Uri.joinPath(probe, 'grace.md'), '# Feedback\n');
    await rec.done('sdi.feedback');

    const terminal = vscode.window.createTerminal({ name: 'walkthrough test' });
    cleanup.push(() => Promise.resolve(terminal.dispose()));
    const shell = await new Promise<vscode.TerminalShellIntegration>((resolve, reject) => {
      if (terminal.shellIntegration) return resolve(terminal.shellIntegration);
      const timer = setTimeout(() => { sub.dispose(); reject(new Error('the terminal got no shell integration within 20 s')); }, 20_000);
      const sub = vscode.window.onDidChangeTerminalShellIntegration((e) => {
        if (e.terminal !== terminal) return;
        clearTimeout(timer);
        sub.dispose();
        resolve(e.shellIntegration);
      });
    });
    // The command line is what counts (the checker need not be installed in the test workspace).
    shell.executeCommand('echo sdi-feedback --version');
    await rec.done('sdi.cli');

    assert.ok(!progress.isDone('sdi.teamKit'));
    // The extension's own progress saw the same.
    for (const step of ['sdi.openGuide', 'sdi.startInterview', 'sdi.takeNote', 'sdi.cli'] as const) assert.ok(a.walkthrough.isDone(step), `${step} is not done in the extension's progress`);
  });

  it('marks "Add your team\'s kit" when a kit loads, not when New Problem only offered to create one (issue 23, item 3)', async () => {
    assert.ok(!a.library.workspaceKits.some((k) => k.ok), 'the test workspace starts with a kit');
    const rec = recorder();
    const progress = new WalkthroughProgress({ workspaceState: new MemoryMemento(), globalState: new MemoryMemento() }, WALKTHROUGH_FULL_ID, { library: a.library, panel: a.panel, timer: a.timer.service, notes: a.notes }, rec.calls);
    cleanup.push(() => Promise.resolve(progress.dispose()));
    // Without a kit New Problem shows a message offering to create kit.yaml: closed unanswered, nothing is added.
    const offered = vscode.commands.executeCommand('sdi.newProblem');
    await vscode.commands.executeCommand('notifications.clearAll');
    assert.strictEqual(await offered, undefined);
    assert.ok(!progress.isDone('sdi.teamKit'));
    assert.ok(!rec.marked.some((m) => m.endsWith('#sdi.teamKit')));

    const kit = vscode.Uri.joinPath(root(), '.interview-kit');
    cleanup.push(async () => {
      await vscode.workspace.fs.delete(kit, { recursive: true, useTrash: false });
      await new Promise<void>((resolve) => {
        if (!a.library.workspaceKits.length) return resolve();
        const sub = a.library.onDidChange(() => { if (!a.library.workspaceKits.length) { sub.dispose(); resolve(); } });
      });
    });
    for (const [rel, text] of Object.entries(TEAM_KIT)) await writeFile(vscode.Uri.joinPath(kit, ...rel.split('/')), text);
    await rec.done('sdi.teamKit');
    assert.strictEqual(rec.keys.get('sdi.kitLoaded'), true);
    assert.ok(a.walkthrough.isDone('sdi.teamKit'));
  });
});
