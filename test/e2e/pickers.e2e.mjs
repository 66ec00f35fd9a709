// The extension's prompts driven from the keyboard at a fast typist's speed (issue 20): Enter the
// moment a guide pick shows chooses its highlighted row, Escape the moment Start Interview's
// candidate prompt shows cancels just that prompt, and no prompt of ours stays open after its
// command ended.
import assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

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

  const widget = () => wb.page.locator('.quick-input-widget');
  /** Runs a palette command as a user types it: F1, its title, Enter once the highlighted row is it. */
  async function typeCommand(title) {
    const { page } = wb;
    await page.keyboard.press('F1');
    await widget().locator('input').waitFor({ timeout: 10_000 });
    await page.keyboard.type(title, { delay: KEY_DELAY });
    await widget().locator('.monaco-list-row.focused .label-name', { hasText: new RegExp(`^${title}$`) }).waitFor({ timeout: 10_000 });
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
});
