/**
 * The build users install holds no test hook (issue 19): the guide panel's and the calibration
 * report's scripts and the extension's features are built in memory with esbuild.mjs's own options,
 * for production (`--production`) and with the test hooks (the test build); each hook is in the test
 * build's bundle and in no production bundle.
 */
import * as assert from 'assert';
import type { BuildOptions } from 'esbuild';
import * as path from 'path';
import { pathToFileURL } from 'url';

const ROOT = path.resolve(__dirname, '../../..');

/** The test hooks each bundle holds in the test build: the pages' marks and the test messages. */
const HOOKS: Record<string, RegExp[]> = {
  'main.js': ['scriptAt', 'mermaidAt', 'cspViolations', 'receivedAt', 'paintedAt', 'renderMs', 'themeWaited', 'otherThemes']
    .map((name) => new RegExp(`dataset\\.${name}\\b`))
    .concat(/securitypolicyviolation/),
  'calibration.js': [/dataset\.cspViolations\b/, /dataset\.renderedVersion\b/, /securitypolicyviolation/, /["']probe["']/, /["']probeAnswer["']/, /["']drawTime["']/],
  'features.js': [/["']probe["']/, /["']probeAnswer["']/, /["']drawTime["']/],
};

type Options = (flags: { production: boolean; testHooks: boolean }) => Record<string, BuildOptions>;

/** The bundles named in HOOKS, by file name, as the build with these flags makes them. */
async function bundles(flags: { production: boolean; testHooks: boolean }): Promise<Map<string, string>> {
  const esbuild = await import('esbuild');
  const { buildOptions } = (await import(pathToFileURL(path.join(ROOT, 'esbuild.mjs')).href)) as { buildOptions: Options };
  const options = buildOptions(flags);
  // Mermaid's bundle is left out: the guide's script loads it, and it holds no code of this project's.
  const webview = { ...options.webview, entryPoints: { main: 'webview/main.ts', calibration: 'webview/calibration/main.ts' } };
  const built = await Promise.all([options.extension, webview].map((o) => esbuild.build({ ...o, absWorkingDir: ROOT, write: false, sourcemap: false })));
  return new Map(built.flatMap((r) => r.outputFiles).map((f) => [path.basename(f.path), f.text]));
}

describe('test hooks: only in the test build', function () {
  this.timeout(120_000);
  let production: Map<string, string>;
  let testBuild: Map<string, string>;

  before(async () => {
    [production, testBuild] = await Promise.all([bundles({ production: true, testHooks: false }), bundles({ production: true, testHooks: true })]);
  });

  for (const [file, hooks] of Object.entries(HOOKS)) {
    it(`${file}: the test build has every hook, the production build none`, () => {
      const test = testBuild.get(file);
      const shipped = production.get(file);
      assert.ok(test && shipped, `${file} was not built`);
      for (const hook of hooks) {
        assert.match(test, hook, `the test build's ${file} lacks ${hook}`);
        assert.doesNotMatch(shipped, hook, `the production ${file} holds ${hook}`);
      }
    });
  }

  it('the production scripts still do their work: the pages say they are ready and the report that it drew', () => {
    assert.match(production.get('main.js')!, /["']ready["']/);
    assert.match(production.get('calibration.js')!, /["']rendered["']/);
  });
});
