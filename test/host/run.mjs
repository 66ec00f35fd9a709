// The project's harness around a real VS Code (code-server 1.139) on this machine.
//   node test/host/run.mjs integration   mocha inside the real extension host (out/test/integration)
//   node test/host/run.mjs e2e           packages the .vsix, installs it, and runs mocha in Node driving the
//                                        workbench in Chromium (test/e2e/*.e2e.mjs); the test build that dist/
//                                        holds, or with SDI_E2E_BUILD=production the build users install, made
//                                        from a copy of the working tree
//   node test/host/run.mjs start [DIR]   VS Code in the browser with the extension, until Ctrl-C, on a kept
//                                        profile and sample workspace (.vscode-test/start/) or on DIR
// It installs the host on first use (test/host/install.sh), starts it (tests: with a fresh profile),
// and always stops it, by process group, on success, failure or a signal.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import util from 'node:util';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, ensureHost, freePort, startHost, workbenchUrl } from './host.mjs';

const mode = process.argv[2];
const TIMEOUT_S = Number(process.env.SDI_TEST_TIMEOUT ?? 1200);
/** The host of an integration run or of `npm start`. */
let host;
/** The hosts of an end-to-end run, one per worker. */
let hosts = [];
/** Stops the hosts; a passing run's folders (profile, logs, workspace) are removed unless SDI_KEEP_RUNS is set. */
const cleanup = async (passed = false) => {
  const all = [host, ...hosts].filter(Boolean);
  host = undefined;
  hosts = [];
  for (const h of all) {
    await h.stop();
    if (h.kept) continue; // npm start's profile and workspace stay for the next start
    if (passed && !process.env.SDI_KEEP_RUNS) rmSync(h.run, { recursive: true, force: true });
    else console.log(`[host] run folder kept: ${h.run} (code-server.log there)`);
  }
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, async () => { await cleanup(); process.exit(130); });

function requireBuilt(file, what) {
  if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: build first (npm run build) to ${what}.`);
}

async function integration() {
  requireBuilt('dist/extension.js', 'load the extension');
  // SDI_TESTS_ENTRY runs another entry in the host instead of the tests (the host benchmarks, test/bench/notesHost.mjs).
  requireBuilt(process.env.SDI_TESTS_ENTRY ?? 'out/test/integration/index.js', 'run the integration tests');
  ensureHost();
  // Auto save off, as in desktop VS Code (in a browser it saves 1 s after an edit): on a busy machine it
  // raced the tests' own saves, which then reported failure (clean-clone run 24, New Feedback's
  // deleted-file test). The test of auto save turns it on for itself.
  host = await startHost({ name: 'integration', settings: { 'files.autoSave': 'off' }, port: process.env.SDI_PORT ? Number(process.env.SDI_PORT) : undefined });
  console.log(`[host] VS Code at ${host.url}, workspace ${host.workspace}`);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await (await browser.newContext()).newPage();
    let done;
    const finished = new Promise((r) => (done = r));
    let summary = null;
    const quiet = /ENOTFOUND|authentication provider 'github'|^Canceled|open-vsx/;
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const text = util.format(...args);
      const m = text.match(/^\s*(\d+ passed, \d+ failed(, \d+ skipped)?)\s*$/);
      if (m) summary = m[1];
      else if (!quiet.test(text) || process.env.VERBOSE) console.log(type === 'info' || type === 'log' ? text : `[${type}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => done(code));
    if (process.env.VERBOSE) page.on('console', (m) => console.log('[page]', m.text()));
    await page.goto(workbenchUrl(host.url, host.workspace, { devPath: ROOT, testsPath: join(ROOT, process.env.SDI_TESTS_ENTRY ?? 'out/test/integration/index.js') }));
    const timer = setTimeout(() => done('timeout'), TIMEOUT_S * 1000);
    // SDI_TRACE=FILE: a performance trace of the workbench and its webviews, with style and layout invalidations.
    if (process.env.SDI_TRACE) await browser.startTracing(page, { path: process.env.SDI_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.invalidationTracking'] });
    const code = await finished;
    if (process.env.SDI_TRACE) await browser.stopTracing();
    clearTimeout(timer);
    if (code === 'timeout') console.error(`[host] the extension-host tests did not finish within ${TIMEOUT_S} s`);
    console.log(`integration: ${summary ?? '0 passed, 1 failed'}`);
    return code === 0 ? 0 : 1;
  } finally {
    await browser.close();
  }
}

/** Which build `dir`/dist holds (esbuild.mjs writes dist/build.json), or undefined when none. */
function builtAs(dir) {
  const file = join(dir, 'dist/build.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

/** Packages the extension in `dir` as the .vsix `out`, failing on vsce's warnings. */
function packageVsix(dir, out) {
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`packaging the extension failed:\n${r.stdout}${r.stderr}`);
  if (/WARNING/.test(r.stdout + r.stderr)) throw new Error(`packaging the extension warned:\n${r.stdout}${r.stderr}`);
  console.log(`[host] packaged ${out}`);
}

/**
 * Runs `work` on a copy of the working tree in .vscode-test/ without `skip`, then removes the copy.
 * vsce reads every file under the folder it packages before .vscodeignore leaves most of them out:
 * the copy leaves out beforehand what never ships and holds thousands of files (.git, out/,
 * test-results/, and .vscode-test/, where the VS Code host alone holds some 14,000: about 5 s of
 * packaging). node_modules is a link, for the production build (vsce, --no-dependencies, skips it).
 */
function inCopyOfTree(skip, work) {
  mkdirSync(join(ROOT, '.vscode-test'), { recursive: true });
  const copy = mkdtempSync(join(ROOT, '.vscode-test/package-'));
  const left = new Set(['.git', '.vscode-test', 'node_modules', 'out', 'test-results', ...skip]);
  try {
    for (const entry of readdirSync(ROOT)) if (!left.has(entry)) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
    work(copy);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/**
 * Packages the build users install (`npm run package`: `--production`, no test hook) as `out`,
 * built in a copy of the working tree, so that dist/ keeps the test build the other runs need.
 */
function packageProduction(out) {
  inCopyOfTree(['dist'], (copy) => {
    const r = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: copy, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the production build failed:\n${r.stdout}${r.stderr}`);
    if (builtAs(copy)?.testHooks !== false) throw new Error('the production build holds the test hooks');
    packageVsix(copy, out);
  });
}

async function e2e() {
  const production = process.env.SDI_E2E_BUILD === 'production';
  if (production && process.env.SDI_E2E_FROM === 'source') throw new Error('SDI_E2E_BUILD=production packages its own build: it cannot run from the source (SDI_E2E_FROM=source)');
  if (!production) {
    requireBuilt('dist/extension.js', 'load the extension');
    // The tests wait on the test build's marks (webview/testing/): a production build would only time out.
    if (!builtAs(ROOT)?.testHooks) throw new Error('dist/ holds a build without the test hooks (`--production`): build the test build first (node esbuild.mjs).');
  }
  ensureHost();
  const files = readdirSync(join(ROOT, 'test/e2e')).filter((f) => f.endsWith('.e2e.mjs')).sort().map((f) => join('test/e2e', f));
  const only = process.argv.slice(3);
  // installed.e2e.mjs reads only what a user sees: the whole test-build run leaves it to the production
  // build's run (`npm test`'s e2e-production stage). Named, it runs against either build.
  const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files.filter((f) => production || !f.endsWith('installed.e2e.mjs'));
  if (!selected.length) throw new Error('no e2e test files matched');
  // The end-to-end tests run the extension as users get it: packaged, then installed from the .vsix.
  // SDI_E2E_FROM=source runs the working tree instead (no packaging, quicker while developing).
  let install = true;
  if (process.env.SDI_E2E_FROM !== 'source') {
    // One file per run: several runs (e.g. one per feature while developing) must not package over each other.
    install = join(ROOT, `.vscode-test/e2e-${process.pid}.vsix`);
    mkdirSync(dirname(install), { recursive: true });
    const began = Date.now();
    if (production) packageProduction(install);
    else inCopyOfTree([], (copy) => packageVsix(copy, install));
    console.log(`[time] package: ${((Date.now() - began) / 1000).toFixed(1)} s`);
  }
  // The files run SDI_E2E_WORKERS at a time, each worker on a host of its own (its own profile,
  // extensions and run folder), taking the next file when its last one ends. A file keeps about 1.3
  // cores busy (Chromium drawing the workbench, the host, the extension host), so the default is one
  // worker per two cores: one on a 2-core machine such as CI's. Two there took the stage from 531 to
  // 371 s, but under that load a save and a pick each missed their test's wait (docs/performance.md).
  const asked = process.env.SDI_E2E_WORKERS === undefined ? Math.max(1, Math.floor(availableParallelism() / 2)) : Number(process.env.SDI_E2E_WORKERS);
  if (!Number.isInteger(asked) || asked < 1) throw new Error(`SDI_E2E_WORKERS must be a whole number of files to run side by side, 1 or more, not ${JSON.stringify(process.env.SDI_E2E_WORKERS)}`);
  const workers = Math.min(selected.length, asked);
  // One after another: each takes a free port, which the next must not be given too.
  for (let i = 0; i < workers; i++) hosts.push(await startHost({ name: workers > 1 ? `e2e${i + 1}` : 'e2e', install, port: i === 0 && process.env.SDI_PORT ? Number(process.env.SDI_PORT) : undefined }));
  for (const h of hosts) console.log(`[host] VS Code at ${h.url}`);
  mkdirSync(join(ROOT, 'test-results'), { recursive: true });
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const times = [];
  const queue = [...selected];
  // Each file is a mocha run of its own, from the state its host started with: the profile's
  // settings.json as written then, no keybindings.json, no extension storage (the diagram cache), and a
  // fresh copy of the test workspace in a folder of its own (so its siblings, the kit workspaces the
  // files make, are its own too). The window's own state (editors, workspace state) lives in the
  // browser's storage, which each new browser context starts without.
  const worker = async (h) => {
    const user = dirname(h.settingsFile);
    const settings = readFileSync(h.settingsFile, 'utf8');
    for (let file = queue.shift(); file; file = queue.shift()) {
      writeFileSync(h.settingsFile, settings);
      for (const kept of ['keybindings.json', 'globalStorage']) rmSync(join(user, kept), { recursive: true, force: true });
      const workspace = join(h.run, 'files', basename(file, '.e2e.mjs'), 'workspace');
      cpSync(join(ROOT, 'test/fixtures/workspace'), workspace, { recursive: true });
      const started = Date.now();
      // Side by side, a file's output is held and printed whole when it ends (it would interleave).
      const { code, out } = await mochaFile(file, {
        ...(typeof install === 'string' ? { SDI_VSIX: install } : {}), SDI_BASE_URL: h.url, SDI_WORKSPACE: workspace, SDI_SETTINGS_FILE: h.settingsFile, SDI_EXTENSIONS_DIR: join(h.run, 'exts'), SDI_RESULTS: join(ROOT, 'test-results'),
      }, workers === 1);
      const count = (word) => Number(new RegExp(`^\\s*(\\d+) ${word}`, 'm').exec(out)?.[1] ?? 0);
      const c = { passed: count('passing'), failed: count('failing'), skipped: count('pending') };
      // A run that failed without reporting a failing test (a crash in a hook, a syntax error) counts as one.
      if (code !== 0 && c.failed === 0) c.failed = 1;
      if (workers > 1) process.stdout.write(`\n[e2e] ${basename(file)} (host ${hosts.indexOf(h) + 1}):\n${out}`);
      if (c.failed) printExtensionHostLogs(h.run, started);
      for (const k of Object.keys(totals)) totals[k] += c[k];
      times.push(`[time] e2e ${basename(file)}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  };
  await Promise.all(hosts.map(worker));
  if (typeof install === 'string') rmSync(install, { force: true });
  console.log(`\n${times.join('\n')}`);
  console.log(`e2e: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  return totals.failed ? 1 : 0;
}

/**
 * Prints the end of each extension host log the host wrote since `since` (ms): the windows of a failed
 * file, for CI, whose log is all there is to read (activation, errors the extension or VS Code logged).
 */
function printExtensionHostLogs(run, since) {
  const logs = join(run, 'ud/logs');
  if (!existsSync(logs)) return;
  for (const session of readdirSync(logs)) {
    for (const dir of readdirSync(join(logs, session)).filter((d) => d.startsWith('exthost'))) {
      const file = join(logs, session, dir, 'remoteexthost.log');
      if (!existsSync(file) || statSync(file).mtimeMs < since) continue;
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      const shown = lines.slice(-40).map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l));
      console.log(`[host] ${session}/${dir}/remoteexthost.log, its last ${shown.length} of ${lines.length} lines:\n${shown.join('\n')}`);
    }
  }
}

/** Runs mocha on one e2e file with `env` (shown as it runs when `live`); resolves with its exit code and output. */
function mochaFile(file, env, live) {
  return new Promise((res) => {
    const child = spawn(process.execPath, [join(ROOT, 'node_modules/mocha/bin/mocha.js'), '--no-config', '--require', join(ROOT, 'test/e2e/workbench.mjs'), '--timeout', '180000', '--reporter', 'spec', file], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let out = '';
    child.stdout.on('data', (d) => { out += d; if (live) process.stdout.write(d); });
    child.on('exit', (code) => res({ code: code ?? 1, out }));
  });
}

/**
 * `npm start [-- FOLDER]`: VS Code in the browser with the extension, until Ctrl-C. Its profile
 * (settings, extension state such as a running interview's timer) and its sample workspace live in
 * .vscode-test/start/ (SDI_START_DIR) and are reused by every start: created on the first (the sample
 * workspace from test/fixtures/workspace with examples/kit as its team kit), never reset or deleted.
 * FOLDER (relative to where npm was run) opens that folder instead of the sample workspace.
 */
async function start() {
  requireBuilt('dist/extension.js', 'load the extension');
  const home = resolve(process.env.SDI_START_DIR ?? join(ROOT, '.vscode-test/start'));
  let folder;
  if (process.argv[3]) {
    folder = resolve(process.env.INIT_CWD ?? process.cwd(), process.argv[3]);
    if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`npm start: ${folder} is not a folder (usage: npm start -- FOLDER).`);
  }
  ensureHost();
  let port = Number(process.env.SDI_PORT ?? 8080);
  const kit = existsSync(join(ROOT, 'examples/kit/kit.yaml')) ? join(ROOT, 'examples/kit') : undefined;
  // The first start (no profile yet) shows the extension's view and its walkthrough, once.
  const env = existsSync(join(home, 'ud/User/settings.json')) ? {} : { SDI_GET_STARTED: '1' };
  const options = () => ({ name: 'start', port, install: true, kit, home, workspace: folder, env });
  try { host = await startHost(options()); } catch (e) {
    if (!/already serving|EADDRINUSE/.test(String(e))) throw e;
    port = await freePort();
    host = await startHost(options());
  }
  console.log(`\nSystem Design Interview Kit is running in VS Code:\n\n    ${host.url}/?folder=${encodeURIComponent(host.workspace)}\n`);
  console.log(`Workspace: ${host.workspace}${folder ? '' : ' (the sample workspace, kept between starts)'}`);
  console.log(`Profile:   ${join(home, 'ud')} (settings and extension state, kept between starts; delete ${home} to start afresh)`);
  console.log(`\nOpen it in a browser (on another machine: ssh -L ${port}:127.0.0.1:${port}). Ctrl-C stops it.`);
  await new Promise(() => {});
}

const modes = { integration, e2e, start };
if (!modes[mode]) {
  console.error('usage: node test/host/run.mjs integration|e2e|start');
  process.exit(2);
}
modes[mode]().then(async (code) => { await cleanup(code === 0); process.exit(code ?? 0); }, async (e) => {
  console.error(`[host] ${e instanceof Error ? e.message : e}`);
  await cleanup();
  process.exit(1);
});
