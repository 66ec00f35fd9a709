/**
 * The feedback feature in the editor: the "New Feedback" scaffold and, for feedback documents,
 * diagnostics, quick fixes, the weighted-score CodeLens, hovers, completions and the on-save update.
 * The checks themselves live in `src/core/feedback`; this folder only maps them to VS Code.
 */
import * as vscode from 'vscode';
import type { FeedbackCode } from '../core/feedback';
import type { GuideLibrary } from '../guideLibrary';
import { FeedbackAnalyzer } from './analysis';
import { FeedbackCodeActions } from './codeActions';
import { FeedbackCodeLens } from './codeLens';
import { FeedbackDiagnostics } from './diagnostics';
import { registerWeightedScoreOnSave } from './onSave';
import { FeedbackCompletion, FeedbackHover } from './rubricHelp';
import { FeedbackScaffold } from './scaffold';

export type { NewFeedbackArgs, NewFeedbackResult } from './scaffold';
export { DIAGNOSTIC_SOURCE } from './diagnostics';
export { FIX_ALL_KIND } from './codeActions';

/** Every Markdown document; the analyzer decides which are feedback (and answers the rest with nothing). */
const SELECTOR: vscode.DocumentSelector = { language: 'markdown' };

/**
 * Where a diagnostic code is documented: the README's "Diagnostic codes" section, each code by
 * its own anchor. Online when the manifest names a homepage or repository, else the shipped README.
 */
export function codeDocs(extension: vscode.Extension<unknown>): (code: FeedbackCode) => vscode.Uri {
  const pkg = extension.packageJSON as { homepage?: string; repository?: string | { url?: string } };
  const repo = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const base = [pkg.homepage, repo].find((u) => typeof u === 'string' && /^https:\/\//.test(u))?.replace(/\.git$/, '').replace(/#.*$/, '');
  return base
    ? (code) => vscode.Uri.parse(`${base}#${code}`)
    : (code) => vscode.Uri.joinPath(extension.extensionUri, 'README.md').with({ fragment: code });
}

/** Everything the feedback feature registered; dispose it to remove it all. */
export class FeedbackFeature implements vscode.Disposable {
  readonly scaffold: FeedbackScaffold;
  readonly analyzer: FeedbackAnalyzer;
  readonly diagnostics: FeedbackDiagnostics;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(library: GuideLibrary, extension: vscode.Extension<unknown>) {
    this.scaffold = new FeedbackScaffold(library);
    this.analyzer = new FeedbackAnalyzer(library);
    this.diagnostics = new FeedbackDiagnostics(this.analyzer, codeDocs(extension));
    const lens = new FeedbackCodeLens(this.analyzer);
    this.disposables.push(
      this.scaffold.register(),
      this.diagnostics,
      lens,
      this.diagnostics.onDidUpdate(() => lens.refresh()),
      vscode.languages.registerCodeLensProvider(SELECTOR, lens),
      vscode.languages.registerCodeActionsProvider(SELECTOR, new FeedbackCodeActions(this.analyzer), FeedbackCodeActions.metadata),
      vscode.languages.registerHoverProvider(SELECTOR, new FeedbackHover(this.analyzer)),
      vscode.languages.registerCompletionItemProvider(SELECTOR, new FeedbackCompletion(this.analyzer)),
      registerWeightedScoreOnSave(this.analyzer),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Creates the feedback feature; the caller pushes it into `context.subscriptions`. */
export function registerFeedback(library: GuideLibrary, context: vscode.ExtensionContext): FeedbackFeature {
  return new FeedbackFeature(library, context.extension);
}
