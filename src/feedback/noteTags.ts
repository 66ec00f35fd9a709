/**
 * The rubric tags of the interview notes in the editor: completion of a tag's name after `+`, `-`
 * or `#` in a note, and decorations in the visible feedback editors (strong signal, concern and
 * neutral in three theme colours). Both read the analysis the diagnostics already made (the
 * core's `FeedbackValidation.notes`, with the document's rubric), so an edit costs no extra parse.
 */
import * as vscode from 'vscode';
import { noteTagSlot } from '../core/feedback';
import { noteTagNames, type NotePolarity } from '../core/notes';
import type { FeedbackAnalyzer } from './analysis';
import { toRange } from './analysis';

/** The characters that open completion of a tag. */
export const TAG_TRIGGERS = ['+', '-', '#'] as const;

const WORD: Record<NotePolarity, string> = { plus: 'strong signal', minus: 'concern', neutral: 'neutral' };

/** Tag names after a sign, in a note of the notes section only. */
export class NoteTagCompletion implements vscode.CompletionItemProvider {
  /** The rubric dimension ids a document's loop interview focuses on (set by `src/loops`): their tags are offered first. */
  focusOf: (document: vscode.TextDocument) => readonly string[] = () => [];

  constructor(private readonly analyzer: FeedbackAnalyzer) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const analysis = this.analyzer.analyze(document);
    const notes = analysis?.validation.notes;
    if (!analysis?.rubric || !notes) return undefined;
    const slot = noteTagSlot(notes.parsed, document.lineAt(position.line).text, position.line, position.character);
    if (!slot) return undefined;
    const dims = analysis.rubric.rubric.dimensions;
    const range = new vscode.Range(position.line, slot.start, position.line, slot.end);
    const focus = this.focusOf(document);
    const tags = noteTagNames(dims);
    // The interview's focus dimensions first, each group in the rubric's order.
    const ordered = [...tags.filter((t) => focus.includes(t.dimension)), ...tags.filter((t) => !focus.includes(t.dimension))];
    return ordered.map(({ tag, dimension }, i) => {
      const d = dims.find((x) => x.id === dimension)!;
      const inFocus = focus.includes(dimension);
      const item = new vscode.CompletionItem({ label: tag, description: inFocus ? `${d.name} · focus` : d.name }, vscode.CompletionItemKind.EnumMember);
      item.range = range;
      item.detail = `${WORD[slot.polarity]}: ${d.name} (${d.weight}%)${inFocus ? ", a focus of this loop interview" : ''}`;
      item.sortText = String(i).padStart(3, '0');
      return item;
    });
  }
}

/** Decorates the tags of the notes in every visible feedback editor, after each validation of its document. */
export class NoteTagDecorations implements vscode.Disposable {
  private readonly types: Record<NotePolarity, vscode.TextEditorDecorationType> = {
    plus: vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor('charts.green'), fontWeight: 'bold' }),
    minus: vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor('charts.red'), fontWeight: 'bold' }),
    neutral: vscode.window.createTextEditorDecorationType({ color: new vscode.ThemeColor('charts.blue'), fontWeight: 'bold' }),
  };
  /** What each editor shows now (an editor without tags is cleared once, not on every edit). */
  private readonly shown = new WeakMap<vscode.TextEditor, Readonly<Record<NotePolarity, readonly vscode.Range[]>>>();
  private readonly updated = new vscode.EventEmitter<vscode.TextEditor>();
  private readonly disposables: vscode.Disposable[] = [this.updated];
  /** Fires with an editor each time its tag decorations were set (for tests: decorations have no event of VS Code's). */
  readonly onDidUpdate = this.updated.event;

  /** `validated` fires with a document's URI once its diagnostics (and so its analysis) are up to date. */
  constructor(private readonly analyzer: FeedbackAnalyzer, validated: vscode.Event<vscode.Uri>) {
    this.disposables.push(
      validated((uri) => {
        const id = uri.toString();
        for (const e of vscode.window.visibleTextEditors) if (e.document.uri.toString() === id) this.update(e);
      }),
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) this.update(e);
      }),
    );
    for (const e of vscode.window.visibleTextEditors) this.update(e);
  }

  /** Sets an editor's tag decorations from its document's analysis. */
  update(editor: vscode.TextEditor): void {
    const document = editor.document;
    if (document.languageId !== 'markdown') return;
    const notes = this.analyzer.analyze(document)?.validation.notes;
    const ranges: Record<NotePolarity, vscode.Range[]> = { plus: [], minus: [], neutral: [] };
    if (notes) for (const n of notes.parsed.notes) for (const t of n.tags) ranges[t.polarity].push(toRange(t.range));
    const any = ranges.plus.length + ranges.minus.length + ranges.neutral.length > 0;
    if (!any && !this.shown.has(editor)) return;
    for (const p of Object.keys(ranges) as NotePolarity[]) editor.setDecorations(this.types[p], ranges[p]);
    if (any) this.shown.set(editor, ranges);
    else this.shown.delete(editor);
    this.updated.fire(editor);
  }

  /** The tag ranges an editor is decorated with now, by polarity (for tests). */
  decorationsOf(editor: vscode.TextEditor): Readonly<Record<NotePolarity, readonly vscode.Range[]>> {
    return this.shown.get(editor) ?? { plus: [], minus: [], neutral: [] };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const t of Object.values(this.types)) t.dispose();
  }
}
