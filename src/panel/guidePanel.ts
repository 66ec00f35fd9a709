/**
 * The guide panel: one webview panel that shows any guide item. `show` reveals the existing
 * panel (createOrShow); a serializer revives it, on the same item, after a window reload.
 * Mermaid renders in the webview; the renderings are cached here (see `DiagramCache`), so an
 * item opened again, in this window or after a reload, shows its diagrams without Mermaid.
 */
import * as vscode from 'vscode';
import type { RegisterSerializer } from '../host';
import { formatZodIssues } from '../core/content';
import { nodeTitle } from '../core/guideTree';
import { THEME_KINDS, type ThemeKind } from '../core/mermaidTheme';
import { parsePrerenderedIndex, prerenderedEntry, PRERENDERED_DIR, PRERENDERED_INDEX, type PrerenderedIndex } from '../core/prerendered';
import { kitLinkTarget, linkKind, renderMarkdown } from '../core/renderMarkdown';
import type { GuideLibrary } from '../guideLibrary';
import { hostMessage, panelState, webviewMessage, type DiagramSource, type HostMessage, type OtherThemesMessage, type WebviewMessage } from '../protocol';
import { DiagramCache } from './diagramCache';
import { exportDiagram } from './exportDiagram';
import { fileDiagramStore } from './fileDiagramStore';
import { setWebviewPage, webviewOptions } from '../webviewPanel';
import { guidePage } from './html';

/** The panel's view type, also used by the serializer. */
export const GUIDE_PANEL_VIEW_TYPE = 'sdi.guidePanel';
/** Internal command (hidden from the palette): shows a Markdown file in the panel; tests use it for fixtures. */
export const SHOW_MARKDOWN_FILE_COMMAND = 'sdi.showMarkdownFile';

const THEME_KEY = 'sdi.panel.diagramTheme';
/** The guide item last shown, for restoring the panel when the webview kept no state (e.g. a browser tab reloaded). */
const LAST_ITEM_KEY = 'sdi.panel.lastItem';

/** How many rendered items the panel keeps in memory (the guide has about 40; a kit may have thousands). */
const RENDERED = 100;
/**
 * How long after an item is posted its diagrams for the other kinds of theme follow (`otherThemes`):
 * after the item has painted, so its switch is not slowed by a second message of SVGs.
 */
const OTHER_THEMES_DELAY_MS = 500;

/** Empties the cache of rendered diagrams (also used by the benchmark for cold opens). */
export const CLEAR_DIAGRAM_CACHE_COMMAND = 'sdi.clearDiagramCache';

/**
 * A diagram of the item shown that Mermaid could not render (the panel shows the error in place).
 * `index` counts the item's Mermaid fences from 0; `line` is the 1-based line of the diagram's source
 * that Mermaid names (undefined when it names none); `fenceLine` the 1-based line of the diagram's
 * opening fence in the Markdown shown; `source` the diagram's source as rendered.
 */
export interface DiagramError {
  itemId: string;
  index: number;
  line: number | undefined;
  message: string;
  source: string;
  fenceLine: number;
}

/** What the panel shows: a guide item, or (for tests) a Markdown file. */
interface Shown {
  id: string;
  title: string;
  markdown: string;
  anchor?: string;
}

export class GuidePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shownItem: Shown | undefined;
  private ready = false;
  /** The Mermaid theme fingerprint the webview last reported; cached SVGs are looked up for it. */
  private theme: string | undefined;
  private readonly cache: DiagramCache;
  /** The pending post of the shown item's diagrams for the other kinds of theme. */
  private otherThemesTimer: ReturnType<typeof setTimeout> | undefined;
  /** The index of the guide's pre-rendered diagrams, read on first need (see `src/core/prerendered.ts`). */
  private prerendered: Promise<PrerenderedIndex> | undefined;
  /** Pre-rendered SVGs read so far, by file name (at most the guide's 48). */
  private readonly prerenderedSvgs = new Map<string, Promise<string | undefined>>();
  /**
   * The items rendered so far, by their Markdown (the library's strings: an edited kit file gives a
   * new one), so switching back to an item renders nothing again. Oldest first; at most RENDERED.
   */
  private readonly rendered = new Map<string, ReturnType<typeof renderMarkdown>>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly shown = new vscode.EventEmitter<string>();
  private readonly received = new vscode.EventEmitter<WebviewMessage>();
  private readonly becameReady = new vscode.EventEmitter<void>();
  private readonly diagramFailed = new vscode.EventEmitter<DiagramError>();
  /** The item last posted and its diagrams (sources and fence lines), to check and place `diagramError` reports. */
  private posted: { id: string; diagrams: string[]; diagramLines: number[] } | undefined;
  /** Fires with the item id each time the webview has been sent an item. */
  readonly onDidShowItem = this.shown.event;
  /** Fires with every valid message from the webview that the panel does not handle itself (e.g. the timer's intents). */
  readonly onDidReceiveMessage = this.received.event;
  /** Fires when a (new or reloaded) webview is ready for messages: post its current state then. */
  readonly onDidBecomeReady = this.becameReady.event;
  /**
   * Fires when the webview could not render a diagram of the item it shows, each time it tries
   * (opening the item, a theme change). Kit items map it to a diagnostic on the problem file.
   */
  readonly onDiagramError = this.diagramFailed.event;

  /**
   * `registerSerializer` registers the restorer of the panel after a reload (the activation shell's).
   * `storage` (the extension's `globalStorageUri` and `globalState`) persists rendered diagrams
   * and the last theme across reloads; without it they are kept in memory.
   */
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: GuideLibrary,
    registerSerializer: RegisterSerializer,
    private readonly storage?: { dir: vscode.Uri; state: vscode.Memento },
  ) {
    this.cache = new DiagramCache(storage ? fileDiagramStore(vscode.Uri.joinPath(storage.dir, 'diagrams')) : undefined);
    this.theme = storage?.state.get<string>(THEME_KEY);
    this.disposables.push(
      registerSerializer(GUIDE_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state) => {
          // One panel: a command may have opened it before the workbench revived the old one.
          if (this.panel) { panel.dispose(); return Promise.resolve(); }
          const parsed = panelState.safeParse(state);
          const last = this.storage?.state.get<string>(LAST_ITEM_KEY);
          const id = parsed.success && this.library.node(parsed.data.itemId) ? parsed.data.itemId
            : last && this.library.node(last) ? last : this.library.firstItemId();
          this.attach(panel, id);
          this.navigate(this.itemOf(id)!);
          return Promise.resolve();
        },
      }),
      vscode.commands.registerCommand(SHOW_MARKDOWN_FILE_COMMAND, async (arg: unknown) => {
        const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.file(arg) : (arg as { path?: string })?.path ? vscode.Uri.file((arg as { path: string }).path) : undefined;
        if (!uri) return;
        await this.openFile(uri);
      }),
      vscode.commands.registerCommand(CLEAR_DIAGRAM_CACHE_COMMAND, async () => {
        await this.cache.clear();
        vscode.window.setStatusBarMessage('$(check) Diagram cache cleared', 3000);
      }),
      this.shown,
      this.received,
      this.becameReady,
      this.diagramFailed,
    );
  }

  /** The item the panel shows, if it is open. */
  get currentItemId(): string | undefined {
    return this.panel ? this.shownItem?.id : undefined;
  }

  /**
   * Opens the panel (or reveals it) on a guide item. `reveal: false` for a link clicked in the page:
   * the panel is in view with the focus, and a reveal would only take the focus again, late (VS Code
   * focuses a revealed webview once the editor has opened, which can be after the item is drawn and
   * the user has moved on, e.g. to the palette, which then closes).
   */
  show(id: string, anchor?: string, { reveal = true }: { reveal?: boolean } = {}): void {
    const item = this.itemOf(id);
    if (!item) throw new Error(`No guide item "${id}"`);
    this.open({ ...item, anchor }, reveal);
  }

  /**
   * (Added for team kits by the extension-side helper.) Re-sends the item shown when its content
   * changed, e.g. a kit file was saved; does not reveal the panel or move focus.
   */
  refresh(): void {
    const cur = this.shownItem;
    if (!this.panel || !cur || cur.id.startsWith('file:')) return;
    const item = this.itemOf(cur.id);
    if (!item || (item.markdown === cur.markdown && item.title === cur.title)) return;
    this.navigate(item);
  }

  /** Posts a message to the webview when it is open and ready; returns whether it was posted. */
  postMessage(msg: HostMessage): boolean {
    if (!this.panel || !this.ready) return false;
    const checked = hostMessage.safeParse(msg);
    if (!checked.success) {
      // A bug on this side: say so in the log rather than throw into a fire-and-forget caller.
      console.error(`[sdi] not posting an invalid ${msg.type} message to the guide panel: ${formatZodIssues(checked.error.issues, '', 'message')}`);
      return false;
    }
    void this.panel.webview.postMessage(checked.data);
    return true;
  }

  private async openFile(uri: vscode.Uri, anchor?: string, { reveal = true }: { reveal?: boolean } = {}): Promise<void> {
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    this.open({ id: `file:${uri.toString()}`, title: uri.path.split('/').pop() ?? 'Markdown', markdown, anchor }, reveal);
  }

  private itemOf(id: string): Shown | undefined {
    const node = this.library.node(id);
    return node ? { id, title: nodeTitle(node), markdown: this.library.markdownOf(id) ?? '' } : undefined;
  }

  private open(item: Shown, reveal: boolean): void {
    if (this.panel) {
      if (reveal) this.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(GUIDE_PANEL_VIEW_TYPE, item.title, vscode.ViewColumn.Active, webviewOptions(this.extensionUri));
      this.attach(panel, item.id);
    }
    this.navigate(item);
  }

  private attach(panel: vscode.WebviewPanel, firstItemId: string): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
    void this.setHtml(panel, firstItemId);
    const subs: vscode.Disposable[] = [];
    subs.push(
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(panel, raw)),
      panel.onDidDispose(() => {
        for (const d of subs) d.dispose();
        if (this.panel === panel) this.panel = undefined;
      }),
    );
  }

  private async setHtml(panel: vscode.WebviewPanel, firstItemId: string): Promise<void> {
    // Mermaid is a bundle of its own: the page starts loading it at once when the first item has a
    // diagram that is not cached for the last theme seen (or is a file not known in advance), and
    // not at all when every one is cached.
    const first = firstItemId.startsWith('file:') ? undefined : this.library.markdownOf(firstItemId);
    const sources = first === undefined ? undefined : this.render(first).diagrams;
    const found = sources ? await this.diagramsOf(sources) : undefined;
    const preloadMermaid = found === undefined || found.some((d) => !d.svg && !d.pre);
    if (panel !== this.panel) return; // closed while the cache was read
    setWebviewPage(panel.webview, this.extensionUri, guidePage({ preloadMermaid }));
  }

  private setTheme(theme: string | undefined): void {
    if (!theme || theme === this.theme) return;
    this.theme = theme;
    void this.storage?.state.update(THEME_KEY, theme);
  }

  private navigate(item: Shown): void {
    this.shownItem = item;
    // The item first: the tab's title and remembering the item (a storage write) are the workbench's
    // work, which would otherwise queue before the message to the page.
    const after = () => {
      if (this.panel && this.shownItem === item) this.panel.title = item.title;
      if (this.library.node(item.id)) void this.storage?.state.update(LAST_ITEM_KEY, item.id);
    };
    if (this.ready) void this.postItem().then(after);
    else after();
  }

  /** The item's Markdown rendered, from memory when it was rendered before. */
  private render(markdown: string): ReturnType<typeof renderMarkdown> {
    let r = this.rendered.get(markdown);
    if (r) {
      // Most recently used last.
      this.rendered.delete(markdown);
    } else {
      r = renderMarkdown(markdown);
      if (this.rendered.size >= RENDERED) this.rendered.delete(this.rendered.keys().next().value!);
    }
    this.rendered.set(markdown, r);
    return r;
  }

  private async postItem(): Promise<void> {
    const item = this.shownItem;
    if (!this.panel || !item) return;
    const { html, diagrams, diagramLines } = this.render(item.markdown);
    const theme = this.theme;
    const found = await this.diagramsOf(diagrams);
    if (item !== this.shownItem) return; // navigated again while reading the cache
    this.posted = { id: item.id, diagrams, diagramLines };
    this.postMessage({
      type: 'showItem',
      id: item.id,
      title: item.title,
      html,
      diagrams: found,
      theme,
      anchor: item.anchor,
    });
    this.shown.fire(item.id);
    // The other kinds of theme a moment later, once the item is on screen, and only for an item still shown.
    clearTimeout(this.otherThemesTimer);
    if (found.some((d) => d.pre)) this.otherThemesTimer = setTimeout(() => void this.postOtherThemes(item, diagrams), OTHER_THEMES_DELAY_MS);
  }

  /** Sends the page the guide's pre-rendered SVGs of the shown item's diagrams for the other kinds of theme (see `otherThemes`). */
  private async postOtherThemes(item: Shown, sources: readonly string[]): Promise<void> {
    if (!this.panel || item !== this.shownItem) return;
    const index = await this.prerenderedIndex();
    const current = activeThemeKind();
    const diagrams: OtherThemesMessage['diagrams'] = [];
    for (const kind of THEME_KINDS) {
      if (kind === current) continue;
      for (const source of sources) {
        const pre = await this.prerenderedFor(index, source, kind);
        if (pre) diagrams.push({ source, pre });
      }
    }
    if (diagrams.length && this.panel && item === this.shownItem) this.postMessage({ type: 'otherThemes', id: item.id, diagrams });
  }

  /**
   * The item's diagrams with what the page can show without Mermaid: the cached SVG for the last
   * theme the page reported, else the guide's pre-rendered one for the current theme kind.
   */
  private async diagramsOf(sources: readonly string[]): Promise<DiagramSource[]> {
    const theme = this.theme;
    const cached = await Promise.all(sources.map((source) => (theme ? this.cache.get(theme, source) : Promise.resolve(undefined))));
    const index = cached.some((svg) => !svg) ? await this.prerenderedIndex() : undefined;
    const kind = activeThemeKind();
    return Promise.all(sources.map(async (source, i) => {
      if (cached[i]) return { source, svg: cached[i] };
      const pre = index && (await this.prerenderedFor(index, source, kind));
      return pre ? { source, pre } : { source };
    }));
  }

  /** Answers the page's `theme`: the shown item's diagrams for that theme (the page waits for it before loading Mermaid). */
  private async postThemeDiagrams(theme: string): Promise<void> {
    // Always answered: the page waits. (It drops an answer for a theme it has already left.)
    const diagrams = this.posted ? await this.diagramsOf(this.posted.diagrams) : [];
    this.postMessage({ type: 'themeDiagrams', theme, diagrams });
  }

  /** The guide's pre-rendered SVG of a diagram for a theme kind, with its key; undefined when there is none or it cannot be read. */
  private async prerenderedFor(index: PrerenderedIndex, source: string, kind: ThemeKind): Promise<{ key: string; svg: string } | undefined> {
    const entry = prerenderedEntry(index, source, kind);
    const svg = entry && (await this.prerenderedSvg(entry.file));
    return entry && svg ? { key: entry.key, svg } : undefined;
  }

  private prerenderedIndex(): Promise<PrerenderedIndex> {
    this.prerendered ??= this.readPrerendered(PRERENDERED_INDEX).then(parsePrerenderedIndex);
    return this.prerendered;
  }

  private prerenderedSvg(file: string): Promise<string | undefined> {
    let svg = this.prerenderedSvgs.get(file);
    if (!svg) {
      svg = this.readPrerendered(file).then((text) => (text?.startsWith('<svg') ? text : undefined));
      this.prerenderedSvgs.set(file, svg);
    }
    return svg;
  }

  /** A file of the pre-rendered diagrams' folder; undefined when it cannot be read (a live render then). */
  private readPrerendered(name: string): Promise<string | undefined> {
    return Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...PRERENDERED_DIR, name))).then(
      (bytes) => new TextDecoder().decode(bytes),
      () => undefined,
    );
  }

  private onMessage(panel: vscode.WebviewPanel, raw: unknown): void {
    if (panel !== this.panel) return;
    const parsed = webviewMessage.safeParse(raw);
    if (!parsed.success) return; // a message we do not understand is dropped, never trusted
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.setTheme(msg.theme);
        void this.postItem();
        this.becameReady.fire();
        break;
      case 'theme':
        this.setTheme(msg.theme);
        void this.postThemeDiagrams(msg.theme);
        break;
      case 'diagramRendered':
        void this.cache.put(msg.theme, msg.source, msg.svg);
        break;
      case 'diagramError': {
        const posted = this.posted;
        // Only for the item on screen, and a diagram it has: anything else is stale or made up.
        if (!posted || posted.id !== msg.itemId || msg.index >= posted.diagrams.length) break;
        const source = posted.diagrams[msg.index];
        const lines = source.replace(/\n$/, '').split('\n').length;
        const line = msg.line !== undefined && msg.line <= lines ? msg.line : undefined;
        this.diagramFailed.fire({ itemId: msg.itemId, index: msg.index, line, message: msg.message, source, fenceLine: posted.diagramLines[msg.index] });
        break;
      }
      case 'openItem': {
        const kitLink = kitLinkTarget(msg.id);
        if (kitLink) {
          void this.openKitLink(kitLink);
          break;
        }
        const slug = msg.id.replace(/^#/, '');
        const target = this.library.node(msg.id) ? msg.id : this.library.anchors.get(slug);
        if (target) this.show(target, this.library.node(msg.id) ? undefined : slug, { reveal: false });
        else void vscode.window.showInformationMessage(`The guide has no section "${slug}".`);
        break;
      }
      case 'openExternal': {
        // The webview only sends what the renderer linked, but a message is never trusted: check again.
        let uri: vscode.Uri | undefined;
        try {
          uri = linkKind(msg.href) === 'external' ? vscode.Uri.parse(msg.href, true) : undefined;
        } catch {
          uri = undefined;
        }
        if (uri && /^(https?|mailto)$/.test(uri.scheme)) void vscode.env.openExternal(uri);
        else void vscode.window.showInformationMessage(`The panel does not open "${msg.href.slice(0, 200)}": only web and mail links are opened outside.`);
        break;
      }
      case 'copyDiagramSource':
        void vscode.env.clipboard.writeText(msg.source).then(
          () => vscode.window.setStatusBarMessage('$(copy) Mermaid source copied', 3000),
          (e: unknown) => void vscode.window.showErrorMessage(`The Mermaid source could not be copied: ${e instanceof Error ? e.message : String(e)}`),
        );
        break;
      case 'exportDiagram':
        void exportDiagram(msg.format, msg.name, msg.data);
        break;
      default:
        this.received.fire(msg);
    }
  }

  /**
   * A link to another Markdown file of the same folder: in a kit (or the built-in guide), its
   * problem of that id; for a file shown by `sdi.showMarkdownFile`, the file beside it.
   */
  private async openKitLink(link: { file: string; stem: string; anchor?: string }): Promise<void> {
    const current = this.shownItem?.id ?? '';
    if (current.startsWith('file:')) {
      const uri = vscode.Uri.joinPath(vscode.Uri.parse(current.slice('file:'.length)), '..', link.file);
      try {
        await this.openFile(uri, link.anchor, { reveal: false });
      } catch {
        void vscode.window.showInformationMessage(`There is no "${link.file}" beside this file.`);
      }
      return;
    }
    const kitPrefix = /^(kit:[^/]+\/)/.exec(current)?.[1] ?? '';
    const id = `${kitPrefix}problem:${link.stem}`;
    if (this.library.node(id)) this.show(id, link.anchor, { reveal: false });
    else void vscode.window.showInformationMessage(`This kit has no problem "${link.stem}".`);
  }

  dispose(): void {
    clearTimeout(this.otherThemesTimer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** VS Code's current colour theme kind, in the pre-rendered set's terms. */
function activeThemeKind(): ThemeKind {
  switch (vscode.window.activeColorTheme.kind) {
    case vscode.ColorThemeKind.Light: return 'light';
    case vscode.ColorThemeKind.HighContrast: return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight: return 'high-contrast-light';
    default: return 'dark';
  }
}
