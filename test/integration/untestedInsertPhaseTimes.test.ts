/**
 * Insert Phase Times from the guide panel: a click in the panel leaves no active text editor, so the
 * times go into a feedback document beside the panel (at its cursor, its selected text kept), and,
 * when only another document is beside it, to the clipboard instead of into that document.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FILLED, api, knownState, root, writeText } from './helpers';

const FEED = 'global-social-media-feed';

/** Focuses the guide panel's group (the first), as a click in the panel does, and resolves once no text editor is active. */
async function focusPanel(): Promise<void> {
  const inactive = new Promise<void>((resolve, reject) => {
    if (!vscode.window.activeTextEditor) return resolve();
    const guard = setTimeout(() => { sub.dispose(); reject(new Error(`a text editor stayed active: ${vscode.window.activeTextEditor?.document.uri.toString()}`)); }, 10_000);
    const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e) return;
      clearTimeout(guard);
      sub.dispose();
      resolve();
    });
  });
  await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
  await inactive;
}

const dir = () => vscode.Uri.joinPath(root(), 'untested-insert-phase-times');

/**
 * Shows the guide panel with the timer (in the first group) and the file `name` holding `content` beside
 * it, with `selected` selected. (Files, not untitled documents: an untitled document closed a moment
 * before can lend its name, and its text, to the next one.)
 */
async function besideThePanel(name: string, content: string, selected: string): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('sdi.showTimer');
  const uri = vscode.Uri.joinPath(dir(), name);
  await writeText(uri, content);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
  const at = content.indexOf(selected);
  editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + selected.length));
  return editor;
}

describe('timer: Insert Phase Times from the panel', () => {
  // Starts from the workspace as the fixture has it (helpers.ts): no kit or file of another suite.
  before(knownState);
  before(async () => {
    await api('panel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
  });
  afterEach(async () => {
    // The documents are reverted first: closing them dirty would ask whether to save them.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false });
  });

  it('writes the times into the feedback document beside the panel, at its cursor, keeping its selected text', async () => {
    const editor = await besideThePanel('feedback.md', `${FILLED}\nKEEP THIS\n`, 'KEEP THIS');
    await focusPanel();
    assert.ok(vscode.window.visibleTextEditors.includes(editor), 'the feedback document is not beside the panel');
    const text = await vscode.commands.executeCommand<string>('sdi.insertPhaseTimes');
    assert.match(text ?? '', /^\*\*Phase times \(Design a Global Social Media Feed\):\*\* actual \/ planned minutes\n/);
    assert.strictEqual(editor.document.getText(), `${FILLED}\nKEEP THIS${text}\n`);
  });

  it('with only another document beside the panel, copies them to the clipboard and leaves the document alone', async () => {
    await vscode.env.clipboard.writeText('before');
    const editor = await besideThePanel('meeting-notes.md', '# Meeting notes\n\nKEEP THIS\n', 'KEEP THIS');
    await focusPanel();
    const text = await vscode.commands.executeCommand<string>('sdi.insertPhaseTimes');
    assert.match(text ?? '', /^\*\*Phase times/);
    assert.strictEqual(editor.document.getText(), '# Meeting notes\n\nKEEP THIS\n');
    assert.strictEqual(await vscode.env.clipboard.readText(), text);
  });

  // Registered last, so it runs after this suite's own clean-up: leaves the workspace as the fixture has it.
  after(knownState);
});
