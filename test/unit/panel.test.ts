import * as assert from 'assert';
import { renderMarkdown, escapeHtml } from '../../src/core/renderMarkdown';
import { DiagramCache, diagramKey, type DiagramStore } from '../../src/panel/diagramCache';
import { CALIBRATION_PAGE } from '../../src/calibration/html';
import { debriefPage } from '../../src/debrief/html';
import { guidePage } from '../../src/panel/html';
import { contentSecurityPolicy, jsonAttribute, makeNonce, webviewHtml, type WebviewContext, type WebviewPage } from '../../src/webviewHtml';
import { debriefHostMessage, hostMessage, panelState, webviewMessage, type DebriefMessage } from '../../src/protocol';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const context = (over: Partial<WebviewContext> = {}): WebviewContext => ({ cspSource: CSP_SOURCE, nonce: 'abc123', asset: (file) => `https://x/${file}`, ...over });

/** A debrief message whose strings try to break out of the page (the debrief itself is only checked for its outline). */
const HOSTILE_DEBRIEF: DebriefMessage = {
  type: 'debrief', version: 3, target: { candidateKey: '"><script>alert(1)</script>' },
  debrief: { candidate: '</main><script>alert(2)</script>', feedbacks: [], dimensions: [] } as unknown as NonNullable<DebriefMessage['debrief']>,
  blind: null, unreadable: [{ file: '</main><script>alert(3)</script>', error: '"><script>alert(4)</script>' }], message: "'&<!-- -->",
};

function csp(html: string): string {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(m, 'the page has a CSP meta tag');
  return m[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

describe('webview HTML shell (src/webviewHtml.ts)', () => {
  it('has a strict CSP: nothing by default, scripts only by nonce, no eval, and only the sources a page adds', () => {
    const policy = contentSecurityPolicy('https://res', 'N0nce');
    const directives = Object.fromEntries(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    assert.deepStrictEqual(directives, {
      'default-src': ["'none'"],
      'img-src': ['https://res', 'data:'],
      'style-src': ['https://res'],
      'font-src': ['https://res'],
      'script-src': ["'nonce-N0nce'"],
    });
    assert.strictEqual(contentSecurityPolicy('https://res', 'N0nce', { script: ["'strict-dynamic'"] }), policy.replace("'nonce-N0nce'", "'nonce-N0nce' 'strict-dynamic'"));
  });

  // Each panel's policy, whole: a source added to one of them (or a panel's page taking another's) fails here.
  it("pins each panel's policy: the guide adds Mermaid's inline styles and 'strict-dynamic', the calibration report nothing", () => {
    assert.strictEqual(csp(webviewHtml(guidePage({ preloadMermaid: true }), context())),
      `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE} 'unsafe-inline'; font-src ${CSP_SOURCE}; script-src 'nonce-abc123' 'strict-dynamic'`);
    assert.strictEqual(csp(webviewHtml(CALIBRATION_PAGE, context())),
      `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; script-src 'nonce-abc123'`);
  });

  for (const [name, page, script, styles] of [
    ['guide', guidePage({ preloadMermaid: false }), 'dist/webview/main.js', ['media/panel.css', 'media/timer.css']],
    ['calibration', CALIBRATION_PAGE, 'dist/webview/calibration.js', ['media/calibration.css']],
    ['debrief', debriefPage(HOSTILE_DEBRIEF), 'dist/webview/debrief.js', ['media/calibration.css', 'media/debrief.css']],
  ] as const) {
    it(`${name}: the policy and the nonce in the page, one module script by nonce and no inline script, the codicons then the page's stylesheets`, () => {
      const html = webviewHtml(page, context());
      assert.match(csp(html), /script-src 'nonce-abc123'/);
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      assert.strictEqual(scripts.length, 1);
      assert.strictEqual(scripts[0][1], ` type="module" nonce="abc123" src="https://x/${script}"`);
      assert.strictEqual(scripts[0][2], '', 'the script tag has no inline body');
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
      assert.doesNotMatch(html, /\sstyle=/i, 'no inline style attribute');
      const links = [...html.matchAll(/<link rel="stylesheet" href="https:\/\/x\/([^"]+)">/g)].map((m) => m[1]);
      assert.deepStrictEqual(links, ['dist/webview/codicons/codicon.css', ...styles]);
    });
  }

  it('guide: the timer section above the article, and the configuration in data-config', () => {
    const html = webviewHtml(guidePage({ preloadMermaid: true }), context());
    const timer = html.indexOf('<section id="timer" aria-label="Interview timer">');
    assert.ok(timer > 0 && timer < html.indexOf('<article id="content"'));
    assert.match(html, /<main id="app" data-config="\{&quot;preloadMermaid&quot;:true\}">/);
    assert.match(html, /<title>Interview Guide<\/title>/);
  });

  it('debrief: the policy as strict as the report\'s; the debrief it is given in data-debrief, escaped JSON that reads back as the message; none without one', () => {
    const html = webviewHtml(debriefPage(HOSTILE_DEBRIEF), context());
    assert.strictEqual(csp(html), `default-src 'none'; img-src ${CSP_SOURCE} data:; style-src ${CSP_SOURCE}; font-src ${CSP_SOURCE}; script-src 'nonce-abc123'`);
    const m = /<main id="app" aria-busy="true" data-debrief="([^"]*)">/.exec(html);
    assert.ok(m, 'the debrief in the page\'s data-debrief');
    const decoded = m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepStrictEqual(debriefHostMessage.parse(JSON.parse(decoded)), HOSTILE_DEBRIEF);
    assert.match(webviewHtml(debriefPage(null), context()), /<main id="app" aria-busy="true"><p class="loading">/);
  });

  it('escapes every string it places into the page', () => {
    const evil = '"><script>alert(1)</script>';
    const page: WebviewPage = { title: evil, script: `x${evil}`, styles: [evil], body: '<main></main>' };
    const html = webviewHtml(page, context({ asset: (file) => file, nonce: 'n"n', cspSource: evil }));
    assert.strictEqual((html.match(/<script/g) ?? []).length, 1, 'no injected script tag');
    assert.ok(!html.includes(evil), 'the input never appears unescaped');
  });

  it('hands configuration over in a data- attribute as escaped JSON', () => {
    const evil = '"><script>alert(1)</script>';
    const value = jsonAttribute({ s: evil, q: "'" });
    assert.doesNotMatch(value, /["'<>]/);
    const decoded = value.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepStrictEqual(JSON.parse(decoded), { s: evil, q: "'" });
  });

  it('makes a fresh, long nonce each time', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notStrictEqual(a, b);
    assert.ok(Buffer.from(a, 'base64').length >= 16);
    assert.match(a, /^[A-Za-z0-9+/=]+$/);
  });

  it('escapeHtml escapes the five special characters', () => {
    assert.strictEqual(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('renderMarkdown', () => {
  it('escapes raw HTML instead of passing it through (html: false)', () => {
    const { html } = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>\n');
    assert.ok(!/<script|<img|<div/i.test(html), html);
    assert.match(html, /&lt;script&gt;/);
  });

  it('turns Mermaid fences into numbered placeholders and returns their sources', () => {
    const md = '# T\n\n```mermaid\ngraph TD\n  A-->B\n```\n\ntext\n\n```mermaid\nsequenceDiagram\n  A->>B: "<hi>"\n```\n\n```js\nlet x = 1;\n```\n';
    const { html, diagrams } = renderMarkdown(md);
    assert.deepStrictEqual(diagrams, ['graph TD\n  A-->B\n', 'sequenceDiagram\n  A->>B: "<hi>"\n']);
    assert.match(html, /<div class="mermaid-block" data-diagram="0" data-line="3">/);
    assert.match(html, /data-diagram="1"/);
    assert.match(html, /A-&gt;&gt;B: &quot;&lt;hi&gt;&quot;/, 'the source fallback is escaped');
    assert.match(html, /<pre><code class="language-js">/, 'other fences stay code blocks');
  });

  it('renders all 12 diagrams of the guide as placeholders', async () => {
    const { readFileSync } = await import('fs');
    const guide = readFileSync('content/guide.md', 'utf8');
    const { diagrams } = renderMarkdown(guide);
    assert.strictEqual(diagrams.length, 12);
  });

  it('gives headings the ids the guide links use, and keeps links as written', () => {
    const { html } = renderMarkdown('## Duration & Structure\n\n[Overview](#overview) [site](https://example.com) [bad](javascript:alert(1))\n');
    assert.match(html, /<h2 id="duration--structure">/);
    assert.match(html, /<a href="#overview">/);
    assert.match(html, /<a href="https:\/\/example.com">/);
    assert.ok(!/href="javascript:/i.test(html), 'markdown-it does not link javascript: URLs');
  });
});

describe('panel message protocol', () => {
  it('accepts the guide messages and fills defaults', () => {
    const m = hostMessage.parse({ type: 'showItem', id: 'problem:x', title: 'X', html: '<p>x</p>' });
    assert.deepStrictEqual(m.type === 'showItem' && m.diagrams, []);
    assert.ok(webviewMessage.safeParse({ type: 'ready', theme: '{"t":1}' }).success);
    assert.ok(webviewMessage.safeParse({ type: 'ready' }).success);
    assert.ok(webviewMessage.safeParse({ type: 'openItem', id: '#overview' }).success);
    assert.ok(webviewMessage.safeParse({ type: 'diagramRendered', theme: 't', source: 'graph TD', svg: '<svg></svg>' }).success);
    assert.ok(webviewMessage.safeParse({ type: 'copyDiagramSource', source: 'graph TD' }).success);
    assert.ok(webviewMessage.safeParse({ type: 'exportDiagram', format: 'svg', name: 'a', data: '<svg/>' }).success);
    assert.ok(webviewMessage.safeParse({ type: 'exportDiagram', format: 'png', name: 'a', data: 'iVBORw0KGgo=' }).success);
  });

  it('rejects unknown, malformed and mismatched messages', () => {
    for (const bad of [
      null, 'ready', {}, { type: 'nope' }, { type: 'openItem' }, { type: 'openItem', id: 3 },
      { type: 'exportDiagram', format: 'svg', name: 'a', data: '<script>' },
      { type: 'exportDiagram', format: 'png', name: 'a', data: '<svg/>' },
      { type: 'exportDiagram', format: 'gif', name: 'a', data: 'AAAA' },
      { type: 'diagramRendered', theme: 't', source: 's', svg: 'x'.repeat(2_000_001) },
    ]) assert.strictEqual(webviewMessage.safeParse(bad).success, false, JSON.stringify(bad)?.slice(0, 80));
    assert.strictEqual(hostMessage.safeParse({ type: 'showItem', id: 'x', title: 'X' }).success, false);
    assert.strictEqual(hostMessage.safeParse({ type: 'showItem', id: 'x', title: 'X', html: '', diagrams: [{ svg: '<svg/>' }] }).success, false);
  });

  it('validates restored panel state', () => {
    assert.deepStrictEqual(panelState.parse({ itemId: 'guide:overview' }), { itemId: 'guide:overview' });
    assert.strictEqual(panelState.safeParse({ itemId: 1 }).success, false);
    assert.strictEqual(panelState.safeParse(undefined).success, false);
  });
});

describe('diagram cache', () => {
  function memoryStore(): DiagramStore & { files: Map<string, { svg: string; mtime: number }>; failing: boolean } {
    let clock = 0;
    const files = new Map<string, { svg: string; mtime: number }>();
    const s = {
      files,
      failing: false,
      read(key: string) { return s.failing ? Promise.reject(new Error('io')) : Promise.resolve(files.get(key)?.svg); },
      write(key: string, svg: string) { if (s.failing) return Promise.reject(new Error('io')); files.set(key, { svg, mtime: ++clock }); return Promise.resolve(); },
      delete(key: string) { files.delete(key); return Promise.resolve(); },
      list() { return Promise.resolve([...files].map(([key, f]) => ({ key, size: f.svg.length, mtime: f.mtime }))); },
    };
    return s;
  }
  const limits = { maxEntries: 3, maxBytes: 1000, maxEntryBytes: 400, memoryEntries: 2 };

  it('keys by theme and source', () => {
    assert.notStrictEqual(diagramKey('dark', 'graph TD'), diagramKey('light', 'graph TD'));
    assert.notStrictEqual(diagramKey('dark', 'graph TD'), diagramKey('dark', 'graph LR'));
    assert.strictEqual(diagramKey('dark', 'graph TD'), diagramKey('dark', 'graph TD'));
    assert.match(diagramKey('a', 'b'), /^[0-9a-f]{64}$/);
  });

  it('returns what was put, for the same theme only, also from a new instance (after a reload)', async () => {
    const store = memoryStore();
    await new DiagramCache(store, limits).put('dark', 'graph TD', '<svg>d</svg>');
    const fresh = new DiagramCache(store, limits);
    assert.strictEqual(await fresh.get('dark', 'graph TD'), '<svg>d</svg>');
    assert.strictEqual(await fresh.get('light', 'graph TD'), undefined);
  });

  // No manual trim: the store must stay within its bounds after every write on its own, not only
  // every tenth write (growth to the bound + 9 between trims fails here).
  it('stays within its entry limit after every write, dropping the oldest writes', async () => {
    const store = memoryStore();
    const cache = new DiagramCache(store, limits);
    for (let i = 0; i < 30; i++) {
      await cache.put('t', `g${i}`, `<svg>${'x'.repeat(100)}</svg>`);
      assert.ok(store.files.size <= limits.maxEntries, `after write ${i + 1}: ${store.files.size} entries`);
    }
    assert.strictEqual(await new DiagramCache(store, limits).get('t', 'g29'), `<svg>${'x'.repeat(100)}</svg>`);
    assert.strictEqual(await new DiagramCache(store, limits).get('t', 'g0'), undefined);
  });

  it('stays within its byte limit after every write', async () => {
    const store = memoryStore();
    const byBytes = { maxEntries: 100, maxBytes: 1000, maxEntryBytes: 400, memoryEntries: 2 };
    const cache = new DiagramCache(store, byBytes);
    for (let i = 0; i < 30; i++) {
      await cache.put('t', `g${i}`, `<svg>${'x'.repeat(200 + i)}</svg>`);
      const bytes = [...store.files.values()].reduce((n, f) => n + f.svg.length, 0);
      assert.ok(bytes <= byBytes.maxBytes, `after write ${i + 1}: ${bytes} bytes`);
    }
    assert.ok(store.files.has(diagramKey('t', 'g29')));
  });

  it('lists the store rarely: trimming is not paid on every write', async () => {
    const store = memoryStore();
    let lists = 0;
    const list = store.list.bind(store);
    store.list = async () => { lists++; return list(); };
    const cache = new DiagramCache(store, { maxEntries: 100, maxBytes: 1_000_000, maxEntryBytes: 1000, memoryEntries: 2 });
    for (let i = 0; i < 300; i++) await cache.put('t', `g${i}`, '<svg/>');
    assert.ok(store.files.size <= 100);
    assert.ok(lists <= 300 / 5, `${lists} listings for 300 writes`);
  });

  it('refuses oversized or non-SVG entries and survives a failing store', async () => {
    const store = memoryStore();
    const cache = new DiagramCache(store, limits);
    await cache.put('t', 'big', `<svg>${'x'.repeat(500)}</svg>`);
    await cache.put('t', 'html', '<script>x</script>');
    assert.strictEqual(store.files.size, 0);
    store.failing = true;
    await cache.put('t', 'ok', '<svg/>');
    assert.strictEqual(await cache.get('t', 'ok'), '<svg/>', 'kept in memory');
    assert.strictEqual(await new DiagramCache(store, limits).get('t', 'ok'), undefined);
  });
});
