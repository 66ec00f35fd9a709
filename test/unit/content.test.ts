import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { CONTENT_FILES, ContentError, formatContentIssue, type GuideContent } from '../../src/core/content';
import { loadContent } from '../../src/core/kit/loader';
import { buildGuideTree, flattenGuideTree, indexGuideTree, nodeSection, anchorTargets } from '../../src/core/guideTree';
import { slugify } from '../../src/core/markdownSections';
import { mermaidFences } from '../../src/core/renderMarkdown';

const ROOT = path.resolve(__dirname, '../../..');
const CONTENT = path.join(ROOT, 'content');
/** The user's guide as handed over; the shipped content must lose nothing of it. */
const SEED = path.resolve(ROOT, '../shared/seed/senior-system-design-interview-guide.md');
const readContent = (file: string) => fs.readFileSync(path.join(CONTENT, file), 'utf8');
const load = () => loadContent(readContent);

/** Loads content with one file replaced, returning the located issues. */
function issuesWith(file: string, text: string | ((orig: string) => string)): string[] {
  try {
    loadContent((f) => (f === file ? (typeof text === 'function' ? text(readContent(f)) : text) : readContent(f)));
  } catch (e) {
    assert.ok(e instanceof ContentError, `expected a ContentError, got ${String(e)}`);
    return e.issues.map(formatContentIssue);
  }
  return [];
}
/** The content files' fields these tests edit, loosely typed: the edits write what the schema rejects. */
interface EditableContent {
  problems: { category: string; minuts?: number; deepDives: { minutes: number }[] }[];
  groups: { items: { section: string }[] }[];
  dimensions: { weight: number; levels: unknown[] }[];
  phases: { id: string }[];
}
const editJson = (file: string, edit: (j: EditableContent) => void) => issuesWith(file, (orig) => {
  const j = JSON.parse(orig) as EditableContent;
  edit(j);
  return JSON.stringify(j);
});

describe('guide content', () => {
  let c: GuideContent;
  before(() => { c = load(); });

  it('is the built-in kit: content/kit.yaml names every content file, read by the kit loader', () => {
    const kitYaml = readContent(CONTENT_FILES.kit);
    assert.match(kitYaml, /^id: builtin$/m);
    for (const [key, file] of Object.entries(CONTENT_FILES)) if (key !== 'kit') assert.match(kitYaml, new RegExp(`^${key}: ${file.replace('.', '\\.')}$`, 'm'), key);
  });

  it('loads and validates every content file', () => {
    assert.strictEqual(c.problems.length, 3);
    assert.strictEqual(c.categories.length, 4);
    assert.deepStrictEqual(c.rubric.dimensions.map((d) => d.weight), [30, 25, 20, 15, 10]);
    assert.deepStrictEqual(c.phases.phases.map((p) => p.minutes), [5, 10, 15, 25, 5]);
  });

  describe('is the guide, nothing lost', () => {
    const seedAvailable = fs.existsSync(SEED);
    const trimEnds = (s: string) => s.split('\n').map((l) => l.replace(/\s+$/, '')).join('\n');

    it('ships the guide text unchanged', function () {
      if (!seedAvailable) this.skip();
      assert.strictEqual(readContent(CONTENT_FILES.guide), fs.readFileSync(SEED, 'utf8'));
    });

    it('holds each of the guide\'s 12 Mermaid diagrams byte for byte (modulo trailing white space)', function () {
      const source = seedAvailable ? fs.readFileSync(SEED, 'utf8') : readContent(CONTENT_FILES.guide);
      const want = mermaidFences(source).map((b) => trimEnds(b.source));
      assert.strictEqual(want.length, 12);
      const shipped = fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).flatMap((f) => mermaidFences(readContent(f)).map((b) => trimEnds(b.source)));
      for (const [i, d] of want.entries()) assert.ok(shipped.includes(d), `diagram ${i + 1} (${d.split('\n')[0]}) is not in content/`);
      // and each is shown by some tree item
      const roots = buildGuideTree(c);
      const shown = [...indexGuideTree(roots).values()].filter((n) => n.id !== 'guide:complete-guide')
        .flatMap((n) => mermaidFences(nodeSection(c, n)?.markdown ?? '').map((b) => trimEnds(b.source)));
      for (const [i, d] of want.entries()) assert.ok(shown.includes(d), `diagram ${i + 1} is in no tree item`);
    });

    it('reaches every section of the guide from the tree', () => {
      const roots = buildGuideTree(c);
      const nodes = [...indexGuideTree(roots).values()].filter((n) => n.id !== 'guide:complete-guide');
      const covered = new Array<boolean>(c.guide.lines.length).fill(false);
      for (const n of nodes) {
        const s = nodeSection(c, n);
        if (s) for (let i = s.startLine; i < s.endLine; i++) covered[i] = true;
      }
      // Lines no item shows: blank lines, part separators, and headings whose only content is sub-sections.
      const lastRule = c.guide.lines.map((l) => l.trim()).lastIndexOf('---');
      const missing = c.guide.lines
        .map((line, i) => ({ line, i }))
        .filter(({ line, i }) => !covered[i] && line.trim() !== '' && line.trim() !== '---' && i < lastRule)
        .filter(({ i }) => {
          const h = c.guide.headings.find((x) => x.line === i);
          if (!h) return true;
          const next = c.guide.headings.find((x) => x.line > i);
          const body = c.guide.lines.slice(i + 1, next ? next.line : undefined);
          return body.some((l) => l.trim() !== '' && l.trim() !== '---') && h.level > 1;
        });
      // The title's table of contents is shown by "Complete Guide"; everything else by a narrower item.
      const toc = c.guide.section('Senior Engineer System Design Interview Guide > Table of Contents');
      const outsideToc = missing.filter(({ i }) => !toc || i < toc.startLine || i >= toc.endLine);
      assert.deepStrictEqual(outsideToc.map(({ i, line }) => `${i + 1}: ${line}`), []);
      // The footer after the last rule is in the complete guide.
      assert.ok(c.guide.lines.slice(lastRule).join('\n').includes('*Version: 1.0*'));
    });

    it('keeps the structured data true to the guide text', () => {
      const g = c.guide.text;
      for (const d of c.rubric.dimensions) {
        assert.ok(g.includes(`### ${d.name} (${d.weight}%)`), `${d.name} weight`);
        assert.ok(g.includes(`- ${d.name} (${d.weight}%): [1-4] / 4`), `${d.name} in the feedback template`);
        for (const l of d.levels) for (const text of l.descriptors) assert.ok(g.includes(`- ${text}`), `${d.name} ${l.score}: ${text}`);
      }
      for (const p of c.phases.phases) assert.ok(g.includes(`- **${p.title}:** ${p.minutes} minutes`), p.title);
      for (const p of c.problems) {
        assert.ok(g.includes(`"${p.statement}"`), `${p.title} statement`);
        p.deepDives.forEach((d, i) => assert.ok(g.includes(`**${i + 1}. ${d.title} (${d.minutes} minutes)**`), `${p.title}: ${d.title}`));
        for (const d of p.deepDives) for (const point of d.points) assert.ok(g.includes(`- ${point}`), point);
      }
      for (const b of c.rubric.bands) assert.ok(g.includes(`#### ${b.label} (Score: ${b.printedRange})`), b.label);
      for (const r of c.rubric.recommendations) assert.ok(c.feedbackTemplate.includes(`- [ ] ${r.text}`), r.text);
      for (const cat of c.categories) {
        assert.ok(g.includes(`**Complexity:** ${cat.complexity}\n**Focus:** ${cat.focus}\n**Examples:** ${cat.examples.join(', ')}`), cat.title);
      }
    });

    it('ships the feedback template exactly as the guide gives it', () => {
      const fenced = /### Detailed Feedback Template\n\n```markdown\n([\s\S]*?)\n```\n/.exec(c.guide.text);
      assert.ok(fenced);
      assert.strictEqual(c.feedbackTemplate, `${fenced[1]}\n`);
    });
  });

  describe('the tree', () => {
    it('groups problems under their categories, a category without a sample problem showing its own section', () => {
      const roots = buildGuideTree(c);
      const problems = roots.find((r) => r.id === 'group:problems')!;
      assert.deepStrictEqual(problems.children.map((x) => [x.id, x.children.map((p) => p.id)]), [
        ['category:high-scale-web-services', ['problem:global-social-media-feed']],
        ['category:distributed-data-systems', ['problem:real-time-analytics-platform']],
        ['category:event-driven-architectures', ['problem:distributed-payment-processing']],
        ['category:platform-infrastructure', []],
      ]);
      const cat4 = problems.children[3];
      const md = nodeSection(c, cat4)!.markdown;
      assert.match(md, /\*\*Examples:\*\* Cloud platform, CI\/CD system, container orchestration/);
      assert.match(md, /Infrastructure as code/);
      assert.match(cat4.tooltip, /No sample problem/);
    });

    it('has unique ids, and every leaf opens a non-empty section', () => {
      const flat = flattenGuideTree(buildGuideTree(c));
      const ids = flat.map((f) => f.node.id);
      assert.strictEqual(new Set(ids).size, ids.length);
      for (const { node } of flat) {
        if (node.kind === 'group') continue;
        const s = nodeSection(c, node);
        assert.ok(s && s.markdown.trim().length > 20, `${node.id} opens nothing`);
      }
    });

    it('lists topics, scenarios, rubric dimensions with weights and the four bands', () => {
      const roots = buildGuideTree(c);
      const labels = (id: string) => roots.find((r) => r.id === id)!.children.map((n) => n.label);
      assert.deepStrictEqual(labels('group:topics'), ['Circuit Breaker Pattern', 'Saga Pattern', 'Caching Strategies at Scale', 'Data Consistency Models']);
      // A label kept short for the sidebar: the tooltip names the heading it opens.
      assert.match(roots.find((r) => r.id === 'group:topics')!.children[1].tooltip, /^\*\*Saga Pattern\*\* \(Saga Pattern for Distributed Transactions\)\n\n/);
      assert.deepStrictEqual(labels('group:scenarios'), ['Over-Engineered Solution', 'Deep Expertise in One Area', 'Textbook Answers']);
      const rubric = roots.find((r) => r.id === 'group:rubric')!;
      // The weights in the tooltips: beside "Distributed Systems Knowledge" a weight does not fit the sidebar.
      assert.deepStrictEqual(rubric.children.slice(0, 5).map((n) => [n.label, n.description, /\(weight (\d+)%\)/.exec(n.tooltip)?.[1]]), [
        ['Technical Architecture', undefined, '30'], ['Scalability & Performance', undefined, '25'], ['Distributed Systems Knowledge', undefined, '20'],
        ['Production Readiness', undefined, '15'], ['Communication & Leadership', undefined, '10'],
      ]);
      const bands = rubric.children.find((n) => n.id === 'rubric:decision-bands')!.children;
      assert.deepStrictEqual(bands.map((b) => b.description), ['3.5-4.0', '2.8-3.4', '2.0-2.7', '<2.0']);
    });

    it('labels categories and problems short enough for the sidebar, the rest in their tooltips', () => {
      const problems = buildGuideTree(c).find((r) => r.id === 'group:problems')!.children;
      assert.deepStrictEqual(problems.map((n) => [n.label, n.description, n.children.map((p) => [p.label, p.description])]), [
        ['1. High-Scale Web Services', undefined, [['Global Social Media Feed', undefined]]],
        ['2. Distributed Data Systems', undefined, [['Real-time Analytics Platform', undefined]]],
        ['3. Event-Driven Architectures', undefined, [['Payment Processing System', undefined]]],
        ['4. Platform & Infrastructure', undefined, []],
      ]);
      assert.match(problems[0].tooltip, /\*\*Complexity:\*\* High /);
      assert.match(problems[2].children[0].tooltip, /^\*\*Problem 2: Design a Distributed Payment Processing System\*\*\n/);
      assert.match(problems[2].children[0].tooltip, /\*\*Deep dives:\*\* ACID Guarantees & Distributed Transactions \(10 min\), .* · 25 min$/);
    });

    it('maps the table of contents anchors to tree items', () => {
      const anchors = anchorTargets(c, buildGuideTree(c));
      const toc = [...c.guide.text.matchAll(/\]\(#([a-z0-9-]+)\)/g)].map((m) => m[1]);
      assert.strictEqual(toc.length, 10);
      // The guide's contents list "Evaluation Framework", a heading the guide does not have.
      const unresolved = toc.filter((a) => !anchors.has(a));
      assert.deepStrictEqual(unresolved, ['evaluation-framework']);
      assert.strictEqual(anchors.get('common-scenarios'), 'group:scenarios');
      // a heading holding only sub-sections opens the first item inside it
      assert.strictEqual(anchors.get('sample-interview-problems'), 'problem:global-social-media-feed');
      assert.strictEqual(anchors.get('post-interview-assessment'), 'rubric:decision-bands');
      assert.strictEqual(anchors.get(slugify('Circuit Breaker Pattern')), 'topic:circuit-breaker');
    });
  });

  describe('bad content gets a located message', () => {
    it('names the file and field of a schema error', () => {
      const issues = editJson(CONTENT_FILES.problems, (j) => { j.problems[1].deepDives[0].minutes = -3; });
      assert.ok(issues.some((i) => i.startsWith('content/problems.json: problems[1].deepDives[0].minutes:')), issues.join('\n'));
    });

    it('reports JSON syntax errors with the file', () => {
      const issues = issuesWith(CONTENT_FILES.rubric, '{ "scale": ');
      assert.strictEqual(issues.length, 1);
      assert.match(issues[0], /^content\/rubric\.json: is not valid JSON/);
    });

    it('reports a missing file', () => {
      try {
        loadContent((f) => { if (f === CONTENT_FILES.phases) throw new Error('ENOENT'); return readContent(f); });
        assert.fail('no error');
      } catch (e) {
        assert.ok(e instanceof ContentError);
        assert.deepStrictEqual(e.issues.map(formatContentIssue), ['content/phases.json: cannot be read: ENOENT']);
      }
    });

    it('reports a section that names no heading', () => {
      const issues = editJson(CONTENT_FILES.outline, (j) => { j.groups[2].items[0].section = 'Advanced Topics Deep Dive > Nope'; });
      assert.deepStrictEqual(issues, ['content/outline.json: groups[2].items[0].section: names no heading of guide.md: "Advanced Topics Deep Dive > Nope" (headings are joined with " > ")']);
    });

    it('reports weights that do not sum to 100, unknown categories, duplicate ids, missing levels and unknown fields', () => {
      assert.deepStrictEqual(editJson(CONTENT_FILES.rubric, (j) => { j.dimensions[0].weight = 35; }), ['content/rubric.json: dimensions: weights must sum to 100 (they sum to 105)']);
      assert.deepStrictEqual(editJson(CONTENT_FILES.problems, (j) => { j.problems[0].category = 'nope'; }), ['content/problems.json: problems[0].category: names no category: "nope"']);
      assert.deepStrictEqual(editJson(CONTENT_FILES.phases, (j) => { j.phases[1].id = j.phases[0].id; }), ['content/phases.json: phases: id "introduction" is used more than once']);
      assert.deepStrictEqual(editJson(CONTENT_FILES.rubric, (j) => { j.dimensions[2].levels.pop(); }), ['content/rubric.json: dimensions[2].levels: must describe each score 1, 2, 3, 4 once (has 2, 3, 4)']);
      const unknown = editJson(CONTENT_FILES.problems, (j) => { j.problems[0].minuts = 3; });
      assert.ok(unknown.length === 1 && unknown[0].startsWith('content/problems.json: problems[0]:') && /minuts/.test(unknown[0]), unknown.join('\n'));
      assert.deepStrictEqual(editJson(CONTENT_FILES.problems, (j) => { j.problems[0].deepDives[0].minutes = 20; }), ['content/problems.json: problems[0].deepDives: deep-dive areas take 35 minutes, more than the 25-minute "Deep Dive & Scaling" phase']);
    });
  });
});
