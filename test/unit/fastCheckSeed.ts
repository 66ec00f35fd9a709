/**
 * Loaded by mocha before the unit tests (`.mocharc.json`, `require`): every fast-check property of
 * the run draws from one seed, printed first and again after a property fails, so that a failure
 * seen in CI replays with `SDI_FC_SEED=<seed> npx mocha --fgrep '<the test's full title>'` (test/host/README.md, "Replaying").
 */
import * as path from 'path';
import fc from 'fast-check';

const given = process.env.SDI_FC_SEED;
if (given !== undefined && !/^-?\d+$/.test(given)) throw new Error(`SDI_FC_SEED=${given}: expected an integer`);
const seed = given === undefined ? Math.floor(Math.random() * 0x7fffffff) : Number(given);
fc.configureGlobal({ seed });

/** Mocha's root hooks: the seed once at the start, and the way to replay after a failed property. */
export const mochaHooks = {
  beforeAll(): void {
    console.log(`fast-check seed ${seed}${given === undefined ? ' (random; SDI_FC_SEED=' + seed + ' replays it)' : ' (SDI_FC_SEED)'}`);
  },
  afterEach(this: Mocha.Context): void {
    const t = this.currentTest;
    if (t?.state === 'failed' && /Property failed/.test(String(t.err?.message))) {
      // `--fgrep` runs that test alone (a file named on mocha's command line adds to `.mocharc.json`'s spec, it does not replace it).
      const quoted = `'${t.fullTitle().replace(/'/g, "'\\''")}'`;
      console.log(`      fast-check: replay with SDI_FC_SEED=${seed} npx mocha --fgrep ${quoted}${t.file ? ` (in ${path.relative(process.cwd(), t.file)})` : ''}`);
    }
  },
};
