// Benchmark of the live calibration report in the real extension host (issue 9): 10,000 feedback
// files, the report open, one file saved again and again; the time until the page has drawn the new
// figures, from VS Code's save event (goal: under 100 ms) and from the save's request (Ctrl+S, VS
// Code's own save included). Runs test/integration/bench/calibrationHost.ts in the real host
// (hostBench.mjs). `node test/bench/run.mjs calibration-host` after a build, or through `npm run bench`.
import { runHostBench } from './hostBench.mjs';

export async function run() {
  const f = runHostBench('calibrationHost', 'calibration-host');
  console.log(`Live calibration report in the extension host, ${f.files} feedback files (${f.rows} rows), ${f.saves} saves after the first:`);
  console.log(`  save event → drawn: median ${f.fromSaveEvent.medianMs} ms, p95 ${f.fromSaveEvent.p95Ms} ms, ${f.fromSaveEvent.minMs}–${f.fromSaveEvent.maxMs} ms   (goal: under 100 ms)`);
  console.log(`  Ctrl+S → drawn:     median ${f.fromRequest.medianMs} ms, p95 ${f.fromRequest.p95Ms} ms (VS Code's own save included)`);
  console.log(`  update posted ${f.postedAfterSaveEvent.medianMs} ms after the save event; the page's part ${f.page.medianMs} ms (medians)`);
  if (f.hostPhases) console.log(`  the host's part by step (medians, ms): file read and parsed ${f.hostPhases.read}, figures rebuilt ${f.hostPhases.report}`);
  console.log(`  the first save after the report opened: ${f.first.fromEvent} ms from the save event, ${f.first.fromRequest} ms from the request`);
}
