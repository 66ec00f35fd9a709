import * as vscode from 'vscode';

/**
 * Saves `doc` as Ctrl+S does (an explicit save, every save participant included, the weighted score
 * on save with the default settings) and resolves whether VS Code saved it: once, with no retry.
 */
export function saveAsAUserDoes(doc: vscode.TextDocument): Thenable<boolean> {
  return doc.save();
}
