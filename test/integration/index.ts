/** Entry point VS Code calls inside the extension host: runs every `*.test.js` beside it with mocha. */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A generator of numbers in [0, 1) from a seed (pure-rand's xoroshiro128+): the same seed, the same order. */
function seeded(seed: number): () => number {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

/**
 * The seed of the shuffled order `SDI_SHUFFLE` asks for: `1` or `random` a new one (never 1, so that
 * a printed seed always replays), any other number that one; unset or `0`, none (sorted order).
 */
function shuffleSeed(value = ''): number | undefined {
  if (value === '' || value === '0') return undefined;
  if (value === '1' || value === 'random') return 100_000 + Math.floor(Math.random() * 900_000);
  const seed = Number(value);
  if (!Number.isInteger(seed)) throw new Error(`SDI_SHUFFLE=${value}: expected 1, random or a seed (an integer)`);
  return seed;
}

/** The test files in the order they run: sorted, or shuffled (Fisher-Yates) with `seed`. */
function ordered(files: string[], seed: number | undefined): string[] {
  const out = [...files].sort();
  if (seed === undefined) return out;
  const random = seeded(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function run(): Promise<void> {
  // SDI_GREP runs only the tests whose titles match (while developing one feature); SDI_FILES only the
  // files whose names hold one of its comma-separated parts (a file alone: SDI_FILES=kits).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec', ...(process.env.SDI_GREP ? { grep: process.env.SDI_GREP } : {}) });
  const only = (process.env.SDI_FILES ?? '').split(',').filter(Boolean);
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js') && (!only.length || only.some((o) => f.includes(o))));
  if (!files.length) return Promise.reject(new Error(`no integration test file matches SDI_FILES=${process.env.SDI_FILES}`));
  // Each file starts from a known state (helpers.ts `knownState`), so any order must pass: CI runs a shuffled one.
  const seed = shuffleSeed(process.env.SDI_SHUFFLE);
  const order = ordered(files, seed);
  const replay = seed === undefined ? '' : `shuffled with seed ${seed} (SDI_SHUFFLE=${seed} replays this order)`;
  if (replay) console.log(`[integration] files ${replay}: ${order.join(', ')}`);
  for (const f of order) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (replay && failures > 0) console.log(`[integration] ${replay}`);
      // The harness reads this line for its summary: the tests that ran and passed, failed, and were
      // skipped (`this.skip()`; those SDI_GREP left out are not counted). npm test fails a skipped
      // test that test/run-all.mjs does not list.
      const passed = runner.stats?.passes ?? mocha.suite.total() - failures;
      console.log(`${passed} passed, ${failures} failed, ${runner.stats?.pending ?? 0} skipped`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
