/**
 * The HTML shell of every webview panel: a strict Content-Security-Policy with a per-render nonce,
 * the codicons and the panel's stylesheets, its markup, and its one module script. Each panel gives
 * only what differs (`WebviewPage`). No VS Code import, so it is tested in plain mocha.
 */
import { randomBytes } from 'crypto';
import { escapeHtml } from './core/escape';

/** A fresh nonce for one render of a panel. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

/** What one panel's page holds beyond the shell. Files are paths in the extension (`dist/webview/main.js`). */
export interface WebviewPage {
  title: string;
  /** The page's module script, the only script it runs (others only through it, where `allow.script` lets it). */
  script: string;
  /** Its stylesheets, after the codicons'. */
  styles: readonly string[];
  /** The body's markup before the script; the page escapes every string it places in it (see `jsonAttribute`). */
  body: string;
  /** Sources the page adds to the strict policy's `style-src` and `script-src`, only where it needs them. */
  allow?: { style?: readonly string[]; script?: readonly string[] };
}

/** What the shell needs from the webview, as strings, so it stays testable without VS Code. */
export interface WebviewContext {
  cspSource: string;
  nonce: string;
  /** The webview URI of a file in the extension. */
  asset(file: string): string;
}

/**
 * The Content-Security-Policy: nothing by default; images, styles and fonts from the webview's own
 * resources; scripts only with the nonce. Nothing needs eval.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string, allow: WebviewPage['allow'] = {}): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    ['style-src', cspSource, ...(allow.style ?? [])].join(' '),
    `font-src ${cspSource}`,
    ['script-src', `'nonce-${nonce}'`, ...(allow.script ?? [])].join(' '),
  ].join('; ');
}

/** A value for a `data-` attribute: its JSON, escaped. */
export function jsonAttribute(value: unknown): string {
  return escapeHtml(JSON.stringify(value));
}

/** The page's HTML. Every string the shell places into it is escaped. */
export function webviewHtml(page: WebviewPage, w: WebviewContext): string {
  const styles = ['dist/webview/codicons/codicon.css', ...page.styles].map((f) => `<link rel="stylesheet" href="${escapeHtml(w.asset(f))}">\n`).join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(w.cspSource, w.nonce, page.allow))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}<title>${escapeHtml(page.title)}</title>
</head>
<body>
${page.body}
<script type="module" nonce="${escapeHtml(w.nonce)}" src="${escapeHtml(w.asset(page.script))}"></script>
</body>
</html>`;
}
