/**
 * The guide's diagrams rendered ahead of time (issue 10): `media/diagrams/prerendered.json`, made
 * by `npm run prerender` (`test/host/prerender.mjs`, Mermaid in Chromium) for each theme kind with
 * VS Code's default colours, so a first open shows them without loading Mermaid. Each SVG names the
 * Mermaid theme it was made for (`key`, see `prerenderKey`): the page uses it only when its own
 * theme gives the same key, which also fails once Mermaid is upgraded; other themes render live.
 * Its text takes the page's font (`var(--vscode-font-family)`); it was measured in a wide one.
 */
import { createHash } from 'crypto';
import type { GuideContent } from './content';
import { buildGuideTree, flattenGuideTree, nodeSection } from './guideTree';
import { THEME_KINDS, type ThemeKind } from './mermaidTheme';
import { renderMarkdown } from './renderMarkdown';

/** One diagram rendered for one theme kind. */
export interface PrerenderedSvg {
  /** `prerenderKey` of the theme it was rendered with. */
  key: string;
  svg: string;
}

export interface PrerenderedSet {
  /** The Mermaid version that rendered them. */
  mermaid: string;
  /** By `diagramDigest` of the source, then by theme kind. */
  diagrams: Record<string, Partial<Record<ThemeKind, PrerenderedSvg>>>;
}

/** What stands for the font while rendering: replaced by the page's font in the file. */
export const PRERENDER_FONT = 'sdi-prerender-font, sans-serif';
/** The font a pre-rendered SVG's text is drawn in: the page's. */
export const PAGE_FONT = 'var(--vscode-font-family, sans-serif)';

/** A diagram's identity in the set: the SHA-256 of its source, exactly as the panel gets it. */
export function diagramDigest(source: string): string {
  return createHash('sha256').update(source).digest('hex');
}

/** The set read from its file's text; an empty set when it is missing or not one (it is only a speed-up). */
export function parsePrerendered(text: string | undefined): PrerenderedSet {
  const empty: PrerenderedSet = { mermaid: '', diagrams: {} };
  if (!text) return empty;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return empty;
  }
  if (!data || typeof data !== 'object') return empty;
  const { mermaid, diagrams } = data as { mermaid?: unknown; diagrams?: unknown };
  if (typeof mermaid !== 'string' || !diagrams || typeof diagrams !== 'object') return empty;
  const out: PrerenderedSet['diagrams'] = {};
  for (const [digest, byKind] of Object.entries(diagrams as Record<string, unknown>)) {
    if (!/^[0-9a-f]{64}$/.test(digest) || !byKind || typeof byKind !== 'object') continue;
    const kinds: Partial<Record<ThemeKind, PrerenderedSvg>> = {};
    for (const kind of THEME_KINDS) {
      const e = (byKind as Record<string, unknown>)[kind] as { key?: unknown; svg?: unknown } | undefined;
      if (e && typeof e.key === 'string' && typeof e.svg === 'string' && e.svg.startsWith('<svg')) kinds[kind] = { key: e.key, svg: e.svg };
    }
    out[digest] = kinds;
  }
  return { mermaid, diagrams: out };
}

/** The pre-rendered SVGs of a source, by theme kind (empty when it has none). */
export function prerenderedOf(set: PrerenderedSet, source: string): Partial<Record<ThemeKind, PrerenderedSvg>> {
  return set.diagrams[diagramDigest(source)] ?? {};
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
