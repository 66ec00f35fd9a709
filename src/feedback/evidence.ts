/**
 * The interview notes as evidence on a feedback's score lines: a CodeLens per score line
 * (`3 notes: 2+ 1−`) whose command jumps to the note (a pick list when there are several), and the
 * tagged notes in the score line's hover. What counts is computed by the core
 * (`FeedbackValidation.notes`, with the document's rubric and its tags).
 */
import * as vscode from 'vscode';
import { pickOne } from '../quickPick';
import { escapeMarkdown } from '../core/escape';
import type { Dimension } from '../core/content';
import type { FeedbackValidation } from '../core/feedback';
import { evidenceLabel, noteAt, type DimensionEvidence, type InterviewNote, type NotePolarity, type NoteTag } from '../core/notes';
import type { FeedbackAnalyzer } from './analysis';
import { toRange } from './analysis';

/** The command a score line's evidence CodeLens runs: `(uri, dimensionId, feedbackIndex)`; returns the line jumped to. */
export const SHOW_EVIDENCE_COMMAND = 'sdi.feedback.showEvidence';

const SIGN: Record<NotePolarity, string> = { plus: '+', minus: '\u2212', neutral: '#' };

/** The signs a note gives one dimension, in order: `+`, `+ −`. */
export function noteSigns(note: InterviewNote, dimension: string): string {
  return note.tags.filter((t) => t.dimension === dimension).map((t) => SIGN[t.polarity]).join(' ');
}

/** A note's time as shown (`12:34`), or an en dash for a note without one. */
export function noteTime(note: InterviewNote): string {
  return note.timeText ? note.timeText.slice(1, -1) : '\u2013';
}

/** The evidence of one score line: its feedback's index and the dimension's notes; undefined when the document has no notes section. */
export function evidenceOf(v: FeedbackValidation, feedback: number, dimension: string): DimensionEvidence | undefined {
  if (!v.notes || !v.notes.parsed.sections.length) return undefined;
  return v.notes.evidence[feedback]?.[dimension];
}

/** Where a score line is read: the feedback it belongs to and its dimension, or undefined. */
export function scoreLineEvidence(v: FeedbackValidation, line: number): { feedback: number; dimension: string; evidence: DimensionEvidence } | undefined {
  for (let k = 0; k < v.feedbacks.length; k++) {
    const s = v.feedbacks[k].scores.find((x) => x.line?.line === line);
    if (!s) continue;
    const evidence = evidenceOf(v, k, s.dimension);
    return evidence ? { feedback: k, dimension: s.dimension, evidence } : undefined;
  }
  return undefined;
}

/** The hover's evidence part: `Evidence: 3 notes: 2+ 1−` and one line per note (time, signs, text). */
export function evidenceMarkdown(e: DimensionEvidence, dimension: string): string {
  const head = `**Evidence:** ${escapeMarkdown(evidenceLabel(e))}${e.notes.length ? '' : ' \u2013 no interview note is tagged to this dimension'}\n\n`;
  return head + e.notes.map((n) => `- \`${noteTime(n)}\` **${escapeMarkdown(noteSigns(n, dimension))}** ${escapeMarkdown(n.text)}\n`).join('');
}

const MEANING: Record<NotePolarity, string> = { plus: 'strong signal', minus: 'concern', neutral: 'neutral mention' };

/** The tag of a note at a position of the notes section, with the feedback the note belongs to. */
export function tagAt(v: FeedbackValidation, line: number, character: number): { tag: NoteTag; feedback: number } | undefined {
  if (!v.notes) return undefined;
  const note = noteAt(v.notes.parsed, line);
  const tag = note?.tags.find((t) => t.range.start.line === line && character >= t.range.start.character && character <= t.range.end.character);
  if (!note || !tag) return undefined;
  const k = v.notes.evidence.findIndex((e) => e[tag.dimension]?.notes.includes(note));
  return { tag, feedback: Math.max(0, k) };
}

/** A tag's hover: what it says about which dimension, and that dimension's evidence so far. */
export function tagMarkdown(v: FeedbackValidation, tag: NoteTag, feedback: number, dims: readonly Dimension[]): string | undefined {
  const d = dims.find((x) => x.id === tag.dimension);
  const e = evidenceOf(v, feedback, tag.dimension);
  if (!d || !e) return undefined;
  return `**${escapeMarkdown(SIGN[tag.polarity] + tag.name)}**: ${MEANING[tag.polarity]} for **${escapeMarkdown(d.name)}** (${d.weight}%)\n\n${escapeMarkdown(evidenceLabel(e))} in all\n`;
}

/** The evidence CodeLenses of a document's score lines (none without a notes section). */
export function evidenceLenses(document: vscode.TextDocument, v: FeedbackValidation): vscode.CodeLens[] {
  const lenses: vscode.CodeLens[] = [];
  if (!v.notes || !v.notes.parsed.sections.length) return lenses;
  v.feedbacks.forEach((f, k) => {
    for (const s of f.scores) {
      const e = s.line && evidenceOf(v, k, s.dimension);
      if (!s.line || !e) continue;
      const title = evidenceLabel(e);
      const command: vscode.Command = e.notes.length
        ? { title, command: SHOW_EVIDENCE_COMMAND, arguments: [document.uri, s.dimension, k], tooltip: e.notes.length === 1 ? 'Go to the note' : 'Pick a note to go to' }
        : { title, command: '' };
      lenses.push(new vscode.CodeLens(toRange(s.line.lineRange), command));
    }
  });
  return lenses;
}

interface NotePick extends vscode.QuickPickItem {
  note: InterviewNote;
}

/**
 * Goes to a note tagged to a dimension: the only one at once, else the one picked from a list of
 * times and texts. Returns the note's line, or undefined when there is none or the pick is dismissed.
 */
export async function showEvidence(analyzer: FeedbackAnalyzer, target: vscode.Uri | string, dimension: string, feedback = 0): Promise<number | undefined> {
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  const document = await vscode.workspace.openTextDocument(uri);
  const analysis = analyzer.analyze(document);
  const dim: Dimension | undefined = analysis?.rubric?.rubric.dimensions.find((d) => d.id === dimension);
  const e = analysis && evidenceOf(analysis.validation, feedback, dimension);
  if (!analysis || !dim || !e || !e.notes.length) {
    void vscode.window.showInformationMessage(`No interview note is tagged to ${dim ? dim.name : dimension}.`);
    return undefined;
  }
  let note = e.notes[0];
  if (e.notes.length > 1) {
    const picked = await pickOne<NotePick>(
      e.notes.map((n) => ({ label: `${noteTime(n)}  ${noteSigns(n, dimension)}`, description: n.text, detail: n.phase, note: n })),
      { title: `${dim.name}: ${evidenceLabel(e)}`, placeHolder: 'Go to a note', matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    note = picked.note;
  }
  const range = toRange(note.textRange);
  const shown = vscode.window.visibleTextEditors.find((ed) => ed.document.uri.toString() === document.uri.toString());
  const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn, selection: new vscode.Selection(range.start, range.start) });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return note.line;
}

/** Registers the CodeLens's command. */
export function registerShowEvidence(analyzer: FeedbackAnalyzer): vscode.Disposable {
  return vscode.commands.registerCommand(SHOW_EVIDENCE_COMMAND, (uri: vscode.Uri | string, dimension: string, feedback?: number) => showEvidence(analyzer, uri, dimension, feedback));
}
