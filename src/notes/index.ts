/**
 * Live interview notes (issue 8), the editor side: `sdi.addNote` (an input that says the phase and
 * the time into the interview; Enter writes, Escape drops), the candidate's feedback file created
 * when the interview starts, the phase times written into it at the finish, and the report of a
 * note that could not be written (with Retry). The writing and the queue are in `./notesService`.
 */
import * as vscode from 'vscode';
import type { FeedbackScaffold } from '../feedback/scaffold';
import { readNotesAskCandidate } from '../settings';
import type { TimerFeature } from '../timer';
import { NotesService, stampText, type AddNoteResult, type PendingNote } from './notesService';

export { NotesService, stampText, NOTES_INTERVIEW_KEY, NOTES_QUEUE_KEY, type AddNoteResult, type PendingNote, type InterviewRecord, type CreateNotesFile } from './notesService';

/** The argument of `sdi.addNote`: with `text` the note is written without asking; `asked` writes `Asked: "<text>"`. */
export interface AddNoteArgs {
  text?: string;
  asked?: boolean;
}

const RETRY = 'Retry';

/** The note's text as written: `Asked: "…"` for a question asked from the guide. */
export function noteText(text: string, asked: boolean): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return asked ? `Asked: "${t}"` : t;
}

/** Creates the notes service over the workspace's state, registers `sdi.addNote` and fills in the timer's hooks. */
export function registerNotes(context: vscode.ExtensionContext, timer: TimerFeature, scaffold: FeedbackScaffold): NotesService {
  const service = new NotesService(context.workspaceState, timer.service, async (candidate, { beside }) => {
    const running = timer.service.runningProblem();
    const result = await scaffold.create({
      // No candidate: the template's placeholder stays (the file is `<date>-candidate.md`).
      candidate: candidate ?? '',
      problemTitle: running?.title ?? '',
      kit: running && scaffold.hasKit(running.kitId) ? running.kitId : undefined,
      beside,
      // From a loop interview: its interviewer, day, loop line and the loop's kit.
      ...timer.hooks.loopFeedback?.(),
    });
    return result?.uri;
  }, {
    report: async (note: PendingNote, count: number) => {
      const where = note.uri ? vscode.workspace.asRelativePath(vscode.Uri.parse(note.uri), false) : 'the feedback file';
      const pick = await vscode.window.showWarningMessage(
        `A note could not be written to ${where}${note.error ? ` (${note.error})` : ''}. It is kept${count > 1 ? ` with ${count - 1} more` : ''} and will be written, in order, as soon as it can be.`,
        RETRY,
      );
      return pick === RETRY;
    },
  });
  timer.hooks.askCandidate = readNotesAskCandidate;
  timer.hooks.started = (candidate) => service.started(candidate);
  timer.hooks.finished = async () => {
    const at = await service.finished();
    if (!at) return false;
    const document = await vscode.workspace.openTextDocument(at.uri);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === document);
    const position = new vscode.Position(at.line, 0);
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.Beside,
      preview: false,
      selection: new vscode.Range(position, position),
    });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    return true;
  };
  context.subscriptions.push(
    service,
    vscode.commands.registerCommand('sdi.addNote', (arg?: unknown) => addNote(service, arg)),
  );
  return service;
}

/** `sdi.addNote`: see `AddNoteArgs`. Undefined when cancelled or no interview has started. */
async function addNote(service: NotesService, arg: unknown): Promise<AddNoteResult | undefined> {
  const args: AddNoteArgs = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? (arg) : {};
  const asked = args.asked === true;
  // The time is taken when the note is begun (the input opens), not when Enter is pressed.
  const stamp = service.stamp();
  if (!stamp) {
    void vscode.window.showInformationMessage('No interview is running. Start one with "Interview: Start Interview" to take notes.');
    return undefined;
  }
  let text = typeof args.text === 'string' ? args.text : undefined;
  if (text === undefined) {
    const where = stampText(stamp);
    text = await vscode.window.showInputBox({
      title: `Add Note · ${where}`,
      prompt: `${where}. Enter adds the note; Escape drops it. Tags: +tag strong signal, -tag concern, #tag neutral.`,
      placeHolder: '+scale sharded the timeline by user id',
      ignoreFocusOut: true,
    });
  }
  if (text === undefined || !text.trim()) return undefined;
  return service.add(noteText(text, asked), stamp);
}
