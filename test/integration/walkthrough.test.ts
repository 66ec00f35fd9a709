/** The getting-started walkthrough in the real extension host: contributed steps, Get Started, its fallback, shortcuts. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { readWalkthrough } from '../../src/core/walkthrough';
import type { GetStartedResult } from '../../src/walkthrough';
import { allTabs, extension, whenTabs } from './helpers';

const WALKTHROUGH_ID = 'sdi.firstInterview';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

  before(async () => { await extension().activate(); });

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
    // Accept the first row of whatever quick pick is open, until the command settles: first the
    // steps' list (its first row: Open the guide), then that step's own pick of a guide item. The
    // extension host cannot see when a quick pick has its rows: an accept that lands while the list
    // is still opening closes it unchosen, so that attempt is run again, waiting longer first.
    let result: GetStartedResult | undefined;
    for (let attempt = 1; attempt <= 5 && !(result && 'ran' in result && result.ran); attempt++) {
      let settled = false;
      const done = vscode.commands.executeCommand<GetStartedResult>('sdi.getStarted', { forceList: true }).then((r) => { settled = true; return r; });
      await Promise.race([done, sleep(400 * attempt)]);
      for (let i = 0; i < 60 && !settled; i++) {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        await Promise.race([done, sleep(250)]);
      }
      result = await done;
    }
    assert.deepEqual(result, { shown: 'list', ran: 'sdi.openItem' });
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
