// Benchmark of the debrief page in the real extension host (issue 21): 10,000 feedback files, Open
// Debrief from the command to the page drawn (goal: under 300 ms), the first open (the page created)
// against a bare webview's in the same run, and a panelist's save redrawn (goal: under 100 ms from the
// save event). Runs test/integration/bench/debriefHost.ts in the real host (hostBench.mjs).
// `node test/bench/run.mjs debrief-host` after a build, or through `npm run bench`.
import { runHostBench } from './hostBench.mjs';

/** A first open's steps, each in ms from the command (see FirstOpen in debriefHost.ts). */
function steps(o) {
  const known = (label, ms) => (ms === null ? [] : [`${label} ${ms}`]);
  return [`frame loading ${o.frame}`, ...known('script fetched', o.fetched), `script ran ${o.ran}`, ...known('debrief given', o.posted), `drawn ${o.total}`].join(', ');
}

export async function run() {
  const f = runHostBench('debriefHost', 'debrief-host');
  const o = f.firstOpen;
  const ratio = (a, b) => (a / b).toFixed(2);
  console.log(`Debrief page in the extension host, ${f.files} feedback files in the workspace (read once before):`);
  console.log(`  Open Debrief → drawn in the open page: median ${f.open.medianMs} ms, p95 ${f.open.p95Ms} ms   (goal: under 300 ms; posted after ${f.openPosted.medianMs} ms)`);
  console.log(`  first open, the page created: median ${o.median.debrief.total} ms against a bare webview's ${o.median.bare.total} ms in the same run (${ratio(o.median.debrief.total, o.median.bare.total)}×; ${o.rounds} alternating rounds, ratios ${o.ratios.join(', ')})`);
  console.log(`    the run's first: debrief ${o.first.debrief.total} ms against bare ${o.first.bare.total} ms (${ratio(o.first.debrief.total, o.first.bare.total)}×)`);
  console.log(`    steps, medians in ms from the command: debrief: ${steps(o.median.debrief)}`);
  console.log(`                                           bare:    ${steps(o.median.bare)}`);
  console.log(`    the session's first webview (a bare one, VS Code's setup of webviews): ${o.sessionFirstBare.total} ms (${steps(o.sessionFirstBare)})`);
  console.log(`  save event → drawn: median ${f.fromSaveEvent.medianMs} ms, p95 ${f.fromSaveEvent.p95Ms} ms, ${f.fromSaveEvent.minMs}–${f.fromSaveEvent.maxMs} ms   (goal: under 100 ms; posted after median ${f.fromSaveEventPosted.medianMs} ms)`);
}
