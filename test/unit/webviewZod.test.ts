/**
 * The pages' scripts validate their messages with `zod/mini` (src/protocol.ts): classic zod, which
 * no bundler can trim, was 188 KB of the debrief's 203 KB script. Each page's script, built in memory
 * with esbuild.mjs's own options for production, takes no module of classic zod.
 */
import * as assert from 'assert';
import type { BuildOptions } from 'esbuild';
import * as path from 'path';
import { pathToFileURL } from 'url';

const ROOT = path.resolve(__dirname, '../../..');
const PAGES = { main: 'webview/main.ts', calibration: 'webview/calibration/main.ts', debrief: 'webview/debrief/main.ts' };

describe('the pages\' scripts: zod/mini only', function () {
  this.timeout(120_000);

  it('no page script bundles classic zod, and each bundles zod/mini', async () => {
    const esbuild = await import('esbuild');
    const { buildOptions } = (await import(pathToFileURL(path.join(ROOT, 'esbuild.mjs')).href)) as { buildOptions: (f: { production: boolean; testHooks: boolean }) => Record<string, BuildOptions> };
    const webview = buildOptions({ production: true, testHooks: false }).webview;
    const { metafile } = await esbuild.build({ ...webview, entryPoints: PAGES, absWorkingDir: ROOT, write: false, sourcemap: false, metafile: true });
    const inputs = (page: string): string[] => {
      const output = Object.entries(metafile.outputs).find(([file]) => path.basename(file) === `${page}.js`);
      assert.ok(output, `${page}.js was not built`);
      return Object.keys(output[1].inputs).filter((f) => /[\\/]zod[\\/]/.test(f));
    };
    for (const page of Object.keys(PAGES)) {
      const zod = inputs(page);
      assert.deepStrictEqual(zod.filter((f) => /[\\/]v4[\\/]classic[\\/]/.test(f)), [], `${page}.js bundles classic zod`);
      assert.ok(zod.some((f) => /[\\/]v4[\\/]mini[\\/]/.test(f)), `${page}.js bundles no zod/mini`);
    }
  });
});
