/** The guide's pre-rendered diagrams (issue 10, goal 2): the shipped file is current, and a stale or broken one is never used. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadContent } from '../../src/core/content';
import { DEFAULT_CONTRAST_COLOURS, prerenderKey, THEME_KINDS, themeConfigFor } from '../../src/core/mermaidTheme';
import { diagramDigest, guideDiagramSources, PAGE_FONT, parsePrerendered, prerenderedOf } from '../../src/core/prerendered';

const ROOT = path.resolve(__dirname, '../../..');
const FILE = path.join(ROOT, 'media', 'diagrams', 'prerendered.json');
const mermaidVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'mermaid', 'package.json'), 'utf8')) as { version: string }).version;
const content = () => loadContent((f) => fs.readFileSync(path.join(ROOT, 'content', f), 'utf8'));
const STALE = 'media/diagrams/prerendered.json is stale: run `npm run build && npm run prerender` and commit it';

describe('pre-rendered diagrams', () => {
  const set = parsePrerendered(fs.readFileSync(FILE, 'utf8'));

  it('the shipped file was made by the Mermaid the webview bundles', () => {
    assert.strictEqual(set.mermaid, mermaidVersion, STALE);
  });

  it('holds every diagram of the guide, as the panel gets it, in the four theme kinds, for the themes the page computes', () => {
    const sources = guideDiagramSources(content());
    assert.strictEqual(sources.length, 12);
    for (const source of sources) {
      const byKind = prerenderedOf(set, source);
      for (const kind of THEME_KINDS) {
        const e = byKind[kind];
        assert.ok(e, `${STALE} (no ${kind} SVG for the diagram starting ${JSON.stringify(source.slice(0, 40))})`);
        // The key the page computes for the default theme of the kind, whatever its font.
        assert.strictEqual(e.key, prerenderKey(themeConfigFor(kind, 'system-ui, "Ubuntu", sans-serif'), mermaidVersion), STALE);
        assert.ok(e.svg.startsWith('<svg') && e.svg.includes(PAGE_FONT), 'an SVG does not take the page\'s font');
        assert.ok(!/sdi-prerender-font/.test(e.svg), 'the measuring font was left in an SVG');
      }
    }
    // Nothing else: a diagram removed from the guide leaves the file.
    assert.strictEqual(Object.keys(set.diagrams).length, sources.length, STALE);
  });

  it('is not used once the diagram\'s source or Mermaid\'s version changes, nor for a high-contrast theme of other colours', () => {
    const source = guideDiagramSources(content())[0];
    assert.deepStrictEqual(prerenderedOf(set, `${source}\n`), {}, 'an edited source found the old SVG');
    const key = prerenderKey(themeConfigFor('dark', 'a'), mermaidVersion);
    assert.strictEqual(prerenderKey(themeConfigFor('dark', 'b'), mermaidVersion), key, 'the font changed the key');
    assert.notStrictEqual(prerenderKey(themeConfigFor('dark', 'a'), `${mermaidVersion}.1`), key, 'another Mermaid gave the same key');
    assert.notStrictEqual(prerenderKey(themeConfigFor('light', 'a'), mermaidVersion), key);
    const hc = DEFAULT_CONTRAST_COLOURS['high-contrast'];
    assert.notStrictEqual(
      prerenderKey(themeConfigFor('high-contrast', 'a', { ...hc, border: '#ff00ff' }), mermaidVersion),
      prerenderKey(themeConfigFor('high-contrast', 'a'), mermaidVersion),
    );
  });

  it('a missing, broken or hostile file is an empty set, and entries that are not SVG are dropped', () => {
    for (const text of [undefined, '', 'not json', 'null', '[]', '{"mermaid":1,"diagrams":{}}', '{"mermaid":"11","diagrams":"x"}']) {
      assert.deepStrictEqual(parsePrerendered(text).diagrams, {}, String(text));
    }
    const d = diagramDigest('graph TD; A-->B');
    const parsed = parsePrerendered(JSON.stringify({
      mermaid: '11', diagrams: {
        [d]: { dark: { key: 'k', svg: '<svg id="x"></svg>' }, light: { key: 'k', svg: '<script>alert(1)</script>' }, 'high-contrast': { key: 1, svg: '<svg/>' }, bogus: { key: 'k', svg: '<svg/>' } },
        'not-a-digest': { dark: { key: 'k', svg: '<svg/>' } },
      },
    }));
    assert.deepStrictEqual(Object.keys(parsed.diagrams), [d]);
    assert.deepStrictEqual(parsed.diagrams[d], { dark: { key: 'k', svg: '<svg id="x"></svg>' } });
  });
});
