/**
 * `sdi.feedback.updateWeightedScoreOnSave`: on save, the weighted score line of a feedback
 * document is brought up to date (only when every dimension holds a valid score); nothing else changes.
 * Explicit saves and saves on focus change write it; auto saves after a delay do not.
 */
import * as vscode from 'vscode';
import { weightedScoreEdits } from '../core/feedback';
import { FeedbackAnalyzer, feedbackSettings, toRange } from './analysis';

export function registerWeightedScoreOnSave(analyzer: FeedbackAnalyzer): vscode.Disposable {
  return vscode.workspace.onWillSaveTextDocument((e) => {
    const document = e.document;
    // Like VS Code's own code actions on save: not on an auto save after a delay, which would
    // rewrite the line under the interviewer's cursor while they are still typing.
    if (e.reason === vscode.TextDocumentSaveReason.AfterDelay) return;
    if (document.languageId !== 'markdown' || !feedbackSettings(document).updateWeightedScoreOnSave) return;
    const validation = analyzer.validate(document);
    if (!validation) return;
    const edits = weightedScoreEdits(validation);
    if (edits.length) e.waitUntil(Promise.resolve(edits.map((x) => vscode.TextEdit.replace(toRange(x.range), x.newText))));
  });
}
