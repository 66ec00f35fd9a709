// `npm run bench`: builds, then runs each benchmark and prints its figures. Benchmarks measure;
// they do not pass or fail on a time (CI runs none of them).
//   node test/bench/run.mjs [feedback] [diagrams] [kits] [notes] [calibration] [debrief] [calibration-host] [debrief-host] [notes-host] [editor-path] [activation]
//   (diagrams, calibration-host, debrief-host, notes-host, editor-path and activation start VS Code in the browser)
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const all = ['feedback', 'diagrams', 'kits', 'notes', 'calibration', 'debrief', 'calibration-host', 'debrief-host', 'notes-host', 'editor-path', 'activation'];
/** The module of each step: its name in camel case (notes-host → notesHost.mjs). */
const moduleOf = (name) => name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
const selected = process.argv.slice(2).length ? process.argv.slice(2) : all;
const build = spawnSync(process.execPath, [join(here, '../../esbuild.mjs'), '--production', '--tests'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
for (const name of selected) {
  if (!all.includes(name)) { console.error(`unknown benchmark "${name}" (have: ${all.join(', ')})`); process.exit(2); }
  console.log(`\n=== bench: ${name} ===`);
  const mod = await import(pathToFileURL(join(here, `${moduleOf(name)}.mjs`)).href);
  await mod.run();
}
