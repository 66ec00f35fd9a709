/**
 * Diagnostics of feedback documents: re-validated as the interviewer types (throttled per
 * document), results for an older version dropped, cleared when the document closes.
 */
import * as vscode from 'vscode';
import type { FeedbackCode, FeedbackDiagnostic, FeedbackRelated, FeedbackSeverity } from '../core/feedback';
import { FeedbackAnalyzer, toRange } from './analysis';

/** `diagnostic.source` of every feedback diagnostic: the extension's name. */
export const DIAGNOSTIC_SOURCE = 'System Design Interview Kit';

/** How long typing may go on before the document is validated again. */
export const THROTTLE_MS = 250;

const SEVERITY: Record<FeedbackSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** The diagnostic a core finding shows as; `code.target` opens the code's documentation. */
export function toDiagnostic(d: FeedbackDiagnostic, docs: (code: FeedbackCode) => vscode.Uri): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = { value: d.code, target: docs(d.code) };
  if (d.related) diagnostic.relatedInformation = d.related.map((r) => new vscode.DiagnosticRelatedInformation(relatedLocation(r), r.message));
  return diagnostic;
}

/** A place in another file (a kit file) as a location: the file's start when no range is known. */
export function relatedLocation(r: FeedbackRelated): vscode.Location {
  return new vscode.Location(vscode.Uri.file(r.path), r.range ? toRange(r.range) : new vscode.Position(0, 0));
}

/** The code of one of our diagnostics, or undefined for anyone else's. */
export function codeOf(d: vscode.Diagnostic): FeedbackCode | undefined {
  if (d.source !== DIAGNOSTIC_SOURCE) return undefined;
  const c = typeof d.code === 'object' ? d.code.value : d.code;
  return typeof c === 'string' ? (c as FeedbackCode) : undefined;
}

/** The text documents a tab shows. */
function tabUris(tab: vscode.Tab): vscode.Uri[] {
  const input = tab.input;
  if (input instanceof vscode.TabInputText) return [input.uri];
  if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
  return [];
}

export class FeedbackDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('sdi-feedback');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires after a document's diagnostics were replaced (the CodeLens listens). */
  readonly onDidUpdate = this.changed.event;
  /**
   * Documents whose last editor tab was closed. VS Code keeps such a document open for minutes
   * (so `onDidCloseTextDocument` comes late); its diagnostics go when the tab does, and come back
   * when it is shown again.
   */
  private readonly tabClosed = new Set<string>();

  constructor(private readonly analyzer: FeedbackAnalyzer, private readonly docs: (code: FeedbackCode) => vscode.Uri) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => {
        this.tabClosed.delete(d.uri.toString());
        this.validateNow(d);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.close(d);
        this.tabClosed.delete(d.uri.toString());
      }),
      vscode.window.tabGroups.onDidChangeTabs((e) => this.tabsChanged(e)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sdi.feedback') || e.affectsConfiguration('sdi.scores')) this.revalidateAll();
      }),
    );
    this.revalidateAll();
  }

  /** Validates every open document now. */
  revalidateAll(): void {
    for (const d of vscode.workspace.textDocuments) this.validateNow(d);
  }

  /** Throttle: the first change starts a timer; changes before it fires ride along with it. */
  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown') return this.clear(document);
    const id = document.uri.toString();
    if (this.timers.has(id) || this.tabClosed.has(id)) return;
    this.timers.set(id, setTimeout(() => {
      this.timers.delete(id);
      if (!document.isClosed) this.validateNow(document);
    }, THROTTLE_MS));
  }

  private validateNow(document: vscode.TextDocument): void {
    if (document.languageId !== 'markdown') return this.clear(document);
    if (this.tabClosed.has(document.uri.toString())) return;
    const version = document.version;
    const validation = this.analyzer.validate(document);
    // The checker is synchronous today; should it ever yield, a newer version wins.
    if (document.isClosed || document.version !== version) return;
    if (!validation) return this.clear(document);
    this.collection.set(document.uri, validation.diagnostics.map((d) => toDiagnostic(d, this.docs)));
    this.changed.fire(document.uri);
  }

  private clear(document: vscode.TextDocument): void {
    if (!this.collection.has(document.uri)) return;
    this.collection.delete(document.uri);
    this.changed.fire(document.uri);
  }

  private close(document: vscode.TextDocument): void {
    const id = document.uri.toString();
    const t = this.timers.get(id);
    if (t) clearTimeout(t);
    this.timers.delete(id);
    this.analyzer.forget(document);
    if (this.collection.has(document.uri)) {
      this.collection.delete(document.uri);
      this.changed.fire(document.uri);
    }
  }

  private tabsChanged(e: vscode.TabChangeEvent): void {
    if (!e.closed.length && !e.opened.length) return;
    const shown = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs.flatMap(tabUris)).map(String));
    for (const uri of e.closed.flatMap(tabUris)) {
      const id = uri.toString();
      if (shown.has(id)) continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
      if (!document) continue;
      this.close(document);
      this.tabClosed.add(id);
    }
    for (const uri of e.opened.flatMap(tabUris)) {
      const id = uri.toString();
      if (!this.tabClosed.delete(id)) continue;
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
      if (document) this.validateNow(document);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
