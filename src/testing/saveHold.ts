/**
 * The on-save update's test hook (test build only, see `SDI_TEST_HOOKS`): holds the next save's
 * weighted-score edit up the way a busy extension host does, so a test can make VS Code save without
 * it, every time, and check what the user is then told and what is written.
 */

/** How the next save is held up; `hold` arms it for one save. */
export class SaveHold {
  private next: { busyMs: number; late: number | Promise<void> } | undefined;

  /**
   * The next save's participant first keeps the extension host busy for `busyMs` (VS Code gives
   * participants 1.75 s on the renderer's clock, so 2000 makes it save without waiting), then hands
   * its edit over `late` ms later with the host idle, or when the promise `late` settles (a test that
   * must act first); under the host's own 1.5 s limit, which would drop the edit and, the third time,
   * set the participant aside for the session.
   */
  hold(busyMs: number, late: number | Promise<void>): void {
    this.next = { busyMs, late };
  }

  /** The edits as the participant hands them over: at once, or held up as armed (once). */
  deliver<T>(edits: T): Promise<T> {
    const next = this.next;
    this.next = undefined;
    if (!next) return Promise.resolve(edits);
    const until = Date.now() + next.busyMs;
    while (Date.now() < until) { /* the busy host */ }
    const { late } = next;
    if (typeof late !== 'number') return late.then(() => edits);
    return new Promise((resolve) => setTimeout(() => resolve(edits), late));
  }
}
