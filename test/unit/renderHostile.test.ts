// Kit content is untrusted: what the panel renders from it must be inert. These tests look at the
// HTML the host hands the webview and at the Mermaid sources it hands over with it.
import * as assert from 'assert';
import { readFileSync, readdirSync } from 'fs';
import { join } from 'path';
import { isFollowableLink, kitLinkTarget, linkKind, locateDiagramError, renderMarkdown, safeMermaidSource } from '../../src/core/renderMarkdown';
import { MERMAID_LOCKED_KEYS, mermaidLineMap, neutralizeDirectives } from '../../src/core/mermaidSource';
import { webviewMessage } from '../../src/protocol';
import { escapeMarkdown } from '../../src/core/escape';
import MarkdownIt from 'markdown-it';

const FIXTURE = 'test/fixtures/kits/hostile';

/** Every start tag of `html` with its attributes (names lower-cased). */
function tags(html: string): { name: string; attrs: Record<string, string> }[] {
  return [...html.matchAll(/<([a-zA-Z][\w-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => ({
    name: m[1].toLowerCase(),
    attrs: Object.fromEntries([...m[2].matchAll(/([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => [a[1].toLowerCase(), a[2] ?? ''])),
  }));
}

/** Asserts that rendered HTML has no element that runs script, fetches, or leaves the allowed links. */
function assertInert(html: string, what: string): void {
  for (const t of tags(html)) {
    assert.ok(!['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'form', 'svg'].includes(t.name), `${what}: <${t.name}> in ${html}`);
    for (const [name, value] of Object.entries(t.attrs)) {
      assert.ok(!name.startsWith('on'), `${what}: event handler ${name} on <${t.name}>`);
      if (name === 'href') assert.ok(isFollowableLink(value.replace(/&amp;/g, '&')), `${what}: <${t.name} href="${value}">`);
      if (name === 'src') assert.match(value, /^data:image\/(png|gif|jpeg|webp);base64,/, `${what}: <${t.name} src="${value}">`);
    }
  }
}

const hrefs = (html: string) => tags(html).flatMap((t) => (t.attrs.href !== undefined ? [t.attrs.href] : []));

describe('hostile Markdown is rendered inert', () => {
  it('shows script tags and event-handler attributes as text', () => {
    const src = [
      '<script>window.x = 1</script>',
      '',
      'Inline <img src=x onerror="alert(1)"> and <svg onload=alert(2)> and <a href="javascript:alert(3)">a</a>',
      '',
      '<div onclick="alert(4)">block</div>',
      '',
      '<iframe src="javascript:alert(5)"></iframe>',
      '',
      '`<script>` in code and',
      '',
      '```html',
      '<script>alert(6)</script>',
      '```',
    ].join('\n');
    const { html } = renderMarkdown(src);
    assertInert(html, 'raw HTML');
    assert.match(html, /&lt;script&gt;window\.x = 1&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=&quot;alert\(1\)&quot;&gt;/);
    assert.match(html, /&lt;div onclick=&quot;alert\(4\)&quot;&gt;block&lt;\/div&gt;/);
  });

  it('does not link javascript:, command:, vscode:, file:, data: or other schemes, however spelled', () => {
    const bad = [
      'javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'JaVaScRiPt:alert(1)', 'java%0Ascript:alert(1)', '%6Aavascript:alert(1)',
      'command:workbench.action.openSettings', 'command:vscode.open?%5B%22file%3A%2F%2F%2Fetc%2Fpasswd%22%5D',
      'vscode:extension/ms-python.python', 'vscode-insiders://x', 'file:///etc/passwd', 'data:text/html,%3Cscript%3Ealert(1)%3C/script%3E',
      'vbscript:msgbox(1)', '//example.com/x', '../../secret.md', 'problems/../../x.md', 'ftp://example.com', 'https:example.com', 'http:/x',
    ];
    for (const url of bad) {
      const { html } = renderMarkdown(`[label](${url}) and <${url}> and [ref][r]\n\n[r]: ${url}\n`);
      assertInert(html, url);
      assert.deepStrictEqual(hrefs(html), [], `${url} was linked: ${html}`);
      assert.match(html, /\[label\]/, `${url}: the link shows as its text`);
      assert.strictEqual(linkKind(url), undefined, url);
    }
    // Whitespace and controls inside a scheme are dropped by browsers: they do not slip through.
    for (const url of ['java\tscript:alert(1)', ' javascript:alert(1)', 'javascript\u0000:alert(1)', 'command\n:x']) assert.strictEqual(linkKind(url), undefined, JSON.stringify(url));
  });

  it('links http(s), mailto, in-document anchors and other problems of the kit', () => {
    const { html } = renderMarkdown('[a](https://example.com/x?y=1) [b](http://example.com) [c](mailto:t@example.com) [d](#deep-dive) [e](./other.md) [f](other.md#scale) <https://example.com/auto>\n');
    assert.deepStrictEqual(hrefs(html), ['https://example.com/x?y=1', 'http://example.com', 'mailto:t@example.com', '#deep-dive', './other.md', 'other.md#scale', 'https://example.com/auto']);
    assertInert(html, 'good links');
    assert.deepStrictEqual(kitLinkTarget('./other.md#scale'), { file: 'other.md', stem: 'other', anchor: 'scale' });
    assert.deepStrictEqual(kitLinkTarget('other.md'), { file: 'other.md', stem: 'other', anchor: undefined });
    for (const no of ['../other.md', 'sub/other.md', 'other.txt', 'https://x/other.md', '.md']) assert.strictEqual(kitLinkTarget(no), undefined, no);
  });

  it('shows only inline raster data: images; a remote image becomes a link, nothing that fetches', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const { html } = renderMarkdown(`![dot](${png}) ![pixel](https://example.com/p.png) ![svg](data:image/svg+xml;base64,PHN2Zy8+) ![local](./diagram.png) ![f](file:///etc/x.png) [link to data](${png})\n`);
    assertInert(html, 'images');
    const imgs = tags(html).filter((t) => t.name === 'img');
    assert.deepStrictEqual(imgs.map((t) => t.attrs.src), [png]);
    assert.match(html, /<a class="image-link" href="https:\/\/example.com\/p.png"[^>]*>.*pixel<\/a>/);
    assert.match(html, /!\[local\]\(\.\/diagram\.png\)/, 'an image the panel cannot reach shows as written');
    assert.ok(!hrefs(html).some((h) => h.startsWith('data:')), 'a data: URL is never a link target');
  });
});

describe('hostile Mermaid is handed over inert', () => {
  const loose = '%%{init: {"securityLevel": "loose", "htmlLabels": true, "flowchart": {"htmlLabels": true}, "themeCSS": ".a{}", "theme": "dark"}}%%\nflowchart TD\n  A --> B\n';

  it('drops securityLevel and the other locked keys from an init directive, keeping the rest and the lines', () => {
    const { diagrams } = renderMarkdown(`\`\`\`mermaid\n${loose}\`\`\`\n`);
    assert.strictEqual(diagrams.length, 1);
    const out = diagrams[0];
    assert.doesNotMatch(out, /securityLevel|loose|htmlLabels|themeCSS/);
    const directive = /%%\{init: (.*)\}%%/.exec(out);
    assert.ok(directive, out);
    assert.deepStrictEqual(JSON.parse(directive[1]), { flowchart: {}, theme: 'dark' });
    assert.strictEqual(out.split('\n').length, loose.split('\n').length);
  });

  it('handles single quotes, `initialize`, several and multi-line directives, as Mermaid reads them', () => {
    const src = "%%{initialize: {'securityLevel': 'loose'}}%%\n%%{init: {\n  \"secure\": [],\n  \"maxTextSize\": 9e9\n}}%%\ngraph TD\n  A-->B\n";
    const out = neutralizeDirectives(src);
    assert.deepStrictEqual(out.removed.sort(), ['maxTextSize', 'secure', 'securityLevel']);
    assert.doesNotMatch(out.source, /loose|secure|maxTextSize/);
    assert.strictEqual(out.source.split('\n').length, src.split('\n').length, 'lines keep their numbers');
    // A directive Mermaid cannot parse is left alone (Mermaid ignores it).
    assert.strictEqual(neutralizeDirectives('%%{init: {securityLevel: loose}}%%\ngraph TD\n').source, '%%{init: {securityLevel: loose}}%%\ngraph TD\n');
  });

  it('drops locked keys from `config:` front matter at any depth, keeping the line count', () => {
    const src = '---\ntitle: T\nconfig:\n  securityLevel: loose\n  theme: forest\n  flowchart:\n    htmlLabels: true\n    curve: linear\n  dompurifyConfig:\n    ADD_TAGS: [script]\n---\nflowchart TD\n  A --> B\n';
    const { source, removed } = safeMermaidSource(src);
    assert.deepStrictEqual(removed.sort(), ['front matter config.dompurifyConfig', 'front matter config.flowchart.htmlLabels', 'front matter config.securityLevel']);
    assert.doesNotMatch(source, /securityLevel|loose|htmlLabels|dompurify|ADD_TAGS/);
    assert.match(source, /theme: forest/);
    assert.match(source, /curve: linear/);
    assert.strictEqual(source.split('\n').length, src.split('\n').length);
    assert.match(source, /^---\n[\s\S]*\n---\nflowchart TD\n {2}A --> B\n$/);
  });

  it('comments out click callbacks and style URLs of other documents; keeps click links', () => {
    const src = 'flowchart TD\n  A --> B\n  click A call alert(1)\n  click B myCallback "tip"\n  click A href "https://example.com"\n  click B "https://example.com"\n  style A fill:url(https://evil.example/p.svg#x),stroke:#f00\n  classDef c fill:url(#local)\n';
    const { source, removed } = safeMermaidSource(src);
    const lines = source.split('\n');
    assert.match(lines[2], /^ {2}%% \(callback removed\) click A call alert\(1\)$/);
    assert.match(lines[3], /^ {2}%% \(callback removed\) click B myCallback/);
    assert.strictEqual(lines[4], '  click A href "https://example.com"');
    assert.strictEqual(lines[5], '  click B "https://example.com"');
    assert.strictEqual(lines[6], '  style A fill:none,stroke:#f00');
    assert.strictEqual(lines[7], '  classDef c fill:url(#local)');
    assert.deepStrictEqual(removed, ['2 click callbacks', '1 style url']);
  });

  it('drops event-handler attributes from HTML in labels (DOMPurify would, but its parse is reported to the CSP)', () => {
    const src = 'graph TD\n  A["<img src=x onerror=alert(1)> a"] --> B["<svg/onload=alert(2)>"]\n  B --> C["<b ONMOUSEOVER=\'x()\' title=t>c</b> <i onclick="y()">d</i>"]\n  C --> D[a->>b onclick= not a tag]\n';
    const { source, removed } = safeMermaidSource(src);
    assert.strictEqual(source, 'graph TD\n  A["<img src=x > a"] --> B["<svg/>"]\n  B --> C["<b  title=t>c</b> <i >d</i>"]\n  C --> D[a->>b onclick= not a tag]\n');
    assert.deepStrictEqual(removed, ['4 event handlers']);
  });

  it('escapes hostile labels in the source fallback shown before Mermaid runs', () => {
    const { html, diagrams } = renderMarkdown('```mermaid\ngraph TD\n  A["<img src=x onerror=alert(1)>"] --> B["<script>alert(2)</script>"]\n```\n');
    assertInert(html, 'mermaid fallback');
    assert.match(html, /&lt;img src=x &gt;/);
    assert.match(diagrams[0], /<script>alert\(2\)<\/script>/, 'the label reaches Mermaid as text, which strict mode sanitises');
  });

  it('leaves the built-in guide\'s diagrams exactly as written (their cache keys do not change)', () => {
    const files = readdirSync('content').filter((f) => f.endsWith('.md'));
    let seen = 0;
    for (const f of files) {
      const markdown = readFileSync(join('content', f), 'utf8');
      for (const d of renderMarkdown(markdown).diagrams) {
        seen++;
        assert.ok(markdown.includes(d), `${f}: a diagram was changed: ${d.slice(0, 80)}`);
        assert.deepStrictEqual(safeMermaidSource(d).removed, [], f);
      }
    }
    assert.ok(seen >= 12, `${seen} diagrams`);
  });

  it('keeps every key Mermaid itself treats as secure in the locked list', () => {
    for (const k of ['secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'suppressErrorRendering', 'maxEdges']) assert.ok(MERMAID_LOCKED_KEYS.includes(k), k);
  });

  it('maps a line Mermaid reports back to the line as written', () => {
    // Mermaid parses this without the directive, the comment and the blank lines: its line 3 is our line 6.
    const src = '%%{init: {"theme": "dark"}}%%\n\n%% a comment\ngraph TD\n  A --> B\n  B --> --> C\n';
    assert.strictEqual(mermaidLineMap(src)(3), 6);
    assert.strictEqual(mermaidLineMap(src)(1), 4);
    const fm = '---\ntitle: x\n---\ngraph TD\n  A --> --> B\n';
    assert.strictEqual(mermaidLineMap(fm)(2), 5);
    assert.strictEqual(mermaidLineMap('graph TD\n  A --> --> B\n')(2), 2);
  });
});

describe('the hostile kit fixture', () => {
  const problems = readdirSync(join(FIXTURE, 'problems')).filter((f) => f.endsWith('.md'));

  it('renders every problem file inert, front matter strings included', () => {
    assert.ok(problems.length >= 2);
    for (const f of problems) {
      const { html, diagrams } = renderMarkdown(readFileSync(join(FIXTURE, 'problems', f), 'utf8'));
      assertInert(html, f);
      for (const d of diagrams) {
        assert.doesNotMatch(d, /securityLevel|htmlLabels|themeCSS|dompurify/, `${f}: ${d}`);
        assert.doesNotMatch(d, /^\s*click\s+\S+\s+(?!href\b)(?!["'])\S/m, `${f}: a click callback is left`);
        assert.doesNotMatch(d, /url\(\s*https?:/i, `${f}: a style URL is left`);
        assert.doesNotMatch(d, /<[a-z][^>\n]*[\s/]on[a-z]+\s*=/i, `${f}: an event handler is left`);
      }
    }
  });

  it('keeps the links that are allowed, among them the link to the other problem', () => {
    const { html } = renderMarkdown(readFileSync(join(FIXTURE, 'problems/script-injection.md'), 'utf8'));
    assert.deepStrictEqual(hrefs(html), ['https://example.com/design', 'mailto:team@example.com', '#links-that-must-not-be-followed', './broken-diagram.md', 'https://example.com/pixel.png']);
  });
});

describe('diagram errors reported by the webview', () => {
  it('accepts a diagramError message with item id, index, line and message', () => {
    const ok = { type: 'diagramError', itemId: 'kit:team/problem:x', index: 0, line: 5, message: 'Parse error on line 5' };
    assert.deepStrictEqual(webviewMessage.parse(ok), ok);
    assert.ok(webviewMessage.safeParse({ ...ok, line: undefined }).success, 'a message without a line');
  });

  it('are located in the Markdown the diagram came from (a kit problem\'s body)', () => {
    const body = readFileSync(join(FIXTURE, 'problems/broken-diagram.md'), 'utf8');
    const shown = `# Title\n\nStatement.\n\n${body}`;
    const { diagrams } = renderMarkdown(shown);
    // The error Mermaid reports for the fixture's broken diagram: line 5 of the diagram, its fence on line 12 of the file.
    const line = locateDiagramError(body, { index: 0, source: diagrams[0], line: 5 }, diagrams);
    assert.strictEqual(body.split('\n')[line! - 1], '    B --> --> C[(Database)');
    assert.strictEqual(locateDiagramError(body, { index: 0, source: diagrams[0] }, diagrams), 12, 'no line: the fence');
    assert.strictEqual(locateDiagramError(body, { index: 0, source: 'graph TD\n' }), undefined);
    const twice = '```mermaid\ngraph TD\n  A-->\n```\n\n```mermaid\ngraph TD\n  A-->\n```\n';
    const d = renderMarkdown(twice).diagrams;
    assert.strictEqual(locateDiagramError(twice, { index: 1, source: d[1], line: 2 }, d), 8);
  });

  it('rejects malformed ones', () => {
    const ok = { type: 'diagramError', itemId: 'x', index: 0, line: 5, message: 'm' };
    for (const bad of [{ ...ok, index: -1 }, { ...ok, index: 1.5 }, { ...ok, line: 0 }, { ...ok, message: 'x'.repeat(20_001) }, { ...ok, itemId: 3 }, { type: 'diagramError', index: 0, message: 'm' }]) {
      assert.strictEqual(webviewMessage.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 80));
    }
  });
});

describe('Markdown tooltips and hovers built from kit text', () => {
  // VS Code renders a tree tooltip's Markdown and also parses the HTML to get its plain text; a
  // backslash-escaped `\<img onerror=…\>` came out of that as an element and the workbench's CSP
  // reported its handler. Entities never become an element.
  it('escapeMarkdown leaves no angle bracket, and renders as the literal text', () => {
    const hostile = '<img src=x onerror=alert(1)> **bold** [link](command:x) & <b onmouseover="y">';
    const escaped = escapeMarkdown(hostile);
    assert.ok(!/[<>]/.test(escaped), escaped);
    const html = new MarkdownIt({ html: true }).renderInline(escaped);
    assert.deepStrictEqual(tags(html), []);
    assert.strictEqual(html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'), hostile);
  });
});
