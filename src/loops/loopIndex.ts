/**
 * The workspace's loops: every file matching `sdi.loops.glob` (in a trusted workspace only, as the
 * loop checks), read once and again when it changes, each with its kit and where its interviews'
 * feedback stands (from the calibration model's rows) on the day the clock says. The Loops group,
 * the `feedback due` status bar item, the interviews' CodeLenses and Start Interview all read it.
 */
import * as vscode from 'vscode';
import { localDate } from '../core/format';
import { globMatcher } from '../core/glob';
import { problemKey } from '../core/kit/loader';
import { normalizeKey } from '../core/personName';
import {
  isFeedbackDue, loopKit, loopProgress, loopStage, readLoop, type InterviewProgress, type LoopFile, type LoopKit, type LoopPlan, type LoopStage,
} from '../core/loop';
import type { CalibrationRow } from '../core/calibration';
import type { CalibrationModel } from '../calibration/model';
import type { KitSource } from '../feedback';
import { workspaceKitOf } from '../feedback/rubricSource';
import { InterviewerName } from '../feedback/scaffold';
import { LOOP_GLOB_DEFAULT } from '../core/activation';

/** A loop file of the workspace that reads as a loop. */
export interface IndexedLoop {
  uri: vscode.Uri;
  /** Workspace-relative, as the editor names files. */
  file: string;
  plan: LoopPlan;
  /** Its kit; undefined when its `kit` names no loaded kit. */
  kit?: LoopKit;
}

/** A loop file of the workspace that does not read as a loop: its findings (the debrief lists it as not read). */
export interface UnreadLoop {
  uri: vscode.Uri;
  loop: LoopFile;
}

/** A loop with where it stands today. */
export interface LoopStatus extends IndexedLoop {
  progress: InterviewProgress<CalibrationRow>[];
  stage: LoopStage;
}

/** A loop interview whose feedback is due, with its loop. */
export interface DueInterview {
  loop: LoopStatus;
  progress: InterviewProgress<CalibrationRow>;
}

export class LoopIndex implements vscode.Disposable {
  private readonly loops = new Map<string, IndexedLoop>();
  /** The loop files that do not read as loops, by URI as `loops`. */
  private readonly unread = new Map<string, UnreadLoop>();
  private watcher: vscode.Disposable[] = [];
  private scanning: Promise<void> | undefined;
  private generation = 0;
  private readonly user = new InterviewerName();
  private midnight: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a loop file, the kits, the feedback rows, the interviewer or the day changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  /** `now` is the clock "today" is read from. */
  constructor(private readonly kits: KitSource, private readonly model: CalibrationModel, private now: () => Date = () => new Date()) {
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.rescan()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescan()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sdi.loops.glob')) this.rescan();
        if (e.affectsConfiguration('sdi.feedback.interviewer')) this.fireChanged();
      }),
      // A save, and a file created, deleted or renamed in the editor (the Explorer, a workspace edit), are
      // reported before the file watcher's event (which may poll, or come late): the views follow at once.
      vscode.workspace.onDidSaveTextDocument((d) => { if (this.isLoopFile(d.uri)) void this.read(d.uri, d.getText()); }),
      vscode.workspace.onDidCreateFiles((e) => { for (const u of e.files) if (this.isLoopFile(u)) void this.read(u); }),
      vscode.workspace.onDidDeleteFiles((e) => { for (const u of e.files) this.removeUnder(u); }),
      vscode.workspace.onDidRenameFiles((e) => {
        for (const { oldUri, newUri } of e.files) {
          this.removeUnder(oldUri);
          if (this.isLoopFile(newUri)) void this.read(newUri);
        }
      }),
      kits.onDidChange(() => {
        for (const [key, loop] of this.loops) this.loops.set(key, this.withKit(loop.uri, loop.file, loop.plan));
        this.fireChanged();
      }),
      // Without loops, a feedback saved changes nothing here.
      model.onDidChange(() => { if (this.loops.size) this.fireChanged(); }),
    );
    this.rescan();
  }

  /** Every loop read, in no particular order. */
  all(): IndexedLoop[] {
    return [...this.loops.values()];
  }

  /** Every loop file that does not read as a loop, in no particular order. */
  unreadable(): UnreadLoop[] {
    return [...this.unread.values()];
  }

  /**
   * The loop at `uri`, read now when the index has not seen it yet (just written: the file watcher's
   * event may still be on its way); undefined when it does not read as a loop (or is no loop file).
   */
  async at(uri: vscode.Uri): Promise<IndexedLoop | undefined> {
    await this.ready();
    if (!this.loops.has(uri.toString()) && this.isLoopFile(uri)) await this.read(uri);
    return this.loops.get(uri.toString());
  }

  /** Resolves when the loop files found so far are read. */
  ready(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  /** Sets the clock "today" is read from (tests set a fixed day), and updates every view. */
  setClock(now: () => Date): void {
    this.now = now;
    this.scheduleMidnight();
    this.fireChanged();
  }

  /** Today, `YYYY-MM-DD` in the local time zone. */
  today(): string {
    return localDate(this.now());
  }

  /** Whether the workspace has a loop file that reads as a loop. */
  get hasLoops(): boolean {
    return this.loops.size > 0;
  }

  /** Every loop with where it stands today, in file order (worked out again after each change). */
  statuses(): LoopStatus[] {
    if (!this.cached) {
      const today = this.today();
      const loops = [...this.loops.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
      // Each loop reads its candidate's rows only: one pass over the workspace's rows (the model's; the report is not built), not one per interview.
      const byCandidate = new Map<string, CalibrationRow[]>(loops.map((l) => [normalizeKey(l.plan.candidate), []]));
      if (this.model.loaded) for (const r of this.model.rowsOf(new Set(byCandidate.keys()))) byCandidate.get(r.candidateKey)!.push(r);
      const windowDays = this.model.loaded ? this.model.windowDays() : 0;
      this.cached = loops
        .map((loop) => {
          const rows = byCandidate.get(normalizeKey(loop.plan.candidate))!;
          const progress = loopProgress(loop.plan, rows, windowDays, today);
          return { ...loop, progress, stage: loopStage(progress, today) };
        });
    }
    return this.cached;
  }
  private cached: LoopStatus[] | undefined;

  /** The loop read from `uri`, when it is one of the workspace's loops. */
  statusOf(uri: vscode.Uri): LoopStatus | undefined {
    const loop = this.loops.get(uri.toString());
    return loop && this.statuses().find((l) => l.uri.toString() === uri.toString());
  }

  /** The loop of a workspace-relative file name (as a feedback's loop line gives it). */
  statusOfFile(file: string): LoopStatus | undefined {
    return this.statuses().find((l) => l.file === file);
  }

  /** The interviewer using the editor: `sdi.feedback.interviewer`, else git's `user.name` (as New Feedback fills it). */
  interviewer(): Promise<string | undefined> {
    return this.user.get(vscode.workspace.workspaceFolders?.[0]);
  }

  /** The interviews of `interviewer` whose feedback is due (before today, none submitted), oldest first. */
  dueFor(interviewer: string): DueInterview[] {
    const key = normalizeKey(interviewer);
    const today = this.today();
    return this.statuses()
      .flatMap((loop) => loop.progress.filter((p) => normalizeKey(p.interview.interviewer) === key && isFeedbackDue(p, today)).map((progress) => ({ loop, progress })))
      .sort((a, b) => (a.progress.interview.date < b.progress.interview.date ? -1 : a.progress.interview.date > b.progress.interview.date ? 1 : 0));
  }

  /** The interviews of `interviewer` on `day` (today when not given), in file order. */
  interviewsOn(interviewer: string, day = this.today()): DueInterview[] {
    const key = normalizeKey(interviewer);
    return this.statuses().flatMap((loop) => loop.progress.filter((p) => p.interview.date === day && normalizeKey(p.interview.interviewer) === key).map((progress) => ({ loop, progress })));
  }

  /**
   * The guide's key of a loop interview's problem (`<problemId>` built-in, `<kitId>/<problemId>`
   * team kit) and its title; undefined when its kit does not have it.
   */
  problemOf(loop: IndexedLoop, problemId: string): { key: string; title: string } | undefined {
    const problem = loop.kit?.problems.find((p) => p.id === problemId);
    if (!loop.kit || !problem) return undefined;
    const own = this.kits.kits().find((k) => k.id === loop.kit!.id && k.problems.some((p) => p.id === problemId));
    return { key: problemKey(own ?? this.kits.builtIn, problemId), title: problem.title };
  }

  /** The names of a loop interview's focus dimensions (their ids when the kit's rubric does not load). */
  focusNames(loop: IndexedLoop, focus: readonly string[]): string[] {
    return focus.map((id) => loop.kit?.dimensions?.find((d) => d.id === id)?.name ?? id);
  }

  /** Whether `uri` is a loop file: in a workspace folder, its path there matching `sdi.loops.glob`. */
  private isLoopFile(uri: vscode.Uri): boolean {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return false;
    const glob = vscode.workspace.getConfiguration('sdi.loops', uri).get<string>('glob') || LOOP_GLOB_DEFAULT;
    return globMatcher(glob)(vscode.workspace.asRelativePath(uri, false));
  }

  private rescan(): void {
    this.scanning = this.scan();
  }

  private async scan(): Promise<void> {
    const generation = ++this.generation;
    for (const w of this.watcher.splice(0)) w.dispose();
    this.loops.clear();
    this.unread.clear();
    this.cached = undefined;
    this.scheduleMidnight();
    // Loop files name people and problems a team kit defines: like kits, they are read only in a trusted workspace.
    if (!vscode.workspace.isTrusted || !vscode.workspace.workspaceFolders?.length) {
      this.fireChanged();
      return;
    }
    const glob = vscode.workspace.getConfiguration('sdi.loops').get<string>('glob') || LOOP_GLOB_DEFAULT;
    const w = vscode.workspace.createFileSystemWatcher(glob);
    // The watcher's events come late: a file deleted and created again (a checkout, the Explorer's undo)
    // can be reported deleted after it is back. A loop goes only once its file is really gone.
    this.watcher.push(w, w.onDidCreate((u) => void this.read(u)), w.onDidChange((u) => void this.read(u)), w.onDidDelete((u) => void this.removeGoneUnder(u)));
    // A folder deleted at once (a checkout, `rm -r loops`) is reported as the folder alone, which the
    // glob does not match: its loops go with it. The watcher also reports folders that were not deleted
    // (seen for a folder whose files changed), which the same check leaves alone.
    for (const folder of vscode.workspace.workspaceFolders) {
      const all = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), true, true, false);
      this.watcher.push(all, all.onDidDelete((u) => void this.removeGoneUnder(u)));
    }
    const found = await vscode.workspace.findFiles(glob, '**/node_modules/**');
    if (generation !== this.generation) return;
    await Promise.all(found.map((u) => this.read(u, undefined, false)));
    if (generation !== this.generation) return;
    // Loops need their feedback: the first loop found starts the read of the workspace's feedback.
    if (this.loops.size) void this.model.ready();
    this.fireChanged();
  }

  /** Reads one loop file (its text when known); fires unless told not to. */
  private async read(uri: vscode.Uri, text?: string, fire = true): Promise<void> {
    if (!vscode.workspace.isTrusted) return;
    try {
      text ??= new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return this.remove(uri, fire);
    }
    const file = vscode.workspace.asRelativePath(uri);
    const loop = readLoop(file, text);
    const key = uri.toString();
    if (loop.plan) {
      this.unread.delete(key);
      this.loops.set(key, this.withKit(uri, file, loop.plan));
    } else {
      this.loops.delete(key);
      this.unread.set(key, { uri, loop });
    }
    this.cached = undefined;
    if (!fire) return;
    // A loop needs its feedback: the workspace's feedback is read once one is found.
    if (loop.plan) void this.model.ready();
    this.fireChanged();
  }

  private withKit(uri: vscode.Uri, file: string, plan: LoopPlan): IndexedLoop {
    const kit = loopKit(plan.kit, this.kits.kits(), workspaceKitOf(this.kits, uri));
    return { uri, file, plan, ...(kit ? { kit } : {}) };
  }

  private remove(uri: vscode.Uri, fire = true): void {
    const unread = this.unread.delete(uri.toString());
    if (!this.loops.delete(uri.toString()) && !unread) return;
    this.cached = undefined;
    if (fire) this.fireChanged();
  }

  /** Forgets the loop at `uri`, or every loop under it (a folder). */
  private removeUnder(uri: vscode.Uri): void {
    for (const loop of this.loopsUnder(uri)) this.remove(loop);
  }

  /** Forgets the loops under `uri` (a folder, or a file) whose files no longer exist. */
  private async removeGoneUnder(uri: vscode.Uri): Promise<void> {
    for (const loop of this.loopsUnder(uri)) {
      const exists = await vscode.workspace.fs.stat(loop).then(() => true, () => false);
      if (!exists) this.remove(loop);
    }
  }

  /** The loops at `uri` or under it (a folder). */
  private loopsUnder(uri: vscode.Uri): vscode.Uri[] {
    const folder = `${uri.toString().replace(/\/$/, '')}/`;
    return [...this.loops.keys(), ...this.unread.keys()].filter((k) => k === uri.toString() || k.startsWith(folder)).map((k) => vscode.Uri.parse(k));
  }

  /** The views change with the day: "today" moves on at local midnight. */
  private scheduleMidnight(): void {
    clearTimeout(this.midnight);
    const now = this.now();
    const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).getTime() - now.getTime();
    this.midnight = setTimeout(() => {
      this.scheduleMidnight();
      this.fireChanged();
    }, Math.max(1000, next));
  }

  private fireChanged(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.midnight);
    for (const d of [...this.watcher.splice(0), ...this.disposables.splice(0)]) d.dispose();
  }
}
