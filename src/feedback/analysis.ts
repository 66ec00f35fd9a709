/**
 * Which documents are feedback documents, and their validation by the core checker against the
 * rubric the rubric source picks for them, cached per document version and rubric so diagnostics,
 * quick fixes, the CodeLens, hovers and completions share one run.
 */
import * as vscode from 'vscode';
import {
  isFeedbackDocument, parseFeedback, validateFeedback, weightedScoreEdits, weightedScoreEditsForSave,
  type FeedbackDiagnostic, type FeedbackOptions, type FeedbackValidation, type TextEdit,
} from '../core/feedback';
import { EDITABLE_SCHEMES, mayBeFeedback } from '../core/activation';
import { readRubricRecord } from '../core/kit';
import { documentHead, type FeedbackRubric, type RubricSource } from './rubricSource';
import { localDate } from '../core/format';
import { readFeedbackSettings, type FeedbackSettings } from '../settings';

/** The settings the checks read, for one document's folder (`../settings`). */
export function feedbackSettings(document: vscode.TextDocument): FeedbackSettings {
  return readFeedbackSettings(document.uri);
}

/** A feedback document's validation and the rubric it was checked with (none when the recorded rubric is unknown). */
export interface FeedbackAnalysis {
  validation: FeedbackValidation;
  rubric?: FeedbackRubric;
}

interface Entry {
  version: number;
  key: string;
  /** The rubric (or the unknown-rubric finding) the entry was computed with: a kit change replaces it. */
  basis: FeedbackRubric | FeedbackDiagnostic | undefined;
  analysis: FeedbackAnalysis | undefined;
}

/** Documents a user writes (see `core/activation`); the shell loads the features when one opens. */
export { EDITABLE_SCHEMES };

/**
 * What every feedback provider is registered for: Markdown in each scheme the analyzer checks. A
 * filter without a scheme would also match a `git:` original or a Live Share guest's copy, and
 * VS Code's extension host warns about it.
 */
export const FEEDBACK_SELECTOR: readonly vscode.DocumentFilter[] = [...EDITABLE_SCHEMES].map((scheme) => ({ language: 'markdown', scheme }));

/** Validates feedback documents on demand, remembering the result for the document's version and rubric. */
export class FeedbackAnalyzer {
  private readonly cache = new Map<string, Entry>();

  constructor(readonly rubrics: RubricSource, private readonly now: () => Date = () => new Date()) {}

  /**
   * A Markdown document is a feedback document when it matches `sdi.feedback.glob`, records a
   * rubric, or has a scores heading (the core's cheap test). Other documents cost only those tests.
   */
  isFeedback(document: vscode.TextDocument, settings = feedbackSettings(document), text?: () => string): boolean {
    if (!mayBeFeedback(document)) return false;
    if (settings.glob && vscode.languages.match({ language: 'markdown', pattern: settings.glob }, document) > 0) return true;
    if (readRubricRecord(documentHead(document)) !== undefined) return true;
    // The whole text only now, and once: on a 5 MB document each copy costs tens of milliseconds.
    const all = text ? text() : document.getText();
    if (isFeedbackDocument(all)) return true;
    // A kit's own template may name its scores block otherwise: test with the template the document would be read with.
    const rubric = this.rubrics.rubricFor(document).rubric;
    return !!rubric && !rubric.kit.builtIn && isFeedbackDocument(all, rubric.compiled);
  }

  /** The checker's options for a document, from its settings: the interview notes are read as evidence (`sdi.feedback.evidence` decides `score-without-evidence`). */
  options(settings: FeedbackSettings): FeedbackOptions {
    const options: FeedbackOptions = { allowHalfPoints: settings.allowHalfPoints, today: localDate(this.now()), notes: true };
    if (!settings.evidence) options.severities = NO_EVIDENCE_CHECK;
    return options;
  }

  /** The analysis of the document as it is now, or undefined when it is not a feedback document. */
  analyze(document: vscode.TextDocument): FeedbackAnalysis | undefined {
    const settings = feedbackSettings(document);
    const options = this.options(settings);
    const key = keyOf(settings, options);
    const hit = this.hit(document, key);
    if (hit) return hit.analysis;
    let basis: Entry['basis'];
    let analysis: FeedbackAnalysis | undefined;
    const text = once(() => document.getText());
    if (this.isFeedback(document, settings, text)) {
      const choice = this.rubrics.rubricFor(document);
      basis = choice.rubric ?? choice.error;
      analysis = choice.rubric ? checked(text(), choice.rubric, options) : unknownRubric(text(), choice.error, this.rubrics.builtInRubric());
    }
    this.cache.set(document.uri.toString(), { version: document.version, key, basis, analysis });
    return analysis;
  }

  /** The cached analysis when it is of the document as it is now (same version, settings and rubric). */
  private hit(document: vscode.TextDocument, key: string): Entry | undefined {
    const hit = this.cache.get(document.uri.toString());
    return hit && hit.version === document.version && hit.key === key && hit.basis === this.basisOf(document, hit) ? hit : undefined;
  }

  /**
   * The edits that bring every weighted score of the document up to date, for a save: VS Code gives
   * save participants 1.75 s on the renderer's clock, the round trip to a busy extension host
   * included. The analysis of the version being saved is reused when there is one (the diagnostics
   * usually made it); else only the weighted-score check runs, and nothing is cached.
   */
  weightedScoreEditsForSave(document: vscode.TextDocument, settings = feedbackSettings(document)): TextEdit[] {
    const options = this.options(settings);
    const hit = this.hit(document, keyOf(settings, options));
    if (hit) return hit.analysis?.rubric ? weightedScoreEdits(hit.analysis.validation) : [];
    const text = once(() => document.getText());
    if (!this.isFeedback(document, settings, text)) return [];
    const rubric = this.rubrics.rubricFor(document).rubric;
    if (!rubric) return [];
    return weightedScoreEditsForSave(text(), rubric.compiled, options);
  }

  /** The validation of the document as it is now, or undefined when it is not a feedback document. */
  validate(document: vscode.TextDocument): FeedbackValidation | undefined {
    return this.analyze(document)?.validation;
  }

  /** What the rubric source answers now for a document the entry was computed for (cheap: the source caches by version). */
  private basisOf(document: vscode.TextDocument, hit: Entry): Entry['basis'] {
    if (!hit.analysis) return undefined;
    const choice = this.rubrics.rubricFor(document);
    return choice.rubric ?? choice.error;
  }

  forget(document: vscode.TextDocument): void {
    this.cache.delete(document.uri.toString());
  }

  clear(): void {
    this.cache.clear();
  }
}

function keyOf(settings: FeedbackSettings, options: FeedbackOptions): string {
  return `${settings.glob}\u0000${options.allowHalfPoints}\u0000${String(options.today)}\u0000${settings.evidence}`;
}

/** A value computed on first use, then remembered. */
function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

/** `sdi.feedback.evidence: false`. */
const NO_EVIDENCE_CHECK: NonNullable<FeedbackOptions['severities']> = { 'score-without-evidence': 'off' };

/** The checks' result, with what the rubric choice itself reported (`rubric-changed`) among the diagnostics. */
function checked(text: string, rubric: FeedbackRubric, options: FeedbackOptions): FeedbackAnalysis {
  const v = validateFeedback(text, rubric.compiled, options);
  if (!rubric.notes.length) return { validation: v, rubric };
  const diagnostics = [...rubric.notes, ...v.diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { validation: { ...v, diagnostics }, rubric };
}

/** A document whose recorded rubric is not loaded: the one finding, and no score checks (they would be against the wrong rubric). */
function unknownRubric(text: string, error: FeedbackDiagnostic, fallback: FeedbackRubric): FeedbackAnalysis {
  return {
    validation: {
      scored: 0,
      dimensions: 0,
      weightedScore: null,
      weightedScoreText: null,
      band: null,
      recommendation: null,
      borderline: false,
      acceptedRecommendations: [],
      scores: [],
      feedbacks: [],
      diagnostics: [error],
      document: parseFeedback(text, fallback.compiled),
      // No rubric applies; the built-in one stands in where a compiled rubric is expected, and no check ran with it.
      rubric: fallback.compiled,
    },
  };
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
