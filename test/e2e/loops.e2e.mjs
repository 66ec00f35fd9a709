// Interview loops in a real workbench: a workspace with three loops (one past, one today, one to
// come) shows the Loops group by stage and `1 feedback due` in the status bar for the interviewer
// (sdi.feedback.interviewer); Start Interview offers today's loop interview first, and an Enter
// the moment the pick shows starts it, with its focus in the timer panel; the status bar's click
// creates the feedback that is due from its loop. In a workspace with a team kit and loops in every
// stage, one with its feedback submitted, each row of the tree reads whole at the default sidebar width.
import assert from 'node:assert';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openWorkbench, WORKSPACE } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** `YYYY-MM-DD` of today plus `days`, in the local time zone (the extension's "today"). */
function day(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const loop = (candidate, date, problem, focus, interviewer = 'Alex Chen') => `candidate: ${candidate}
date: ${date}
minCoverage: 1
interviews:
  - interviewer: ${interviewer}
    problem: ${problem}
    focus: [${focus.join(', ')}]
`;

/** A workspace beside this file's test workspace, with the three loops and the interviewer's name set. */
function loopsWorkspace() {
  const ws = join(dirname(WORKSPACE()), 'loops-workspace');
  mkdirSync(join(ws, 'loops'), { recursive: true });
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'sdi.feedback.interviewer': 'Alex Chen' }));
  writeFileSync(join(ws, 'loops', 'past.loop.yaml'), loop('Priya Raman', day(-3), 'global-social-media-feed', ['technical-architecture']));
  writeFileSync(join(ws, 'loops', 'today.loop.yaml'), loop('Jordan Lee', day(0), 'distributed-payment-processing', ['scalability-performance', 'distributed-systems-knowledge']));
  writeFileSync(join(ws, 'loops', 'later.loop.yaml'), loop('Sam Kim', day(5), 'real-time-analytics-platform', ['communication-leadership']));
  return ws;
}

describe('interview loops in the workbench (Chromium)', function () {
  let wb;
  before(async () => { wb = await openWorkbench({ folder: loopsWorkspace() }); });
  after(async () => { await wb?.close(); });

  it('shows the Loops group by stage and "1 feedback due" in the status bar', async () => {
    await wb.showGuideView();
    for (const label of ['Loops', 'Upcoming', 'Today', 'Feedback due', 'Priya Raman', 'Jordan Lee', 'Sam Kim']) await wb.treeRow(label).waitFor({ timeout: 30_000 });
    const rows = await wb.page.locator('.pane-body .monaco-list-row').allInnerTexts();
    const at = (label) => rows.findIndex((r) => r.includes(label));
    assert.ok(at('Upcoming') < at('Sam Kim') && at('Sam Kim') < at('Today') && at('Today') < at('Jordan Lee') && at('Jordan Lee') < at('Feedback due') && at('Feedback due') < at('Priya Raman'),
      `the stages and their loops are out of order: ${rows.join(' | ')}`);
    assert.ok(at('Priya Raman') < at('Interview Guide'), `the Loops group is not first: ${rows.join(' | ')}`);
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: '1 feedback due' }).first().waitFor({ timeout: 30_000 });
    await wb.screenshot('loops-1-group');
  });

  it('offers today\'s loop interview first in Start Interview; Enter as the pick shows starts it, with its focus in the timer', async () => {
    await wb.runCommand('Interview: Start Interview');
    await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Jordan Lee · Design a Distributed Payment Processing System · focus: Scalability & Performance, Distributed Systems Knowledge' }).first().waitFor({ timeout: 15_000 });
    await wb.page.keyboard.press('Enter');
    const focus = wb.guideFrame().locator('.timer-focus');
    await focus.waitFor({ timeout: 30_000 });
    assert.strictEqual((await focus.innerText()).trim(), 'Focus: Scalability & Performance, Distributed Systems Knowledge');
    // The candidate came from the loop: no prompt for it, and the feedback file is the candidate's.
    assert.strictEqual(await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'Start Interview:' }).isVisible(), false);
    await wb.page.locator('.tabs-container .tab', { hasText: `${day(0)}-jordan-lee.md` }).first().waitFor({ timeout: 15_000 });
    await wb.screenshot('loops-2-started-from-loop');
    await wb.resetTimer();
  });

  it('opens the feedback that is due from the status bar, created from its loop', async () => {
    await wb.page.locator('.part.statusbar .statusbar-item', { hasText: '1 feedback due' }).first().click();
    await wb.page.locator('.tabs-container .tab', { hasText: `${day(-3)}-priya-raman.md` }).first().waitFor({ timeout: 15_000 });
    const editor = await wb.page.locator('.editor-instance .view-lines').first().innerText();
    assert.match(editor.replace(/\u00a0/g, ' '), /Interviewer:\*\* Alex Chen/);
    await wb.screenshot('loops-3-feedback-due-opened');
  });
});

/**
 * The loops workspace's three loops plus a team kit (the example kit as .interview-kit/) and a loop
 * whose one interview has submitted feedback (test/fixtures/editor/filled.md sealed by `sdi-feedback
 * --submit`); the loops name the built-in guide, which is no longer the workspace's default kit.
 */
function rowsWorkspace() {
  const ws = join(dirname(WORKSPACE()), 'tree-rows-workspace');
  mkdirSync(join(ws, 'loops'), { recursive: true });
  mkdirSync(join(ws, 'interview-feedback'), { recursive: true });
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  writeFileSync(join(ws, '.vscode', 'settings.json'), JSON.stringify({ 'sdi.feedback.interviewer': 'Alex Chen' }));
  cpSync(join(ROOT, 'examples/kit'), join(ws, '.interview-kit'), { recursive: true });
  const builtIn = (text) => `kit: builtin\n${text}`;
  writeFileSync(join(ws, 'loops', 'past.loop.yaml'), builtIn(loop('Priya Raman', day(-3), 'global-social-media-feed', ['technical-architecture'])));
  writeFileSync(join(ws, 'loops', 'today.loop.yaml'), builtIn(loop('Jordan Lee', day(0), 'distributed-payment-processing', ['scalability-performance'])));
  writeFileSync(join(ws, 'loops', 'later.loop.yaml'), builtIn(loop('Sam Kim', day(5), 'real-time-analytics-platform', ['communication-leadership'])));
  writeFileSync(join(ws, 'loops', 'done.loop.yaml'), builtIn(loop('Ada Lovelace', '2026-11-20', 'global-social-media-feed', ['technical-architecture'], 'Grace Hopper')));
  const submitted = join(ws, 'interview-feedback', '2026-11-20-ada-lovelace.md');
  copyFileSync(join(ROOT, 'test/fixtures/editor/filled.md'), submitted);
  execFileSync(process.execPath, [join(ROOT, 'dist/cli.js'), '--submit', submitted]);
  return ws;
}

describe('the tree\'s rows at the default sidebar width (Chromium)', function () {
  let wb;
  before(async () => { wb = await openWorkbench({ folder: rowsWorkspace() }); });
  after(async () => { await wb?.close(); });

  it('shows every row\'s label and description whole: loops, the kit and the built-in guide', async () => {
    await wb.showGuideView();
    for (const label of ['Complete', 'Ada Lovelace', 'Feedback due', 'Priya Raman', 'Acme Backend Interview Kit', 'Rate Limiter', 'Interview Guide']) await wb.treeRow(label).waitFor({ timeout: 30_000 });
    const sidebar = await wb.page.locator('.part.sidebar').boundingBox();
    await wb.screenshot('loops-4-rows-default-width');
    // The list draws only the rows in view: scrolled through to read them all, each as drawn.
    const list = wb.page.locator('.part.sidebar .pane-body .monaco-list').first();
    const rows = new Map();
    for (let unchanged = 0; unchanged < 2;) {
      // Every group expanded: the kit's rubric and plan start collapsed.
      const collapsed = list.locator('.monaco-list-row[aria-expanded="false"]').first();
      if (await collapsed.count()) {
        const label = await collapsed.locator('.label-name').textContent();
        await collapsed.locator('.monaco-tl-twistie').click();
        await list.locator('.monaco-list-row[aria-expanded="true"]').filter({ has: wb.page.getByText(label, { exact: true }) }).first().waitFor({ timeout: 10_000 });
        unchanged = 0;
        continue;
      }
      const seen = await list.locator('.monaco-list-row[aria-level]').evaluateAll((els) => els.map((e) => {
        const container = e.querySelector('.monaco-icon-label-container');
        return {
          level: Number(e.getAttribute('aria-level')),
          label: e.querySelector('.label-name')?.textContent ?? '',
          description: e.querySelector('.label-description')?.textContent ?? '',
          scrollWidth: container?.scrollWidth ?? 0,
          clientWidth: container?.clientWidth ?? 0,
        };
      }));
      const before = rows.size;
      for (const r of seen) rows.set(`${r.level} ${r.label} | ${r.description}`, r);
      unchanged = rows.size === before ? unchanged + 1 : 0;
      await list.hover();
      await wb.page.mouse.wheel(0, 300);
      // The list scrolls as the wheel event is handled and draws its new rows in the next frame.
      await wb.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    await wb.screenshot('loops-5-rows-expanded-end');
    const all = [...rows.values()];
    assert.ok(all.length > 60, `only ${all.length} rows read`);
    const cut = all.filter((r) => r.scrollWidth > r.clientWidth);
    assert.deepStrictEqual(cut.map((r) => `${r.label} | ${r.description} (${r.scrollWidth} px in ${r.clientWidth})`), [], `rows cut off in a sidebar ${sidebar.width} px wide`);
  });
});
