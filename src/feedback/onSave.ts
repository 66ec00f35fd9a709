/**
 * `sdi.feedback.updateWeightedScoreOnSave`: on save, the weighted score line of a feedback
 * document is brought up to date (only when every dimension holds a valid score); nothing else changes.
 * Explicit saves and saves on focus change write it; auto saves after a delay do not.
 *
 * VS Code gives all save participants together 1.75 s (on the renderer's clock, the round trip to
 * the extension host included) and then saves without them. So the edit is computed cheaply (the
 * analysis of the version being saved when the diagnostics made one, else the weighted-score check
 * alone), and a save that still went out without it says so instead of leaving the score stale.
 */
import * as vscode from 'vscode';
import type { TextEdit } from '../core/feedback';
import { FeedbackAnalyzer, feedbackSettings, toRange } from './analysis';
import { SaveHold } from '../testing/saveHold';

/** A save that went to disk without the weighted score the setting asked for. */
export interface MissedWeightedScore {
  uri: vscode.Uri;
  /** Whether the score was then written and the document saved again (else the message offers it). */
  resaved: boolean;
  /** What the user was told. */
  message: string;
}

/** How long a save participant's late edit may take to reach the document after the save. */
const LATE_EDIT_MS = 5000;

interface Pending {
  /** The version the save was asked for. */
  version: number;
  /** The edits made for it; empty when there was nothing to write or it was not wanted (an auto save after a delay). */
  edits: TextEdit[];
}

export class WeightedScoreOnSave implements vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly missed = new vscode.EventEmitter<MissedWeightedScore>();
  /** Fires when a save went out without the weighted score, after it was saved again or the message offered to. */
  readonly onDidMissWeightedScore = this.missed.event;
  private readonly disposables: vscode.Disposable[];
  /** Test build only (`SDI_TEST_HOOKS`): holds the next save's edit up, as a busy extension host does. */
  readonly testHold = SDI_TEST_HOOKS ? new SaveHold() : undefined;

  constructor(private readonly analyzer: FeedbackAnalyzer) {
    this.disposables = [
      this.missed,
      vscode.workspace.onWillSaveTextDocument((e) => this.willSave(e)),
      vscode.workspace.onDidSaveTextDocument((d) => void this.didSave(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.pending.delete(d.uri.toString())),
    ];
  }

  private willSave(e: vscode.TextDocumentWillSaveEvent): void {
    const document = e.document;
    if (document.languageId !== 'markdown') return;
    const settings = feedbackSettings(document);
    if (!settings.updateWeightedScoreOnSave) return;
    // Like VS Code's own code actions on save: not on an auto save after a delay, which would
    // rewrite the line under the interviewer's cursor while they are still typing.
    const edits = e.reason === vscode.TextDocumentSaveReason.AfterDelay ? [] : this.analyzer.weightedScoreEditsForSave(document, settings);
    this.pending.set(document.uri.toString(), { version: document.version, edits });
    if (!edits.length) return;
    const textEdits = edits.map((x) => vscode.TextEdit.replace(toRange(x.range), x.newText));
    e.waitUntil(SDI_TEST_HOOKS && this.testHold ? this.testHold.deliver(textEdits) : Promise.resolve(textEdits));
  }

  private async didSave(document: vscode.TextDocument): Promise<void> {
    const id = document.uri.toString();
    const pending = this.pending.get(id);
    this.pending.delete(id);
    if (document.languageId !== 'markdown' || !feedbackSettings(document).updateWeightedScoreOnSave) return;
    if (pending) {
      if (!pending.edits.length) return;
      // Written in time: the file holds the edit. (Read back: when the edit arrives after VS Code took
      // the text to write, this host still hears "saved" and clears its dirty flag.)
      if (await onDisk(document, pending.edits)) return;
      // The edit was made, but after VS Code stopped waiting: it lands in the editor after the save
      // (or already did). Once it is there and nothing else changed, saving again finishes the job.
      const landed = await this.landed(document, pending);
      await this.missedSave(document, landed || document.version === pending.version);
      return;
    }
    // VS Code did not even ask (the participants' time ran out before this one, or it set this one
    // aside after repeated timeouts). Unless auto save may have saved it, tell when the score is stale.
    if (vscode.workspace.getConfiguration('files', document.uri).get<string>('autoSave') === 'afterDelay') return;
    if (this.analyzer.weightedScoreEditsForSave(document).length) await this.missedSave(document, !document.isDirty);
  }

  /** Resolves whether the late edit is in the document and nothing else changed; false when something else changed, or after 5 s. */
  private landed(document: vscode.TextDocument, pending: Pending): Promise<boolean> {
    const only = () => document.version === pending.version + 1 && pending.edits.every((x) => written(document, x));
    if (document.version !== pending.version) return Promise.resolve(only());
    return new Promise((resolve) => {
      const done = (value: boolean) => {
        sub.dispose();
        clearTimeout(guard);
        resolve(value);
      };
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === document && e.contentChanges.length) done(only());
      });
      // Not a wait for success: a bound, after which the score is written here instead.
      const guard = setTimeout(() => done(false), LATE_EDIT_MS);
    });
  }

  /**
   * The save went to disk without the weighted score. When the document is as saved (or holds only
   * the late edit), the score is written and the document saved once more, and a message says why;
   * otherwise (the interviewer typed meanwhile) the message offers to do it.
   */
  private async missedSave(document: vscode.TextDocument, untouched: boolean): Promise<void> {
    const name = vscode.workspace.asRelativePath(document.uri);
    const why = 'VS Code saved without waiting for it: it gives save participants 1.75 s, and the extension host was busy (a large file?)';
    if (untouched && (await this.writeAndSave(document))) {
      const message = `The weighted score of ${name} was written after the save and saved again: ${why}.`;
      void vscode.window.showInformationMessage(message);
      this.missed.fire({ uri: document.uri, resaved: true, message });
      return;
    }
    const action = 'Write and Save';
    const message = `The weighted score of ${name} was not saved: ${why}.`;
    void vscode.window.showWarningMessage(message, action).then(async (choice) => {
      if (choice === action && !document.isClosed) await this.writeAndSave(document);
    });
    this.missed.fire({ uri: document.uri, resaved: false, message });
  }

  /** Writes what is stale and saves; false when the edit was refused or the save failed. */
  private async writeAndSave(document: vscode.TextDocument): Promise<boolean> {
    const edits = this.analyzer.weightedScoreEditsForSave(document);
    if (edits.length) {
      const edit = new vscode.WorkspaceEdit();
      for (const x of edits) edit.replace(document.uri, toRange(x.range), x.newText);
      if (!(await vscode.workspace.applyEdit(edit))) return false;
    }
    return document.save();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    this.pending.clear();
  }
}

/** Whether the saved file holds the edits' text where they put it; true when it cannot be read (nothing to report then). */
async function onDisk(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(document.uri));
  } catch {
    return true;
  }
  const lines = text.split(/\r\n|\r|\n/);
  return edits.every((edit) => {
    const { line, character } = edit.range.start;
    return edit.newText.split(/\r\n|\r|\n/).every((part, i) => line + i < lines.length && lines[line + i].startsWith(part, i === 0 ? character : 0));
  });
}

/** Whether an edit's text stands where it was put, line by line (an inserted weighted-score line starts with a line break). */
function written(document: vscode.TextDocument, edit: TextEdit): boolean {
  const { line, character } = edit.range.start;
  return edit.newText.split(/\r\n|\r|\n/).every((part, i) =>
    line + i < document.lineCount && document.lineAt(line + i).text.startsWith(part, i === 0 ? character : 0));
}

/** Registers the on-save update; the returned object also tells when a save went out without it. */
export function registerWeightedScoreOnSave(analyzer: FeedbackAnalyzer): WeightedScoreOnSave {
  return new WeightedScoreOnSave(analyzer);
}
