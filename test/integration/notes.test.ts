/** Live interview notes (issue 8) in the real extension host: Add Note, the candidate's file, the queue. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LoadedApi } from '../../src/extension';
import { formatNoteTime, parseNotes } from '../../src/core/notes';
import { NotesService, NOTES_QUEUE_KEY, stampText, type AddNoteResult, type PendingNote } from '../../src/notes';
import { TimerService, type TimerSettings } from '../../src/timer/timerService';
import { MemoryMemento, api, eventWhen, extension, knownState, readText, root, writeText } from './helpers';
import { MemoryFs } from './memoryFs';

const FEED = 'global-social-media-feed';
const SEC = 1000;

const settings = (): TimerSettings => ({ phases: [], notifications: false, warningMinutes: 2, autoAdvance: false });
const dir = () => vscode.Uri.joinPath(root(), 'notes-test');
const FEEDBACK = '# Interview Feedback\n\n**Candidate:** Test\n\n### Scores (Weighted)\n\n- Technical Architecture: 3\n';
let fileCount = 0;

/** A feedback file of its own for each test (never opened unless the test opens it). */
async function feedbackFile(text = FEEDBACK): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(dir(), `notes-${Date.now()}-${fileCount++}.md`);
  await writeText(uri, text);
  return uri;
}

/**
 * Scrolls the editor so `line` shows at its top and resolves with its first visible line, once the
 * extension host has heard of the scroll (VS Code tells it a little later).
 */
function revealAtTop(editor: vscode.TextEditor, line: number): Promise<number> {
  const scrolled = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`the editor did not scroll to line ${line} within 10 s`)); }, 10_000);
    const sub = vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      const top = e.visibleRanges[0]?.start.line ?? 0;
      if (e.textEditor !== editor || top === 0) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(top);
    });
  });
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  return scrolled;
}

/**
 * The editor's first visible line after a round trip to the workbench: a scroll the workbench made
 * before it answers has reached the extension host by then.
 */
async function topAfterRoundTrip(editor: vscode.TextEditor): Promise<number | undefined> {
  await vscode.commands.executeCommand('setContext', 'sdi.test.roundTrip', Date.now());
  return editor.visibleRanges[0]?.start.line;
}

/** A timer on a fake clock and a notes service over it, both over one memento; `reload()` gives a second pair over the same memento. */
function rig(a: LoadedApi, file: () => Promise<vscode.Uri | undefined>) {
  const memento = new MemoryMemento();
  const clock = { now: 1_000_000 };
  const reports: PendingNote[] = [];
  const make = () => {
    const timer = new TimerService(memento, a.library, { now: () => clock.now, settings, tickMs: 3_600_000 });
    const notes = new NotesService(memento, timer, () => file(), { retryMs: 0, report: (n) => { reports.push(n); return Promise.resolve(false); } });
    return { timer, notes };
  };
  let current = make();
  return {
    memento, clock, reports,
    get timer() { return current.timer; },
    get notes() { return current.notes; },
    reload() { current.notes.dispose(); current.timer.dispose(); current = make(); },
    dispose() { current.notes.dispose(); current.timer.dispose(); },
  };
}

/** Starts the rig's interview (no candidate) with its file open in an editor, as an interviewer has it. */
async function startWithFileOpen(r: ReturnType<typeof rig>, file: vscode.Uri): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor }> {
  r.timer.start(FEED);
  await r.notes.started(null);
  const doc = await vscode.workspace.openTextDocument(file);
  return { doc, editor: await vscode.window.showTextDocument(doc) };
}

describe('notes: Add Note, the candidate file and the queue in a real VS Code', () => {
  before(knownState);
  let a: LoadedApi;
  before(async () => {
    a = await api('notes');
    await vscode.workspace.fs.createDirectory(dir());
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  after(async () => {
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  after(knownState);

  it('registers Add Note with Ctrl+Alt+M, a key none of VS Code\'s default keybindings uses, that works from the terminal too', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('sdi.addNote'));
    const pkg = extension().packageJSON as { contributes: { keybindings: { command: string; key: string; mac?: string; when?: string }[] } };
    const binding = pkg.contributes.keybindings.find((k) => k.command === 'sdi.addNote');
    assert.deepStrictEqual(binding && { key: binding.key, mac: binding.mac, when: binding.when }, { key: 'ctrl+alt+m', mac: 'ctrl+cmd+m', when: undefined });
    // The host's own default keybindings (this platform's, VS Code 1.139 in the browser), as VS Code lists them.
    // (Ctrl+Alt+N, the example, is New Untitled File here: the browser keeps Ctrl+N.)
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const doc = vscode.window.activeTextEditor?.document;
    assert.ok(doc && /keybindings/.test(doc.uri.toString()), `the default keybindings did not open (${doc?.uri.toString()})`);
    const text = doc.getText();
    assert.ok(/"key": "ctrl\+shift\+p"/.test(text), 'the default keybindings look empty');
    assert.ok(/"key": "ctrl\+alt\+n",\s*"command": "workbench.action.files.newUntitledFile"/.test(text), 'the check does not see the defaults');
    const clashes = [...text.matchAll(/"key": "ctrl\+alt\+m",\s*"command": "([^"]+)"/g)].map((m) => m[1]).filter((c) => c !== 'sdi.addNote');
    assert.deepStrictEqual(clashes, [], `Ctrl+Alt+M is a default keybinding of ${clashes.join(', ')}`);
    // An extension's keybinding reaches VS Code from a focused terminal only when the terminal skips it.
    const skip = vscode.workspace.getConfiguration('terminal.integrated').get<string[]>('commandsToSkipShell') ?? [];
    assert.ok(skip.includes('sdi.addNote'), `the terminal keeps Add Note's key: ${JSON.stringify(skip)}`);
  });

  it('Add Note without an interview does nothing and says so', async () => {
    assert.strictEqual(await vscode.commands.executeCommand('sdi.addNote', { text: 'lost?' }), undefined);
  });

  it('Start Interview with a candidate creates their feedback file at once, beside the guide panel, and notes go there', async () => {
    const started = await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: 'Ada Notetaker' });
    assert.strictEqual(started, FEED);
    const uri = a.notes.fileUri();
    assert.ok(uri, 'no notes file was remembered');
    const text = await readText(uri);
    assert.match(text, /Ada Notetaker/);
    assert.match(text, /Design a Global Social Media Feed/);
    // The panel keeps its place: the file is in another editor group, and the panel is still open.
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => ({ group: g.viewColumn, t })));
    const fileTab = tabs.find(({ t }) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    const panelTab = tabs.find(({ t }) => t.input instanceof vscode.TabInputWebview);
    assert.ok(fileTab, 'the feedback file is not open');
    assert.ok(panelTab, 'the guide panel is gone');
    assert.notStrictEqual(fileTab.group, panelTab.group, 'the feedback file took the panel\'s group');
    const r = await vscode.commands.executeCommand<AddNoteResult>('sdi.addNote', { text: 'How would you shard the timeline?', asked: true });
    assert.ok(r?.written && !r.queued, `not written: ${JSON.stringify(r)}`);
    assert.strictEqual(r.uri, uri.toString());
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.lineAt(r.line!).text, `- [${formatNoteTime(r.seconds)}] Asked: "How would you shard the timeline?"`);
    const parsed = parseNotes(doc.getText());
    assert.strictEqual(parsed.notes.length, 1);
    assert.strictEqual(parsed.notes[0].phase, 'Problem Introduction');
    assert.ok(!doc.isDirty, 'a clean document was left unsaved');
    // A reload keeps the interview's file (the record is in workspaceState).
    assert.strictEqual(a.notes.interview()?.uri, uri.toString());
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  it('an interview without a candidate gets its file at the first note, with the template\'s placeholder, without asking', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
    assert.strictEqual(a.notes.fileUri(), undefined, 'a file was created without a candidate');
    const r = await vscode.commands.executeCommand<AddNoteResult>('sdi.addNote', { text: 'first note' });
    assert.ok(r?.written && r.uri, `not written: ${JSON.stringify(r)}`);
    const uri = vscode.Uri.parse(r.uri);
    assert.match(uri.path, /\/interview-feedback\/\d{4}-\d\d-\d\d-candidate(-\d+)?\.md$/);
    const text = await readText(uri);
    assert.match(text, /\*\*Candidate:\*\* \[Name\]/);
    assert.deepStrictEqual(parseNotes(text).notes.map((n) => [n.phase, n.text]), [['Problem Introduction', 'first note']]);
    assert.strictEqual(a.notes.fileUri()?.toString(), uri.toString());
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  it('the note input says the phase and the time into the interview', () => {
    assert.strictEqual(stampText({ seconds: 754, phaseTitle: 'High-Level Design', phaseIndex: 2, phaseCount: 7 }), 'Phase 3/7 · High-Level Design · 12:34 into the interview');
    assert.strictEqual(stampText({ seconds: 3725, phaseTitle: 'Wrap-up', phaseIndex: 6, phaseCount: 7 }), 'Phase 7/7 · Wrap-up · 1:02:05 into the interview');
  });

  it('Finish writes the phase times into the notes section and opens the file at its scores block', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: 'Grace Finisher' });
    const uri = a.notes.fileUri()!;
    await vscode.commands.executeCommand('sdi.addNote', { text: '+arch clear boxes' });
    assert.strictEqual(await vscode.commands.executeCommand('sdi.finishInterview'), 'finished');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = doc.getText();
    const section = parseNotes(text).sections[0];
    assert.ok(section, 'no notes section');
    const times = text.indexOf('### Phase Times');
    assert.ok(times > text.indexOf('## Interview Notes'), 'the phase times are not in the notes section');
    assert.match(text.slice(times), /\*\*Phase times \(Design a Global Social Media Feed\):\*\* actual \/ planned minutes\n- Problem Introduction: 0 \/ 5/);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), uri.toString(), 'the file was not focused');
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /Scores/);
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  });

  it('notes land under the current phase with the time into the interview (injected clock), in order, also two in the same second', async () => {
    const file = await feedbackFile();
    const r = rig(a, () => Promise.resolve(file));
    try {
      r.timer.start(FEED);
      await r.notes.started(null);
      r.clock.now += 65 * SEC;
      const first = await r.notes.add('+scale sharded by user id');
      assert.deepStrictEqual(first && { written: first.written, queued: first.queued, seconds: first.seconds, uri: first.uri }, { written: true, queued: false, seconds: 65, uri: file.toString() });
      r.timer.pause();
      r.clock.now += 600 * SEC; // paused time does not count
      r.timer.resume();
      r.timer.next();
      r.clock.now += 30 * SEC;
      // Two notes in the same second, not awaited one by one: they keep their order.
      const [b, c] = await Promise.all([r.notes.add('-dist no quorum reads'), r.notes.add('#comm asked good questions')]);
      assert.ok(b?.written && c?.written);
      r.clock.now += 3600 * SEC;
      await r.notes.add('past the hour');
      const text = await readText(file);
      const notes = parseNotes(text).notes;
      assert.deepStrictEqual(notes.map((n) => [n.phase, n.timeText, n.text]), [
        ['Problem Introduction', '[01:05]', '+scale sharded by user id'],
        ['Requirements & Constraints', '[01:35]', '-dist no quorum reads'],
        ['Requirements & Constraints', '[01:35]', '#comm asked good questions'],
        ['Requirements & Constraints', '[1:01:35]', 'past the hour'],
      ]);
      assert.ok(text.startsWith(FEEDBACK), 'the text before the notes changed');
      assert.strictEqual(b.line, notes[1].line);
      assert.strictEqual(c.line, notes[2].line);
    } finally {
      r.dispose();
    }
  });

  it('an open dirty document keeps its unsaved text, cursor and scroll; the note is not saved for it, and Undo removes it', async () => {
    const long = FEEDBACK + Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const file = await feedbackFile(long);
    const r = rig(a, () => Promise.resolve(file));
    // The feedback's CodeLenses sit above the line the scroll puts at the top, and a lens redrawn for
    // the note moves that line by one. The test is about the note's edit: no lenses (and, as in the
    // host's profile, no auto save).
    const editorConfig = vscode.workspace.getConfiguration('editor');
    await editorConfig.update('codeLens', false, vscode.ConfigurationTarget.Workspace);
    try {
      const { doc, editor } = await startWithFileOpen(r, file);
      await editor.edit((e) => e.insert(new vscode.Position(2, 0), 'UNSAVED TYPING\n'));
      assert.ok(doc.isDirty);
      const cursor = new vscode.Position(10, 3);
      editor.selection = new vscode.Selection(cursor, cursor);
      const top = await revealAtTop(editor, cursor.line);
      r.clock.now += 12 * SEC;
      const res = await r.notes.add('+prod talked about alerts');
      assert.ok(res?.written);
      assert.match(doc.getText(), /UNSAVED TYPING/);
      assert.strictEqual(doc.lineAt(res.line!).text, '- [00:12] +prod talked about alerts');
      assert.ok(doc.isDirty, 'a dirty document was saved');
      assert.doesNotMatch(await readText(file), /alerts|UNSAVED/, 'the disk file was written under the open document');
      assert.deepStrictEqual([editor.selection.active.line, editor.selection.active.character], [10, 3], 'the cursor moved');
      assert.strictEqual(await topAfterRoundTrip(editor), top, 'the editor scrolled');
      // Undo in the editor takes the note back out, and only the note.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('undo');
      assert.doesNotMatch(doc.getText(), /talked about alerts/);
      assert.match(doc.getText(), /UNSAVED TYPING/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await editorConfig.update('codeLens', undefined, vscode.ConfigurationTarget.Workspace);
      r.dispose();
    }
  });

  it('a clean open document is saved after the note', async () => {
    const file = await feedbackFile();
    const r = rig(a, () => Promise.resolve(file));
    try {
      const { doc } = await startWithFileOpen(r, file);
      const res = await r.notes.add('saved note');
      assert.ok(res?.written);
      assert.ok(!doc.isDirty);
      assert.match(await readText(file), /- \[00:00\] saved note/);
    } finally {
      r.dispose();
    }
  });

  it('a save that fails once is tried again; one that fails leaves the note unsaved, and the next note saves both', async () => {
    const mem = new MemoryFs('sdi-notes-test');
    const file = mem.uri('/feedback.md');
    await writeText(file, FEEDBACK);
    const r = rig(a, () => Promise.resolve(file));
    try {
      const { doc } = await startWithFileOpen(r, file);
      // One refused write: the second try saves.
      mem.refuse = 1;
      assert.ok((await r.notes.add('first'))?.written);
      assert.strictEqual(mem.refused, 1, 'the save did not reach the disk');
      assert.ok(!doc.isDirty, 'a save that failed once was not tried again');
      assert.match(mem.text(file) ?? '', /\] first/);
      // Every write refused: the note stays in the document, unsaved.
      mem.refuse = Infinity;
      assert.ok((await r.notes.add('second'))?.written);
      assert.ok(doc.isDirty);
      assert.match(doc.getText(), /\] second/);
      assert.doesNotMatch(mem.text(file) ?? '', /second/);
      // The disk is back: the document is dirty only with notes, so the next note saves all of them.
      mem.refuse = 0;
      assert.ok((await r.notes.add('third'))?.written);
      assert.ok(!doc.isDirty, 'a document dirty only with notes was not saved after the next note');
      assert.deepStrictEqual(parseNotes(mem.text(file) ?? '').notes.map((n) => n.text), ['first', 'second', 'third']);
      // The interviewer types: their unsaved text is theirs to save, notes or not.
      mem.refuse = Infinity;
      await r.notes.add('fourth');
      mem.refuse = 0;
      const typed = new vscode.WorkspaceEdit();
      typed.insert(file, new vscode.Position(0, 0), 'typed ');
      assert.ok(await vscode.workspace.applyEdit(typed));
      await r.notes.add('fifth');
      assert.ok(doc.isDirty, 'the interviewer\'s own unsaved text was saved');
      assert.doesNotMatch(mem.text(file) ?? '', /fourth|fifth|typed/);
    } finally {
      r.dispose();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      mem.dispose();
    }
  });

  it('a deleted file queues its notes, reports once, and Retry writes them in order exactly once when the file is back', async () => {
    const file = await feedbackFile();
    const r = rig(a, () => Promise.resolve(file));
    try {
      r.timer.start(FEED);
      await r.notes.started(null);
      assert.ok((await r.notes.add('before the delete'))?.written);
      await vscode.workspace.fs.delete(file, { useTrash: false });
      r.clock.now += 5 * SEC;
      const q1 = await r.notes.add('while deleted 1');
      const q2 = await r.notes.add('while deleted 2');
      assert.deepStrictEqual([q1?.queued, q1?.written, q2?.queued], [true, false, true]);
      assert.deepStrictEqual(r.notes.pending().map((n) => n.text), ['while deleted 1', 'while deleted 2']);
      assert.strictEqual(r.reports.length, 1, 'the failure was not reported exactly once');
      assert.match(r.notes.pending()[0].error ?? '', /no longer exists/);
      // Still gone: a retry changes nothing.
      await r.notes.retry();
      assert.strictEqual(r.notes.pending().length, 2);
      // The file is back (restored from version control, say): the queue drains, in order, once.
      await writeText(file, FEEDBACK);
      await r.notes.retry();
      assert.strictEqual(r.notes.pending().length, 0);
      assert.strictEqual(r.memento.get(NOTES_QUEUE_KEY), undefined);
      assert.deepStrictEqual(parseNotes(await readText(file)).notes.map((n) => n.text), ['while deleted 1', 'while deleted 2']);
      await r.notes.retry();
      assert.strictEqual(parseNotes(await readText(file)).notes.length, 2, 'a retry wrote a note twice');
      // A new failure is reported again.
      await vscode.workspace.fs.delete(file, { useTrash: false });
      await r.notes.add('again');
      assert.strictEqual(r.reports.length, 2);
    } finally {
      r.dispose();
    }
  });

  it('a disk error (the file\'s path is now a folder) queues the note, which lands once the file is back', async () => {
    const file = await feedbackFile();
    const r = rig(a, () => Promise.resolve(file));
    try {
      r.timer.start(FEED);
      await r.notes.started(null);
      assert.ok((await r.notes.add('first'))?.written);
      await vscode.workspace.fs.delete(file, { useTrash: false });
      await vscode.workspace.fs.createDirectory(file);
      const q = await r.notes.add('second');
      assert.deepStrictEqual([q?.written, q?.queued], [false, true]);
      assert.ok(r.notes.pending()[0].error, 'no reason kept');
      await vscode.workspace.fs.delete(file, { recursive: true, useTrash: false });
      await writeText(file, FEEDBACK);
      await r.notes.retry();
      assert.deepStrictEqual(parseNotes(await readText(file)).notes.map((n) => n.text), ['second']);
      assert.strictEqual(r.notes.pending().length, 0);
    } finally {
      r.dispose();
    }
  });

  it('Retry asked for by the user gives a deleted file\'s notes a new file', async () => {
    const file = await feedbackFile();
    const replacement = vscode.Uri.joinPath(dir(), `replacement-${Date.now()}.md`);
    let created = 0;
    const r = rig(a, async () => {
      created++;
      if (created === 1) return file;
      await writeText(replacement, FEEDBACK);
      return replacement;
    });
    try {
      r.timer.start(FEED);
      await r.notes.started('Lin');
      await vscode.workspace.fs.delete(file, { useTrash: false });
      assert.ok((await r.notes.add('kept'))?.queued);
      await r.notes.retry(true);
      assert.strictEqual(r.notes.pending().length, 0);
      assert.strictEqual(r.notes.fileUri()?.toString(), replacement.toString());
      assert.deepStrictEqual(parseNotes(await readText(replacement)).notes.map((n) => n.text), ['kept']);
    } finally {
      r.dispose();
    }
  });

  it('a reload keeps the queue (a second service over the same state), and the notes land once, in order, after pause and resume', async () => {
    const file = await feedbackFile();
    const r = rig(a, () => Promise.resolve(file));
    try {
      r.timer.start(FEED);
      await r.notes.started(null);
      await vscode.workspace.fs.delete(file, { useTrash: false });
      await r.notes.add('one');
      r.timer.pause();
      await r.notes.add('two (paused)');
      r.reload();
      assert.deepStrictEqual(r.notes.pending().map((n) => n.text), ['one', 'two (paused)']);
      assert.strictEqual(r.notes.fileUri()?.toString(), file.toString());
      // A note taken after the reload waits behind the queued ones.
      r.timer.resume();
      const three = await r.notes.add('three');
      assert.ok(three?.queued);
      await writeText(file, FEEDBACK);
      await r.notes.retry();
      assert.deepStrictEqual(parseNotes(await readText(file)).notes.map((n) => n.text), ['one', 'two (paused)', 'three']);
      assert.strictEqual(r.notes.pending().length, 0);
    } finally {
      r.dispose();
    }
  });

  it('a timer transition retries the queue by itself, and a renamed file is followed', async () => {
    const file = await feedbackFile();
    const r = rig(a, () => Promise.resolve(file));
    try {
      r.timer.start(FEED);
      await r.notes.started(null);
      assert.ok((await r.notes.add('before the rename'))?.written);
      const renamed = vscode.Uri.joinPath(dir(), `renamed-${Date.now()}.md`);
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(file, renamed);
      const reported = eventWhen(vscode.workspace.onDidRenameFiles, (e) => e.files.some((f) => f.newUri.toString() === renamed.toString()), 'VS Code reporting the rename');
      assert.ok(await vscode.workspace.applyEdit(edit));
      await reported;
      // The service heard the rename before this test did (it subscribed first) and put the move in its
      // write chain, which the next note waits for.
      assert.ok((await r.notes.add('after the rename'))?.written);
      assert.strictEqual(r.notes.fileUri()?.toString(), renamed.toString(), 'the rename was not followed');
      await vscode.workspace.fs.delete(renamed, { useTrash: false });
      assert.ok((await r.notes.add('queued'))?.queued);
      await writeText(renamed, FEEDBACK);
      const drained = new Promise<void>((res) => { const d = r.notes.onDidChange(() => { if (!r.notes.pending().length) { d.dispose(); res(); } }); });
      r.timer.next();
      await drained;
      assert.deepStrictEqual(parseNotes(await readText(renamed)).notes.map((n) => n.text), ['queued']);
      assert.ok(!(await readText(renamed)).includes('after the rename'), 'the recreated file is not the test\'s');
    } finally {
      r.dispose();
    }
  });
});
