/**
 * Renders guide Markdown to HTML with markdown-it (`html: false`: raw HTML in the source is
 * escaped, never passed through). Mermaid fences become placeholders the webview renders.
 */
import MarkdownIt from 'markdown-it';
import { slugify } from './markdownSections';

import { escapeHtml } from './escape';

export { escapeHtml };

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultFence = md.renderer.rules.fence!;
md.renderer.rules.fence = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const lang = token.info.trim().split(/\s+/)[0];
  if (lang === 'mermaid') {
    const index = (env as RenderEnv).diagrams.length;
    (env as RenderEnv).diagrams.push(token.content);
    const line = token.map ? token.map[0] + 1 : 0;
    return `<div class="mermaid-block" data-diagram="${index}" data-line="${line}"><pre class="mermaid-source">${escapeHtml(token.content)}</pre></div>\n`;
  }
  return defaultFence(tokens, idx, options, env, self);
};

// Headings get the id the guide's own links use (`#overview`), so a link into the item shown scrolls there.
md.renderer.rules.heading_open = (tokens, idx, options, _env, self) => {
  const inline = tokens[idx + 1];
  const text = inline?.children?.filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join('') ?? '';
  const slug = slugify(text);
  if (slug) tokens[idx].attrSet('id', slug);
  return self.renderToken(tokens, idx, options);
};

interface RenderEnv {
  diagrams: string[];
}

/** Rendered HTML and the Mermaid sources it refers to (by `data-diagram` index). */
export interface RenderedMarkdown {
  html: string;
  diagrams: string[];
}

/** Renders Markdown; never throws on any input. */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const env: RenderEnv = { diagrams: [] };
  const html = md.render(markdown, env);
  return { html, diagrams: env.diagrams };
}
