/**
 * The calibration report's data in the editor: the rows of every feedback file of the workspace
 * (files matching `sdi.feedback.glob`, and feedback documents in `sdi.feedback.folder`), kept in a
 * map per file, read with the core (`feedbackRows`) against the rubric each document resolves to.
 * A saved, created or deleted file is read again alone; the report is rebuilt from the map.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import {
  calibrationReport, compareText, feedbackRows, kitRubricResolver, reportRowsOfFile, ReportState,
  type CalibrationReport, type CalibrationRow, type ReportRow, type RubricInfo, type RubricResolver, type Unreadable,
} from '../core/calibration';
import { candidatesNamed, isFeedbackDocument } from '../core/feedback';
import { normalizeKey } from '../core/personName';
import { globMatcher } from '../core/glob';
import type { LoadedKit } from '../core/kit';
import type { KitSource } from '../feedback';
import { workspaceKitOf } from '../feedback/rubricSource';
import { readCalibrationSettings, readFeedbackFolder, readFeedbackSettings } from '../settings';

/** What the map keeps of one file. */
interface FileEntry {
  uri: vscode.Uri;
  /** The file as the report names it: workspace-relative. */
  file: string;
  rows: CalibrationRow[];
  /** Why the file gives no row (no rubric, unreadable, no scores block). */
  error?: string;
  /** With an error: the name keys of the candidates its header names (`candidatesNamed`); undefined when its text could not be read. */
  candidateKeys?: string[];
  /** The rubric the file was read with (names, weights and bands of its dimensions). */
  rubric?: RubricInfo;
  /** A hash of the text read, so a save that the file watcher reports again is not counted twice. */
  hash: number;
}

/** Where feedback files are looked for: a pattern, whether a file it finds is feedback by the glob setting alone, and its glob's test of a path relative to its base. */
interface Source {
  pattern: vscode.RelativePattern;
  byGlob: boolean;
  matches: (relativePath: string) => boolean;
}

/** How many files are read at once during the first scan and when many changed. */
const SCAN_CONCURRENCY = 32;
/** Files read again per change when the watcher reports many at once. */
const FLUSH_CHUNK = 500;

/** A change of the model: the files (as the report names them) read again, added or removed. */
export interface CalibrationChange {
  files: string[];
  /**
   * True when more than `files` may have changed (a scan, which can also drop files; a setting that
   * changes every row's candidate): a view of the rows starts over from the whole report.
   */
  full?: boolean;
}

export class CalibrationModel implements vscode.Disposable {
  private readonly entries = new Map<string, FileEntry>();
  private readonly byFile = new Map<string, string>();
  private sources: Source[] = [];
  private watchers: vscode.Disposable[] = [];
  private scanning: Promise<void> | undefined;
  private cached: CalibrationReport | undefined;
  /** The work each report leaves for the next: a save works out again only what its rows touch. */
  private readonly reportState = new ReportState();
  private readonly pending = new Map<string, { uri: vscode.Uri; text?: string }>();
  /** Files read and found to be no feedback (or gone): a re-list does not read them again. */
  private ignored = new Set<string>();
  private flushing: Promise<void> | undefined;
  private generation = 0;
  private readonly resolvers = new Map<LoadedKit | undefined, Map<boolean, RubricResolver>>();
  private readonly changed = new vscode.EventEmitter<CalibrationChange>();
  /** Fires after the map changed (first scan done, a file read again, a file removed, a setting changed). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Milliseconds the last update took, from the file event to the rebuilt report (for the benchmark). */
  lastUpdateMs = 0;
  /** How long the last rebuild of the report's figures took, in ms (the bench reads it). */
  lastReportMs = 0;

  constructor(private readonly kits: KitSource) {
    this.disposables.push(
      kits.onDidChange(() => {
        if (!this.scanning) return;
        this.resolvers.clear();
        this.rescan();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!this.scanning) return;
        if (e.affectsConfiguration('sdi.feedback.glob') || e.affectsConfiguration('sdi.feedback.folder') || e.affectsConfiguration('sdi.scores.allowHalfPoints')) {
          this.resolvers.clear();
          this.rescan();
        } else if (e.affectsConfiguration('sdi.calibration')) {
          this.cached = undefined;
          this.changed.fire({ files: [], full: true });
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => { if (this.scanning) this.rescan(); }),
      // The save event comes before the file watcher's (which may poll): the report follows at once.
      // Its text is what was written: no need to read the file back.
      vscode.workspace.onDidSaveTextDocument((d) => { if (this.scanning && this.isWatched(d.uri)) this.queue(d.uri, d.getText()); }),
      // So are files created in the editor (the Explorer, a workspace edit: New Feedback's, a loop's).
      vscode.workspace.onDidCreateFiles((e) => { if (this.scanning) for (const u of e.files) if (this.isWatched(u)) this.queue(u); }),
    );
  }

  /** Starts the first scan (once) and the watchers; resolves when every file has been read. */
  ready(): Promise<void> {
    this.scanning ??= this.scan();
    return this.scanning;
  }

  /** Whether the first scan has finished. */
  get loaded(): boolean {
    return this.scanned;
  }
  private scanned = false;
  /** The generation of the last scan that finished (a scan in flight has a newer one). */
  private scannedGeneration = -1;

  /** The report over the map as it is now (rebuilt only after a change). */
  report(): CalibrationReport {
    if (!this.cached) {
      const started = performance.now();
      const rows: CalibrationRow[] = [];
      const unreadable: Unreadable[] = [];
      const rubrics: Record<string, RubricInfo> = {};
      for (const e of this.entries.values()) {
        if (e.rubric) rubrics[e.rubric.key] ??= e.rubric;
        if (e.error !== undefined) unreadable.push({ file: e.file, error: e.error });
        else for (const r of e.rows) rows.push(r);
      }
      const settings = readCalibrationSettings(vscode.workspace.workspaceFolders?.[0]?.uri);
      this.cached = calibrationReport(rows, unreadable, { ...settings, rubrics }, this.reportState);
      this.lastReportMs = performance.now() - started;
    }
    return this.cached;
  }

  /** Every row read, in file order, with what only the rows hold (`submitted`: the debrief's and blind mode's); the report's rows are their copies. */
  rows(): CalibrationRow[] {
    const rows: CalibrationRow[] = [];
    for (const e of this.entries.values()) if (e.error === undefined) for (const r of e.rows) rows.push(r);
    return rows;
  }

  /** The rows of the candidates whose name keys are `keys`, in file order (as `rows()` has them; the report is not built). */
  rowsOf(keys: ReadonlySet<string>): CalibrationRow[] {
    const rows: CalibrationRow[] = [];
    for (const e of this.entries.values()) if (e.error === undefined) for (const r of e.rows) if (keys.has(r.candidateKey)) rows.push(r);
    return rows;
  }

  /** The report's "same candidate" window (`sdi.calibration.windowDays`), read without building the report. */
  windowDays(): number {
    return readCalibrationSettings(vscode.workspace.workspaceFolders?.[0]?.uri).windowDays;
  }

  /**
   * The rows of one file in the report (none for a file the report lists as unreadable): the same
   * objects as in `report().rows`, found without a pass over every row.
   */
  reportRowsOf(file: string): ReportRow[] {
    return reportRowsOfFile(this.report(), file);
  }

  /** The dimensions, scale and bands of a rubric (by its key), when a file was read with it: the first such file's, as the report has it. */
  rubricInfo(key: string | null): RubricInfo | undefined {
    if (key === null) return undefined;
    for (const e of this.entries.values()) if (e.rubric?.key === key) return e.rubric;
    return undefined;
  }

  /** The file of a row the report names, and its scores heading's line; undefined when the report no longer has it. */
  locate(file: string, index: number): { uri: vscode.Uri; line: number } | undefined {
    const e = this.entryOf(file);
    const row = e?.rows.find((r) => r.index === index);
    return e && row ? { uri: e.uri, line: row.line } : undefined;
  }

  /**
   * The files the report lists as unreadable that may be the candidate `key`'s: the ones whose header
   * names them, and the ones whose text could not be read at all; in file order.
   */
  unreadableOf(key: string): Unreadable[] {
    const out: Unreadable[] = [];
    for (const e of this.entries.values()) {
      if (e.error !== undefined && (e.candidateKeys === undefined || e.candidateKeys.includes(key))) out.push({ file: e.file, error: e.error });
    }
    return out.sort((a, b) => compareText(a.file, b.file));
  }

  /** The URI of a file the report names (a row's or an unreadable one's). */
  uriOf(file: string): vscode.Uri | undefined {
    return this.entryOf(file)?.uri;
  }

  /** The rows of a document's text as it is now (e.g. unsaved), read like the workspace's files; with `evidence`, with their notes' (the debrief's). */
  rowsOfText(uri: vscode.Uri, text: string, options: { evidence?: 'counts' | 'notes' } = {}): { rows: CalibrationRow[]; error?: string; rubric?: RubricInfo } {
    return feedbackRows(this.fileName(uri), text, this.resolverFor(uri), options);
  }

  /** The name the report gives a file: its workspace-relative path (with the folder's name in a multi-root workspace). */
  fileName(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  private entryOf(file: string): FileEntry | undefined {
    const key = this.byFile.get(file);
    return key === undefined ? undefined : this.entries.get(key);
  }

  private rescan(): void {
    this.scanning = this.scan();
  }

  private async scan(): Promise<void> {
    const generation = ++this.generation;
    const started = performance.now();
    for (const w of this.watchers.splice(0)) w.dispose();
    this.sources = sourcesOfWorkspace();
    for (const s of this.sources) {
      const w = vscode.workspace.createFileSystemWatcher(s.pattern);
      this.watchers.push(w, w.onDidCreate((u) => this.queue(u)), w.onDidChange((u) => this.queue(u)), w.onDidDelete((u) => this.queue(u)));
    }
    // A folder deleted at once (a month of feedback, a checkout) is reported as the folder alone, which
    // no `*.md` pattern matches: its files are read again, so they leave the report.
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**'), true, true, false);
      this.watchers.push(w, w.onDidDelete((u) => this.queueUnder(u)));
    }
    const found = await this.list();
    const entries = new Map<string, FileEntry>();
    const ignored = new Set<string>();
    const todo = [...found.values()];
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const f = todo[next++];
        const e = await this.read(f.uri, f.byGlob);
        if (e) entries.set(f.uri.toString(), e);
        else ignored.add(f.uri.toString());
      }
    };
    await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, todo.length) }, worker));
    if (generation !== this.generation) return;
    this.ignored = ignored;
    this.entries.clear();
    this.byFile.clear();
    for (const [k, e] of entries) {
      this.entries.set(k, e);
      this.byFile.set(e.file, k);
    }
    this.sortEntries();
    this.cached = undefined;
    this.scanned = true;
    this.scannedGeneration = generation;
    this.lastUpdateMs = performance.now() - started;
    this.changed.fire({ files: [...entries.values()].map((e) => e.file), full: true });
  }

  /** Every file the sources name now, by URI, and whether the glob setting names it. */
  private async list(): Promise<Map<string, { uri: vscode.Uri; byGlob: boolean }>> {
    const found = new Map<string, { uri: vscode.Uri; byGlob: boolean }>();
    const lists = await Promise.all(this.sources.map((s) => vscode.workspace.findFiles(s.pattern).then((us) => us.map((uri) => ({ uri, byGlob: s.byGlob })))));
    for (const list of lists) {
      for (const f of list) {
        const had = found.get(f.uri.toString());
        found.set(f.uri.toString(), { uri: f.uri, byGlob: f.byGlob || !!had?.byGlob });
      }
    }
    return found;
  }

  /**
   * Lists the sources again: the files the map does not know are read, and those gone are dropped.
   * The file watcher sends no event for the files of a folder that arrives whole (moved in, unpacked,
   * checked out by git), so the report re-lists now and then while it is visible. Files read before
   * and found to be no feedback are not read again (a change to one comes as an event). Resolves
   * with the number of files queued; nothing while a scan runs, which lists everything itself.
   */
  async reconcile(): Promise<number> {
    if (this.scannedGeneration !== this.generation) return 0;
    const generation = this.generation;
    const found = await this.list();
    if (generation !== this.generation) return 0;
    let queued = 0;
    for (const [key, f] of found) {
      if (this.entries.has(key) || this.ignored.has(key) || this.pending.has(key)) continue;
      this.queue(f.uri);
      queued++;
    }
    for (const [key, e] of this.entries) {
      if (found.has(key) || this.pending.has(key)) continue;
      this.queue(e.uri);
      queued++;
    }
    for (const key of this.ignored) if (!found.has(key)) this.ignored.delete(key);
    return queued;
  }

  /**
   * Puts the map in the order of the report's rows (by file name), so the report finds its rows sorted;
   * a save keeps a file's place, so only a new file sorts again.
   */
  private sortEntries(): void {
    const list = [...this.entries].sort((a, b) => compareText(a[1].file, b[1].file));
    this.entries.clear();
    for (const [k, e] of list) this.entries.set(k, e);
  }

  /** Reads a file into an entry; undefined when it is gone or is no feedback document. */
  private async read(uri: vscode.Uri, byGlob: boolean, known?: string): Promise<FileEntry | undefined> {
    let text: string;
    try {
      text = known ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (e) {
      if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return undefined;
      return { uri, file: this.fileName(uri), rows: [], error: `cannot read the file: ${e instanceof Error ? e.message : String(e)}`, hash: 0 };
    }
    const file = this.fileName(uri);
    const hash = fnv1a(text);
    let result: { rows: CalibrationRow[]; error?: string; rubric?: RubricInfo };
    try {
      result = feedbackRows(file, text, this.resolverFor(uri));
    } catch (e) {
      result = { rows: [], error: e instanceof Error ? e.message : String(e) };
    }
    // A Markdown file in the feedback folder that the glob does not name counts only when it is a feedback document.
    if (!byGlob && !result.rows.length && (result.error === undefined || !isFeedbackDocument(text))) return undefined;
    if (!result.rows.length && result.error === undefined) result.error = 'no scores block: the file has no scores heading (e.g. "### Scores (Weighted)")';
    const candidateKeys = result.error === undefined ? undefined : candidatesNamed(text).map(normalizeKey);
    return { uri, file, rows: result.rows, error: result.error, candidateKeys, rubric: result.rubric, hash };
  }

  /** Whether a URI is one the report reads (known already, or under one of its patterns). */
  private isWatched(uri: vscode.Uri): boolean {
    if (this.entries.has(uri.toString())) return true;
    return this.sources.some((s) => matchesSource(s, uri));
  }

  /** Reads a changed file again soon; several events for one file (save, then the watcher) are read once. */
  private queue(uri: vscode.Uri, text?: string): void {
    this.pending.set(uri.toString(), { uri, text });
    this.flushing ??= Promise.resolve().then(() => this.flush());
  }

  /** Reads again the files the map holds under a deleted folder (a deleted file is handled by its own pattern). */
  private queueUnder(folder: vscode.Uri): void {
    const prefix = `${folder.toString()}/`;
    for (const [key, e] of this.entries) if (key.startsWith(prefix)) this.queue(e.uri);
  }

  /** Resolves when every queued file has been read again (tests wait on it). */
  async settled(): Promise<void> {
    await this.scanning;
    while (this.flushing) await this.flushing;
  }

  private async flush(): Promise<void> {
    try {
      await this.scanning;
      while (this.pending.size) {
        // Saves first (their text is known, nothing to read), then the rest in chunks read in parallel,
        // each chunk one change: a save is never stuck behind thousands of files the watcher reported.
        const batch = [...this.pending.values()].sort((a, b) => Number(a.text === undefined) - Number(b.text === undefined));
        this.pending.clear();
        for (let i = 0; i < batch.length; i += FLUSH_CHUNK) {
          await this.flushChunk(batch.slice(i, i + FLUSH_CHUNK));
          if (this.pending.size && i + FLUSH_CHUNK < batch.length) {
            // Something came meanwhile (a save): it goes first; the rest of this batch follows, unless queued again since.
            for (const x of batch.slice(i + FLUSH_CHUNK)) if (!this.pending.has(x.uri.toString())) this.pending.set(x.uri.toString(), x);
            break;
          }
        }
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** Reads a chunk of queued files again (in parallel), updates the map, and fires one change for what changed. */
  private async flushChunk(chunk: { uri: vscode.Uri; text?: string }[]): Promise<void> {
    const started = performance.now();
    const read = new Array<FileEntry | undefined>(chunk.length);
    let next = 0;
    const worker = async () => {
      while (next < chunk.length) {
        const k = next++;
        const { uri, text } = chunk[k];
        const old = this.entries.get(uri.toString());
        const byGlob = this.sources.some((s) => s.byGlob && matchesSource(s, uri)) || (!!old && old.error?.startsWith('no scores block') === true);
        read[k] = await this.read(uri, byGlob || !!old, text);
      }
    };
    await Promise.all(Array.from({ length: Math.min(SCAN_CONCURRENCY, chunk.length) }, worker));
    const files: string[] = [];
    let added = false;
    chunk.forEach(({ uri }, k) => {
      const key = uri.toString();
      const old = this.entries.get(key);
      const e = read[k];
      if (!e) {
        this.ignored.add(key);
        if (old) {
          this.entries.delete(key);
          this.byFile.delete(old.file);
          files.push(old.file);
        }
        return;
      }
      if (old && old.hash === e.hash && old.error === e.error) return;
      if (old && old.file !== e.file) this.byFile.delete(old.file);
      if (!old || old.file !== e.file) added = true;
      this.ignored.delete(key);
      this.entries.set(key, e);
      this.byFile.set(e.file, key);
      files.push(e.file);
    });
    if (added) this.sortEntries();
    if (files.length) {
      this.cached = undefined;
      this.lastUpdateMs = performance.now() - started;
      this.changed.fire({ files });
    }
  }

  /** The resolver for a file: the rubric its record line names, else its workspace folder's kit, else the built-in one. */
  resolverFor(uri: vscode.Uri): RubricResolver {
    const workspaceKit = workspaceKitOf(this.kits, uri);
    const half = readFeedbackSettings(uri).allowHalfPoints;
    let byHalf = this.resolvers.get(workspaceKit);
    if (!byHalf) this.resolvers.set(workspaceKit, (byHalf = new Map<boolean, RubricResolver>()));
    let r = byHalf.get(half);
    if (!r) byHalf.set(half, (r = kitRubricResolver(this.kits.kits(), workspaceKit, { allowHalfPoints: half })));
    return r;
  }

  dispose(): void {
    this.generation++;
    for (const w of this.watchers.splice(0)) w.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The patterns of every workspace folder: its feedback glob, and its feedback folder's Markdown files. */
function sourcesOfWorkspace(): Source[] {
  const out: Source[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const glob = readFeedbackSettings(folder.uri).glob;
    if (glob) out.push({ pattern: new vscode.RelativePattern(folder, glob), byGlob: true, matches: globMatcher(glob) });
    const dir = readFeedbackFolder(folder.uri);
    const base = path.isAbsolute(dir) ? vscode.Uri.file(dir) : vscode.Uri.joinPath(folder.uri, dir);
    out.push({ pattern: new vscode.RelativePattern(base, '**/*.md'), byGlob: false, matches: globMatcher('**/*.md') });
  }
  return out;
}

/** Whether `uri` lies under the source's base and its path from there matches the source's glob. */
function matchesSource(s: Source, uri: vscode.Uri): boolean {
  const base = s.pattern.baseUri;
  if (base.scheme !== uri.scheme || base.authority !== uri.authority) return false;
  const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
  return uri.path.startsWith(prefix) && s.matches(uri.path.slice(prefix.length));
}

/** 32-bit FNV-1a of a string: enough to tell a re-reported unchanged file. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
