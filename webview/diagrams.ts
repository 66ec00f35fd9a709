/**
 * The diagrams of the item shown: each `.mermaid-block` placeholder gets its SVG from the page's
 * memory, from the host's cache or the guide's pre-rendered SVGs (sent with the item), or from
 * Mermaid, in that order; a diagram that fails shows its error and source in its place, and the
 * host hears of it (a kit author gets a diagnostic). Each has a toolbar: open larger, copy the
 * source, save as SVG or PNG. Re-renders when the VS Code theme changes.
 */
import type { DiagramSource, OtherThemesMessage, WebviewMessage } from '../src/protocol';
import { mermaidThemeConfig, prerenderKey, themeFingerprint, type MermaidThemeConfig } from './theme';
import { openViewer } from './viewer';

type Renderer = typeof import('./mermaidRenderer');
type Post = (msg: WebviewMessage) => void;

/**
 * Mermaid and the renderer are their own bundle, `mermaid.js` beside this script (see esbuild.mjs):
 * one file rather than a chunk per diagram type, and loaded only when a diagram is not cached.
 */
const RENDERER_URL = new URL('./mermaid.js', import.meta.url).href;

let rendererPromise: Promise<Renderer> | undefined;
/** Loads Mermaid (once per page); navigating between items reuses it. */
export function loadRenderer(): Promise<Renderer> {
  rendererPromise ??= (import(RENDERER_URL) as Promise<Renderer>).catch((e: unknown) => {
    rendererPromise = undefined; // the next render tries again
    throw e;
  });
  return rendererPromise;
}

/** The largest export the protocol accepts (see `exportDiagramMessage`). */
const EXPORT_LIMIT = 20_000_000;

/** A short, stable hash (cyrb53) for element ids. */
function hash(s: string): string {
  let h1 = 0xdeadbeef, h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

function iconButton(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', className: 'icon-button', title: label });
  b.setAttribute('aria-label', label);
  b.append(el('span', { className: `codicon codicon-${icon}` }));
  b.addEventListener('click', onClick);
  return b;
}

/** The page's editor background, so exports stay readable outside VS Code. */
function background(): string {
  return getComputedStyle(document.body).getPropertyValue('--vscode-editor-background').trim() || '#ffffff';
}

/** The SVG as a standalone file: namespaced, sized, on the theme's background. */
function standaloneSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const vb = svg.viewBox?.baseVal;
  const box = svg.getBoundingClientRect();
  const width = Math.ceil(vb && vb.width ? vb.width : box.width);
  const height = Math.ceil(vb && vb.height ? vb.height : box.height);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  clone.style.maxWidth = '';
  clone.style.backgroundColor = background();
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

async function toPngBase64(svg: SVGSVGElement): Promise<string> {
  const { text, width, height } = standaloneSvg(svg);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  // Twice the size for sharpness, within what a browser canvas can hold (16,384 px a side, about 268 M pixels).
  const scale = Math.min(2, 16384 / width, 16384 / height, Math.sqrt(268e6 / (width * height)));
  const canvas = el('canvas', { width: Math.floor(width * scale), height: Math.floor(height * scale) });
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = background();
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  const url = canvas.toDataURL('image/png');
  if (!url.startsWith('data:image/png;base64,')) throw new Error('the diagram is too large to draw as a PNG; save it as SVG');
  return url.slice('data:image/png;base64,'.length);
}

/** The caption of a diagram: the nearest heading or bold line above it, for labels and file names. */
function captionOf(block: Element, index: number): string {
  let e: Element | null = block.previousElementSibling;
  while (e) {
    if (/^H[1-6]$/.test(e.tagName) || (e.tagName === 'P' && e.firstElementChild?.tagName === 'STRONG' && e.textContent === e.firstElementChild.textContent)) {
      return (e.textContent ?? '').replace(/\s*\(\d+ minutes?\)\s*$/, '').replace(/^\d+\.\s*/, '').trim();
    }
    e = e.previousElementSibling;
  }
  return `Diagram ${index + 1}`;
}

/** How long a theme change waits for the host's SVGs before it renders with Mermaid. */
const HOST_ANSWER_MS = 1000;

interface Block {
  el: HTMLElement;
  /** Its `data-diagram` index in the item. */
  index: number;
  source: string;
  caption: string;
  canvas: HTMLElement;
}

/** Renders and re-renders the diagrams of the item shown in `root`. */
export class Diagrams {
  /** Renderings of this page's lifetime, by fingerprint + source. */
  private readonly memory = new Map<string, string>();
  /** The shown item's pre-rendered SVGs for the other kinds of theme, by prerender key and source. */
  private readonly others = new Map<string, string>();
  /** Whether the last theme change waited for the host's answer (it had no SVG of the new theme for some diagram). */
  waited = false;
  private blocks: Block[] = [];
  private generation = 0;
  /** The id of the item whose diagrams are laid out. */
  private itemId = '';
  private theme: MermaidThemeConfig = mermaidThemeConfig();
  /** A theme change waiting for the host's answer. */
  private answered: { fingerprint: string; done: () => void } | undefined;
  fingerprint = themeFingerprint(this.theme);

  constructor(private readonly root: HTMLElement, private readonly post: Post) {}

  /**
   * Lays out the placeholders of a freshly inserted item and renders them; `sources[i].svg` is the
   * host's cached SVG for `cachedFor`. Resolves true once all are shown, false if another item or
   * theme took over first. `itemId` names the item in error reports to the host.
   */
  async show(sources: readonly DiagramSource[], cachedFor: string | undefined, itemId = ''): Promise<boolean> {
    if (itemId !== this.itemId) this.others.clear();
    this.itemId = itemId;
    this.take(sources, cachedFor);
    this.blocks = [...this.root.querySelectorAll<HTMLElement>('.mermaid-block')].flatMap((blockEl, i) => {
      const index = Number(blockEl.dataset.diagram ?? i);
      const source = sources[index]?.source ?? blockEl.querySelector('.mermaid-source')?.textContent ?? '';
      return [this.layout(blockEl, index, source, captionOf(blockEl, i))];
    });
    return this.renderAll();
  }

  /**
   * The theme changed: re-render every diagram with the new theme. Resolves like `show`, or
   * undefined when the theme is the same. The caller tells the host, whose answer (`receive`) may
   * hold the diagrams for this theme; Mermaid is loaded only for those it does not, or when the
   * answer takes longer than a second.
   */
  async themeChanged(): Promise<boolean | undefined> {
    const theme = mermaidThemeConfig();
    const fingerprint = themeFingerprint(theme);
    if (fingerprint === this.fingerprint) {
      this.waited = false;
      return undefined;
    }
    this.theme = theme;
    this.fingerprint = fingerprint;
    const generation = ++this.generation;
    // The host sent the item's pre-rendered SVGs for the other kinds of theme: those need no answer.
    const preKey = prerenderKey(theme);
    for (const b of this.blocks) {
      const svg = this.memory.has(`${fingerprint}\0${b.source}`) ? undefined : this.others.get(`${preKey}\0${b.source}`);
      if (svg) this.remember(b.source, svg);
    }
    this.waited = this.blocks.some((b) => !this.memory.has(`${fingerprint}\0${b.source}`));
    if (this.waited) {
      await new Promise<void>((resolve) => {
        const guard = setTimeout(done, HOST_ANSWER_MS);
        function done() { clearTimeout(guard); resolve(); }
        this.answered = { fingerprint, done };
      });
      if (generation !== this.generation) return false; // another item or theme took over
    }
    return this.renderAll();
  }

  /** The shown item's pre-rendered SVGs for the other kinds of theme (the host's `otherThemes`), kept until another item is shown. */
  keepOtherThemes(itemId: string, sources: OtherThemesMessage['diagrams']): void {
    if (itemId !== this.itemId) return;
    this.others.clear();
    for (const d of sources) this.others.set(`${d.pre.key}\0${d.source}`, d.pre.svg);
  }

  /** The host's diagrams for a theme (the answer to the page's `theme` message). */
  receive(theme: string, sources: readonly DiagramSource[]): void {
    if (theme !== this.fingerprint) return;
    this.take(sources, theme);
    if (this.answered?.fingerprint === theme) {
      this.answered.done();
      this.answered = undefined;
    }
  }

  /** Keeps the SVGs the host sent: cached ones for `cachedFor`, pre-rendered ones whose key is this theme's. */
  private take(sources: readonly DiagramSource[], cachedFor: string | undefined): void {
    const preKey = prerenderKey(this.theme);
    for (const d of sources) {
      if (d.svg && cachedFor === this.fingerprint) this.remember(d.source, d.svg);
      else if (d.pre?.key === preKey && !this.memory.has(`${this.fingerprint}\0${d.source}`)) this.remember(d.source, d.pre.svg);
    }
  }

  private layout(blockEl: HTMLElement, index: number, source: string, caption: string): Block {
    const canvas = el('div', { className: 'diagram-canvas' });
    const block: Block = { el: blockEl, index, source, caption, canvas };
    const toolbar = el('div', { className: 'diagram-toolbar' });
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', `${caption}: diagram actions`);
    toolbar.append(
      iconButton('zoom-in', 'Open larger (zoom and pan)', () => this.openLarger(block)),
      iconButton('copy', 'Copy Mermaid source', () => this.post({ type: 'copyDiagramSource', source })),
      iconButton('file-code', 'Save as SVG…', () => void this.export(block, 'svg')),
      iconButton('file-media', 'Save as PNG…', () => void this.export(block, 'png')),
    );
    for (const btn of toolbar.querySelectorAll('button')) btn.disabled = !btn.title.startsWith('Copy');
    canvas.addEventListener('dblclick', () => this.openLarger(block));
    blockEl.replaceChildren(toolbar, canvas);
    blockEl.setAttribute('role', 'figure');
    blockEl.setAttribute('aria-label', caption);
    return block;
  }

  private async renderAll(): Promise<boolean> {
    const generation = ++this.generation;
    const fingerprint = this.fingerprint;
    const pending: Block[] = [];
    for (const b of this.blocks) {
      const svg = this.memory.get(`${fingerprint}\0${b.source}`);
      if (svg) this.showSvg(b, svg);
      else {
        b.el.dataset.state = 'pending';
        if (!b.canvas.firstChild) b.canvas.append(el('p', { className: 'diagram-pending' }, el('span', { className: 'codicon codicon-loading codicon-modifier-spin' }), ' Rendering diagram…'));
        pending.push(b);
      }
    }
    if (pending.length) {
      let renderer: Renderer;
      try {
        renderer = await loadRenderer();
      } catch (e) {
        if (generation !== this.generation) return false;
        for (const b of pending) this.showError(b, `Mermaid could not be loaded: ${e instanceof Error ? e.message : String(e)}`, undefined);
        return true;
      }
      for (const [i, b] of pending.entries()) {
        if (generation !== this.generation) return false; // another item or theme took over
        // Unique per block: Mermaid removes an element with the id it renders to, so two copies
        // of one diagram on a page must not share it.
        const id = `mmd-${hash(`${fingerprint}\0${b.source}`)}-${i}`;
        const result = await renderer.renderDiagram(id, b.source, this.theme, fingerprint);
        if (generation !== this.generation) return false;
        if ('svg' in result) {
          this.remember(b.source, result.svg);
          this.showSvg(b, result.svg);
          this.post({ type: 'diagramRendered', theme: fingerprint, source: b.source, svg: result.svg });
        } else {
          this.showError(b, result.error, result.line);
          this.post({ type: 'diagramError', itemId: this.itemId, index: b.index, line: result.line, message: result.error.slice(0, 20_000) });
        }
      }
    }
    return generation === this.generation;
  }

  private remember(source: string, svg: string): void {
    const key = `${this.fingerprint}\0${source}`;
    this.memory.delete(key);
    this.memory.set(key, svg);
    if (this.memory.size > 100) this.memory.delete(this.memory.keys().next().value!);
  }

  private showSvg(b: Block, svg: string): void {
    // The SVG comes from Mermaid in strict mode (labels sanitised by DOMPurify), in this page or, cached, in an earlier one.
    b.canvas.innerHTML = svg;
    const svgEl = b.canvas.querySelector('svg');
    svgEl?.setAttribute('role', 'img');
    svgEl?.setAttribute('aria-label', b.caption);
    b.el.dataset.state = 'rendered';
    for (const btn of b.el.querySelectorAll<HTMLButtonElement>('.diagram-toolbar button')) btn.disabled = false;
  }

  private showError(b: Block, message: string, line: number | undefined): void {
    b.el.dataset.state = 'error';
    const lines = b.source.replace(/\n$/, '').split('\n');
    const code = el('code');
    lines.forEach((text, i) => {
      const row = el('span', { className: i + 1 === line ? 'source-line error-line' : 'source-line' }, text || ' ');
      row.dataset.line = String(i + 1);
      code.append(row, '\n');
    });
    const heading = el('p', { className: 'diagram-error-title' },
      el('span', { className: 'codicon codicon-error' }),
      ` This diagram could not be rendered${line ? ` (line ${line} of the diagram)` : ''}.`);
    const box = el('div', { className: 'diagram-error' },
      heading,
      el('pre', { className: 'diagram-error-message' }, message.trim()),
      el('pre', { className: 'diagram-error-source numbered' }, code));
    box.setAttribute('role', 'alert');
    b.canvas.replaceChildren(box);
    // Copying the source still helps; viewing and exporting need a diagram.
    for (const btn of b.el.querySelectorAll<HTMLButtonElement>('.diagram-toolbar button')) btn.disabled = !btn.title.startsWith('Copy');
  }

  private openLarger(b: Block): void {
    const svg = b.canvas.querySelector('svg');
    if (svg) openViewer(svg, b.caption, b.el.querySelector<HTMLElement>('.diagram-toolbar button'));
  }

  private async export(b: Block, format: 'svg' | 'png'): Promise<void> {
    const svg = b.canvas.querySelector('svg');
    if (!svg) return;
    b.el.querySelector('.diagram-export-error')?.remove();
    try {
      const data = format === 'svg' ? standaloneSvg(svg).text : await toPngBase64(svg);
      if (data.length > EXPORT_LIMIT) throw new Error(`the ${format.toUpperCase()} would be ${Math.ceil(data.length / 1e6)} MB, more than the ${EXPORT_LIMIT / 1e6} MB the panel hands over`);
      this.post({ type: 'exportDiagram', format, name: b.caption, data });
    } catch (e) {
      b.el.dataset.exportError = String(e);
      const note = el('p', { className: 'diagram-export-error' }, `Could not save as ${format.toUpperCase()}: ${e instanceof Error ? e.message : String(e)}`);
      note.setAttribute('role', 'alert');
      b.el.querySelector('.diagram-toolbar')?.after(note);
    }
  }
}
