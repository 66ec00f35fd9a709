/**
 * The debrief page's side of the tests, in the test build only (see `SDI_TEST_HOOKS`):
 * `<html data-rendered-version>` once a debrief is drawn (the e2e tests wait on it), CSP violations
 * recorded, and the page as drawn when the host asks (`probe`: with when it loaded and how many
 * debriefs it was posted since), a click on a button when it asks (`press`). The messages are
 * `src/testing/protocol.ts`'s.
 */
import type { DebriefPage, PageLoad } from '../../src/testing/protocol';
import { answerProbes } from './probeMarks';
import { recordCspViolations } from './csp';

/** Starts the page's test side; call when the page's script starts (its load is timed then), before it draws. */
export function installDebriefMarks(send: (msg: unknown) => void, version: () => number): void {
  const loaded = pageLoaded('debrief.js');
  let messages = 0;
  window.addEventListener('message', (event: MessageEvent<unknown>) => { if ((event.data as { type?: unknown } | null)?.type === 'debrief') messages++; });
  recordCspViolations();
  answerProbes(send, () => ({ ...describePage(version()), loaded, messages }));
}

/** Debrief `version` is drawn and painted. */
export function markDrawn(version: number): void {
  document.documentElement.dataset.renderedVersion = String(version);
}

/** When this page's frame began loading, its script `file` had arrived, and now (its script running). */
function pageLoaded(file: string): PageLoad {
  const origin = performance.timeOrigin;
  const script = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith(`/${file}`)) as PerformanceResourceTiming | undefined;
  return { frame: origin, scriptFetched: script ? origin + script.responseEnd : null, scriptRan: origin + performance.now() };
}

function describePage(version: number): Omit<DebriefPage, 'id' | 'loaded' | 'messages'> {
  const sections: Record<string, string> = {};
  for (const s of document.querySelectorAll<HTMLElement>('#app section[id]')) sections[s.id] = s.innerText;
  const dimensions = [...document.querySelectorAll<HTMLTableRowElement>('#dimension-table tbody tr')].map((tr) => ({
    id: tr.dataset.dimension ?? '',
    disagreement: tr.classList.contains('disagreement'),
    text: tr.innerText,
  }));
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('#app button[id]')].filter((b) => !b.disabled && !b.hidden).map((b) => b.id);
  return { type: 'debriefProbeAnswer', version, sections, dimensions, buttons };
}
