/**
 * The host's side of the calibration report's test messages (`src/testing/protocol.ts`), in the
 * test build only (see `SDI_TEST_HOOKS`): asks the page for its table as drawn, and keeps how long
 * the page took to draw each update.
 */
import type * as vscode from 'vscode';
import { PageProbe } from './pageProbe';
import { reportDrawTimeMessage, reportProbeAnswer, type ReportTable } from './protocol';

/** One report page's answers to the tests; dispose it with the page. */
export class ReportProbe {
  private readonly probe: PageProbe<ReportTable>;
  /** Milliseconds the page took to draw each update, by version (the last few). */
  private readonly drawMs = new Map<number, number>();
  private readonly subscription: vscode.Disposable;

  constructor(webview: vscode.Webview) {
    this.probe = new PageProbe(webview, reportProbeAnswer, 'the calibration report');
    this.subscription = webview.onDidReceiveMessage((raw) => {
      const parsed = reportDrawTimeMessage.safeParse(raw);
      if (!parsed.success) return;
      this.drawMs.set(parsed.data.version, parsed.data.ms);
      if (this.drawMs.size > 20) this.drawMs.delete(Math.min(...this.drawMs.keys()));
    });
  }

  /** The table as the page draws it now; rejects when the page does not answer within `ms`. */
  table(ms: number): Promise<ReportTable> {
    return this.probe.ask(ms);
  }

  /** Clicks the page's button `id` (the page ignores an id it has no enabled, shown button of). */
  press(id: string): Thenable<boolean> {
    return this.probe.press(id);
  }

  /** How long the page took to draw `version`, when it said so (it does just before saying it drew it). */
  drawTimeOf(version: number): number | undefined {
    return this.drawMs.get(version);
  }

  dispose(): void {
    this.probe.dispose();
    this.subscription.dispose();
  }
}
