// The extension as users install it: `npm test` runs this file against the production build
// (SDI_E2E_BUILD=production, the `.vsix` of `npm run package`; its e2e-production stage), so it reads
// only what a user sees, never the test build's marks (webview/testing/). Named, it runs against the
// test build too (`node test/host/run.mjs e2e installed`); the whole test-build run leaves it out. In a workspace with
// the example team kit, the guide panel draws a problem's pre-rendered diagrams and Mermaid draws a
// kit problem's, the calibration report draws, and neither page's CSP blocks anything; when the
// installed extension's features fail to load, its commands and its view say so.
import assert from 'node:assert';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openWorkbench, WORKSPACE } from './workbench.mjs';

const PRODUCTION = process.env.SDI_E2E_BUILD === 'production';
const BUILD = PRODUCTION ? 'production' : 'test';
/** What Chromium logs when a page's CSP blocks something. */
const CSP_REFUSAL = /Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)|unsafe-eval/i;
/** The error the broken features.js throws, and what the extension says of it. */
const BROKEN = 'features.js broken on purpose by installed.e2e.mjs';
const FAILED = `System Design Interview Kit could not start: its features did not load. ${BROKEN}`;

/** The content frame of the newest webview (the guide panel or the calibration report). */
const webviewFrame = (wb) => wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');

/** A workspace beside this file's test workspace, holding the example kit as its .interview-kit/; its first problem's title. */
function kitWorkspace() {
  const ws = join(dirname(WORKSPACE()), 'installed-workspace');
  const example = new URL('../../examples/kit/', import.meta.url);
  mkdirSync(ws, { recursive: true });
  cpSync(example, join(ws, '.interview-kit'), { recursive: true });
  const first = readdirSync(new URL('problems/', example)).filter((f) => f.endsWith('.md')).sort()[0];
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(readFileSync(new URL(`problems/${first}`, example), 'utf8'))[1];
  // The tree labels the problem without its "Design a" (problemLabel).
  return { ws, title, label: title.replace(/^Design an? /, '') };
}

describe('the extension as installed (Chromium)', function () {
  describe(`its pages, ${BUILD} build`, function () {
    let wb;
    let kit;
    const refused = [];

    before(async () => {
      kit = kitWorkspace();
      wb = await openWorkbench({ folder: kit.ws });
      wb.page.on('console', (m) => { if (CSP_REFUSAL.test(m.text())) refused.push(m.text()); });
    });
    after(async () => { await wb?.close(); });

    it('the guide panel draws a guide problem\'s pre-rendered diagrams, and Mermaid a kit problem\'s', async () => {
      await wb.runCommand('Interview: Find in Guide…');
      await wb.choose('Global Social Media Feed');
      const frame = wb.guideFrame();
      const drawn = (id) => frame.locator(`.mermaid-block[data-state="rendered"] .diagram-canvas > svg[id^="${id}"]`);
      await drawn('pre-').nth(2).waitFor({ timeout: 60_000 });
      // Which build the page is: the test build marks when its script ran, the production build marks nothing.
      assert.strictEqual(await frame.locator('html').getAttribute('data-script-at') === null, PRODUCTION, `the panel's script is not the ${BUILD} build's`);
      await wb.showGuideView();
      await wb.treeRow(kit.label).click();
      await drawn('mmd-').nth(1).waitFor({ timeout: 60_000 });
      assert.strictEqual(await frame.locator('.mermaid-block').count(), 2);
      assert.strictEqual(await frame.locator('.mermaid-block[data-state="error"]').count(), 0);
      await wb.screenshot(`installed-1-kit-problem-${BUILD}`);
    });

    it('the calibration report draws', async () => {
      await wb.runCommand('Interview: Show Calibration');
      const frame = webviewFrame(wb);
      await frame.locator('#table-count', { hasText: /^0 of 0 feedbacks\b/ }).waitFor({ timeout: 60_000 });
      await frame.locator('#rows td.empty', { hasText: 'No feedback files found yet' }).waitFor({ timeout: 10_000 });
      await frame.locator('#app[aria-busy="false"]').waitFor({ timeout: 10_000 });
      await wb.screenshot(`installed-2-calibration-${BUILD}`);
    });

    it('neither page had anything blocked by its CSP (and a blocked image is seen)', async () => {
      assert.deepStrictEqual(refused, []);
      // The console is where a block shows without the test build's record: one made on purpose must be seen there.
      const seen = wb.page.waitForEvent('console', { predicate: (m) => CSP_REFUSAL.test(m.text()) && m.text().includes('csp-check.invalid'), timeout: 10_000 });
      await webviewFrame(wb).locator('body').evaluate(() => { new Image().src = 'https://csp-check.invalid/blocked.png'; });
      await seen;
    });
  });

  describe('when its features fail to load', function () {
    let wb;
    let features;
    let original;

    before(function () {
      // Only a packaged install may be broken: from the source (SDI_E2E_FROM=source) the extension is the working tree.
      if (!process.env.SDI_VSIX) this.skip();
      const dir = process.env.SDI_EXTENSIONS_DIR;
      const installed = readdirSync(dir).find((d) => d.startsWith('sdi-kit.system-design-interview-kit-'));
      assert.ok(installed, `the extension is not installed in ${dir}`);
      features = join(dir, installed, 'dist', 'features.js');
      original = readFileSync(features);
      writeFileSync(features, `throw new Error(${JSON.stringify(BROKEN)});\n`);
    });
    after(async () => {
      await wb?.close();
      if (original) writeFileSync(features, original);
    });

    it('each command says what failed, every time it runs, and the view says the guide could not load', async () => {
      wb = await openWorkbench();
      // The notifications as the status bar's bell and the notification centre show them (this
      // headless window shows no toasts): the bell has a dot once a notification came.
      const bell = (dot) => wb.page.locator(`#status\\.notifications .codicon-${dot ? 'bell-dot' : 'bell'}`);
      const said = (text) => wb.page.locator('.notifications-center .notification-list-item', { hasText: text });
      for (const command of ['Interview: Show Calibration', 'Interview: Find in Guide…']) {
        await wb.runCommand(command);
        await bell(true).waitFor({ timeout: 30_000 });
        await wb.runCommand('Notifications: Show Notifications');
        await said(FAILED).first().waitFor({ timeout: 10_000 });
        // Said once, and no "command not found".
        const ours = await said(/System Design Interview Kit|not found/).allInnerTexts();
        assert.deepStrictEqual(ours.map((t) => t.split('\n')[0]), [FAILED], `after ${command}`);
        if (command.startsWith('Interview: Show')) await wb.screenshot('installed-3-features-failed');
        await wb.runCommand('Notifications: Clear All Notifications');
        await bell(false).waitFor({ timeout: 10_000 });
      }
      await wb.activity.click();
      await wb.page.locator('.pane-body .welcome-view-content', { hasText: 'The interview guide could not be loaded' }).first().waitFor({ timeout: 30_000 });
    });
  });
});
