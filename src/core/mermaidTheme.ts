/**
 * The Mermaid settings for a VS Code theme kind, as plain data (no DOM): the webview fills in the
 * page's colours and font; the pre-render script (`test/host/prerender.mjs`) uses the default
 * themes' colours. Dependency-free: the webview imports it.
 */

export type ThemeKind = 'dark' | 'light' | 'high-contrast' | 'high-contrast-light';
export const THEME_KINDS: readonly ThemeKind[] = ['dark', 'light', 'high-contrast', 'high-contrast-light'];

/** The Mermaid settings that depend on the theme. */
export interface MermaidThemeConfig {
  theme: 'dark' | 'default' | 'base';
  darkMode: boolean;
  fontFamily: string;
  themeVariables: Record<string, string | boolean>;
}

/** The colours a high-contrast rendering takes from the theme. */
export interface ContrastColours {
  background: string;
  foreground: string;
  border: string;
  activeBorder: string;
}

/** VS Code's default high-contrast themes' colours (editor background and foreground, contrast borders). */
export const DEFAULT_CONTRAST_COLOURS: Record<'high-contrast' | 'high-contrast-light', ContrastColours> = {
  'high-contrast': { background: '#000000', foreground: '#ffffff', border: '#6fc3df', activeBorder: '#f38518' },
  'high-contrast-light': { background: '#ffffff', foreground: '#292929', border: '#0f4a85', activeBorder: '#006bbd' },
};

/** Mermaid's theme settings for a theme kind; `colours` matter for the high-contrast kinds only. */
export function themeConfigFor(kind: ThemeKind, fontFamily: string, colours?: ContrastColours): MermaidThemeConfig {
  if (kind === 'dark' || kind === 'light') {
    return { theme: kind === 'dark' ? 'dark' : 'default', darkMode: kind === 'dark', fontFamily, themeVariables: { fontFamily } };
  }
  // High contrast: Mermaid's soft fills would lose the contrast, so every shape is the editor's
  // background with the theme's contrast border, and every line and text is the foreground.
  const dark = kind === 'high-contrast';
  const { background: bg, foreground: fg, border, activeBorder: active } = colours ?? DEFAULT_CONTRAST_COLOURS[kind];
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
export function themeFingerprint(config: MermaidThemeConfig, mermaidVersion: string): string {
  return JSON.stringify({ mermaid: mermaidVersion, config });
}

/**
 * Identifies a pre-rendered SVG: the fingerprint without the font, which a pre-rendered SVG takes
 * from the page (`var(--vscode-font-family)`) instead of having it written in.
 */
export function prerenderKey(config: MermaidThemeConfig, mermaidVersion: string): string {
  return themeFingerprint({ ...config, fontFamily: '', themeVariables: { ...config.themeVariables, fontFamily: '' } }, mermaidVersion);
}
