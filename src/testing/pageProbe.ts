/**
 * The host's side of a page's test probe, in the test build only (see `SDI_TEST_HOOKS`): asks the
 * page what it draws (`probe`, answered with the same `id`) and clicks its buttons (`press`).
 */
import type * as vscode from 'vscode';
import type * as z from 'zod/mini';
import type { ReportPressMessage, ReportProbeMessage } from './protocol';

/** One page's answers to the tests, read with `answer` (its answer message's schema); dispose it with the page. */
export class PageProbe<T extends { id: number }> {
  private readonly answers = new Map<number, (a: T) => void>();
  private lastId = 0;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly webview: vscode.Webview, answer: z.ZodMiniType<T>, private readonly what: string) {
    this.subscription = webview.onDidReceiveMessage((raw) => {
      const parsed = answer.safeParse(raw);
      if (!parsed.success) return;
      this.answers.get(parsed.data.id)?.(parsed.data);
      this.answers.delete(parsed.data.id);
    });
  }

  /** What the page draws now; rejects when it does not answer within `ms`. */
  ask(ms: number): Promise<T> {
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => {
        this.answers.delete(id);
        reject(new Error(`${this.what} did not describe what it draws`));
      }, ms);
      this.answers.set(id, (a) => {
        clearTimeout(guard);
        resolve(a);
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
