// The guide panel's Mermaid diagrams in a real workbench: every diagram of the guide renders, a
// broken one shows its error while its neighbour renders, the theme is followed (screenshots in
// dark, light and both high-contrast themes), the toolbar works from the keyboard, and a reload
// restores the panel on the same item with its diagrams from the cache (Mermaid not loaded).
import assert from 'node:assert';
import { CLEAR_CACHE_KEY, COMPLETE_GUIDE_KEY, DIAGRAM_ITEMS, LIVE_FIXTURE, LIVE_FIXTURE_KEY, FIXTURE_KEY, RELOAD_WINDOW_KEY, pressInWorkbench, waitForItem, writeTestKeybindings } from './diagramHelpers.mjs';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eventually, openWorkbench, WORKSPACE } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The page's requests for Mermaid's bundle. */
function mermaidLoads(frame) {
  return frame.locator('body').evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\/mermaid\.js(\?|$)/.test(n)));
}

/** What a diagram shows, for comparing two renderings of it (run in the page: `locator.evaluate(svgShape)`). */
function svgShape(svg) {
  const vb = svg.viewBox.baseVal;
  return {
    id: svg.id, width: vb.width, height: vb.height,
    nodes: svg.querySelectorAll('g.node, g.actor, rect.actor').length,
    edges: svg.querySelectorAll('path.flowchart-link, line.messageLine0, line.messageLine1, path.transition').length,
    labels: [...svg.querySelectorAll('text')].map((t) => t.textContent.replace(/\s+/g, '')).filter(Boolean).sort(),
  };
}

async function diagramStates(frame) {
  return frame.locator('.mermaid-block').evaluateAll((blocks) => blocks.map((b) => ({
    state: b.dataset.state, svg: b.querySelectorAll('.diagram-canvas > svg').length, error: b.querySelector('.diagram-error-message')?.textContent ?? '',
  })));
}

describe('guide panel diagrams in the workbench (Chromium)', function () {
  let wb;
  const consoleProblems = [];
  before(async () => {
    writeTestKeybindings(process.env.SDI_SETTINGS_FILE);
    wb = await openWorkbench();
    wb.page.on('console', (m) => {
      const t = m.text();
      if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply)|unsafe-eval/i.test(t)) consoleProblems.push(t);
    });
    await wb.activity.click();
  });
  after(async () => { await wb?.close(); });

  const themes = [
    { name: 'light', theme: 'Light Modern', workbench: 'vs', kind: 'light' },
    { name: 'high-contrast', theme: 'Dark High Contrast', workbench: 'hc-black', kind: 'high-contrast' },
    { name: 'high-contrast-light', theme: 'Light High Contrast', workbench: 'hc-light', kind: 'high-contrast-light' },
    { name: 'dark', theme: 'Dark Modern', workbench: 'vs-dark', kind: 'dark' },
  ];

  it('renders all 12 diagrams of the guide, none with an error', async () => {
    let total = 0;
    for (const it of DIAGRAM_ITEMS) {
      await pressInWorkbench(wb.page, it.key);
      await waitForItem(wb.guideFrame(), it.id);
      const states = await diagramStates(wb.guideFrame());
      assert.strictEqual(states.length, it.diagrams, `${it.id}: ${states.length} diagram blocks`);
      for (const [i, s] of states.entries()) assert.deepStrictEqual({ state: s.state, svg: s.svg }, { state: 'rendered', svg: 1 }, `${it.id} diagram ${i + 1}: ${s.error}`);
      total += states.length;
    }
    assert.strictEqual(total, 12);
    // The guide's diagrams come pre-rendered for the default dark theme: Mermaid was never fetched.
    assert.deepStrictEqual(await mermaidLoads(wb.guideFrame()), [], 'Mermaid was loaded for diagrams that ship pre-rendered');
    assert.strictEqual(await wb.guideFrame().locator('html').getAttribute('data-csp-violations'), null, 'the webview reported CSP violations');
  });

  // Issue 10, goal 2: a cold first open (a new panel, the diagram cache emptied) shows every diagram
  // of the guide from the pre-rendered SVGs, in each default theme, without requesting Mermaid.
  it('a cold first open shows all 12 diagrams pre-rendered, Mermaid never requested, in four themes (screenshots)', async () => {
    for (const t of themes) { // dark last: the tests after this one start in it
      await wb.setTheme(t.theme, t.workbench);
      await wb.runCommand('View: Close All Editors');
      await pressInWorkbench(wb.page, CLEAR_CACHE_KEY);
      for (const it of DIAGRAM_ITEMS) {
        await pressInWorkbench(wb.page, it.key);
        await waitForItem(wb.guideFrame(), it.id, t.kind);
        const states = await diagramStates(wb.guideFrame());
        assert.deepStrictEqual(states.map((s) => s.state), Array(it.diagrams).fill('rendered'), `${t.name}, ${it.id}: ${states.map((s) => s.error).join(' ')}`);
        if (it === DIAGRAM_ITEMS[0] || it === DIAGRAM_ITEMS[4]) await wb.screenshot(`diagrams-prerendered-${it.id.split(':')[1]}-${t.name}`);
      }
      assert.deepStrictEqual(await mermaidLoads(wb.guideFrame()), [], `${t.name}: Mermaid was requested`);
      // Drawn in the page's font, and by the SVGs made ahead of time (their ids say so).
      const svg = wb.guideFrame().locator('.mermaid-block svg').first();
      assert.match(await svg.getAttribute('id') ?? '', new RegExp(`^pre-[0-9a-f]{12}-${t.kind}$`));
      const font = await svg.evaluate((e) => getComputedStyle(e).fontFamily);
      const pageFont = await wb.guideFrame().locator('body').evaluate(() => getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim());
      assert.strictEqual(font.replace(/["'\s]/g, ''), pageFont.replace(/["'\s]/g, ''), 'the diagram does not use the page\'s font');
    }
    assert.strictEqual(await wb.guideFrame().locator('html').getAttribute('data-csp-violations'), null, 'the webview reported CSP violations');
  });

  // The pre-rendered SVGs against Mermaid rendering the same diagrams live in the panel: the same
  // shapes, labels and edges, and about the same size (the text was measured in another font, so a
  // label may wrap elsewhere: labels are compared without their white space).
  it('the pre-rendered SVGs match live Mermaid renders of the same 12 diagrams: shapes, labels, edges and size', async () => {
    const guide = readFileSync(join(ROOT, 'content', 'guide.md'), 'utf8');
    const sources = [...guide.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]);
    assert.strictEqual(sources.length, 12);
    mkdirSync(dirname(LIVE_FIXTURE), { recursive: true });
    writeFileSync(LIVE_FIXTURE, sources.map((src, i) => `## Diagram ${i + 1}\n\n\`\`\`mermaid\n${src}%% rendered live\n\`\`\`\n`).join('\n'));
    await pressInWorkbench(wb.page, LIVE_FIXTURE_KEY);
    const frame = wb.guideFrame();
    await waitForItem(frame, `file:${pathToFileURL(LIVE_FIXTURE).href}`);
    const states = await diagramStates(frame);
    assert.strictEqual(states.length, 12);
    const svgs = frame.locator('.mermaid-block .diagram-canvas > svg');
    const page = await wb.page.context().newPage();
    try {
      for (const [i, src] of sources.entries()) {
        assert.strictEqual(states[i].state, 'rendered', `diagram ${i + 1} did not render live: ${states[i].error}`);
        const l = await svgs.nth(i).evaluate(svgShape);
        assert.match(l.id, /^mmd-/, `diagram ${i + 1} was not rendered live`);
        const file = join(ROOT, 'media', 'diagrams', `${createHash('sha256').update(src).digest('hex')}.dark.svg`);
        assert.ok(existsSync(file), `no pre-rendered SVG for diagram ${i + 1}`);
        await page.setContent(`<!DOCTYPE html><body>${readFileSync(file, 'utf8')}</body>`);
        const p = await page.locator('svg').first().evaluate(svgShape);
        const what = `diagram ${i + 1}`;
        assert.ok(p.nodes > 0, `${what}: the check finds no shapes`);
        assert.strictEqual(p.nodes, l.nodes, `${what}: shapes`);
        assert.strictEqual(p.edges, l.edges, `${what}: edges`);
        assert.deepStrictEqual(p.labels, l.labels, `${what}: labels`);
        for (const d of ['width', 'height']) {
          const ratio = p[d] / l[d];
          assert.ok(ratio > 0.75 && ratio < 1.33, `${what}: ${d} ${Math.round(p[d])} pre-rendered against ${Math.round(l[d])} live`);
        }
      }
    } finally {
      await page.close();
    }
    await wb.screenshot('diagrams-live-render-of-the-guide-diagrams');
  });

  it('the item shown, chosen again, keeps its page and diagrams and goes back to the top', async () => {
    const it1 = DIAGRAM_ITEMS[0];
    await pressInWorkbench(wb.page, it1.key);
    await waitForItem(wb.guideFrame(), it1.id);
    const frame = wb.guideFrame();
    // Marks on the page's nodes: a rebuilt page would not have them.
    await frame.locator('#content').evaluate((c) => {
      for (const svg of c.querySelectorAll('.mermaid-block svg')) svg.dataset.kept = '1';
      c.dataset.state = 'stale';
      window.scrollTo(0, document.body.scrollHeight);
    });
    assert.ok(await frame.locator('html').evaluate(() => window.scrollY > 0), 'the item is long enough to scroll');
    await pressInWorkbench(wb.page, it1.key);
    await waitForItem(frame, it1.id);
    assert.strictEqual(await frame.locator('.mermaid-block svg[data-kept="1"]').count(), it1.diagrams, 'the diagrams were drawn again');
    assert.strictEqual(await frame.locator('html').evaluate(() => window.scrollY), 0);
  });

  it('shows a broken diagram\'s error and source in place while its neighbour renders', async () => {
    await pressInWorkbench(wb.page, FIXTURE_KEY);
    const frame = wb.guideFrame();
    await frame.locator('#content[data-item$="broken.md"][data-state="done"]').waitFor({ timeout: 60_000 });
    const states = await diagramStates(frame);
    assert.deepStrictEqual(states.map((s) => s.state), ['error', 'rendered', 'rendered']);
    assert.strictEqual(states[1].svg, 1);
    assert.strictEqual(states[2].svg, 1, 'the second copy of a diagram took the first one\'s place');
    const error = frame.locator('.mermaid-block[data-state="error"] .diagram-error');
    assert.match(await error.locator('.diagram-error-title').innerText(), /could not be rendered \(line 3 of the diagram\)/);
    assert.match(await error.locator('.diagram-error-message').innerText(), /Parse error on line 3/);
    assert.match(await error.locator('.error-line').innerText(), /B --> --> C/);
    // The raw HTML in the fixture is shown as text, never run.
    assert.match(await frame.locator('#content').innerText(), /<script>window.pwned = 1<\/script>/);
    assert.strictEqual(await frame.locator('#content script, #content img').count(), 0);
    await wb.screenshot('diagrams-broken-dark');
  });

  it('follows links: an in-guide link opens its item in the panel, an external one asks to open outside', async () => {
    await pressInWorkbench(wb.page, FIXTURE_KEY);
    const frame = wb.guideFrame();
    await frame.locator('#content[data-item$="broken.md"][data-state="done"]').waitFor({ timeout: 60_000 });
    await frame.locator('a', { hasText: 'outside' }).click();
    const dialog = wb.page.locator('.monaco-dialog-box', { hasText: 'example.com' });
    await dialog.waitFor({ timeout: 10_000 });
    await wb.page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await frame.locator('a', { hasText: 'to another guide item' }).click();
    await waitForItem(frame, 'topic:circuit-breaker');
    assert.strictEqual(await frame.locator('.mermaid-block[data-state="rendered"] svg').count(), 1);
  });

  // Issue 12, item 6, decided: someone reading the whole guide wants its table of contents to move
  // them within it, so in Complete Guide a link to a heading it shows scrolls there and the panel
  // stays on Complete Guide; from any other item a link to a heading it does not show opens that item.
  it('in Complete Guide the table of contents scrolls within it; a link elsewhere opens its item', async () => {
    await pressInWorkbench(wb.page, COMPLETE_GUIDE_KEY);
    const frame = wb.guideFrame();
    await waitForItem(frame, 'guide:complete-guide');
    const top = () => frame.locator('#sample-interview-problems').evaluate((h) => Math.round(h.getBoundingClientRect().top));
    assert.ok((await top()) > 500, 'the heading starts below the fold');
    await frame.locator('#content a[href="#sample-interview-problems"]').first().click();
    // scrollIntoView, smooth where the webview's styles ask for it: watched frame by frame until the
    // heading reaches the top (10 s at most).
    await frame.locator('#sample-interview-problems').evaluate((h) => new Promise((resolve) => {
      const end = performance.now() + 10_000;
      const check = () => (h.getBoundingClientRect().top <= 50 || performance.now() > end ? resolve(undefined) : requestAnimationFrame(check));
      check();
    }));
    assert.ok((await top()) <= 50, `the heading was not scrolled to the top (${await top()} px)`);
    assert.strictEqual(await frame.locator('#content').getAttribute('data-item'), 'guide:complete-guide', 'the panel left Complete Guide');
    await wb.screenshot('issue12-6-complete-guide-toc');
  });

  it('follows the colour theme: dark, light and high contrast (screenshots)', async () => {
    const first = DIAGRAM_ITEMS[0];
    await pressInWorkbench(wb.page, first.key);
    await waitForItem(wb.guideFrame(), first.id, 'dark');
    await wb.screenshot('diagrams-problem1-dark');
    // A moment after the item, the host sends its pre-rendered SVGs for the other kinds of theme.
    await wb.guideFrame().locator(`#content[data-other-themes="${first.id}"]`).waitFor({ state: 'attached', timeout: 10_000 });
    let previousSvg = await wb.guideFrame().locator('.mermaid-block svg').first().evaluate((s) => s.outerHTML);
    for (const t of themes) {
      await wb.setTheme(t.theme, t.workbench);
      await waitForItem(wb.guideFrame(), first.id, t.kind);
      // Every default theme repainted from what the page kept: no wait for the host's answer.
      assert.strictEqual(await wb.guideFrame().locator('#content').getAttribute('data-theme-waited'), 'false', `${t.name}: the page waited for the host's SVGs`);
      const states = await diagramStates(wb.guideFrame());
      assert.deepStrictEqual(states.map((s) => s.state), ['rendered', 'rendered', 'rendered'], `${t.name}: ${states.map((s) => s.error).join(' ')}`);
      const svg = await wb.guideFrame().locator('.mermaid-block svg').first().evaluate((s) => s.outerHTML);
      assert.notStrictEqual(svg, previousSvg, `${t.name}: the diagram was not re-rendered for the theme`);
      // The host answered the theme change with the guide's pre-rendered SVGs: no Mermaid render.
      const ids = await wb.guideFrame().locator('.mermaid-block svg').evaluateAll((svgs) => svgs.map((e) => e.id));
      for (const id of ids) assert.match(id, new RegExp(`^pre-[0-9a-f]{12}-${t.kind}$`), `${t.name}: a diagram was rendered by Mermaid`);
      previousSvg = svg;
      if (t.name !== 'dark') await wb.screenshot(`diagrams-problem1-${t.name}`);
    }
    // The sequence and state diagrams too, in high contrast, where contrast matters most.
    await wb.setTheme('Dark High Contrast', 'hc-black');
    await pressInWorkbench(wb.page, DIAGRAM_ITEMS[3].key);
    await waitForItem(wb.guideFrame(), DIAGRAM_ITEMS[3].id, 'high-contrast');
    await wb.screenshot('diagrams-circuit-breaker-high-contrast');
    await pressInWorkbench(wb.page, DIAGRAM_ITEMS[4].key);
    await waitForItem(wb.guideFrame(), DIAGRAM_ITEMS[4].id, 'high-contrast');
    await wb.screenshot('diagrams-saga-high-contrast');
    await wb.setTheme('Dark Modern', 'vs-dark');
  });

  it('opens a diagram larger from the keyboard, zooms, and closes with Escape', async () => {
    const first = DIAGRAM_ITEMS[0];
    await pressInWorkbench(wb.page, first.key);
    const frame = wb.guideFrame();
    await waitForItem(frame, first.id, 'dark');
    const open = frame.locator('.mermaid-block').first().locator('button[aria-label^="Open larger"]');
    await open.focus();
    await wb.page.keyboard.press('Tab');
    await wb.page.keyboard.press('Shift+Tab');
    assert.ok(await open.evaluate((b) => b.matches(':focus-visible')), 'the toolbar button shows keyboard focus');
    await wb.screenshot('diagrams-toolbar-focus');
    await wb.page.keyboard.press('Enter');
    const viewer = frame.locator('.viewer[role="dialog"]');
    await viewer.waitFor();
    const zoom = viewer.locator('.viewer-zoom');
    const before = await zoom.innerText();
    await wb.page.keyboard.press('+');
    assert.notStrictEqual(await zoom.innerText(), before);
    await wb.screenshot('diagrams-viewer');
    await wb.page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    assert.ok(await open.evaluate((b) => document.activeElement === b), 'focus returns to the button');
  });

  it('copies a diagram\'s Mermaid source through the host', async () => {
    const first = DIAGRAM_ITEMS[0];
    await pressInWorkbench(wb.page, first.key);
    const frame = wb.guideFrame();
    await waitForItem(frame, first.id);
    // The second diagram of Problem 1 as the guide writes it (a fence's text, its last newline included).
    const guide = readFileSync(join(ROOT, 'content/guide.md'), 'utf8');
    const section = guide.slice(guide.indexOf('### Problem 1: Design a Global Social Media Feed'), guide.indexOf('### Problem 2:'));
    const expected = [...section.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1])[1];
    assert.ok(expected, 'Problem 1 has a second diagram');
    // The browser workbench writes vscode.env.clipboard to navigator.clipboard; reading it back needs the permissions.
    await wb.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(wb.page.url()).origin });
    await wb.page.evaluate(() => navigator.clipboard.writeText('before the copy'));
    await frame.locator('.mermaid-block').nth(1).locator('button[aria-label="Copy Mermaid source"]').click();
    // The host's message shows once writeText has resolved.
    await wb.page.locator('.statusbar-item', { hasText: 'Mermaid source copied' }).first().waitFor({ timeout: 10_000 });
    assert.strictEqual(await wb.page.evaluate(() => navigator.clipboard.readText()), expected);
  });

  it('saves a diagram as SVG and as PNG to the file picked in the save dialog', async () => {
    const item = DIAGRAM_ITEMS[3];
    await pressInWorkbench(wb.page, item.key);
    const frame = wb.guideFrame();
    await waitForItem(frame, item.id, 'dark');
    for (const [format, magic] of [['SVG', (b) => b.toString('utf8').startsWith('<svg')], ['PNG', (b) => b.subarray(1, 4).toString() === 'PNG']]) {
      await frame.locator(`button[aria-label="Save as ${format}…"]`).first().click();
      const input = wb.page.locator('.quick-input-widget input');
      await wb.page.waitForFunction((ext) => document.querySelector('.quick-input-widget input')?.value.endsWith(ext), `.${format.toLowerCase()}`, { timeout: 10_000 });
      const target = await input.inputValue();
      assert.strictEqual(target, join(WORKSPACE(), `circuit-breaker-pattern.${format.toLowerCase()}`));
      await wb.page.keyboard.press('Enter');
      await wb.page.waitForFunction(() => !document.querySelector('.quick-input-widget:not([style*="display: none"])'), undefined, { timeout: 10_000 });
      await eventually(() => existsSync(target), `${target} written`, { timeout: 5_000 });
      assert.ok(magic(readFileSync(target)), `${target} is a ${format} file`);
    }
  });

  it('restores the panel on the same item after a reload, its diagrams from the cache without loading Mermaid', async () => {
    const it2 = DIAGRAM_ITEMS[1];
    await pressInWorkbench(wb.page, it2.key);
    await waitForItem(wb.guideFrame(), it2.id, 'dark');
    // Developer: Reload Window, as a user does: the workbench shuts down in order, saving the webview's state.
    await Promise.all([wb.page.waitForEvent('framenavigated', { predicate: (f) => f === wb.page.mainFrame(), timeout: 30_000 }), pressInWorkbench(wb.page, RELOAD_WINDOW_KEY)]);
    await wb.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const frame = wb.guideFrame();
    await waitForItem(frame, it2.id, 'dark').catch(async (e) => { await wb.screenshot('diagrams-restore-failed'); throw e; });
    const states = await diagramStates(frame);
    assert.deepStrictEqual(states.map((s) => s.state), ['rendered', 'rendered', 'rendered']);
    assert.deepStrictEqual(await mermaidLoads(frame), [], 'Mermaid was loaded although every diagram was cached');
    await wb.screenshot('diagrams-restored-after-reload');
    assert.strictEqual(await frame.locator('html').getAttribute('data-csp-violations'), null, 'the webview reported CSP violations');
  });

  it('ran without Content-Security-Policy violations', async () => {
    // The webview records `securitypolicyviolation` events itself (the workbench page's console does not show the webview's).
    assert.strictEqual(await wb.guideFrame().locator('html').getAttribute('data-csp-violations'), null);
    assert.deepStrictEqual(consoleProblems, []);
  });
});
