// A hostile kit's problems in the guide panel, in a real workbench: script tags, event handlers,
// javascript:/command: links, a remote image, and Mermaid diagrams asking for loose security with
// click callbacks and script in their labels. Nothing may run (the page's flags stay unset), nothing
// may be fetched, no CSP violation recorded, no dialog opened; the broken diagram shows its error
// in place; and the extension still answers afterwards. Then the same kit opened AS A KIT (the
// workspace's .interview-kit/, its problems opened from the tree and through `sdi.openItem` with
// their kit node ids): the same guarantees, the broken diagram also in the Problems panel on its
// problem file, and the kit's rubric.yaml (weights summing to 95) reported at its position.
import assert from 'node:assert';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGRAM_ITEMS, pressInWorkbench, waitForItem, writeTestKeybindings } from './diagramHelpers.mjs';
import { openWorkbench, WORKSPACE } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const KIT = join(ROOT, 'test/fixtures/kits/hostile');
const PROBLEMS = join(KIT, 'problems');
const INJECTION_KEY = 'Control+Alt+Shift+H';
const BROKEN_KEY = 'Control+Alt+Shift+J';
// The kit's id as its kit.yaml sets it, and the tree ids of its problems (`kit:<kitId>/problem:<id>`).
const KIT_ID = /^id:\s*(\S+)\s*$/m.exec(readFileSync(join(KIT, 'kit.yaml'), 'utf8'))[1];
const KIT_INJECTION = `kit:${KIT_ID}/problem:script-injection`;
const KIT_BROKEN = `kit:${KIT_ID}/problem:broken-diagram`;
const KIT_INJECTION_KEY = 'Control+Alt+Shift+K';

/** The diagram tests' key bindings plus two that open the hostile problems (through the internal `sdi.showMarkdownFile`). */
function writeKeybindings(settingsFile) {
  writeTestKeybindings(settingsFile);
  const file = join(dirname(settingsFile), 'keybindings.json');
  const bindings = JSON.parse(readFileSync(file, 'utf8'));
  const chord = (k) => k.toLowerCase().replace('control', 'ctrl');
  bindings.push(
    { key: chord(INJECTION_KEY), command: 'sdi.showMarkdownFile', args: join(PROBLEMS, 'script-injection.md') },
    { key: chord(BROKEN_KEY), command: 'sdi.showMarkdownFile', args: join(PROBLEMS, 'broken-diagram.md') },
    { key: chord(KIT_INJECTION_KEY), command: 'sdi.openItem', args: KIT_INJECTION },
  );
  writeFileSync(file, JSON.stringify(bindings, null, 2));
}

/** The notification holding `text`: a toast, or in the notification centre when toasts are held back. */
async function notification(wb, text) {
  const toast = wb.page.locator('.notification-toast', { hasText: text }).first();
  try {
    await toast.waitFor({ timeout: 10_000 });
    return toast;
  } catch {
    await wb.runCommand('Notifications: Show Notifications');
    const item = wb.page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor({ timeout: 10_000 });
    return item;
  }
}

/** What hostile content would have left behind had any of it run, and what the page fetched. */
async function pageEvidence(frame) {
  return frame.locator('body').evaluate(() => ({
    pwned: window.__sdiPwned ?? null,
    clicked: window.__sdiClicked ?? null,
    callback: typeof window.__sdiCallback,
    csp: document.documentElement.dataset.cspViolations ?? null,
    fetched: performance.getEntriesByType('resource').map((e) => e.name).filter((n) => !/vscode-cdn\.net|vscode-resource|^blob:|^data:/.test(n) && !n.startsWith(location.origin)),
    scripts: document.querySelectorAll('#content script, #content iframe, #content object, #content embed').length,
    handlers: [...document.querySelectorAll('#content *')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.localName} ${a.name}`)),
    hrefs: [...document.querySelectorAll('#content a')].map((a) => a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href')).filter((h) => h !== null),
  }));
}

describe('hostile kit content in the guide panel (Chromium)', function () {
  let wb;
  const consoleProblems = [];
  before(async () => {
    writeKeybindings(process.env.SDI_SETTINGS_FILE);
    wb = await openWorkbench();
    wb.page.on('console', (m) => {
      const t = m.text();
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)|unsafe-eval/i.test(t)) consoleProblems.push(t);
    });
    await wb.activity.click();
  });
  after(async () => { await wb?.close(); });

  const dialogs = () => wb.page.locator('.monaco-dialog-box').count();

  it('shows script, handlers and refused links as text, and renders the loose-asking diagrams strictly', async () => {
    await pressInWorkbench(wb.page, INJECTION_KEY);
    const frame = wb.guideFrame();
    await frame.locator('#content[data-item$="script-injection.md"][data-state="done"]').waitFor({ timeout: 60_000 });
    const text = await frame.locator('#content').innerText();
    assert.match(text, /<script>window.__sdiPwned = 'body script'<\/script>/);
    assert.match(text, /<img src=x onerror="window.__sdiPwned = 'body img'">/);
    assert.match(text, /\[javascript link\]\(javascript:/, 'a javascript: link shows as its Markdown text');
    assert.match(text, /\[command link\]\(command:workbench.action.openSettings\)/);

    const states = await frame.locator('.mermaid-block').evaluateAll((blocks) => blocks.map((b) => ({ state: b.dataset.state, error: b.querySelector('.diagram-error-message')?.textContent ?? '' })));
    assert.deepStrictEqual(states.map((s) => s.state), ['rendered', 'rendered'], states.map((s) => s.error).join(' | '));
    // Strict whatever the directive asked: labels are SVG text, no HTML in <foreignObject>, no handlers.
    const svgs = await frame.locator('.mermaid-block svg').evaluateAll((list) => list.map((s) => ({
      foreign: s.querySelectorAll('foreignObject').length, images: s.querySelectorAll('image, img').length, text: s.textContent,
    })));
    for (const s of svgs) assert.deepStrictEqual({ foreign: s.foreign, images: s.images }, { foreign: 0, images: 0 });
    assert.match(svgs[0].text, /image\s*label/);

    const evidence = await pageEvidence(frame);
    assert.deepStrictEqual(evidence.handlers, [], 'no element in the item has an event handler');
    assert.strictEqual(evidence.scripts, 0);
    assert.ok(evidence.hrefs.every((h) => /^(https?:|mailto:|#|\.\/broken-diagram\.md$|about:blank$)/.test(h)), `links: ${evidence.hrefs.join(' ')}`);
    await wb.page.mouse.move(700, 500); // off the activity bar, so its hover does not cover the screenshot
    await wb.screenshot('hostile-script-injection');
    await frame.locator('.mermaid-block').first().scrollIntoViewIfNeeded();
    await wb.screenshot('hostile-diagrams');
  });

  it('runs nothing when the diagram nodes with callbacks and javascript: links are clicked', async () => {
    const frame = wb.guideFrame();
    for (const label of [/image\s*label/, /script\s*label/, /bold/]) {
      await frame.locator('.mermaid-block').first().locator('g.node', { hasText: label }).first().click();
    }
    // Let any handler's effects land before looking: a frame and a task later.
    await frame.locator('body').evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const evidence = await pageEvidence(frame);
    assert.deepStrictEqual({ pwned: evidence.pwned, clicked: evidence.clicked, callback: evidence.callback }, { pwned: null, clicked: null, callback: 'undefined' });
    assert.strictEqual(await dialogs(), 0, 'no dialog opened');
  });

  it('opens the other problem of the kit from its relative link; the broken diagram shows its error', async () => {
    const frame = wb.guideFrame();
    await frame.locator('a', { hasText: 'another problem of this kit' }).click();
    await frame.locator('#content[data-item$="broken-diagram.md"][data-state="done"]').waitFor({ timeout: 60_000 });
    const states = await frame.locator('.mermaid-block').evaluateAll((blocks) => blocks.map((b) => b.dataset.state));
    assert.deepStrictEqual(states, ['error', 'rendered']);
    const error = frame.locator('.mermaid-block[data-state="error"] .diagram-error');
    // Line 5 of the diagram as written: Mermaid counts without the directive and the comment line.
    assert.match(await error.locator('.diagram-error-title').innerText(), /could not be rendered \(line 5 of the diagram\)/);
    assert.match(await error.locator('.diagram-error-message').innerText(), /Parse error on line 5/);
    assert.match(await error.locator('.error-line').innerText(), /B --> --> C/);
    await wb.screenshot('hostile-broken-diagram');
  });

  it('refuses command: links in the webview, and anything but web and mail links in the host', async () => {
    await pressInWorkbench(wb.page, INJECTION_KEY);
    const frame = wb.guideFrame();
    await frame.locator('#content[data-item$="script-injection.md"][data-state="done"]').waitFor({ timeout: 60_000 });
    // Links the renderer would never make, as if a future bug let them through.
    await frame.locator('#content').evaluate((c) => c.insertAdjacentHTML('beforeend',
      '<p><a id="forged-command" href="command:workbench.action.openSettings">forged command</a> <a id="forged-https" href="https:command:workbench.action.openSettings">forged https</a></p>'));
    await frame.locator('#forged-command').click();
    // The webview posts nothing for it; the host refuses what passes the webview's check and says so.
    await frame.locator('#forged-https').click();
    await notification(wb, 'The panel does not open').catch(async (e) => { await wb.screenshot('hostile-refused-link-failed'); throw e; });
    assert.strictEqual(await wb.page.locator('.tab', { hasText: /^Settings$/ }).count(), 0, 'no command ran');
    assert.strictEqual(await dialogs(), 0, 'no dialog opened');
    await wb.screenshot('hostile-refused-link');
    await wb.page.keyboard.press('Escape');
  });

  it('recorded no CSP violation, fetched nothing, ran nothing, opened no dialog', async () => {
    for (const key of [INJECTION_KEY, BROKEN_KEY]) {
      await pressInWorkbench(wb.page, key);
      await wb.guideFrame().locator(`#content[data-item$="${key === INJECTION_KEY ? 'script-injection' : 'broken-diagram'}.md"][data-state="done"]`).waitFor({ timeout: 60_000 });
      const evidence = await pageEvidence(wb.guideFrame());
      assert.deepStrictEqual({ pwned: evidence.pwned, clicked: evidence.clicked, csp: evidence.csp, fetched: evidence.fetched }, { pwned: null, clicked: null, csp: null, fetched: [] });
    }
    assert.strictEqual(await dialogs(), 0);
    assert.deepStrictEqual(consoleProblems, []);
  });

  it('still answers: a command opens a guide item in the panel', async () => {
    await wb.runCommand('Interview: Find in Guide…');
    await wb.choose('Circuit Breaker', 'Circuit Breaker');
    await waitForItem(wb.guideFrame(), DIAGRAM_ITEMS[3].id);
    assert.strictEqual(await wb.guideFrame().locator('.mermaid-block[data-state="rendered"] svg').count(), 1);
    assert.strictEqual(await wb.guideFrame().locator('html').getAttribute('data-csp-violations'), null);
  });
});

/** A workspace beside this file's test workspace, holding the hostile kit as its .interview-kit/ (trusted: the shared host runs without workspace trust). */
function hostileKitWorkspace() {
  const ws = join(dirname(WORKSPACE()), 'hostile-kit-workspace');
  mkdirSync(ws, { recursive: true });
  writeFileSync(join(ws, 'README.md'), '# A repository whose team kit is hostile\n');
  cpSync(KIT, join(ws, '.interview-kit'), { recursive: true });
  return ws;
}

/** The 1-based line of the first line of `file` (in the kit) matching `re`. */
function lineOf(file, re) {
  return readFileSync(join(KIT, file), 'utf8').split(/\r?\n/).findIndex((l) => re.test(l)) + 1;
}

describe('the hostile kit opened as the workspace kit (Chromium)', function () {
  let wb;
  const consoleProblems = [];
  let step = 'opening the workbench';
  beforeEach(function () { step = this.currentTest.title; });
  before(async () => {
    writeKeybindings(process.env.SDI_SETTINGS_FILE);
    wb = await openWorkbench({ folder: hostileKitWorkspace(), width: 1500, height: 1000 });
    wb.page.on('console', (m) => {
      const t = m.text();
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame)|unsafe-eval/i.test(t)) consoleProblems.push({ step, url: m.location()?.url ?? '', text: t.slice(0, 160) });
    });
  });
  after(async () => { await wb?.close(); });

  const dialogs = () => wb.page.locator('.monaco-dialog-box').count();
  const itemDone = (id) => wb.guideFrame().locator(`#content[data-item="${id}"][data-state="done"]`);

  it('shows the kit in the tree with its markup as plain text', async () => {
    await wb.showGuideView();
    const kitRow = wb.treeRow('Hostile kit');
    await kitRow.waitFor({ timeout: 30_000 });
    assert.match(await kitRow.innerText(), /Hostile kit <script>window.__sdiPwned = 'kit name'<\/script>/);
    await wb.treeRow('A diagram that does not parse').waitFor({ timeout: 10_000 });
    await wb.treeRow('Script injection').waitFor({ timeout: 10_000 });
    assert.strictEqual(await wb.page.locator('.pane-body .monaco-list-row script, .pane-body .monaco-list-row img, .pane-body .monaco-list-row b').count(), 0);
    await wb.page.mouse.move(700, 500);
    await wb.screenshot('hostile-kit-1-tree');
  });

  it('opens a kit problem through sdi.openItem with its kit node id: inert, the loose-asking diagrams strict', async () => {
    await pressInWorkbench(wb.page, KIT_INJECTION_KEY);
    await itemDone(KIT_INJECTION).waitFor({ timeout: 60_000 });
    const frame = wb.guideFrame();
    const text = await frame.locator('#content').innerText();
    assert.match(text, /<script>window.__sdiPwned = 'body script'<\/script>/);
    assert.match(text, /\[command link\]\(command:workbench.action.openSettings\)/);
    const states = await frame.locator('.mermaid-block').evaluateAll((blocks) => blocks.map((b) => b.dataset.state));
    assert.deepStrictEqual(states, ['rendered', 'rendered']);
    const svgs = await frame.locator('.mermaid-block svg').evaluateAll((list) => list.map((s) => s.querySelectorAll('foreignObject, image, img').length));
    assert.deepStrictEqual(svgs, [0, 0]);
    const evidence = await pageEvidence(frame);
    assert.deepStrictEqual(evidence.handlers, []);
    assert.strictEqual(evidence.scripts, 0);
    assert.ok(evidence.hrefs.every((h) => /^(https?:|mailto:|#|\.\/broken-diagram\.md$|about:blank$)/.test(h)), `links: ${evidence.hrefs.join(' ')}`);
    for (const label of [/image\s*label/, /script\s*label/, /bold/]) {
      await frame.locator('.mermaid-block').first().locator('g.node', { hasText: label }).first().click();
    }
    await frame.locator('body').evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    const after = await pageEvidence(frame);
    assert.deepStrictEqual({ pwned: after.pwned, clicked: after.clicked, callback: after.callback, csp: after.csp, fetched: after.fetched },
      { pwned: null, clicked: null, callback: 'undefined', csp: null, fetched: [] });
    assert.strictEqual(await dialogs(), 0, 'no dialog opened');
    await wb.page.mouse.move(700, 500);
    await wb.screenshot('hostile-kit-2-problem');
  });

  it('opens the broken problem from the tree: its error in place and in the Problems panel on the problem file', async () => {
    await wb.treeRow('A diagram that does not parse').click();
    await itemDone(KIT_BROKEN).waitFor({ timeout: 60_000 });
    const frame = wb.guideFrame();
    const states = await frame.locator('.mermaid-block').evaluateAll((blocks) => blocks.map((b) => b.dataset.state));
    assert.deepStrictEqual(states, ['error', 'rendered']);
    const error = frame.locator('.mermaid-block[data-state="error"] .diagram-error');
    assert.match(await error.locator('.diagram-error-title').innerText(), /could not be rendered \(line 5 of the diagram\)/);
    assert.match(await error.locator('.error-line').innerText(), /B --> --> C/);

    // The panel's error becomes a kit diagnostic on the diagram's line of the problem file.
    const brokenLine = lineOf('problems/broken-diagram.md', /B --> --> C/);
    await wb.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'Mermaid diagram does not parse' }).first();
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.innerText(), new RegExp(`Parse error on line 5[\\s\\S]*\\[Ln ${brokenLine}, Col 1\\]`));
    const rows = await wb.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    const at = rows.findIndex((r) => r.includes('Mermaid diagram does not parse'));
    const fileRow = rows.slice(0, at).reverse().find((r) => /\.md|\.yaml/.test(r));
    assert.match(fileRow ?? '', /broken-diagram\.md/, `the diagnostic is not under the problem file: ${rows.join(' | ')}`);
    assert.strictEqual(await dialogs(), 0, 'no dialog opened');
  });

  it('reports the rubric whose weights sum to 95 at its position', async () => {
    const weightsLine = lineOf('rubric.yaml', /^dimensions:/);
    const row = wb.page.locator('.markers-panel .monaco-list-row', { hasText: 'weights must sum to 100 (they sum to 95)' }).first();
    await row.waitFor({ timeout: 20_000 });
    assert.match(await row.innerText(), new RegExp(`\\[Ln ${weightsLine}, Col 1\\]`));
    const rows = await wb.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    const at = rows.findIndex((r) => r.includes('they sum to 95'));
    const fileRow = rows.slice(0, at).reverse().find((r) => /\.md|\.yaml/.test(r));
    assert.match(fileRow ?? '', /rubric\.yaml/, `the diagnostic is not under rubric.yaml: ${rows.join(' | ')}`);
    await wb.page.mouse.move(700, 300);
    await wb.screenshot('hostile-kit-3-problems');
  });

  /** CSP messages of the workbench page itself (its own script), apart from the guide panel's webview frames. */
  const fromWorkbench = (p) => /\/vs\/code\/browser\/workbench\//.test(p.url);

  it('the panel recorded no CSP violation, fetched nothing, ran nothing, opened no dialog', async () => {
    for (const id of [KIT_INJECTION, KIT_BROKEN]) {
      if (id === KIT_INJECTION) await pressInWorkbench(wb.page, KIT_INJECTION_KEY);
      else await wb.guideFrame().locator('a', { hasText: 'another problem of this kit' }).click();
      await itemDone(id).waitFor({ timeout: 60_000 });
      const evidence = await pageEvidence(wb.guideFrame());
      assert.deepStrictEqual({ pwned: evidence.pwned, clicked: evidence.clicked, csp: evidence.csp, fetched: evidence.fetched }, { pwned: null, clicked: null, csp: null, fetched: [] });
    }
    assert.strictEqual(await dialogs(), 0);
    assert.deepStrictEqual(consoleProblems.filter((p) => !fromWorkbench(p)), []);
  });

  it('still answers: Find in Guide opens a guide item in the panel', async () => {
    await wb.runCommand('Interview: Find in Guide…');
    await wb.choose('Circuit Breaker', 'Circuit Breaker');
    await waitForItem(wb.guideFrame(), DIAGRAM_ITEMS[3].id);
    assert.strictEqual(await wb.guideFrame().locator('.mermaid-block[data-state="rendered"] svg').count(), 1);
    assert.strictEqual(await wb.guideFrame().locator('html').getAttribute('data-csp-violations'), null);
    await wb.screenshot('hostile-kit-4-responsive');
  });

  // The tree's Markdown tooltips reach the workbench too: VS Code renders a plain-text fallback of each
  // (its sanitizer parses the text as HTML), so kit markup left as Markdown backslash escapes (`\<img
  // onerror=…\>`) is parsed into elements with handlers there, and the workbench's CSP reports them
  // (script-src-attr) when the kit's rows render. Nothing runs, but the kit must leave no trace.
  it('the workbench recorded no CSP violation either (the tree\'s tooltips of kit content)', async () => {
    // The kit's rows drawn here too, so that this test has them to check when it runs alone.
    await wb.showGuideView();
    await wb.treeRow('Script injection').waitFor({ timeout: 30_000 });
    assert.deepStrictEqual(consoleProblems.filter(fromWorkbench), []);
  });
});
