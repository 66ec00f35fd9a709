// Runs an entry of test/integration/bench in the real extension host (VS Code in the browser, through
// the integration harness test/host/run.mjs, the entry in place of the tests) and returns the figures
// it wrote with `writeFigures` (test/integration/bench/figures.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `entry` is the bundled entry's name under out/test/integration/bench/, `name` its figures' (out/bench/<name>.json). */
export function runHostBench(entry, name) {
  const figures = join(ROOT, 'out', 'bench', `${name}.json`);
  rmSync(figures, { force: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'test/host/run.mjs'), 'integration'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, SDI_TESTS_ENTRY: `out/test/integration/bench/${entry}.js` },
  });
  if (r.status !== 0 || !existsSync(figures)) {
    console.error(`${r.stdout}${r.stderr}`);
    throw new Error(`the ${name} host benchmark did not run`);
  }
  return JSON.parse(readFileSync(figures, 'utf8'));
}
