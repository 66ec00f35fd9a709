/**
 * The Mermaid theme for VS Code's current colour theme, read from the body's theme kind
 * (`vscode-dark`, `vscode-light`, `vscode-high-contrast`, `vscode-high-contrast-light`) and,
 * for high contrast, from the theme's own colours. Its fingerprint keys the diagram cache.
 */
import { version as mermaidVersion } from 'mermaid/package.json';

export type ThemeKind = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';

/** The Mermaid settings that depend on the theme. */
export interface MermaidThemeConfig {
  theme: 'dark' | 'default' | 'base';
  darkMode: boolean;
  fontFamily: string;
  themeVariables: Record<string, string | boolean>;
}

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
  if (kind === 'dark' || kind === 'light') {
    return { theme: kind === 'dark' ? 'dark' : 'default', darkMode: kind === 'dark', fontFamily, themeVariables: { fontFamily } };
  }
  // High contrast: Mermaid's soft fills would lose the contrast, so every shape is the editor's
  // background with the theme's contrast border, and every line and text is the foreground.
  const dark = kind === 'high-contrast';
  const bg = cssVar(style, '--vscode-editor-background', dark ? '#000000' : '#ffffff');
  const fg = cssVar(style, '--vscode-editor-foreground', dark ? '#ffffff' : '#292929');
  const border = cssVar(style, '--vscode-contrastBorder', dark ? '#6fc3df' : '#0f4a85');
  const active = cssVar(style, '--vscode-contrastActiveBorder', dark ? '#f38518' : '#006bbd');
  return {
    theme: 'base',
    darkMode: dark,
    fontFamily,
    themeVariables: {
      darkMode: dark, fontFamily, background: bg,
      primaryColor: bg, primaryTextColor: fg, primaryBorderColor: border,
      secondaryColor: bg, secondaryTextColor: fg, secondaryBorderColor: border,
      tertiaryColor: bg, tertiaryTextColor: fg, tertiaryBorderColor: border,
      mainBkg: bg, nodeBorder: border, nodeTextColor: fg, textColor: fg, titleColor: fg, lineColor: fg,
      clusterBkg: bg, clusterBorder: active, edgeLabelBackground: bg,
      actorBkg: bg, actorBorder: border, actorTextColor: fg, actorLineColor: fg,
      signalColor: fg, signalTextColor: fg, labelBoxBkgColor: bg, labelBoxBorderColor: border, labelTextColor: fg,
      loopTextColor: fg, noteBkgColor: bg, noteTextColor: fg, noteBorderColor: active,
      activationBkgColor: bg, activationBorderColor: border, sequenceNumberColor: bg,
      stateBkg: bg, stateLabelColor: fg, transitionColor: fg, transitionLabelColor: fg,
      compositeBackground: bg, compositeTitleBackground: bg, altBackground: bg, specialStateColor: fg, innerEndBackground: fg,
      labelColor: fg, errorBkgColor: bg, errorTextColor: fg,
    },
  };
}

/** Identifies a rendering: the same source with the same fingerprint gives the same SVG. */
export function themeFingerprint(config: MermaidThemeConfig): string {
  return JSON.stringify({ mermaid: mermaidVersion, config });
}
