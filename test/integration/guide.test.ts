import * as assert from 'assert';
import * as vscode from 'vscode';
import { allTabs, api, extension, itemShown, knownState, whenTabs } from './helpers';

function guideTabs(): vscode.Tab[] {
  return allTabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sdi.guidePanel'));
}

describe('the extension in a real VS Code', () => {
  before(knownState);
  // Each test opens the guide panel itself, from none.
  beforeEach(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));
  after(knownState);

  it('activates and exposes the loaded guide', async () => {
    const a = await api();
    assert.ok(extension().isActive);
    assert.strictEqual(a.library.content.problems.length, 3);
    assert.strictEqual(a.library.content.rubric.dimensions.length, 5);
  });

  it('registers its commands', async () => {
    await api();
    const all = await vscode.commands.getCommands(true);
    for (const c of ['sdi.openItem', 'sdi.findItem']) assert.ok(all.includes(c), `${c} is not registered`);
  });

  it('the tree provider returns the guide groups and their items', async () => {
    const a = await api();
    const roots = a.tree.getChildren();
    assert.deepStrictEqual(roots.map((r) => r.label), ['Interview Guide', 'Problems', 'Advanced Topics', 'Common Scenarios', 'Evaluation Rubric']);
    const problems = roots[1];
    const categories = a.tree.getChildren(problems);
    assert.deepStrictEqual(categories.map((c) => c.label), [
      '1. High-Scale Web Services', '2. Distributed Data Systems', '3. Event-Driven Architectures', '4. Platform & Infrastructure',
    ]);
    const firstProblems = a.tree.getChildren(categories[0]);
    // The tree's label fits the sidebar; the panel's tab and Find in Guide name it whole.
    assert.deepStrictEqual([firstProblems[0].label, firstProblems[0].description, firstProblems[0].title], ['Global Social Media Feed', undefined, 'Problem 1: Global Social Media Feed']);
    const item = a.tree.getTreeItem(firstProblems[0]);
    assert.strictEqual(item.contextValue, 'sdi.item.problem');
    assert.deepStrictEqual(item.command?.arguments, ['problem:global-social-media-feed']);
    assert.ok(item.tooltip instanceof vscode.MarkdownString && item.tooltip.value.includes('500 million daily active users'));
    assert.strictEqual(a.tree.getParent(firstProblems[0])?.id, 'category:high-scale-web-services');
    const topics = a.tree.getChildren(roots[2]);
    assert.deepStrictEqual(topics.map((t) => t.label), ['Circuit Breaker Pattern', 'Saga Pattern', 'Caching Strategies at Scale', 'Data Consistency Models']);
  });

  it('opening an item opens the guide panel on it', async () => {
    const a = await api();
    const shown = itemShown(a, 'problem:distributed-payment-processing');
    const opened = await vscode.commands.executeCommand('sdi.openItem', 'problem:distributed-payment-processing');
    assert.strictEqual(opened, 'problem:distributed-payment-processing');
    await shown;
    assert.strictEqual(a.panel.currentItemId, 'problem:distributed-payment-processing');
    await whenTabs(() => guideTabs()[0]?.label === 'Problem 2: Distributed Payment Processing System', 'the guide tab on the problem');
    assert.strictEqual(guideTabs().length, 1);
  });

  it('opening a second item reuses the one panel', async () => {
    const a = await api();
    // The panel open on another item first.
    const first = itemShown(a, 'problem:distributed-payment-processing');
    await vscode.commands.executeCommand('sdi.openItem', 'problem:distributed-payment-processing');
    await first;
    await whenTabs(() => guideTabs().length === 1, 'the guide tab');
    const shown = itemShown(a, 'topic:circuit-breaker');
    await vscode.commands.executeCommand('sdi.openItem', 'topic:circuit-breaker');
    await shown;
    await whenTabs(() => guideTabs().some((t) => t.label === 'Circuit Breaker Pattern'), 'the guide tab on the topic');
    assert.strictEqual(guideTabs().length, 1, 'a second guide panel was opened');
  });

  it('an unknown item id is refused without opening anything new', async () => {
    const result = await vscode.commands.executeCommand('sdi.openItem', 'problem:does-not-exist');
    assert.strictEqual(result, undefined);
  });
});
