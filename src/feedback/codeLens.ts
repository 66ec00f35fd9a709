/**
 * The CodeLens on each feedback's scores heading, in its rubric's words: "Weighted <score> / <max> ·
 * <band label> · <scored>/<dimensions> scored"; and, in a document with interview notes, one on each
 * score line with the notes tagged to its dimension ("3 notes: 2+ 1−", see `evidence.ts`). At the top
 * of the file (on the record line once sealed): "Submit" on a finished feedback, and the seal's state
 * once it was submitted ("Submitted <date>", "· edited after submit"; see `submit.ts`).
 */
import * as vscode from 'vscode';
import type { FeedbackDiagnostic, FeedbackSummary, FeedbackValidation } from '../core/feedback';
import { isRealDate, localDate } from '../core/format';
import { KIT_RUBRIC_INVALID_TITLE } from '../core/kit';
import type { Rubric } from '../core/content';
import { FeedbackAnalyzer, toRange } from './analysis';
import { evidenceLenses } from './evidence';
import { SUBMIT_FEEDBACK_COMMAND } from './submit';

/** The lens text for one feedback's summary, in the rubric's words. */
export function lensTitle(rubric: Rubric, s: FeedbackSummary): string {
  const label = (id: string) => rubric.bands.find((b) => b.id === id)?.label ?? id;
  const parts = [`Weighted ${s.weightedScoreText ?? `\u2013 / ${rubric.scale.max.toFixed(1)}`}`];
  if (s.band) {
    parts.push(s.borderline ? `${s.acceptedRecommendations.map(label).join(' or ')} (borderline)` : label(s.band));
  }
  parts.push(`${s.scored}/${s.dimensions} scored`);
  return parts.join(' \u00b7 ');
}

/** A feedback left unchecked while the kit's rubric does not load: the lens says so and opens the kit's error. */
function notCheckedLens(d: FeedbackDiagnostic): vscode.CodeLens {
  const at = d.related?.[0];
  const title = KIT_RUBRIC_INVALID_TITLE;
  const command = at
    ? { title, command: 'vscode.open', arguments: [vscode.Uri.file(at.path), { selection: at.range ? toRange(at.range) : undefined }], tooltip: d.message }
    : { title, command: '', tooltip: d.message };
  return new vscode.CodeLens(toRange(d.range), command);
}

/**
 * The seal's state when the file was submitted, on its record line, and "Submit" (or "Submit again"
 * after an edit) when the feedback is finished: no errors, every dimension scored. Not on the scores
 * heading: lenses of one line read as one text, and the weighted score's is read alone.
 */
function submitLenses(document: vscode.TextDocument, v: FeedbackValidation): vscode.CodeLens[] {
  if (!v.feedbacks.some((s) => s.scoresHeading)) return [];
  const seal = v.document.submission;
  const range = seal ? toRange(seal.range) : new vscode.Range(0, 0, 0, 0);
  const lenses: vscode.CodeLens[] = [];
  if (seal) {
    const day = localDate(new Date(seal.submitted));
    const title = `Submitted ${isRealDate(day) ? day : seal.submitted}${seal.edited ? ' \u00b7 edited after submit' : ''}`;
    lenses.push(new vscode.CodeLens(range, { title, command: '', tooltip: `Submitted ${seal.submitted}${seal.edited ? '; changed since' : ''}` }));
  }
  const finished = !v.diagnostics.some((d) => d.severity === 'error') && v.feedbacks.every((s) => !s.scoresHeading || s.scored === s.dimensions);
  if (finished && (!seal || seal.edited)) {
    lenses.push(new vscode.CodeLens(range, { title: seal ? 'Submit again' : 'Submit', command: SUBMIT_FEEDBACK_COMMAND, arguments: [document.uri], tooltip: 'Seal this feedback: its record line gets the time and a digest of its content' }));
  }
  return lenses;
}

export class FeedbackCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly analyzer: FeedbackAnalyzer) {}

  /** Called when a document was re-validated, so the lens follows the diagnostics. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const analysis = this.analyzer.analyze(document);
    if (!analysis) return [];
    if (!analysis.rubric) return analysis.validation.diagnostics.filter((d) => d.code === 'kit-rubric-invalid').map(notCheckedLens);
    const { rubric } = analysis.rubric;
    const lenses = analysis.validation.feedbacks
      .filter((s) => s.scoresHeading)
      .map((s) => new vscode.CodeLens(toRange(s.scoresHeading!), { title: lensTitle(rubric, s), command: '' }));
    return lenses.concat(submitLenses(document, analysis.validation), evidenceLenses(document, analysis.validation));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
