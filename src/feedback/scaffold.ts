/**
 * "Interview: New Feedback": asks for the candidate (the kit, when several are loaded, and the
 * problem), writes a new feedback file from the kit's template under `sdi.feedback.folder`, its
 * first line recording the kit and rubric version, pre-filled, and opens it. Never overwrites.
 */
import * as vscode from 'vscode';
import { pickOne } from '../quickPick';
import { execFile } from 'child_process';
import * as path from 'path';
import { scorePlaceholder, type TemplateFieldRole } from '../core/feedback';
import type { LoadedKit } from '../core/kit';
import { rubricRecordLine } from '../core/kit';
import { loopRecordLine, type LoopRecord } from '../core/loop/record';
import { problemDescription } from './rubricHelp';
import type { RubricSource } from './rubricSource';
import { localDate } from '../core/format';
import { MAX_SUFFIX, writeNewFile } from '../workspaceFs';
import { readFeedbackFolder, readFeedbackInterviewer } from '../settings';
import { feedbackFileName, fillTemplate, type FeedbackFields } from './scaffoldText';

/** The optional argument of `sdi.newFeedback`: what is given is not asked for. */
export interface NewFeedbackArgs {
  candidate?: string;
  /** The problem of the interview; `''` leaves the template's placeholder without asking. */
  problemTitle?: string;
  /** The id of the kit whose template and rubric the feedback uses; asked for when several kits are loaded and none is given. */
  kit?: string;
  /**
   * Opens the file beside the active editor group (the guide panel, when Start Interview creates
   * it) without taking focus, instead of in the active group. A `candidate` of `''` keeps the
   * template's placeholder (the file is then named `<date>-candidate.md`).
   */
  beside?: boolean;
  /** The interview's day, `YYYY-MM-DD`; today when not given. */
  date?: string;
  /** The interviewer's name; when not given, `currentInterviewer`'s. */
  interviewer?: string;
  /** The loop interview the feedback is written for: its loop line goes under the rubric record. */
  loop?: LoopRecord;
}

/** The interview that is running: its problem's title and the id of the problem's kit. */
export interface RunningProblem {
  title: string;
  kitId?: string;
}

/** Where the scaffold put the feedback: a file, or an untitled document when no folder is open. */
export interface NewFeedbackResult {
  uri: vscode.Uri;
  document: vscode.TextDocument;
}

export class FeedbackScaffold {
  /** Returns the problem of the interview that is running, if any (the timer sets it): a title, or the title and the problem's kit. */
  runningProblem: () => RunningProblem | string | undefined = () => undefined;

  constructor(private readonly rubrics: RubricSource, private readonly now: () => Date = () => new Date()) {}

  register(): vscode.Disposable {
    return vscode.commands.registerCommand('sdi.newFeedback', (args?: NewFeedbackArgs) =>
      this.create(args && typeof args === 'object' && !(args instanceof vscode.Uri) ? args : {}),
    );
  }

  /** Runs the command; undefined when the interviewer cancels. */
  async create(args: NewFeedbackArgs = {}): Promise<NewFeedbackResult | undefined> {
    const candidate = args.candidate ?? (await this.askCandidate());
    if (candidate === undefined) return undefined;
    const kit = await this.chooseKit(args.kit);
    if (!kit) return undefined;
    const rubric = this.rubrics.currentRubric(kit);
    if (!rubric) {
      void vscode.window.showErrorMessage(`The kit "${kit.name}" has no rubric that loads: fix its rubric file (see the Problems panel) and try again.`);
      return undefined;
    }
    // Escape in the problem pick keeps the placeholder: the feedback is still wanted.
    const problemTitle = args.problemTitle ?? (await this.askProblem(kit));
    const folder = vscode.workspace.workspaceFolders?.[0];
    const fields: FeedbackFields = {
      candidate,
      problemTitle: problemTitle || undefined,
      date: args.date ?? localDate(this.now()),
      interviewer: args.interviewer ?? await currentInterviewer(folder),
    };
    const label = (role: TemplateFieldRole) => rubric.spec.fields.find((f) => f.role === role)?.label;
    const labels = { candidate: label('candidate'), interviewer: label('interviewer'), date: label('date'), problemTitle: label('problem') };
    const records = [rubricRecordLine(kit.id, rubric.kitRubric), ...(args.loop ? [loopRecordLine(args.loop)] : [])];
    const text = fillTemplate(kit.feedbackTemplate, fields, labels, records);
    const placeholder = scorePlaceholder(rubric.rubric);
    if (!folder) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await this.show(document, placeholder, args.beside);
      return { uri: document.uri, document };
    }
    const dir = feedbackFolderUri(folder);
    let uri: vscode.Uri;
    try {
      uri = await this.writeNew(dir, fields.date!, candidate, text);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not create the feedback file in ${dir.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await this.show(document, placeholder, args.beside);
    return { uri, document };
  }

  /** Whether a kit of that id is loaded (and so can be given as `kit`). */
  hasKit(id: string): boolean {
    return !!this.rubrics.kitById(id);
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

  private running(): RunningProblem | undefined {
    const r = this.runningProblem();
    return typeof r === 'string' ? { title: r } : r;
  }

  /**
   * The kit the feedback is written for: the one named, else the only one loaded, else the running
   * interview's, else the interviewer's pick. Undefined when cancelled or the named kit is not loaded.
   */
  private async chooseKit(id: string | undefined): Promise<LoadedKit | undefined> {
    if (id !== undefined) {
      const named = this.rubrics.kitById(id);
      if (!named) void vscode.window.showErrorMessage(`No kit "${id}" is loaded in this workspace.`);
      return named;
    }
    const kits = this.rubrics.feedbackKits();
    if (kits.length === 1) return kits[0];
    const runningKit = this.running()?.kitId;
    const ofRunning = kits.find((k) => k.id === runningKit);
    if (ofRunning) return ofRunning;
    type Item = vscode.QuickPickItem & { kit: LoadedKit };
    const items: Item[] = kits.map((kit) => ({ label: kit.name, description: `version ${kit.version}`, detail: kit.description, kit }));
    const pick = await pickOne(items, { title: 'New Feedback: Kit', placeHolder: 'Whose template and rubric this feedback uses', ignoreFocusOut: true });
    return pick?.kit;
  }

  /** Offers the running interview's problem first, then the kit's problems (and the built-in guide's when the kit includes it); Escape leaves the placeholder. */
  private async askProblem(kit: LoadedKit): Promise<string | undefined> {
    const running = this.running()?.title;
    type Item = vscode.QuickPickItem & { value: string };
    const items: Item[] = [];
    if (running) items.push({ label: running, description: 'running interview', value: running });
    for (const { kit: from, problem } of this.rubrics.problemsOf(kit)) {
      if (problem.title !== running) items.push({ label: problem.title, description: problemDescription(from, problem), value: problem.title });
    }
    items.push({ label: 'Other / fill in later', description: 'keeps the placeholder', value: '' });
    const pick = await pickOne(items, { title: 'New Feedback: Problem', placeHolder: 'The problem of this interview', ignoreFocusOut: true });
    return pick?.value;
  }

  /** Writes the text to the first free name (`<date>-<candidate>.md`, then `-2`, `-3`…), never over a file. */
  private async writeNew(dir: vscode.Uri, date: string, candidate: string, text: string): Promise<vscode.Uri> {
    const uri = await writeNewFile(dir, (n) => feedbackFileName(date, candidate, n), Buffer.from(text, 'utf8'));
    if (!uri) throw new Error(`more than ${MAX_SUFFIX} feedback files for this candidate today`);
    return uri;
  }

  /** Opens the document with the cursor on the first unfilled score (the rubric's `[min-max]` placeholder), where the interviewer starts. */
  private async show(document: vscode.TextDocument, placeholder: string, beside = false): Promise<void> {
    let editor: vscode.TextEditor;
    try {
      editor = await vscode.window.showTextDocument(document, beside ? { preview: false, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true } : { preview: false });
    } catch {
      // Another editor opened at the same moment won the race for the editor group; the file is written.
      return;
    }
    const at = document.getText().indexOf(placeholder);
    if (at >= 0) {
      const range = new vscode.Range(document.positionAt(at), document.positionAt(at + placeholder.length));
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }
}

/**
 * The interviewer as `currentInterviewer` names them, for views that ask often: the setting is read
 * each time (it may change at any moment), git's answer is asked once and kept.
 */
export class InterviewerName {
  private git: Promise<string | undefined> | undefined;

  get(folder: vscode.WorkspaceFolder | undefined): Promise<string | undefined> {
    const set = readFeedbackInterviewer(folder);
    if (set) return Promise.resolve(set);
    this.git ??= currentInterviewer(folder);
    return this.git;
  }
}

/** The interviewer writing feedback: `sdi.feedback.interviewer`, else git's `user.name` (in trusted workspaces only), else undefined (the placeholder stays). */
export async function currentInterviewer(folder: vscode.WorkspaceFolder | undefined): Promise<string | undefined> {
  const set = readFeedbackInterviewer(folder);
  if (set) return set;
  // In an untrusted workspace git is not run at all (as the README promises): a repository's config is
  // its own to set, and git started without a folder runs in the extension host's working directory,
  // which is the repository itself when VS Code was started there (`code .`).
  if (!vscode.workspace.isTrusted) return undefined;
  const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
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

/** The folder feedback files are written to: `sdi.feedback.folder`, relative to the workspace folder or absolute. */
export function feedbackFolderUri(folder: vscode.WorkspaceFolder): vscode.Uri {
  const setting = readFeedbackFolder(folder);
  if (path.isAbsolute(setting) && folder.uri.scheme === 'file') return vscode.Uri.file(setting);
  return vscode.Uri.joinPath(folder.uri, ...setting.split(/[\\/]+/).filter(Boolean));
}
