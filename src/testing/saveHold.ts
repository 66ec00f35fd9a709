/**
 * The on-save update's test hook (test build only, see `SDI_TEST_HOOKS`): holds the next save's
 * weighted-score edit up the way a busy extension host does, so a test can make VS Code save without
 * it, every time, and check what the user is then told and what is written.
 */

/** How the next save is held up; `hold` arms it for one save. */
export class SaveHold {
  private next: { busyMs: number; lateMs: number } | undefined;

  /**
   * The next save's participant first keeps the extension host busy for `busyMs` (VS Code gives
   * participants 1.75 s on the renderer's clock, so 2000 makes it save without waiting), then hands
   * its edit over `lateMs` later with the host idle (under the host's own 1.5 s limit, which
   * would drop the edit and, the third time, set the participant aside for the session).
   */
  hold(busyMs: number, lateMs: number): void {
    this.next = { busyMs, lateMs };
  }

  /** The edits as the participant hands them over: at once, or held up as armed (once). */
  deliver<T>(edits: T): Promise<T> {
    const next = this.next;
    this.next = undefined;
    if (!next) return Promise.resolve(edits);
    const until = Date.now() + next.busyMs;
    while (Date.now() < until) { /* the busy host */ }
    return new Promise((resolve) => setTimeout(() => resolve(edits), next.lateMs));
  }
}
