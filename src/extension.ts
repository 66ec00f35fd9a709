/**
 * The activation shell (issue 10, goal 0): what VS Code needs at activation and nothing more. The
 * features (`src/features.ts`, bundled apart as `dist/features.js`: the guide, kits, feedback checks,
 * timer, notes, calibration, with zod and their schemas) load the first time something needs them:
 * - one of the extension's commands runs (the shell answers each contributed command until then);
 * - the guide view shows (the shell's tree view asks the features' tree);
 * - VS Code revives a guide or calibration panel, or asks for a diagnostic code's page;
 * - a Markdown document a user writes is open or opens (feedback checks, notes), or a loop file;
 * - and, just after activation, when the workspace holds a team kit (its checks) or a loop file
 *   (the Loops group and `feedback due`, in a trusted workspace), a running
 *   interview is to be restored (the status bar), or `npm start`'s first start shows the walkthrough.
 * A window with feedback files but none open activates in a few milliseconds and loads nothing more.
 * When the features fail to load, the shell's stand-in commands stay and say why, and the API's parts
 * are undefined.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { CODE_DOCS_SCHEME, contributedCommands, FIRST_START_ENV, GUIDE_UNAVAILABLE_CONTEXT, LOOP_GLOB_DEFAULT, mayBeFeedback, mayBeLoop, revivedPanelTypes, TIMER_STATE_KEY } from './core/activation';
import type { Features, LoadedApi } from './features';
import type { FeatureHost } from './host';
import { kitDirOf } from './settings';

export type { LoadedApi } from './features';

/**
 * What the extension exports, for its integration tests and other extensions: reading a part loads
 * the features; each part is undefined when they or the guide did not load.
 */
export type SdiApi = { readonly [K in keyof LoadedApi]: LoadedApi[K] | undefined };

export function activate(context: vscode.ExtensionContext): SdiApi {
  const shell = new Shell(context);
  context.subscriptions.push(shell);
  shell.loadWhenNeeded();
  return shell.api;
}

export function deactivate(): void {}

class Shell implements vscode.Disposable {
  private features: Features | undefined;
  /** Why the features could not load or start, when they could not: the stand-in commands say it. */
  private failure: string | undefined;
  /** The stand-in commands, until the features register the real ones. */
  private readonly standIns: vscode.Disposable[] = [];
  private readonly serializers = new Map<string, vscode.WebviewPanelSerializer>();
  private readonly treeChanged = new vscode.EventEmitter<unknown>();
  private readonly view: vscode.TreeView<unknown>;
  private readonly disposables: vscode.Disposable[] = [this.treeChanged];
  private pending: vscode.Disposable | undefined;

  /** The extension's API (for its tests): reading any part of it loads the features. */
  readonly api: SdiApi;

  constructor(private readonly context: vscode.ExtensionContext) {
    const load = () => this.load();
    this.api = {
      get library() { return load().api?.library; },
      get panel() { return load().api?.panel; },
      get tree() { return load().api?.tree; },
      get kits() { return load().api?.kits; },
      get feedback() { return load().api?.feedback; },
      get timer() { return load().api?.timer; },
      get notes() { return load().api?.notes; },
      get walkthrough() { return load().api?.walkthrough; },
      get loops() { return load().api?.loops; },
      get debrief() { return load().api?.debrief; },
      get onDidShowPick() { return load().api?.onDidShowPick; },
    };
    for (const id of contributedCommands(context.extension.packageJSON)) this.standIns.push(vscode.commands.registerCommand(id, this.standIn(id)));
    const provider: vscode.TreeDataProvider<unknown> = {
      onDidChangeTreeData: this.treeChanged.event,
      getChildren: (node) => this.tree()?.getChildren(node) ?? [],
      getTreeItem: (node) => this.tree()!.getTreeItem(node),
      getParent: (node) => this.tree()?.getParent?.(node),
    };
    this.view = vscode.window.createTreeView('sdi.guide', { treeDataProvider: provider, showCollapseAll: true });
    this.disposables.push(this.view);
    for (const viewType of revivedPanelTypes((context.extension.packageJSON as { activationEvents?: string[] }).activationEvents)) {
      this.disposables.push(vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          this.load();
          const serializer = this.serializers.get(viewType);
          if (serializer) return serializer.deserializeWebviewPanel(panel, state);
          panel.dispose();
        },
      }));
    }
    // A code page left open in an editor is asked for as the window opens.
    this.disposables.push(vscode.workspace.registerTextDocumentContentProvider(CODE_DOCS_SCHEME, {
      provideTextDocumentContent: (uri, token) => this.load().codeDocs?.provideTextDocumentContent(uri, token),
    }));
  }

  /** Loads the features now if an open document needs them, soon if the workspace state does, else at the first need. */
  loadWhenNeeded(): void {
    const needed = (d: vscode.TextDocument) => mayBeFeedback(d) || mayBeLoop(d);
    if (vscode.workspace.textDocuments.some(needed)) return this.loadSoon();
    this.pending = vscode.workspace.onDidOpenTextDocument((d) => { if (needed(d)) this.load(); });
    if (this.context.workspaceState.get(TIMER_STATE_KEY) !== undefined || process.env[FIRST_START_ENV] === '1') return this.loadSoon();
    void Promise.all([this.hasKit(), this.hasLoops()]).then(([kit, loops]) => { if (kit || loops) this.loadSoon(); });
  }

  /** Loads the features right after activation (VS Code counts `activate` alone as the activation). */
  private loadSoon(): void {
    setTimeout(() => this.load(), 0);
  }

  private async hasKit(): Promise<boolean> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const found = await vscode.workspace.fs.stat(vscode.Uri.file(path.join(kitDirOf(folder), 'kit.yaml'))).then(() => true, () => false);
      if (found) return true;
    }
    return false;
  }

  /** Whether a trusted workspace holds a loop file: its Loops group and `feedback due` show from the start. */
  private async hasLoops(): Promise<boolean> {
    if (!vscode.workspace.isTrusted) return false;
    const glob = vscode.workspace.getConfiguration('sdi.loops').get<string>('glob') || LOOP_GLOB_DEFAULT;
    return (await vscode.workspace.findFiles(glob, '**/node_modules/**', 1)).length > 0;
  }

  /** The features' guide tree (none when the guide did not load: the view shows its welcome text). */
  private tree(): vscode.TreeDataProvider<unknown> | undefined {
    return this.load().api?.tree;
  }

  /**
   * What the command `id` runs until the features register theirs: loads them and runs their
   * command; when they could not load, says why (each time, where VS Code would say the command is not found).
   */
  private standIn(id: string): (...args: unknown[]) => unknown {
    return (...args) => {
      if (this.failure) return void vscode.window.showErrorMessage(this.failure);
      this.load();
      return this.failure ? undefined : vscode.commands.executeCommand(id, ...args);
    };
  }

  /** Loads and activates the features once; later calls return them (none when they could not load). */
  private load(): Features {
    if (this.features) return this.features;
    this.pending?.dispose();
    const host: FeatureHost = {
      view: this.view,
      registerSerializer: (viewType, serializer) => {
        this.serializers.set(viewType, serializer);
        return new vscode.Disposable(() => this.serializers.delete(viewType));
      },
    };
    // Set before activating: anything the features do while activating that asks for them gets this object.
    const features: Features = {};
    this.features = features;
    let activateFeatures: typeof import('./features').activateFeatures;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      ({ activateFeatures } = require('./features.js') as typeof import('./features'));
    } catch (e) {
      this.fail('its features did not load', e);
      return features;
    }
    // The features register the real commands under the same names.
    for (const d of this.standIns.splice(0)) d.dispose();
    try {
      Object.assign(features, activateFeatures(this.context, host));
    } catch (e) {
      this.fail('its features did not start', e);
      // The commands the features had not registered when they failed get their stand-ins back.
      for (const id of contributedCommands(this.context.extension.packageJSON)) {
        try {
          this.standIns.push(vscode.commands.registerCommand(id, this.standIn(id)));
        } catch {
          // registered by the features before they failed
        }
      }
    }
    if (features.api) this.disposables.push(features.api.tree.onDidChangeTreeData((n) => this.treeChanged.fire(n)));
    this.treeChanged.fire(undefined);
    return features;
  }

  /** The features could not load or start: says why now, and from then on in each stand-in command and the view. */
  private fail(what: string, e: unknown): void {
    this.failure = `System Design Interview Kit could not start: ${what}. ${e instanceof Error ? e.message : String(e)}`;
    void vscode.window.showErrorMessage(this.failure);
    void vscode.commands.executeCommand('setContext', GUIDE_UNAVAILABLE_CONTEXT, true);
  }

  dispose(): void {
    this.pending?.dispose();
    for (const d of [...this.standIns.splice(0), ...this.disposables.splice(0)]) d.dispose();
  }
}
