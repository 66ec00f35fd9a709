/**
 * Mermaid, loaded on demand: `main.ts` imports this module dynamically, so esbuild puts Mermaid
 * (about 2 MB) in its own chunks and a page whose diagrams are all cached never loads it.
 */
import mermaid from 'mermaid';
import { MERMAID_LOCKED_KEYS, mermaidLineMap, neutralizeHandlers } from '../src/core/mermaidSource';
import type { MermaidThemeConfig } from './theme';

/** A rendered diagram, or why it could not be rendered (with the diagram's line, when Mermaid names one). */
export type RenderResult = { svg: string } | { error: string; line?: number };

let initialized: string | undefined;

function configure(theme: MermaidThemeConfig, fingerprint: string): void {
  if (initialized === fingerprint) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    // Kit diagrams are untrusted: no `%%{init}%%` directive or `config:` front matter may loosen these
    // (Mermaid drops them from every directive, at any depth). The host strips them from the source too.
    secure: [...MERMAID_LOCKED_KEYS],
    // Errors are shown by the panel, in place of the diagram, not as Mermaid's bomb image.
    suppressErrorRendering: true,
    theme: theme.theme,
    darkMode: theme.darkMode,
    fontFamily: theme.fontFamily,
    themeVariables: theme.themeVariables,
    // Plain SVG text rather than HTML in <foreignObject>: exported files open in any SVG viewer
    // and can be drawn to a canvas for PNG.
    htmlLabels: false,
    flowchart: { htmlLabels: false },
  });
  initialized = fingerprint;
}

/** The 1-based line of the diagram that an error names, if any. */
export function errorLine(e: unknown): number | undefined {
  const m = /line (\d+)/i.exec(String((e as Error)?.message ?? e));
  if (m) return Number(m[1]);
  const loc = (e as { hash?: { loc?: { first_line?: number } } })?.hash?.loc?.first_line;
  return typeof loc === 'number' ? loc : undefined;
}

/**
 * Renders one diagram; never throws. `id` must be unique in the page while rendering. An error's
 * line is the line of `source` as written (Mermaid counts without front matter, directives and comments).
 */
export async function renderDiagram(id: string, source: string, theme: MermaidThemeConfig, fingerprint: string): Promise<RenderResult> {
  configure(theme, fingerprint);
  try {
    // The host already did this; a source from anywhere else (a test) gets it too. Lines are kept.
    const { svg } = await mermaid.render(id, neutralizeHandlers(source).source);
    return { svg: scrubSvg(svg) };
  } catch (e) {
    document.getElementById(`d${id}`)?.remove();
    const message = e instanceof Error ? e.message : String(e);
    const parserLine = errorLine(e);
    if (parserLine === undefined) return { error: message };
    const line = mermaidLineMap(source)(parserLine);
    return { error: line === parserLine ? message : message.replace(/\bline (\d+)/i, `line ${line}`), line };
  }
}

/** Attributes that make the browser fetch what they name (on any element but a link). */
const FETCHING_ATTRIBUTES = new Set(['href', 'xlink:href', 'src', 'srcset', 'poster', 'background', 'data', 'action', 'formaction']);
/** A CSS `url()` that is not a reference into the document itself (`url(#arrowhead)`). */
const EXTERNAL_URL = /url\(\s*(?!['"]?\s*#)[^)]*\)/gi;
const NEEDS_SCRUB = /url\(\s*(?!['"]?\s*#)|@import|\s(?:xlink:)?href\s*=\s*["']?\s*[^#"'\s]|\ssrc(?:set)?\s*=|\son[a-z]+\s*=|<(?:script|iframe|object|embed)/i;

/**
 * Removes from Mermaid's SVG whatever would make the page fetch (an `<image>` of a remote URL, a
 * CSS `url()` of another document, `@import`) or run something: the panel makes no network requests
 * and its CSP would only report them. Mermaid's strict mode has already removed scripts and handlers;
 * this is the last pass. Links (`<a>`) keep their target: clicks on them go through the host's checks.
 */
export function scrubSvg(svg: string): string {
  if (!NEEDS_SCRUB.test(svg)) return svg;
  // An inert document: parsing it neither runs scripts nor loads images.
  const doc = new DOMParser().parseFromString(`<!DOCTYPE html><body>${svg}`, 'text/html');
  for (const e of doc.body.querySelectorAll('script, iframe, object, embed, link, meta, base')) e.remove();
  for (const e of doc.body.querySelectorAll('*')) {
    for (const a of [...e.attributes]) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) e.removeAttribute(a.name);
      else if (FETCHING_ATTRIBUTES.has(name) && e.localName !== 'a' && !a.value.trim().startsWith('#')) e.removeAttribute(a.name);
      else if (name === 'style' || /url\(/i.test(a.value)) {
        const value = a.value.replace(EXTERNAL_URL, 'none');
        if (value !== a.value) e.setAttribute(a.name, value);
      }
    }
    if (e.localName === 'style') e.textContent = (e.textContent ?? '').replace(/@import[^;]*;?/gi, '').replace(EXTERNAL_URL, 'none');
  }
  return doc.body.innerHTML;
}
