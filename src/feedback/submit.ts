/**
 * "Interview: Submit Feedback": seals a finished feedback file. Refuses while the file has errors;
 * else saves it, writes the seal into its record line (`submitted=… digest=…`, see
 * `core/kit/seal`) by one edit of that line alone (a file without a record line gets one first,
 * naming the rubric it was checked against), and saves again. Submitting again updates the seal.
 * Like the other feedback edits, it works in an untrusted workspace: it writes only the file the
 * user asked to submit.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { rubricRecordLine } from '../core/kit/record';
import { sealFeedback, submissionOf, submissionTime } from '../core/kit/seal';
import { toWorkspaceEdit, type FeedbackAnalysis, type FeedbackAnalyzer } from './analysis';

/** The command's id; the CodeLens runs it with the document's URI. */
export const SUBMIT_FEEDBACK_COMMAND = 'sdi.submitFeedback';

/** Registers the command: its argument is the file's URI (the CodeLens), else the active editor's document is submitted. It returns the submitted time, or undefined when it did not submit. */
export function registerSubmitFeedback(analyzer: FeedbackAnalyzer, now: () => Date = () => new Date()): vscode.Disposable {
  return vscode.commands.registerCommand(SUBMIT_FEEDBACK_COMMAND, (uri?: unknown) => submitFeedback(analyzer, uri instanceof vscode.Uri ? uri : undefined, now));
}

async function submitFeedback(analyzer: FeedbackAnalyzer, uri: vscode.Uri | undefined, now: () => Date): Promise<string | undefined> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || !analyzer.isFeedback(document)) return refuse('Submit Feedback seals a feedback file: open one first.');
  const name = path.basename(document.uri.path);
  if (document.isUntitled) return refuse(`Not submitted: save ${name} to a file first (Submit seals a file).`);
  const refusal = refusalOf(analyzer.analyze(document), name);
  if (refusal) return refuse(refusal);
  if (document.isDirty && !(await document.save())) return refuse(`Not submitted: ${name} could not be saved.`);
  // Saving may have written the weighted score: what is sealed is what was saved, checked again.
  const analysis = analyzer.analyze(document);
  const again = refusalOf(analysis, name);
  if (again || !analysis?.rubric) return refuse(again ?? `Not submitted: ${name} is not checked against a rubric.`);
  const { kit, kitRubric } = analysis.rubric;
  const sealed = sealFeedback(document.getText(), submissionTime(now()), rubricRecordLine(kit.id, kitRubric));
  if (!(await vscode.workspace.applyEdit(toWorkspaceEdit(document.uri, [sealed.edit])))) return refuse(`Not submitted: ${name} could not be edited.`);
  if (!(await document.save())) return refuse(`${name} is sealed but not saved: save it to submit.`);
  // A save participant (formatting, trimming white space) that changed the file after the seal has edited it.
  if (submissionOf(document.getText())?.edited) {
    void vscode.window.showWarningMessage(`${name} was changed while it was saved after the seal (a formatter or another save action): submit it again.`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Submitted ${name} (${sealed.submitted}).`);
  return sealed.submitted;
}

function refuse(message: string): undefined {
  void vscode.window.showErrorMessage(message);
  return undefined;
}

/** Why a feedback with errors is not submitted, naming how many and the first; undefined when it has none. */
function refusalOf(analysis: FeedbackAnalysis | undefined, name: string): string | undefined {
  const errors = analysis?.validation.diagnostics.filter((d) => d.severity === 'error') ?? [];
  if (!errors.length) return undefined;
  const first = errors[0];
  return `Not submitted: ${name} has ${errors.length === 1 ? '1 error' : `${errors.length} errors`}. The first, on line ${first.range.start.line + 1}: ${first.message} (${first.code})`;
}
