// Live interview notes in a real workbench (issue 8): start with a candidate (the feedback file opens
// beside the guide), three notes by keybinding (from the editor and from the guide panel), two from
// the panel's note field (which survives the timer's renders with its text and focus), one guide
// question logged as asked, next phase, a window reload, one more note, a deep-dive point asked from
// the timer, finish, and the hover on a score line showing its evidence. Screenshots in
// test-results/notes-*.png.
import assert from 'node:assert';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, openWorkbench, WORKSPACE } from './workbench.mjs';

const CANDIDATE = 'Ada Lovelace';

/** Add Note's default keybinding as the manifest has it (this platform's), in Playwright's terms: `ctrl+alt+m` -> `Control+Alt+KeyM`. */
const ADD_NOTE_KEY = (() => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  const binding = pkg.contributes.keybindings.find((k) => k.command === 'sdi.addNote');
  assert.ok(binding, 'sdi.addNote has no keybinding');
  const names = { ctrl: 'Control', alt: 'Alt', shift: 'Shift', meta: 'Meta', cmd: 'Meta' };
  return binding.key.split('+').map((k) => names[k] ?? (/^[a-z]$/.test(k) ? `Key${k.toUpperCase()}` : k)).join('+');
})();

/** Waits until `read` returns `want`. */
async function until(read, want, what, timeout = 10_000) {
  let got;
  await eventually(async () => (got = await read()) === want, `${what} ${JSON.stringify(want)}`, { timeout, describe: () => `it is ${JSON.stringify(got)}` });
}

const feedbackDir = () => join(WORKSPACE(), 'interview-feedback');
/** The feedback files there before these tests ran (other test files write feedback for the same candidate name). */
let existing = new Set();
/**
 * The candidate's feedback file these tests' interview created, once it exists: the one file that
 * was not there before them (two would mean their one Start Interview wrote two).
 */
function feedbackFile() {
  const dir = feedbackDir();
  if (!existsSync(dir)) return undefined;
  const mine = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && !existing.has(f) && readFileSync(join(dir, f), 'utf8').includes(`**Candidate:** ${CANDIDATE}`));
  assert.ok(mine.length <= 1, `one interview wrote several feedback files: ${mine.join(', ')}`);
  return mine.length ? join(dir, mine[0]) : undefined;
}

/** Waits until the file on disk holds what `test(text)` asks for; returns the text. */
async function fileMatching(test, what, timeout = 20_000) {
  let text = '';
  return eventually(() => {
    const file = feedbackFile();
    text = file ? readFileSync(file, 'utf8') : '';
    return file && test(text) ? text : undefined;
  }, `${what} in the feedback file`, { timeout, every: 200, describe: () => `it ends:\n${text.slice(-1500)}` });
}

/** The notes section of the file: the lines from `## Interview Notes` on. */
const notesOf = (text) => text.slice(text.indexOf('## Interview Notes')).split(/\r?\n/);
/** The 0-based index of the note holding `fragment`, in the notes section, and of the phase heading it is under. */
function placeOf(text, fragment) {
  const lines = notesOf(text);
  const i = lines.findIndex((l) => l.includes(fragment));
  assert.ok(i >= 0, `no note holding "${fragment}"`);
  let h = i;
  while (h >= 0 && !lines[h].startsWith('### ')) h--;
  return { line: lines[i], phase: h >= 0 ? lines[h].slice(4).trim() : undefined, index: i };
}
const NOTE = /^- \[(\d\d):(\d\d)\] /;

/** Takes a note with the Add Note keybinding from wherever focus is; checks the input says the phase and time. */
async function noteByKey(wb, text, phase) {
  const page = wb.page;
  await page.keyboard.press(ADD_NOTE_KEY);
  const widget = page.locator('.quick-input-widget');
  await widget.locator('input').waitFor({ state: 'visible', timeout: 10_000 });
  const title = await widget.innerText();
  assert.match(title, new RegExp(`${phase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · \\d\\d:\\d\\d into the interview`), `the input does not say the phase and time: ${title}`);
  await widget.locator('input').fill(text);
  await page.keyboard.press('Enter');
  await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  await fileMatching((t) => t.includes(text), `the note "${text}"`);
}

/** Runs a palette command and waits for the status bar to name `phase`. */
async function commandToPhase(wb, title, phase) {
  await wb.runCommand(title);
  await wb.page.locator('.part.statusbar .statusbar-item-label', { hasText: phase }).first().waitFor({ timeout: 15_000 });
}

describe('live interview notes in the workbench (Chromium)', function () {
  let wb;
  before(async () => {
    existing = new Set(existsSync(feedbackDir()) ? readdirSync(feedbackDir()) : []);
    wb = await openWorkbench({ width: 1500, height: 1000 });
  });
  afterEach(async function () {
    // What the workbench showed when a step failed, and the text of a modal dialog left open (the log
    // of a CI run is all there is to read).
    if (this.currentTest?.state === 'failed') {
      await wb?.screenshot(`notes-failed-${this.currentTest.title.slice(0, 40).replace(/[^A-Za-z0-9]+/g, '-')}`).catch(() => {});
      const dialog = await wb?.dialogText().catch(() => undefined);
      if (dialog) console.log(`      a modal dialog is open: ${JSON.stringify(dialog)}`);
    }
  });
  after(async () => { await wb?.close(); });

  it('Start Interview asks for the candidate and opens their feedback file beside the guide', async () => {
    const page = wb.page;
    // From no interview (Start would ask whether to throw a running one away).
    await wb.resetTimer();
    await wb.runCommand('Interview: Start Interview');
    await wb.choose('Global Social Media Feed');
    const widget = page.locator('.quick-input-widget', { hasText: /candidate/i }).first();
    await widget.waitFor({ timeout: 15_000 });
    await widget.locator('input').fill(CANDIDATE);
    await page.keyboard.press('Enter');
    await page.locator('.part.statusbar .statusbar-item-label', { hasText: /Problem Introduction/ }).first().waitFor({ timeout: 20_000 });
    const text = await fileMatching((t) => t.includes(`**Candidate:** ${CANDIDATE}`), 'the scaffolded file');
    assert.match(text, /^\*\*Problem Used:\*\* Design a Global Social Media Feed$/m);
    // Two editor groups: the guide panel stays, the file opens beside it.
    await page.locator('.editor-group-container').nth(1).waitFor({ timeout: 15_000 });
    await page.locator('.tabs-container .tab', { hasText: /lovelace/i }).first().waitFor({ timeout: 15_000 }).catch(async () => {
      assert.fail(`the feedback file is not open beside the guide: ${(await page.locator('.tabs-container .tab').allInnerTexts()).join(' | ')}`);
    });
    const tabs = await page.locator('.tabs-container .tab').allInnerTexts();
    assert.ok(tabs.some((t) => /Global Social Media Feed/.test(t)), `the guide panel went: ${tabs.join(' | ')}`);
    const frame = wb.guideFrame();
    // The panel's script runs (it replaces "Loading…" with the item); if not, say so plainly.
    await frame.locator('#content[data-item]').waitFor({ timeout: 30_000 }).catch(() => {
      assert.fail('the guide panel\'s script did not run (is dist/webview/main.js there? a build running at the same time empties dist/)');
    });
    await frame.locator('#timer[data-status="running"] #sdi-note-input').waitFor({ timeout: 30_000 });
    // The asked actions show now, on the guide's question lists only.
    await frame.locator('#content li.question button.asked-button').first().waitFor({ state: 'visible', timeout: 10_000 });
    await wb.screenshot('notes-1-started');
  });

  it('three notes by keybinding, from the editor, the guide panel and the terminal, land under the phase with their time', async () => {
    const page = wb.page;
    // From the feedback file's editor.
    await page.locator('.editor-group-container').nth(1).locator('.monaco-editor .view-lines').click();
    await noteByKey(wb, '+arch clarified read vs write volumes first', 'Phase 1/5 · Problem Introduction');
    // From the guide panel (the webview has focus).
    await wb.guideFrame().locator('#content h3').first().click();
    await noteByKey(wb, '#comm asks before assuming, (+scale) 500M DAU', 'Phase 1/5 · Problem Introduction');
    // From the terminal.
    await wb.runCommand('Terminal: Create New Terminal');
    const terminal = page.locator('.terminal-wrapper.active .xterm');
    await terminal.waitFor({ timeout: 30_000 });
    await terminal.click();
    await page.locator('.terminal-wrapper.active .xterm.focus').waitFor({ timeout: 10_000 });
    await noteByKey(wb, '-dist unsure about quorum reads', 'Phase 1/5 · Problem Introduction');
    await wb.runCommand('View: Toggle Panel Visibility');
    const text = await fileMatching((t) => t.includes('quorum reads'), 'the third note');
    const notes = ['clarified read vs write', '500M DAU', 'quorum reads'].map((f) => placeOf(text, f));
    for (const n of notes) {
      assert.match(n.line, NOTE, n.line);
      assert.strictEqual(n.phase, 'Problem Introduction', n.line);
    }
    assert.ok(notes[0].index < notes[1].index && notes[1].index < notes[2].index, 'the notes are not in the order taken');
    await page.mouse.move(5, 500);
    await wb.screenshot('notes-2-keybinding');
  });

  it("the panel's note field adds notes with Enter, keeps focus, clears, announces, and survives the timer's renders", async () => {
    const frame = wb.guideFrame();
    const input = frame.locator('#sdi-note-input');
    await input.click();
    await input.fill('+scale proposes fan-out on write for most users');
    await input.press('Enter');
    await frame.locator('#timer .timer-note-status', { hasText: /Note added at \d\d:\d\d/ }).waitFor({ timeout: 15_000 });
    await until(() => input.inputValue(), '', 'the field after the note');
    assert.strictEqual(await input.evaluate((el) => el === document.activeElement), true, 'the field lost focus');
    assert.strictEqual(await frame.locator('#timer .timer-note-status').getAttribute('role'), 'status');
    await fileMatching((t) => t.includes('fan-out on write'), 'the first note from the panel');

    // Half a note typed, then the timer renders (pause and resume by their keybinding): text and focus stay.
    await input.type('-prod no plan for');
    await wb.page.keyboard.press('Control+Shift+Alt+KeyP');
    await frame.locator('#timer[data-status="paused"]').waitFor({ timeout: 10_000 });
    assert.strictEqual(await input.inputValue(), '-prod no plan for');
    assert.strictEqual(await input.evaluate((el) => el === document.activeElement), true, 'a render took the focus');
    await wb.screenshot('notes-3-paused-typing');
    await wb.page.keyboard.press('Control+Shift+Alt+KeyP');
    await frame.locator('#timer[data-status="running"]').waitFor({ timeout: 10_000 });
    await input.type(' hot partitions');
    await input.press('Enter');
    await until(() => input.inputValue(), '', 'the field after the second note');
    await frame.locator('#timer .timer-note-status', { hasText: /Note added at \d\d:\d\d/ }).waitFor({ timeout: 15_000 });
    const text = await fileMatching((t) => t.includes('-prod no plan for hot partitions'), 'the second note from the panel');
    assert.strictEqual(placeOf(text, 'no plan for hot partitions').phase, 'Problem Introduction');
    await wb.screenshot('notes-3-panel-field');
  });

  it('a guide question logged as asked becomes an "Asked" note, and its action shows a check', async () => {
    const frame = wb.guideFrame();
    const item = frame.locator('#content li.question', { hasText: 'How to handle celebrities with millions of followers' }).first();
    const button = item.locator('button.asked-button');
    assert.strictEqual(await button.getAttribute('aria-label'), 'Log "How to handle celebrities with millions of followers" as asked');
    await button.scrollIntoViewIfNeeded();
    await button.click();
    await frame.locator('#content button.asked-button.done').first().waitFor({ timeout: 15_000 });
    assert.match(await button.getAttribute('aria-label') ?? '', /^Asked: "How to handle celebrities with millions of followers"/);
    await frame.locator('#timer .timer-note-status', { hasText: /Logged as asked at \d\d:\d\d/ }).waitFor({ timeout: 15_000 });
    const text = await fileMatching((t) => t.includes('Asked: "How to handle celebrities'), 'the asked question');
    assert.match(placeOf(text, 'Asked: "How to handle celebrities').line, /^- \[\d\d:\d\d\] Asked: "How to handle celebrities with millions of followers"$/);
    // Lists that are not questions get no action.
    assert.strictEqual(await frame.locator('#content li:not(.question) > button.asked-button').count(), 0);
    await wb.screenshot('notes-4-asked');
  });

  it('after the next phase and a window reload, a note lands under the new phase and the asked mark stays', async () => {
    const page = wb.page;
    await commandToPhase(wb, 'Interview: Next Phase', /Requirements & Constraints/);
    await wb.screenshot('notes-5-next-phase');
    await Promise.all([
      page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 }),
      wb.runCommand('Developer: Reload Window'),
    ]);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.locator('.part.statusbar .statusbar-item-label', { hasText: /Requirements & Constraints/ }).first().waitFor({ timeout: 60_000 });
    const frame = wb.guideFrame();
    await frame.locator('#timer[data-status="running"] #sdi-note-input').waitFor({ timeout: 60_000 });
    await frame.locator('#content li.question', { hasText: 'How to handle celebrities' }).locator('button.asked-button.done').waitFor({ timeout: 30_000 });
    await page.locator('.editor-group-container .monaco-editor .view-lines').last().click();
    await noteByKey(wb, '+scale estimates 50k writes/s at peak', 'Phase 2/5 · Requirements & Constraints');
    const text = await fileMatching((t) => t.includes('50k writes/s'), 'the note after the reload');
    assert.strictEqual(placeOf(text, '50k writes/s').phase, 'Requirements & Constraints');
    // Every note so far, exactly once.
    for (const f of ['clarified read vs write', '500M DAU', 'quorum reads', 'fan-out on write', 'hot partitions', 'Asked: "How to handle celebrities', '50k writes/s']) {
      assert.strictEqual(notesOf(text).filter((l) => l.includes(f)).length, 1, `"${f}" is not there exactly once`);
    }
    await page.mouse.move(5, 500);
    await wb.screenshot('notes-6-after-reload');
  });

  it("the timer's deep-dive discussion points have the asked action too", async () => {
    await commandToPhase(wb, 'Interview: Next Phase', /High-Level Architecture/);
    await commandToPhase(wb, 'Interview: Next Phase', /Deep Dive & Scaling/);
    const frame = wb.guideFrame();
    const point = frame.locator('#timer .timer-deepdive li.current li.question', { hasText: 'Caching strategies at different layers' }).first();
    await point.waitFor({ timeout: 15_000 });
    const button = point.locator('button.asked-button');
    assert.strictEqual(await button.getAttribute('aria-label'), 'Log "Caching strategies at different layers" as asked');
    await button.click();
    await point.locator('button.asked-button.done').waitFor({ timeout: 15_000 });
    const text = await fileMatching((t) => t.includes('Asked: "Caching strategies at different layers"'), 'the asked deep-dive point');
    assert.strictEqual(placeOf(text, 'Asked: "Caching strategies').phase, 'Deep Dive & Scaling');
    await wb.screenshot('notes-7-deep-dive-asked');
    // The field and the actions in the light and high-contrast themes.
    await wb.setTheme('Light Modern', 'vs');
    await frame.locator('#timer .timer-deepdive').waitFor({ timeout: 10_000 });
    await wb.screenshot('notes-7b-light');
    await wb.setTheme('Dark High Contrast', 'hc-black');
    await frame.locator('#timer .timer-deepdive').waitFor({ timeout: 10_000 });
    await wb.screenshot('notes-7c-high-contrast');
    await wb.setTheme('Dark Modern', 'vs-dark');
  });

  it('Finish writes the phase times into the notes and opens the scores; the asked actions go', async () => {
    const page = wb.page;
    await wb.runCommand('Interview: Finish Interview');
    await page.locator('.part.statusbar .statusbar-item-label', { hasText: /Interview finished/ }).first().waitFor({ timeout: 15_000 });
    const frame = wb.guideFrame();
    await frame.locator('#timer[data-status="finished"]').waitFor({ timeout: 15_000 });
    assert.strictEqual(await frame.locator('button.asked-button:visible').count(), 0, 'asked actions show after the finish');
    const text = await fileMatching((t) => t.includes('### Phase Times'), 'the phase times');
    const times = text.slice(text.indexOf('### Phase Times'));
    for (const phase of ['Problem Introduction', 'Requirements & Constraints', 'Deep Dive & Scaling']) assert.ok(times.includes(phase), `no time for ${phase}:\n${times}`);
    assert.ok(text.indexOf('## Interview Notes') > text.indexOf('### Scores'), 'the notes section is not after the scores');
    await page.mouse.move(5, 500);
    await wb.screenshot('notes-8-finished');
  });

  it('the hover on a score line shows the notes tagged to that dimension', async () => {
    const page = wb.page;
    // Score Scalability & Performance, on disk: the open, unmodified document follows.
    const file = feedbackFile();
    const before = readFileSync(file, 'utf8');
    assert.match(before, /^- Scalability & Performance \(25%\): \[1-4\] \/ 4$/m);
    writeFileSync(file, before.replace(/^- Scalability & Performance \(25%\): \[1-4\] \/ 4$/m, '- Scalability & Performance (25%): 3 / 4'));
    await page.locator('.monaco-editor .view-lines', { hasText: /Scalability\s*&\s*Performance\s*\(25%\):\s*3\s*\/\s*4/ }).first().waitFor({ timeout: 20_000 });
    await page.locator('.monaco-editor .view-line', { hasText: 'Scalability & Performance' }).first().hover({ position: { x: 60, y: 5 } });
    const hover = page.locator('.monaco-hover:visible', { hasText: 'Scalability' }).first();
    await hover.waitFor({ timeout: 20_000 });
    const shown = await hover.innerText();
    // Three notes are tagged +scale: (+scale) 500M DAU, fan-out on write, 50k writes/s.
    assert.match(shown, /3 notes/, shown);
    assert.match(shown, /fan-out on write/, shown);
    assert.match(shown, /50k writes\/s/, shown);
    await wb.screenshot('notes-9-hover-evidence');
    await page.keyboard.press('Escape');
    // The score line's CodeLens counts them too.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: /^3 notes/ }).first().waitFor({ timeout: 20_000 });
  });
});
