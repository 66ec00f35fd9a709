/**
 * The calibration report: one webview panel in the editor area (createOrShow; a serializer revives
 * it after a reload) showing the model's report, updated whenever a feedback file changes.
 * The webview only displays it and sends intents (open a row, export); this side does the rest.
 *
 * Updates: the page gets the full report once (and again after a reload, a rescan, a setting change
 * or when it asks), then deltas: the rows of the changed files, the keys of the rows gone, and the
 * figures. One update is in flight at a time: changes that come before the page says it drew the
 * last one only mark the report dirty, and one update follows the page's answer, so a storm of
 * file events costs one report rebuild per page draw, not one per event.
 */
import * as vscode from 'vscode';
import type { RegisterSerializer } from '../host';
import { formatZodIssues } from '../core/content';
import { reportCsv, reportFigures, rowKey, rowKeysByFile, rowsDelta, type ReportRow } from '../core/calibration';
import { setWebviewPage, webviewOptions } from '../webviewPanel';
import { CALIBRATION_PAGE } from './html';
import type { CalibrationModel } from './model';
import {
  calibrationHostMessage, calibrationWebviewMessage,
  type CalibrationHostMessage, type CalibrationWebviewMessage, type RowRef,
} from '../protocol';
import type { ReportTable } from '../testing/protocol';
import { ReportProbe } from '../testing/reportProbe';

/** The report's view type, also used by its serializer. */
export const CALIBRATION_VIEW_TYPE = 'sdi.calibration';

/** An update posted to the page: a full report or a delta. */
export interface PostedReport {
  version: number;
  kind: 'full' | 'delta';
  /** The files whose change made this version (changes that came while the page drew the last update are gathered into one). */
  changed: string[];
  /** Rows sent: every row (full) or the upserts (delta). */
  rows: number;
  /** Keys of rows removed (delta). */
  removed: number;
}

/** A page that has not said it drew an update after this long is posted the full report at the next change. */
const ACK_TIMEOUT_MS = 10_000;
/**
 * While the report is visible, the workspace is listed again (see `CalibrationModel.reconcile`) every
 * 5 s, or after 4 times as long as the last listing took when that is longer (a listing is mostly
 * waiting for VS Code's file search, about 1.4 s for the first one here), and at least every 30 s.
 */
const RELIST_MS = 5_000;
const RELIST_FACTOR = 4;
const RELIST_MAX_MS = 30_000;
/** A delta larger than this share of the rows is sent as the full report. */
const DELTA_MAX_SHARE = 0.5;

/** A report posted and drawn: its version, when it was posted, and how long the page took to draw it. */
export interface RenderedReport {
  version: number;
  kind: 'full' | 'delta';
  /** The files whose change made this version. */
  changed: string[];
  /** performance.now() (host) when the report was posted and when the page said it was drawn. */
  postedAt: number;
  renderedAt: number;
  /** Milliseconds the page spent drawing it (the test build's pages say). */
  pageMs?: number;
}

export class CalibrationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private version = 0;
  /** Files changed since the last update posted (the next delta's), and whether only a full report will do. */
  private readonly changedFiles = new Set<string>();
  private needFull = true;
  /** The update posted and not yet drawn, and whether a change came meanwhile. */
  private inFlight: { version: number; at: number } | undefined;
  private dirty = false;
  /** The keys of the rows the page holds, by file (as of the last update posted). */
  private held = new Map<string, string[]>();
  private readonly sent = new Map<number, { postedAt: number; changed: string[]; kind: 'full' | 'delta' }>();
  private readonly rendered = new vscode.EventEmitter<RenderedReport>();
  /** Fires when the page has drawn a report it was posted (tests and the benchmark wait on it). */
  readonly onDidRender = this.rendered.event;
  private readonly posted = new vscode.EventEmitter<PostedReport>();
  /** Fires on each update posted to the page (tests count them). */
  readonly onDidPost = this.posted.event;
  private readonly viewState = new vscode.EventEmitter<boolean>();
  /** Fires with the report's visibility each time VS Code says its view state changed (tests wait on it). */
  readonly onDidChangeVisibility = this.viewState.event;
  /** The page's answers to the tests (test build only). */
  private probe: ReportProbe | undefined;
  private readonly disposables: vscode.Disposable[] = [this.rendered, this.posted, this.viewState];

  constructor(private readonly extensionUri: vscode.Uri, private readonly model: CalibrationModel, registerSerializer: RegisterSerializer) {
    this.disposables.push(
      registerSerializer(CALIBRATION_VIEW_TYPE, {
        deserializeWebviewPanel: (panel) => {
          if (this.panel) { panel.dispose(); return Promise.resolve(); }
          this.attach(panel);
          return Promise.resolve();
        },
      }),
      model.onDidChange((c) => {
        // No page listens: the next one gets the full report anyway.
        if (!this.panel || !this.ready) return;
        if (c.full) this.needFull = true;
        for (const f of c.files) this.changedFiles.add(f);
        this.update();
      }),
    );
  }

  /** The rows (by `rowKey`) posted without their scores, shown as "submit yours first": blind mode, which the debrief feature sets. */
  private sealed: ReadonlySet<string> = new Set();

  /** Sets the rows blind mode withholds; the page gets the full report again when they changed. */
  seal(rows: ReadonlySet<string>): void {
    if (rows.size === this.sealed.size && [...rows].every((k) => this.sealed.has(k))) return;
    this.sealed = rows;
    this.needFull = true;
    this.update();
  }

  /** Whether the report is open. */
  get isOpen(): boolean {
    return !!this.panel;
  }

  /** Whether the report is open and visible. */
  get visible(): boolean {
    return !!this.panel?.visible;
  }

  /** Whether an update is posted and not yet drawn, or changes wait to be posted (tests). */
  get pending(): boolean {
    return !!this.inFlight || this.dirty;
  }

  /** The version of the report last posted. */
  get currentVersion(): number {
    return this.version;
  }

  /** Opens the report (or reveals it) and starts reading the workspace's feedback when not done yet. */
  show(): void {
    if (this.panel) this.panel.reveal(undefined, false);
    else this.attach(vscode.window.createWebviewPanel(CALIBRATION_VIEW_TYPE, 'Calibration', vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
    void this.model.ready();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = new vscode.ThemeIcon('graph');
    const w = panel.webview;
    setWebviewPage(w, this.extensionUri, CALIBRATION_PAGE);
    const subs: vscode.Disposable[] = [
      w.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      panel.onDidChangeViewState(() => {
        // Shown again after being hidden: files that came meanwhile are looked for at once.
        const visible = panel.visible;
        const back = visible && this.hidden;
        this.hidden = !visible;
        this.relistWhileVisible(back);
        this.viewState.fire(visible);
      }),
      panel.onDidDispose(() => {
        for (const d of subs) d.dispose();
        if (this.panel === panel) this.panel = undefined;
        this.relistWhileVisible();
      }),
    ];
    if (SDI_TEST_HOOKS) subs.push(this.probe = new ReportProbe(w));
    void this.model.ready();
  }

  private relistTimer: ReturnType<typeof setTimeout> | undefined;
  private relisting = false;
  private lastRelistMs = 0;
  /** Whether the report was hidden at its last view-state change. */
  private hidden = false;
  /** The re-listing intervals (tests lengthen them, to see the listing when the report is shown again alone). */
  relistEvery = { minMs: RELIST_MS, factor: RELIST_FACTOR, maxMs: RELIST_MAX_MS };

  /**
   * Lists the workspace again now and then while the report is visible (files that came with their
   * folder bring no watcher event), at once when `now` (it was shown again), and stops when it is
   * hidden or closed.
   */
  private relistWhileVisible(now = false): void {
    const visible = !!this.panel?.visible;
    if (!visible) {
      clearTimeout(this.relistTimer);
      this.relistTimer = undefined;
      return;
    }
    if (this.relisting) return;
    if (this.relistTimer) {
      if (!now) return;
      clearTimeout(this.relistTimer);
    }
    this.relistTimer = setTimeout(() => {
      this.relistTimer = undefined;
      this.relisting = true;
      const started = performance.now();
      void this.model.reconcile().catch((e) => console.error(`[sdi] calibration: listing the feedback files failed: ${e instanceof Error ? e.message : String(e)}`)).finally(() => {
        this.lastRelistMs = performance.now() - started;
        this.relisting = false;
        this.relistWhileVisible();
      });
    }, now ? 0 : Math.min(this.relistEvery.maxMs, Math.max(this.relistEvery.minMs, this.relistEvery.factor * this.lastRelistMs)));
  }

  /** Posts an update now, or after the page has drawn the one in flight. */
  private update(): void {
    if (!this.panel || !this.ready) return;
    if (this.inFlight) {
      if (performance.now() - this.inFlight.at < ACK_TIMEOUT_MS) {
        this.dirty = true;
        return;
      }
      // The page never said it drew it (lost, or the tab was hidden): start over from a full report.
      this.inFlight = undefined;
      this.needFull = true;
    }
    this.post();
  }

  /**
   * Posts the report as it is now, when the page listens: the full report, or the delta since the
   * last update. Every message is checked against the protocol first; the check reads the report's
   * outline and each upserted row's key, never every row, so it stays cheap with 10,000 rows.
   */
  private post(): void {
    if (!this.panel || !this.ready) return;
    this.dirty = false;
    const report = this.model.report();
    const changed = [...this.changedFiles];
    const base = this.version;
    const rubric = this.model.rubricInfo(report.rubric) ?? null;
    let msg: CalibrationHostMessage;
    // What the page will hold once the message is posted: applied only then (a copy of the keys of
    // 10,000 rows per save would cost more than the rest of the update).
    let hold: () => void;
    if (this.needFull || this.changedFiles.size > Math.max(50, report.rows.length * DELTA_MAX_SHARE)) {
      msg = { type: 'report', version: base + 1, loading: !this.model.loaded, report: this.sealed.size ? { ...report, rows: report.rows.map((r) => this.withheld(r)) } : report, rubric, ...this.sealedKeys() };
      hold = () => (this.held = rowKeysByFile(report.rows));
    } else {
      const delta = rowsDelta(this.held, (file) => this.model.reportRowsOf(file), this.changedFiles);
      hold = () => {
        for (const [file, keys] of delta.keys) {
          if (keys.length) this.held.set(file, keys);
          else this.held.delete(file);
        }
      };
      msg = { type: 'delta', version: base + 1, base, loading: !this.model.loaded, figures: reportFigures(report), upserts: delta.upserts.map((r) => this.withheld(r)), removed: delta.removed, rubric, ...this.sealedKeys() };
    }
    const checked = calibrationHostMessage.safeParse(msg);
    if (!checked.success) {
      console.error(`[sdi] not posting an invalid calibration report: ${formatZodIssues(checked.error.issues, '', 'message')}`);
      return;
    }
    this.version = base + 1;
    hold();
    this.needFull = false;
    this.changedFiles.clear();
    const postedAt = performance.now();
    this.inFlight = { version: this.version, at: postedAt };
    const kind = msg.type === 'report' ? 'full' : 'delta';
    this.sent.set(this.version, { postedAt, changed, kind });
    if (this.sent.size > 20) this.sent.delete(Math.min(...this.sent.keys()));
    void this.panel.webview.postMessage(msg);
    this.posted.fire({
      version: this.version, kind, changed,
      rows: msg.type === 'report' ? msg.report.rows.length : msg.type === 'delta' ? msg.upserts.length : 0,
      removed: msg.type === 'delta' ? msg.removed.length : 0,
    });
  }

  /** A row as the page may get it: without scores, band and recommendation when blind mode withholds it. */
  private withheld(r: ReportRow): ReportRow {
    if (!this.sealed.has(rowKey(r))) return r;
    const scores: Record<string, null> = {};
    for (const id of Object.keys(r.scores)) scores[id] = null;
    return { ...r, scores, weightedScore: null, band: null, recommendation: null };
  }

  private sealedKeys(): { sealed?: string[] } {
    return this.sealed.size ? { sealed: [...this.sealed] } : {};
  }

  /** The table as the page draws it now (test build only): the version on screen, the rows held, the drawn rows' cells. */
  probeTable(ms = 10000): Promise<ReportTable> {
    if (!SDI_TEST_HOOKS || !this.probe || !this.panel) return Promise.reject(new Error('the calibration report is not open, or this build has no test hooks'));
    return this.probe.table(ms);
  }

  /** Clicks the page's button `id` as a user would (test build only): the tests press Export. */
  pressInPage(id: string): Promise<void> {
    if (!SDI_TEST_HOOKS || !this.probe || !this.panel) return Promise.reject(new Error('the calibration report is not open, or this build has no test hooks'));
    return Promise.resolve(this.probe.press(id)).then((posted) => { if (!posted) throw new Error(`the calibration report did not take the press of #${id}`); });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = calibrationWebviewMessage.safeParse(raw);
    if (!parsed.success) return;
    const msg: CalibrationWebviewMessage = parsed.data;
    switch (msg.type) {
      case 'ready':
        // A new page (first load, reload, revealed again): it holds nothing, so the full report.
        this.ready = true;
        this.relistWhileVisible();
        this.needFull = true;
        this.inFlight = undefined;
        // Before the first scan ends: say so; the scan's change event posts the report.
        if (this.model.loaded) this.post();
        else this.postLoading();
        void this.model.ready();
        return;
      case 'resync':
        this.needFull = true;
        this.inFlight = undefined;
        this.post();
        return;
      case 'rendered': {
        const renderedAt = performance.now();
        if (this.inFlight && msg.version >= this.inFlight.version) {
          this.inFlight = undefined;
          if (this.dirty) this.post();
        }
        // After the next update went out, so a listener sees `pending` as it is.
        const sent = this.sent.get(msg.version);
        if (sent) this.rendered.fire({ version: msg.version, kind: sent.kind, changed: sent.changed, postedAt: sent.postedAt, renderedAt, pageMs: SDI_TEST_HOOKS ? this.probe?.drawTimeOf(msg.version) : undefined });
        return;
      }
      case 'open':
        return this.open(msg.row);
      case 'openFile': {
        const uri = this.model.uriOf(msg.file);
        if (uri) await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        return;
      }
      case 'export':
        return this.export(msg.format, msg.rows);
    }
  }

  /** While the first scan runs: an empty report marked loading, so the page says so. */
  private postLoading(): void {
    if (!this.panel) return;
    const empty = { files: 0, unreadable: [], rows: [], rubric: null, options: { windowDays: 14, minN: 5, recent: 50 }, candidates: 0, interviewers: [], dimensions: [], problems: [], agreement: { units: 0, pairs: 0, exact: null, withinOne: null, alphaOrdinal: null, alphaNominal: null, alphaInterval: null }, groups: [] };
    void this.panel.webview.postMessage({ type: 'report', version: 0, loading: true, report: empty, rubric: null });
  }

  /** Opens a row's file at its scores heading, beside the report. */
  private async open(ref: RowRef): Promise<void> {
    const at = this.model.locate(ref.file, ref.index);
    if (!at) {
      void vscode.window.showWarningMessage(`${ref.file} is no longer in the report.`);
      return;
    }
    const pos = new vscode.Position(at.line, 0);
    await vscode.window.showTextDocument(at.uri, { viewColumn: vscode.ViewColumn.Beside, preview: false, selection: new vscode.Range(pos, pos) });
  }

  /** Saves the table (the rows shown, in their order) as CSV, or the figures as JSON, where the user picks. */
  private async export(format: 'csv' | 'json', refs: RowRef[] | undefined): Promise<void> {
    const report = this.model.report();
    let text: string;
    if (format === 'csv') {
      let rows = report.rows;
      if (refs) {
        const byKey = new Map(report.rows.map((r) => [`${r.index}\u0000${r.file}`, r]));
        rows = refs.map((r) => byKey.get(`${r.index}\u0000${r.file}`)).filter((r): r is (typeof report.rows)[number] => !!r);
      }
      text = reportCsv({ ...report, rows });
    } else {
      text = JSON.stringify(report, null, 2) + '\n';
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const name = `calibration.${format}`;
    const target = await vscode.window.showSaveDialog({
      title: format === 'csv' ? 'Export the calibration table as CSV' : 'Export the calibration figures as JSON',
      defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
      filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
      saveLabel: 'Export',
    });
    if (!target) return;
    try {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      void vscode.window.showInformationMessage(`Calibration ${format === 'csv' ? 'table' : 'figures'} saved to ${vscode.workspace.asRelativePath(target)}.`);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not save ${target.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
