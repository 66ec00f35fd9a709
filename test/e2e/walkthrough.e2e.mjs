// The getting-started walkthrough in a real workbench: Interview: Get Started opens it on the
// Welcome page, its first step's button opens a problem in the guide panel and the step ticks
// itself off; "Add your team's kit" waits for a kit to load (its New Problem button alone adds
// nothing); and, in a new window, an interview started before the walkthrough is first opened shows
// its step ticked when it opens (issue 23). Screenshots in the dark and the light theme.
//
// A VS Code of its own: walkthrough progress lives in the profile, and the other files' interviews,
// notes and kits would tick steps this file expects unticked.
import assert from 'node:assert';
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../host/host.mjs';
import { openWorkbench } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const WALKTHROUGH = 'sdi-kit.system-design-interview-kit#sdi.firstInterview';
const STEPS = ['sdi.openGuide', 'sdi.startInterview', 'sdi.takeNote', 'sdi.feedback', 'sdi.teamKit', 'sdi.cli'];
const step = (page, id) => page.locator(`.getting-started-step[data-step-id="${WALKTHROUGH}#${id}"]`);
const checkbox = (page, id) => page.locator(`[data-done-step-id="${WALKTHROUGH}#${id}"]`);
const checked = async (page) => Object.fromEntries(await Promise.all(STEPS.map(async (id) => [id, await checkbox(page, id).getAttribute('aria-checked')])));
/**
 * Shows the guide panel's tab (Problem 1) instead of the Welcome page, before a palette command: the
 * Welcome page focuses a step some time after it selects one (VS Code's gettingStarted.ts selectStep,
 * after its slide animation; again when a tick moves the selection on), which closes a palette opened
 * in between.
 */
async function awayFromWelcome(wb) {
  await wb.showWebviewTab('Problem 1');
  await wb.guideFrame().locator('#content[data-item]').waitFor({ timeout: 30_000 });
}
/** Waits until the step's checkbox shows ticked. */
const ticked = (page, id, timeout = 30_000) => page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true', `[data-done-step-id="${WALKTHROUGH}#${id}"]`, { timeout });

describe('getting-started walkthrough in the workbench (Chromium)', function () {
  let host;
  let wb;
  before(async function () {
    this.timeout(240_000);
    // The extension as under test: the packaged .vsix this run installed, or a link to the working tree.
    const install = process.env.SDI_E2E_FROM === 'source' || !process.env.SDI_VSIX ? true : process.env.SDI_VSIX;
    host = await startHost({ name: 'e2e-walkthrough', install });
    wb = await openWorkbench({ folder: host.workspace, baseUrl: host.url, width: 1400, height: 900 });
  });
  after(async function () {
    await wb?.close();
    await host?.stop();
    if (host && this.currentTest?.state !== 'failed' && !process.env.SDI_KEEP_RUNS) rmSync(host.run, { recursive: true, force: true });
  });

  it('Interview: Get Started opens the walkthrough with its six steps, none done', async () => {
    await wb.runCommand('Interview: Get Started');
    const { page } = wb;
    await page.locator('.gettingStartedContainer h2.category-title', { hasText: 'Run a system design interview' }).waitFor({ timeout: 30_000 });
    const titles = await page.locator('.gettingStartedSlideDetails .getting-started-step h3.step-title').allInnerTexts();
    assert.deepEqual(titles, ['Open the guide and a problem', 'Start an interview', 'Take a note', 'Write and check the feedback', "Add your team's kit", 'Check feedback in CI']);
    assert.deepEqual(await checked(page), Object.fromEntries(STEPS.map((id) => [id, 'false'])));
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
    await ticked(page, 'sdi.openGuide', 15_000);
    assert.equal(await checkbox(page, 'sdi.startInterview').getAttribute('aria-checked'), 'false');
    await wb.screenshot('walkthrough-2-first-step-done');
  });

  it('shows the interview\'s keyboard shortcuts in the note step, in the light theme', async () => {
    const { page } = wb;
    // The theme is switched with the guide panel shown (awayFromWelcome).
    await awayFromWelcome(wb);
    await wb.setTheme('Light Modern', 'vs');
    await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).first().click();
    await step(page, 'sdi.takeNote').click();
    const text = await step(page, 'sdi.takeNote').innerText();
    for (const k of ['Ctrl+Alt+M', 'Ctrl+Shift+Alt+]', 'Ctrl+Shift+Alt+P']) assert.ok(text.includes(k), `${k} missing from: ${text}`);
    await wb.screenshot('walkthrough-3-light');
    await awayFromWelcome(wb);
    await wb.setTheme('Dark Modern', 'vs-dark');
  });

  it('"Add your team\'s kit" stays unticked when its New Problem button only offers a kit, and ticks when a kit loads', async () => {
    const { page } = wb;
    // The walkthrough's page, whichever slide the theme switch left the Welcome page on.
    await wb.runCommand('Interview: Get Started');
    await step(page, 'sdi.teamKit').click();
    await step(page, 'sdi.teamKit').and(page.locator('.expanded')).waitFor({ timeout: 10_000 });
    await step(page, 'sdi.teamKit').locator('.button-container a.monaco-button', { hasText: 'New Problem' }).click();
    // The offer is a notification (this workbench shows it in the notification centre, not as a
    // toast), opened and cleared with the status bar's bell, not the palette: the Welcome page focuses
    // a step it selects 250 ms later, after its slide animation (gettingStarted.ts selectStep's
    // setTimeout), and that focus closes a palette opened in the meantime (the CI failure). The bell
    // shows a dot once the notification has arrived.
    const bell = page.locator('.part.statusbar [id="status.notifications"]');
    await bell.locator('.codicon-bell-dot').waitFor({ timeout: 15_000 });
    await bell.click();
    const centre = page.locator('.notifications-center');
    await centre.locator('.notification-list-item', { hasText: 'this workspace has none' }).first().waitFor({ timeout: 15_000 });
    // Closed unanswered, the offer adds nothing, and the command ends.
    await centre.locator('.notifications-center-header .codicon-notifications-clear-all').click();
    await centre.locator('.notification-list-item').first().waitFor({ state: 'detached', timeout: 10_000 });
    // Another of the extension's commands, answered after New Problem's end: by the time its pick
    // shows, the workbench has seen New Problem end (and, before issue 23, ticked the step for it).
    await awayFromWelcome(wb);
    await wb.runCommand('Interview: Find in Guide…');
    const find = page.locator('.quick-input-widget input[placeholder^="Search every kit"]');
    await find.waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await find.waitFor({ state: 'hidden', timeout: 10_000 });
    // (The Escape can reach the Welcome page too, which then goes back to its list of walkthroughs.)
    await wb.runCommand('Interview: Get Started');
    await step(page, 'sdi.teamKit').waitFor({ timeout: 10_000 });
    assert.equal(await checkbox(page, 'sdi.teamKit').getAttribute('aria-checked'), 'false', 'the step ticked though no kit was added');
    const kit = join(host.workspace, '.interview-kit');
    try {
      cpSync(join(ROOT, 'examples/kit'), kit, { recursive: true });
      await ticked(page, 'sdi.teamKit');
    } finally {
      rmSync(kit, { recursive: true, force: true });
    }
    await awayFromWelcome(wb);
    await wb.runCommand('View: Close All Editors');
  });

  it('in a new window, an interview started before the walkthrough is first opened shows its step ticked when it opens', async function () {
    this.timeout(240_000);
    // A new window, where VS Code has not yet read its walkthroughs (no Welcome page restored). It is
    // in a new browser, and VS Code in the browser keeps its state (walkthrough progress, the
    // extension's workspace state) there: the window starts with no step done.
    await wb.close();
    wb = await openWorkbench({ folder: host.workspace, baseUrl: host.url, width: 1400, height: 900 });
    const { page } = wb;
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Welcome' }).count(), 0, 'the Welcome page is open already');
    await wb.runCommand('Interview: Start Interview');
    await wb.choose('Global Social Media Feed');
    await wb.skipCandidate();
    await page.locator('.part.statusbar .statusbar-item-label', { hasText: /Problem Introduction \d+:\d\d left/ }).first().waitFor({ timeout: 20_000 });
    await wb.runCommand('Interview: Get Started');
    await page.locator('.gettingStartedContainer h2.category-title', { hasText: 'Run a system design interview' }).waitFor({ timeout: 30_000 });
    await ticked(page, 'sdi.startInterview', 15_000);
    // Not checked: the first step. Start Interview also opened its problem in the guide panel, which
    // this window's walkthrough ticks only when the panel showed it after the Welcome page read its
    // walkthroughs (the profile marked the step in the first window, so it is not marked again):
    // ticked or not by timing alone.
    const state = await checked(page);
    delete state['sdi.openGuide'];
    assert.deepEqual(state, { ...Object.fromEntries(STEPS.filter((id) => id !== 'sdi.openGuide').map((id) => [id, 'false'])), 'sdi.startInterview': 'true' });
    await wb.screenshot('walkthrough-4-done-before-opened');
    await awayFromWelcome(wb);
    await wb.resetTimer();
  });
});
