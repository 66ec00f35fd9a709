/**
 * Live interview notes in the extension host: which feedback file the interview's notes go to
 * (remembered in `workspaceState`, following renames), writing a note there through the core's
 * `noteInsertion` (a WorkspaceEdit when the document is open, `workspace.fs` otherwise), one write
 * at a time in the order the notes were taken, and the queue of notes that could not be written
 * (kept in `workspaceState`, retried until they land, exactly once). Nothing here asks the user
 * anything except the one report of a failed note; the commands are in `./index.ts`.
 */
import * as vscode from 'vscode';
import { formatNoteTime, noteInsertion } from '../core/notes';
import { parseFeedback } from '../core/feedback';
import { phaseTimesMarkdown } from '../core/timer';
import type { TimerService } from '../timer/timerService';
import { phaseTimesInsertion } from '../core/notes/phaseTimes';
import { uriExists } from '../workspaceFs';

/** The workspaceState key of the interview's notes file. */
export const NOTES_INTERVIEW_KEY = 'sdi.notes.interview';
/** The workspaceState key of the notes waiting to be written. */
export const NOTES_QUEUE_KEY = 'sdi.notes.queue';

/** The interview whose notes the service writes: identified by the timer's start time. */
export interface InterviewRecord {
  startedAt: number;
  /** The candidate's name; null when the interview was started without one. */
  candidate: string | null;
  /** The feedback file, once there is one. */
  uri?: string;
  /** Finish already wrote the phase times into the file. */
  phaseTimesWritten?: boolean;
}

/** A note taken: where and when in the interview, and its text as written (`Asked: "…"` included). */
export interface PendingNote {
  /** Unique, so a note is removed from the queue exactly once. */
  id: string;
  /** The interview's `startedAt`. */
  startedAt: number;
  phaseTitle?: string;
  phaseTitles: string[];
  seconds: number;
  text: string;
  /** The file it goes to; undefined until the interview has one. */
  uri?: string;
  /** Why the last attempt failed. */
  error?: string;
}

interface QueueState {
  notes: PendingNote[];
  /** The failure was reported to the user (once per run of failures, until the queue empties). */
  reported: boolean;
}

/** What `sdi.addNote` returns. */
export interface AddNoteResult {
  written: boolean;
  queued: boolean;
  uri?: string;
  /** The note's 0-based line in the file, when written. */
  line?: number;
  /** Seconds into the interview the note is stamped with. */
  seconds: number;
}

/** Creates the interview's feedback file (the scaffold); undefined when it could not. */
export type CreateNotesFile = (candidate: string | null, options: { beside: boolean }) => Promise<vscode.Uri | undefined>;

export interface NotesServiceOptions {
  /** How often a non-empty queue is retried, in ms (0: never by interval). */
  retryMs?: number;
  /** Tells the user, once, that a note is queued; the promise resolves to true when they ask to retry now. */
  report?: (note: PendingNote, count: number) => Thenable<boolean>;
}

/** How long a failed save waits for a save already under way before it tries once more. */
const SAVE_RETRY_MS = 500;

/**
 * Saves a document the extension just edited. VS Code sometimes reports a save of a document
 * opened and edited a moment before as failed, with the document still dirty, and a second save
 * then succeeds; so a failed save is tried once more, after a save already under way had its
 * chance (or half a second). False when the document is still unsaved; it stays dirty, and the
 * editor shows it.
 */
async function saveOwnEdit(doc: vscode.TextDocument): Promise<boolean> {
  const version = doc.version;
  try {
    if (await doc.save()) return true;
  } catch { /* tried again below */ }
  await new Promise<void>((resolve) => {
    const sub = vscode.workspace.onDidSaveTextDocument((d) => { if (d === doc) done(); });
    const guard = setTimeout(done, SAVE_RETRY_MS);
    function done() { sub.dispose(); clearTimeout(guard); resolve(); }
  });
  if (!doc.isDirty) return true;
  // Typed into meanwhile: the interviewer's own text is theirs to save.
  if (doc.isClosed || doc.version !== version) return false;
  try {
    return await doc.save();
  } catch {
    return false;
  }
}

const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();
let counter = 0;

export class NotesService implements vscode.Disposable {
  private chain: Promise<unknown> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  private interval: ReturnType<typeof setInterval> | undefined;
  private readonly retryMs: number;
  private readonly report: (note: PendingNote, count: number) => Thenable<boolean>;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly wrote = new vscode.EventEmitter<vscode.Uri>();
  /** Documents left dirty by a note whose save failed: uri → the version that save left. */
  private readonly unsaved = new Map<string, number>();
  /** Fires after each write attempt (the queue may have changed). */
  readonly onDidChange = this.changed.event;
  /** Fires with the file each time a note has been written into it (at once, or from the queue). */
  readonly onDidWriteNote = this.wrote.event;

  /** `memento` is the workspace's state; a second service over the same one sees the same interview and queue (tests use that as a reload). */
  constructor(
    readonly memento: vscode.Memento,
    readonly timer: TimerService,
    private readonly createFile: CreateNotesFile,
    options: NotesServiceOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 15_000;
    this.report = options.report ?? (() => Promise.resolve(false));
    this.disposables.push(
      this.changed,
      this.wrote,
      // In the write chain: a write in flight settles (and queues its note) before the note is pointed at the new name.
      vscode.workspace.onDidRenameFiles((e) => void this.serial(() => this.renamed(e.files))),
      vscode.workspace.onDidCreateFiles(() => this.retrySoon()),
      vscode.workspace.onDidCloseTextDocument((d) => this.unsaved.delete(d.uri.toString())),
      vscode.workspace.onDidOpenTextDocument((d) => { if (this.queue().notes.some((n) => n.uri === d.uri.toString())) this.retrySoon(); }),
      timer.onDidChange((c) => { if (c.transition) this.retrySoon(); }),
    );
    this.schedule();
    // Notes queued before a reload are tried again at once.
    this.retrySoon();
  }

  /** The interview record, if it belongs to the timer's current interview. */
  interview(): InterviewRecord | undefined {
    const r = this.memento.get<InterviewRecord>(NOTES_INTERVIEW_KEY);
    const startedAt = this.timer.state.startedAt;
    return r && startedAt !== undefined && r.startedAt === startedAt ? r : undefined;
  }

  /** The notes waiting to be written, oldest first. */
  pending(): readonly PendingNote[] {
    return this.queue().notes;
  }

  /** The interview's feedback file, if it has one. */
  fileUri(): vscode.Uri | undefined {
    const uri = this.interview()?.uri;
    return uri ? vscode.Uri.parse(uri) : undefined;
  }

  /**
   * A new interview began (the timer has started it): remembers its candidate and, with one,
   * creates the feedback file now, beside the guide panel. Returns the file.
   */
  async started(candidate: string | null): Promise<vscode.Uri | undefined> {
    const startedAt = this.timer.state.startedAt;
    if (startedAt === undefined) return undefined;
    await this.setInterview({ startedAt, candidate });
    if (candidate === null) return undefined;
    return this.serial(() => this.ensureFile(startedAt));
  }

  /**
   * Takes a note now: stamps it with the timer's current phase and time into the interview and
   * writes it after every note taken before it. Undefined when no interview has started.
   */
  add(text: string, at: { seconds: number; phaseTitle?: string; phaseTitles: string[] } | undefined = this.stamp()): Promise<AddNoteResult> | undefined {
    const startedAt = this.timer.state.startedAt;
    if (!at || startedAt === undefined || this.timer.state.status === 'idle') return undefined;
    const id = `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const note: PendingNote = { id, startedAt, phaseTitle: at.phaseTitle, phaseTitles: at.phaseTitles, seconds: at.seconds, text };
    return this.serial(() => this.process(note));
  }

  /** The phase and time a note taken now gets. */
  stamp(): { seconds: number; phaseTitle?: string; phaseTitles: string[]; phaseIndex: number; phaseCount: number } | undefined {
    if (this.timer.state.status === 'idle') return undefined;
    const v = this.timer.view();
    return {
      seconds: Math.floor(v.elapsedTotalMs / 1000),
      phaseTitle: v.current?.title,
      phaseTitles: v.phases.map((p) => p.title),
      phaseIndex: v.phaseIndex,
      phaseCount: v.phases.length,
    };
  }

  /** Retries the queue now; `recreate` also gives a deleted file's notes a new file (the user asked). Resolves when done. */
  retry(recreate = false): Promise<void> {
    return this.serial(() => this.flush(recreate)).then(() => undefined);
  }

  /**
   * The interview finished: writes its phase times into the file's notes section (once) and
   * returns the file and the line of its scores block, for the caller to show.
   */
  finished(): Promise<{ uri: vscode.Uri; line: number } | undefined> {
    const startedAt = this.timer.state.startedAt;
    if (startedAt === undefined) return Promise.resolve(undefined);
    return this.serial(async () => {
      await this.flush(false);
      const record = this.interview();
      if (!record?.uri) return undefined;
      const uri = vscode.Uri.parse(record.uri);
      if (!record.phaseTimesWritten) {
        const markdown = phaseTimesMarkdown(this.timer.view(), this.timer.problem()?.title);
        await this.edit(uri, (text) => {
          const ins = phaseTimesInsertion(text, markdown);
          return { line: ins.line, character: ins.character, newText: ins.newText, noteLine: ins.headingLine };
        });
        await this.setInterview({ ...record, phaseTimesWritten: true });
      }
      const text = await this.read(uri);
      const line = parseFeedback(text).parts.find((p) => p.scoresHeading)?.scoresHeading?.start.line ?? 0;
      return { uri, line };
    });
  }

  // ---- the write chain ------------------------------------------------------------------------

  /** Runs jobs one after another, each after the previous one settled. */
  private serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.chain.then(job, job);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async process(note: PendingNote): Promise<AddNoteResult> {
    // Earlier notes to the same file go first: a note is written only when none is waiting before it.
    await this.flush(false);
    const waiting = this.queue().notes.some((n) => n.startedAt === note.startedAt);
    if (waiting) {
      await this.enqueue([note]);
      return { written: false, queued: true, uri: note.uri, seconds: note.seconds };
    }
    try {
      const { uri, line } = await this.write(note, false);
      this.wrote.fire(uri);
      return { written: true, queued: false, uri: uri.toString(), line, seconds: note.seconds };
    } catch (e) {
      note.error = messageOf(e);
      await this.enqueue([note]);
      return { written: false, queued: true, uri: note.uri, seconds: note.seconds };
    } finally {
      this.changed.fire();
    }
  }

  /** Writes the queued notes, oldest first; a note whose write fails holds back the later ones of its interview. */
  private async flush(recreate: boolean): Promise<void> {
    const notes = this.queue().notes;
    if (!notes.length) return;
    const blocked = new Set<number>();
    for (const note of notes) {
      if (blocked.has(note.startedAt)) continue;
      try {
        const { uri } = await this.write(note, recreate, true);
        await this.dequeue(note.id);
        this.wrote.fire(uri);
      } catch (e) {
        blocked.add(note.startedAt);
        await this.updateQueued(note.id, { error: messageOf(e), uri: note.uri });
      }
    }
    this.changed.fire();
  }

  /**
   * Writes one note to its interview's file (creating the file when the interview has none yet; a
   * queued note whose file was deleted gets a new file only when `recreate`, i.e. the user asked).
   */
  private async write(note: PendingNote, recreate: boolean, queued = false): Promise<{ uri: vscode.Uri; line: number }> {
    let uri = note.uri ? vscode.Uri.parse(note.uri) : undefined;
    if (!uri) {
      uri = await this.ensureFile(note.startedAt);
      note.uri = uri.toString();
      // The interview's other waiting notes go to the same file (an older interview's included).
      const q = this.queue();
      if (q.notes.some((n) => n.startedAt === note.startedAt && !n.uri)) {
        await this.saveQueue({ ...q, notes: q.notes.map((n) => (n.startedAt === note.startedAt && !n.uri ? { ...n, uri: note.uri } : n)) });
      }
    } else if (queued && recreate && !(await uriExists(uri)) && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === note.uri)) {
      // Retry asked for by the user while the file is gone: a new file for the interview, never over another.
      uri = await this.recreate(note);
      note.uri = uri.toString();
    }
    const line = await this.edit(uri, (text) => {
      const ins = noteInsertion(text, note.phaseTitle, note.seconds, note.text, { phaseTitles: note.phaseTitles });
      return { line: ins.edit.range.start.line, character: ins.edit.range.start.character, newText: ins.edit.newText, noteLine: ins.line };
    });
    return { uri, line };
  }

  /** The interview's file: the remembered one, else a new one (the scaffold never overwrites), opened beside the panel. */
  private async ensureFile(startedAt: number): Promise<vscode.Uri> {
    const record = this.memento.get<InterviewRecord>(NOTES_INTERVIEW_KEY);
    const same = record?.startedAt === startedAt ? record : undefined;
    if (same?.uri) return vscode.Uri.parse(same.uri);
    const uri = await this.createFile(same?.candidate ?? null, { beside: true });
    if (!uri) throw new Error('the feedback file could not be created');
    if (this.timer.state.startedAt === startedAt) await this.setInterview({ startedAt, candidate: same?.candidate ?? null, ...same, uri: uri.toString() });
    return uri;
  }

  /** A new file for a queued note's interview after its file was deleted; later notes of the interview follow. */
  private async recreate(note: PendingNote): Promise<vscode.Uri> {
    const record = this.memento.get<InterviewRecord>(NOTES_INTERVIEW_KEY);
    const same = record?.startedAt === note.startedAt ? record : undefined;
    const uri = await this.createFile(same?.candidate ?? null, { beside: true });
    if (!uri) throw new Error('the feedback file could not be created');
    await this.moveTarget(note.uri!, uri.toString());
    return uri;
  }

  /**
   * Applies one insertion to a file: through the editor when its document is open (undoable,
   * unsaved text kept, saved afterwards only if it was saved before), else read and written with
   * `workspace.fs`. Returns the line `at` reports.
   */
  private async edit(uri: vscode.Uri, at: (text: string) => { line: number; character: number; newText: string; noteLine: number }): Promise<number> {
    const key = uri.toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
    if (doc) {
      const wasDirty = doc.isDirty;
      const versionBefore = doc.version;
      const ins = at(doc.getText());
      const added = ins.newText.split(/\r\n|\r|\n/).length - 1;
      const tops = vscode.window.visibleTextEditors.filter((e) => e.document === doc).map((e) => ({ e, top: e.visibleRanges[0]?.start.line }));
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(ins.line, ins.character), ins.newText);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`${displayPath(uri)} could not be edited (closed or read-only)`);
      // Lines added above an editor's first visible line would push its view down: keep what the interviewer was reading.
      for (const { e, top } of tops) {
        if (top !== undefined && ins.line < top && e.visibleRanges[0]?.start.line !== top + added) {
          e.revealRange(new vscode.Range(top + added, 0, top + added, 0), vscode.TextEditorRevealType.AtTop);
        }
      }
      // The note is in the document now: a failed save leaves it there, unsaved, never written twice.
      // A document whose only unsaved text is our notes (a save that failed) counts as saved before.
      const ours = wasDirty && this.unsaved.get(key) === versionBefore;
      // Not gated on `doc.isDirty`: this host may hear of the edit's dirty state after the edit resolves,
      // and saving a document that is not dirty does nothing.
      if ((!wasDirty || ours) && !doc.isUntitled && (await uriExists(uri))) {
        if (await saveOwnEdit(doc)) this.unsaved.delete(key);
        else this.unsaved.set(key, doc.version);
      }
      return ins.noteLine;
    }
    const text = await this.read(uri);
    const ins = at(text);
    const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
    let offset = 0;
    for (let i = 0; i < ins.line && i < lines.length; i++) offset += lines[i].length;
    offset += ins.character;
    await vscode.workspace.fs.writeFile(uri, encoder.encode(text.slice(0, offset) + ins.newText + text.slice(offset)));
    return ins.noteLine;
  }

  private async read(uri: vscode.Uri): Promise<string> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && !d.isClosed);
    if (doc) return doc.getText();
    return decoder.decode(await vscode.workspace.fs.readFile(uri));
  }

  // ---- the queue ------------------------------------------------------------------------------

  private queue(): QueueState {
    const q = this.memento.get<QueueState>(NOTES_QUEUE_KEY);
    return q && Array.isArray(q.notes) ? q : { notes: [], reported: false };
  }

  private async saveQueue(q: QueueState): Promise<void> {
    await this.memento.update(NOTES_QUEUE_KEY, q.notes.length ? q : undefined);
    this.schedule();
  }

  private async enqueue(notes: PendingNote[]): Promise<void> {
    const q = this.queue();
    const known = new Set(q.notes.map((n) => n.id));
    const next: QueueState = { notes: [...q.notes, ...notes.filter((n) => !known.has(n.id))], reported: q.reported };
    const report = !next.reported;
    next.reported = true;
    await this.saveQueue(next);
    if (report) {
      const first = next.notes[0];
      void this.report(first, next.notes.length).then((retry) => { if (retry) void this.retry(true); });
    }
  }

  private async dequeue(id: string): Promise<void> {
    const q = this.queue();
    const notes = q.notes.filter((n) => n.id !== id);
    await this.saveQueue({ notes, reported: notes.length ? q.reported : false });
  }

  private async updateQueued(id: string, change: Partial<PendingNote>): Promise<void> {
    const q = this.queue();
    await this.saveQueue({ ...q, notes: q.notes.map((n) => (n.id === id ? { ...n, ...change } : n)) });
  }

  /** Points the interview and the queued notes at a file's new place. */
  private async moveTarget(from: string, to: string): Promise<void> {
    const q = this.queue();
    if (q.notes.some((n) => n.uri === from)) await this.saveQueue({ ...q, notes: q.notes.map((n) => (n.uri === from ? { ...n, uri: to } : n)) });
    const r = this.memento.get<InterviewRecord>(NOTES_INTERVIEW_KEY);
    if (r?.uri === from) await this.memento.update(NOTES_INTERVIEW_KEY, { ...r, uri: to });
  }

  private async renamed(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<void> {
    for (const { oldUri, newUri } of files) {
      const from = oldUri.toString();
      const r = this.memento.get<InterviewRecord>(NOTES_INTERVIEW_KEY);
      const targets = [r?.uri, ...this.queue().notes.map((n) => n.uri)].filter((u): u is string => !!u);
      for (const t of new Set(targets)) {
        // The file itself, or a folder it was in.
        if (t === from) await this.moveTarget(t, newUri.toString());
        else if (t.startsWith(`${from}/`)) await this.moveTarget(t, newUri.toString() + t.slice(from.length));
      }
    }
    this.retrySoon();
  }

  private retrySoon(): void {
    if (this.queue().notes.length) void this.retry(false);
  }

  /** Retries by interval while notes wait. */
  private schedule(): void {
    const waiting = this.queue().notes.length > 0;
    if (waiting && !this.interval && this.retryMs > 0) this.interval = setInterval(() => this.retrySoon(), this.retryMs);
    else if (!waiting && this.interval) {
      clearInterval(this.interval);
      this.interval = undefined;
    }
  }

  private async setInterview(r: InterviewRecord): Promise<void> {
    await this.memento.update(NOTES_INTERVIEW_KEY, r);
  }

  dispose(): void {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** `Phase 3/7 · High-Level Design · 12:34 into the interview`: what the note input says. */
export function stampText(s: { seconds: number; phaseTitle?: string; phaseIndex: number; phaseCount: number }): string {
  const phase = s.phaseTitle ? `Phase ${s.phaseIndex + 1}/${s.phaseCount} · ${s.phaseTitle} · ` : '';
  return `${phase}${formatNoteTime(s.seconds)} into the interview`;
}

function messageOf(e: unknown): string {
  if (e instanceof vscode.FileSystemError) {
    if (e.code === 'FileNotFound' || e.code === 'EntryNotFound') return 'the file no longer exists';
    if (e.code === 'NoPermissions') return 'the file is read-only';
  }
  return e instanceof Error ? e.message : String(e);
}

function displayPath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

