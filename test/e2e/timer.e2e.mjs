// The interview timer in a real workbench: start an interview from the palette, read the status
// bar, use the panel's controls from the keyboard, see the deep-dive areas, and screenshots in
// dark, light and high-contrast themes.
import assert from 'node:assert';
import { lowContrast } from './contrast.mjs';
import { focusedElement, focusOffWebview, openWorkbench, updateSettings } from './workbench.mjs';


/** The timer's status bar entry (its text starts with the phase). */
const statusItem = (page) => page.locator('.part.statusbar .statusbar-item', { has: page.locator('.statusbar-item-label', { hasText: /left|over|paused|finished/ }) }).first();

describe('interview timer in the workbench (Chromium)', function () {
  let wb;
  before(async () => { wb = await openWorkbench({ width: 1400, height: 1000 }); });
  after(async () => {
    if (wb) {
      await wb.close();
    }
  });

  /** Back to the interview's problem in the panel, through the palette's item picker. */
  async function showProblemFromPalette() {
    await wb.runCommand('Interview: Open');
    await wb.choose('Global Social Media Feed');
    await wb.guideFrame().locator('#content h3', { hasText: 'Problem 1: Design a Global Social Media Feed' }).waitFor({ timeout: 15_000 });
  }

  it('Start Interview picks a problem, opens it and shows the phase and time left in the status bar', async () => {
    await wb.runCommand('Interview: Start Interview');
    await wb.choose('Global Social Media Feed');
    await wb.skipCandidate();
    const item = statusItem(wb.page);
    await item.waitFor({ timeout: 20_000 });
    const text = await item.innerText();
    assert.match(text, /Problem Introduction [45]:\d\d left/);
    // the clock runs: the text changes within a few seconds
    await wb.page.waitForFunction((first) => {
      const el = [...document.querySelectorAll('.part.statusbar .statusbar-item-label')].find((e) => /Problem Introduction/.test(e.textContent ?? ''));
      return el && el.textContent !== first;
    }, await item.locator('.statusbar-item-label').innerText(), { timeout: 5_000 });
    const aria = await item.locator('[aria-label], a').first().getAttribute('aria-label');
    assert.match(aria ?? '', /Phase 1 of 5: Problem Introduction/);

    const frame = wb.guideFrame();
    await frame.locator('#timer[data-status="running"] .timer-clock').waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('#timer .timer-clock').innerText(), /^[45]:\d\d left$/);
    assert.match(await frame.locator('#timer .timer-problem').innerText(), /Design a Global Social Media Feed/);
    const rows = await frame.locator('#timer .timer-phases tbody tr').allInnerTexts();
    assert.strictEqual(rows.length, 5);
    assert.match(rows[3], /Deep Dive & Scaling\s+25 min/);
    assert.match(await frame.locator('#content').innerText(), /500 million daily active users/);
    await wb.screenshot('timer-1-started-dark');
  });

  it('the guidance\'s "open" link shows that section of the guide in the panel', async () => {
    // No prompt of Start Interview's stays open once the interview runs (a list left over the panel took every click).
    const widget = wb.page.locator('.quick-input-widget');
    if (await widget.isVisible()) assert.fail(`a quick input is open: ${JSON.stringify(await widget.innerText())}`);
    const frame = wb.guideFrame();
    await frame.locator('#timer a.timer-open').first().click();
    await frame.locator('#content h3', { hasText: 'Interviewer Mindset' }).waitFor({ timeout: 15_000 });
    await showProblemFromPalette();
  });

  it('a link followed in the panel shows its item and leaves the keyboard focus where it was', async () => {
    // The panel had revealed itself for such a link, taking the focus once VS Code had opened it: at
    // times after the item was drawn, so the focus left what the user had moved on to (the palette
    // closed; clean-clone runs 35 and 39 failed on it). Here a file beside the panel has the focus, and
    // the link is followed by a script, which moves no focus: only a reveal would.
    const { page } = wb;
    const frame = wb.guideFrame();
    const link = frame.locator('#timer a.timer-open').first();
    await link.waitFor({ timeout: 15_000 });
    await focusOffWebview(page);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('README.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'README.md' }).first().waitFor({ timeout: 10_000 });
    // Ctrl+Enter opens the pick to the side.
    await page.keyboard.press('Control+Enter');
    const readmeHasFocus = () => document.activeElement?.closest('.editor-group-container.active .monaco-editor') !== null && document.querySelector('.editor-group-container.active .tab.active')?.textContent?.includes('README.md') === true;
    await page.waitForFunction(readmeHasFocus, undefined, { timeout: 15_000 });
    await link.evaluate((a) => a.click());
    // The host has handled the link once the panel's tab is titled for the new item (it is, after the item is posted).
    await page.locator('.tabs-container .tab', { hasText: 'Interviewer Mindset' }).first().waitFor({ timeout: 15_000 });
    await frame.locator('#content h3', { hasText: 'Interviewer Mindset' }).waitFor({ timeout: 15_000 });
    assert.ok(await page.evaluate(readmeHasFocus), `the focus left README.md for ${await focusedElement(page)}`);
    await wb.screenshot('timer-1b-link-beside');
    // README.md closed, its group goes; the problem back in the panel.
    await wb.runCommand('View: Close Editor');
    await page.locator('.tabs-container .tab', { hasText: 'README.md' }).waitFor({ state: 'detached', timeout: 10_000 });
    await showProblemFromPalette();
  });

  it('the panel\'s controls work from the keyboard: pause shows in the status bar, next phase moves on', async () => {
    const frame = wb.guideFrame();
    const pause = frame.locator('#timer button[data-intent="pauseResume"]');
    await pause.focus();
    await pause.press('Enter');
    await frame.locator('#timer[data-status="paused"]').waitFor({ timeout: 10_000 });
    await wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: /\(paused\)/ }).first().waitFor({ timeout: 10_000 });
    // focus stays on the control after the re-render, visibly
    assert.strictEqual(await frame.locator('#timer button[data-intent="pauseResume"]').evaluate((b) => b === document.activeElement && b.matches(':focus-visible')), true);
    assert.match(await frame.locator('#timer button[data-intent="pauseResume"]').innerText(), /Resume/);
    const announced = await frame.locator('#timer .timer-live').innerText();
    assert.match(announced, /Phase 1 of 5: Problem Introduction, \d minutes left, paused/);
    await wb.screenshot('timer-2-paused');
    await frame.locator('#timer button[data-intent="pauseResume"]').press('Enter');
    await frame.locator('#timer[data-status="running"]').waitFor({ timeout: 10_000 });
    await frame.locator('#timer button[data-intent="next"]').press('Enter');
    await wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: /Requirements & Constraints (10:00|9:\d\d) left/ }).first().waitFor({ timeout: 10_000 });
    await frame.locator('#timer .timer-live', { hasText: /Phase 2 of 5: Requirements & Constraints/ }).waitFor({ timeout: 10_000 });
  });

  it('the deep-dive phase shows the problem\'s areas with their minutes and discussion points', async () => {
    await wb.runCommand('Interview: Next Phase');
    await wb.runCommand('Interview: Next Phase');
    await wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: /Deep Dive & Scaling/ }).first().waitFor({ timeout: 10_000 });
    const frame = wb.guideFrame();
    await frame.locator('#timer .timer-deepdive li.current', { hasText: 'Feed Generation Strategies' }).waitFor({ timeout: 10_000 });
    const areas = await frame.locator('#timer .timer-deepdive > ol > li .timer-step-title').allInnerTexts();
    assert.deepStrictEqual(areas, ['Feed Generation Strategies', 'Data Sharding Strategy', 'Consistency and Availability']);
    assert.match(await frame.locator('#timer .timer-deepdive li.current').innerText(), /How to handle celebrities with millions of followers/);
    assert.match(await frame.locator('#timer .timer-guidance').innerText(), /When to Deep Dive[\s\S]*Candidate mentions specific technologies/);
    await wb.screenshot('timer-3-deep-dive-dark');
  });

  it('reads well in light and high-contrast themes', async () => {
    await wb.setTheme('Light Modern', 'vs');
    await wb.guideFrame().locator('body.vscode-light #timer .timer-deepdive').waitFor({ timeout: 10_000 });
    // The timer's every text at WCAG AA contrast against its background.
    assert.deepStrictEqual(await lowContrast(wb.guideFrame(), '#timer'), [], 'text below WCAG AA contrast in the light theme');
    await wb.screenshot('timer-4-light');
    await wb.setTheme('Dark High Contrast', 'hc-black');
    await wb.guideFrame().locator('body.vscode-high-contrast #timer .timer-deepdive').waitFor({ timeout: 10_000 });
    assert.deepStrictEqual(await lowContrast(wb.guideFrame(), '#timer'), [], 'text below WCAG AA contrast in high contrast');
    await wb.screenshot('timer-5-high-contrast');
    await wb.setTheme('Dark Modern', 'vs-dark');
  });

  it('Finish keeps the times and offers New Feedback', async () => {
    await wb.runCommand('Interview: Finish Interview');
    await wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: /Interview finished/ }).first().waitFor({ timeout: 10_000 });
    // The offer is a notification (a toast, or in the notification centre when toasts are held back).
    await wb.runCommand('Notifications: Show Notifications');
    const offer = wb.page.locator('.notifications-center .notification-list-item, .notification-toast', { hasText: 'Interview finished after' }).first();
    await offer.waitFor({ timeout: 10_000 });
    assert.match(await offer.innerText(), /New Feedback/);
    await wb.guideFrame().locator('#timer[data-status="finished"] button[data-intent="newFeedback"]').waitFor({ timeout: 10_000 });
    await wb.screenshot('timer-6-finished');
  });
});

describe('interview timer: overrun, from the tree\'s context menu (Chromium)', function () {
  let wb;
  before(async () => {
    // A plan whose first phase lasts three seconds, read when the window loads.
    updateSettings({ 'sdi.timer.phases': [{ id: 'introduction', title: 'Warm-up', minutes: 0.05 }, { title: 'Design', minutes: 1 }], 'sdi.timer.notifications': false });
    wb = await openWorkbench({ width: 1400, height: 1000 });
  });
  after(async () => {
    if (wb) {
      await wb.close();
    }
    updateSettings({ 'sdi.timer.phases': undefined, 'sdi.timer.notifications': undefined });
  });

  it('"Start Interview with This Problem" in the tree starts the timer on that problem', async () => {
    await wb.showGuideView();
    // Categories with sample problems start expanded.
    const row = wb.treeRow('Global Social Media Feed');
    await row.waitFor({ timeout: 10_000 });
    const entry = wb.page.locator('.context-view .action-item', { hasText: 'Start Interview with This Problem' }).first();
    await row.click({ button: 'right' });
    await entry.waitFor({ timeout: 10_000 });
    await wb.screenshot('timer-6b-context-menu');
    await entry.click();
    await wb.skipCandidate();
    await wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: /Warm-up/ }).first().waitFor({ timeout: 20_000 });
    await wb.guideFrame().locator('#timer .timer-problem', { hasText: 'Design a Global Social Media Feed' }).waitFor({ timeout: 60_000 });
  });

  it('past its time the phase shows the overrun, on the warning background in the status bar and the panel', async () => {
    const item = wb.page.locator('.part.statusbar .statusbar-item', { hasText: /Warm-up \+\d+:\d\d over/ }).first();
    await item.waitFor({ timeout: 15_000 });
    const colours = await item.evaluate((el) => {
      const probe = document.createElement('div');
      probe.style.background = 'var(--vscode-statusBarItem-warningBackground)';
      document.querySelector('.monaco-workbench')?.append(probe);
      const want = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return { have: getComputedStyle(el).backgroundColor, want };
    });
    assert.notStrictEqual(colours.want, 'rgba(0, 0, 0, 0)');
    assert.strictEqual(colours.have, colours.want, 'the overrun is not on the warning background');
    const frame = wb.guideFrame();
    await frame.locator('#timer[data-time="over"] .timer-clock', { hasText: /^\+0:\d\d over$/ }).waitFor({ timeout: 10_000 });
    await wb.screenshot('timer-7-overrun');
  });

  it('a window reload neither loses nor resets the timer: the overrun goes on counting', async () => {
    const seconds = (t) => { const m = /\+(\d+):(\d\d) over/.exec(t); return m ? Number(m[1]) * 60 + Number(m[2]) : NaN; };
    const label = () => wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: /Warm-up \+\d+:\d\d over/ }).first();
    const before = seconds(await label().innerText());
    assert.ok(before >= 1, `no overrun before the reload: ${before}`);
    // Developer: Reload Window, as a user does: the workbench shuts down in order and saves its open
    // editors. A bare page reload can outrun that save, and then no panel comes back to restore.
    await Promise.all([
      wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame(), timeout: 60_000 }),
      wb.runCommand('Developer: Reload Window'),
    ]);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await label().waitFor({ timeout: 60_000 });
    const after = seconds(await label().innerText());
    assert.ok(after >= before, `the overrun went back from ${before} s to ${after} s after the reload`);
    // the restored panel shows the running timer again
    await wb.guideFrame().locator('#timer[data-status="running"][data-time="over"]').waitFor({ timeout: 60_000 });
    // ...on the item it showed before the reload
    await wb.guideFrame().locator('#content h3', { hasText: 'Problem 1: Design a Global Social Media Feed' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('timer-8-after-reload');
  });
});
