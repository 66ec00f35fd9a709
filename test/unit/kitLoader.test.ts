import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadKit, problemMarkdown, problemKey, contentIssue, KIT_LIMITS } from '../../src/core/kit/loader';
import type { KitIssue, LoadedKit } from '../../src/core/kit/types';
import { loadKitFolder } from '../../src/node/fsKitReader';
import { mermaidFences } from '../../src/core/renderMarkdown';
import { checkRubric } from '../../src/core/rubric';
import { builtInKit, EXAMPLE_KIT, exampleFiles, lineOf, loadExample, memoryReader, replaceIn, ROOT } from '../fixtures/kits/memoryKit';

const errors = (k: LoadedKit) => k.issues.filter((i) => i.severity === 'error');
const show = (issues: KitIssue[]) => issues.map((i) => `${i.file}:${i.range ? i.range.start.line + 1 : '-'}: ${i.message}`).join('\n');
/** The one issue with this code, failing when there is not exactly one. */
function only(k: LoadedKit, code: KitIssue['code']): KitIssue {
  const found = k.issues.filter((i) => i.code === code);
  assert.strictEqual(found.length, 1, `want one ${code}, got:\n${show(k.issues)}`);
  return found[0];
}

describe('kit loader', () => {
  describe('the example kit (examples/kit)', () => {
    let kit: LoadedKit;
    before(() => { kit = loadKitFolder(EXAMPLE_KIT, builtInKit()); });

    it('loads without any issue', () => {
      assert.deepStrictEqual(kit.issues, [], show(kit.issues));
      assert.strictEqual(kit.ok, true);
      assert.strictEqual(kit.id, 'acme-backend');
      assert.strictEqual(kit.name, 'Acme Backend Interview Kit');
      assert.strictEqual(kit.builtIn, false);
      assert.strictEqual(kit.includeBuiltIn, true);
    });

    it('has a 45-minute plan with one deep-dive phase', () => {
      const minutes = kit.phases.phases.reduce((s, p) => s + p.minutes, 0);
      assert.strictEqual(minutes, 45);
      assert.strictEqual(kit.phases.phases.filter((p) => p.deepDive).length, 1);
      assert.ok(kit.phases.phases.length >= 4 && kit.phases.phases.length <= 5);
    });

    it('has a 1-5 rubric with six dimensions summing to 100 and three bands, each level described', () => {
      const r = kit.rubric!.rubric;
      assert.deepStrictEqual(r.scale, { min: 1, max: 5 });
      assert.strictEqual(r.dimensions.length, 6);
      assert.strictEqual(r.dimensions.reduce((s, d) => s + d.weight, 0), 100);
      assert.strictEqual(r.bands.length, 3);
      assert.deepStrictEqual(checkRubric(r), []);
      for (const d of r.dimensions) assert.deepStrictEqual(d.levels.map((l) => l.score).sort(), [1, 2, 3, 4, 5]);
      assert.strictEqual(r.recommendations.length, 3);
      assert.strictEqual(kit.rubric!.version, '2.1');
      assert.strictEqual(kit.rubric!.file, 'rubric.yaml');
      assert.match(kit.rubric!.fingerprint, /^[0-9a-f]{8}$/);
    });

    it('has its own problems (not the guide\'s), each with diagrams, deep dives fitting the deep-dive phase and signals on rubric dimensions', () => {
      const deepDive = kit.phases.phases.find((p) => p.deepDive)!;
      const dims = new Set(kit.rubric!.rubric.dimensions.map((d) => d.id));
      const guideIds = new Set(builtInKit().problems.map((p) => p.id));
      assert.ok(kit.problems.length >= 2);
      assert.deepStrictEqual(kit.problems.map((p) => p.title).sort(), ['Design a Collaborative Document Editor', 'Design a Rate Limiter']);
      for (const p of kit.problems) {
        assert.ok(!guideIds.has(p.id));
        assert.ok(p.levels.length && p.tags.length && p.followUps.length, p.id);
        assert.ok(p.deepDives.reduce((s, d) => s + d.minutes, 0) <= deepDive.minutes, p.id);
        assert.ok(Object.keys(p.signals).length && Object.keys(p.signals).every((d) => dims.has(d)), p.id);
        assert.ok(mermaidFences(p.body ?? '').length >= 1, `${p.id} has no diagram`);
        assert.strictEqual(p.file, `problems/${p.id}.md`);
        assert.ok(kit.categories.some((c) => c.id === p.category));
      }
      assert.deepStrictEqual(kit.problems.find((p) => p.id === 'rate-limiter')!.levels, ['mid', 'senior']);
      assert.deepStrictEqual(kit.problems.find((p) => p.id === 'collaborative-editor')!.levels, ['senior', 'staff']);
    });

    it('keeps the body\'s first line, so diagram errors can be located in the file', () => {
      const p = kit.problems.find((x) => x.id === 'rate-limiter')!;
      const text = fs.readFileSync(path.join(EXAMPLE_KIT, p.file!), 'utf8');
      const fileLines = text.split('\n');
      const block = mermaidFences(p.body!)[0];
      assert.match(fileLines[p.bodyLine! + block.line], /^```mermaid/);
    });

    it('generates its feedback template from the rubric (no feedback-template.md)', () => {
      assert.strictEqual(kit.feedbackTemplateFile, '');
      const r = kit.rubric!.rubric;
      for (const d of r.dimensions) assert.ok(kit.feedbackTemplate.includes(`- ${d.name} (${d.weight}%): [1-5] / 5`), d.name);
      for (const rec of r.recommendations) assert.ok(kit.feedbackTemplate.includes(`- [ ] ${rec.text}`), rec.text);
    });

    it('shows a problem in the panel with statement, levels, tags, body, deep dives, follow-ups and signals by dimension name', () => {
      const p = kit.problems.find((x) => x.id === 'rate-limiter')!;
      const md = problemMarkdown(kit, p);
      assert.match(md, /^# Design a Rate Limiter\n/);
      assert.strictEqual((md.match(/^# /gm) ?? []).length, 1, 'one title');
      assert.ok(md.includes('**Levels:** mid, senior'));
      assert.ok(md.includes('**Tags:** rate-limiting'));
      assert.ok(md.includes('**Category:** Traffic & Reliability'));
      assert.ok(md.includes(`> ${p.statement.slice(0, 40)}`));
      assert.ok(md.includes('## Deep Dives (17 minutes)'));
      assert.ok(md.includes('**1. Counting Algorithms (7 minutes)**'));
      assert.ok(md.includes('- How do limits change without a deploy?'));
      assert.ok(md.includes('### Reliability & Operations (15%)'));
      assert.ok(md.includes('- Never considers the counter store failing'));
      assert.strictEqual(mermaidFences(md).length, 2);
    });

    it('keys its problems by kit, the built-in ones by their own id', () => {
      assert.strictEqual(problemKey(kit, 'rate-limiter'), 'acme-backend/rate-limiter');
      assert.strictEqual(problemKey(builtInKit(), 'global-social-media-feed'), 'global-social-media-feed');
    });
  });

  describe('the built-in guide through the same loader', () => {
    it('loads content/ as the kit "builtin", nothing of the guide lost', () => {
      const b = builtInKit();
      assert.strictEqual(b.id, 'builtin');
      assert.strictEqual(b.builtIn, true);
      assert.deepStrictEqual(b.issues, []);
      assert.strictEqual(b.problems.length, 3);
      assert.strictEqual(b.categories.length, 4);
      assert.deepStrictEqual(b.rubric!.rubric.dimensions.map((d) => d.weight), [30, 25, 20, 15, 10]);
      assert.strictEqual(b.rubric!.version, '1');
      assert.strictEqual(b.rubric!.file, 'rubric.json');
      assert.strictEqual(b.feedbackTemplate, fs.readFileSync(path.join(ROOT, 'content', 'feedback-template.md'), 'utf8'));
      assert.strictEqual(b.feedbackTemplateFile, 'feedback-template.md');
      assert.ok(b.guide && b.outline);
      // a built-in problem shows its guide section
      const p = b.problems[0];
      assert.strictEqual(problemMarkdown(b, p), b.guide.section(p.section!)!.markdown);
    });

    it('locates a problem of problems.json in its JSON', () => {
      const text = fs.readFileSync(path.join(ROOT, 'content', 'problems.json'), 'utf8').replace('"category": "high-scale-web-services",\n', '"category": "nope",\n');
      const k = loadKit(memoryReader({ ...folderOfContent(), 'problems.json': text }), { isBuiltIn: true });
      const i = only(k, 'kit-unknown-category');
      assert.strictEqual(i.file, 'problems.json');
      assert.strictEqual(i.path, 'problems[0].category');
      assert.strictEqual(i.range!.start.line, lineOf(text, '"category": "nope"'));
      assert.deepStrictEqual(contentIssue(i), { file: 'problems.json', field: 'problems[0].category', message: 'names no category: "nope"' });
    });
  });

  describe('located diagnostics', () => {
    it('weights summing to 95: on rubric.yaml at the dimensions node, the path in the message; the rubric is not used', () => {
      const files = exampleFiles((f) => { f['rubric.yaml'] = replaceIn(f['rubric.yaml'], 'weight: 25', 'weight: 20'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-invalid');
      assert.strictEqual(i.file, 'rubric.yaml');
      assert.strictEqual(i.path, 'dimensions');
      assert.strictEqual(i.message, 'dimensions: weights must sum to 100 (they sum to 95)');
      assert.strictEqual(i.severity, 'error');
      assert.deepStrictEqual(i.range, { start: { line: lineOf(files['rubric.yaml'], 'dimensions:'), character: 0 }, end: { line: lineOf(files['rubric.yaml'], 'dimensions:'), character: 'dimensions'.length } });
      assert.strictEqual(k.rubric, undefined);
      assert.strictEqual(k.problems.length, 2, 'the rest of the kit still loads');
    });

    it('a band min outside the scale: on the min value', () => {
      const files = exampleFiles((f) => { f['rubric.yaml'] = replaceIn(f['rubric.yaml'], 'min: 4.2', 'min: 5.5'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-invalid');
      assert.strictEqual(i.path, 'bands[0].min');
      assert.strictEqual(i.message, 'bands[0].min: 5.5 lies outside the scale 1–5');
      const line = lineOf(files['rubric.yaml'], 'min: 5.5');
      const col = (files['rubric.yaml'] as string).split('\n')[line].indexOf('5.5');
      assert.deepStrictEqual(i.range, { start: { line, character: col }, end: { line, character: col + 3 } });
    });

    it('a schema error: on the value, with the zod path and message', () => {
      const files = exampleFiles((f) => { f['rubric.yaml'] = replaceIn(f['rubric.yaml'], 'weight: 10', 'weight: ten'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-invalid');
      assert.strictEqual(i.path, 'dimensions[5].weight');
      assert.match(i.message, /^dimensions\[5\]\.weight: Invalid input: expected number/);
      assert.strictEqual(i.range!.start.line, lineOf(files['rubric.yaml'], 'weight: ten'));
    });

    it('a schema error in plain front matter (read by the fast reader) is located all the same', () => {
      const files = exampleFiles((f) => { f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], 'levels: [mid, senior]', 'levels: mid'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-invalid');
      assert.strictEqual(i.file, 'problems/rate-limiter.md');
      assert.match(i.message, /^levels: Invalid input: expected array, received string$/);
      const line = lineOf(files['problems/rate-limiter.md'], 'levels: mid');
      assert.deepStrictEqual(i.range, { start: { line, character: 8 }, end: { line, character: 11 } });
    });

    it('a no-break space after a number (pasted from a web page): the number is text, on its value', () => {
      const files = exampleFiles((f) => { f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], 'minutes: 7', 'minutes: 7\u00a0'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-invalid');
      assert.strictEqual(i.file, 'problems/rate-limiter.md');
      assert.strictEqual(i.severity, 'error');
      assert.match(i.message, /^deepDives\[0\]\.minutes: Invalid input: expected number, received string$/);
      const line = lineOf(files['problems/rate-limiter.md'], 'minutes: 7');
      assert.deepStrictEqual(i.range, { start: { line, character: 13 }, end: { line, character: 15 } });
      assert.deepStrictEqual(k.problems.map((p) => p.id), ['collaborative-editor'], 'the problem is not loaded');
    });

    it('an unknown key: on the key itself', () => {
      const files = exampleFiles((f) => { f['kit.yaml'] = replaceIn(f['kit.yaml'], 'includeBuiltIn: true', 'includeBuiltin: true'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-invalid');
      assert.match(i.message, /includeBuiltin/);
      assert.deepStrictEqual(i.range!.start, { line: lineOf(files['kit.yaml'], 'includeBuiltin'), character: 0 });
      assert.strictEqual(k.ok, false, 'kit.yaml invalid: nothing else of the kit is used');
    });

    it('a duplicate problem id across files: on the repeat\'s id, naming the first file; the repeat is dropped', () => {
      const files = exampleFiles((f) => { f['problems/archive/rate-limiter.md'] = f['problems/rate-limiter.md']; });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-duplicate-id');
      assert.strictEqual(i.file, 'problems/archive/rate-limiter.md');
      assert.strictEqual(i.message, 'id: id "rate-limiter" is used more than once (first in problems/rate-limiter.md)');
      assert.strictEqual(i.range!.start.line, lineOf(files['problems/rate-limiter.md'], 'id: rate-limiter'));
      assert.strictEqual(k.problems.filter((p) => p.id === 'rate-limiter').length, 1);
      assert.strictEqual(k.problems.find((p) => p.id === 'rate-limiter')!.file, 'problems/rate-limiter.md');
    });

    it('an id that is not the file name: on the id; that problem is not loaded', () => {
      const files = exampleFiles((f) => { f['problems/limiter.md'] = f['problems/rate-limiter.md']; delete f['problems/rate-limiter.md']; });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-id-mismatch');
      assert.strictEqual(i.file, 'problems/limiter.md');
      assert.match(i.message, /^id: "rate-limiter" must equal the file's name "limiter"/);
      assert.strictEqual(i.range!.start.line, 1);
      assert.deepStrictEqual(k.problems.map((p) => p.id), ['collaborative-editor']);
    });

    it('deep dives longer than the kit\'s deep-dive phase: on deepDives', () => {
      const files = exampleFiles((f) => { f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], 'minutes: 7', 'minutes: 12'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-deep-dive-too-long');
      assert.strictEqual(i.file, 'problems/rate-limiter.md');
      assert.strictEqual(i.message, 'deepDives: deep-dive areas take 22 minutes, more than the 17-minute "Deep Dive" phase');
      assert.deepStrictEqual(i.range!.start, { line: lineOf(files['problems/rate-limiter.md'], 'deepDives:'), character: 0 });
      assert.strictEqual(k.problems.length, 2, 'kept: the timer still runs it');
    });

    it('an unknown category: on the category value, listing the kit\'s categories', () => {
      const files = exampleFiles((f) => { f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], 'category: traffic-and-reliability', 'category: trafic'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-unknown-category');
      assert.match(i.message, /^category: names no category: "trafic" \(the kit's categories: traffic-and-reliability, /);
      const line = lineOf(files['problems/rate-limiter.md'], 'category: trafic');
      assert.deepStrictEqual(i.range, { start: { line, character: 10 }, end: { line, character: 16 } });
    });

    it('an unknown signal dimension: on its key', () => {
      const files = exampleFiles((f) => { f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], '  scalability:\n', '  scalabilty:\n'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = only(k, 'kit-unknown-dimension');
      assert.match(i.message, /^signals\.scalabilty: names no dimension of the rubric: "scalabilty"/);
      assert.deepStrictEqual(i.range!.start, { line: lineOf(files['problems/rate-limiter.md'], 'scalabilty:'), character: 2 });
    });

    it('signals may name a dimension by its note tag', () => {
      const k = loadExample((f) => { f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], '  scalability:\n', '  scale:\n'); });
      assert.deepStrictEqual(k.issues, []);
      const p = k.problems.find((x) => x.id === 'rate-limiter')!;
      assert.ok(problemMarkdown(k, p).includes('### Scalability (20%)'));
    });

    it('a kit without an id takes a slug of its name; "builtin" is refused', () => {
      const k = loadExample((f) => { f['kit.yaml'] = replaceIn(f['kit.yaml'], 'id: acme-backend\n', ''); });
      assert.strictEqual(k.id, 'acme-backend-interview-kit');
      const b = loadExample((f) => { f['kit.yaml'] = replaceIn(f['kit.yaml'], 'id: acme-backend', 'id: builtin'); });
      assert.notStrictEqual(b.id, 'builtin');
      assert.match(only(b, 'kit-invalid').message, /^id: "builtin" is the built-in guide's id/);
    });

    it('a YAML syntax error: yaml\'s own message, at its position', () => {
      const files = exampleFiles((f) => { f['kit.yaml'] = replaceIn(f['kit.yaml'], 'examples: [Rate limiter, API gateway, load shedder]', 'examples: [Rate limiter, API gateway'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const syntax = k.issues.filter((i) => i.code === 'kit-yaml-syntax');
      assert.ok(syntax.length >= 1, show(k.issues));
      assert.ok(syntax.every((i) => i.file === 'kit.yaml' && i.range && i.severity === 'error'));
      assert.ok(syntax.some((i) => /flow sequence/i.test(i.message)), show(syntax));
      const line = lineOf(files['kit.yaml'], 'examples: [Rate limiter, API gateway');
      assert.ok(syntax.some((i) => i.range!.start.line >= line && i.range!.start.line <= line + 2), show(syntax));
      assert.strictEqual(k.ok, false);
    });

    it('a syntax error in a problem\'s front matter lands on the file\'s own line', () => {
      const files = exampleFiles((f) => { f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], 'tags: [rate-limiting,', 'tags: [rate-limiting, ]]'); });
      const k = loadKit(memoryReader(files), { builtIn: builtInKit() });
      const i = k.issues.find((x) => x.code === 'kit-yaml-syntax')!;
      assert.ok(i, show(k.issues));
      assert.strictEqual(i.range!.start.line, lineOf(files['problems/rate-limiter.md'], 'tags: [rate-limiting, ]]'));
      assert.deepStrictEqual(k.problems.map((p) => p.id), ['collaborative-editor']);
    });

    it('a problem file without front matter, or with an unclosed one', () => {
      const k = loadExample((f) => {
        f['problems/plain.md'] = '# Just notes\n';
        f['problems/open.md'] = '---\ntitle: x\n';
      });
      const fm = k.issues.filter((i) => i.code === 'kit-front-matter').map((i) => `${i.file}: ${i.message.slice(0, 30)}`).sort();
      assert.deepStrictEqual(fm, ['problems/open.md: the front matter opened by "--', 'problems/plain.md: has no front matter: a problem']);
      assert.strictEqual(k.problems.length, 2);
    });

    it('a kit without rubric.yaml takes the built-in rubric; without kit.yaml the kit is not ok', () => {
      const k = loadExample((f) => { delete f['rubric.yaml']; f['problems/rate-limiter.md'] = replaceIn(f['problems/rate-limiter.md'], /signals:[\s\S]*?\n---/, '---'); f['problems/collaborative-editor.md'] = replaceIn(f['problems/collaborative-editor.md'], /signals:[\s\S]*?\n---/, '---'); });
      assert.deepStrictEqual(errors(k), [], show(k.issues));
      assert.strictEqual(k.rubric!.rubric, builtInKit().rubric!.rubric);
      assert.strictEqual(k.rubric!.file, '');
      assert.ok(k.feedbackTemplate.includes('- Technical Architecture (30%): [1-4] / 4'));
      const none = loadExample((f) => { delete f['kit.yaml']; });
      assert.strictEqual(none.ok, false);
      assert.deepStrictEqual(none.issues.map((i) => [i.file, i.code, i.message]), [['kit.yaml', 'kit-unreadable', 'the kit folder has no kit.yaml']]);
    });

    it('archived rubrics: loaded with their versions; one without a version, or repeating one, is refused', () => {
      const files = exampleFiles();
      const old = replaceIn(replaceIn(files['rubric.yaml'], 'version: "2.1"', 'version: "2.0"'), 'weight: 25', 'weight: 30');
      const k = loadExample((f) => {
        f['rubrics/2.0.yaml'] = replaceIn(old, 'weight: 10', 'weight: 5');
        f['rubrics/no-version.yaml'] = replaceIn(files['rubric.yaml'], 'version: "2.1"\n', '');
        f['rubrics/again.yaml'] = files['rubric.yaml'];
      });
      assert.deepStrictEqual(k.archivedRubrics.map((r) => [r.version, r.file]), [['2.0', 'rubrics/2.0.yaml']]);
      assert.notStrictEqual(k.archivedRubrics[0].fingerprint, k.rubric!.fingerprint);
      assert.deepStrictEqual(k.issues.map((i) => [i.file, i.code]).sort(), [['rubrics/again.yaml', 'kit-rubric-version'], ['rubrics/no-version.yaml', 'kit-rubric-version']]);
    });

    it('more problems than the limit: the first are loaded, one issue on kit.yaml', function () {
      this.timeout(30000);
      const k = loadExample((f) => {
        for (let i = 0; i < KIT_LIMITS.maxProblems + 3; i++) {
          f[`problems/p${String(i).padStart(5, '0')}.md`] = `---\ntitle: P${i}\ncategory: data-pipelines\nstatement: S\n---\n`;
        }
      });
      const i = only(k, 'kit-too-many-problems');
      assert.strictEqual(i.file, 'kit.yaml');
      assert.strictEqual(k.problems.length, KIT_LIMITS.maxProblems);
    });
  });
});

/** content/'s files, for in-memory variants of the built-in kit. */
function folderOfContent(): Record<string, string> {
  const dir = path.join(ROOT, 'content');
  return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}
