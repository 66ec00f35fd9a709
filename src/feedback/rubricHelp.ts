/**
 * Hover and completion on feedback documents, in the rubric's words: a score line's hover shows
 * that dimension's descriptors for the written level and all levels; completion offers the valid
 * scores with each level's descriptor, and the guide's problem titles in "Problem Used".
 */
import { escapeMarkdown } from '../core/escape';
import * as vscode from 'vscode';
import { findDimension, validScoreValues, type FeedbackValidation, type ParsedField, type ParsedScoreLine } from '../core/feedback';
import type { Dimension, RubricLevel } from '../core/content';
import { FeedbackAnalyzer, feedbackSettings, toRange } from './analysis';

/** The header field whose value completes with the guide's problem titles. */
const PROBLEM_FIELD = 'problem used';

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

export class FeedbackHover implements vscode.HoverProvider {
  constructor(private readonly analyzer: FeedbackAnalyzer) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const v = this.analyzer.validate(document);
    if (!v) return undefined;
    const line = scoreLineAt(v, position.line);
    if (!line) return undefined;
    const d = findDimension(this.analyzer.library.content.rubric, line.name);
    if (!d) return undefined;
    const max = this.analyzer.library.content.rubric.scale.max;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(d.name)}** (${d.weight}%)\n\n`);
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
    const v = this.analyzer.validate(document);
    if (!v) return undefined;
    const rubric = this.analyzer.library.content.rubric;
    const line = scoreLineAt(v, position.line);
    if (line) {
      const range = toRange(line.valueRange);
      const d = findDimension(rubric, line.name);
      if (!d || position.character < range.start.character || position.character > range.end.character) return undefined;
      const typed = document.getText(new vscode.Range(range.start, position));
      return validScoreValues(rubric, feedbackSettings(document).allowHalfPoints).map((value, i) => {
        const level = levelFor(d, value);
        const item = new vscode.CompletionItem({ label: value, description: level.label }, vscode.CompletionItemKind.EnumMember);
        item.range = range;
        item.detail = `${d.name}: ${value} / ${rubric.scale.max} \u2013 ${level.label}`;
        item.documentation = new vscode.MarkdownString(level.descriptors.map((x) => `- ${escapeMarkdown(x)}`).join('\n'));
        // Whatever is typed over the placeholder, every valid score stays on offer, lowest first.
        item.filterText = typed + value;
        item.sortText = String(i).padStart(3, '0');
        return item;
      });
    }
    const field = fieldAt(v, position.line);
    if (field && field.label.toLowerCase() === PROBLEM_FIELD && position.character >= field.labelRange.end.character) {
      const range = toRange(field.valueRange);
      const wide = new vscode.Range(range.start.isBefore(position) ? range.start : position, range.end.isAfter(position) ? range.end : position);
      const typed = document.getText(new vscode.Range(wide.start, position));
      return this.analyzer.library.content.problems.map((p, i) => {
        const item = new vscode.CompletionItem({ label: p.title, description: `Problem ${p.number}` }, vscode.CompletionItemKind.Value);
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

