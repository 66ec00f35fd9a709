/**
 * Mermaid, loaded on demand: `main.ts` imports this module dynamically, so esbuild puts Mermaid
 * (about 2 MB) in its own chunks and a page whose diagrams are all cached never loads it.
 */
import mermaid from 'mermaid';
import type { MermaidThemeConfig } from './theme';

/** A rendered diagram, or why it could not be rendered (with the diagram's line, when Mermaid names one). */
export type RenderResult = { svg: string } | { error: string; line?: number };

let initialized: string | undefined;

function configure(theme: MermaidThemeConfig, fingerprint: string): void {
  if (initialized === fingerprint) return;
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
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

/** Renders one diagram; never throws. `id` must be unique in the page while rendering. */
export async function renderDiagram(id: string, source: string, theme: MermaidThemeConfig, fingerprint: string): Promise<RenderResult> {
  configure(theme, fingerprint);
  try {
    const { svg } = await mermaid.render(id, source);
    return { svg };
  } catch (e) {
    document.getElementById(`d${id}`)?.remove();
    const message = e instanceof Error ? e.message : String(e);
    return { error: message, line: errorLine(e) };
  }
}
