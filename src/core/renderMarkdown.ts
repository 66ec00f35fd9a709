/**
 * Renders guide and kit Markdown to HTML with markdown-it. Kit Markdown comes from whatever
 * repository is open, so rendering is strict: raw HTML is escaped (`html: false`), links go only
 * to http(s), mailto, `#anchors` and other Markdown files of the same folder (a kit's problems),
 * images only from `data:` (a remote image becomes a link: the panel makes no network requests).
 * Mermaid fences become placeholders the webview renders; their sources are made inert first
 * (see `safeMermaidSource`).
 */
import MarkdownIt from 'markdown-it';
import { parseDocument } from 'yaml';
import { slugify } from './slug';
import { isLockedMermaidKey, mermaidFrontMatter, neutralizeCallbacks, neutralizeDirectives, neutralizeHandlers, neutralizeStyleUrls } from './mermaidSource';

import { escapeHtml } from './escape';
import { fenceLanguage } from './markdownLines';

export { escapeHtml };

/** What a link in rendered Markdown may point to. */
export type LinkKind = 'external' | 'anchor' | 'kit' | 'image';

// Browsers drop ASCII whitespace and controls inside a scheme (`java\tscript:`), so the check does too.
const stripControls = (url: string) => url.replace(/[\u0000-\u0020\u007f]/g, '');
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
/** A Markdown file beside the one shown (`other.md`, `./other.md`), optionally with a heading anchor. */
const KIT_LINK = /^(?:\.\/)?([A-Za-z0-9_][A-Za-z0-9_.-]*\.md)(#[^\s#]*)?$/;
const lineBreaks = (s: string) => s.split('\n').length - 1;
const DATA_IMAGE = /^data:image\/(?:png|gif|jpeg|webp);base64,[A-Za-z0-9+/=]*$/i;

/**
 * Classifies a link target; undefined means it is not followed (rendered as plain text).
 * `http:`, `https:`, `mailto:` are external; `#x` an anchor; `other.md` / `./other.md` a kit link;
 * `data:image/(png|gif|jpeg|webp);base64,` an inline image. Everything else (`javascript:`,
 * `command:`, `vscode:`, `file:`, other `data:`, `//host`, `../x`) is refused.
 */
export function linkKind(url: string): LinkKind | undefined {
  const u = stripControls(url);
  if (!u) return undefined;
  const scheme = SCHEME.exec(u)?.[1].toLowerCase();
  if (scheme) {
    if (scheme === 'http' || scheme === 'https') return /^https?:\/\/[^/?#\\]/i.test(u) ? 'external' : undefined;
    if (scheme === 'mailto') return 'external';
    if (scheme === 'data') return DATA_IMAGE.test(u) ? 'image' : undefined;
    return undefined;
  }
  if (u.startsWith('#')) return 'anchor';
  if (KIT_LINK.test(u) && !u.includes('..')) return 'kit';
  return undefined;
}

/** Whether the panel may follow a link with this target (what the webview sends back is checked again with it). */
export function isFollowableLink(url: string): boolean {
  const kind = linkKind(url);
  return kind === 'external' || kind === 'anchor' || kind === 'kit';
}

/** The Markdown file and heading a kit link names (`./other.md#x` -> `{ file: 'other.md', anchor: 'x' }`). */
export function kitLinkTarget(url: string): { file: string; stem: string; anchor?: string } | undefined {
  const u = stripControls(url);
  const m = linkKind(u) === 'kit' ? KIT_LINK.exec(u) : null;
  if (!m) return undefined;
  const anchor = m[2] && m[2].length > 1 ? m[2].slice(1) : undefined;
  return { file: m[1], stem: m[1].slice(0, -3), anchor };
}

// Issue 12: the guide writes a category's fields ("**Complexity:** High", "**Focus:** …",
// "**Examples:** …") on consecutive lines without Markdown line breaks, which would run them together.
// In a paragraph that starts with such a bold "Label:", a line starting with another one keeps its own line.
type InlineToken = NonNullable<ReturnType<MarkdownIt['parseInline']>[number]['children']>[number];
const isFieldAt = (ch: InlineToken[], i: number): boolean => {
  while (ch[i]?.type === 'text' && ch[i].content === '') i++;
  return ch[i]?.type === 'strong_open' && ch[i + 1]?.type === 'text' && /:$/.test(ch[i + 1].content.trim()) && ch[i + 2]?.type === 'strong_close';
};

/**
 * The Markdown renderer, made on first use: building markdown-it (and loading it, which the
 * extension's build defers to a file of its own) is work a window that shows no guide page never pays.
 */
let markdownIt: MarkdownIt | undefined;
function renderer(): MarkdownIt {
  return (markdownIt ??= createMarkdown());
}

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  // Links and images whose target is refused are not made at all: their text shows as written.
  md.validateLink = (url) => linkKind(url) !== undefined;

  const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    // A data: image is fine to show but not to follow: the link keeps its text and loses its target.
    if (linkKind(token.attrGet('href') ?? '') === 'image') token.attrs = (token.attrs ?? []).filter(([k]) => k !== 'href');
    return defaultLinkOpen(tokens, idx, options, env, self);
  };

  const defaultImage = md.renderer.rules.image!;
  md.renderer.rules.image = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    const src = token.attrGet('src') ?? '';
    if (linkKind(src) === 'image') return defaultImage(tokens, idx, options, env, self);
    // Anything else would be a request the panel's CSP refuses: show the alt text, linked when it is a web address.
    const alt = self.renderInlineAsText(token.children ?? [], options, env);
    const label = `<span class="codicon codicon-file-media" aria-hidden="true"></span> ${escapeHtml(alt || 'image')}`;
    return linkKind(src) === 'external'
      ? `<a class="image-link" href="${escapeHtml(md.normalizeLink(src))}" title="Image (not loaded in the panel)">${label}</a>`
      : `<span class="image-link" title="Image (not loaded in the panel)">${label}</span>`;
  };

  const defaultFence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx];
    if (fenceLanguage(token.info) === 'mermaid') {
      const e = env as RenderEnv;
      const index = e.diagrams.length;
      const line = token.map ? token.map[0] + 1 : 0;
      const source = safeMermaidSource(token.content).source;
      e.diagrams.push(source);
      e.diagramLines.push(line);
      return `<div class="mermaid-block" data-diagram="${index}" data-line="${line}"><pre class="mermaid-source">${escapeHtml(source)}</pre></div>\n`;
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

  md.core.ruler.after('inline', 'field-lines', (state) => {
    for (const block of state.tokens) {
      const ch = block.type === 'inline' ? block.children : null;
      if (!ch || !isFieldAt(ch, 0)) continue;
      ch.forEach((t, i) => {
        if (t.type === 'softbreak' && isFieldAt(ch, i + 1)) {
          t.type = 'hardbreak';
          t.tag = 'br';
        }
      });
    }
  });
  return md;
}

interface RenderEnv {
  diagrams: string[];
  diagramLines: number[];
}

/** Rendered HTML and the Mermaid sources it refers to (by `data-diagram` index). */
export interface RenderedMarkdown {
  html: string;
  /** The (made inert) source of each diagram. */
  diagrams: string[];
  /** For each diagram, the 1-based line of its opening fence in the Markdown. */
  diagramLines: number[];
}

/** Renders Markdown; never throws on any input. */
export function renderMarkdown(markdown: string): RenderedMarkdown {
  const env: RenderEnv = { diagrams: [], diagramLines: [] };
  const html = renderer().render(markdown, env);
  return { html, diagrams: env.diagrams, diagramLines: env.diagramLines };
}

/** A Mermaid fence as markdown-it reads it: the diagram's source as written and the fence's lines (0-based, end exclusive). */
export interface MermaidFence {
  source: string;
  line: number;
  endLine: number;
}

/** Every Mermaid fence of a Markdown text, from markdown-it's tokens (what the panel renders as diagrams). */
export function mermaidFences(markdown: string): MermaidFence[] {
  return renderer()
    .parse(markdown, {})
    .filter((t) => t.type === 'fence' && t.map && fenceLanguage(t.info) === 'mermaid')
    .map((t) => ({ source: t.content.replace(/\n$/, ''), line: t.map![0], endLine: t.map![1] }));
}

/**
 * Where a diagram error the panel reported lies in a Markdown text that holds the diagram (for a
 * kit problem, its body): the 1-based line of that text, the fence line when Mermaid named no line.
 * The diagram is found by its source (as rendered, see `safeMermaidSource`); undefined when the text
 * has no such diagram. `index` picks among several copies of one diagram: the copy with that rank
 * among the copies before it in `shownDiagrams`, the diagrams of the item as shown.
 */
export function locateDiagramError(markdown: string, error: { index: number; source: string; line?: number }, shownDiagrams?: readonly string[]): number | undefined {
  const { diagrams, diagramLines } = renderMarkdown(markdown);
  const copies = diagrams.flatMap((d, i) => (d === error.source ? [i] : []));
  if (!copies.length) return undefined;
  const rank = shownDiagrams ? shownDiagrams.slice(0, error.index).filter((d) => d === error.source).length : 0;
  const at = copies[Math.min(rank, copies.length - 1)];
  return diagramLines[at] + (error.line ?? 0);
}

/**
 * A Mermaid source with what could loosen the panel's Mermaid removed, every line kept in place:
 * locked keys (`securityLevel`, `htmlLabels`, `themeCSS`…, see `MERMAID_LOCKED_KEYS`) in
 * `%%{init}%%` directives and in `config:` front matter, `click` callbacks, style `url()`s
 * naming another document, and event-handler attributes in labels. The webview also
 * hands Mermaid the same keys as its `secure` list: this is the second of two locks.
 * `removed` names what went, for tests and logs.
 */
export function safeMermaidSource(source: string): { source: string; removed: string[] } {
  const removed: string[] = [];
  let out = source;
  const fm = mermaidFrontMatter(out);
  if (fm) {
    const cleaned = cleanFrontMatter(fm.yaml, fm.indent);
    if (cleaned?.removed.length) {
      removed.push(...cleaned.removed.map((p) => `front matter ${p}`));
      // As many lines as before (YAML ignores blank lines), so Mermaid's line numbers still match.
      const pad = Math.max(0, lineBreaks(fm.block) - lineBreaks(cleaned.yaml) - 3);
      out = `${fm.indent}---\n${cleaned.yaml}\n${'\n'.repeat(pad)}${fm.indent}---\n${out.slice(fm.block.length)}`;
    }
  }
  const d = neutralizeDirectives(out);
  removed.push(...d.removed.map((p) => `directive ${p}`));
  const c = neutralizeCallbacks(d.source);
  if (c.removed) removed.push(`${c.removed} click callback${c.removed === 1 ? '' : 's'}`);
  const u = neutralizeStyleUrls(c.source);
  if (u.removed) removed.push(`${u.removed} style url${u.removed === 1 ? '' : 's'}`);
  const h = neutralizeHandlers(u.source);
  if (h.removed) removed.push(`${h.removed} event handler${h.removed === 1 ? '' : 's'}`);
  return { source: h.source, removed };
}

/** Front matter YAML without locked keys under `config`; undefined when it does not parse (Mermaid then fails on it too). */
function cleanFrontMatter(yamlText: string, indent: string): { yaml: string; removed: string[] } | undefined {
  const text = indent ? yamlText.split('\n').map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l)).join('\n') : yamlText;
  let doc;
  try {
    doc = parseDocument(text, { uniqueKeys: true });
  } catch {
    return undefined;
  }
  if (doc.errors.length) return undefined;
  const paths: (string | number)[][] = [];
  const visit = (node: unknown, path: (string | number)[]): void => {
    const items = (node as { items?: unknown[] } | null)?.items;
    if (!Array.isArray(items)) return;
    items.forEach((item, i) => {
      const pair = item as { key?: unknown; value?: unknown } | null;
      if (pair && typeof pair === 'object' && 'key' in pair) {
        const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
        if (isLockedMermaidKey(key)) paths.push([...path, key]);
        else visit(pair.value, [...path, key]);
      } else visit(item, [...path, i]);
    });
  };
  visit(doc.get('config', true), ['config']);
  const removed = paths.map((p) => p.join('.'));
  if (!paths.length) return { yaml: yamlText, removed };
  for (const p of [...paths].reverse()) doc.deleteIn(p);
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\n$/, '');
  return { yaml: indent ? yaml.split('\n').map((l) => indent + l).join('\n') : yaml, removed };
}
