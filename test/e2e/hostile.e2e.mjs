// A hostile kit's problems in the guide panel, in a real workbench: script tags, event handlers,
// javascript:/command: links, a remote image, and Mermaid diagrams asking for loose security with
// click callbacks and script in their labels. Nothing may run (the page's flags stay unset), nothing
// may be fetched, no CSP violation recorded, no dialog opened; the broken diagram shows its error
// in place; and the extension still answers afterwards.
import assert from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIAGRAM_ITEMS, pressInWorkbench, waitForItem, writeTestKeybindings } from './diagramHelpers.mjs';
import { openWorkbench } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const PROBLEMS = join(ROOT, 'test/fixtures/kits/hostile/problems');
const INJECTION_KEY = 'Control+Alt+Shift+H';
const BROKEN_KEY = 'Control+Alt+Shift+J';

/** The diagram tests' key bindings plus two that open the hostile problems (through the internal `sdi.showMarkdownFile`). */
function writeKeybindings(settingsFile) {
  writeTestKeybindings(settingsFile);
  const file = join(dirname(settingsFile), 'keybindings.json');
  const bindings = JSON.parse(readFileSync(file, 'utf8'));
  const chord = (k) => k.toLowerCase().replace('control', 'ctrl');
  bindings.push(
    { key: chord(INJECTION_KEY), command: 'sdi.showMarkdownFile', args: join(PROBLEMS, 'script-injection.md') },
    { key: chord(BROKEN_KEY), command: 'sdi.showMarkdownFile', args: join(PROBLEMS, 'broken-diagram.md') },
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
