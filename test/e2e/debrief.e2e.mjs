// The debrief page in a real workbench: "Interview: Open Debrief" over a loop of four interviews for
// Priya Raman with three feedbacks (a disagreement on Technical Architecture, notes as evidence, one
// interview missing), picked from the palette; the disagreement first and marked in words; a note
// opening its file; Write Debrief Summary writing the summary; and hostile names, problem titles and
// notes shown as text under the page's strict CSP; the page back after a window reload; the loop file
// broken, named under Files not read and opened from there. Screenshots in dark and light themes
// (test-results/debrief-*.png).
import assert from 'node:assert';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench, updateSettings, WORKSPACE } from './workbench.mjs';

const TEMPLATE = readFileSync(new URL('../../content/feedback-template.md', import.meta.url), 'utf8');
const WEIGHTS = [30, 25, 20, 15, 10];
const HOSTILE_NAME = 'Dana <img src=x onerror="window.__sdiPwned=1"> Scully';
const HOSTILE_PROBLEM = '<script>window.__sdiPwned=2</script>Payments';
const HOSTILE_NOTE = '<img src=x onerror="window.__sdiPwned=3"> no cache layer until asked';

/** The template filled in: scores in rubric order, a recommendation, and notes under a phase. */
function feedback({ interviewer, problem, scores, recommend, notes }) {
  let i = 0;
  let t = TEMPLATE.replace('[Name]', 'Priya Raman').replace('[Your Name]', interviewer).replace('[Date]', '2026-12-10').replace('[Problem Title]', problem).replace('[Years]', '8')
    .replace(/\[1-4\]/g, (m) => (i < scores.length ? String(scores[i++]) : m));
  t = t.replace('[Score]', (scores.reduce((s, x, k) => s + x * WEIGHTS[k], 0) / 100).toFixed(2));
  t = t.replace(`- [ ] ${recommend} -`, `- [x] ${recommend} -`);
  return `${t}\n## Interview Notes\n\n### High-Level Design\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
}

/** The integration test's loop, its panelist without feedback given a hostile name. */
const LOOP = readFileSync(new URL('../fixtures/loops/debrief-panel.loop.yaml', import.meta.url), 'utf8').replace('interviewer: Dana Scully', `interviewer: '${HOSTILE_NAME}'`);

describe('the debrief page in the workbench (Chromium)', function () {
  let wb;
  let frame;
  const dir = () => join(WORKSPACE(), 'debrief-e2e');
  const consoleProblems = [];

  before(async () => {
    mkdirSync(join(dir(), 'interview-feedback'), { recursive: true });
    writeFileSync(join(dir(), 'priya.loop.yaml'), LOOP);
    const files = {
      alex: feedback({ interviewer: 'Alex Chen', problem: 'Design a Global Social Media Feed', scores: [4, 3, 3, 3, 3], recommend: 'Hire', notes: ['[14:20] +arch sharded the feed by user id, fan-out on write for most users', '[18:05] #comm walked through the trade-offs'] }),
      sam: feedback({ interviewer: 'Sam Okafor', problem: HOSTILE_PROBLEM, scores: [2, 3, 3, 3, 3], recommend: 'No Hire', notes: [`[15:00] -arch ${HOSTILE_NOTE}`, '[22:30] +scale sized the ledger shards'] }),
      grace: feedback({ interviewer: 'Grace Hopper', problem: 'Real-time Analytics Platform', scores: [3, 3, 2, 3, 4], recommend: 'Hire', notes: ['[21:40] -dist missed the partition rebalancing'] }),
    };
    for (const [who, text] of Object.entries(files)) writeFileSync(join(dir(), 'interview-feedback', `2026-12-10-priya-raman-${who}.md`), text);
    // Not a panelist: the whole debrief shows (blind mode is for the panel).
    updateSettings({ 'sdi.feedback.interviewer': 'Hiring Manager' });
    wb = await openWorkbench({ width: 1600, height: 1100 });
    wb.page.on('console', (m) => {
      const t = m.text();
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)|unsafe-eval/i.test(t)) consoleProblems.push(t);
    });
  });
  after(async () => { await wb?.close(); });

  it('Interview: Open Debrief picks the candidate and draws the panel, the disagreement first with its evidence, hostile text inert', async () => {
    await wb.runCommand('Interview: Open Debrief');
    await wb.pickExact('Priya Raman');
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('html[data-rendered-version]').waitFor({ timeout: 60_000 });
    await frame.locator('h1', { hasText: 'Debrief: Priya Raman' }).waitFor({ timeout: 20_000 });
    const first = frame.locator('#dimension-table tbody tr').first();
    assert.strictEqual(await first.getAttribute('data-dimension'), 'technical-architecture');
    assert.match(await first.innerText(), /Disagreement: spread 2 \u2265 2/);
    assert.strictEqual(await frame.locator('#dimension-table tbody tr.disagreement').count(), 1);
    const evidence = frame.locator('#evidence .evidence.disagreement');
    assert.match(await evidence.innerText(), /sharded the feed by user id/);
    assert.ok((await evidence.innerText()).includes(HOSTILE_NOTE), 'the hostile note shows as text');
    assert.ok((await frame.locator('#panel').innerText()).includes(HOSTILE_PROBLEM), 'the hostile problem title shows as text');
    const missing = await frame.locator('#missing').innerText();
    assert.ok(missing.includes(HOSTILE_NAME), 'the hostile panelist shows as text');
    assert.ok(missing.includes('Design a Global Social Media Feed'), `the missing interview's problem by its title, not the loop's id: ${missing}`);
    const inert = await frame.locator('body').evaluate(() => ({
      csp: document.documentElement.dataset.cspViolations ?? null,
      pwned: window.__sdiPwned ?? null,
      injected: document.querySelectorAll('#app img, #app script, #app iframe, #app [onerror]').length,
      styles: document.querySelectorAll('#app style, #app [style]').length,
    }));
    assert.deepStrictEqual(inert, { csp: null, pwned: null, injected: 0, styles: 0 });
    assert.deepStrictEqual(consoleProblems, []);
    await wb.page.mouse.move(5, 5);
    await wb.screenshot('debrief-1-panel-dark');
    await frame.locator('#evidence').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await wb.screenshot('debrief-2-evidence-dark');
  });

  it('follows the theme: light', async () => {
    await wb.setTheme('Light Modern', 'vs');
    await frame.locator('#dimensions').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    const colours = await frame.locator('#dimension-table tr.disagreement th').first().evaluate((e) => ({ bg: getComputedStyle(document.body).backgroundColor, mark: getComputedStyle(e.querySelector('.disagreement-mark')).color }));
    assert.strictEqual(colours.bg, 'rgb(255, 255, 255)', 'the page takes the light theme\'s editor background');
    await wb.page.mouse.move(5, 5);
    await wb.screenshot('debrief-3-dimensions-light');
    await wb.setTheme('Dark Modern', 'vs-dark');
  });

  it('a click on a note opens its file; Write Debrief Summary writes the summary beside the loop and opens it', async () => {
    await frame.locator('#evidence button.note', { hasText: 'sharded the feed' }).click();
    await wb.page.locator('.tab', { hasText: '2026-12-10-priya-raman-alex.md' }).first().waitFor({ timeout: 20_000 });
    await frame.locator('#write-summary').click();
    await wb.page.locator('.tab', { hasText: '2026-12-10-priya-raman-debrief.md' }).first().waitFor({ timeout: 20_000 });
    assert.deepStrictEqual(readdirSync(dir()).filter((f) => f.endsWith('-debrief.md')), ['2026-12-10-priya-raman-debrief.md']);
    const summary = readFileSync(join(dir(), '2026-12-10-priya-raman-debrief.md'), 'utf8');
    assert.match(summary, /^# Debrief: Priya Raman$/m);
    assert.ok(!summary.includes('<img src=x'), 'the summary escapes the hostile name');
    // The summary opened beside the page, which is now half as wide: the panel scrolls sideways rather
    // than breaking a word of its cells in the middle ("Architectur-e"). A run of over 16 characters
    // (the hostile name's markup) may still wrap anywhere.
    await frame.locator('html').evaluate((html) => new Promise((resolve, reject) => {
      const narrow = () => html.clientWidth < 900;
      if (narrow()) return resolve();
      const watch = new ResizeObserver(() => { if (narrow()) { watch.disconnect(); resolve(); } });
      watch.observe(html);
      setTimeout(() => reject(new Error(`the page stayed ${html.clientWidth}px wide`)), 10_000);
    }));
    const broken = await frame.locator('#panel-table').evaluate((table) => {
      const words = [];
      const texts = document.createTreeWalker(table, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        for (const m of node.data.matchAll(/\S+/g)) {
          if (m[0].length > 16) continue;
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) words.push(m[0]);
        }
      }
      return words;
    });
    assert.deepStrictEqual(broken, [], 'no word of the panel is broken across lines in a half-width editor');
    await wb.screenshot('debrief-4-summary-dark');
  });

  it('comes back with its candidate after a window reload', async () => {
    // Developer: Reload Window, as a user does: the workbench shuts down in order, saving the page's state.
    await wb.reloadWindow();
    frame = wb.page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    await frame.locator('html[data-rendered-version]').waitFor({ timeout: 60_000 });
    await frame.locator('h1', { hasText: 'Debrief: Priya Raman' }).waitFor({ timeout: 20_000 });
    assert.strictEqual(await frame.locator('#dimension-table tbody tr').first().getAttribute('data-dimension'), 'technical-architecture');
    assert.strictEqual(await wb.page.locator('.tab', { hasText: 'Debrief: Priya Raman' }).count(), 1, 'one debrief tab, titled for its candidate');
  });

  it('names the loop file and a panelist\'s feedback when they no longer read, with their errors, and opens them from there', async () => {
    await wb.setTheme('Dark Modern', 'vs-dark');
    writeFileSync(join(dir(), 'priya.loop.yaml'), LOOP.replace('date: 2026-12-10', 'date: 2026-12-32'));
    // The fourth panelist's feedback, written without its scores block: it names Priya, so her debrief lists it.
    const unscored = feedback({ interviewer: 'Dana Scully', problem: 'Design a Global Social Media Feed', scores: [3, 3, 3, 3, 3], recommend: 'Hire', notes: [] });
    assert.ok(unscored.includes('### Scores (Weighted)'));
    writeFileSync(join(dir(), 'interview-feedback', '2026-12-10-priya-raman-dana.md'), unscored.replace('### Scores (Weighted)', '### Marks'));
    const notRead = frame.locator('#not-read', { hasText: 'priya.loop.yaml' }).filter({ hasText: 'priya-raman-dana.md' });
    await notRead.waitFor({ timeout: 20_000 });
    const text = await notRead.innerText();
    assert.match(text, /Files not read \(2\)/);
    assert.match(text, /debrief-e2e\/interview-feedback\/2026-12-10-priya-raman-dana\.md: no scores block/);
    assert.match(text, /debrief-e2e\/priya\.loop\.yaml: date: must be a date written YYYY-MM-DD/);
    assert.ok((await frame.locator('#panel').innerText()).includes('Grace Hopper'), 'the feedback is still shown');
    await wb.screenshot('debrief-5-not-read-dark');
    await notRead.locator('button.open', { hasText: 'priya.loop.yaml' }).click();
    await wb.page.locator('.tab.active', { hasText: 'priya.loop.yaml' }).first().waitFor({ timeout: 20_000 });
  });
});
