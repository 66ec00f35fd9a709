/**
 * The guide panel's marks for the e2e tests and the diagrams benchmark (test/bench/diagrams.mjs), in
 * the test build only (see `SDI_TEST_HOOKS`): data attributes on `<html>` and `#content` saying when
 * the script ran, when Mermaid loaded, when an item arrived, and when it and its diagrams were on
 * screen (`data-state="done"`, the next frame painted), with the theme kind they were drawn in.
 */
import { themeKind } from '../theme';
import { recordCspViolations } from './csp';

/** Wall-clock ms, comparable across frames and with the test driver's clock. */
const now = () => performance.timeOrigin + performance.now();

/** The change being drawn: the item it shows and when the page began (`performance.now()`). */
let change = { id: '', started: 0 };

/** The script has started: marks the time, and keeps a record of what the CSP blocks. */
export function markScriptStart(): void {
  document.documentElement.dataset.scriptAt = String(now());
  recordCspViolations();
}

/** Marks when Mermaid, loading ahead of the first item's diagrams, has loaded. */
export function markMermaidPreloaded(loading: Promise<unknown>): void {
  void loading.then(() => { document.documentElement.dataset.mermaidAt = String(now()); });
}

/** An item arrived: `content` is about to show it (or shows it already). */
export function markItemReceived(content: HTMLElement, id: string): void {
  change = { id, started: performance.now() };
  content.dataset.receivedAt = String(now());
  content.dataset.state = 'rendering';
}

/** The colour theme changed: the item shown is drawn again when its theme kind changed. */
export function markThemeChanged(content: HTMLElement): void {
  change = { id: content.dataset.item ?? '', started: performance.now() };
  if (content.dataset.theme !== themeKind()) content.dataset.state = 'rendering';
}

/** The host sent the item's pre-rendered SVGs for the other kinds of theme. */
export function markOtherThemes(content: HTMLElement, id: string): void {
  content.dataset.otherThemes = id;
}

/**
 * Marks the last change done once `shown` resolves true (its diagrams all on screen) and the next
 * frame has painted, with how long it took; `waited`: whether a theme change waited for the host's SVGs.
 */
export function markPaintedWhen(content: HTMLElement, shown: Promise<boolean | undefined>, waited?: boolean): void {
  const { id, started } = change;
  if (waited !== undefined) content.dataset.themeWaited = String(waited);
  void shown.then((done) => done && requestAnimationFrame(() => setTimeout(() => {
    if (content.dataset.item !== id) return;
    content.dataset.state = 'done';
    content.dataset.theme = themeKind();
    content.dataset.paintedAt = String(now());
    content.dataset.renderMs = (performance.now() - started).toFixed(1);
  }, 0)));
}
