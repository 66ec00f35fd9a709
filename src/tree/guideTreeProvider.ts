/** Shows the guide tree in the sidebar: maps core `GuideNode`s to `vscode.TreeItem`s. */
import * as vscode from 'vscode';
import type { GuideNode } from '../core/guideTree';
import type { GuideLibrary } from '../guideLibrary';

/** Command the tree runs when an item is selected. */
export const OPEN_ITEM_COMMAND = 'sdi.openItem';

export class GuideTreeProvider implements vscode.TreeDataProvider<GuideNode> {
  constructor(private readonly library: GuideLibrary) {}

  getTreeItem(node: GuideNode): vscode.TreeItem {
    const collapsible = node.children.length
      ? node.kind === 'group' || node.kind === 'category' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed
      : vscode.TreeItemCollapsibleState.None;
    const item = new vscode.TreeItem(node.label, collapsible);
    item.id = node.id;
    item.description = node.description;
    const tooltip = new vscode.MarkdownString(node.tooltip);
    tooltip.supportThemeIcons = false;
    tooltip.isTrusted = false;
    item.tooltip = tooltip;
    item.iconPath = new vscode.ThemeIcon(node.icon);
    // `sdi.item.<kind>` for items that open something; menus match on it.
    item.contextValue = node.section !== undefined ? `sdi.item.${node.kind}` : `sdi.${node.kind}`;
    if (node.section !== undefined && node.kind !== 'group') {
      item.command = { command: OPEN_ITEM_COMMAND, title: 'Open', arguments: [node.id] };
    }
    item.accessibilityInformation = { label: node.description ? `${node.label}, ${node.description}` : node.label };
    return item;
  }

  getChildren(node?: GuideNode): GuideNode[] {
    return node ? node.children : this.library.roots;
  }

  getParent(node: GuideNode): GuideNode | undefined {
    return this.library.parentOf(node);
  }
}
