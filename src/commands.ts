/** The guide's commands: open an item, find an item, start an interview with a problem. */
import * as vscode from 'vscode';
import { flattenGuideTree, nodeTitle, opensPage, type GuideNode } from './core/guideTree';
import type { GuideLibrary } from './guideLibrary';
import type { GuidePanel } from './panel/guidePanel';
import { acceptedItem, pickOne } from './quickPick';

interface Deps {
  library: GuideLibrary;
  panel: GuidePanel;
  view: vscode.TreeView<GuideNode>;
}

/** Accepts a node id (from the tree's click) or a node (from a context menu). */
function nodeIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && typeof (arg as GuideNode).id === 'string') return (arg as GuideNode).id;
  return undefined;
}

interface NodePick extends vscode.QuickPickItem {
  node: GuideNode;
}

/** A quick-pick row for a node: its label with its icon, description, and where it sits in the tree. */
function pickItem(library: GuideLibrary, node: GuideNode, ancestors?: string[]): NodePick {
  if (!ancestors) {
    ancestors = [];
    for (let p = library.parentOf(node); p; p = library.parentOf(p)) ancestors.unshift(nodeTitle(p));
  }
  const extra = [node.levels?.join(', '), node.tags?.length ? node.tags.map((t) => `#${t}`).join(' ') : undefined].filter(Boolean).join(' · ');
  return {
    label: `$(${node.icon}) ${nodeTitle(node)}`,
    description: extra || node.description,
    detail: ancestors.join(' › '),
    node,
  };
}

/** Every node that opens something, in tree order, as quick-pick rows. */
function treeOrder(library: GuideLibrary, filter: (n: GuideNode) => boolean): NodePick[] {
  return flattenGuideTree(library.roots)
    .filter(({ node }) => opensPage(node) && filter(node))
    .map(({ node, ancestors }) => pickItem(library, node, ancestors));
}

/** Rows a guide pick offers before the guide's items (Start Interview's loop interviews of today), under `title`. */
export interface LeadRows<T> {
  title: string;
  items: (vscode.QuickPickItem & { lead: T })[];
}

/**
 * Lets the user pick any guide item that opens something; `lead` rows come first (the highlighted
 * one, so an early Enter chooses it) and resolve with their `lead`.
 */
export function pickGuideItem<T = never>(library: GuideLibrary, placeHolder: string, filter: (n: GuideNode) => boolean = () => true, lead?: LeadRows<T>): Promise<GuideNode | T | undefined> {
  type Row = vscode.QuickPickItem & { node?: GuideNode; lead?: T };
  const separator = (label: string): Row => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const guide: Row[] = treeOrder(library, filter);
  const rows: Row[] = lead?.items.length ? [separator(lead.title), ...lead.items, separator('Guide'), ...guide] : guide;
  // Asked for by a command (Start Interview, Open Item): it stays until a choice or Escape, like the
  // candidate prompt after it (ignoreFocusOut). Focus moving on its own (a Welcome page or editor
  // opening as the window settles) must not take it away while the user reads it.
  return pickOne(rows, { placeHolder, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true }).then((row) => row?.node ?? row?.lead);
}

/**
 * Find in Guide: a quick pick over the search index of every kit (titles, tags, levels, categories,
 * full text). An empty query lists every item in tree order; each keystroke asks the index, whose
 * hits all show (`alwaysShow`), since they may match in text the row does not display.
 */
export function findGuideItem(library: GuideLibrary, initialQuery = ''): Promise<GuideNode | undefined> {
  const qp = vscode.window.createQuickPick<NodePick>();
  qp.placeholder = 'Search every kit: problems, tags, levels, categories, topics, rubric';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const update = (query: string) => {
    const q = query.trim();
    if (!q) {
      qp.items = treeOrder(library, () => true);
      return;
    }
    let hits: GuideNode[];
    try {
      hits = library.search(q);
    } catch {
      hits = [];
    }
    qp.items = hits.map((n) => ({ ...pickItem(library, n), alwaysShow: true }));
  };
  qp.value = initialQuery;
  update(initialQuery);
  return acceptedItem(qp, [qp.onDidChangeValue(update), library.onDidChange(() => update(qp.value))]).then((row) => row?.node);
}

export function registerGuideCommands({ library, panel, view }: Deps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sdi.openItem', async (arg?: unknown) => {
      let id = nodeIdOf(arg);
      if (!id) id = (await pickGuideItem(library, 'Open a guide item'))?.id;
      if (!id) return undefined;
      const node = library.node(id);
      if (!node || (node.section === undefined && !node.page)) {
        void vscode.window.showErrorMessage(`No guide item "${id}".`);
        return undefined;
      }
      panel.show(id);
      return id;
    }),
    // An optional query (a string) fills the search box, for keybindings and tests.
    vscode.commands.registerCommand('sdi.findItem', async (query?: unknown) => {
      const node = await findGuideItem(library, typeof query === 'string' ? query : '');
      if (!node) return undefined;
      // Only into a tree the workbench has drawn: revealing into a hidden view opens it and races the
      // view's first draw, in which VS Code 1.139's batched child requests can hand one node another's
      // children (the built-in guide's root showed a kit problem as its only child).
      if (view.visible) await view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
      panel.show(node.id);
      return node.id;
    }),
  ];
}
