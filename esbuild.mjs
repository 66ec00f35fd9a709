// Builds the extension (node, cjs, `vscode` external), the command-line tools, the webview
// (browser) bundle and the tests. `--production` minifies without source maps and builds what users
// install: no tests, and none of the test hooks (see `testHooks` below); `--production --tests` is
// minified with both, for the benchmarks. `--watch` rebuilds on change and prints the
// `[watch] build started/finished` lines that the `$esbuild-watch` problem matcher reads. esbuild
// does not type-check: `npm run typecheck` does. Writes `dist/build.json`, which says which build
// dist/ holds (the e2e harness packages only the test build).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, rmSync, mkdirSync, copyFileSync, chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** What the CLI says of its package (src/version.d.ts): its version, and its repository's URL for the links to the docs. */
const PACKAGE_DEFINES = {
  SDI_VERSION: JSON.stringify(pkg.version),
  SDI_REPOSITORY: JSON.stringify(pkg.homepage ?? (typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url) ?? ''),
};

/** @type {import('esbuild').Plugin} */
const watchLog = {
  name: 'watch-log',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of [...result.errors, ...result.warnings]) {
        console.error(`✘ ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

// The CLI's bin must stay executable after each build: `npx sdi-feedback` runs it through a link npm made once.
/** @type {import('esbuild').Plugin} */
const executableBin = {
  name: 'executable-bin',
  setup(build) {
    build.onEnd(() => { if (existsSync('dist/cli.js')) chmodSync('dist/cli.js', 0o755); });
  },
};

// The built-in guide's snapshot (dist/builtin-kit.json): the content loaded and validated once here,
// so activation reads one JSON file (src/node/builtIn.ts). Broken content leaves no snapshot and
// says why; the extension then loads the content itself and shows the same errors.
/** @type {import('esbuild').Plugin} */
const builtInSnapshot = {
  name: 'built-in-snapshot',
  setup(build) {
    build.onEnd((result) => {
      if (result.errors.length || !existsSync('dist/check-content.js')) return;
      rmSync('dist/builtin-kit.json', { force: true });
      const r = spawnSync(process.execPath, ['dist/check-content.js', '--snapshot', 'dist/builtin-kit.json'], { encoding: 'utf8' });
      if (r.status !== 0) console.error(`✘ no snapshot of the built-in guide: its content does not load\n${r.stdout}${r.stderr}`);
    });
  },
};

/**
 * zod re-exports all of its ~40 locales through `z.locales`, which no bundler can drop; the
 * webview, the extension and the CLI only need English messages. Halves the panel's main.js (about
 * 260 KB minified) and the extension's bundle.
 * @type {import('esbuild').Plugin}
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) => (/[\\/]zod[\\/]/.test(a.importer) ? { path: 'zod-locales', namespace: 'zod-locales' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({ contents: "export { default as en } from 'zod/v4/locales/en.js';", resolveDir: process.cwd() }));
  },
};

/**
 * The extension loads yaml (team kits), markdown-it (guide pages) and MiniSearch (Find in Guide) from
 * files of their own (`dist/vendor-*.js`) when first used, not with `extension.js`: together about
 * 270 KB of its 700 KB, which every activation would otherwise compile and run (issue 10). An
 * import of one of them in the extension resolves to a module of stand-ins that require the file
 * at the first call; the CLI and the tests bundle them as usual.
 */
const LAZY_VENDORS = {
  yaml: { file: 'vendor-yaml', functions: ['parseDocument', 'isAlias', 'isCollection', 'isMap', 'isPair', 'isScalar', 'isSeq'], classes: ['LineCounter'] },
  'markdown-it': { file: 'vendor-markdown-it', defaultClass: true },
  minisearch: { file: 'vendor-minisearch', defaultClass: true },
};
/** @type {import('esbuild').Plugin} */
const lazyVendors = {
  name: 'lazy-vendors',
  setup(build) {
    build.onResolve({ filter: /^(yaml|markdown-it|minisearch)$/ }, (a) => ({ path: a.path, namespace: 'lazy-vendor' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (a) => {
      const v = LAZY_VENDORS[a.path];
      const lines = [`let loaded; const load = () => (loaded ??= require('./${v.file}.js'));`];
      for (const f of v.functions ?? []) lines.push(`export function ${f}(...a) { return load().${f}(...a); }`);
      // A constructor that returns the real class's instance: \`new\` gives that object, so instanceof and methods hold.
      for (const c of v.classes ?? []) lines.push(`export function ${c}(...a) { return new (load().${c})(...a); }`);
      if (v.defaultClass) lines.push('export default function Lazy(...a) { const m = load(); return new (m.default ?? m)(...a); }');
      return { contents: lines.join('\n'), resolveDir: process.cwd(), loader: 'js' };
    });
  },
};

/**
 * The activation shell (`src/extension.ts`) requires the features (`src/features.ts`) when first
 * needed, from a file of their own (`dist/features.js`): activation compiles and runs only the shell.
 * @type {import('esbuild').Plugin}
 */
const featuresApart = {
  name: 'features-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/features\.js$/ }, (a) => (/[\\/]src[\\/]extension\.ts$/.test(a.importer) ? { path: './features.js', external: true } : undefined));
  },
};

/**
 * The CLI requires the kit loader and the content's validation (`src/cli/kitLoading.ts`: zod and
 * yaml, two thirds of its code) from a file of their own (`dist/cli-kits.js`) when first needed: a
 * check or a report over the built-in kit's snapshot neither compiles nor runs them.
 * @type {import('esbuild').Plugin}
 */
const cliKitsApart = {
  name: 'cli-kits-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/cli-kits\.js$/ }, (a) => (/[\\/]src[\\/]cli[\\/]feedbackCli\.ts$/.test(a.importer) ? { path: './cli-kits.js', external: true } : undefined));
  },
};

/**
 * What only the tests and the benchmarks need from the extension and its webviews lives in `testing/`
 * folders (`src/testing/`, `webview/testing/`): the pages' marks, the test messages and their schemas.
 * Product code uses it only under `if (SDI_TEST_HOOKS)`, which the build users install defines false
 * (so esbuild drops those lines), and there every import of a `testing/` module resolves to an empty
 * module: none of it, nor what it imports, reaches that build. A use left outside the condition
 * fails the build ("No matching export").
 * @type {import('esbuild').Plugin}
 */
const testingLeftOut = {
  name: 'testing-left-out',
  setup(build) {
    build.onResolve({ filter: /(^|[\\/])testing[\\/]/ }, (a) => ({ path: a.path, namespace: 'testing-left-out' }));
    build.onLoad({ filter: /.*/, namespace: 'testing-left-out' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

function files(dir, suffix) {
  let out = [];
  let entries;
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(files(p, suffix));
    else if (p.endsWith(suffix)) out.push(p);
  }
  return out;
}

/**
 * The build's esbuild options by bundle. `production`: minified, no source maps. `testHooks`: the
 * test hooks in (`SDI_TEST_HOOKS`), and the unit and integration tests built too. Exported for the
 * unit test that checks the production bundles hold no test hook (test/unit/testHooks.test.ts).
 */
export function buildOptions({ production, testHooks }) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    plugins: [watchLog],
    legalComments: production ? 'none' : 'inline',
    define: { SDI_TEST_HOOKS: String(testHooks), ...PACKAGE_DEFINES },
  };
  const leftOut = testHooks ? [] : [testingLeftOut];
  const bundles = {
    // The extension host side.
    extension: {
      ...common,
      entryPoints: { extension: 'src/extension.ts', features: 'src/features.ts' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', './vendor-*'],
      plugins: [watchLog, zodEnglishOnly, lazyVendors, featuresApart, ...leftOut],
    },
    // The libraries the extension loads when first used (see LAZY_VENDORS).
    vendors: {
      ...common,
      entryPoints: Object.fromEntries(Object.entries(LAZY_VENDORS).map(([pkg, v]) => [v.file, pkg])),
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
    },
    // Command-line tools, runnable with plain Node.
    cli: {
      ...common,
      entryPoints: { cli: 'src/cli/feedbackCli.ts', 'cli-kits': 'src/cli/kitLoading.ts', 'check-content': 'src/cli/checkContent.ts' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      banner: { js: '#!/usr/bin/env node' },
      plugins: [watchLog, executableBin, builtInSnapshot, zodEnglishOnly, cliKitsApart],
    },
    // The calibration report's script (`calibration.js`, with Observable Plot) is a third entry, the debrief's (`debrief.js`) a fourth.
    // The guide panel's script, and Mermaid with the diagram renderer (`mermaid.js`), which the script
    // imports when a diagram needs drawing. Not split: Mermaid's per-diagram chunks would ship as a
    // hundred files.
    webview: {
      ...common,
      entryPoints: { main: 'webview/main.ts', mermaid: 'webview/mermaidRenderer.ts', calibration: 'webview/calibration/main.ts', debrief: 'webview/debrief/main.ts' },
      outdir: 'dist/webview',
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      plugins: [watchLog, zodEnglishOnly, ...leftOut],
    },
  };
  if (!testHooks) return bundles;
  const entry = (dir) => Object.fromEntries(files(dir, '.ts').filter((f) => !f.endsWith('.d.ts')).map((f) => [f.slice(0, -3), f]));
  return {
    ...bundles,
    unitTests: {
      ...common,
      minify: false,
      // The bench (test/bench/feedback.mjs) imports the feedback core and the content loader from out/bench/.
      entryPoints: { ...entry('test/unit'), 'bench/feedback-core': 'src/core/feedback/index.ts', 'bench/content': 'src/core/kit/loader.ts' },
      outdir: 'out',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
    },
    integrationTests: {
      ...common,
      minify: false,
      entryPoints: { ...entry('test/integration'), ...entry('test/desktop') },
      outdir: 'out',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'mocha', '@vscode/test-electron'],
    },
  };
}

/**
 * The GitHub Action's bundle (`action/dist/index.js`, committed, as JavaScript actions are: the runner
 * runs it without a build). Fixed options, whatever the build's mode, so that a fresh build matches the
 * committed file byte for byte (test/unit/action.test.ts). `node esbuild.mjs --action` writes it.
 */
export function actionOptions(outfile = 'action/dist/index.js') {
  return {
    entryPoints: ['src/action/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    define: { SDI_TEST_HOOKS: 'false', ...PACKAGE_DEFINES },
    plugins: [zodEnglishOnly, testingLeftOut],
  };
}

/** Builds (or, with `--watch`, keeps building) every bundle into dist/ and out/. */
async function main() {
  if (process.argv.includes('--action')) {
    await esbuild.build(actionOptions());
    return;
  }
  const production = process.argv.includes('--production');
  const testHooks = !production || process.argv.includes('--tests');
  if (!watch) rmSync('dist', { recursive: true, force: true });
  // The codicon font, for the panel's buttons; shipped from the package rather than copied into the repo.
  mkdirSync('dist/webview/codicons', { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules/@vscode/codicons/dist', f), join('dist/webview/codicons', f));
  writeFileSync('dist/build.json', `${JSON.stringify({ production, testHooks })}\n`);
  const built = await Promise.all(Object.values(buildOptions({ production, testHooks })).map((c) => esbuild.context(c)));
  if (watch) {
    await Promise.all(built.map((c) => c.watch()));
    return;
  }
  let failed = false;
  for (const c of built) {
    try { await c.rebuild(); } catch { failed = true; }
    await c.dispose();
  }
  if (failed) process.exit(1);
}

// Run as a script (`node esbuild.mjs`), not when imported for its options.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
