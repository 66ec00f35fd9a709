/** Shows the guide tree in the sidebar: maps core `GuideNode`s to `vscode.TreeItem`s. */
import * as path from 'path';
import * as vscode from 'vscode';
import { opensPage, type GuideNode } from '../core/guideTree';
import type { GuideLibrary } from '../guideLibrary';

/** Command the tree runs when an item is selected. */
export const OPEN_ITEM_COMMAND = 'sdi.openItem';
/** VS Code's workspace trust editor, opened by the Restricted Mode item. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

/** Kinds whose items start expanded (when they have children). */
const EXPANDED = new Set<GuideNode['kind']>(['group', 'category', 'kit', 'level', 'loops', 'loop-stage']);

export class GuideTreeProvider implements vscode.TreeDataProvider<GuideNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<GuideNode | undefined>();
  /** Fires for the whole tree when the library's kits changed or the Loops group comes or goes, for the group when its loops changed. */
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  /** The Loops group, first when the workspace has loops; its nodes' parents. */
  private loops: GuideNode | undefined;
  private loopParents = new Map<string, GuideNode>();

  constructor(private readonly library: GuideLibrary) {
    this.subscription = library.onDidChange(() => this.changed.fire(undefined));
  }

  getTreeItem(node: GuideNode): vscode.TreeItem {
    const collapsible = node.children.length
      ? EXPANDED.has(node.kind) ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    const tooltip = new vscode.MarkdownString(node.tooltip);
    tooltip.supportThemeIcons = false;
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
    item.iconPath = node.kind === 'kit-error' ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
      : node.kind === 'trust' ? new vscode.ThemeIcon('shield', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(node.icon);
    // `sdi.item.<kind>` for items that open something; menus match on it.
    const opens = opensPage(node) || (node.kind === 'group' && node.section !== undefined);
    item.contextValue = opens ? `sdi.item.${node.kind}` : `sdi.${node.kind}`;
    if (opensPage(node) && !(node.kind === 'kit' && node.children.length)) {
      item.command = { command: OPEN_ITEM_COMMAND, title: 'Open', arguments: [node.id] };
    } else if (node.kind === 'loop' && node.loopFile) {
      item.command = { command: 'vscode.open', title: 'Open Loop', arguments: [vscode.Uri.parse(node.loopFile)] };
    } else if (node.kind === 'trust') {
      item.command = { command: MANAGE_TRUST_COMMAND, title: 'Manage Workspace Trust' };
    } else if (node.kind === 'kit-error' && node.location) {
      const { root, issue } = node.location;
      const r = issue.range;
      item.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [
          vscode.Uri.file(path.join(root, ...(issue.file || 'kit.yaml').split('/'))),
          r ? { selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) } : undefined,
        ],
      };
    }
    item.accessibilityInformation = { label: node.description ? `${node.label}, ${node.description}` : node.label };
    return item;
  }

  getChildren(node?: GuideNode): GuideNode[] {
    if (node) return node.children;
    return this.loops ? [this.loops, ...this.library.roots] : this.library.roots;
  }

  getParent(node: GuideNode): GuideNode | undefined {
    return this.loopParents.get(node.id) ?? this.library.parentOf(node);
  }

  /**
   * Shows the Loops group first (undefined removes it: the workspace has no loops). A group already
   * shown is updated in place and only its rows are redrawn: redrawing the whole tree for a loop's
   * change would drop a group of the kit or the guide that the user is expanding at that moment.
   */
  setLoops(group: GuideNode | undefined): void {
    if (!group && !this.loops) return;
    const shown = this.loops;
    // The tree knows the group by the node it was given: the same node, with the new rows, is redrawn.
    this.loops = group && shown ? Object.assign(shown, group) : group && { ...group };
    this.loopParents = new Map();
    const walk = (n: GuideNode) => n.children.forEach((ch) => { this.loopParents.set(ch.id, n); walk(ch); });
    if (this.loops) walk(this.loops);
    this.changed.fire(group && shown ? this.loops : undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
