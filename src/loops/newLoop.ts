/**
 * `Interview: New Loop`: asks for the candidate, the day and the interviewers, plans a loop that
 * passes the checks (`planLoop`) and writes it to `loops/<date>-<candidate>.loop.yaml` in the first
 * workspace folder, never over a file; or says why no loop can be planned.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { candidateFileStem } from '../core/fileName';
import { isRealDate, localDate } from '../core/format';
import { loopKit, planLoop } from '../core/loop';
import type { KitSource } from '../feedback';
import { workspaceKitOf } from '../feedback/rubricSource';
import { writeExclusive } from '../kits/newProblem';
import type { LoopHistorySource } from './loopDiagnostics';

export const NEW_LOOP_COMMAND = 'sdi.newLoop';
/** The folder New Loop writes into, relative to the first workspace folder. */
export const LOOPS_FOLDER = 'loops';

/** Optional answers (for tests and other extensions): each one given is not asked. */
export interface NewLoopArgs {
  candidate?: string;
  date?: string;
  interviewers?: string[];
}

/** Registers `sdi.newLoop`; the command resolves with the file written, undefined when cancelled or refused. */
export function registerNewLoop(kits: KitSource, rows: LoopHistorySource, now: () => Date = () => new Date()): vscode.Disposable {
  return vscode.commands.registerCommand(NEW_LOOP_COMMAND, async (args?: NewLoopArgs) => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('Interview: New Loop writes the loop into a folder on disk: open one first.');
      return undefined;
    }
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showErrorMessage('Interview: New Loop needs a trusted workspace: loops use the team kit, which Restricted Mode does not load.');
      return undefined;
    }
    const candidate = args?.candidate ?? await vscode.window.showInputBox({
      title: 'New Loop (1/3)', prompt: "The candidate's name, as their feedback files write it", ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'The loop needs the candidate\'s name.'),
    });
    if (!candidate?.trim()) return undefined;
    const date = args?.date ?? await vscode.window.showInputBox({
      title: 'New Loop (2/3)', prompt: "The loop's day, YYYY-MM-DD", value: localDate(now()), ignoreFocusOut: true,
      validateInput: (v) => (isRealDate(v.trim()) ? undefined : 'Write the day as YYYY-MM-DD, e.g. 2026-12-10.'),
    });
    if (!date?.trim()) return undefined;
    const interviewers = args?.interviewers ?? (await vscode.window.showInputBox({
      title: 'New Loop (3/3)', prompt: 'The interviewers, separated by commas', placeHolder: 'Alex Chen, Sam Okafor, Mei Lin', ignoreFocusOut: true,
      validateInput: (v) => (v.split(',').some((n) => n.trim()) ? undefined : 'Name at least one interviewer.'),
    }))?.split(',');
    if (!interviewers?.some((n) => n.trim())) return undefined;

    const kit = loopKit(undefined, kits.kits(), workspaceKitOf(kits, folder.uri))!;
    // The candidate's earlier problems come from the workspace's feedback: read it first (once).
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Reading earlier feedback' }, () => rows.ready());
    const planned = planLoop({ candidate, date: date.trim(), interviewers }, kit, rows.history(candidate));
    if (!planned.plan) {
      void vscode.window.showErrorMessage(`No loop can be planned: ${planned.problems.join('; ')}.`, { modal: false });
      return undefined;
    }
    const file = await writeExclusive(path.join(folder.uri.fsPath, LOOPS_FOLDER), `${planned.plan.date}-${candidateFileStem(planned.plan.candidate)}`, planned.text, '.loop.yaml');
    const uri = vscode.Uri.file(file);
    await vscode.window.showTextDocument(uri);
    return uri;
  });
}
