/**
 * The calibration report page's side of the tests, in the test build only (see `SDI_TEST_HOOKS`):
 * `<html data-rendered-version>` once an update is drawn (the e2e tests wait on it), how long each
 * update took to draw (`drawTime`, for the benchmark), and the table as drawn when the host asks
 * (`probe`, for the integration tests), and a click on a button when the host asks (`press`: the
 * integration tests press Export, whose save dialog and file only the host side sees). The messages are `src/testing/protocol.ts`'s.
 */
import type { ReportTable } from '../../src/testing/protocol';
import { answerProbes } from './probeMarks';
import { recordCspViolations } from './csp';

/** What the page holds that its table does not show: the version applied, the rows held and those passing the filters. */
export interface ReportState {
  version: number;
  held: number;
  shown: number;
}

type Post = (msg: unknown) => void;

let post: Post = () => {};
/** When each update arrived (`performance.now()`), by version, until it is drawn. */
const arrived = new Map<number, number>();

/**
 * Starts the page's test side: records CSP violations, notes when each update arrives, and answers
 * the host's probes with the table as drawn. Call before the page listens for messages.
 */
export function installReportMarks(send: Post, state: () => ReportState): void {
  post = send;
  recordCspViolations();
  window.addEventListener('message', (event: MessageEvent<{ type?: unknown; version?: unknown }>) => {
    const { type, version } = event.data ?? {};
    if ((type === 'report' || type === 'delta') && typeof version === 'number') {
      arrived.set(version, performance.now());
      if (arrived.size > 20) arrived.delete(Math.min(...arrived.keys()));
    }
  });
  answerProbes(send, () => describeTable(state()));
}

/** Update `version` is drawn and painted: marks it and tells the host how long it took, before the page's `rendered`. */
export function markDrawn(version: number): void {
  document.documentElement.dataset.renderedVersion = String(version);
  const at = arrived.get(version);
  arrived.delete(version);
  if (at !== undefined) post({ type: 'drawTime', version, ms: performance.now() - at });
}

function describeTable(state: ReportState): Omit<ReportTable, 'id'> {
  const rows = [...document.querySelectorAll<HTMLTableRowElement>('#rows tbody tr.row')].map((tr) => ({
    file: tr.dataset.file ?? '',
    index: Number(tr.dataset.index),
    cells: [...tr.cells].map((td) => td.textContent ?? ''),
  }));
  return { type: 'probeAnswer', ...state, rows };
}
