// Interview loops in a real workbench: a workspace with three loops (one past, one today, one to
// come) shows the Loops group by stage and `1 feedback due` in the status bar for the interviewer
// (sdi.feedback.interviewer); Start Interview offers today's loop interview first, and an Enter
// the moment the pick shows starts it, with its focus in the timer panel; the status bar's click
// creates the feedback that is due from its loop.
import assert from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { openWorkbench, WORKSPACE } from './workbench.mjs';

/** `YYYY-MM-DD` of today plus `days`, in the local time zone (the extension's "today"). */
function day(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const loop = (candidate, date, problem, focus) => `candidate: ${candidate}
date: ${date}
minCoverage: 1
interviews:
  - interviewer: Alex Chen
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
