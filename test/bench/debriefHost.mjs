// Benchmark of the debrief page in the real extension host (issue 21): 10,000 feedback files, Open
// Debrief from the command to the page drawn (goal: under 300 ms) and a panelist's save redrawn
// (goal: under 100 ms from the save event). Runs test/integration/bench/debriefHost.ts in the real
// host (hostBench.mjs). `node test/bench/run.mjs debrief-host` after a build, or through `npm run bench`.
import { runHostBench } from './hostBench.mjs';

export async function run() {
  const f = runHostBench('debriefHost', 'debrief-host');
  console.log(`Debrief page in the extension host, ${f.files} feedback files in the workspace (read once before):`);
  console.log(`  Open Debrief → drawn in the open page: median ${f.open.medianMs} ms, p95 ${f.open.p95Ms} ms   (goal: under 300 ms; posted after ${f.openPosted.medianMs} ms)`);
  console.log(`  the first, the page created: ${f.firstOpen.drawn} ms (posted after ${f.firstOpen.posted} ms: the page loads its script before it asks)`);
  console.log(`  save event → drawn: median ${f.fromSaveEvent.medianMs} ms, p95 ${f.fromSaveEvent.p95Ms} ms, ${f.fromSaveEvent.minMs}–${f.fromSaveEvent.maxMs} ms   (goal: under 100 ms)`);
}
