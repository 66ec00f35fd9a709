// Feedback in a real workbench: "Interview: New Feedback" from the palette writes a pre-filled file
// and opens it; typing scores updates the Problems panel and the CodeLens on the scores heading;
// saving writes the weighted score. Screenshots in test-results/feedback-*.png.
import assert from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, updateSettings, WORKSPACE } from './workbench.mjs';

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

/** Puts the cursor on 1-based `line` and selects the score placeholder or value before " / 4". */
async function selectScoreOnLine(page, line, valueLength) {
  await page.keyboard.press('Control+g');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  for (let i = 0; i < ' / 4'.length; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < valueLength; i++) await page.keyboard.press('Shift+ArrowLeft');
}

describe('feedback in the workbench (Chromium)', function () {
  let wb;
  let file;
  before(async () => {
    updateSettings({ 'sdi.feedback.interviewer': 'Grace Hopper' });
    wb = await openWorkbench({ width: 1500, height: 1000 });
  });
  after(async () => { await wb?.close(); });

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
      await selectScoreOnLine(page, 11 + i, '[1-4]'.length);
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
    await selectScoreOnLine(page, 12, 1);
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

    await selectScoreOnLine(page, 11, 1);
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
});
