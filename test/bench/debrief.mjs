// Benchmark of `sdi-feedback --debrief --json` (issue 21) against `--report --json` over the same
// generated hiring repository of 10,000 feedback files (the calibration benchmark's generator), in
// the same run, alternately: each file also gets a notes section with tagged notes (the debrief
// reads them; the report does not), and one candidate in ten a loop file. Prints the medians of wall
// and CPU time and their ratio (goal: the debrief within 1.2x the report). Needs a build
// (`node esbuild.mjs`: dist/cli.js). Not a timed test.
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './calibration.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GOAL = 1.2;
const NOTES = `
## Interview Notes
### Requirements
- [02:10] asked about read/write ratio first #comm
### High-Level Design
- [11:40] clean split of write and read paths +arch
### Deep Dive
- [24:05] sharded by user id, no plan for hot keys -scale +dist
- [31:30] retries without idempotency keys -prod
`;
const PROBLEMS = ['global-social-media-feed', 'distributed-payment-processing', 'real-time-analytics-platform'];
const FOCUS = '[technical-architecture, scalability-performance, distributed-systems-knowledge, production-readiness, communication-leadership]';

/** Adds the notes to every feedback file, and a loop file for one candidate in ten (its panel and day read back from its files). */
export function decorate(dir) {
  const panels = new Map();
  for (const month of readdirSync(dir, { withFileTypes: true })) {
    if (!month.isDirectory()) continue;
    for (const f of readdirSync(join(dir, month.name))) {
      const file = join(dir, month.name, f);
      appendFileSync(file, NOTES);
      const c = /^candidate-(\d+)-/.exec(f)?.[1];
      if (c === undefined || Number(c) % 10) continue;
      const text = readFileSync(file, 'utf8');
      const who = /\*\*Interviewer:\*\* (.*)/.exec(text)[1];
      const date = /\*\*Date:\*\* (.*)/.exec(text)[1];
      const name = /\*\*Candidate:\*\* (.*)/.exec(text)[1];
      const p = panels.get(c) ?? { name, date, interviewers: [] };
      p.interviewers.push(who);
      panels.set(c, p);
    }
  }
  mkdirSync(join(dir, 'loops'));
  for (const [c, p] of panels) {
    const interviews = p.interviewers.map((who, i) => `  - interviewer: ${who}\n    problem: ${PROBLEMS[i % 3]}\n    focus: ${FOCUS}\n`).join('');
    writeFileSync(join(dir, 'loops', `${c}.loop.yaml`), `candidate: ${p.name}\ndate: ${p.date}\ninterviews:\n${interviews}`);
  }
  return panels.size;
}

const CPU_REPORTER = `process.on('exit', () => { const u = process.cpuUsage(); require('fs').writeFileSync(process.env.SDI_BENCH_CPU, String((u.user + u.system) / 1000)); });`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs the benchmark, prints the figures and returns them. */
export async function run({ log = console.log, size = 10000, reps = 3 } = {}) {
  const tools = mkdtempSync(join(tmpdir(), 'sdi-debrief-bench-'));
  const reporter = join(tools, 'cpu.cjs');
  const cpuFile = join(tools, 'cpu.txt');
  const outFile = join(tools, 'out.json');
  writeFileSync(reporter, CPU_REPORTER);
  // The CLI as installed (dist/ with the built-in guide's snapshot, content/ beside it), so a rebuild during the run cannot pull it away.
  mkdirSync(join(tools, 'package', 'dist'), { recursive: true });
  for (const f of ['cli.js', 'cli-kits.js', 'builtin-kit.json']) copyFileSync(join(ROOT, 'dist', f), join(tools, 'package', 'dist', f));
  cpSync(join(ROOT, 'content'), join(tools, 'package', 'content'), { recursive: true });
  const cli = join(tools, 'package', 'dist', 'cli.js');
  const dir = join(tools, 'repo');
  mkdirSync(dir);
  try {
    const { written } = generate(dir, size, readFileSync(join(ROOT, 'content', 'feedback-template.md'), 'utf8'));
    const loops = decorate(dir);
    /** Runs the CLI with its JSON written to a file (as `> debrief.json` in CI): wall and CPU time. */
    const timed = (mode) => {
      const fd = openSync(outFile, 'w');
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, ['--require', reporter, cli, mode, '--json', dir], { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, SDI_BENCH_CPU: cpuFile } });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      closeSync(fd);
      return { ms, cpu: Number(readFileSync(cpuFile, 'utf8')), status: r.status };
    };
    // One untimed pass of each warms the file cache alike.
    timed('--report');
    const first = timed('--debrief');
    const out = JSON.parse(readFileSync(outFile, 'utf8'));
    const report = { ms: [], cpu: [] };
    const debrief = { ms: [], cpu: [] };
    const ratios = { ms: [], cpu: [] };
    for (let i = 0; i < reps; i++) {
      const r = timed('--report');
      const d = timed('--debrief');
      report.ms.push(r.ms);
      report.cpu.push(r.cpu);
      debrief.ms.push(d.ms);
      debrief.cpu.push(d.cpu);
      ratios.ms.push(d.ms / r.ms);
      ratios.cpu.push(d.cpu / r.cpu);
    }
    const res = { size: written, loops, candidates: out.candidates.length, exit: first.status, report: median(report.ms), debrief: median(debrief.ms), ratio: median(ratios.ms), reportCpu: median(report.cpu), debriefCpu: median(debrief.cpu), ratioCpu: median(ratios.cpu) };
    log(
      `${written} feedback files with notes, ${loops} loops: ${res.candidates} candidates, exit ${res.exit}\n` +
        `        wall: report --json ${res.report.toFixed(0)} ms, debrief --json ${res.debrief.toFixed(0)} ms, ratio ${res.ratio.toFixed(2)}x (goal ≤ ${GOAL}x) ${res.ratio <= GOAL ? 'ok' : 'OVER'}\n` +
        `        cpu:  report --json ${res.reportCpu.toFixed(0)} ms, debrief --json ${res.debriefCpu.toFixed(0)} ms, ratio ${res.ratioCpu.toFixed(2)}x (goal ≤ ${GOAL}x) ${res.ratioCpu <= GOAL ? 'ok' : 'OVER'}`,
    );
    return res;
  } finally {
    rmSync(tools, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run({ size: Number(process.argv[2]) || undefined });
