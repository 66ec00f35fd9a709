// Benchmark of the kit core: generated kits of 50, 500 and 2,000 problems (each with two Mermaid
// diagrams, deep dives, follow-ups and signals) on disk; times loading (read, YAML, zod, cross-checks),
// the kit's tree and the search index, then Find queries over the 500-problem bank.
// Goals (issue 7): 500 problems loaded + tree + index under 300 ms; a query under 10 ms; linear growth.
// `node test/bench/kits.mjs`, or through `npm run bench`. Not a timed test.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const SIZES = [50, 500, 2000];
const GOAL_LOAD_MS = 300;
const GOAL_QUERY_MS = 10;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Bundles the kit core (loader, fs reader, search, tree) into out/bench/kits-core.js. */
async function core() {
  const entry = join(ROOT, 'out', 'bench', 'kits-entry.ts');
  mkdirSync(dirname(entry), { recursive: true });
  writeFileSync(entry, [
    "export { loadBuiltInKitFolder, loadKitFolder } from '../../src/node/fsKitReader';",
    "export { buildSearchIndex, searchIndex, problemSearchDocs } from '../../src/core/search';",
    "export * as guideTree from '../../src/core/guideTree';",
  ].join('\n'));
  const outfile = join(ROOT, 'out', 'bench', 'kits-core.js');
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent', minify: true });
  return require(outfile);
}

const WORDS = ['cache', 'queue', 'shard', 'replica', 'consensus', 'ledger', 'stream', 'index', 'gateway', 'quota', 'tenant', 'webhook', 'scheduler', 'search', 'feed', 'inbox', 'payment', 'upload', 'metrics', 'chat'];
const word = (i, k) => WORDS[(i * 7 + k * 13) % WORDS.length];

/** One problem file, about 3 KB, shaped like the example kit's. */
function problem(i) {
  const a = word(i, 1);
  const b = word(i, 2);
  const c = word(i, 3);
  return `---
id: gen-${i}
title: Design a ${a} ${b} service ${i}
category: ${['traffic-and-reliability', 'collaboration-and-state', 'data-pipelines'][i % 3]}
levels: [${['mid, senior', 'senior, staff', 'senior'][i % 3]}]
tags: [${a}, ${b}, ${c}, gen${i % 50}]
statement: >-
  Design the ${a} ${b} behind Acme's product ${i}: ${1000 + i} requests per second at peak, three
  regions, strict ${c} guarantees for paying tenants and a budget the finance team signs off.
deepDives:
  - title: ${a} partitioning
    minutes: 6
    points:
      - How ${a} keys are chosen and what happens to hot keys
      - Rebalancing without downtime
  - title: ${b} consistency
    minutes: 6
    points:
      - Read-your-writes for the ${b} path
      - What is allowed to be stale and for how long
  - title: Failure handling
    minutes: 5
    points:
      - Degraded mode when the ${c} store is down
      - Retries, idempotency keys and dead letters
followUps:
  - How would you migrate the existing ${a} data?
  - What would you monitor first?
signals:
  architecture:
    strong:
      - Separates the ${a} write path from the ${b} read path and explains why
    weak:
      - One database for everything without discussing load
  scalability:
    strong:
      - Sizes the ${c} tier with numbers
  reliability:
    weak:
      - Assumes the ${c} store never fails
---

# Design a ${a} ${b} service ${i}

Problem ${i} of the generated bank: a ${a} system with a ${b} component and ${c} constraints.

\`\`\`mermaid
flowchart LR
    C[Client] --> G[Gateway]
    G --> S[${a} service]
    S --> Q[(${b} store)]
    S --> K[(${c} cache)]
\`\`\`

## Write path

\`\`\`mermaid
sequenceDiagram
    participant C as Client
    participant S as ${a} service
    participant D as ${b} store
    C->>S: write
    S->>D: append
    D-->>S: ack
    S-->>C: 201 Created
\`\`\`

${`The candidate should discuss ${a}, ${b} and ${c} trade-offs with numbers. `.repeat(6)}
`;
}

function generate(base, n) {
  const dir = join(base, `kit-${n}`);
  mkdirSync(join(dir, 'problems'), { recursive: true });
  for (const f of ['kit.yaml', 'rubric.yaml']) writeFileSync(join(dir, f), readFileSync(join(ROOT, 'examples', 'kit', f)));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, 'problems', `gen-${i}.md`), problem(i));
  return dir;
}

const QUERIES = ['cache', 'shard gateway', 'design queue', 'consensus', 'staff', 'gen7', 'replcia', 'payment service 123', 'idempotency', 'partitioning hot keys', 'tenant quota', 'traffic reliability', 'acme', 'webhook scheduler', 'x'];

/** Runs the benchmark, prints the figures and returns them. */
export async function run({ log = console.log } = {}) {
  const m = await core();
  const builtIn = m.loadBuiltInKitFolder(join(ROOT, 'content'));
  const buildTree = typeof m.guideTree.buildKitTree === 'function' ? m.guideTree.buildKitTree : undefined;
  const base = mkdtempSync(join(tmpdir(), 'sdi-kits-bench-'));
  const results = {};
  try {
    for (const n of SIZES) {
      const dir = generate(base, n);
      const runs = n >= 2000 ? 3 : n <= 50 ? 15 : 5;
      const load = [];
      const tree = [];
      const index = [];
      const cpu = [];
      let kit;
      let idx;
      m.loadKitFolder(dir, builtIn); // warm-up (file cache, JIT)
      for (let r = 0; r < runs; r++) {
        const c0 = process.cpuUsage();
        let t = performance.now();
        kit = m.loadKitFolder(dir, builtIn);
        load.push(performance.now() - t);
        t = performance.now();
        if (buildTree) buildTree(kit);
        const docs = m.problemSearchDocs(kit);
        tree.push(performance.now() - t);
        t = performance.now();
        idx = m.buildSearchIndex(docs);
        index.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      if (kit.problems.length !== n || kit.issues.length) throw new Error(`kit-${n}: ${kit.problems.length} problems, ${kit.issues.length} issues: ${kit.issues.slice(0, 3).map((i) => i.message).join('; ')}`);
      const total = median(load) + median(tree) + median(index);
      // Find: each query repeatedly, median microseconds per query.
      const per = [];
      for (const q of QUERIES) {
        m.searchIndex(idx, q, 50);
        const reps = 30;
        const t = performance.now();
        for (let k = 0; k < reps; k++) m.searchIndex(idx, q, 50);
        per.push(((performance.now() - t) / reps) * 1000);
      }
      results[n] = { problems: n, loadMs: median(load), treeMs: median(tree), indexMs: median(index), totalMs: total, cpuMs: median(cpu), microsPerProblem: (total * 1000) / n, queryMedianMicros: median(per), queryMaxMicros: Math.max(...per) };
    }
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
  const f = (x, d = 1) => x.toFixed(d);
  log(`kit load + ${buildTree ? 'tree' : 'search docs'} + search index, generated kits (medians; each problem ~3 KB with 2 Mermaid diagrams)`);
  log(`  (wall-clock times; the process's CPU time beside them shows how much a busy machine inflates the wall clock)`);
  for (const r of Object.values(results)) {
    log(`  ${String(r.problems).padStart(5)} problems: load ${f(r.loadMs)} ms, tree ${f(r.treeMs)} ms, index ${f(r.indexMs)} ms = ${f(r.totalMs)} ms (${f(r.microsPerProblem, 0)} µs/problem; CPU time ${f(r.cpuMs)} ms); find: median ${f(r.queryMedianMicros, 0)} µs/query, slowest ${f(r.queryMaxMicros, 0)} µs`);
  }
  const g1 = results[500].microsPerProblem / results[50].microsPerProblem;
  const g2 = results[2000].microsPerProblem / results[500].microsPerProblem;
  log(`  growth: total 50 -> 500 is ${f(results[500].totalMs / results[50].totalMs, 1)}x for 10x the problems, 500 -> 2,000 is ${f(results[2000].totalMs / results[500].totalMs, 1)}x for 4x (time per problem ratios ${f(g1, 2)} and ${f(g2, 2)}; 1.0 = linear)`);
  log(`  growth in CPU time: 50 -> 500 is ${f(results[500].cpuMs / results[50].cpuMs, 1)}x for 10x the problems, 500 -> 2,000 is ${f(results[2000].cpuMs / results[500].cpuMs, 1)}x for 4x`);
  const loadOk = results[500].totalMs < GOAL_LOAD_MS;
  const queryOk = results[500].queryMaxMicros < GOAL_QUERY_MS * 1000;
  log(`  goals: 500 problems under ${GOAL_LOAD_MS} ms: ${loadOk ? 'met' : 'NOT met'}; find under ${GOAL_QUERY_MS} ms a query: ${queryOk ? 'met' : 'NOT met'}`);
  return { results, perProblemGrowth: [g1, g2], goalLoadMet: loadOk, goalQueryMet: queryOk };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((e) => {
    console.error(String(e?.stack ?? e));
    process.exitCode = 1;
  });
}
