/** "Interview: New Feedback" in the real extension host: file name, pre-filled fields, never overwriting. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { NewFeedbackResult } from '../../src/feedback';
import { api, knownState, readText, root, writeText } from './helpers';

function today(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function field(text: string, label: string): string | undefined {
  return new RegExp(`^\\*\\*${label}:\\*\\*[ \\t]*(.*)$`, 'm').exec(text)?.[1];
}

describe('feedback: New Feedback command', () => {
  before(knownState);
  const created: vscode.Uri[] = [];

  before(async () => {
    await api();
    await vscode.workspace.getConfiguration('sdi.feedback').update('folder', 'scaffold-test/feedback', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('sdi.feedback').update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'scaffold-test'), { recursive: true, useTrash: false });
  });

  after(knownState);

  it('creates YYYY-MM-DD-<candidate>.md (the name keeps its letters) in sdi.feedback.folder, pre-filled, and opens it', async () => {
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Grace Hopper', vscode.ConfigurationTarget.Workspace);
    const { library } = await api();
    const problem = library.content.problems[1].title;
    const r = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: "Zoë O'Brien", problemTitle: problem });
    assert.ok(r, 'the command returned nothing');
    created.push(r.uri);
    assert.strictEqual(r.uri.toString(), vscode.Uri.joinPath(root(), 'scaffold-test', 'feedback', `${today()}-zoë-o-brien.md`).toString());
    const text = await readText(r.uri);
    assert.strictEqual(field(text, 'Candidate'), "Zoë O'Brien");
    assert.strictEqual(field(text, 'Interviewer'), 'Grace Hopper');
    assert.strictEqual(field(text, 'Date'), today());
    assert.strictEqual(field(text, 'Problem Used'), problem);
    assert.strictEqual(field(text, 'Years of Experience'), '[Years]', 'a field not asked for keeps its placeholder');
    // Everything below the header is the guide's template, unchanged.
    const template = library.content.feedbackTemplate;
    const from = (s: string) => s.slice(s.indexOf('### Scores (Weighted)'));
    assert.strictEqual(from(text), from(template));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor is open');
    assert.strictEqual(editor.document.uri.toString(), r.uri.toString());
    const { min, max } = library.content.rubric.scale;
    assert.strictEqual(editor.document.getText(editor.selection), `[${min}-${max}]`, 'the cursor is on the first score to fill');
  });

  it('never overwrites: the second and third feedback for the same candidate and day get -2 and -3', async () => {
    const first = vscode.Uri.joinPath(root(), 'scaffold-test', 'feedback', `${today()}-ada-lovelace.md`);
    await writeText(first, 'my notes, not to be lost\n');
    const r2 = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Ada Lovelace', problemTitle: '' });
    const r3 = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Ada  Lovelace ', problemTitle: '' });
    assert.strictEqual(r2.uri.path.split('/').pop(), `${today()}-ada-lovelace-2.md`);
    assert.strictEqual(r3.uri.path.split('/').pop(), `${today()}-ada-lovelace-3.md`);
    assert.strictEqual(await readText(first), 'my notes, not to be lost\n');
    const text = await readText(r2.uri);
    assert.strictEqual(field(text, 'Problem Used'), '[Problem Title]', 'an empty problem keeps the placeholder');
  });

  it('a file deleted outside the editor, whose document VS Code still holds, does not give its name (and old text) to the next feedback', async () => {
    const r1 = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Gone Before', problemTitle: '' });
    const edit = new vscode.WorkspaceEdit();
    edit.insert(r1.uri, new vscode.Position(0, 0), 'text of the deleted file\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await r1.document.save());
    // As `rm` in a terminal or a git checkout does it: not through VS Code's explorer.
    await vscode.workspace.fs.delete(r1.uri, { useTrash: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.ok(vscode.workspace.textDocuments.some((d) => d.uri.toString() === r1.uri.toString()), 'VS Code let go of the document: this test no longer sets up the case');
    const r2 = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Gone Before', problemTitle: '' });
    assert.strictEqual(r2.uri.path.split('/').pop(), `${today()}-gone-before-2.md`);
    const disk = await readText(r2.uri);
    assert.strictEqual(r2.document.getText(), disk, 'the new feedback\'s document does not show its file');
    assert.doesNotMatch(disk, /text of the deleted file/);
  });

  it('two commands at once for the same candidate create two files', async () => {
    const [a, b] = await Promise.all([
      vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Race Condition', problemTitle: '' }),
      vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Race Condition', problemTitle: '' }),
    ]);
    const names = [a.uri, b.uri].map((u) => u.path.split('/').pop()).sort();
    assert.deepStrictEqual(names, [`${today()}-race-condition-2.md`, `${today()}-race-condition.md`].sort());
  });

  it('falls back to git user.name, else keeps the Interviewer placeholder', async () => {
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', undefined, vscode.ConfigurationTarget.Workspace);
    // The workspace made a repository of its own, with its own user.name: the expected value is the
    // test's, not whatever git config the machine running it has.
    const dir = root().fsPath;
    await git(dir, 'init', '-q');
    try {
      await git(dir, 'config', 'user.name', 'Grace From Git');
      const named = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Named By Git', problemTitle: '' });
      assert.strictEqual(field(await readText(named.uri), 'Interviewer'), 'Grace From Git');
      // An empty user.name in the repository hides any global one: git has no name to give.
      await git(dir, 'config', 'user.name', '');
      const unnamed = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'No Interviewer Set', problemTitle: '' });
      assert.strictEqual(field(await readText(unnamed.uri), 'Interviewer'), '[Your Name]');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), '.git'), { recursive: true, useTrash: false });
    }
  });
});

/** Runs git in `cwd`; rejects with its error output when it fails. */
function git(cwd: string, ...args: string[]): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { execFile } = require('child_process') as typeof import('child_process');
  return new Promise((res, rej) => execFile('git', args, { cwd, timeout: 10_000 }, (e, _out, err) => (e ? rej(new Error(`git ${args.join(' ')}: ${err || e.message}`)) : res())));
}
