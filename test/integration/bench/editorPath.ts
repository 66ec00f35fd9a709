/**
 * The feedback editor path in the real extension host (issue 10's benchmark): an edit to an open
 * feedback document → its diagnostics published (VS Code's `onDidChangeDiagnostics` for the file,
 * with the edit's effect in them), against a floor measured in the same run over the same path: the
 * same edit to a plain-text twin of the document (which the extension leaves alone), answered by a
 * diagnostic collection of this entry's own after the same throttle (`THROTTLE_MS`) with no analysis. Each edit toggles one score between a valid value
 * and an out-of-range one, so every round's diagnostics differ and are checked. Writes the figures to
 * out/bench/editor-path.json. An entry of its own for the integration harness (`SDI_TESTS_ENTRY`),
 * not a test: it measures and does not pass or fail on a time.
 */
import * as vscode from 'vscode';
import type { LoadedApi } from '../../../src/extension';
import { timeStats, writeFigures } from './figures';
import { THROTTLE_MS } from '../../../src/feedback/diagnostics';

const ROUNDS = 30;
const SCORE_LINE = '- Technical Architecture';

/** A scored feedback file of about `lines` lines (observations pad it). */
function feedbackText(lines: number): string {
  const head = [
    '# Interview Feedback', '', '**Candidate:** Bench Candidate', '**Interviewer:** Bench', '**Date:** 2026-11-28', '',
    '### Scores (Weighted)', '', `${SCORE_LINE} (30%): 3 / 4`, '- Scalability & Performance (25%): 3 / 4',
    '- Distributed Systems Knowledge (20%): 3 / 4', '- Production Readiness (15%): 3 / 4', '- Communication & Leadership (10%): 3 / 4', '',
    '### Detailed Observations', '',
  ];
  const body: string[] = [];
  while (head.length + body.length < lines - 1) body.push(`- Observation ${body.length}: the candidate discussed caching, sharding and failure modes at some length.`);
  return [...head, ...body, ''].join('\n');
}

/** Resolves with the time when `uri`'s diagnostics change to satisfy `ok`. */
function diagnosticsWhen(uri: vscode.Uri, ok: (d: readonly vscode.Diagnostic[]) => boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      if (!ok(vscode.languages.getDiagnostics(uri))) return;
      const t = performance.now();
      sub.dispose();
      clearTimeout(guard);
      resolve(t);
    });
    const guard = setTimeout(() => { sub.dispose(); reject(new Error(`no diagnostics for ${uri.fsPath} within 10 s`)); }, 10_000);
  });
}

const stats = (xs: number[]) => {
  const { medianMs, p95Ms } = timeStats(xs, 1);
  return { medianMs, p95Ms };
};

export async function run(): Promise<void> {
  const a = await vscode.extensions.getExtension<LoadedApi>('sdi-kit.system-design-interview-kit')!.activate();
  if (!a) throw new Error('the extension did not activate');
  const folder = vscode.workspace.workspaceFolders![0].uri;
  // The floor: the same path with nothing to analyse (a throttle like the extension's, then a set).
  const floorCollection = vscode.languages.createDiagnosticCollection('bench-floor');
  const floorTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let floorFor: vscode.Uri | undefined;
  const floorSub = vscode.workspace.onDidChangeTextDocument((e) => {
    if (!floorFor || e.document.uri.toString() !== floorFor.toString() || !e.contentChanges.length) return;
    const id = e.document.uri.toString();
    if (floorTimers.has(id)) return;
    const doc = e.document;
    floorTimers.set(id, setTimeout(() => {
      floorTimers.delete(id);
      // A diagnostic whose message carries the document's version, so each round's differs.
      floorCollection.set(doc.uri, [new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), `floor v${doc.version}`, vscode.DiagnosticSeverity.Information)]);
    }, THROTTLE_MS));
  });

  const results: Record<string, unknown>[] = [];
  for (const lines of [60, 2000]) {
    // The feedback document, and the floor's twin: the same text as plain text, which the extension leaves alone.
    const uri = vscode.Uri.joinPath(folder, 'interview-feedback', `bench-editor-path-${lines}.md`);
    const twin = vscode.Uri.joinPath(folder, `bench-editor-path-${lines}.txt`);
    const text = feedbackText(lines);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.workspace.fs.writeFile(twin, new TextEncoder().encode(text));
    const doc = await vscode.workspace.openTextDocument(uri);
    const twinDoc = await vscode.workspace.openTextDocument(twin);
    await vscode.window.showTextDocument(twinDoc, { preview: false });
    await vscode.window.showTextDocument(doc, { preview: false });
    const line = text.split('\n').findIndex((l) => l.startsWith(SCORE_LINE));
    if (line < 0) throw new Error('no score line');
    const setScore = async (d: vscode.TextDocument, score: number) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(d.uri, d.lineAt(line).range, `${SCORE_LINE} (30%): ${score} / 4`);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the edit was not applied');
    };
    const outOfRange = (d: readonly vscode.Diagnostic[]) => d.some((x) => x.range.start.line === line && x.severity === vscode.DiagnosticSeverity.Error);
    const feedback: number[] = [];
    const floor: number[] = [];
    floorFor = twin;
    // Warm-up: the first analysis of this document, the floor's first set.
    await setScore(doc, 3);
    await setScore(twinDoc, 3);
    await new Promise((r) => setTimeout(r, 3 * THROTTLE_MS));
    // Alternating, so the machine's load hits both alike; one at a time, so neither rides on the other's publication.
    for (let i = 0; i < ROUNDS; i++) {
      const bad = i % 2 === 0;
      // The extension's diagnostics, with the edit's effect: an out-of-range score is an error on its line, a valid one none.
      const published = diagnosticsWhen(uri, (d) => outOfRange(d) === bad);
      let t0 = performance.now();
      await setScore(doc, bad ? 7 : 3);
      feedback.push((await published) - t0);
      const version = twinDoc.version + 1;
      const floorPublished = diagnosticsWhen(twin, (d) => d.some((x) => x.message === `floor v${version}`));
      t0 = performance.now();
      await setScore(twinDoc, bad ? 7 : 3);
      floor.push((await floorPublished) - t0);
    }
    floorFor = undefined;
    const f = stats(feedback);
    const fl = stats(floor);
    const row = { lines: doc.lineCount, rounds: ROUNDS, throttleMs: THROTTLE_MS, feedback: f, floor: fl, ratio: Number((f.medianMs / fl.medianMs).toFixed(2)) };
    results.push(row);
    console.log(`${String(row.lines).padStart(5)}-line feedback: edit → diagnostics median ${f.medianMs} ms (p95 ${f.p95Ms}); floor (same path and ${THROTTLE_MS} ms throttle, no analysis) median ${fl.medianMs} ms (p95 ${fl.p95Ms}); ratio ${row.ratio}x`);
    for (let k = 0; k < 2; k++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    floorCollection.delete(twin);
    await vscode.workspace.fs.delete(uri, { useTrash: false });
    await vscode.workspace.fs.delete(twin, { useTrash: false });
  }
  floorSub.dispose();
  floorCollection.dispose();
  writeFigures('editor-path', results);
}
