/**
 * Queued notes are retried by interval (every 15 s in the product) with nothing else happening: no file
 * event, no document opened, no phase change. The service's interval is an option, so the test runs it
 * at 100 ms and waits on the service's own events, never on a sleep.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { parseNotes } from '../../src/core/notes';
import { NotesService } from '../../src/notes';
import { TimerService } from '../../src/timer/timerService';
import { MemoryMemento, api, knownState, readText, root, writeText } from './helpers';

const FEED = 'global-social-media-feed';
const FEEDBACK = '# Interview Feedback\n\n**Candidate:** Test\n\n### Scores (Weighted)\n\n- Technical Architecture: 3\n';

/** Resolves when `event` has fired and `test` holds; rejects after `ms` naming `what`. */
function when(event: vscode.Event<unknown>, test: () => boolean, what: string, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for ${what}`)); }, ms);
    const sub = event(() => {
      if (!test()) return;
      clearTimeout(guard);
      sub.dispose();
      resolve();
    });
  });
}

describe('notes: the queue is retried by interval', () => {
  // Starts from the workspace as the fixture has it (helpers.ts): no kit or file of another suite.
  before(knownState);
  const dir = () => vscode.Uri.joinPath(root(), 'untested-notes-retry');
  after(async () => {
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('a note queued while its file was gone is written once the file is back, by the interval alone', async () => {
    const a = await api('notes');
    const file = vscode.Uri.joinPath(dir(), 'feedback.md');
    await writeText(file, FEEDBACK);
    const memento = new MemoryMemento();
    const timer = new TimerService(memento, a.library, {
      now: () => 1_000_000,
      settings: () => ({ phases: [], notifications: false, warningMinutes: 2, autoAdvance: false }),
      tickMs: 3_600_000,
    });
    const notes = new NotesService(memento, timer, () => Promise.resolve(file), { retryMs: 100, report: () => Promise.resolve(false) });
    try {
      timer.start(FEED);
      await notes.started(null);
      await vscode.workspace.fs.delete(file, { useTrash: false });
      const queued = await notes.add('while the file was gone');
      assert.deepStrictEqual([queued?.written, queued?.queued], [false, true]);
      // Still gone: the interval tries again (each try is a change), and the note stays queued.
      let tries = 0;
      await when(notes.onDidChange, () => ++tries >= 2, 'two retries while the file is gone');
      assert.strictEqual(notes.pending().length, 1);
      // The file comes back through the file system (as a `git checkout` brings it): no event the service
      // listens to, only its interval, writes the note.
      const written = when(notes.onDidWriteNote, () => true, 'the queued note written by the interval');
      await writeText(file, FEEDBACK);
      await written;
      assert.strictEqual(notes.pending().length, 0);
      assert.deepStrictEqual(parseNotes(await readText(file)).notes.map((n) => n.text), ['while the file was gone']);
    } finally {
      notes.dispose();
      timer.dispose();
    }
  });

  // Registered last, so it runs after this suite's own clean-up: leaves the workspace as the fixture has it.
  after(knownState);
});
