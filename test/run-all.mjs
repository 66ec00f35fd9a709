// `npm test`: build, type-check, lint and validate the content, then the three levels of tests:
// unit (plain mocha), integration (mocha inside a real VS Code extension host) and end to end
// (Chromium driving the real workbench): all of them against the test build, but
// test/e2e/installed.e2e.mjs against the production build, the one users install. Installs the
// VS Code host on first use. Ends with each stage's time and how busy the machine's cores were
// meanwhile (and, under it, the `[time]` lines its output held: packaging, host installs and starts,
// each e2e file), then one line
// `total: N passed, N failed`, and exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The stages in order; an array is stages run at the same time, each printed whole when it ends
 * (their output would interleave), and each still with its own time, counts and failure.
 */
const steps = [
  { name: 'build', cmd: ['node', 'esbuild.mjs'] },
  // Two single-threaded checkers that need nothing but the source: one core each. Not the unit tests
  // beside them (nor mocha --parallel): on this shared 2-core machine their CPU-heavy properties and
  // CLI runs then went past mocha's 10 s timeout, and the suite was no quicker.
  [
    // One tsc: src once (the root project, which test/ references), then test/ and webview/ over it.
    { name: 'typecheck', cmd: ['npx', 'tsc', '-b', 'test', 'webview'] },
    { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  ],
  { name: 'content', cmd: ['node', 'dist/check-content.js'] },
  // The machine's tools and the VS Code host, once (a second run checks and returns): the unit tests
  // use Debian's pre-commit, the host stages the host.
  { name: 'install', cmd: ['bash', 'test/host/install.sh'] },
  { name: 'unit', cmd: ['npx', 'mocha'], tests: true },
  // In an order shuffled with a printed seed (SDI_SHUFFLE=N replays it): each file must pass in any order.
  { name: 'integration', cmd: ['node', 'test/host/run.mjs', 'integration'], env: { SDI_SHUFFLE: process.env.SDI_SHUFFLE || 'random' }, tests: true },
  { name: 'e2e', cmd: ['node', 'test/host/run.mjs', 'e2e'], tests: true },
  { name: 'e2e-production', cmd: ['node', 'test/host/run.mjs', 'e2e', 'installed'], env: { SDI_E2E_BUILD: 'production' }, tests: true },
];
const only = process.argv.slice(2);
/**
 * The only tests that may be skipped (`this.skip()`) without failing `npm test`, by title, each with
 * why; any other skipped test counts as a failure.
 */
const MAY_SKIP = new Map([
  ['ships the guide text unchanged', 'compares with the seed guide outside the repository (../shared/seed), which a clean clone lacks'],
  ['prints a whole report to a terminal as to a pipe, its − and × included', 'needs Linux and util-linux `script` for a pseudo-terminal'],
  ['ends quietly when the reader closes the pipe early (`--json big.md | head`)', 'needs a POSIX shell pipe (skipped on Windows)'],
  ['a symlink out of the kit folder is an issue, not read; the rest loads', 'skipped where the OS refuses to make symbolic links'],
  ['a symlink inside the kit folder is followed', 'skipped where the OS refuses to make symbolic links'],
]);

/**
 * Runs stage `s`, its output shown as it comes, or, when `whole`, held and shown once it ends;
 * resolves with its exit code, output and time.
 */
function run(s, whole) {
  if (!whole) console.log(`\n=== ${s.name} ===`);
  const started = Date.now();
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(s.cmd[0], s.cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...s.env } });
    child.stdout.on('data', (d) => { out += d; if (!whole) process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; if (!whole) process.stderr.write(d); });
    child.on('exit', (code) => {
      if (whole) process.stdout.write(`\n=== ${s.name} ===\n${out}`);
      resolve({ code: code ?? 1, out, ms: Date.now() - started });
    });
  });
}

/**
 * Passed, failed and skipped counts from mocha's spec reporter or the harness's `N passed, N failed,
 * N skipped` line, and the titles of the skipped tests (the spec reporter's `  - title` lines).
 */
function counts(out) {
  const skippedTitles = [...out.matchAll(/^ {2,}- (.+)$/gm)].map((m) => m[1]);
  const plain = [...out.matchAll(/^\S*:?\s*(\d+) passed, (\d+) failed(?:, (\d+) skipped)?/gm)].pop();
  if (plain) return { passed: +plain[1], failed: +plain[2], skipped: +(plain[3] ?? 0), skippedTitles };
  const [passing, failing, pending] = ['passing', 'failing', 'pending'].map((w) => +(new RegExp(`^\\s*(\\d+) ${w}`, 'm').exec(out)?.[1] ?? 0));
  return { passed: passing, failed: failing, skipped: pending, skippedTitles };
}

let passed = 0;
let failed = 0;
const summary = [];
const times = [];
const began = Date.now();
const cpuAtStart = cpuNow();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The machine's CPU time so far, from Linux's /proc/stat (undefined elsewhere): busy and all jiffies
 * over every core, and the number of cores. A stage's share of busy time says whether it waits or
 * computes: a stage whose cores are busy most of the time is made quicker only by less work.
 */
function cpuNow() {
  try {
    const stat = readFileSync('/proc/stat', 'utf8');
    const [user, nice, system, idle, iowait, irq, softirq, steal] = stat.split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const cores = stat.split('\n').filter((l) => /^cpu\d+ /.test(l)).length;
    return { busy: user + nice + system + irq + softirq + steal, all: user + nice + system + idle + iowait + irq + softirq + steal, cores };
  } catch {
    return undefined;
  }
}

/** How busy the cores were between two `cpuNow` readings: `66% of 2 cores busy`; '' when unknown. */
function busyText(a, b) {
  if (!a || !b || b.all <= a.all) return '';
  return `${Math.round((100 * (b.busy - a.busy)) / (b.all - a.all))}% of ${b.cores} cores busy`;
}

/** Adds stage `s`'s result to the times, the counts and the summary; `beside`: the stages run at the same time; `busy`: how busy the cores were meanwhile. */
function account(s, { code, out, ms }, beside, busy) {
  const notes = [...(beside.length ? [`at the same time as ${beside.map((b) => b.name).join(', ')}`] : []), ...(busy ? [busy] : [])];
  times.push(`${s.name}: ${seconds(ms)}${notes.length ? ` (${notes.join('; ')})` : ''}`, ...[...out.matchAll(/^\[time\] (.+)$/gm)].map((m) => `  ${m[1]}`));
  if (s.tests) {
    const c = counts(out);
    // A runner that failed without reporting a failure (a crash, a timeout) still counts as one.
    if (code !== 0 && c.failed === 0) c.failed = 1;
    if (code === 0 && c.passed === 0) { c.failed += 1; console.error(`${s.name}: ran no test`); }
    const listed = c.skippedTitles.filter((t) => MAY_SKIP.has(t));
    for (const t of listed) console.log(`${s.name}: skipped "${t}": ${MAY_SKIP.get(t)}`);
    if (c.skipped > listed.length) console.error(`${s.name}: ${c.skipped - listed.length} skipped test(s) not listed in MAY_SKIP count as failures: ${c.skippedTitles.filter((t) => !MAY_SKIP.has(t)).join('; ')}`);
    c.failed += Math.max(0, c.skipped - listed.length);
    passed += c.passed;
    failed += c.failed;
    summary.push(`${s.name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
  } else if (code !== 0) {
    failed += 1;
    summary.push(`${s.name}: FAILED`);
  } else {
    summary.push(`${s.name}: ok`);
  }
}

for (const step of steps) {
  const together = [step].flat().filter((s) => !only.length || only.includes(s.name) || s.name === 'build');
  const before = cpuNow();
  const results = await Promise.all(together.map((s) => run(s, together.length > 1)));
  const busy = busyText(before, cpuNow());
  together.forEach((s, i) => account(s, results[i], together.filter((t) => t !== s), busy));
  if (together[0]?.name === 'build' && results[0].code !== 0) break;
}
const busyAll = busyText(cpuAtStart, cpuNow());
console.log(`\n${times.join('\n')}\nall stages: ${seconds(Date.now() - began)}${busyAll ? ` (${busyAll})` : ''}`);
console.log(`\n${summary.join('\n')}`);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
