import * as assert from 'assert';
import { buildKitTree, flattenGuideTree, opensPage, problemLabel, TRUST_NODE, type GuideNode } from '../../src/core/guideTree';
import { loadKit } from '../../src/core/kit/loader';
import type { LoadedKit } from '../../src/core/kit/types';
import { memoryReader, RUBRIC, TEAM_KIT } from '../fixtures/teamKit';
import { problemSlug, problemTemplate } from '../../src/core/problemTemplate';
import { rubricMarkdown, planMarkdown } from '../../src/core/kitPages';

function team(files = TEAM_KIT): LoadedKit {
  return loadKit(memoryReader(files));
}

describe('team kit tree', () => {
  it('builds one root per kit with categories, levels, rubric, plan and template', () => {
    const kit = team();
    assert.deepStrictEqual(kit.issues.filter((i) => i.severity === 'error'), []);
    const root = buildKitTree(kit);
    assert.strictEqual(root.id, `kit:${kit.id}`);
    assert.strictEqual(root.label, 'Team Kit');
    assert.strictEqual(root.description, '3');
    assert.deepStrictEqual(root.children.map((c) => c.label), ['Storage Systems', 'Realtime', 'Rubric', 'Interview Plan', 'Feedback Template']);
    const storage = root.children[0];
    // Two levels in one category: grouped by level, in seniority order.
    assert.deepStrictEqual(storage.children.map((c) => [c.kind, c.label]), [['level', 'senior'], ['level', 'staff']]);
    assert.strictEqual(storage.children[1].children[0].id, `kit:${kit.id}/problem:blob-store`);
    assert.strictEqual(storage.children[1].children[0].problemId, `${kit.id}/blob-store`);
    // Labels without "Design a", levels in the tooltips: what reads whole in the sidebar.
    assert.deepStrictEqual([storage.children[1].children[0].label, storage.children[1].children[0].description], ['Design blob-store', undefined]);
    assert.match(storage.children[1].children[0].tooltip, /^\*\*Design blob\\-store\*\*\n\nStorage Systems · staff, principal/);
    assert.deepStrictEqual([storage.description, /\*\*Levels:\*\* (.*)/.exec(storage.tooltip)?.[1]], [undefined, 'senior, staff, principal']);
    // One level: flat.
    assert.deepStrictEqual(root.children[1].children.map((c) => c.kind), ['problem']);
    const rubric = root.children[2];
    assert.deepStrictEqual(rubric.children.map((c) => `${c.label} ${c.description ?? /\(weight (\d+%)\)/.exec(c.tooltip)?.[1]}`), [
      'Dim design 20%', 'Dim scale 20%', 'Dim data 15%', 'Dim ops 15%', 'Dim comm 15%', 'Dim trade 15%',
      'Hire \u2265 3.5', 'Lean 2.5\u20133.5', 'No Hire < 2.5',
    ]);
    assert.ok(rubric.children.slice(0, 6).every((d) => d.description === undefined), 'dimension weights in the tooltips');
    assert.deepStrictEqual(root.children[3].children.map((c) => `${c.label} ${c.description}`), ['Intro 5 min', 'Design 25 min', 'Wrap-up 15 min']);
    assert.strictEqual(root.children[3].description, '45 min');
    for (const { node } of flattenGuideTree([root])) assert.ok(opensPage(node) || node.kind === 'level', `${node.id} opens nothing`);
  });

  it('labels a problem by its short title, else its title without a leading "Design a"', () => {
    assert.deepStrictEqual(['Design a Rate Limiter', 'Design an Editor', 'Design blob-store', 'A Design a Day'].map((title) => problemLabel({ title })),
      ['Rate Limiter', 'Editor', 'Design blob-store', 'A Design a Day']);
    assert.strictEqual(problemLabel({ title: 'Design a Distributed Payment Processing System', shortTitle: 'Payment Processing System' }), 'Payment Processing System');
  });

  it('generates the pages the kit nodes open', () => {
    const kit = team();
    const root = buildKitTree(kit);
    const byId = new Map(flattenGuideTree([root]).map(({ node }) => [node.id, node] as [string, GuideNode]));
    const chat = byId.get(`kit:${kit.id}/problem:chat`)!;
    assert.match(chat.page!(), /Build chat for a million users/);
    assert.match(chat.page!(), /```mermaid/);
    assert.match(rubricMarkdown(kit), /\| Dim design \| 20% \|/);
    assert.match(planMarkdown(kit), /\| 5–30 \| Design \(deep dive\) \| 25 \|/);
  });

  it('gives the Restricted Mode item a label that fits the sidebar, and the whole text in its tooltip', () => {
    // At the sidebar's default width a root row shows about 32 characters: the old label read
    // "Team kits are not loaded in Rest…".
    assert.ok(TRUST_NODE.label.length <= 24, `${TRUST_NODE.label.length} characters: ${TRUST_NODE.label}`);
    assert.strictEqual(TRUST_NODE.label, 'Team kits need trust');
    assert.match(TRUST_NODE.tooltip, /Team kits are not loaded in Restricted Mode/);
    assert.match(TRUST_NODE.tooltip, /Manage Workspace Trust/);
  });

  it('shows a kit whose kit.yaml is broken as one error item at its first issue', () => {
    const kit = team({ ...TEAM_KIT, 'kit.yaml': 'name: [unclosed' });
    assert.strictEqual(kit.ok, false);
    const root = buildKitTree(kit);
    assert.strictEqual(root.kind, 'kit-error');
    assert.strictEqual(root.children.length, 0);
    assert.strictEqual(root.location?.issue.file, 'kit.yaml');
    assert.ok(root.location?.issue.range, 'the issue is located');
  });

  it('starts a kit that loaded with errors with one error item', () => {
    const kit = team({ ...TEAM_KIT, 'rubric.yaml': RUBRIC.replace('weight: 20', 'weight: 15') });
    const root = buildKitTree(kit);
    assert.strictEqual(root.kind, 'kit');
    assert.strictEqual(root.children[0].kind, 'kit-error');
    assert.match(root.children[0].label, /rubric\.yaml: dimensions: .*100/);
  });

  it('shows a problem with a no-break space after a number as the kit\'s error at that line, not as a problem', () => {
    const chat = TEAM_KIT['problems/chat.md'].replace('  - { title: Storage, minutes: 10, points: [Sharding] }', '  - title: Storage\n    minutes: 10\u00a0\n    points: [Sharding]');
    const kit = team({ ...TEAM_KIT, 'problems/chat.md': chat });
    const root = buildKitTree(kit);
    const first = root.children[0];
    assert.strictEqual(first.kind, 'kit-error');
    assert.strictEqual(first.label, 'problems/chat.md: deepDives[0].minutes: Invalid input: expected number, received string');
    const line = chat.split('\n').findIndex((l) => l.includes('minutes: 10'));
    assert.deepStrictEqual(first.location?.issue.range?.start, { line, character: 13 });
    const ids = flattenGuideTree([root]).map(({ node }) => node.id);
    assert.ok(!ids.includes(`kit:${kit.id}/problem:chat`), 'the broken problem is not listed');
    assert.ok(ids.includes(`kit:${kit.id}/problem:kv-store`), 'the others are');
  });

  it('shows a problem whose category the kit lacks under "Uncategorized", and a category without problems', () => {
    const kit = team({ ...TEAM_KIT, 'problems/chat.md': TEAM_KIT['problems/chat.md'].replace('category: realtime', 'category: nowhere') });
    assert.ok(kit.issues.some((i) => i.file === 'problems/chat.md' && i.severity === 'error'), 'the unknown category is reported');
    const root = buildKitTree(kit);
    assert.strictEqual(root.children[0].kind, 'kit-error');
    assert.match(root.children[0].label, /^problems\/chat\.md: /);
    assert.deepStrictEqual(root.children.slice(1, 4).map((c) => c.label), ['Storage Systems', 'Realtime', 'Uncategorized']);
    assert.strictEqual(root.children[2].children.length, 0);
    assert.deepStrictEqual(root.children[3].children.map((c) => c.id), [`kit:${kit.id}/problem:chat`]);
  });

  it('scaffolds a problem file the loader reads back without an issue', () => {
    const kit = team();
    assert.strictEqual(problemSlug('Design a Rate Limiter!'), 'rate-limiter');
    assert.strictEqual(problemSlug('   '), 'problem');
    const text = problemTemplate(kit, 'rate-limiter', 'Design a "Rate" Limiter');
    const again = team({ ...TEAM_KIT, 'problems/rate-limiter.md': text });
    assert.deepStrictEqual(again.issues.filter((i) => i.file === 'problems/rate-limiter.md'), []);
    const p = again.problems.find((x) => x.id === 'rate-limiter')!;
    assert.strictEqual(p.title, 'Design a "Rate" Limiter');
    assert.deepStrictEqual(Object.keys(p.signals), ['design', 'scale', 'data', 'ops', 'comm', 'trade']);
    assert.match(p.body ?? '', /```mermaid/);
  });
});
