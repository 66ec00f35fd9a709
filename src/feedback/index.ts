/**
 * The feedback feature in the editor: the "New Feedback" scaffold and, for feedback documents,
 * diagnostics, quick fixes, the weighted-score CodeLens, hovers, completions, the on-save update and Submit,
 * and the interview notes as evidence (CodeLens and hover per score line, tag completion and colours).
 * The checks themselves live in `src/core/feedback`; this folder only maps them to VS Code.
 */
import * as vscode from 'vscode';
import type { FeedbackCode } from '../core/feedback';
import type { GuideLibrary } from '../guideLibrary';
import { FEEDBACK_SELECTOR, FeedbackAnalyzer } from './analysis';
import { codeDocUri } from './codeDocs';
import { fixedKitSource, KitRubricSource, type KitSource } from './rubricSource';
import { FeedbackCodeActions } from './codeActions';
import { FeedbackCodeLens } from './codeLens';
import { FeedbackDiagnostics } from './diagnostics';
import { registerShowEvidence } from './evidence';
import { NoteTagCompletion, NoteTagDecorations, TAG_TRIGGERS } from './noteTags';
import { registerWeightedScoreOnSave, type WeightedScoreOnSave } from './onSave';
import { FeedbackCompletion, FeedbackHover } from './rubricHelp';
import { FeedbackScaffold } from './scaffold';
import { registerSubmitFeedback } from './submit';

export type { NewFeedbackArgs, NewFeedbackResult, RunningProblem } from './scaffold';
export type { FeedbackAnalysis } from './analysis';
export { KitRubricSource, fixedKitSource, type KitSource, type RubricSource, type FeedbackRubric, type RubricChoice } from './rubricSource';
export { DIAGNOSTIC_SOURCE } from './diagnostics';
export { FIX_ALL_KIND } from './codeActions';
export { EDITABLE_SCHEMES, FEEDBACK_SELECTOR } from './analysis';
export { CODE_DOCS_SCHEME, CodeDocsProvider, codeDocUri, codeDocMarkdown } from './codeDocs';
export type { MissedWeightedScore } from './onSave';

/**
 * Where a diagnostic code is documented: its own read-only page (`sdi-code:/<code>.md`, see
 * `codeDocs.ts` for why not a link into `docs/` or a `command:` link), the same offline, in the desktop and in the browser.
 */
export function codeDocs(): (code: FeedbackCode) => vscode.Uri {
  return codeDocUri;
}

/** Everything the feedback feature registered; dispose it to remove it all. */
export class FeedbackFeature implements vscode.Disposable {
  readonly scaffold: FeedbackScaffold;
  readonly analyzer: FeedbackAnalyzer;
  readonly diagnostics: FeedbackDiagnostics;
  readonly rubrics: KitRubricSource;
  /** The weighted score on save; tells (`onDidMissWeightedScore`) when a save went out without it. */
  readonly onSave: WeightedScoreOnSave;
  /** The tag colours of the interview notes in visible feedback editors. */
  readonly noteTags: NoteTagDecorations;
  /** The tag completion of the interview notes (the loops set which tags it offers first). */
  readonly noteTagCompletion: NoteTagCompletion;
  private readonly disposables: vscode.Disposable[] = [];

  /** `kits` is the kit service; without one, feedback is checked against the built-in guide alone. */
  constructor(library: GuideLibrary, _extension: vscode.Extension<unknown>, kits?: KitSource) {
    this.rubrics = new KitRubricSource(kits ?? fixedKitSource(library.builtIn));
    this.scaffold = new FeedbackScaffold(this.rubrics);
    this.analyzer = new FeedbackAnalyzer(this.rubrics);
    this.diagnostics = new FeedbackDiagnostics(this.analyzer, codeDocs());
    this.onSave = registerWeightedScoreOnSave(this.analyzer);
    const lens = new FeedbackCodeLens(this.analyzer);
    this.noteTags = new NoteTagDecorations(this.analyzer, this.diagnostics.onDidUpdate);
    this.noteTagCompletion = new NoteTagCompletion(this.analyzer);
    this.disposables.push(
      this.rubrics,
      // A kit change re-checks every open feedback document against the rubric it now resolves to.
      this.rubrics.onDidChange(() => {
        this.analyzer.clear();
        this.diagnostics.revalidateAll();
        lens.refresh();
      }),
      this.scaffold.register(),
      this.diagnostics,
      lens,
      this.diagnostics.onDidUpdate(() => lens.refresh()),
      vscode.languages.registerCodeLensProvider(FEEDBACK_SELECTOR, lens),
      vscode.languages.registerCodeActionsProvider(FEEDBACK_SELECTOR, new FeedbackCodeActions(this.analyzer), FeedbackCodeActions.metadata),
      vscode.languages.registerHoverProvider(FEEDBACK_SELECTOR, new FeedbackHover(this.analyzer)),
      vscode.languages.registerCompletionItemProvider(FEEDBACK_SELECTOR, new FeedbackCompletion(this.analyzer)),
      // The interview notes: tag completion, tag colours, and the evidence CodeLens's command.
      vscode.languages.registerCompletionItemProvider(FEEDBACK_SELECTOR, this.noteTagCompletion, ...TAG_TRIGGERS),
      this.noteTags,
      registerShowEvidence(this.analyzer),
      registerSubmitFeedback(this.analyzer),
      this.onSave,
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Creates the feedback feature over the kit service; the caller pushes it into `context.subscriptions`. */
export function registerFeedback(library: GuideLibrary, context: vscode.ExtensionContext, kits?: KitSource): FeedbackFeature {
  return new FeedbackFeature(library, context.extension, kits);
}
