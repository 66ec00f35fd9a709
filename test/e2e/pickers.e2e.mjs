// The extension's prompts driven from the keyboard at a fast typist's speed (issue 20): Enter the
// moment a guide pick (or New Feedback's problem pick) shows chooses its highlighted row, Escape the moment Start Interview's
// candidate prompt shows cancels just that prompt, and no prompt of ours stays open after its
// command ended.
import assert from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { focusedElement, focusOffWebview, openWorkbench, WORKSPACE } from './workbench.mjs';

/** Typing speed: the delay between two keys, in ms. */
const KEY_DELAY = 30;

describe('prompts at typing speed (Chromium, keyboard only)', function () {
  let wb;
  before(async () => { wb = await openWorkbench({ width: 1400, height: 1000 }); });
  after(async () => {
    if (wb) {
      await wb.close();
    }
  });

  afterEach(async function () {
    // What the window showed when a step failed (the log of a CI run is all there is to read): the
    // quick input, a dialog, the timer's status bar entry, the notifications and the focus.
    if (this.currentTest?.state !== 'failed' || !wb) return;
    const { page } = wb;
    await wb.screenshot(`pickers-failed-${this.currentTest.title.slice(0, 40).replace(/[^A-Za-z0-9]+/g, '-')}`);
    const quickInput = (await widget().isVisible()) ? JSON.stringify((await widget().innerText()).slice(0, 300)) : 'none';
    const timer = await page.locator('.part.statusbar .statusbar-item-label', { hasText: /left|over|paused|finished/ }).allInnerTexts();
    const notices = await page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts();
    console.log(`      quick input: ${quickInput}; dialog: ${JSON.stringify(await wb.dialogText())}; timer: ${JSON.stringify(timer)}; notifications: ${JSON.stringify(notices)}; focus: ${await focusedElement(page)}`);
  });

  const widget = () => wb.page.locator('.quick-input-widget');
  /** Runs a palette command as a user types it: F1, its title, Enter once the highlighted row is it. */
  async function typeCommand(title) {
    const { page } = wb;
    await focusOffWebview(page);
    await page.keyboard.press('F1');
    // The widget's input is there, hidden, from the last pick: typed keys go to it once it has the focus.
    await page.waitForFunction(() => document.hasFocus() && document.activeElement?.matches('.quick-input-widget input'), undefined, { timeout: 10_000 });
    await page.keyboard.type(title, { delay: KEY_DELAY });
    try {
      await widget().locator('.monaco-list-row.focused .label-name', { hasText: new RegExp(`^${title}$`) }).waitFor({ timeout: 10_000 });
    } catch (e) {
      await wb.screenshot(`pickers-failed-${title.replace(/\W+/g, '-')}`);
      const input = await widget().locator('input').first().inputValue({ timeout: 1_000 }).catch(() => '(no input)');
      const rows = await widget().locator('.monaco-list-row').allInnerTexts().catch(() => []);
      throw new Error(`the palette's highlighted row never became "${title}": its input ${JSON.stringify(input)}, its rows ${JSON.stringify(rows.slice(0, 5))}, the focus on ${await focusedElement(page)}`, { cause: e });
    }
    await page.keyboard.press('Enter');
  }
  /** Fails, naming what it shows, when a quick input stays open (one closing is given its hide animation, VS Code's). */
  async function noQuickInput(after) {
    try {
      await widget().waitFor({ state: 'hidden', timeout: 5_000 });
    } catch {
      assert.fail(`a quick input is still open after ${after}: ${JSON.stringify(await widget().innerText())}`);
    }
  }

  it('Enter the moment the guide pick shows opens its highlighted row in the panel', async () => {
    const { page } = wb;
    await typeCommand('Interview: Open');
    await widget().locator('input[placeholder="Open a guide item"]').waitFor({ timeout: 10_000 });
    const highlighted = (await widget().locator('.monaco-list-row.focused .label-name').first().innerText({ timeout: 1_000 })).trim();
    await page.keyboard.press('Enter');
    // The panel's tab takes the item's title.
    await page.locator('.tabs-container .tab.active', { hasText: highlighted }).waitFor({ timeout: 30_000 });
    await wb.guideFrame().locator('#content[data-item]').waitFor({ timeout: 30_000 });
    await noQuickInput('Enter on the guide pick');
  });

  it('Escape the moment the candidate prompt shows starts the interview without a candidate, asking nothing again', async () => {
    const { page } = wb;
    await wb.resetTimer();
    await typeCommand('Interview: Start Interview');
    await widget().locator('input[placeholder="Start an interview with which problem?"]').waitFor({ timeout: 10_000 });
    await page.keyboard.type('Global Social Media Feed', { delay: KEY_DELAY });
    await page.keyboard.press('Enter');
    await widget().locator('.quick-input-title', { hasText: 'Start Interview:' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator('.part.statusbar .statusbar-item-label', { hasText: /Problem Introduction \d+:\d\d left/ }).first().waitFor({ timeout: 20_000 });
    await noQuickInput('Escape on the candidate prompt');
    await wb.resetTimer();
  });

  it("Enter the moment New Feedback's problem pick shows writes its highlighted problem into the new file", async () => {
    const { page } = wb;
    await typeCommand('Interview: New Feedback');
    await widget().locator('.quick-input-title', { hasText: 'New Feedback' }).waitFor({ timeout: 10_000 });
    await page.keyboard.type('Early Enter', { delay: KEY_DELAY });
    await page.keyboard.press('Enter');
    // No wait for the rows: the pick's title is the first thing of it the workbench draws. With the rows
    // sent after the pick (showQuickPick), this Enter chose nothing and the file kept the placeholder.
    await widget().locator('.quick-input-title', { hasText: 'New Feedback: Problem' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: 'early-enter' }).first().waitFor({ timeout: 30_000 });
    await noQuickInput('Enter on the problem pick');
    const dir = join(WORKSPACE(), 'interview-feedback');
    const created = readdirSync(dir).filter((f) => f.endsWith('-early-enter.md'));
    assert.strictEqual(created.length, 1, `interview-feedback holds ${readdirSync(dir).join(', ')}`);
    // The first row: the built-in guide's first problem.
    assert.match(readFileSync(join(dir, created[0]), 'utf8'), /\*\*Problem Used:\*\* Design a Global Social Media Feed$/m);
  });
});
