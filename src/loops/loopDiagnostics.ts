/**
 * Loop files in the editor: each `*.loop.yaml` (setting `sdi.loops.glob`) that is open is checked
 * while it is typed, against the workspace's kits and the feedback the calibration model has read
 * (for `loop-problem-repeat`), at each finding's YAML position. The rules are in `src/core/loop`.
 */
import * as vscode from 'vscode';
import { LOOP_GLOB_DEFAULT } from '../core/activation';
import { loopIssues, loopKit, readLoop, type LoopHistoryEntry, type LoopIssue } from '../core/loop';
import type { KitSource } from '../feedback';
import { workspaceKitOf } from '../feedback/rubricSource';
import { DIAGNOSTIC_SOURCE } from '../feedback/diagnostics';

/** Where the feedback history comes from: the calibration model's rows of a candidate. */
export interface LoopHistorySource {
  /** The rows read so far of the candidate of this name (by name key); empty before the first scan finished. */
  history(candidate: string): readonly LoopHistoryEntry[];
  /** Starts reading the workspace's feedback, once; resolves when it is read. */
  ready(): Promise<void>;
  /** Fires when rows changed. */
  readonly onDidChange: vscode.Event<unknown>;
}

export { LOOP_GLOB_DEFAULT };
const TYPING_DEBOUNCE_MS = 150;

export class LoopDiagnostics implements vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('sdi-loop');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.diagnostics];

  constructor(private readonly kits: KitSource, private readonly rows: LoopHistorySource, private readonly docs?: (code: string) => vscode.Uri) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.check(d)),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.soon(e.document); }),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.checkAll()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('sdi.loops.glob')) this.checkAll(); }),
      kits.onDidChange(() => this.checkAll()),
      rows.onDidChange(() => this.checkAll()),
    );
    this.checkAll();
  }

  /** Whether `doc` is a loop file: its path matches `sdi.loops.glob`. */
  isLoop(doc: vscode.TextDocument): boolean {
    const glob = vscode.workspace.getConfiguration('sdi.loops', doc.uri).get<string>('glob') || LOOP_GLOB_DEFAULT;
    return vscode.languages.match({ pattern: glob }, doc) > 0;
  }

  /** The findings of a loop document as it is now (also for tests). */
  issuesOf(doc: vscode.TextDocument): LoopIssue[] {
    const loop = readLoop(vscode.workspace.asRelativePath(doc.uri), doc.getText());
    const kit = loop.plan ? loopKit(loop.plan.kit, this.kits.kits(), workspaceKitOf(this.kits, doc.uri)) : undefined;
    return loopIssues(loop, kit, loop.plan ? this.rows.history(loop.plan.candidate) : []);
  }

  private checkAll(): void {
    for (const d of vscode.workspace.textDocuments) this.check(d);
  }

  private soon(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); this.check(doc); }, TYPING_DEBOUNCE_MS));
  }

  private check(doc: vscode.TextDocument): void {
    if (doc.isClosed || !this.isLoop(doc)) return;
    // Loop files name people and problems a team kit defines: like kits, they are read only in a trusted workspace.
    if (!vscode.workspace.isTrusted) return this.forget(doc.uri);
    // The first loop file seen starts the read of the workspace's feedback; its end checks again (onDidChange).
    void this.rows.ready();
    this.diagnostics.set(doc.uri, this.issuesOf(doc).map((i) => this.toDiagnostic(i)));
  }

  private forget(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.timers.delete(uri.toString());
    this.diagnostics.delete(uri);
  }

  private toDiagnostic(issue: LoopIssue): vscode.Diagnostic {
    const r = issue.range;
    const range = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : new vscode.Range(0, 0, 0, 0);
    const d = new vscode.Diagnostic(range, issue.message, issue.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
    d.source = DIAGNOSTIC_SOURCE;
    d.code = this.docs ? { value: issue.code, target: this.docs(issue.code) } : issue.code;
    return d;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
