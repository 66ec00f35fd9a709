/**
 * "Interview: New Feedback": asks for the candidate (and the problem), writes a new feedback file
 * from the guide's template under `sdi.feedback.folder`, pre-filled, and opens it. Never overwrites.
 */
import * as vscode from 'vscode';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { GuideLibrary } from '../guideLibrary';
import { feedbackFileName, fillTemplate, localDate, type FeedbackFields } from './scaffoldText';

/** The optional argument of `sdi.newFeedback`: what is given is not asked for. */
export interface NewFeedbackArgs {
  candidate?: string;
  /** The problem of the interview; `''` leaves the template's placeholder without asking. */
  problemTitle?: string;
}

/** Where the scaffold put the feedback: a file, or an untitled document when no folder is open. */
export interface NewFeedbackResult {
  uri: vscode.Uri;
  document: vscode.TextDocument;
}

/** How many same-day files for one candidate are tried before giving up. */
const MAX_SUFFIX = 999;

export class FeedbackScaffold {
  /** Returns the problem of the interview that is running, if any (the timer sets it). */
  runningProblem: () => string | undefined = () => undefined;

  constructor(private readonly library: GuideLibrary, private readonly now: () => Date = () => new Date()) {}

  register(): vscode.Disposable {
    return vscode.commands.registerCommand('sdi.newFeedback', (args?: NewFeedbackArgs) =>
      this.create(args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {}),
    );
  }

  /** Runs the command; undefined when the interviewer cancels. */
  async create(args: NewFeedbackArgs = {}): Promise<NewFeedbackResult | undefined> {
    const candidate = args.candidate ?? (await this.askCandidate());
    if (candidate === undefined) return undefined;
    const problemTitle = args.problemTitle ?? (await this.askProblem());
    const folder = vscode.workspace.workspaceFolders?.[0];
    const fields: FeedbackFields = {
      candidate,
      problemTitle: problemTitle || undefined,
      date: localDate(this.now()),
      interviewer: await this.interviewer(folder),
    };
    const text = fillTemplate(this.library.content.feedbackTemplate, fields);
    if (!folder) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await this.show(document);
      return { uri: document.uri, document };
    }
    const dir = this.folderUri(folder);
    let uri: vscode.Uri;
    try {
      uri = await this.writeNew(dir, fields.date!, candidate, text);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not create the feedback file in ${dir.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await this.show(document);
    return { uri, document };
  }

  private async askCandidate(): Promise<string | undefined> {
    const name = await vscode.window.showInputBox({
      title: 'New Feedback',
      prompt: "The candidate's name (it also names the file)",
      placeHolder: 'Ada Lovelace',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'Enter the candidate\'s name'),
    });
    return name?.trim() || undefined;
  }

  /** Offers the running interview's problem first, then the guide's problems; Escape leaves the placeholder. */
  private async askProblem(): Promise<string | undefined> {
    const running = this.runningProblem();
    type Item = vscode.QuickPickItem & { value: string };
    const items: Item[] = [];
    if (running) items.push({ label: running, description: 'running interview', value: running });
    for (const p of this.library.content.problems) {
      if (p.title !== running) items.push({ label: p.title, description: `Problem ${p.number}`, value: p.title });
    }
    items.push({ label: 'Other / fill in later', description: 'keeps the placeholder', value: '' });
    const pick = await vscode.window.showQuickPick(items, { title: 'New Feedback: Problem Used', placeHolder: 'The problem of this interview', ignoreFocusOut: true });
    return pick?.value;
  }

  /** `sdi.feedback.interviewer`, else git's `user.name`, else undefined (the placeholder stays). */
  private async interviewer(folder: vscode.WorkspaceFolder | undefined): Promise<string | undefined> {
    const set = vscode.workspace.getConfiguration('sdi.feedback', folder).get<string>('interviewer')?.trim();
    if (set) return set;
    // In an untrusted workspace git is not run there (its config is the workspace's to set).
    const cwd = folder?.uri.scheme === 'file' && vscode.workspace.isTrusted ? folder.uri.fsPath : undefined;
    return new Promise((resolve) => {
      try {
        execFile('git', ['config', 'user.name'], { cwd, timeout: 1500, windowsHide: true }, (err, stdout) => {
          resolve(err ? undefined : String(stdout).trim() || undefined);
        });
      } catch {
        resolve(undefined);
      }
    });
  }

  private folderUri(folder: vscode.WorkspaceFolder): vscode.Uri {
    const setting = vscode.workspace.getConfiguration('sdi.feedback', folder).get<string>('folder')?.trim() || 'interview-feedback';
    if (path.isAbsolute(setting) && folder.uri.scheme === 'file') return vscode.Uri.file(setting);
    return vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]+/).filter(Boolean));
  }

  /**
   * Writes the text to the first free name. On disk the file is opened with O_EXCL (`wx`), so a
   * file created meanwhile by anything else is never overwritten; other file systems get a
   * workspace edit that refuses to replace an existing file.
   */
  private async writeNew(dir: vscode.Uri, date: string, candidate: string, text: string): Promise<vscode.Uri> {
    await vscode.workspace.fs.createDirectory(dir);
    const bytes = Buffer.from(text, 'utf8');
    for (let n = 1; n <= MAX_SUFFIX; n++) {
      const uri = vscode.Uri.joinPath(dir, feedbackFileName(date, candidate, n));
      if (uri.scheme === 'file') {
        try {
          const handle = await fs.promises.open(uri.fsPath, 'wx');
          try {
            await handle.writeFile(bytes);
          } finally {
            await handle.close();
          }
          return uri;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
          throw e;
        }
      }
      if (await exists(uri)) continue;
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: bytes });
      if (await vscode.workspace.applyEdit(edit)) return uri;
      if (await exists(uri)) continue;
      throw new Error(`the file ${uri.toString()} could not be created`);
    }
    throw new Error(`more than ${MAX_SUFFIX} feedback files for this candidate today`);
  }

  /** Opens the document with the cursor on the first unfilled score, where the interviewer starts. */
  private async show(document: vscode.TextDocument): Promise<void> {
    let editor: vscode.TextEditor;
    try {
      editor = await vscode.window.showTextDocument(document, { preview: false });
    } catch {
      // Another editor opened at the same moment won the race for the editor group; the file is written.
      return;
    }
    const { min, max } = this.library.content.rubric.scale;
    const placeholder = `[${min}-${max}]`;
    const at = document.getText().indexOf(placeholder);
    if (at >= 0) {
      const range = new vscode.Range(document.positionAt(at), document.positionAt(at + placeholder.length));
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
