// Calibration in a real workbench: "Interview: Show Calibration" over a workspace of feedback files
// (four interviewers, six candidates, three problems, one file that cannot be scored), under the
// report's strict CSP; sorting, filtering, a click opening the file, a change on disk showing up
// live; at a 900 px editor the columns read first stay in view and the date filters take ISO dates;
// screenshots in dark and light themes (test-results/calibration-*.png).
import assert from 'node:assert';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lowContrast } from './contrast.mjs';
import { openWorkbench, updateSettings, WORKSPACE } from './workbench.mjs';

const TEMPLATE = readFileSync(new URL('../../content/feedback-template.md', import.meta.url), 'utf8');
const WEIGHTS = [30, 25, 20, 15, 10];
const REC = { 'strong-hire': 'Strong Hire -', hire: 'Hire -', 'no-hire': 'No Hire -', 'strong-no-hire': 'Strong No Hire -' };

/** The template filled in (scores in rubric order, a recommendation by band id). */
function feedback({ candidate, interviewer, date, problem, scores, recommend }) {
  let i = 0;
  let t = TEMPLATE.replace('[Name]', candidate).replace('[Your Name]', interviewer).replace('[Date]', date).replace('[Problem Title]', problem).replace('[Years]', '8')
    .replace(/\[1-4\]/g, (m) => (i < scores.length ? String(scores[i++]) : m));
  const w = scores.length === 5 && scores.every((s) => s >= 1 && s <= 4) ? scores.reduce((s, x, k) => s + x * WEIGHTS[k], 0) / 100 : null;
  if (w !== null) t = t.replace('[Score]', w.toFixed(2));
  if (recommend) t = t.replace(`- [ ] ${REC[recommend]}`, `- [x] ${REC[recommend]}`);
  return t;
}

const clamp = (x) => Math.max(1, Math.min(4, x));
/** A panel of interviews: each candidate by three of four interviewers; Grace scores high, Ken low. */
function workspaceFiles() {
  const interviewers = { grace: ['Grace Hopper', 1], alan: ['Alan Turing', 0], barbara: ['Barbara Liskov', 0], ken: ['Ken Thompson', -1] };
  const candidates = [
    ['Ada Lovelace', '2024-03-04', 'URL Shortener', [3, 3, 3, 3, 3], ['grace', 'alan', 'ken']],
    ['Edsger Dijkstra', '2024-03-11', 'URL Shortener', [2, 3, 2, 2, 3], ['grace', 'barbara', 'ken']],
    ['Frances Allen', '2024-03-18', 'Distributed Payment Processing', [3, 4, 3, 3, 4], ['alan', 'barbara', 'ken']],
    ['John Backus', '2024-03-25', 'Distributed Payment Processing', [2, 2, 2, 3, 2], ['grace', 'alan', 'barbara']],
    ['Margaret Hamilton', '2024-04-01', 'News Feed', [3, 3, 4, 4, 3], ['grace', 'alan', 'ken']],
    ['Dennis Ritchie', '2024-04-08', 'News Feed', [2, 2, 3, 2, 2], ['grace', 'barbara', 'ken']],
  ];
  const files = {};
  let k = 0;
  for (const [name, date, problem, base, panel] of candidates) {
    for (const who of panel) {
      const [interviewer, bias] = interviewers[who];
      // A deterministic wobble so scores differ a little between panelists.
      const scores = base.map((s, d) => clamp(s + (d === (k % 5) ? bias : 0) + (d === 2 && k % 3 === 0 ? 1 : 0) - (d === 4 && k % 4 === 1 ? 1 : 0)));
      const w = scores.reduce((s, x, i) => s + x * WEIGHTS[i], 0) / 100;
      const recommend = w >= 3.5 ? 'strong-hire' : w >= 2.75 ? (k % 7 === 3 ? 'no-hire' : 'hire') : w >= 2 ? 'no-hire' : 'strong-no-hire';
      files[`${date}-${name.toLowerCase().replace(/\s+/g, '-')}-${who}.md`] = feedback({ candidate: name, interviewer, date, problem, scores, recommend });
      k++;
    }
  }
  files['2024-04-09-grace-draft.md'] = feedback({ candidate: 'Linus Torvalds', interviewer: 'Grace Hopper', date: '2024-04-09', problem: 'URL Shortener', scores: [3, 5], recommend: 'hire' });
  files['2024-04-10-other-kit.md'] = `<!-- sdi-kit: kit=acme-interviews rubric=3 -->\n${feedback({ candidate: 'Radia Perlman', interviewer: 'Alan Turing', date: '2024-04-10', problem: 'News Feed', scores: [3, 3, 3, 3, 3] })}`;
  return files;
}

describe('calibration report in the workbench (Chromium)', function () {
  let wb;
  let frame;
  const dir = () => join(WORKSPACE(), 'interview-feedback', 'calibration-e2e');
  const consoleProblems = [];

  before(async () => {
    mkdirSync(dir(), { recursive: true });
    for (const [name, text] of Object.entries(workspaceFiles())) writeFileSync(join(dir(), name), text);
    updateSettings({ 'sdi.calibration.minN': 3 });
    wb = await openWorkbench({ width: 1600, height: 1100 });
    wb.page.on('console', (m) => {
      const t = m.text();
      if (process.env.VERBOSE && m.type() === 'error') console.log('[console]', t);
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)|unsafe-eval/i.test(t)) consoleProblems.push(t);
    });
  });
  after(async () => { await wb?.close(); });

  it('Interview: Show Calibration shows every feedback, the figures and the unreadable file, with no CSP violation', async () => {
    await wb.runCommand('Interview: Show Calibration');
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('#rows tbody tr.row', { hasText: 'Margaret Hamilton' }).first().waitFor({ timeout: 60_000 });
    await frame.locator('html[data-rendered-version]').waitFor({ timeout: 20_000 });
    const mine = frame.locator('#rows tbody tr.row[data-file*="calibration-e2e/"]');
    assert.strictEqual(await mine.count(), 19, 'eighteen panel feedbacks and the draft');
    assert.match(await frame.locator('#rows tbody tr.not-counted').first().innerText(), /Linus Torvalds/);
    assert.match(await frame.locator('#rows tbody tr.not-counted').first().innerText(), /\d+ errors?/);
    // Four interviewers with their offsets (minN 3 here); Ken scores below the panel, Grace above.
    const grace = await frame.locator('#interviewer-table tr', { hasText: 'Grace Hopper' }).innerText();
    const ken = await frame.locator('#interviewer-table tr', { hasText: 'Ken Thompson' }).innerText();
    assert.match(grace, /\+0\.\d\d \(n \d+\)/, grace);
    assert.match(ken, /\u22120\.\d\d \(n \d+\)/, ken);
    assert.strictEqual(await frame.locator('#dimensions figure.card svg.sdi-plot').count(), 5, 'a chart per dimension');
    assert.strictEqual(await frame.locator('#interviewers svg.sdi-plot').count(), 1);
    assert.strictEqual(await frame.locator('#problems svg.sdi-plot').count(), 1);
    assert.match(await frame.locator('#agreement-exact dd').innerText(), /^\d+%$/);
    assert.match(await frame.locator('#agreement-alpha dd').innerText(), /^-?\d\.\d{3}$/);
    assert.match(await frame.locator('#unreadable').innerText(), /2024-04-10-other-kit\.md: .*acme-interviews/);
    const evidence = await frame.locator('body').evaluate(() => ({
      csp: document.documentElement.dataset.cspViolations ?? null,
      // VS Code's own `<style>` and the theme variables on `<html>` are the webview host's; none of the report's may have one.
      styles: document.querySelectorAll('#app style, #app [style]').length,
    }));
    assert.deepStrictEqual(evidence, { csp: null, styles: 0 }, 'no inline style reached the page, none was refused');
    assert.deepStrictEqual(consoleProblems, []);
    await wb.page.mouse.move(5, 5);
    await wb.screenshot('calibration-1-table-dark');
    await frame.locator('#interviewers').scrollIntoViewIfNeeded();
    await frame.locator('#dimensions').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await wb.screenshot('calibration-2-figures-dark');
  });

  it('sorts by a column and filters by interviewer and band', async () => {
    await frame.locator('#table-section').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await frame.locator('button.sort[data-sort="weighted"]').click();
    await frame.locator('th[aria-sort="descending"] button[data-sort="weighted"]').waitFor({ timeout: 5_000 });
    const weighted = async () => (await frame.locator('#rows tbody tr.row').evaluateAll((rows) => rows.map((r) => r.cells[2].textContent)));
    const desc = (await weighted()).filter((w) => w !== '\u2014').map(Number);
    assert.deepStrictEqual(desc, [...desc].sort((a, b) => b - a), 'weighted scores descend');
    await frame.locator('button.sort[data-sort="weighted"]').click();
    await frame.locator('th[aria-sort="ascending"] button[data-sort="weighted"]').waitFor({ timeout: 5_000 });
    const asc = (await weighted()).filter((w) => w !== '\u2014').map(Number);
    assert.deepStrictEqual(asc, [...asc].sort((a, b) => a - b), 'weighted scores ascend');

    await frame.locator('#f-interviewer').selectOption({ label: 'Ken Thompson' });
    await frame.locator('#table-count', { hasText: /match the filters/ }).waitFor({ timeout: 5_000 });
    const interviewers = await frame.locator('#rows tbody tr.row').evaluateAll((rows) => [...new Set(rows.map((r) => r.cells[6].textContent))]);
    assert.deepStrictEqual(interviewers, ['Ken Thompson']);
    /** The rows shown: file and band (the fourth column: candidate, date, weighted, band). */
    const shown = () => frame.locator('#rows tbody tr.row').evaluateAll((rows) => rows.map((r) => ({ file: r.dataset.file, band: r.cells[3].textContent })));
    const kens = await shown();
    // Ken's five rows hold three Hire bands and two Strong No Hire: the filter has rows to keep and rows to drop.
    const hires = kens.filter((r) => r.band === 'Hire').map((r) => r.file);
    assert.ok(hires.length > 0 && hires.length < kens.length, `Ken's rows: ${JSON.stringify(kens)}`);
    await frame.locator('#f-band').selectOption('hire');
    await frame.locator('#table-count', { hasText: new RegExp(`^${hires.length} of \\d+ feedbacks match the filters`) }).waitFor({ timeout: 5_000 });
    const banded = await shown();
    assert.deepStrictEqual(banded.map((r) => r.file).sort(), hires.sort(), 'the band filter shows exactly Ken\'s Hire rows');
    assert.ok(banded.every((r) => r.band === 'Hire'), JSON.stringify(banded));
    await frame.locator('#f-reset').click();
    await frame.locator('#table-count', { hasText: /^\d+ of \d+ feedbacks\. / }).waitFor({ timeout: 5_000 });
  });

  it('follows a feedback file changed on disk without a reload', async () => {
    const name = '2024-04-08-dennis-ritchie-ken.md';
    const row = frame.locator(`#rows tbody tr.row[data-file$="${name}"]`);
    const before = await row.innerText();
    assert.doesNotMatch(before, /\b4\.00\b/);
    const version = Number(await frame.locator('html').getAttribute('data-rendered-version'));
    // Every row the update moves or adds is recorded: only the changed file's row may be (a row moved
    // is styled and laid out again, and with it the whole table).
    const others = await frame.locator('#rows tbody').evaluate((tbody, name) => {
      const rows = [...tbody.querySelectorAll('tr.row')];
      const changed = rows.findIndex((tr) => tr.dataset.file.endsWith(name));
      window.sdiMoved = [];
      window.sdiMoves = new MutationObserver((records) => { for (const r of records) for (const n of r.addedNodes) window.sdiMoved.push(n.dataset?.file ?? n.nodeName); });
      window.sdiMoves.observe(tbody, { childList: true });
      return { after: rows.length - 1 - changed, changed };
    }, name);
    assert.ok(others.changed >= 0 && others.after > 0, `the changed row should have rows after it: ${JSON.stringify(others)}`);
    writeFileSync(join(dir(), name), feedback({ candidate: 'Dennis Ritchie', interviewer: 'Ken Thompson', date: '2024-04-08', problem: 'News Feed', scores: [4, 4, 4, 4, 4], recommend: 'strong-hire' }));
    await frame.locator(`#rows tbody tr.row[data-file$="${name}"]`, { hasText: '4.00' }).waitFor({ timeout: 30_000 });
    assert.ok(Number(await frame.locator('html').getAttribute('data-rendered-version')) > version);
    assert.match(await row.innerText(), /Strong Hire/);
    const moved = await frame.locator('#rows tbody').evaluate(() => { window.sdiMoves.disconnect(); return window.sdiMoved; });
    assert.deepStrictEqual(moved.map((f) => f.split('/').pop()), [name], 'only the changed row is put into the table');
  });

  it('a click on a candidate opens the file at its scores block', async () => {
    await frame.locator('#rows tbody tr.row', { hasText: 'Frances Allen' }).first().locator('button.open-row').click();
    await wb.page.locator('.tabs-container .tab', { hasText: /frances-allen/ }).first().waitFor({ timeout: 20_000 });
    await wb.page.locator('.monaco-editor .current-line ~ *, .monaco-editor .view-line', { hasText: 'Scores (Weighted)' }).first().waitFor({ timeout: 10_000 });
  });

  it('reads well in the light theme', async () => {
    await wb.showWebviewTab('Calibration');
    await wb.setTheme('Light Modern', 'vs');
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('body.vscode-light #rows tbody tr.row').first().waitFor({ timeout: 30_000 });
    await wb.page.mouse.move(5, 5);
    // Every text of the report, the table and the figures, at WCAG AA contrast against its background.
    assert.deepStrictEqual(await lowContrast(frame, '#app'), [], 'text below WCAG AA contrast in the light theme');
    await wb.screenshot('calibration-3-table-light');
    await frame.locator('#dimensions').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await wb.screenshot('calibration-4-figures-light');
    await wb.setTheme('Dark Modern', 'vs-dark');
  });

  it('at a 900 px editor: candidate, date, weighted, band, recommendation and issues are in view; the date filters show and take YYYY-MM-DD', async () => {
    await wb.showWebviewTab('Calibration');
    // The window resized until the report's editor group (beside the file the click opened) is 900 px wide;
    // the groups keep their proportions.
    const reportWidth = async () => (await wb.page.locator('iframe.webview.ready').last().boundingBox()).width;
    const groups = await wb.page.locator('.part.editor .editor-group-container').count();
    const viewport = wb.page.viewportSize();
    await wb.page.setViewportSize({ width: Math.round(viewport.width + groups * (900 - (await reportWidth()))), height: viewport.height });
    await wb.page.waitForFunction(() => Math.abs([...document.querySelectorAll('iframe.webview.ready')].pop().getBoundingClientRect().width - 900) < 3, undefined, { timeout: 10_000 });
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('#table-section').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const seen = await frame.locator('body').evaluate(() => {
      const area = document.querySelector('.table-scroll').getBoundingClientRect();
      const right = Math.min(area.right, document.documentElement.clientWidth);
      const headers = ['candidate', 'date', 'weighted', 'band', 'recommendation', 'issues'].map((key) => {
        const th = document.querySelector(`#rows thead button.sort[data-sort="${key}"]`).closest('th').getBoundingClientRect();
        return { key, inView: th.left >= area.left - 0.5 && th.right <= right + 0.5 && th.width > 0 };
      });
      return { page: document.documentElement.clientWidth, headers };
    });
    assert.ok(seen.page > 820 && seen.page <= 900, `the report is ${seen.page} px wide`);
    assert.deepStrictEqual(seen.headers.filter((h) => !h.inView).map((h) => h.key), [], 'header cells outside the visible table');
    await wb.page.mouse.move(5, 5);
    await wb.screenshot('calibration-5-table-900px');

    const from = frame.locator('#f-from');
    const to = frame.locator('#f-to');
    assert.deepStrictEqual([await from.getAttribute('type'), await from.getAttribute('placeholder'), await to.getAttribute('placeholder')], ['text', 'YYYY-MM-DD', 'YYYY-MM-DD']);
    const dates = () => frame.locator('#rows tbody tr.row').evaluateAll((rows) => rows.map((r) => r.cells[1].textContent));
    await from.fill('2024-03-25');
    await frame.locator('#table-count', { hasText: /match the filters/ }).waitFor({ timeout: 5_000 });
    const after = await dates();
    assert.ok(after.length > 0 && after.every((d) => d >= '2024-03-25'), JSON.stringify(after));
    assert.strictEqual(await from.inputValue(), '2024-03-25', 'the filter shows the date as the table does');
    // A date in another form: a clear message, and the table keeps the filters it had.
    await to.fill('04/01/2024');
    await to.press('Tab');
    await frame.locator('#f-date-error', { hasText: 'To: "04/01/2024" is not a date; write a date as YYYY-MM-DD, e.g. 2024-03-15.' }).waitFor({ timeout: 5_000 });
    assert.strictEqual(await to.getAttribute('aria-invalid'), 'true');
    assert.deepStrictEqual(await dates(), after);
    await wb.screenshot('calibration-6-date-filter-900px');
    await to.fill('2024-04-01');
    await frame.locator('#f-date-error:empty').waitFor({ state: 'attached', timeout: 5_000 });
    const between = await dates();
    assert.ok(between.length > 0 && between.every((d) => d >= '2024-03-25' && d <= '2024-04-01'), JSON.stringify(between));
    assert.strictEqual(await to.getAttribute('aria-invalid'), null);
    await frame.locator('#f-reset').click();
    assert.deepStrictEqual([await from.inputValue(), await to.inputValue()], ['', '']);
  });
});
