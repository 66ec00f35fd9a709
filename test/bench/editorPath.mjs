// Benchmark of the feedback editor path in the real extension host (issue 10): an edit to an open
// feedback document → its diagnostics published, against a floor over the same path in the same run
// (the same edit to a plain-text twin, answered by a collection of the bench's own after the same
// throttle with no analysis), alternating, for a 60-line and a 2,000-line file. Runs test/integration/bench/editorPath.ts through the integration harness (VS
// Code in the browser, test/host/run.mjs) as its entry instead of the tests.
// `node test/bench/run.mjs editor-path` after a build, or through `npm run bench`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function run() {
  const figures = join(ROOT, 'out', 'bench', 'editor-path.json');
  rmSync(figures, { force: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'test/host/run.mjs'), 'integration'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SDI_TESTS_ENTRY: 'out/test/integration/bench/editorPath.js' },
  });
  if (r.status !== 0 || !existsSync(figures)) {
    console.error(`${r.stdout}${r.stderr}`);
    throw new Error('the editor-path host benchmark did not run');
  }
  console.log('Feedback editor path in the extension host (edit applied → diagnostics published), median and p95 of 30 edits:');
  for (const f of JSON.parse(readFileSync(figures, 'utf8'))) {
    console.log(`  ${String(f.lines).padStart(5)} lines: ${f.feedback.medianMs} ms (p95 ${f.feedback.p95Ms})   floor ${f.floor.medianMs} ms (p95 ${f.floor.p95Ms}; the same path and ${f.throttleMs} ms throttle, no analysis)   ratio ${f.ratio}x`);
  }
}
