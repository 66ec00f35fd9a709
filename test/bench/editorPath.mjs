// Benchmark of the feedback editor path in the real extension host (issue 10): an edit to an open
// feedback document → its diagnostics published, against a floor over the same path in the same run
// (the same edit to a plain-text twin, answered by a collection of the bench's own after the same
// throttle with no analysis), alternating, for a 60-line and a 2,000-line file. Runs
// test/integration/bench/editorPath.ts in the real host (hostBench.mjs).
// `node test/bench/run.mjs editor-path` after a build, or through `npm run bench`.
import { runHostBench } from './hostBench.mjs';

export async function run() {
  const figures = runHostBench('editorPath', 'editor-path');
  console.log('Feedback editor path in the extension host (edit applied → diagnostics published), median and p95 of 30 edits:');
  for (const f of figures) {
    console.log(`  ${String(f.lines).padStart(5)} lines: ${f.feedback.medianMs} ms (p95 ${f.feedback.p95Ms})   floor ${f.floor.medianMs} ms (p95 ${f.floor.p95Ms}; the same path and ${f.throttleMs} ms throttle, no analysis)   ratio ${f.ratio}x`);
  }
}
