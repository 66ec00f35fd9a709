/**
 * The Mermaid theme for VS Code's current colour theme, read from the body's theme kind
 * (`vscode-dark`, `vscode-light`, `vscode-high-contrast`, `vscode-high-contrast-light`) and,
 * for high contrast, from the theme's own colours. Its fingerprint keys the diagram cache.
 */
import { version as mermaidVersion } from 'mermaid/package.json';
import {
  DEFAULT_CONTRAST_COLOURS, prerenderKey as corePrerenderKey, themeConfigFor, themeFingerprint as coreFingerprint,
  type MermaidThemeConfig, type ThemeKind,
} from '../src/core/mermaidTheme';

export type { MermaidThemeConfig, ThemeKind } from '../src/core/mermaidTheme';

/** The VS Code theme kind of the page. */
export function themeKind(body: HTMLElement = document.body): ThemeKind {
  const kind = body.dataset.vscodeThemeKind ?? '';
  const has = (c: string) => kind === c || body.classList.contains(c);
  if (has('vscode-high-contrast-light')) return 'high-contrast-light';
  if (has('vscode-high-contrast')) return 'high-contrast';
  if (has('vscode-light')) return 'light';
  return 'dark';
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  // Mermaid derives shades from colours, so only plain colour values are passed on.
  return /^(#[0-9a-f]{3,8}|rgba?\([^)]*\))$/i.test(v) ? v : fallback;
}

/** Mermaid's theme settings for the page's current VS Code theme. */
export function mermaidThemeConfig(body: HTMLElement = document.body): MermaidThemeConfig {
  const kind = themeKind(body);
  const style = getComputedStyle(body);
  const fontFamily = style.getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
  if (kind === 'dark' || kind === 'light') return themeConfigFor(kind, fontFamily);
  const d = DEFAULT_CONTRAST_COLOURS[kind];
  return themeConfigFor(kind, fontFamily, {
    background: cssVar(style, '--vscode-editor-background', d.background),
    foreground: cssVar(style, '--vscode-editor-foreground', d.foreground),
    border: cssVar(style, '--vscode-contrastBorder', d.border),
    activeBorder: cssVar(style, '--vscode-contrastActiveBorder', d.activeBorder),
  });
}

/** Identifies a rendering: the same source with the same fingerprint gives the same SVG. */
export function themeFingerprint(config: MermaidThemeConfig): string {
  return coreFingerprint(config, mermaidVersion);
}

/** Identifies a pre-rendered SVG made for this theme (any font). */
export function prerenderKey(config: MermaidThemeConfig): string {
  return corePrerenderKey(config, mermaidVersion);
}
