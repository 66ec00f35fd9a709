#!/usr/bin/env node
/**
 * `npm run prerender`: renders the guide's diagrams with Mermaid in Chromium, once per VS Code
 * theme kind with the default themes' colours, into `media/diagrams/` (one SVG a file and
 * `index.json`; committed, shipped). The guide panel shows them on a first open without loading Mermaid (issue 10). Run it
 * again when a diagram of the guide or Mermaid's version changes: a unit test says when.
 *
 * Text is measured in this machine's `sans-serif` (DejaVu Sans on Debian, one of the widest), and
 * the file's SVGs draw it in the page's font, so labels fit their boxes in narrower fonts too.
 */
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM, CHROMIUM_ARGS, ROOT } from './host.mjs';

const OUT = join(ROOT, 'media', 'diagrams');
const MERMAID_BUNDLE = join(ROOT, 'dist', 'webview', 'mermaid.js');
const ORIGIN = 'http://sdi-prerender.invalid';

// The core's own code, bundled here, gives the sources exactly as the panel gets them.
const built = await esbuild.build({
  stdin: {
    contents: `
      import * as fs from 'fs';
      import * as path from 'path';
      import { loadContent } from './src/core/content';
      export { themeConfigFor, prerenderKey, THEME_KINDS } from './src/core/mermaidTheme';
      export { PRERENDER_FONT, PAGE_FONT, PRERENDERED_INDEX, diagramDigest, guideDiagramSources, prerenderedFile } from './src/core/prerendered';
      export const content = () => loadContent((f) => fs.readFileSync(path.join(${JSON.stringify(join(ROOT, 'content'))}, f), 'utf8'));
    `,
    resolveDir: ROOT,
    loader: 'ts',
  },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'error',
});
const core = { exports: {} };
new Function('module', 'exports', 'require', built.outputFiles[0].text)(core, core.exports, createRequire(join(ROOT, 'package.json')));
const { themeConfigFor, prerenderKey, THEME_KINDS, PRERENDER_FONT, PAGE_FONT, PRERENDERED_INDEX, diagramDigest, guideDiagramSources, prerenderedFile, content } = core.exports;

// Mermaid writes the font into its CSS as given, minified (`a,b`) or not.
const MEASURING_FONT = new RegExp(PRERENDER_FONT.split(',').map((f) => f.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s*,\\s*'), 'g');
const MEASURING_FONT_NAME = PRERENDER_FONT.split(',')[0].trim();
const mermaidVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'mermaid', 'package.json'), 'utf8')).version;
const sources = guideDiagramSources(content());
let bundle;
try {
  bundle = readFileSync(MERMAID_BUNDLE);
} catch {
  console.error(`prerender: ${MERMAID_BUNDLE} is missing; run npm run build first`);
  process.exit(1);
}

const { chromium } = await import('playwright-core');
const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
const index = { mermaid: mermaidVersion, keys: {}, diagrams: {} };
const files = new Map();
const problems = [];
try {
  const page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/mermaid.js') return route.fulfill({ body: bundle, contentType: 'text/javascript' });
    return route.fulfill({ body: '<!DOCTYPE html><html><body></body></html>', contentType: 'text/html' });
  });
  await page.goto(`${ORIGIN}/`);
  for (const source of sources) {
    const digest = diagramDigest(source);
    const kinds = [];
    for (const kind of THEME_KINDS) {
      const config = themeConfigFor(kind, PRERENDER_FONT);
      const id = `pre-${digest.slice(0, 12)}-${kind}`;
      const result = await page.evaluate(async ({ id, source, config }) => {
        // Mermaid draws some lines with random control points (the state diagram's): seeded, the same
        // source gives the same file on every run, and a run changes only the diagrams that changed.
        let seed = 0x5d1;
        Math.random = () => {
          seed = (seed + 0x6d2b79f5) | 0;
          let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
          t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
          return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
        };
        const r = await import('/mermaid.js');
        return r.renderDiagram(id, source, config, JSON.stringify(config));
      }, { id, source, config });
      if (!('svg' in result)) {
        problems.push(`${digest.slice(0, 12)} (${kind}): ${result.error}`);
        continue;
      }
      const svg = result.svg.replace(MEASURING_FONT, PAGE_FONT);
      if (svg.includes(MEASURING_FONT_NAME)) problems.push(`${digest.slice(0, 12)} (${kind}): the measuring font is left in the SVG`);
      index.keys[kind] = prerenderKey(config, mermaidVersion);
      files.set(prerenderedFile(digest, kind), svg);
      kinds.push(kind);
    }
    index.diagrams[digest] = kinds;
  }
} finally {
  await browser.close();
}
if (problems.length) {
  console.error(`prerender: ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
// The folder holds only this run's files: a diagram removed from the guide leaves it.
rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
let bytes = 0;
for (const [name, svg] of files) {
  writeFileSync(join(OUT, name), svg);
  bytes += Buffer.byteLength(svg);
}
writeFileSync(join(OUT, PRERENDERED_INDEX), `${JSON.stringify(index, null, 1)}\n`);
console.log(`prerender: ${sources.length} diagrams × ${THEME_KINDS.length} theme kinds with Mermaid ${mermaidVersion} → ${OUT} (${files.size} SVGs, ${Math.round(bytes / 1024)} KB)`);
