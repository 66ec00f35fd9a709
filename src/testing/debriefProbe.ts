/**
 * The host's side of the debrief page's test messages, in the test build only (see
 * `SDI_TEST_HOOKS`): asks the page what it draws, and clicks its buttons as a user would.
 */
import type * as vscode from 'vscode';
import { debriefProbeAnswer, type DebriefPage, type ReportPressMessage, type ReportProbeMessage } from './protocol';

export type { DebriefPage } from './protocol';

/** One debrief page's answers to the tests; dispose it with the page. */
export class DebriefProbe {
  private readonly answers = new Map<number, (p: DebriefPage) => void>();
  private lastId = 0;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly webview: vscode.Webview) {
    this.subscription = webview.onDidReceiveMessage((raw) => {
      const parsed = debriefProbeAnswer.safeParse(raw);
      if (!parsed.success) return;
      this.answers.get(parsed.data.id)?.(parsed.data);
      this.answers.delete(parsed.data.id);
    });
  }

  /** The page as drawn now; rejects when the page does not answer within `ms`. */
  page(ms: number): Promise<DebriefPage> {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => {
        this.answers.delete(id);
        reject(new Error('the debrief did not describe its page'));
      }, ms);
      this.answers.set(id, (p) => {
        clearTimeout(guard);
        resolve(p);
      });
      void this.webview.postMessage({ type: 'probe', id } satisfies ReportProbeMessage);
    });
  }

  /** Clicks the page's button `id` (the page ignores an id it has no enabled, shown button of). */
  press(id: string): Thenable<boolean> {
    return this.webview.postMessage({ type: 'press', id } satisfies ReportPressMessage);
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
