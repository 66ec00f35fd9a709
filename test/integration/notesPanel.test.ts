// The guide panel's notes in the extension host: a `note` message from the panel runs Add Note
// and is answered with a `noteResult` (what became of it), and the timer tells the panel which
// interview it shows (its start), so the panel's "asked" marks belong to one interview.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { LoadedApi } from '../../src/extension';
import { timerDisplayState, addNoteFromPanel } from '../../src/timer/timerPanel';
import { api, knownState } from './helpers';

const FEED = 'global-social-media-feed';

describe('guide panel notes (note / noteResult)', function () {
  before(knownState);
  let a: LoadedApi;
  before(async () => { a = await api('notes', 'timer'); });
  afterEach(async () => {
    await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(knownState);

  it('without an interview the panel is told so, with the note\'s id, and nothing is written', async () => {
    const r = await addNoteFromPanel({ type: 'note', text: 'lost?', id: 7 });
    assert.deepStrictEqual(r, { type: 'noteResult', ok: false, message: 'No interview is running: start one to take notes.', id: 7 });
    const shown = timerDisplayState(a.timer.service, a.library);
    assert.strictEqual(shown.status, 'idle');
    assert.strictEqual(shown.startedAt, undefined);
  });

  it('a note and an asked question from the panel land in the candidate\'s file, and the answers say where and when', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: 'Panel Tester' });
    const uri = a.notes.fileUri();
    assert.ok(uri, 'no notes file');
    const name = uri.path.split('/').pop()!;
    const note = await addNoteFromPanel({ type: 'note', text: '+scale  sharded\nby user id', id: 1 });
    assert.strictEqual(note.ok, true, note.message);
    assert.strictEqual(note.id, 1);
    assert.match(note.message, new RegExp(`^Note added at \\d\\d:\\d\\d to ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`));
    const asked = await addNoteFromPanel({ type: 'note', text: 'How would you handle celebrities?', asked: true, id: 2 });
    assert.strictEqual(asked.ok, true, asked.message);
    assert.match(asked.message, /^Logged as asked at \d\d:\d\d to /);
    // The file is open beside the panel: the notes are in the document (saved after, asynchronously).
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /^- \[\d\d:\d\d\] \+scale sharded by user id$/m);
    assert.match(text, /^- \[\d\d:\d\d\] Asked: "How would you handle celebrities\?"$/m);
    assert.ok(text.indexOf('sharded by user id') < text.indexOf('Asked: "How would'), 'the notes are not in the order sent');
  });

  it('the panel\'s timer state names the interview by its start, and a new interview by a new one', async () => {
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
    const first = timerDisplayState(a.timer.service, a.library).startedAt;
    assert.strictEqual(typeof first, 'number');
    await vscode.commands.executeCommand('sdi.finishInterview');
    assert.strictEqual(timerDisplayState(a.timer.service, a.library).startedAt, first, 'finishing changed the interview');
    await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
    await new Promise((r) => setTimeout(r, 5));
    await vscode.commands.executeCommand('sdi.startInterview', FEED, { candidate: null });
    const second = timerDisplayState(a.timer.service, a.library).startedAt;
    assert.ok(typeof second === 'number' && second !== first, `the new interview has the old one's start: ${second}`);
  });
});
