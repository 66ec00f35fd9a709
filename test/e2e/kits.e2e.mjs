// Team kits in a real workbench: a workspace holding the example kit (examples/kit as .interview-kit/)
// shows the kit beside the built-in guide, opens a kit problem in the guide panel with its diagrams,
// finds items of both (the built-in guide's root keeps its groups, the tree shown or not), and, in a
// second VS Code with workspace trust on, Restricted Mode shows the one trust item.
import assert from 'node:assert';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../host/host.mjs';
import { openWorkbench, WORKSPACE } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = join(ROOT, 'examples/kit');

/** The example kit's name and its first problem (by file name): that problem's title and a tag. */
function exampleKit() {
  const name = /^name:\s*["']?(.+?)["']?\s*$/m.exec(readFileSync(join(EXAMPLE, 'kit.yaml'), 'utf8'))[1];
  const file = readdirSync(join(EXAMPLE, 'problems')).filter((f) => f.endsWith('.md')).sort()[0];
  const text = readFileSync(join(EXAMPLE, 'problems', file), 'utf8');
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(text)[1];
  // Its last tag: searched for, it finds the problem by something its title does not say.
  const tag = /^tags:\s*\[(.*)\]/m.exec(text)[1].split(',').map((t) => t.trim()).pop();
  // The tree labels a problem without its "Design a" (problemLabel), the panel by its whole title.
  return { name, title, label: title.replace(/^Design an? /, ''), tag };
}

/** A workspace beside this file's test workspace, holding the example kit as its .interview-kit/. */
function kitWorkspace() {
  const ws = join(dirname(WORKSPACE()), 'kit-workspace');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'README.md'), '# A repository with a team interview kit\n');
  cpSync(EXAMPLE, join(ws, '.interview-kit'), { recursive: true });
  return ws;
}

/** The labels of the rows right under the tree row labelled exactly `label` (its children as the tree draws them). */
async function childRows(wb, label) {
  const rows = await wb.page.locator('.pane-body .monaco-list-row').evaluateAll((els) => els.map((e) => ({
    level: Number(e.getAttribute('aria-level')),
    label: e.querySelector('.label-name')?.textContent ?? '',
  })));
  const at = rows.findIndex((r) => r.label === label);
  assert.ok(at >= 0, `no row "${label}" in: ${rows.map((r) => r.label).join(' | ')}`);
  const children = [];
  for (const r of rows.slice(at + 1)) {
    if (r.level <= rows[at].level) break;
    if (r.level === rows[at].level + 1) children.push(r.label);
  }
  return children;
}

/** The built-in guide's groups, as its root shows them beside a team kit. */
const BUILT_IN_GROUPS = ['Interview Guide', 'Problems', 'Advanced Topics', 'Common Scenarios', 'Evaluation Rubric'];

/** The built-in guide's root holds its own groups, in order (the list draws no row below the view's bottom: those drawn, at least two). */
async function assertBuiltInGroups(wb) {
  const shown = await childRows(wb, 'Built-in Guide');
  assert.deepStrictEqual(shown, BUILT_IN_GROUPS.slice(0, Math.max(shown.length, 2)), 'the rows under Built-in Guide');
}

describe('team kits in the workbench (Chromium)', function () {
  const kit = exampleKit();

  describe('a trusted workspace with the example kit', () => {
    let wb;
    const csp = [];
    before(async () => {
      wb = await openWorkbench({ folder: kitWorkspace() });
      wb.page.on('console', (m) => { if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply)/i.test(m.text())) csp.push(m.text()); });
    });
    after(async () => { await wb?.close(); });

    it('shows the kit first, with its categories and problems, and the built-in guide as its own group', async () => {
      await wb.showGuideView();
      await wb.treeRow(kit.name).waitFor({ timeout: 30_000 });
      await wb.treeRow(kit.label).waitFor({ timeout: 10_000 });
      await wb.treeRow('Built-in Guide').waitFor({ timeout: 10_000 });
      const rows = await wb.page.locator('.pane-body .monaco-list-row').allInnerTexts();
      const at = (label) => rows.findIndex((r) => r.includes(label));
      assert.ok(at(kit.name) >= 0 && at(kit.name) < at('Built-in Guide'), `the kit is not above the built-in guide: ${rows.join(' | ')}`);
      for (const label of ['Rubric', 'Interview Plan', 'Feedback Template']) assert.ok(at(label) >= 0, `${label} missing from: ${rows.join(' | ')}`);
      await wb.screenshot('kits-1-tree');
    });

    it('opens a kit problem in the guide panel with its diagrams drawn', async () => {
      await wb.treeRow(kit.label).click();
      const frame = wb.guideFrame();
      await frame.locator('h1', { hasText: kit.title }).waitFor({ timeout: 30_000 });
      await frame.locator('.mermaid-block[data-state="rendered"] .diagram-canvas > svg').first().waitFor({ timeout: 60_000 });
      const states = await frame.locator('.mermaid-block').evaluateAll((blocks) => blocks.map((b) => b.dataset.state));
      assert.ok(states.length >= 1, 'the problem shows no diagram');
      assert.ok(!states.includes('error'), `a diagram of the example kit failed: ${states.join(', ')}`);
      assert.match(await frame.locator('#content').innerText(), /Deep Dives/);
      await wb.screenshot('kits-2-problem');
      assert.deepStrictEqual(csp, [], 'the webview reported CSP violations');
    });

    it('Find in Guide finds the kit problem by a tag', async () => {
      await wb.runCommand('Interview: Find in Guide…');
      await wb.page.locator('.quick-input-widget input').fill(kit.tag);
      await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: kit.title }).first().waitFor({ timeout: 10_000 });
      await wb.screenshot('kits-3-find');
      await wb.page.keyboard.press('Enter');
      await wb.guideFrame().locator('h1', { hasText: kit.title }).waitFor({ timeout: 30_000 });
      // The found problem is revealed under its kit; the built-in guide keeps its own groups.
      await wb.treeRow(kit.label).and(wb.page.locator('.selected')).waitFor({ timeout: 10_000 });
      await assertBuiltInGroups(wb);
    });

    it('Find in Guide reveals a built-in problem under the built-in guide, whose root keeps its groups', async () => {
      await wb.runCommand('Interview: Find in Guide…');
      await wb.choose('Global Social Media Feed');
      await wb.treeRow('Global Social Media Feed').and(wb.page.locator('.selected')).waitFor({ timeout: 10_000 });
      await assertBuiltInGroups(wb);
      await wb.screenshot('kits-3b-find-built-in');
    });
  });

  describe('Find in Guide before the tree was shown, with the example kit', () => {
    let wb;
    before(async () => { wb = await openWorkbench({ folder: kitWorkspace() }); });
    after(async () => { await wb?.close(); });

    it('opens a built-in problem; the tree shown after has the built-in guide\'s groups under its root', async () => {
      await wb.runCommand('Interview: Find in Guide…');
      await wb.choose('Global Social Media Feed');
      await wb.guideFrame().locator('h3', { hasText: 'Global Social Media Feed' }).waitFor({ timeout: 30_000 });
      await wb.showGuideView();
      await wb.treeRow('Global Social Media Feed').waitFor({ timeout: 10_000 });
      await wb.screenshot('kits-3c-find-before-tree');
      await assertBuiltInGroups(wb);
    });
  });

  describe('Restricted Mode (workspace trust on)', () => {
    let host;
    let wb;
    before(async function () {
      this.timeout(240_000);
      // A second VS Code: the shared one runs with workspace trust disabled. The extension as under test:
      // the packaged .vsix, or a link to the working tree when SDI_E2E_FROM=source.
      // (SDI_VSIX: the package this run installed, see test/host/run.mjs)
      const install = process.env.SDI_E2E_FROM === 'source' || !process.env.SDI_VSIX ? true : process.env.SDI_VSIX;
      host = await startHost({ name: 'e2e-restricted', install, trust: true, kit: EXAMPLE });
      wb = await openWorkbench({ folder: host.workspace, baseUrl: host.url });
    });
    after(async function () {
      await wb?.close();
      await host?.stop();
      // A passing run's folder goes, as the harness does with its own.
      if (host && this.currentTest?.state !== 'failed' && !process.env.SDI_KEEP_RUNS) rmSync(host.run, { recursive: true, force: true });
    });

    it('shows one trust item above the built-in guide, and no kit', async () => {
      await wb.showGuideView();
      const trust = wb.treeRow('Team kits need trust');
      await trust.waitFor({ timeout: 30_000 });
      // At the sidebar's default width the label shows whole (no ellipsis); the tooltip has the rest.
      const label = trust.locator('.monaco-icon-label-container').first();
      const { scroll, client } = await label.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
      assert.ok(scroll <= client, `the trust item's label is cut: ${scroll} px of text in ${client} px`);
      for (const label of ['Interview Guide', 'Problems', 'Evaluation Rubric']) await wb.treeRow(label).waitFor({ timeout: 10_000 });
      const rows = await wb.page.locator('.pane-body .monaco-list-row').allInnerTexts();
      assert.ok(!rows.some((r) => r.includes(kit.name)), `the kit shows in Restricted Mode: ${rows.join(' | ')}`);
      assert.ok(rows.findIndex((r) => r.includes('Team kits need trust')) < rows.findIndex((r) => r.includes('Interview Guide')));
      await wb.screenshot('kits-4-restricted');
    });

    it('the trust item opens the workspace trust editor; trusting loads the kit without a reload', async () => {
      // The activity bar's hover (left by opening the view) can lie over the row: the pointer leaves it first.
      await wb.page.mouse.move(700, 450);
      await wb.treeRow('Team kits need trust').click();
      const editor = wb.page.locator('.workspace-trust-editor');
      await editor.getByText('You are in Restricted Mode').first().waitFor({ timeout: 20_000 });
      await wb.screenshot('kits-5-trust-editor');
      await editor.getByRole('button', { name: 'Trust', exact: true }).first().click();
      await wb.treeRow(kit.name).waitFor({ timeout: 30_000 });
      const rows = await wb.page.locator('.pane-body .monaco-list-row').allInnerTexts();
      assert.ok(!rows.some((r) => r.includes('Team kits need trust')), `the trust item stayed: ${rows.join(' | ')}`);
    });
  });
});
