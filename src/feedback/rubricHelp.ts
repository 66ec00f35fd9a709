/**
 * Hover and completion on feedback documents, in the words of the rubric the document is checked
 * with: a score line's hover shows the interview notes tagged to that dimension (when the document
 * has notes) and its descriptors for the written level and all levels; completion offers the valid scores with each level's descriptor, and the problem titles
 * of the rubric's kit in the template's problem field.
 */
import { escapeMarkdown } from '../core/escape';
import * as vscode from 'vscode';
import { validScoreValues, type FeedbackValidation, type ParsedField, type ParsedScoreLine } from '../core/feedback';
import type { Dimension, RubricLevel } from '../core/content';
import type { KitProblem, LoadedKit } from '../core/kit';
import { FeedbackAnalyzer, feedbackSettings, toRange } from './analysis';
import { evidenceMarkdown, scoreLineEvidence, tagAt, tagMarkdown } from './evidence';

function scoreLineAt(v: FeedbackValidation, line: number): ParsedScoreLine | undefined {
  for (const part of v.document.parts) {
    const found = part.scoreLines.find((l) => l.line === line);
    if (found) return found;
  }
  return undefined;
}

function fieldAt(v: FeedbackValidation, line: number): ParsedField | undefined {
  for (const part of v.document.parts) {
    const found = part.fields.find((f) => f.line === line);
    if (found) return found;
  }
  return undefined;
}

/** The valid score written on a line, or null. */
function scoreOn(v: FeedbackValidation, line: ParsedScoreLine): number | null {
  for (const f of v.feedbacks) {
    const s = f.scores.find((x) => x.line?.line === line.line);
    if (s) return s.score;
  }
  return null;
}

/** The levels a score describes: one for a whole score, the two around a half point. */
function levelsFor(d: Dimension, score: number): RubricLevel[] {
  return d.levels.filter((l) => l.score === score || (score % 1 !== 0 && Math.abs(l.score - score) === 0.5)).sort((a, b) => a.score - b.score);
}

function levelFor(d: Dimension, value: string): { label: string; descriptors: string[] } {
  const levels = levelsFor(d, Number(value));
  return {
    label: levels.map((l) => l.label).join(' \u2013 '),
    descriptors: levels.flatMap((l) => l.descriptors),
  };
}

/** What a problem is shown with in a pick list: its number in the built-in guide, else its kit and levels. */
export function problemDescription(kit: LoadedKit, p: KitProblem): string {
  if (p.number !== undefined) return `Problem ${p.number}`;
  return [kit.name, p.levels.join(', ')].filter(Boolean).join(' \u00b7 ');
}

/**
 * Where a completed score goes when the cursor is at `character` of a score line, or undefined
 * outside the score slot (between the colon and the "/"). Inside a written score (or placeholder)
 * the score itself is replaced; elsewhere in the slot (an emptied score `(30%):  / 4`, or the
 * spaces around a score) the whole slot is, with one space on each side (none after when no "/" follows).
 */
export function scoreSlot(text: string, line: ParsedScoreLine, character: number): { start: number; end: number; pad?: { before: string; after: string } } | undefined {
  const value = line.valueRange;
  if (line.valueText && character >= value.start.character && character <= value.end.character) return { start: value.start.character, end: value.end.character };
  // The parser reads the score right of the first colon, up to the first "/" outside brackets.
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  const slash = line.outOfRange ? text.lastIndexOf('/', line.outOfRange.start.character) : -1;
  const start = colon + 1;
  const end = slash > colon ? slash : text.length;
  if (character < start || character > end) return undefined;
  return { start, end, pad: { before: ' ', after: slash > colon ? ' ' : '' } };
}

export class FeedbackHover implements vscode.HoverProvider {
  constructor(private readonly analyzer: FeedbackAnalyzer) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const analysis = this.analyzer.analyze(document);
    if (!analysis?.rubric) return undefined;
    const v = analysis.validation;
    const line = scoreLineAt(v, position.line);
    if (!line) {
      // A tag in the interview notes: its dimension and that dimension's evidence.
      const at = tagAt(v, position.line, position.character);
      const md = at && tagMarkdown(v, at.tag, at.feedback, analysis.rubric.rubric.dimensions);
      return md ? new vscode.Hover(new vscode.MarkdownString(md), toRange(at.tag.range)) : undefined;
    }
    const d = analysis.rubric.compiled.findDimension(line.name);
    if (!d) return undefined;
    const max = analysis.rubric.rubric.scale.max;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(d.name)}** (${d.weight}%)\n\n`);
    // The interview notes tagged to the dimension, when the document has a notes section.
    const evidence = scoreLineEvidence(v, line.line);
    if (evidence) md.appendMarkdown(`${evidenceMarkdown(evidence.evidence, evidence.dimension)}\n---\n\n`);
    const score = scoreOn(v, line);
    if (score !== null) {
      const levels = levelsFor(d, score);
      md.appendMarkdown(`Written: **${score} / ${max} \u2013 ${escapeMarkdown(levels.map((l) => l.label).join(' \u2013 '))}**\n\n`);
      for (const l of levels) for (const x of l.descriptors) md.appendMarkdown(`- ${escapeMarkdown(x)}\n`);
      md.appendMarkdown('\n---\n\n');
    }
    for (const l of [...d.levels].sort((a, b) => b.score - a.score)) {
      md.appendMarkdown(`**${l.score} \u2013 ${escapeMarkdown(l.label)}**${score === l.score ? ' (written)' : ''}: ${escapeMarkdown(l.descriptors.join('; '))}\n\n`);
    }
    return new vscode.Hover(md, toRange(line.lineRange));
  }
}

export class FeedbackCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly analyzer: FeedbackAnalyzer) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const analysis = this.analyzer.analyze(document);
    if (!analysis?.rubric) return undefined;
    const v = analysis.validation;
    const { rubric, kit } = analysis.rubric;
    const line = scoreLineAt(v, position.line);
    if (line) {
      const d = analysis.rubric.compiled.findDimension(line.name);
      const slot = d && scoreSlot(document.lineAt(line.line).text, line, position.character);
      if (!d || !slot) return undefined;
      const range = new vscode.Range(line.line, slot.start, line.line, slot.end);
      const typed = document.getText(new vscode.Range(range.start, position));
      return validScoreValues(rubric, feedbackSettings(document).allowHalfPoints).map((value, i) => {
        const level = levelFor(d, value);
        const item = new vscode.CompletionItem({ label: value, description: level.label }, vscode.CompletionItemKind.EnumMember);
        item.range = range;
        if (slot.pad) item.insertText = `${slot.pad.before}${value}${slot.pad.after}`;
        item.detail = `${d.name}: ${value} / ${rubric.scale.max} \u2013 ${level.label}`;
        item.documentation = new vscode.MarkdownString(level.descriptors.map((x) => `- ${escapeMarkdown(x)}`).join('\n'));
        // Whatever is typed over the placeholder, every valid score stays on offer, lowest first.
        item.filterText = typed + value;
        item.sortText = String(i).padStart(3, '0');
        return item;
      });
    }
    const field = fieldAt(v, position.line);
    if (field && field.role === 'problem' && position.character >= field.labelRange.end.character) {
      const range = toRange(field.valueRange);
      const wide = new vscode.Range(range.start.isBefore(position) ? range.start : position, range.end.isAfter(position) ? range.end : position);
      const typed = document.getText(new vscode.Range(wide.start, position));
      return this.analyzer.rubrics.problemsOf(kit).map(({ kit: from, problem: p }, i) => {
        const item = new vscode.CompletionItem({ label: p.title, description: problemDescription(from, p) }, vscode.CompletionItemKind.Value);
        item.range = wide;
        item.detail = p.statement;
        item.filterText = typed.startsWith('[') ? typed + p.title : p.title;
        item.sortText = String(i).padStart(3, '0');
        return item;
      });
    }
    return undefined;
  }
}

