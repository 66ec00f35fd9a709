/**
 * Which documents are feedback documents, and their validation by the core checker, cached per
 * document version so diagnostics, quick fixes, the CodeLens, hovers and completions share one run.
 */
import * as vscode from 'vscode';
import type { GuideLibrary } from '../guideLibrary';
import { isFeedbackDocument, validateFeedback, type FeedbackOptions, type FeedbackValidation } from '../core/feedback';
import { localDate } from './scaffoldText';

/** The settings the checks read, for one document's folder. */
export interface FeedbackSettings {
  glob: string;
  allowHalfPoints: boolean;
  updateWeightedScoreOnSave: boolean;
}

export function feedbackSettings(document: vscode.TextDocument): FeedbackSettings {
  const c = vscode.workspace.getConfiguration('sdi', document.uri);
  return {
    glob: c.get<string>('feedback.glob', '**/interview-feedback/**/*.md'),
    allowHalfPoints: c.get<boolean>('scores.allowHalfPoints', false),
    updateWeightedScoreOnSave: c.get<boolean>('feedback.updateWeightedScoreOnSave', true),
  };
}

interface Entry {
  version: number;
  key: string;
  validation: FeedbackValidation | undefined;
}

/**
 * Documents a user writes. Others (a `git:` original behind a quick diff, an output channel) are
 * never checked, so their copies do not fill the Problems panel.
 */
const EDITABLE_SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vsls']);

/** Validates feedback documents on demand, remembering the result for the document's current version. */
export class FeedbackAnalyzer {
  private readonly cache = new Map<string, Entry>();

  constructor(readonly library: GuideLibrary, private readonly now: () => Date = () => new Date()) {}

  /**
   * A Markdown document is a feedback document when it matches `sdi.feedback.glob` or has a
   * "Scores (Weighted)" heading (the core's cheap test). Other documents cost only that test.
   */
  isFeedback(document: vscode.TextDocument, settings = feedbackSettings(document)): boolean {
    if (document.languageId !== 'markdown' || !EDITABLE_SCHEMES.has(document.uri.scheme)) return false;
    if (settings.glob && vscode.languages.match({ language: 'markdown', pattern: settings.glob }, document) > 0) return true;
    return isFeedbackDocument(document.getText());
  }

  /** The checker's options for a document, from its settings. */
  options(settings: FeedbackSettings): FeedbackOptions {
    return { allowHalfPoints: settings.allowHalfPoints, today: localDate(this.now()) };
  }

  /** The validation of the document as it is now, or undefined when it is not a feedback document. */
  validate(document: vscode.TextDocument): FeedbackValidation | undefined {
    const settings = feedbackSettings(document);
    const options = this.options(settings);
    const key = `${settings.glob}\u0000${options.allowHalfPoints}\u0000${options.today}`;
    const id = document.uri.toString();
    const hit = this.cache.get(id);
    if (hit && hit.version === document.version && hit.key === key) return hit.validation;
    const validation = this.isFeedback(document, settings)
      ? validateFeedback(document.getText(), this.library.content.rubric, options)
      : undefined;
    this.cache.set(id, { version: document.version, key, validation });
    return validation;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  clear(): void {
    this.cache.clear();
  }
}

/** A core range as a VS Code range. */
export function toRange(r: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/** Core edits as a workspace edit on one document. */
export function toWorkspaceEdit(uri: vscode.Uri, edits: readonly { range: Parameters<typeof toRange>[0]; newText: string }[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, toRange(e.range), e.newText);
  return edit;
}
