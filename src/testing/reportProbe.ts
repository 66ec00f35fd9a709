/**
 * The host's side of the calibration report's test messages (`src/testing/protocol.ts`), in the
 * test build only (see `SDI_TEST_HOOKS`): asks the page for its table as drawn, and keeps how long
 * the page took to draw each update.
 */
import type * as vscode from 'vscode';
import { reportTestMessage, type ReportPressMessage, type ReportProbeMessage, type ReportTable } from './protocol';

/** One report page's answers to the tests; dispose it with the page. */
export class ReportProbe {
  private readonly answers = new Map<number, (t: ReportTable) => void>();
  private lastId = 0;
  /** Milliseconds the page took to draw each update, by version (the last few). */
  private readonly drawMs = new Map<number, number>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly webview: vscode.Webview) {
    this.subscription = webview.onDidReceiveMessage((raw) => {
      const parsed = reportTestMessage.safeParse(raw);
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'probeAnswer') {
        this.answers.get(msg.id)?.(msg);
        this.answers.delete(msg.id);
      } else {
        this.drawMs.set(msg.version, msg.ms);
        if (this.drawMs.size > 20) this.drawMs.delete(Math.min(...this.drawMs.keys()));
      }
    });
  }

  /** The table as the page draws it now; rejects when the page does not answer within `ms`. */
  table(ms: number): Promise<ReportTable> {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => {
        this.answers.delete(id);
        reject(new Error('the calibration report did not describe its table'));
      }, ms);
      this.answers.set(id, (t) => {
        clearTimeout(guard);
        resolve(t);
      });
      void this.webview.postMessage({ type: 'probe', id } satisfies ReportProbeMessage);
    });
  }

  /** Clicks the page's button `id` (the page ignores an id it has no enabled, shown button of). */
  press(id: string): Thenable<boolean> {
    return this.webview.postMessage({ type: 'press', id } satisfies ReportPressMessage);
  }

  /** How long the page took to draw `version`, when it said so (it does just before saying it drew it). */
  drawTimeOf(version: number): number | undefined {
    return this.drawMs.get(version);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
