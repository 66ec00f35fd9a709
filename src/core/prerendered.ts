/**
 * The guide's diagrams rendered ahead of time (issue 10): `media/diagrams/`, made by
 * `npm run prerender` (`test/host/prerender.mjs`, Mermaid in Chromium) for each theme kind with
 * VS Code's default colours, so a first open shows them without loading Mermaid. One SVG a file
 * (`<digest>.<kind>.svg`, read when an item needs it) and an index (`index.json`) naming the
 * Mermaid version, the theme key of each kind (see `prerenderKey`) and the files there are. The page
 * uses an SVG only when its own theme gives the same key, which also fails once Mermaid is
 * upgraded; other themes render live. Its text takes the page's font
 * (`var(--vscode-font-family)`); it was measured in a wide one.
 */
import { createHash } from 'crypto';
import type { GuideContent } from './content';
import { buildGuideTree, flattenGuideTree, nodeSection } from './guideTree';
import { THEME_KINDS, type ThemeKind } from './mermaidTheme';
import { renderMarkdown } from './renderMarkdown';

/** What `index.json` says. */
export interface PrerenderedIndex {
  /** The Mermaid version that rendered them. */
  mermaid: string;
  /** The `prerenderKey` each kind's SVGs were rendered with. */
  keys: Partial<Record<ThemeKind, string>>;
  /** By `diagramDigest` of the source: the kinds it has a file for. */
  diagrams: Map<string, Set<ThemeKind>>;
}

/** The folder, under the extension, and its index file. */
export const PRERENDERED_DIR = ['media', 'diagrams'] as const;
export const PRERENDERED_INDEX = 'index.json';

/** What stands for the font while rendering: replaced by the page's font in the files. */
export const PRERENDER_FONT = 'sdi-prerender-font, sans-serif';
/** The font a pre-rendered SVG's text is drawn in: the page's. */
export const PAGE_FONT = 'var(--vscode-font-family, sans-serif)';

/** A diagram's identity: the SHA-256 of its source, exactly as the panel gets it. */
export function diagramDigest(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** The file of one diagram in one kind, in `PRERENDERED_DIR`. */
export function prerenderedFile(digest: string, kind: ThemeKind): string {
  return `${digest}.${kind}.svg`;
}

/** The index read from its file's text; an empty one when it is missing or not one (it is only a speed-up). */
export function parsePrerenderedIndex(text: string | undefined): PrerenderedIndex {
  const empty: PrerenderedIndex = { mermaid: '', keys: {}, diagrams: new Map() };
  if (!text) return empty;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return empty;
  }
  if (!data || typeof data !== 'object') return empty;
  const { mermaid, keys, diagrams } = data as { mermaid?: unknown; keys?: unknown; diagrams?: unknown };
  if (typeof mermaid !== 'string' || !keys || typeof keys !== 'object' || !diagrams || typeof diagrams !== 'object') return empty;
  const out: PrerenderedIndex = { mermaid, keys: {}, diagrams: new Map() };
  for (const kind of THEME_KINDS) {
    const key = (keys as Record<string, unknown>)[kind];
    if (typeof key === 'string') out.keys[kind] = key;
  }
  for (const [digest, kinds] of Object.entries(diagrams as Record<string, unknown>)) {
    if (!/^[0-9a-f]{64}$/.test(digest) || !Array.isArray(kinds)) continue;
    // Only kinds with a key: an SVG the page could not match is never read.
    out.diagrams.set(digest, new Set(THEME_KINDS.filter((k) => kinds.includes(k) && out.keys[k] !== undefined)));
  }
  return out;
}

/** The file holding a source's SVG for a kind, with the key it was made for; undefined when there is none. */
export function prerenderedEntry(index: PrerenderedIndex, source: string, kind: ThemeKind): { file: string; key: string } | undefined {
  const digest = diagramDigest(source);
  const key = index.keys[kind];
  return key !== undefined && index.diagrams.get(digest)?.has(kind) ? { file: prerenderedFile(digest, kind), key } : undefined;
}

/** Every diagram source the guide's items show, as the panel gets them, each once, in guide order. */
export function guideDiagramSources(content: GuideContent): string[] {
  const seen = new Set<string>();
  for (const { node } of flattenGuideTree(buildGuideTree(content))) {
    const markdown = nodeSection(content, node)?.markdown;
    if (markdown) for (const source of renderMarkdown(markdown).diagrams) seen.add(source);
  }
  return [...seen];
}
