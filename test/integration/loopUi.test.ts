// Interview loops in the editor's UI, in a real VS Code: each interview's CodeLens with its
// feedback's state, the `feedback due` status bar item and its click, the tree's Loops group, and
// Start Interview from today's loop interview (candidate and problem filled, focus in the timer
// panel and first in note-tag completion). "Today" is the loop index's clock, set by each test.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { readLoopRecord } from '../../src/core/loop';
import type { LoadedApi } from '../../src/extension';
import { OPEN_FEEDBACK_DUE_COMMAND } from '../../src/loops';
import { timerDisplayState } from '../../src/timer/timerPanel';
import { api, FILLED, knownState, readText, replaceOnce, root } from './helpers';
import { saveAsAUserDoes } from './save';

const loopFile = () => vscode.Uri.joinPath(root(), 'loops-ui', 'priya.loop.yaml');
const samFeedback = () => vscode.Uri.joinPath(root(), 'interview-feedback', '2026-12-10-priya-sam.md');

// Alex Chen's interview was on the 9th, Sam Okafor's is on the loop's day, Mei Lin's on the 12th.
const LOOP = `candidate: Priya Raman
date: 2026-12-10
minCoverage: 1
interviews:
  - interviewer: Alex Chen
    problem: global-social-media-feed
    focus: [technical-architecture, production-readiness]
    date: 2026-12-09
  - interviewer: Sam Okafor
    problem: distributed-payment-processing
    focus: [scalability-performance, distributed-systems-knowledge]
  - interviewer: Mei Lin
    problem: real-time-analytics-platform
    focus: [communication-leadership]
    date: 2026-12-12
`;

/** Creates (or replaces) a file as the Explorer does, with a workspace edit: VS Code reports it at once, not through the file watcher. */
async function createFile(uri: vscode.Uri, text: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { contents: new TextEncoder().encode(text), overwrite: true });
  assert.ok(await vscode.workspace.applyEdit(edit), `${uri.path} was not created`);
}

/** Deletes a file as the Explorer does. */
async function deleteFile(uri: vscode.Uri): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.deleteFile(uri);
  assert.ok(await vscode.workspace.applyEdit(edit), `${uri.path} was not deleted`);
}

/** Local noon of a day of December 2026: the clock the loop index reads "today" from. */
const december = (day: number) => () => new Date(2026, 11, day, 12);

describe('interview loops in the editor\'s UI', function () {
  before(knownState);
  after(knownState);
  let a: LoadedApi;

  /** Resolves when `test` holds, at once or after a change of the loops; rejects after 30 s saying what it waited for. */
  function loopsWhen(test: () => boolean, what: string): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for ${what}`)); }, 30_000);
      const sub = a.loops.index.onDidChange(() => {
        if (!test()) return;
        clearTimeout(timer);
        sub.dispose();
        resolve();
      });
    });
  }

  const lensTitles = async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', loopFile(), 10);
    return lenses.filter((l) => l.command?.title.startsWith('Feedback: ')).map((l) => [l.range.start.line, l.command!.title]);
  };

  before(async () => {
    a = await api('loops', 'timer', 'notes', 'tree');
    a.loops.index.setClock(december(10));
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Alex Chen', vscode.ConfigurationTarget.Workspace);
    await createFile(loopFile(), LOOP);
    await loopsWhen(() => a.loops.index.statusOf(loopFile()) !== undefined, 'the loop file to be read');
  });

  it('shows each interview\'s feedback state in a CodeLens on its interviewer line, following the feedback written', async () => {
    await vscode.window.showTextDocument(loopFile());
    assert.deepStrictEqual(await lensTitles(), [[4, 'Feedback: due'], [8, 'Feedback: due'], [11, 'Feedback: after the interview on 2026-12-12']]);
    // Sam Okafor's feedback, scored 3.15 and Hire, dated the loop's day.
    const text = replaceOnce(replaceOnce(replaceOnce(FILLED, 'Ada Lovelace', 'Priya Raman'), 'Grace Hopper', 'Sam Okafor'), '2026-11-20', '2026-12-10');
    // Created as the Explorer creates a file: VS Code reports it at once, not through the file watcher.
    await createFile(samFeedback(), text);
    await loopsWhen(() => a.loops.index.statusOf(loopFile())?.progress[1].state === 'written', 'Sam Okafor\'s feedback to be found');
    assert.deepStrictEqual(await lensTitles(), [[4, 'Feedback: due'], [8, 'Feedback: written 3.15 · Hire'], [11, 'Feedback: after the interview on 2026-12-12']]);
    // Its click opens that feedback at its scores block.
    const lens = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', loopFile())).find((l) => l.range.start.line === 8)!;
    const opened = await vscode.commands.executeCommand<vscode.Uri>(lens.command!.command, ...(lens.command!.arguments as unknown[]));
    assert.strictEqual(opened.toString(), samFeedback().toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), samFeedback().toString());
    assert.strictEqual(vscode.window.activeTextEditor?.document.lineAt(vscode.window.activeTextEditor.selection.active.line).text, '### Scores (Weighted)');
  });

  it('says "1 feedback due" for the user\'s past interview; a click creates its feedback from the loop, the next click opens it', async () => {
    a.loops.index.setClock(december(10));
    await a.loops.statusBar.update();
    assert.strictEqual(a.loops.statusBar.text, '$(bell-dot) 1 feedback due');
    const created = await vscode.commands.executeCommand<vscode.Uri>(OPEN_FEEDBACK_DUE_COMMAND);
    assert.match(created.path, /\/interview-feedback\/2026-12-09-priya-raman\.md$/);
    const text = await readText(created);
    assert.deepStrictEqual(readLoopRecord(text), { file: 'loops-ui/priya.loop.yaml', interview: 0 });
    for (const field of ['**Candidate:** Priya Raman', '**Interviewer:** Alex Chen', '**Date:** 2026-12-09', '**Problem Used:** Design a Global Social Media Feed']) {
      assert.ok(text.includes(field), `the feedback lacks ${field}:\n${text.slice(0, 400)}`);
    }
    // Its first score typed and saved: written but not submitted, so still due; the lens says it is written, and a second click opens the same file.
    const editor = vscode.window.activeTextEditor!;
    assert.strictEqual(editor.document.uri.toString(), created.toString());
    assert.strictEqual(editor.document.getText(editor.selection), '[1-4]', 'the cursor is not on the first score');
    await editor.edit((e) => e.replace(editor.selection, '3'));
    assert.ok(await saveAsAUserDoes(editor.document));
    await loopsWhen(() => a.loops.index.statusOf(loopFile())?.progress[0].state === 'written', 'Alex Chen\'s feedback to be found');
    assert.deepStrictEqual((await lensTitles())[0], [4, 'Feedback: written not scored yet']);
    await a.loops.statusBar.update();
    assert.strictEqual(a.loops.statusBar.text, '$(bell-dot) 1 feedback due');
    assert.strictEqual((await vscode.commands.executeCommand<vscode.Uri>(OPEN_FEEDBACK_DUE_COMMAND)).toString(), created.toString());
    // The day before the 9th nothing is due: the item hides.
    a.loops.index.setClock(december(8));
    await a.loops.statusBar.update();
    assert.strictEqual(a.loops.statusBar.text, undefined);
  });

  it('lists the loops in the tree\'s Loops group by stage, each opening its file', async () => {
    const group = () => {
      const loops = a.tree.getChildren()[0];
      assert.strictEqual(loops.label, 'Loops', 'the Loops group is the tree\'s first');
      return loops.children.map((s) => [s.label, s.children.map((l) => `${l.label} (${l.description})`)]);
    };
    a.loops.index.setClock(december(1));
    assert.deepStrictEqual(group(), [['Upcoming', ['Priya Raman (2026-12-10)']]]);
    a.loops.index.setClock(december(10));
    assert.deepStrictEqual(group(), [['Feedback due', ['Priya Raman (1 due · 2026-12-10)']]]);
    const node = a.tree.getChildren()[0].children[0].children[0];
    const item = a.tree.getTreeItem(node);
    assert.deepStrictEqual([item.command?.command, String(item.command?.arguments?.[0])], ['vscode.open', loopFile().toString()]);
    assert.strictEqual(a.tree.getParent(node)?.label, 'Feedback due');
    // Without loop files the group goes.
    await deleteFile(loopFile());
    await loopsWhen(() => !a.loops.index.hasLoops, 'the loop to be gone');
    assert.notStrictEqual(a.tree.getChildren()[0].label, 'Loops');
    await createFile(loopFile(), LOOP);
    await loopsWhen(() => a.loops.index.hasLoops, 'the loop to be back');
  });

  it('starts today\'s loop interview from Start Interview: candidate and problem filled, the loop recorded, its focus in the panel and first in tag completion', async () => {
    a.loops.index.setClock(december(10));
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'sam okafor', vscode.ConfigurationTarget.Workspace);
    const offers = await a.timer.hooks.loopInterviews!();
    const state = `user ${await a.loops.index.interviewer()}, today ${a.loops.index.today()}, loops ${JSON.stringify(a.loops.index.statuses().map((l) => [l.file, l.kit?.id, l.plan.interviews.map((iv) => [iv.interviewer, iv.date, iv.problem])]))}`;
    assert.deepStrictEqual(offers.map((o) => [o.label, o.problemId, o.candidate]), [
      ['Priya Raman · Design a Distributed Payment Processing System · focus: Scalability & Performance, Distributed Systems Knowledge', 'distributed-payment-processing', 'Priya Raman'],
    ], state);
    // No candidate is asked for: the command would wait on its prompt.
    const started = await vscode.commands.executeCommand('sdi.startInterview', undefined, { loop: loopFile().toString(), interview: 1 });
    assert.strictEqual(started, 'distributed-payment-processing');
    assert.deepStrictEqual(timerDisplayState(a.timer.service, a.library, a.timer.hooks.focus).focus, ['Scalability & Performance', 'Distributed Systems Knowledge']);
    const file = a.notes.fileUri();
    assert.ok(file, 'the interview created no feedback file');
    const text = await readText(file);
    assert.deepStrictEqual(readLoopRecord(text), { file: 'loops-ui/priya.loop.yaml', interview: 1 });
    for (const field of ['**Candidate:** Priya Raman', '**Interviewer:** Sam Okafor', '**Date:** 2026-12-10', '**Problem Used:** Design a Distributed Payment Processing System']) {
      assert.ok(text.includes(field), `the feedback lacks ${field}`);
    }

    // A note, then a tag typed into it: the focus dimensions' tags come first.
    const note = await vscode.commands.executeCommand<{ written: boolean }>('sdi.addNote', { text: 'sharded the ledger by account' });
    assert.ok(note.written, 'the note was not written');
    const doc = await vscode.workspace.openTextDocument(file);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('sharded the ledger by account'));
    const end = doc.lineAt(line).range.end;
    await editor.edit((e) => e.insert(end, ' +'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end.translate(0, 2), '+');
    const tags = list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember).sort((x, y) => (x.sortText! < y.sortText! ? -1 : 1));
    assert.deepStrictEqual(tags.map((i) => (i.label as vscode.CompletionItemLabel).label), ['scale', 'dist', 'arch', 'prod', 'comm']);
    assert.strictEqual((tags[0].label as vscode.CompletionItemLabel).description, 'Scalability & Performance · focus');

    // Not from a loop: the panel shows no focus.
    await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
    await vscode.commands.executeCommand('sdi.startInterview', 'global-social-media-feed', { candidate: null });
    assert.strictEqual(timerDisplayState(a.timer.service, a.library, a.timer.hooks.focus).focus, undefined);
  });
});
