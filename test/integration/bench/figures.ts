import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/**
 * Ends a benchmark entry run by the integration harness: writes its figures to out/bench/<name>.json
 * (test/bench/hostBench.mjs reads them) and prints the summary line the harness reads.
 */
export function writeFigures(name: string, figures: unknown): void {
  const out = path.join(__dirname, '..', '..', '..', 'bench', `${name}.json`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(figures, null, 2) + '\n');
  console.log('1 passed, 0 failed');
}

/** The median, 95th percentile, least and greatest of timings in milliseconds (nearest rank), rounded to `digits` decimals. */
export function timeStats(times: readonly number[], digits: number): { medianMs: number; p95Ms: number; minMs: number; maxMs: number } {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => Number(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))].toFixed(digits));
  return { medianMs: at(0.5), p95Ms: at(0.95), minMs: at(0), maxMs: at(1) };
}

/** Writes `score` on the open feedback document's Technical Architecture line, by a workspace edit (not saved). */
export async function setFirstScore(doc: vscode.TextDocument, score: number): Promise<void> {
  const line = doc.getText().split('\n').findIndex((l) => l.startsWith('- Technical Architecture'));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, doc.lineAt(line).range, `- Technical Architecture (30%): ${score} / 4`);
  await vscode.workspace.applyEdit(edit);
}
