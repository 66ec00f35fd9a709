// Benchmark of the feedback checker against markdownlint (the reference Markdown linter), in one run,
// on the filled template and on a ~3,900-line document of 50 filled templates with notes.
// Prints microseconds per validation, the ratios, and the time per line at both sizes (linearity).
// Each call gets another document (a ring of variants: other names, dates, scores and notes), so no
// cache can answer from a previous identical input; and the first validation in a fresh process is
// timed apart (cold: modules, regular expressions and the JIT not yet warm). Needs a build (`node esbuild.mjs`, which bundles the core into out/bench/). Not a timed test.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lint } from 'markdownlint/sync';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const GOAL = 200;
/** The save path's goal, as a ratio to finding the document's line breaks (see `savePath`). */
const SAVE_GOAL = 5;

function load() {
  const core = join(ROOT, 'out', 'bench', 'feedback-core.js');
  if (!existsSync(core)) throw new Error('out/bench/feedback-core.js is missing: run `node esbuild.mjs` first');
  const { validateFeedback, weightedScoreEditsForSave, compileRubric } = require(core);
  const { loadContent } = require(join(ROOT, 'out', 'bench', 'content.js'));
  const content = loadContent((f) => readFileSync(join(ROOT, 'content', f), 'utf8'));
  return { validateFeedback, weightedScoreEditsForSave, compileRubric, content };
}

/** The template filled as an interviewer would: fields, scores, weighted score, boxes, and a sentence of notes per placeholder. */
function filled(template, i, variant = 0) {
  const scores = [[3, 3, 4, 3, 3, '3.20', 'Hire'], [4, 4, 3, 4, 3, '3.70', 'Strong Hire'], [2, 3, 2, 2, 3, '2.35', 'No Hire']][(i + variant) % 3];
  let k = 0;
  return template
    .replace('[Name]', `Candidate ${i + 1}-${variant}`)
    .replace('[Your Name]', 'Grace Hopper')
    .replace('[Date]', `2024-03-${String((i % 28) + 1).padStart(2, '0')}`)
    .replace('[Problem Title]', 'Design a URL Shortener')
    .replace('[Years]', String(6 + (i % 10)))
    .replace(/\[\d+-\d+\]/g, () => String(scores[k++]))
    .replace('[Score]', scores[5])
    .replace(`- [ ] ${scores[6]} -`, `- [x] ${scores[6]} -`)
    .replace('- [ ] Some production experience', '- [x] Some production experience')
    .replace('- [ ] Good collaborator', '- [x] Good collaborator')
    .replace('- [ ] Senior IC with complex', '- [x] Senior IC with complex')
    .replace(/\[([A-Z][^\]\n]{6,})\]/g, (_, p) => `Notes on ${p.toLowerCase()} (${variant}): the candidate sharded by key range, then discussed hot keys, replication lag and a cache-aside layer with explicit TTLs.`);
}

/** How many variants of each document the calls cycle through. */
const VARIANTS = 32;

/** A function that gives the next of `items` on each call, round and round. */
function ring(items) {
  let i = 0;
  return () => items[i++ % items.length];
}

/**
 * The first validation in a new process, in microseconds: loading the core (the bundle's require)
 * and then validating the filled template once, each timed.
 */
function cold() {
  const script = `
    const t0 = process.hrtime.bigint();
    const { validateFeedback, compileRubric } = require(${JSON.stringify(join(ROOT, 'out', 'bench', 'feedback-core.js'))});
    const { loadContent } = require(${JSON.stringify(join(ROOT, 'out', 'bench', 'content.js'))});
    const fs = require('fs');
    const content = loadContent((f) => fs.readFileSync(${JSON.stringify(join(ROOT, 'content'))} + '/' + f, 'utf8'));
    const t1 = process.hrtime.bigint();
    const rubric = compileRubric(content.rubric);
    const text = fs.readFileSync(0, 'utf8');
    const t2 = process.hrtime.bigint();
    validateFeedback(text, rubric);
    const t3 = process.hrtime.bigint();
    console.log(JSON.stringify({ load: Number(t1 - t0) / 1e3, first: Number(t3 - t2) / 1e3 }));`;
  return script;
}

/** Microseconds per call of fn, over one batch that lasts about `ms`. */
function batch(fn, ms) {
  let n = 0;
  const t0 = process.hrtime.bigint();
  let t;
  do {
    fn();
    n++;
    t = process.hrtime.bigint();
  } while (Number(t - t0) < ms * 1e6);
  return Number(t - t0) / 1e3 / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Times two functions in alternating batches, so that a busy machine slows both alike:
 * the median time of each, and the median of the per-pair ratios b/a.
 */
function compare(a, b, msA, msB, pairs) {
  batch(a, msA / 2);
  batch(b, msB / 2);
  const ta = [];
  const tb = [];
  const ratios = [];
  for (let p = 0; p < pairs; p++) {
    const x = batch(a, msA);
    const y = batch(b, msB);
    ta.push(x);
    tb.push(y);
    ratios.push(y / x);
  }
  return { a: median(ta), b: median(tb), ratio: median(ratios) };
}

/** Runs the benchmark, prints the figures and returns them. */
export async function run({ log = console.log } = {}) {
  const { validateFeedback, weightedScoreEditsForSave, compileRubric, content } = load();
  // The editor and the CLI compile a rubric once and validate with it; so does the bench.
  const rubric = compileRubric(content.rubric);
  const variants = (make) => Array.from({ length: VARIANTS }, (_, v) => make(v));
  const docs = {
    template: variants((v) => filled(content.feedbackTemplate, 0, v)),
    large: variants((v) => Array.from({ length: 50 }, (_, i) => filled(content.feedbackTemplate, i, v)).join('\n')),
  };
  const results = {};
  for (const [name, texts] of Object.entries(docs)) {
    const lines = texts[0].split('\n').length;
    let v;
    for (const text of texts) {
      v = validateFeedback(text, rubric);
      if (v.diagnostics.some((d) => d.severity === 'error')) throw new Error(`the ${name} document has errors: ${v.diagnostics.map((d) => d.code).join(', ')}`);
    }
    const large = name === 'large';
    const ours = ring(texts);
    const theirs = ring(texts);
    const { a: ourMicros, b: mdl, ratio } = compare(() => validateFeedback(ours(), rubric), () => lint({ strings: { [name]: theirs() } }), 100, large ? 500 : 150, large ? 5 : 7);
    results[name] = {
      lines,
      feedbacks: v.feedbacks.length,
      validateMicros: ourMicros,
      markdownlintMicros: mdl,
      ratio,
      validateNanosPerLine: (ourMicros * 1000) / lines,
      markdownlintNanosPerLine: (mdl * 1000) / lines,
    };
  }
  // Cold: a fresh process per sample, the filled template validated once.
  const colds = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['-e', cold()], { input: docs.template[i], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the cold validation failed:\n${r.stderr}`);
    colds.push(JSON.parse(r.stdout));
  }
  results.cold = { loadMicros: median(colds.map((c) => c.load)), firstValidateMicros: median(colds.map((c) => c.first)) };
  // The save path: a 5 MB feedback (the template with a long transcript, its weighted score stale)
  // saved with no analysis at hand, against finding every line break of the same text (the floor: a
  // save must at least look at every line to find the scores blocks).
  const saveDocs = variants((v) => {
    const head = filled(content.feedbackTemplate, 0, v).replace(/(\*\*Weighted Score:\*\*) [0-9.]+/, '$1 1.00');
    const line = `- [00:${String(v % 60).padStart(2, '0')}] the candidate walked through sharding, hot keys and replication lag (${v})`;
    return `${head}\n### Transcript\n${Array.from({ length: Math.ceil(5e6 / line.length) }, () => line).join('\n')}\n`;
  });
  if (weightedScoreEditsForSave(saveDocs[0], rubric).length !== 1) throw new Error('the save path found no stale weighted score to write');
  const mine = ring(saveDocs);
  const floorText = ring(saveDocs);
  const lineBreaks = (text) => {
    let n = 0;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    return n;
  };
  const save = compare(() => lineBreaks(floorText()), () => weightedScoreEditsForSave(mine(), rubric), 400, 1000, 5);
  results.savePath = { bytes: saveDocs[0].length, floorMicros: save.a, saveMicros: save.b, ratio: save.ratio };
  const growth = results.large.validateNanosPerLine / results.template.validateNanosPerLine;
  const ok = results.template.ratio >= GOAL && results.large.ratio >= GOAL;
  const f = (x, d = 1) => x.toFixed(d);
  log('feedback checker vs markdownlint (same run, alternating batches; medians)');
  for (const [name, r] of Object.entries(results)) {
    if (name === 'cold' || name === 'savePath') continue;
    log(`  ${name.padEnd(8)} ${String(r.lines).padStart(5)} lines: validate ${f(r.validateMicros)} µs, markdownlint ${f(r.markdownlintMicros)} µs -> ${f(r.ratio, 0)}x faster; per line ${f(r.validateNanosPerLine)} ns vs ${f(r.markdownlintNanosPerLine)} ns`);
  }
  log(`  cold (a new process, 5 samples, medians): loading the core and content ${f(results.cold.loadMicros / 1000)} ms, then the first validation of the template ${f(results.cold.firstValidateMicros / 1000, 2)} ms (warm: ${f(results.template.validateMicros / 1000, 3)} ms)`);
  log(`  save path (weighted score only) on a ${f(results.savePath.bytes / 1e6)} MB feedback: ${f(results.savePath.saveMicros / 1000)} ms, against ${f(results.savePath.floorMicros / 1000)} ms to find its line breaks (floor) -> ${f(results.savePath.ratio, 2)}x the floor (goal <= ${SAVE_GOAL}x: ${results.savePath.ratio <= SAVE_GOAL ? 'met' : 'NOT met'})`);
  log(`  linearity: time per line at ${results.large.lines} lines is ${f(growth, 2)}x that at ${results.template.lines} lines (1.0 = linear)`);
  log(`  goal >= ${GOAL}x on both: ${ok ? 'met' : 'NOT met'}`);
  return { ...results, perLineGrowth: growth, goal: GOAL, goalMet: ok };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run().catch((e) => {
    console.error(String(e?.stack ?? e));
    process.exitCode = 1;
  });
}
