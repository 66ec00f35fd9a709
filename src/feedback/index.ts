/**
 * The feedback feature in the editor: the "New Feedback" scaffold and, for feedback documents,
 * diagnostics, quick fixes, the weighted-score CodeLens, hovers, completions and the on-save update.
 * The checks themselves live in `src/core/feedback`; this folder only maps them to VS Code.
 */
import * as vscode from 'vscode';
import type { GuideLibrary } from '../guideLibrary';
import { FeedbackScaffold } from './scaffold';

export type { NewFeedbackArgs, NewFeedbackResult } from './scaffold';

/** Everything the feedback feature registered; dispose it to remove it all. */
export class FeedbackFeature implements vscode.Disposable {
  readonly scaffold: FeedbackScaffold;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(library: GuideLibrary) {
    this.scaffold = new FeedbackScaffold(library);
    this.disposables.push(this.scaffold.register());
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Creates the feedback feature; the caller pushes it into `context.subscriptions`. */
export function registerFeedback(library: GuideLibrary): FeedbackFeature {
  return new FeedbackFeature(library);
}
