// Team kits in a real workbench: a workspace holding the example kit (examples/kit as .interview-kit/)
// shows the kit beside the built-in guide, opens a kit problem in the guide panel with its diagrams,
// and, in a second VS Code with workspace trust on, Restricted Mode shows the one trust item.
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
