// Team kits in a real VS Code: a kit written into the workspace's .interview-kit/ is found, shown
// in the tree, checked (diagnostics at the YAML position), reloaded when a file is saved, searched
// by Find in Guide, and extended by New Problem. The kit is removed afterwards, so the other suites
// see the built-in guide alone.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { GuideNode } from '../../src/core/guideTree';
import type { LoadedApi } from '../../src/extension';
import { RUBRIC, TEAM_KIT } from '../fixtures/teamKit';
import { api, closeEditors, itemShown, knownState, readText, root, writeText } from './helpers';
import { saveAsAUserDoes } from './save';

const KIT = 'kit:team-kit';

function kitDir(): vscode.Uri {
  return vscode.Uri.joinPath(root(), '.interview-kit');
}

async function write(rel: string, text: string): Promise<void> {
  await writeText(vscode.Uri.joinPath(kitDir(), ...rel.split('/')), text);
}

/** Resolves once `check` holds, re-checking after each kit change (never on a timer). */
function afterKitChange(a: LoadedApi, check: () => boolean, what: string, ms = 10_000): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for ${what}`)); }, ms);
    const sub = a.library.onDidChange(() => {
      if (check()) { clearTimeout(timer); sub.dispose(); resolve(); }
    });
  });
}

/** Resolves with the diagnostics of `uri` once `check` accepts them. */
function diagnosticsOf(uri: vscode.Uri, check: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (check(now)) return Promise.resolve(now);
  return new Promise((resolve) => {
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (check(d)) { sub.dispose(); resolve(d); }
    });
  });
}

/** A tree node and its children as the tree shows them: labels and kinds. */
function shape(n: GuideNode | undefined): string {
  return n ? `${n.kind}:${n.label}(${(n.children ?? []).map(shape).join(',')})` : 'none';
}

describe('team kits in a real VS Code', function () {
  let a: LoadedApi;
  /** The kit's tree once TEAM_KIT has loaded, which every test starts from. */
  let loaded: string;

  before(knownState);

  before(async () => {
    a = await api();
    for (const [rel, text] of Object.entries(TEAM_KIT)) await write(rel, text);
    await afterKitChange(a, () => a.library.node(`${KIT}/problem:chat`) !== undefined && a.library.node(`${KIT}/problem:blob-store`) !== undefined, 'the kit to load');
    loaded = shape(a.library.node(KIT));
  });

  // Each test starts from TEAM_KIT as loaded above, with no editor open, whatever the tests before it
  // changed: a problem retitled, problems scaffolded, a file broken and mended.
  beforeEach(async () => {
    await closeEditors();
    for (const [rel, text] of Object.entries(TEAM_KIT)) {
      if (await readText(vscode.Uri.joinPath(kitDir(), ...rel.split('/'))).then((t) => t !== text, () => true)) await write(rel, text);
    }
    for (const name of fs.readdirSync(path.join(kitDir().fsPath, 'problems'))) {
      if (!(`problems/${name}` in TEAM_KIT)) await vscode.workspace.fs.delete(vscode.Uri.joinPath(kitDir(), 'problems', name), { useTrash: false });
    }
    await afterKitChange(a, () => shape(a.library.node(KIT)) === loaded, 'the kit as TEAM_KIT loads it');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(kitDir(), { recursive: true, useTrash: false });
    await afterKitChange(a, () => a.library.workspaceKits.length === 0, 'the kit to go');
  });

  after(knownState);

  it('shows the kit first, then the built-in guide as its own group', () => {
    const roots = a.tree.getChildren();
    assert.deepStrictEqual(roots.map((r) => [r.label, r.title]), [['Team Kit', undefined], ['Built-in Guide', 'Senior System Design Interview Guide']]);
    assert.strictEqual(roots[0].description, '3');
    const builtIn = a.tree.getChildren(roots[1]);
    assert.deepStrictEqual(builtIn.map((r) => r.label), ['Interview Guide', 'Problems', 'Advanced Topics', 'Common Scenarios', 'Evaluation Rubric']);
    const kitChildren = a.tree.getChildren(roots[0]);
    assert.deepStrictEqual(kitChildren.map((c) => c.label), ['Storage Systems', 'Realtime', 'Rubric', 'Interview Plan', 'Feedback Template']);
    const chat = a.library.node(`${KIT}/problem:chat`)!;
    const item = a.tree.getTreeItem(chat);
    assert.strictEqual(item.contextValue, 'sdi.item.problem');
    assert.deepStrictEqual(item.command?.arguments, [`${KIT}/problem:chat`]);
    assert.strictEqual(a.tree.getParent(chat)?.id, `${KIT}/category:realtime`);
    assert.strictEqual(a.library.problem('team-kit/chat')?.problem.title, 'Design chat');
    assert.strictEqual(a.library.problem('global-social-media-feed')?.kit.builtIn, true);
    assert.match(a.library.markdownOf(`${KIT}/problem:chat`) ?? '', /Build chat for a million users/);
  });

  it('opens a kit problem in the guide panel', async () => {
    const shown = new Promise<void>((resolve) => {
      const sub = a.panel.onDidShowItem((id) => { if (id === `${KIT}/problem:chat`) { sub.dispose(); resolve(); } });
    });
    assert.strictEqual(await vscode.commands.executeCommand('sdi.openItem', `${KIT}/problem:chat`), `${KIT}/problem:chat`);
    await shown;
    assert.strictEqual(a.panel.currentItemId, `${KIT}/problem:chat`);
  });

  it('checks rubric.yaml as it is typed: weights summing to 95 put a diagnostic on the dimensions key, with the path', async () => {
    const uri = vscode.Uri.joinPath(kitDir(), 'rubric.yaml');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.getText().split('\n').findIndex((l) => l.includes('weight: 20'));
    const range = new vscode.Range(at, doc.lineAt(at).text.indexOf('20'), at, doc.lineAt(at).text.indexOf('20') + 2);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, range, '15');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Not saved: the unsaved text is what is checked.
    const diags = await diagnosticsOf(uri, (d) => d.some((x) => x.source === 'System Design Interview Kit'));
    assert.ok(doc.isDirty);
    const d = diags.find((x) => x.source === 'System Design Interview Kit')!;
    assert.strictEqual(d.range.start.line, RUBRIC.split('\n').findIndex((l) => l.startsWith('dimensions:')));
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(typeof d.code === 'object' ? d.code.value : d.code, 'kit-invalid');
    // The code links to its own page (as feedback codes do), which explains it.
    const target = typeof d.code === 'object' ? d.code.target : undefined;
    assert.strictEqual(target?.toString(), 'sdi-code:/kit-invalid.md');
    const page = (await vscode.workspace.openTextDocument(target)).getText();
    assert.match(page, /rule of the rubric/);
    // It names the code's section of the reference (test/unit/docs.test.ts checks that the section is there).
    assert.ok(page.includes('`docs/diagnostics.md#kit-invalid`'), page);
    assert.match(d.message, /^dimensions: .*sum to 100.*95/);
    // The tree says so at the top of the kit, and still shows the rest of it.
    const first = a.library.node(KIT)!.children[0];
    assert.strictEqual(first.kind, 'kit-error');
    assert.match(first.label, /rubric\.yaml: dimensions:/);
    // Typing the weight back and saving clears it.
    const back = new vscode.WorkspaceEdit();
    back.replace(uri, range, '20');
    assert.ok(await vscode.workspace.applyEdit(back));
    assert.ok(await saveAsAUserDoes(doc));
    await diagnosticsOf(uri, (x) => x.length === 0);
    assert.notStrictEqual(a.library.node(KIT)!.children[0].kind, 'kit-error');
  });

  // How fast it updates is the kit bench's to measure (test/bench/kits.mjs); a timed test fails on a busy machine, not on slow code.
  it('updates the tree, and the panel showing the problem, when a problem file is saved', async () => {
    const uri = vscode.Uri.joinPath(kitDir(), 'problems', 'chat.md');
    const opened = itemShown(a, `${KIT}/problem:chat`);
    await vscode.commands.executeCommand('sdi.openItem', `${KIT}/problem:chat`);
    await opened;
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('title:'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, doc.lineAt(line).range, 'title: Design a Group Chat');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // The tree's label drops "Design a"; the node keeps the whole title for the panel.
    const updated = afterKitChange(a, () => a.library.node(`${KIT}/problem:chat`)?.label === 'Group Chat' && a.library.node(`${KIT}/problem:chat`)?.title === 'Design a Group Chat', 'the new title');
    const reshown = itemShown(a, `${KIT}/problem:chat`);
    assert.ok(await saveAsAUserDoes(doc));
    await updated;
    await reshown;
  });

  it('finds a kit problem by its tag', async () => {
    assert.strictEqual(a.library.search('websockets')[0]?.id, `${KIT}/problem:chat`);
    assert.strictEqual(a.library.search('durability')[0]?.id, `${KIT}/problem:blob-store`);
    // Through the command, as a user picks the first row of the quick pick with an Enter at once: the
    // command shows its pick, rows included, before this line's accept is sent, and the workbench takes
    // the two in that order.
    const picked = vscode.commands.executeCommand<string | undefined>('sdi.findItem', 'sharding');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await picked, `${KIT}/problem:kv-store`);
  });

  it('scaffolds a new problem that the kit loads, never overwriting one', async () => {
    const first = await vscode.commands.executeCommand<string>('sdi.newProblem', 'Design a Rate Limiter');
    assert.match(first, /[\\/]problems[\\/]rate-limiter\.md$/);
    assert.match(vscode.window.activeTextEditor?.document.uri.fsPath ?? '', /rate-limiter\.md$/);
    await afterKitChange(a, () => a.library.node(`${KIT}/problem:rate-limiter`) !== undefined, 'the new problem');
    const second = await vscode.commands.executeCommand<string>('sdi.newProblem', 'Design a Rate Limiter');
    assert.match(second, /[\\/]problems[\\/]rate-limiter-2\.md$/);
    await afterKitChange(a, () => a.library.node(`${KIT}/problem:rate-limiter-2`) !== undefined, 'the second new problem');
    const issues = a.kits.workspaceKits()[0].issues.filter((i) => i.file.startsWith('problems/rate-limiter'));
    assert.deepStrictEqual(issues, [], 'the scaffolded files load without an issue');
  });

  it('puts a diagram the panel cannot render on its line in the problem file', async () => {
    const text = TEAM_KIT['problems/chat.md'].replace('title: Design chat', 'title: Broken chat').replace('  A --> B', '  A --> B\n  B --> --> C');
    await write('problems/chat.md', text);
    await afterKitChange(a, () => a.library.node(`${KIT}/problem:chat`)?.label === 'Broken chat', 'the broken diagram');
    const uri = vscode.Uri.joinPath(kitDir(), 'problems', 'chat.md');
    const diags = diagnosticsOf(uri, (d) => d.some((x) => /Mermaid/.test(x.message)));
    await vscode.commands.executeCommand('sdi.openItem', `${KIT}/problem:chat`);
    const d = (await diags).find((x) => /Mermaid/.test(x.message))!;
    assert.strictEqual(d.range.start.line, text.split('\n').findIndex((l) => l.includes('B --> --> C')));
    assert.strictEqual(d.source, 'System Design Interview Kit');
    assert.strictEqual(typeof d.code === 'object' ? d.code.value : d.code, 'kit-diagram');
    // Saving the fixed file clears it.
    await write('problems/chat.md', TEAM_KIT['problems/chat.md']);
    await diagnosticsOf(uri, (x) => !x.some((y) => /Mermaid/.test(y.message)));
  });

  it('a no-break space after a number in a problem file: a diagnostic on the value, the kit\'s error item, the problem left out', async () => {
    // As pasted from a web page: YAML reads `10` followed by U+00A0 as text, which the schema refuses.
    const text = TEAM_KIT['problems/chat.md'].replace('  - { title: Storage, minutes: 10, points: [Sharding] }', '  - title: Storage\n    minutes: 10\u00a0\n    points: [Sharding]');
    const uri = vscode.Uri.joinPath(kitDir(), 'problems', 'chat.md');
    const invalid = (x: vscode.Diagnostic) => (typeof x.code === 'object' ? x.code.value : x.code) === 'kit-invalid';
    const diags = diagnosticsOf(uri, (d) => d.some(invalid));
    await write('problems/chat.md', text);
    const d = (await diags).find(invalid)!;
    const line = text.split('\n').findIndex((l) => l.includes('minutes: 10'));
    assert.deepStrictEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [line, 13, line, 16]);
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(d.source, 'System Design Interview Kit');
    assert.strictEqual(d.message, 'deepDives[0].minutes: Invalid input: expected number, received string');
    await afterKitChange(a, () => a.library.node(`${KIT}/problem:chat`) === undefined, 'the problem to leave the tree');
    const first = a.library.node(KIT)!.children[0];
    assert.strictEqual(first.kind, 'kit-error');
    assert.strictEqual(first.label, 'problems/chat.md: deepDives[0].minutes: Invalid input: expected number, received string');
    await write('problems/chat.md', TEAM_KIT['problems/chat.md']);
    await afterKitChange(a, () => a.library.node(`${KIT}/problem:chat`) !== undefined, 'the fixed problem');
    await diagnosticsOf(uri, (x) => !x.some(invalid));
  });

  it('a kit.yaml that does not parse shows one error item and leaves the built-in guide', async () => {
    await write('kit.yaml', 'name: [unclosed\n');
    await afterKitChange(a, () => a.library.roots[0]?.kind === 'kit-error', 'the broken kit');
    const roots = a.tree.getChildren();
    assert.strictEqual(roots[0].kind, 'kit-error');
    assert.strictEqual(roots[1].label, 'Built-in Guide');
    const cmd = a.tree.getTreeItem(roots[0]).command!;
    assert.strictEqual(cmd.command, 'vscode.open');
    assert.match(String((cmd.arguments![0] as vscode.Uri).path), /\.interview-kit\/kit\.yaml$/);
    // Every command still works.
    assert.strictEqual(await vscode.commands.executeCommand('sdi.openItem', 'topic:circuit-breaker'), 'topic:circuit-breaker');
    await write('kit.yaml', TEAM_KIT['kit.yaml']);
    await afterKitChange(a, () => a.library.node(KIT)?.kind === 'kit', 'the kit to load again');
  });
});
