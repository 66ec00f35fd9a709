/** Builds the guide panel's HTML shell: strict CSP with a per-render nonce, no inline script. */
import { randomBytes } from 'crypto';
import { escapeHtml } from '../core/escape';

/** A fresh nonce for one render of the panel. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** What the shell needs from the webview: URIs as strings, so this stays testable without VS Code. */
export interface ShellOptions {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  codiconUri: string;
  /** Further stylesheets, after the panel's own (e.g. the timer's). */
  extraStyleUris?: string[];
  /** Handed to the script in a `data-` attribute as escaped JSON. */
  config: unknown;
  title: string;
}

/** The Content-Security-Policy of the panel. Mermaid's SVGs need inline styles; nothing needs eval. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
  ].join('; ');
}

/** The panel's HTML. Every string placed into it is escaped. */
export function panelHtml(o: ShellOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(o.cspSource, o.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.codiconUri)}">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
${(o.extraStyleUris ?? []).map((u) => `<link rel="stylesheet" href="${escapeHtml(u)}">\n`).join('')}<title>${escapeHtml(o.title)}</title>
</head>
<body>
<main id="app" data-config="${escapeHtml(JSON.stringify(o.config))}">
  <section id="timer" aria-label="Interview timer"></section>
  <article id="content" tabindex="-1"><p class="loading">Loading…</p></article>
</main>
<script type="module" nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>`;
}
