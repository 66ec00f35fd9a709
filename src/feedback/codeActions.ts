/**
 * Quick fixes for feedback diagnostics (each fix the core computed for that diagnostic) and
 * `source.fixAll.sdi`, which applies the fixes the core marks safe.
 */
import * as vscode from 'vscode';
import { fixAll, type FeedbackDiagnostic } from '../core/feedback';
import { FeedbackAnalyzer, toRange, toWorkspaceEdit } from './analysis';
import { codeOf } from './diagnostics';

/** The kind of the fix-all action: `source.fixAll.sdi`. */
export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('sdi');

export class FeedbackCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly analyzer: FeedbackAnalyzer) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const validation = this.analyzer.validate(document);
    if (!validation) return [];
    const actions: vscode.CodeAction[] = [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind);
    if (wants(vscode.CodeActionKind.QuickFix)) {
      for (const shown of context.diagnostics) {
        const code = codeOf(shown);
        if (!code) continue;
        const found = matching(validation.diagnostics, code, shown.range);
        for (const fix of found?.fixes ?? []) {
          const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
          action.edit = toWorkspaceEdit(document.uri, fix.edits);
          action.diagnostics = [shown];
          action.isPreferred = fix.preferred;
          actions.push(action);
        }
      }
    }
    if (wants(FIX_ALL_KIND)) {
      const edits = fixAll(validation);
      if (edits.length) {
        const action = new vscode.CodeAction('Fix all safe feedback problems', FIX_ALL_KIND);
        action.edit = toWorkspaceEdit(document.uri, edits);
        actions.push(action);
      }
    }
    return actions;
  }
}

/** The core diagnostic behind a shown one: same code, same range (the document has not changed since, or it would be re-shown). */
function matching(all: readonly FeedbackDiagnostic[], code: string, range: vscode.Range): FeedbackDiagnostic | undefined {
  return all.find((d) => d.code === code && toRange(d.range).isEqual(range))
    ?? all.find((d) => d.code === code && toRange(d.range).intersection(range) !== undefined);
}
