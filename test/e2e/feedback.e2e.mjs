// Feedback in a real workbench: "Interview: New Feedback" from the palette writes a pre-filled file
// and opens it; typing scores updates the Problems panel and the CodeLens on the scores heading;
// saving writes the weighted score; Ctrl+Space in an emptied score offers the scores; a diagnostic's code
// link in the hover opens that code's page. Screenshots in test-results/feedback-*.png.
import assert from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTO_SAVE_OFF, focusedElement, openWorkbench, updateSettings, WORKSPACE } from './workbench.mjs';

const today = () => {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

/** The CodeLens text on the scores heading, once it matches `re`. */
async function lensMatching(page, re) {
  const lens = page.locator('.monaco-editor .codelens-decoration', { hasText: re }).first();
  await lens.waitFor({ timeout: 20_000 });
  return (await lens.innerText()).trim();
}

/** The 1-based line of the scaffolded file that names `dimension` (the record line New Feedback writes first shifts them all). */
function lineOf(file, dimension) {
  const i = readFileSync(file, 'utf8').split(/\r?\n/).findIndex((l) => l.includes(`${dimension} (`));
  assert.ok(i >= 0, `no score line for ${dimension}`);
  return i + 1;
}
const DIMENSIONS = ['Technical Architecture', 'Scalability & Performance', 'Distributed Systems Knowledge', 'Production Readiness', 'Communication & Leadership'];

/** Puts the cursor on 1-based `line` and selects the score placeholder or value before " / 4". */
async function selectScoreOnLine(page, line, valueLength) {
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  // Go to Line hides with an animation. Keys pressed before it has gone reach the editor, but a
  // Ctrl+Space among them at times ran no command at all (no suggest widget was ever created: 2 of 9
  // runs of this file); once it has gone, none in 6. The workbench's state, not a sleep.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  await page.keyboard.press('End');
  for (let i = 0; i < ' / 4'.length; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < valueLength; i++) await page.keyboard.press('Shift+ArrowLeft');
}

describe('feedback in the workbench (Chromium)', function () {
  let wb;
  let file;
  before(async () => {
    updateSettings({ 'sdi.feedback.interviewer': 'Grace Hopper', ...AUTO_SAVE_OFF });
    wb = await openWorkbench({ width: 1500, height: 1000 });
  });
  after(async () => { await wb?.close(); });
  afterEach(async function () {
    // What the workbench showed when a step failed, where the keyboard focus was and where the cursor
    // (the log of a CI run is all there is to read: Ctrl+Space once opened nothing there).
    if (this.currentTest?.state !== 'failed' || !wb) return;
    await wb.screenshot(`feedback-failed-${this.currentTest.title.slice(0, 40).replace(/[^A-Za-z0-9]+/g, '-')}`);
    const focus = await focusedElement(wb.page);
    const position = wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: /^Ln \d+, Col \d+/ }).first();
    const cursor = (await position.count()) ? await position.innerText() : 'none in the status bar';
    const suggest = await wb.page.evaluate(() => {
      const w = document.querySelector('.suggest-widget');
      return w ? `${w.className.slice(0, 80)}: ${JSON.stringify(w.textContent?.slice(0, 120))}` : 'none';
    });
    console.log(`      focus: ${focus}; cursor: ${cursor}; suggest widget: ${suggest}`);
  });

  it('Interview: New Feedback asks for the candidate and the problem, writes the file and opens it', async () => {
    await wb.runCommand('Interview: New Feedback');
    const input = wb.page.locator('.quick-input-widget input');
    await wb.page.locator('.quick-input-widget', { hasText: 'candidate' }).first().waitFor({ timeout: 10_000 });
    await input.fill('Ada Lovelace');
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Distributed Payment' }).first().waitFor({ timeout: 10_000 });
    await wb.choose('Payment', 'Distributed Payment');
    const name = `${today()}-ada-lovelace.md`;
    await wb.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: 20_000 });
    file = join(WORKSPACE(), 'interview-feedback', name);
    assert.ok(existsSync(file), `${file} was not written`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^\*\*Candidate:\*\* Ada Lovelace$/m);
    assert.match(text, /^\*\*Interviewer:\*\* Grace Hopper$/m);
    assert.match(text, new RegExp(`^\\*\\*Date:\\*\\* ${today()}$`, 'm'));
    assert.match(text, /^\*\*Problem Used:\*\* Design a Distributed Payment Processing System$/m);
    assert.strictEqual(await lensMatching(wb.page, /^Weighted/), 'Weighted \u2013 / 4.0 \u00b7 0/5 scored');
    await wb.screenshot('feedback-1-scaffolded');
  });

  it('typing scores updates the CodeLens and the Problems panel', async () => {
    const page = wb.page;
    // The scaffold leaves the first placeholder selected: typing replaces it.
    await page.keyboard.type('3');
    assert.strictEqual(await lensMatching(page, /1\/5 scored/), 'Weighted \u2013 / 4.0 \u00b7 1/5 scored');
    const scores = [3, 3, 4, 3];
    for (let i = 0; i < scores.length; i++) {
      await selectScoreOnLine(page, lineOf(file, DIMENSIONS[i + 1]), '[1-4]'.length);
      await page.keyboard.type(String(scores[i]));
    }
    assert.strictEqual(await lensMatching(page, /5\/5 scored/), 'Weighted 3.15 / 4.0 \u00b7 Hire \u00b7 5/5 scored');

    await wb.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const stale = page.locator('.markers-panel .monaco-list-row', { hasText: 'The weighted score is not written; it is 3.15 / 4.0' }).first();
    await stale.waitFor({ timeout: 20_000 });
    const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => r.includes('weighted-score-stale')), `no weighted-score-stale row in: ${rows.join(' | ')}`);
    assert.ok(rows.some((r) => r.includes('recommendation-missing')), `no recommendation-missing row in: ${rows.join(' | ')}`);
    assert.ok(!rows.some((r) => r.includes('score-unfilled')), `a score is still reported unfilled: ${rows.join(' | ')}`);
    await page.mouse.move(5, 5);
    await wb.screenshot('feedback-2-scored-problems');

    // A wrong score shows as an error at once.
    await page.locator('.monaco-editor .view-lines').first().click();
    await selectScoreOnLine(page, lineOf(file, DIMENSIONS[2]), 1);
    await page.keyboard.type('5');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'is outside the scale' }).first().waitFor({ timeout: 20_000 });
    assert.strictEqual(await lensMatching(page, /4\/5 scored/), 'Weighted \u2013 / 4.0 \u00b7 4/5 scored');
    await wb.screenshot('feedback-3-invalid-score');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.type('3');
    assert.strictEqual(await lensMatching(page, /5\/5 scored/), 'Weighted 3.15 / 4.0 \u00b7 Hire \u00b7 5/5 scored');
  });

  it('saving writes the weighted score, and the warning goes', async () => {
    const page = wb.page;
    await page.keyboard.press('Control+s');
    await page.locator('.monaco-editor .view-line', { hasText: 'Weighted Score:** 3.15 / 4.0' }).first().waitFor({ timeout: 20_000 });
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'The weighted score is not written; it is 3.15 / 4.0' }).first().waitFor({ state: 'detached', timeout: 20_000 });
    const onDisk = readFileSync(file, 'utf8');
    assert.match(onDisk, /^- \*\*Weighted Score:\*\* 3\.15 \/ 4\.0$/m);
    assert.match(onDisk, /^- Production Readiness \(15%\): 4 \/ 4$/m);
    await page.mouse.move(5, 5);
    await wb.screenshot('feedback-4-saved');
  });

  it('hover on a score line shows the rubric; completion in a score offers each level', async () => {
    const page = wb.page;
    await page.locator('.monaco-editor .view-line', { hasText: 'Production Readiness (15%): 4 / 4' }).first().hover({ position: { x: 60, y: 5 } });
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Production Readiness' }).first();
    await hover.waitFor({ timeout: 20_000 });
    const text = await hover.innerText();
    assert.match(text, /Written: 4 \/ 4 \u2013 Excellent/);
    assert.match(text, /1 \u2013 Poor/);
    await wb.screenshot('feedback-5-hover');
    await page.keyboard.press('Escape');
    await page.mouse.move(5, 5);

    await selectScoreOnLine(page, lineOf(file, DIMENSIONS[1]), 1);
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 20_000 });
    const labels = await rows.allInnerTexts();
    // The scores come first, lowest first (Markdown's own snippets follow them).
    assert.deepStrictEqual(labels.slice(0, 4).map((l) => l.split(/\s/)[0]), ['1', '2', '3', '4']);
    assert.ok(labels[2].includes('Good'), labels.join(' | '));
    await wb.screenshot('feedback-6-completion');
    await page.keyboard.press('Escape');
  });
  it('Ctrl+Space right after ": " in an emptied score offers the scores, and Enter writes one (issue 12, item 11)', async () => {
    const page = wb.page;
    await page.locator('.monaco-editor .view-lines').first().click();
    // "- Technical Architecture (30%): 3 / 4": delete the score, leaving "(30%):  / 4" with the cursor after ": ".
    await selectScoreOnLine(page, lineOf(file, DIMENSIONS[0]), 1);
    await page.keyboard.press('Delete');
    // The editor draws the line in its next frame: waited for, not read at once (a CI run read "3 / 4").
    const emptied = page.locator('.monaco-editor .view-line', { hasText: /Technical\sArchitecture\s\(30%\):\s+\/\s4/ }).first();
    await emptied.waitFor({ timeout: 10_000 }).catch(async () => {
      const shown = await page.locator('.monaco-editor .view-line', { hasText: 'Technical Architecture (30%)' }).first().innerText();
      assert.fail(`the score was not deleted: "${shown.replace(/\u00a0/g, ' ')}"`);
    });
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.suggest-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 20_000 });
    const labels = await rows.allInnerTexts();
    assert.deepStrictEqual(labels.slice(0, 4).map((l) => l.split(/\s/)[0]), ['1', '2', '3', '4'], labels.join(' | '));
    await wb.screenshot('feedback-7-completion-empty-score');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'Technical Architecture (30%): 3 / 4' }).first().waitFor({ timeout: 20_000 });
    assert.strictEqual(await lensMatching(page, /5\/5 scored/), 'Weighted 3.15 / 4.0 \u00b7 Hire \u00b7 5/5 scored');
  });

  it('the code link in a diagnostic\'s hover opens that code\'s page (issue 12, item 9)', async () => {
    const page = wb.page;
    await selectScoreOnLine(page, lineOf(file, DIMENSIONS[1]), 1);
    await page.keyboard.type('5');
    await page.locator('.markers-panel .monaco-list-row', { hasText: 'is outside the scale' }).first().waitFor({ timeout: 20_000 });
    // The cursor on the invalid score; Ctrl+K Ctrl+I shows the hover there, the diagnostic's code link in it.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+k');
    await page.keyboard.press('Control+i');
    const link = page.locator('.monaco-hover a.code-link', { hasText: 'score-invalid' }).first();
    await link.waitFor({ timeout: 20_000 });
    await link.click();
    await page.locator('.tabs-container .tab.active', { hasText: 'score-invalid.md' }).waitFor({ timeout: 20_000 });
    const page1 = page.locator('.monaco-editor .view-line', { hasText: 'A score is not an integer on the rubric scale' }).first();
    await page1.waitFor({ timeout: 20_000 });
    await page.locator('.monaco-editor .view-line', { hasText: '# `score-invalid`' }).first().waitFor({ timeout: 20_000 });
    await page.mouse.move(5, 5);
    await wb.screenshot('feedback-8-code-page');
    await page.keyboard.press('Control+w');
  });
});
