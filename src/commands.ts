/** The guide's commands: open an item, find an item, start an interview with a problem. */
import * as vscode from 'vscode';
import { flattenGuideTree, type GuideNode } from './core/guideTree';
import type { GuideLibrary } from './guideLibrary';
import type { GuidePanel } from './panel/guidePanel';

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

/** Lets the user pick any guide item that opens something. */
export async function pickGuideItem(library: GuideLibrary, placeHolder: string, filter: (n: GuideNode) => boolean = () => true): Promise<GuideNode | undefined> {
  const items = flattenGuideTree(library.roots)
    .filter(({ node }) => node.section !== undefined && filter(node))
    .map(({ node, ancestors }) => ({
      label: `$(${node.icon}) ${node.label}`,
      description: node.description,
      detail: ancestors.join(' › '),
      node,
    }));
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.node;
}

export function registerGuideCommands({ library, panel, view }: Deps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('sdi.openItem', async (arg?: unknown) => {
      let id = nodeIdOf(arg);
      if (!id) id = (await pickGuideItem(library, 'Open a guide item'))?.id;
      if (!id) return undefined;
      if (!library.node(id)) {
        void vscode.window.showErrorMessage(`No guide item "${id}".`);
        return undefined;
      }
      panel.show(id);
      return id;
    }),
    vscode.commands.registerCommand('sdi.findItem', async () => {
      const node = await pickGuideItem(library, 'Search the guide: problems, topics, scenarios, rubric');
      if (!node) return undefined;
      await view.reveal(node, { select: true, focus: false, expand: true }).then(undefined, () => undefined);
      panel.show(node.id);
      return node.id;
    }),
  ];
}
