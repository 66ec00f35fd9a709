// The calibration report's table in a real workbench: Show more, the date, problem and level filters
// (alone and together), and the filters coming back after a window reload. Its own workspace of 205
// feedbacks (more than the 200 rows the table draws at first), beside the shared one, so it passes
// alone and in any order. Rows are told apart by their file and candidate, never by a column's
// position or the date input's display format.
import assert from 'node:assert';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openWorkbench, WORKSPACE } from './workbench.mjs';

const TEMPLATE = readFileSync(new URL('../../content/feedback-template.md', import.meta.url), 'utf8');
const COUNT = 205;

/** Feedback `i`: dated `i` days after 2024-01-01, News Feed for every 41st (5 of them), level L6 for every 10th (21), else URL Shortener and L5. */
const dateOf = (i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
const candidateOf = (i) => `Candidate ${String(i).padStart(3, '0')}`;
const problemOf = (i) => (i % 41 === 0 ? 'News Feed' : 'URL Shortener');
const levelOf = (i) => (i % 10 === 0 ? 'L6' : 'L5');

function feedback(i) {
  return TEMPLATE.replace('[Name]', candidateOf(i)).replace('[Your Name]', 'Grace Hopper').replace('[Date]', dateOf(i))
    .replace('[Problem Title]', problemOf(i)).replace('**Years of Experience:** [Years]', `**Years of Experience:** 8\n**Level:** ${levelOf(i)}`)
    .replace(/\[1-4\]/g, '3').replace('[Score]', '3.00');
}

/** The candidates of the feedbacks `i` for which `keep(i)` holds, newest first (the table's default order). */
const expected = (keep) => Array.from({ length: COUNT }, (_, i) => i).filter(keep).reverse().map(candidateOf);

describe('calibration report: Show more, filters and their restore (Chromium)', function () {
  const ws = () => join(dirname(WORKSPACE()), 'calibration-filters-workspace');
  let wb;
  let frame;
  /** The candidates of the rows drawn, in order. */
  const drawn = () => frame.locator('#rows tbody tr.row button.open-row').allInnerTexts();
  const caption = () => frame.locator('#table-count').innerText();
  /** Waits until the table draws `candidates` (in this order). */
  async function tableShows(candidates, what) {
    const want = JSON.stringify(candidates);
    await frame.locator('#rows').evaluate((table, want) => new Promise((resolve, reject) => {
      // The table redraws its body in place, or as a new tbody: the whole table is watched.
      const names = () => JSON.stringify([...table.querySelectorAll('tbody tr.row button.open-row')].map((b) => b.textContent));
      if (names() === want) return resolve();
      const observer = new MutationObserver(() => {
        if (names() !== want) return;
        observer.disconnect();
        clearTimeout(guard);
        resolve();
      });
      const guard = setTimeout(() => { observer.disconnect(); reject(new Error('timeout')); }, 10_000);
      observer.observe(table, { childList: true, subtree: true });
    }), want).catch(async () => {
      const have = await drawn();
      assert.fail(`${what}: the table shows ${have.length} rows (${have.slice(0, 5).join(', ')}…), expected ${candidates.length} (${candidates.slice(0, 5).join(', ')}…)`);
    });
  }

  before(async () => {
    rmSync(ws(), { recursive: true, force: true });
    const dir = join(ws(), 'interview-feedback', 'filters');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < COUNT; i++) writeFileSync(join(dir, `${dateOf(i)}-${i}.md`), feedback(i));
    wb = await openWorkbench({ folder: ws(), width: 1600, height: 1100 });
  });
  after(async function () {
    // The report would come back at the next start of this workspace.
    await wb?.runCommand('View: Close All Editors');
    await wb?.close();
    if (this.currentTest?.state !== 'failed') rmSync(ws(), { recursive: true, force: true });
  });

  it('draws the newest 200 rows first; Show more draws the rest and goes away', async () => {
    await wb.runCommand('Interview: Show Calibration');
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('html[data-rendered-version]').waitFor({ timeout: 60_000 });
    await frame.locator('#table-count', { hasText: `of ${COUNT} feedbacks` }).waitFor({ timeout: 30_000 });
    const all = expected(() => true);
    await tableShows(all.slice(0, 200), 'before Show more');
    assert.match(await caption(), new RegExp(`^${COUNT} of ${COUNT} feedbacks \\(showing the first 200\\)\\.`));
    assert.ok(await frame.locator('#more').isVisible(), 'Show more is not shown');
    await frame.locator('#more').click();
    await tableShows(all, 'after Show more');
    assert.ok(await frame.locator('#more').isHidden(), 'Show more is still shown with every row drawn');
    assert.match(await caption(), new RegExp(`^${COUNT} of ${COUNT} feedbacks\\. `));
    await wb.screenshot('calibration-filters-1-show-more');
  });

  it('filters by problem, by level, and by both', async () => {
    await frame.locator('#f-problem').selectOption({ label: 'News Feed' });
    await tableShows(expected((i) => problemOf(i) === 'News Feed'), 'problem News Feed');
    assert.match(await caption(), new RegExp(`^5 of ${COUNT} feedbacks match the filters\\.`));
    assert.ok(await frame.locator('#more').isHidden());
    await frame.locator('#f-level').selectOption({ label: 'L6' });
    await tableShows(expected((i) => problemOf(i) === 'News Feed' && levelOf(i) === 'L6'), 'problem News Feed and level L6');
    await frame.locator('#f-problem').selectOption({ label: 'All problems' });
    await tableShows(expected((i) => levelOf(i) === 'L6'), 'level L6');
    await frame.locator('#f-reset').click();
    await tableShows(expected(() => true).slice(0, 200), 'cleared filters (the first page again)');
  });

  it('filters by date, from and to (both days included), and with a level', async () => {
    await frame.locator('#f-from').fill(dateOf(100));
    await tableShows(expected((i) => i >= 100).slice(0, 200), `from ${dateOf(100)}`);
    await frame.locator('#f-to').fill(dateOf(109));
    await tableShows(expected((i) => i >= 100 && i <= 109), `from ${dateOf(100)} to ${dateOf(109)}`);
    await frame.locator('#f-level').selectOption({ label: 'L6' });
    await tableShows([candidateOf(100)], 'the ten days and level L6');
    await wb.screenshot('calibration-filters-2-date-level');
  });

  it('keeps the filters after a window reload', async () => {
    // Developer: Reload Window, as a user does: the workbench shuts down in order, saving the webview's state.
    await wb.reloadWindow();
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('html[data-rendered-version]').waitFor({ timeout: 60_000 });
    await tableShows([candidateOf(100)], 'the restored filters');
    assert.strictEqual(await frame.locator('#f-level').inputValue(), 'l6');
    assert.strictEqual(await frame.locator('#f-problem').inputValue(), '');
    assert.match(await caption(), new RegExp(`^1 of ${COUNT} feedbacks match the filters\\.`));
    await wb.screenshot('calibration-filters-3-restored');
  });
});
