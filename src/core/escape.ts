/** Escaping for text placed into HTML or Markdown; no dependencies, so the webview bundles it too. */

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Makes text show literally in a MarkdownString: `&`, `<` and `>` become entities and the rest of
 * Markdown's punctuation is backslash-escaped. Entities, not backslashes, for the angle brackets:
 * VS Code derives a plain-text form of a tooltip by parsing its rendered HTML, and `\<img onerror=…\>`
 * came out of that as an element (nothing ran, but the workbench's CSP reported it).
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;')).replace(/[\\`*_{}[\]()#+\-.!|]/g, '\\$&');
}

/**
 * Text for a label VS Code reads `$(name)` icons in (quick-pick rows, CodeLens titles, the status
 * bar): a `$(` a user wrote (a candidate's name in a loop file) shows as written, not as an icon.
 */
export function escapeIcons(s: string): string {
  return s.replace(/\$\(/g, '\\$(');
}
