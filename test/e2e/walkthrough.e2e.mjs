// The getting-started walkthrough in a real workbench: Interview: Get Started opens it on the
// Welcome page, its first step's button opens a problem in the guide panel and the step ticks
// itself off; screenshots in the dark and the light theme.
import assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

const WALKTHROUGH = 'sdi-kit.system-design-interview-kit#sdi.firstInterview';
const step = (page, id) => page.locator(`.getting-started-step[data-step-id="${WALKTHROUGH}#${id}"]`);
const checkbox = (page, id) => page.locator(`[data-done-step-id="${WALKTHROUGH}#${id}"]`);

describe('getting-started walkthrough in the workbench (Chromium)', function () {
  let wb;
  before(async () => { wb = await openWorkbench({ width: 1400, height: 900 }); });
  after(async () => { await wb?.close(); });

  it('Interview: Get Started opens the walkthrough with its six steps, none done', async () => {
    await wb.runCommand('Interview: Get Started');
    const { page } = wb;
    await page.locator('.gettingStartedContainer h2.category-title', { hasText: 'Run a system design interview' }).waitFor({ timeout: 30_000 });
    const titles = await page.locator('.gettingStartedSlideDetails .getting-started-step h3.step-title').allInnerTexts();
    assert.deepEqual(titles, ['Open the guide and a problem', 'Start an interview', 'Take a note', 'Write and check the feedback', "Add your team's kit", 'Check feedback in CI']);
    for (const id of ['sdi.openGuide', 'sdi.startInterview', 'sdi.takeNote']) assert.equal(await checkbox(page, id).getAttribute('aria-checked'), 'false', id);
    // the first step is open with its image (an SVG drawn in the theme's colours)
    await step(page, 'sdi.openGuide').and(page.locator('.expanded')).waitFor({ timeout: 10_000 });
    // its image: the SVG, shown in a webview so its var(--vscode-*) colours follow the theme
    const media = page.frameLocator('.gettingStartedSlideDetails .getting-started-media iframe.webview.ready').frameLocator('#active-frame');
    await media.locator('svg text', { hasText: 'Design a Global Social Feed' }).waitFor({ timeout: 20_000 });
    await wb.screenshot('walkthrough-1-dark');
  });

  it('the first step\'s button opens a problem in the guide panel and ticks the step off', async () => {
    const { page } = wb;
    await step(page, 'sdi.openGuide').locator('.button-container a.monaco-button', { hasText: 'Open a Problem' }).click();
    await wb.choose('Global Social Media Feed');
    await wb.guideFrame().locator('h3', { hasText: 'Problem 1: Design a Global Social Media Feed' }).waitFor({ timeout: 30_000 });
    await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true', `[data-done-step-id="${WALKTHROUGH}#sdi.openGuide"]`, { timeout: 15_000 });
    assert.equal(await checkbox(page, 'sdi.startInterview').getAttribute('aria-checked'), 'false');
    await wb.screenshot('walkthrough-2-first-step-done');
  });

  it('shows the interview\'s keyboard shortcuts in the note step, in the light theme', async () => {
    const { page } = wb;
    await wb.setTheme('Light Modern', 'vs');
    await step(page, 'sdi.takeNote').click();
    const text = await step(page, 'sdi.takeNote').innerText();
    for (const k of ['Ctrl+Alt+M', 'Ctrl+Shift+Alt+]', 'Ctrl+Shift+Alt+P']) assert.ok(text.includes(k), `${k} missing from: ${text}`);
    await wb.screenshot('walkthrough-3-light');
    await wb.setTheme('Dark Modern', 'vs-dark');
  });
});
