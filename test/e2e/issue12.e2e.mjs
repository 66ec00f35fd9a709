// Issue 12 in a real workbench (Chromium): what a new user trips over in the timer and the panel.
// Reset asks and can be undone (1), the last phase's alert offers Finish and Extend (2), Previous is
// disabled in phase 1 (4), phases skipped by finishing early read as not run (5), panning the larger
// diagram view selects no text (7), a category page keeps its fields on lines of their own (8).
// Screenshots in test-results/issue12-*.png.
import assert from 'node:assert';
import { openWorkbench, updateSettings } from './workbench.mjs';

const statusLabel = (wb, text) => wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: text }).first();

/** The notification holding `text`: a toast, or in the notification centre when toasts are held back. */
async function notification(wb, text) {
  const toast = wb.page.locator('.notification-toast', { hasText: text }).first();
  try {
    await toast.waitFor({ timeout: 15_000 });
    return toast;
  } catch {
    await wb.runCommand('Notifications: Show Notifications');
    const item = wb.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor({ timeout: 10_000 });
    return item;
  }
}

/** The workbench's modal dialog (Reset Timer's confirmation). */
const dialog = (wb) => wb.page.locator('.monaco-dialog-box').first();


describe('issue 12: reset, Previous, skipped phases, category pages, panning (Chromium)', function () {
  let wb;
  before(async () => { wb = await openWorkbench({ width: 1400, height: 1000 }); });
  after(async () => {
    if (wb) {
      await wb.close();
    }
  });

  it('4: the panel\'s Previous is disabled in phase 1 and enabled from phase 2', async () => {
    await wb.runCommand('Interview: Start Interview');
    await wb.choose('Global Social Media Feed');
    await wb.skipCandidate();
    const frame = wb.guideFrame();
    await frame.locator('#timer[data-status="running"] .timer-clock').waitFor({ timeout: 30_000 });
    const previous = frame.locator('#timer button[data-intent="previous"]');
    assert.strictEqual(await previous.isDisabled(), true, 'Previous is enabled in phase 1');
    await frame.locator('#timer button[data-intent="next"]').click();
    await statusLabel(wb, /Requirements & Constraints/).waitFor({ timeout: 10_000 });
    await frame.locator('#timer .timer-phase-title', { hasText: '2/5' }).waitFor({ timeout: 10_000 });
    assert.strictEqual(await previous.isDisabled(), false, 'Previous is disabled in phase 2');
  });

  it('1: Reset asks in a modal listing the phase times it would lose; Undo on the message puts the interview back', async () => {
    const frame = wb.guideFrame();
    await frame.locator('#timer button[data-intent="reset"]').click();
    const box = dialog(wb);
    await box.waitFor({ timeout: 10_000 });
    const asked = await box.innerText();
    assert.match(asked, /Design a Global Social Media Feed is under way\. Reset the timer\? Its phase times will be lost/);
    assert.match(asked, /Problem Introduction: \d+:\d\d of 5 min/);
    assert.match(asked, /Requirements & Constraints: \d+:\d\d of 10 min/);
    await wb.screenshot('issue12-1-reset-confirm');
    // Cancel keeps the interview.
    await wb.page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached', timeout: 10_000 });
    await frame.locator('#timer[data-status="running"]').waitFor({ timeout: 10_000 });

    await frame.locator('#timer button[data-intent="reset"]').click();
    await box.locator('.monaco-button', { hasText: 'Reset Timer' }).first().click();
    await frame.locator('#timer[data-status="idle"]').waitFor({ timeout: 10_000 });
    const message = await notification(wb, 'The interview timer was reset.');
    await wb.screenshot('issue12-1-reset-undo-offered');
    await message.locator('.monaco-button', { hasText: 'Undo' }).first().click();
    await frame.locator('#timer[data-status="running"]').waitFor({ timeout: 10_000 });
    await statusLabel(wb, /Requirements & Constraints/).waitFor({ timeout: 10_000 });
    await frame.locator('#timer .timer-phase-title', { hasText: '2/5 Requirements & Constraints' }).waitFor({ timeout: 10_000 });
    assert.notStrictEqual(await frame.locator('#timer [data-actual="0"]').innerText(), '–', 'the first phase\'s time was not restored');
    await wb.screenshot('issue12-1-reset-undone');
  });

  it('5: finishing early shows the phases not run as not run ("–"), not ✓ 0:00', async () => {
    const frame = wb.guideFrame();
    await frame.locator('#timer button[data-intent="finish"]').click();
    await frame.locator('#timer[data-status="finished"]').waitFor({ timeout: 10_000 });
    const rows = await frame.locator('#timer .timer-phases tbody tr').evaluateAll((trs) => trs.map((tr) => ({
      state: tr.className, icon: tr.querySelector('.codicon')?.className ?? '', actual: tr.querySelector('[data-actual]')?.textContent ?? '',
    })));
    assert.deepStrictEqual(rows.map((r) => r.state), ['done', 'done', 'skipped', 'skipped', 'skipped']);
    for (const r of rows.slice(2)) {
      assert.strictEqual(r.actual, '–');
      assert.doesNotMatch(r.icon, /codicon-pass/);
    }
    assert.match(rows[0].icon, /codicon-pass/);
    await wb.screenshot('issue12-5-finished-skipped');
  });

  it('8: a category page shows Complexity, Focus and Examples on lines of their own', async () => {
    await wb.runCommand('Interview: Open');
    await wb.choose('High-Scale Web Services');
    const frame = wb.guideFrame();
    await frame.locator('#content h3', { hasText: 'Category 1: High-Scale Web Services' }).waitFor({ timeout: 15_000 });
    const tops = await frame.locator('#content').evaluate((root) => ['Complexity:', 'Focus:', 'Examples:'].map((label) => {
      const el = [...root.querySelectorAll('strong')].find((s) => s.textContent === label);
      return el ? Math.round(el.getBoundingClientRect().top) : NaN;
    }));
    assert.ok(tops.every((t) => !Number.isNaN(t)), `a field is missing: ${tops}`);
    assert.ok(tops[0] < tops[1] && tops[1] < tops[2], `the fields share a line: tops ${tops}`);
    await wb.screenshot('issue12-8-category-fields');
  });

  it('7: dragging in the larger diagram view pans it without selecting its text', async () => {
    await wb.runCommand('Interview: Open');
    await wb.choose('Global Social Media Feed');
    const frame = wb.guideFrame();
    const block = frame.locator('.mermaid-block[data-state="rendered"]').first();
    await block.waitFor({ timeout: 60_000 });
    await block.locator('button[aria-label^="Open larger"]').click();
    const viewer = frame.locator('.viewer[role="dialog"]');
    await viewer.waitFor({ timeout: 10_000 });
    const svg = viewer.locator('.viewer-stage svg').first();
    const transformBefore = await svg.evaluate((s) => s.style.transform);
    const stage = await viewer.locator('.viewer-stage').boundingBox();
    assert.ok(stage, 'no stage');
    /** The page point at the middle of the first node label now inside the stage (the pan moves them). */
    const labelPoint = async () => {
      const at = await viewer.evaluate(() => {
        const box = document.querySelector('.viewer-stage').getBoundingClientRect();
        for (const el of document.querySelectorAll('.viewer-stage svg .nodeLabel, .viewer-stage svg text')) {
          const r = el.getBoundingClientRect();
          const x = r.x + r.width / 2, y = r.y + r.height / 2;
          if (r.width && x > box.left + 20 && x < box.right - 300 && y > box.top + 20 && y < box.bottom - 160) return [x - box.left, y - box.top];
        }
        return undefined;
      });
      assert.ok(at, 'no node label inside the stage');
      return [stage.x + at[0], stage.y + at[1]];
    };
    // Strokes as a user pans: from the empty stage above the diagram, from a node's label, and a quick
    // second stroke from a label (a double click to the browser, which selects a word).
    const selections = [];
    for (const [i, clickCount] of [[0, 1], [1, 1], [2, 2]]) {
      const [x, y] = i === 0 ? [stage.x + 40, stage.y + 40] : await labelPoint();
      if (clickCount === 2) { await wb.page.mouse.move(x, y); await wb.page.mouse.down(); await wb.page.mouse.up(); }
      await wb.page.mouse.move(x, y);
      await wb.page.mouse.down({ clickCount });
      await wb.page.mouse.move(x + 100, y + 50, { steps: 5 });
      await wb.page.mouse.move(x + 200, y + 100, { steps: 5 });
      if (i === 1) await wb.screenshot('issue12-7-viewer-dragging');
      await wb.page.mouse.up({ clickCount });
      selections.push(await viewer.evaluate(() => document.getSelection()?.toString() ?? ''));
    }
    assert.deepStrictEqual(selections, ['', '', ''], 'panning selected the diagram\'s text');
    assert.notStrictEqual(await svg.evaluate((s) => s.style.transform), transformBefore, 'the drags did not pan');
    await wb.screenshot('issue12-7-viewer-panned');
    await wb.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached', timeout: 10_000 });
  });
});

describe('issue 12: the last phase\'s alert with auto-advance (Chromium)', function () {
  let wb;
  before(async () => {
    // Two three-second phases, auto-advance and notifications on; read when the window loads.
    updateSettings({
      'sdi.timer.phases': [{ title: 'Warm-up', minutes: 0.05 }, { title: 'Wrap-up', minutes: 0.05 }],
      'sdi.timer.autoAdvance': true,
      'sdi.timer.notifications': true,
    });
    wb = await openWorkbench({ width: 1400, height: 1000 });
  });
  after(async () => {
    if (wb) {
      await wb.close();
    }
    updateSettings({ 'sdi.timer.phases': undefined, 'sdi.timer.autoAdvance': undefined, 'sdi.timer.notifications': undefined });
  });

  it('2: at the last phase it says there is no next phase and offers Finish and Extend; Finish ends the interview', async () => {
    await wb.runCommand('Interview: Start Interview');
    await wb.choose('Global Social Media Feed');
    await wb.skipCandidate();
    const alert = await notification(wb, 'Time is up for "Wrap-up"');
    const text = await alert.innerText();
    assert.doesNotMatch(text, /Moving on/);
    assert.match(text, /It is the last phase: there is no next phase/);
    assert.match(text, /Finish Interview/);
    assert.match(text, /Extend 5 Minutes/);
    await wb.screenshot('issue12-2-last-phase-alert');
    await alert.locator('.monaco-button', { hasText: 'Finish Interview' }).first().click();
    await statusLabel(wb, /Interview finished/).waitFor({ timeout: 10_000 });
    await wb.screenshot('issue12-2-finished');
  });
});
