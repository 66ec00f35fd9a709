/** The guide's pre-rendered diagrams (issue 10, goal 2): the shipped files are current, and a stale or broken index is never used. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadContent } from '../../src/core/kit/loader';
import { DEFAULT_CONTRAST_COLOURS, prerenderKey, THEME_KINDS, themeConfigFor } from '../../src/core/mermaidTheme';
import { diagramDigest, guideDiagramSources, PAGE_FONT, parsePrerenderedIndex, prerenderedEntry, PRERENDERED_DIR, PRERENDERED_INDEX } from '../../src/core/prerendered';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.join(ROOT, ...PRERENDERED_DIR);
const mermaidVersion = (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'mermaid', 'package.json'), 'utf8')) as { version: string }).version;
const content = () => loadContent((f) => fs.readFileSync(path.join(ROOT, 'content', f), 'utf8'));
const STALE = `${PRERENDERED_DIR.join('/')} is stale: run \`npm run build && npm run prerender\` and commit it`;

describe('pre-rendered diagrams', () => {
  const index = parsePrerenderedIndex(fs.readFileSync(path.join(DIR, PRERENDERED_INDEX), 'utf8'));

  it('were made by the Mermaid the webview bundles, for the themes the page computes (any font)', () => {
    assert.strictEqual(index.mermaid, mermaidVersion, STALE);
    for (const kind of THEME_KINDS) assert.strictEqual(index.keys[kind], prerenderKey(themeConfigFor(kind, 'system-ui, "Ubuntu", sans-serif'), mermaidVersion), STALE);
  });

  it('hold every diagram of the guide, as the panel gets it, in the four theme kinds, and nothing else', () => {
    const sources = guideDiagramSources(content());
    assert.strictEqual(sources.length, 12);
    const files = new Set<string>();
    for (const source of sources) {
      for (const kind of THEME_KINDS) {
        const e = prerenderedEntry(index, source, kind);
        assert.ok(e, `${STALE} (no ${kind} SVG for the diagram starting ${JSON.stringify(source.slice(0, 40))})`);
        const svg = fs.readFileSync(path.join(DIR, e.file), 'utf8');
        assert.ok(svg.startsWith('<svg') && svg.includes(PAGE_FONT), `${e.file} does not take the page's font`);
        assert.ok(!/sdi-prerender-font/.test(svg), `the measuring font was left in ${e.file}`);
        files.add(e.file);
      }
    }
    // A diagram removed from the guide leaves the folder.
    assert.deepStrictEqual(fs.readdirSync(DIR).filter((f) => f !== PRERENDERED_INDEX).sort(), [...files].sort(), STALE);
  });

  it('are not used once the diagram\'s source or Mermaid\'s version changes, nor for a high-contrast theme of other colours', () => {
    const source = guideDiagramSources(content())[0];
    assert.strictEqual(prerenderedEntry(index, `${source}\n`, 'dark'), undefined, 'an edited source found the old SVG');
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

  it('a missing, broken or hostile index is an empty one; entries it cannot name a file or key for are dropped', () => {
    for (const text of [undefined, '', 'not json', 'null', '[]', '{"mermaid":1,"keys":{},"diagrams":{}}', '{"mermaid":"11","keys":{},"diagrams":"x"}']) {
      const i = parsePrerenderedIndex(text);
      assert.strictEqual(i.diagrams.size, 0, String(text));
    }
    const d = diagramDigest('graph TD; A-->B');
    const i = parsePrerenderedIndex(JSON.stringify({
      mermaid: '11', keys: { dark: 'kd', light: 7, bogus: 'x' },
      diagrams: { [d]: ['dark', 'light', 'bogus', '../../etc/passwd'], '../escape': ['dark'], [diagramDigest('x')]: 'dark' },
    }));
    assert.deepStrictEqual([...i.diagrams.keys()], [d]);
    assert.deepStrictEqual(prerenderedEntry(i, 'graph TD; A-->B', 'dark'), { file: `${d}.dark.svg`, key: 'kd' });
    assert.strictEqual(prerenderedEntry(i, 'graph TD; A-->B', 'light'), undefined, 'a kind without a key');
  });
});
