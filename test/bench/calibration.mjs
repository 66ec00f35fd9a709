// Benchmark of `sdi-feedback --report` (issue 9) on generated hiring repositories of 1,000, 10,000
// and 50,000 feedback files (200 interviewers, one candidate per 4 files, 4 panelists each, about
// 3% invalid files: a score missing or out of range, an unknown kit) in a temp folder. Each size
// runs the CLI report cold (a new process: walking the folders and reading the files included; its
// JSON written to a file, as `> report.json` in a hiring repository's CI) against the floor of a
// process that only walks and reads the same files, alternately, in the same run. Prints medians,
// the ratio (goal: the report within 3x the read floor) and the time per file at each size (linear
// growth), and the report's time into this process's pipe (what spawnSync takes to collect and
// decode the megabytes of output included). Needs a build (`node esbuild.mjs`: dist/cli.js). Not a
// timed test.
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUILT = join(ROOT, 'dist', 'cli.js');
/** The CLI run: a copy of the build laid out as an installed package (dist/cli.js and the built-in guide's snapshot beside content/), so a rebuild during the run cannot pull it away. */
let CLI = BUILT;
const GOAL = 3;
const INTERVIEWERS = 200;
const PANEL = 4;

/** A small deterministic generator (pure-rand's xoroshiro128+), so every run reads the same repository. */
function random(seed) {
  const generator = xoroshiro128plus(seed);
  return () => uniformFloat64(generator);
}

const PROBLEMS = ['URL Shortener', 'Chat System', 'News Feed', 'Rate Limiter', 'Distributed Cache', 'Video Streaming', 'Payment System', 'Search Autocomplete'];
const REC = { 'strong-hire': 'Strong Hire -', hire: 'Hire -', 'no-hire': 'No Hire -', 'strong-no-hire': 'Strong No Hire -' };
const WEIGHTS = [30, 25, 20, 15, 10];

function band(w) {
  return w >= 3.5 ? 'strong-hire' : w >= 2.8 ? 'hire' : w >= 2.0 ? 'no-hire' : 'strong-no-hire';
}

/** Writes `files` feedback files under `dir` (folders by month); returns how many are invalid. */
export function generate(dir, files, template) {
  const rnd = random(files);
  const bias = Array.from({ length: INTERVIEWERS }, () => (rnd() - 0.5) * 1.2);
  const candidates = Math.ceil(files / PANEL);
  let written = 0;
  let invalid = 0;
  const made = new Set();
  for (let c = 0; c < candidates && written < files; c++) {
    const level = 1.5 + rnd() * 2.5;
    const day = Math.floor(rnd() * 700);
    const problem = PROBLEMS[Math.floor(rnd() * PROBLEMS.length)];
    const panel = new Set();
    while (panel.size < PANEL) panel.add(Math.floor(rnd() * INTERVIEWERS));
    let k = 0;
    for (const iv of panel) {
      if (written >= files) break;
      const date = new Date(Date.UTC(2024, 0, 1 + day + (k++ % 3)));
      const ymd = date.toISOString().slice(0, 10);
      const scores = WEIGHTS.map(() => Math.max(1, Math.min(4, Math.round(level + bias[iv] + (rnd() - 0.5) * 1.5))));
      const w = scores.reduce((s, x, i) => s + x * WEIGHTS[i], 0) / 100;
      let s = 0;
      let text = template
        .replace('[Name]', `Candidate ${String(c + 1).padStart(5, '0')}`)
        .replace('[Your Name]', `Interviewer ${String(iv + 1).padStart(3, '0')}`)
        .replace('[Date]', ymd)
        .replace('[Problem Title]', problem)
        .replace('[Years]', String(5 + Math.floor(rnd() * 12)))
        .replace(/\[1-4\]/g, () => String(scores[s++]))
        .replace('[Score]', w.toFixed(2))
        .replace(`- [ ] ${REC[band(w)]}`, `- [x] ${REC[band(w)]}`)
        .replace(/\[([A-Z][^\]\n]{6,})\]/g, (_, p) => `Notes on ${p.toLowerCase()}: sharded by key, discussed hot keys, replication lag and a cache-aside layer.`);
      const r = rnd();
      if (r < 0.015) { text = text.replace(/^- Production Readiness.*$/m, '- Production Readiness (15%): [1-4] / 4'); invalid++; }
      else if (r < 0.025) { text = text.replace(/^(- Technical Architecture \(30%\)): \d/m, '$1: 7'); invalid++; }
      else if (r < 0.03) { text = `<!-- sdi-kit: kit=acme rubric=9 -->\n${text}`; invalid++; }
      const folder = join(dir, ymd.slice(0, 7));
      if (!made.has(folder)) { mkdirSync(folder, { recursive: true }); made.add(folder); }
      writeFileSync(join(folder, `candidate-${c + 1}-${iv + 1}.md`), text);
      written++;
    }
  }
  // Markdown that is no feedback (notes, a README) is walked and read, and gives no row.
  writeFileSync(join(dir, 'README.md'), '# Hiring repository\n\nFeedback by month.\n');
  return { written, invalid };
}

/** The floor: a process that walks the same folders and reads every *.md file, nothing else. */
const FLOOR = `
const fs = require('fs'), path = require('path');
let bytes = 0, n = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); if (e.isDirectory()) { if (!e.name.startsWith('.') && e.name !== 'node_modules') walk(p); } else if (/\\.md$/i.test(e.name)) { bytes += fs.readFileSync(p, 'utf8').length; n++; } } };
walk(process.argv[1]);
process.stdout.write(JSON.stringify({ n, bytes }));
`;

/** Preloaded into both processes: writes the process's own CPU time (user + system, startup included) to a file at exit. */
const CPU_REPORTER = `process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeFileSync(process.env.SDI_BENCH_CPU, String((u.user + u.system) / 1000)); });`;
let reporter;
let cpuFile;

let outFile;

/**
 * Runs node with args: wall time and the child's own CPU time (the machine may be shared: CPU time is
 * steadier). Standard output goes to a file, as `sdi-feedback --report --json DIR > report.json` in a
 * hiring repository's CI, and is read back untimed; with `pipe`, into this process's pipe instead,
 * where the time includes this process collecting and decoding the output after the child ends.
 */
function timed(args, { pipe = false } = {}) {
  const options = { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, SDI_BENCH_CPU: cpuFile } };
  const fd = pipe ? undefined : openSync(outFile, 'w');
  if (fd !== undefined) options.stdio = ['ignore', fd, 'pipe'];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', reporter, ...args], options);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (fd !== undefined) {
    closeSync(fd);
    r.stdout = readFileSync(outFile, 'utf8');
  }
  const cpu = Number(readFileSync(cpuFile, 'utf8'));
  return { ms, cpu, r };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the benchmark, prints the figures and returns them. */
export async function run({ log = console.log, sizes = [1000, 10000, 50000], reps = 3 } = {}) {
  if (!existsSync(BUILT)) throw new Error('dist/cli.js is missing: run `node esbuild.mjs` first');
  const template = readFileSync(join(ROOT, 'content', 'feedback-template.md'), 'utf8');
  const tools = mkdtempSync(join(tmpdir(), 'sdi-calibration-bench-'));
  reporter = join(tools, 'cpu.cjs');
  cpuFile = join(tools, 'cpu.txt');
  outFile = join(tools, 'out.json');
  writeFileSync(reporter, CPU_REPORTER);
  mkdirSync(join(tools, 'package', 'dist'), { recursive: true });
  // The built-in guide's snapshot ships beside cli.js: without it the CLI validates content/ at start
  // (about 35 ms), which an installed copy never does.
  for (const f of ['cli.js', 'cli-kits.js', 'builtin-kit.json']) copyFileSync(join(ROOT, 'dist', f), join(tools, 'package', 'dist', f));
  cpSync(join(ROOT, 'content'), join(tools, 'package', 'content'), { recursive: true });
  CLI = join(tools, 'package', 'dist', 'cli.js');
  const results = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), `sdi-calibration-${size}-`));
    try {
      const g0 = Date.now();
      const { written, invalid } = generate(dir, size, template);
      const genMs = Date.now() - g0;
      // One untimed pass of each warms the file cache alike.
      timed(['-e', FLOOR, dir]);
      const check = timed([CLI, '--report', '--json', dir]);
      const report = JSON.parse(check.r.stdout);
      const floors = [];
      const reports = [];
      const ratios = [];
      const floorsCpu = [];
      const reportsCpu = [];
      const ratiosCpu = [];
      const piped = [];
      const ratiosPiped = [];
      for (let i = 0; i < reps; i++) {
        const f = timed(['-e', FLOOR, dir]);
        const c = timed([CLI, '--report', '--json', dir]);
        const p = timed([CLI, '--report', '--json', dir], { pipe: true });
        for (const x of [c, p]) if (x.r.status !== check.r.status || x.r.stdout !== check.r.stdout) throw new Error(`the report run differs from the first one (exit ${x.r.status}): ${x.r.stderr.slice(0, 500)}`);
        piped.push(p.ms);
        ratiosPiped.push(p.ms / f.ms);
        floors.push(f.ms);
        reports.push(c.ms);
        ratios.push(c.ms / f.ms);
        floorsCpu.push(f.cpu);
        reportsCpu.push(c.cpu);
        ratiosCpu.push(c.cpu / f.cpu);
      }
      const res = {
        size, written, invalid,
        floor: median(floors), report: median(reports), ratio: median(ratios),
        floorCpu: median(floorsCpu), reportCpu: median(reportsCpu), ratioCpu: median(ratiosCpu),
        piped: median(piped), ratioPiped: median(ratiosPiped),
        rows: report.rows.length, unreadable: report.unreadable.length, exit: check.r.status, alpha: report.agreement.alphaOrdinal,
      };
      results.push(res);
      log(
        `${String(size).padStart(6)} files (${invalid} invalid, generated in ${genMs} ms; ${res.rows} rows, ${res.unreadable} unreadable, exit ${res.exit}, ` +
          `${report.interviewers.length} interviewers, ${report.candidates} candidates, alpha ${res.alpha})\n` +
          `        wall: read floor ${res.floor.toFixed(0)} ms, report --json > file ${res.report.toFixed(0)} ms, ratio ${res.ratio.toFixed(2)}x (goal ≤ ${GOAL}x) ${res.ratio <= GOAL ? 'ok' : 'OVER'}; ${(res.report / size * 1000).toFixed(0)} µs/file\n` +
          `        into this process's pipe (its collecting and decoding ${(check.r.stdout.length / 1e6).toFixed(1)} MB included): ${res.piped.toFixed(0)} ms, ratio ${res.ratioPiped.toFixed(2)}x\n` +
          `        cpu:  read floor ${res.floorCpu.toFixed(0)} ms, report --json ${res.reportCpu.toFixed(0)} ms, ratio ${res.ratioCpu.toFixed(2)}x (goal ≤ ${GOAL}x) ${res.ratioCpu <= GOAL ? 'ok' : 'OVER'}; ${(res.reportCpu / size * 1000).toFixed(0)} µs/file`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  for (let i = 1; i < results.length; i++) {
    const a = results[i - 1];
    const b = results[i];
    log(`growth ${a.size} -> ${b.size} files (x${(b.size / a.size).toFixed(0)}): report x${(b.report / a.report).toFixed(2)} wall, x${(b.reportCpu / a.reportCpu).toFixed(2)} cpu; floor x${(b.floor / a.floor).toFixed(2)} wall, x${(b.floorCpu / a.floorCpu).toFixed(2)} cpu`);
  }
  rmSync(tools, { recursive: true, force: true });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await run({ sizes: process.argv.slice(2).map(Number).filter(Boolean).length ? process.argv.slice(2).map(Number) : undefined });
