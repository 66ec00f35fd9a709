/**
 * The Add Note round trip in the real extension host (issue 8's benchmark): with a 2,000-line
 * feedback file open and dirty, the time from invoking `sdi.addNote` to the note's text being in
 * the document, for 50 notes; prints the median and p95 and writes them to out/bench/notes-host.json.
 * An entry of its own for the integration harness (`SDI_TESTS_ENTRY`, see test/bench/notesHost.mjs),
 * not a test: it measures and does not pass or fail on a time.
 */
import * as vscode from 'vscode';
import type { LoadedApi } from '../../../src/extension';
import { timeStats, writeFigures } from './figures';
import { NOTES_INTERVIEW_KEY, type AddNoteResult } from '../../../src/notes';

const NOTES = 50;
const LINES = 2000;

function feedbackText(): string {
  const head = [
    '# Interview Feedback', '', '**Candidate:** Bench', '**Interviewer:** Bench', '**Date:** 2026-11-28', '',
    '### Scores (Weighted)', '', '- Technical Architecture (30%): 3', '- Scalability & Performance (25%): 3',
    '- Distributed Systems Knowledge (20%): 3', '- Production Readiness (15%): 3', '- Communication & Leadership (10%): 3', '',
    '### Detailed Observations', '',
  ];
  const body: string[] = [];
  while (head.length + body.length < LINES - 1) body.push(`Observation ${body.length}: the candidate discussed caching, sharding and failure modes at some length.`);
  return [...head, ...body, ''].join('\n');
}

export async function run(): Promise<void> {
  const a = await vscode.extensions.getExtension<LoadedApi>('sdi-kit.system-design-interview-kit')!.activate();
  if (!a) throw new Error('the extension did not activate');
  const folder = vscode.workspace.workspaceFolders![0].uri;
  const uri = vscode.Uri.joinPath(folder, 'interview-feedback', 'bench-notes-host.md');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(feedbackText()));
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  // Dirty: unsaved typing the notes must not disturb.
  await editor.edit((e) => e.insert(new vscode.Position(5, 0), 'unsaved typing\n'));
  if (!doc.isDirty || doc.lineCount < LINES) throw new Error(`the document is not a dirty ${LINES}-line file`);
  await vscode.commands.executeCommand('sdi.startInterview', 'global-social-media-feed', { candidate: null });
  const startedAt = a.timer.service.state.startedAt!;
  await a.notes.memento.update(NOTES_INTERVIEW_KEY, { startedAt, candidate: null, uri: uri.toString() });
  // Warm-up (first parse, first edit through the renderer).
  await vscode.commands.executeCommand('sdi.addNote', { text: 'warm-up note' });

  const times: number[] = [];
  for (let i = 0; i < NOTES; i++) {
    const text = `bench note ${i} +scale sharded by user id`;
    const seen = new Promise<number>((resolve) => {
      const d = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === doc && e.contentChanges.some((c) => c.text.includes(text))) {
          d.dispose();
          resolve(performance.now());
        }
      });
    });
    const t0 = performance.now();
    const result = await vscode.commands.executeCommand<AddNoteResult>('sdi.addNote', { text });
    const t1 = await seen;
    if (!result?.written || !doc.getText().includes(text)) throw new Error(`note ${i} was not written: ${JSON.stringify(result)}`);
    times.push(t1 - t0);
  }
  const { medianMs, p95Ms, maxMs } = timeStats(times, 2);
  const figures = { notes: NOTES, documentLines: doc.lineCount, dirty: doc.isDirty, medianMs, p95Ms, maxMs };
  console.log(`Add Note round trip (command → text in the document), ${figures.documentLines}-line dirty feedback file, ${NOTES} notes: median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms, max ${figures.maxMs} ms`);
  await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.workspace.fs.delete(uri, { useTrash: false });
  writeFigures('notes-host', figures);
}
