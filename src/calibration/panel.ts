/**
 * The calibration report: one webview panel in the editor area (createOrShow; a serializer revives
 * it after a reload) showing the model's report, posted again whenever a feedback file changes.
 * The webview only displays it and sends intents (open a row, export); this side does the rest.
 */
import * as vscode from 'vscode';
import { formatZodIssues } from '../core/content';
import { reportCsv } from '../core/calibration';
import { escapeHtml } from '../core/escape';
import { makeNonce } from '../panel/html';
import type { CalibrationModel } from './model';
import { calibrationHostMessage, calibrationWebviewMessage, type CalibrationHostMessage, type CalibrationWebviewMessage, type RowRef } from './protocol';

/** The report's view type, also used by its serializer. */
export const CALIBRATION_VIEW_TYPE = 'sdi.calibration';

/** The report's Content-Security-Policy: no inline style or script at all (the charts' styles are in the stylesheet). */
export function calibrationCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** The report's HTML shell; every string placed into it is escaped. */
export function calibrationHtml(o: { cspSource: string; nonce: string; scriptUri: string; styleUri: string; codiconUri: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(calibrationCsp(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.codiconUri)}">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>Calibration</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">Reading feedback files…</p></main>
<script type="module" nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}

/** A report posted and drawn: its version, when it was posted, and how long the page took to draw it. */
export interface RenderedReport {
  version: number;
  /** The files whose change made this version. */
  changed: string[];
  /** performance.now() (host) when the report was posted and when the page said it was drawn. */
  postedAt: number;
  renderedAt: number;
  /** Milliseconds the page spent drawing. */
  pageMs: number;
}

export class CalibrationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private version = 0;
  private lastChanged: string[] = [];
  private readonly sent = new Map<number, { postedAt: number; changed: string[] }>();
  private readonly rendered = new vscode.EventEmitter<RenderedReport>();
  /** Fires when the page has drawn a report it was posted (tests and the benchmark wait on it). */
  readonly onDidRender = this.rendered.event;
  private readonly disposables: vscode.Disposable[] = [this.rendered];

  constructor(private readonly extensionUri: vscode.Uri, private readonly model: CalibrationModel) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(CALIBRATION_VIEW_TYPE, {
        deserializeWebviewPanel: (panel) => {
          if (this.panel) { panel.dispose(); return Promise.resolve(); }
          this.attach(panel);
          return Promise.resolve();
        },
      }),
      model.onDidChange((c) => {
        this.lastChanged = c.files;
        this.post();
      }),
    );
  }

  /** Whether the report is open. */
  get isOpen(): boolean {
    return !!this.panel;
  }

  /** The version of the report last posted. */
  get currentVersion(): number {
    return this.version;
  }

  /** Opens the report (or reveals it) and starts reading the workspace's feedback when not done yet. */
  show(): void {
    if (this.panel) this.panel.reveal(undefined, false);
    else this.attach(vscode.window.createWebviewPanel(CALIBRATION_VIEW_TYPE, 'Calibration', vscode.ViewColumn.Active, this.options()));
    void this.model.ready();
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      enableFindWidget: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = this.options();
    panel.iconPath = new vscode.ThemeIcon('graph');
    const w = panel.webview;
    const asset = (...p: string[]) => w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    w.html = calibrationHtml({
      cspSource: w.cspSource,
      nonce: makeNonce(),
      scriptUri: asset('dist', 'webview', 'calibration.js'),
      styleUri: asset('media', 'calibration.css'),
      codiconUri: asset('dist', 'webview', 'codicons', 'codicon.css'),
    });
    const subs: vscode.Disposable[] = [
      w.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      panel.onDidDispose(() => {
        for (const d of subs) d.dispose();
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
    void this.model.ready();
  }

  /** Posts the report as it is now, when the page listens. */
  private post(): void {
    if (!this.panel || !this.ready) return;
    const report = this.model.report();
    const msg: CalibrationHostMessage = {
      type: 'report',
      version: ++this.version,
      loading: !this.model.loaded,
      report,
      rubric: this.model.rubricInfo(report.rubric) ?? null,
      changed: this.lastChanged.slice(0, 100),
    };
    const checked = calibrationHostMessage.safeParse(msg);
    if (!checked.success) {
      console.error(`[sdi] not posting an invalid calibration report: ${formatZodIssues(checked.error.issues, '', 'message')}`);
      return;
    }
    this.sent.set(msg.version, { postedAt: performance.now(), changed: msg.changed });
    if (this.sent.size > 20) this.sent.delete(Math.min(...this.sent.keys()));
    void this.panel.webview.postMessage(msg);
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = calibrationWebviewMessage.safeParse(raw);
    if (!parsed.success) return;
    const msg: CalibrationWebviewMessage = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        // Before the first scan ends: say so; the scan's change event posts the report.
        if (this.model.loaded) this.post();
        else this.postLoading();
        void this.model.ready();
        return;
      case 'rendered': {
        const sent = this.sent.get(msg.version);
        if (sent) this.rendered.fire({ version: msg.version, changed: sent.changed, postedAt: sent.postedAt, renderedAt: performance.now(), pageMs: msg.ms });
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
    void this.panel.webview.postMessage({ type: 'report', version: 0, loading: true, report: empty, rubric: null, changed: [] });
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
