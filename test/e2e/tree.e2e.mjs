// The sidebar tree in a real workbench: the activity-bar entry, the guide's groups, problems and
// topics, and an item opened in the guide panel.
import assert from 'node:assert';
import { openWorkbench } from './workbench.mjs';

describe('guide tree in the workbench (Chromium)', function () {
  let wb;
  before(async () => { wb = await openWorkbench(); });
  after(async () => { await wb?.close(); });

  it('shows the activity-bar entry and the guide groups', async () => {
    await wb.showGuideView();
    for (const label of ['Interview Guide', 'Problems', 'Advanced Topics', 'Common Scenarios', 'Evaluation Rubric']) {
      await wb.treeRow(label).waitFor({ timeout: 30_000 });
    }
    await wb.screenshot('tree-1-groups');
  });

  it('shows problem categories expanded to their sample problems', async () => {
    await wb.treeRow('Global Social Media Feed').waitFor({ timeout: 10_000 });
    const rows = await wb.page.locator('.pane-body .monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => r.includes('Circuit Breaker Pattern')), `topics missing from: ${rows.join(' | ')}`);
    await wb.screenshot('tree-2-problems');
  });

  it('opens a problem in the guide panel with its text', async () => {
    await wb.treeRow('Global Social Media Feed').click();
    const frame = wb.guideFrame();
    await frame.locator('h3', { hasText: 'Problem 1: Design a Global Social Media Feed' }).waitFor({ timeout: 30_000 });
    const text = await frame.locator('#content').innerText();
    assert.match(text, /500 million daily active users/);
    await wb.screenshot('tree-3-opened-problem');
  });

  it('finds an item through the search action', async () => {
    await wb.runCommand('Interview: Find in Guide…');
    await wb.choose('Textbook', 'Textbook Answers');
    await wb.guideFrame().locator('h3', { hasText: 'Scenario 3: Candidate Gives Textbook Answers' }).waitFor({ timeout: 30_000 });
    await wb.screenshot('tree-4-found-item');
  });
});
