/**
 * The Calibration Notes heading of a feedback document: a CodeLens and a hover placing the feedback
 * among the workspace's others (percentile for its problem and level, the interviewer's offset), and
 * a quick action (and a second lens) that writes that summary under the heading. Nothing is written
 * unless asked.
 */
import * as vscode from 'vscode';
import { placement, type CalibrationRow, type Placement } from '../core/calibration';
import { localDate } from '../core/format';
import { FEEDBACK_SELECTOR } from '../feedback';
import type { FeedbackAnalyzer } from '../feedback/analysis';
import type { CalibrationModel } from './model';
import { lensTitle, placementWords, summaryLine, signed } from './summary';

/** Internal command (hidden from the palette): writes the summary line under a Calibration Notes heading. */
export const INSERT_SUMMARY_COMMAND = 'sdi.insertCalibrationSummary';
/** The palette command opening the report (the lens's first part runs it). */
export const SHOW_CALIBRATION_COMMAND = 'sdi.showCalibration';

/** A Calibration Notes heading (any level up to 6, the template's is `###`). */
const HEADING = /^ {0,3}#{1,6}[ \t]+Calibration Notes\b/i;

/** The 0-based lines of a document's Calibration Notes headings, outside code fences. */
export function calibrationHeadings(document: vscode.TextDocument): number[] {
  const out: number[] = [];
  let fence: string | undefined;
  for (let i = 0; i < document.lineCount; i++) {
    const text = document.lineAt(i).text;
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (f) {
      if (!fence) fence = f[1][0];
      else if (f[1][0] === fence) fence = undefined;
      continue;
    }
    if (!fence && HEADING.test(text)) out.push(i);
  }
  return out;
}

/** Where one feedback of a document stands: its row, its placement and the report's minimum n. */
export interface NotesPlacement {
  row: CalibrationRow;
  placement: Placement;
  minN: number;
}

export class CalibrationNotes implements vscode.CodeLensProvider, vscode.HoverProvider, vscode.CodeActionProvider, vscode.Disposable {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.RefactorRewrite] };
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private readonly rows = new Map<string, { version: number; generation: number; rows: CalibrationRow[] }>();
  /** Grows when the report changes (a kit or setting may change how a text reads). */
  private generation = 0;

  constructor(private readonly model: CalibrationModel, private readonly analyzer: FeedbackAnalyzer) {
    this.disposables.push(
      model.onDidChange(() => {
        this.generation++;
        this.changed.fire();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.rows.delete(d.uri.toString())),
    );
  }

  /** Registers the providers and the insert command. */
  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.languages.registerCodeLensProvider(FEEDBACK_SELECTOR, this),
      vscode.languages.registerHoverProvider(FEEDBACK_SELECTOR, this),
      vscode.languages.registerCodeActionsProvider(FEEDBACK_SELECTOR, this, CalibrationNotes.metadata),
      vscode.commands.registerCommand(INSERT_SUMMARY_COMMAND, (uri?: vscode.Uri | string, line?: number) => this.insertSummary(uri, line)),
      this,
    );
  }

  /** The placement of the feedback a heading belongs to (the last scores block above it, else the first). */
  async placementAt(document: vscode.TextDocument, headingLine: number): Promise<NotesPlacement | undefined> {
    await this.model.ready();
    const rows = this.rowsOf(document);
    if (!rows.length) return undefined;
    const row = [...rows].reverse().find((r) => r.line < headingLine) ?? rows[0];
    const report = this.model.report();
    return { row, placement: placement(report, row), minN: report.options.minN };
  }

  /** The document's rows, read once per version (typing asks for lenses again and again; a transcript can make it megabytes). */
  private rowsOf(document: vscode.TextDocument): CalibrationRow[] {
    const key = document.uri.toString();
    const hit = this.rows.get(key);
    if (hit && hit.version === document.version && hit.generation === this.generation) return hit.rows;
    const { rows } = this.model.rowsOfText(document.uri, document.getText());
    if (this.rows.size > 50) this.rows.clear();
    this.rows.set(key, { version: document.version, generation: this.generation, rows });
    return rows;
  }

  private isFeedback(document: vscode.TextDocument): boolean {
    return !!this.analyzer.analyze(document)?.rubric;
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const headings = calibrationHeadings(document);
    if (!headings.length || !this.isFeedback(document)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const line of headings) {
      const p = await this.placementAt(document, line);
      if (!p) continue;
      const range = new vscode.Range(line, 0, line, 0);
      lenses.push(
        new vscode.CodeLens(range, { title: lensTitle(placementWords(p.row, p.placement, p.minN)), command: SHOW_CALIBRATION_COMMAND, tooltip: 'Open the calibration report' }),
        new vscode.CodeLens(range, { title: 'Insert summary', command: INSERT_SUMMARY_COMMAND, arguments: [document.uri, line], tooltip: 'Write this placement as a line under Calibration Notes' }),
      );
    }
    return lenses;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!HEADING.test(document.lineAt(position.line).text) || !calibrationHeadings(document).includes(position.line) || !this.isFeedback(document)) return undefined;
    const p = await this.placementAt(document, position.line);
    if (!p) return undefined;
    const w = placementWords(p.row, p.placement, p.minN);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [SHOW_CALIBRATION_COMMAND, INSERT_SUMMARY_COMMAND] };
    md.appendMarkdown('**Calibration**\n\n');
    md.appendMarkdown(`- Weighted score: ${p.row.weightedScore === null ? 'not fully scored' : p.row.weightedScore.toFixed(2)}\n`);
    md.appendMarkdown(`- ${escapeMd(capitalize(w.percentile))}\n`);
    md.appendMarkdown(`- ${escapeMd(capitalize(w.offset))}\n`);
    if (p.placement.offset !== null && !w.hasOffset) md.appendMarkdown(`- (the offset so far: ${signed(p.placement.offset)})\n`);
    md.appendMarkdown(`\nPercentiles compare with the most recent feedbacks of the same problem and level under the same rubric; minimum n is \`sdi.calibration.minN\` (${p.minN}).\n\n`);
    const args = encodeURIComponent(JSON.stringify([document.uri.toString(), position.line]));
    md.appendMarkdown(`[Show Calibration](command:${SHOW_CALIBRATION_COMMAND}) · [Insert summary](command:${INSERT_SUMMARY_COMMAND}?${args})`);
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const line = calibrationHeadings(document).find((l) => l >= range.start.line && l <= range.end.line);
    if (line === undefined || !this.isFeedback(document)) return [];
    const action = new vscode.CodeAction('Insert calibration summary', vscode.CodeActionKind.RefactorRewrite);
    action.command = { title: 'Insert calibration summary', command: INSERT_SUMMARY_COMMAND, arguments: [document.uri, line] };
    return [action];
  }

  /**
   * Writes the summary line right under the Calibration Notes heading (of the active editor when
   * no document is given), through an undoable edit; the document is not saved. Resolves with
   * the line written, or undefined when there is nothing to write.
   */
  async insertSummary(target?: vscode.Uri | string, line?: number): Promise<{ line: number; text: string } | undefined> {
    const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri) {
      void vscode.window.showInformationMessage('Open a feedback document to insert its calibration summary.');
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const headings = calibrationHeadings(document);
    const heading = line !== undefined && headings.includes(line) ? line : headings[0];
    if (heading === undefined) {
      void vscode.window.showInformationMessage('This document has no Calibration Notes heading to write under.');
      return undefined;
    }
    const p = await this.placementAt(document, heading);
    if (!p) {
      void vscode.window.showInformationMessage('This document has no scored feedback to place.');
      return undefined;
    }
    const text = summaryLine(p.row, p.placement, p.minN, localDate(new Date()));
    const edit = new vscode.WorkspaceEdit();
    const eol = document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
    if (heading + 1 < document.lineCount) edit.insert(uri, new vscode.Position(heading + 1, 0), text + eol);
    else edit.insert(uri, document.lineAt(heading).range.end, eol + text);
    if (!(await vscode.workspace.applyEdit(edit))) return undefined;
    return { line: heading + 1, text };
  }

  /** Asks VS Code for the lenses again (e.g. after a kit change). */
  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function capitalize(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}
