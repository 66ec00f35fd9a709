/**
 * The guide panel: one webview panel that shows any guide item. `show` reveals the existing
 * panel (createOrShow); a serializer revives it, on the same item, after a window reload.
 */
import * as vscode from 'vscode';
import { renderMarkdown } from '../core/renderMarkdown';
import type { GuideLibrary } from '../guideLibrary';
import { hostMessage, panelState, webviewMessage, type HostMessage } from '../protocol';
import { makeNonce, panelHtml } from './html';

/** The panel's view type, also used by the serializer. */
export const GUIDE_PANEL_VIEW_TYPE = 'sdi.guidePanel';

export class GuidePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private itemId: string | undefined;
  private ready = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly shown = new vscode.EventEmitter<string>();
  /** Fires with the item id each time the webview has been sent an item. */
  readonly onDidShowItem = this.shown.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly library: GuideLibrary,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(GUIDE_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state) => {
          const parsed = panelState.safeParse(state);
          const id = parsed.success && this.library.node(parsed.data.itemId) ? parsed.data.itemId : 'guide:overview';
          this.attach(panel);
          this.navigate(id);
        },
      }),
      this.shown,
    );
  }

  /** The item the panel shows, if it is open. */
  get currentItemId(): string | undefined {
    return this.panel ? this.itemId : undefined;
  }

  /** Opens the panel (or reveals it) on a guide item. */
  show(id: string): void {
    if (!this.library.node(id)) throw new Error(`No guide item "${id}"`);
    if (this.panel) {
      this.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(GUIDE_PANEL_VIEW_TYPE, 'Interview Guide', vscode.ViewColumn.Active, this.webviewOptions());
      this.attach(panel);
    }
    this.navigate(id);
  }

  private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      retainContextWhenHidden: false,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(this.extensionUri, 'media')],
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'activity.svg');
    const w = panel.webview;
    const asUri = (...p: string[]) => w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...p)).toString();
    w.html = panelHtml({
      cspSource: w.cspSource,
      nonce: makeNonce(),
      scriptUri: asUri('dist', 'webview', 'main.js'),
      styleUri: asUri('media', 'panel.css'),
      codiconUri: asUri('dist', 'webview', 'codicons', 'codicon.css'),
      config: {},
      title: 'Interview Guide',
    });
    const subs: vscode.Disposable[] = [];
    subs.push(
      w.onDidReceiveMessage((raw) => this.onMessage(raw)),
      panel.onDidDispose(() => {
        subs.forEach((d) => d.dispose());
        if (this.panel === panel) this.panel = undefined;
      }),
    );
  }

  private navigate(id: string): void {
    this.itemId = id;
    const node = this.library.node(id);
    if (this.panel && node) this.panel.title = node.label;
    if (this.ready) this.postItem();
  }

  private postItem(): void {
    const id = this.itemId;
    const node = id ? this.library.node(id) : undefined;
    if (!this.panel || !id || !node) return;
    const { html } = renderMarkdown(this.library.markdownOf(id) ?? '');
    this.post({ type: 'showItem', id, title: node.label, html });
    this.shown.fire(id);
  }

  private post(msg: HostMessage): void {
    void this.panel?.webview.postMessage(hostMessage.parse(msg));
  }

  private onMessage(raw: unknown): void {
    const parsed = webviewMessage.safeParse(raw);
    if (!parsed.success) return; // a message we do not understand is dropped, never trusted
    const msg = parsed.data;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.postItem();
        break;
      case 'openItem': {
        const target = this.library.node(msg.id) ? msg.id : this.library.anchors.get(msg.id.replace(/^#/, ''));
        if (target) this.show(target);
        break;
      }
      case 'openExternal':
        if (/^https?:\/\//i.test(msg.href)) void vscode.env.openExternal(vscode.Uri.parse(msg.href));
        else void vscode.window.showInformationMessage(`"${msg.href}" is not part of this guide.`);
        break;
    }
  }

  dispose(): void {
    this.panel?.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}
