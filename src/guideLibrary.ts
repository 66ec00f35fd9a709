/**
 * The extension's guide: the built-in guide and the workspace's team kits, the tree built from
 * them, and look-ups by node id. `update` replaces the team kits (the kit service calls it when a
 * kit is added, edited or removed); the object stays the same, so every holder sees the new tree.
 */
import * as vscode from 'vscode';
import type { GuideContent } from './core/content';
import {
  anchorTargets, buildGuideTree, buildKitTree, indexGuideTree, kitNodeId, nodeTitle, nodeSection, problemNodeId, opensPage, TRUST_NODE, type GuideNode,
} from './core/guideTree';
import { problemKey } from './core/kit/loader';
import type { KitProblem, LoadedKit } from './core/kit/types';
import { buildSearchIndex, searchIndex, type SearchDoc, type SearchIndex } from './core/search';

/** The team kits the library shows, as the kit service finds them. */
export interface LibraryKits {
  /** Workspace kits in workspace-folder order (broken ones included: they show as an error item). */
  kits: readonly LoadedKit[];
  /** Restricted Mode with a kit in the workspace: the tree says kits are not loaded. */
  restricted: boolean;
}

/** A problem with the kit it belongs to. */
export interface KitProblemRef {
  kit: LoadedKit;
  problem: KitProblem;
  /** Its global key: the problem id (built-in), `<kitId>/<problemId>` (team kit). */
  key: string;
  /** Its tree node's id. */
  nodeId: string;
}

/** The name of the built-in guide's group when team kits show beside it. */

/** Guide content plus the tree over it. */
export class GuideLibrary implements vscode.Disposable {
  roots: GuideNode[] = [];
  nodes = new Map<string, GuideNode>();
  /** `#anchor` of a built-in guide heading → id of the node that shows it. */
  readonly anchors: Map<string, string>;
  /** The built-in guide's own groups, as the tree showed them before team kits. */
  private readonly builtInRoots: GuideNode[];
  /** Parent by child id: a node object from before a rebuild still finds its parent in the new tree. */
  private parents = new Map<string, GuideNode>();
  private state: LibraryKits = { kits: [], restricted: false };
  private index: SearchIndex | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after `update` rebuilt the tree. */
  readonly onDidChange = this.changed.event;

  /** `content` is the built-in guide's validated content; `builtIn` the same guide as a kit. */
  constructor(readonly content: GuideContent, readonly builtIn: LoadedKit) {
    this.builtInRoots = buildGuideTree(content);
    this.anchors = anchorTargets(content, this.builtInRoots);
    this.rebuild();
  }

  /** Replaces the team kits and rebuilds the tree. */
  update(state: LibraryKits): void {
    this.state = state;
    this.rebuild();
    this.changed.fire();
  }

  /** Whether the tree shows the trust item (Restricted Mode with a kit in the workspace). */
  get restricted(): boolean {
    return this.state.restricted;
  }

  /** The workspace's team kits (loaded or not), in tree order. */
  get workspaceKits(): readonly LoadedKit[] {
    return this.state.kits;
  }

  /** Every kit the tree shows: the team kits that loaded, then the built-in guide unless a kit hides it. */
  get kits(): LoadedKit[] {
    const team = this.state.kits.filter((k) => k.ok);
    return this.showsBuiltIn() ? [...team, this.builtIn] : team;
  }

  private showsBuiltIn(): boolean {
    return !this.state.kits.some((k) => k.ok && !k.includeBuiltIn);
  }

  private rebuild(): void {
    const team = this.state.kits;
    let roots: GuideNode[];
    if (this.state.restricted) roots = [TRUST_NODE, ...this.builtInRoots];
    else if (!team.length) roots = this.builtInRoots;
    else {
      roots = team.map(buildKitTree);
      // Two folders may hold kits with the same id; the second keeps its tree under a distinct id.
      const seen = new Set<string>();
      roots = roots.map((r, i) => (seen.has(r.id) ? renumber(r, `${team[i].id}~${i + 1}`) : (seen.add(r.id), r)));
      if (this.showsBuiltIn()) {
        roots.push({
          id: kitNodeId(this.builtIn.id),
          kind: 'group',
          // The kit's name is too long for the sidebar at its default width: its tooltip gives it.
          label: 'Built-in Guide',
          title: this.builtIn.name,
          tooltip: `**${this.builtIn.name}**: the guide that ships with the extension`,
          icon: 'book',
          kitId: this.builtIn.id,
          children: this.builtInRoots,
        });
      }
    }
    this.roots = roots;
    this.nodes = indexGuideTree(roots);
    this.parents = new Map();
    for (const n of this.nodes.values()) for (const ch of n.children) this.parents.set(ch.id, n);
    this.index = undefined;
  }

  /** The node's parent in the tree, undefined for a root. */
  parentOf(node: GuideNode): GuideNode | undefined {
    return this.parents.get(node.id);
  }

  node(id: string): GuideNode | undefined {
    return this.nodes.get(id);
  }

  /** The Markdown a node shows, or undefined when the node opens nothing. */
  markdownOf(id: string): string | undefined {
    const n = this.nodes.get(id);
    if (!n) return undefined;
    if (n.page) return n.page();
    return nodeSection(this.content, n)?.markdown;
  }

  /** The item the panel opens when it has nothing else to show: the first item of the tree that opens something. */
  firstItemId(): string {
    for (const n of this.nodes.values()) if (opensPage(n)) return n.id;
    return this.roots[0].id;
  }

  /** The tree node of a problem, by its global key (`<problemId>` built-in, `<kitId>/<problemId>` team kit). */
  problemNode(key: string): GuideNode | undefined {
    const slash = key.indexOf('/');
    return this.nodes.get(slash < 0 ? `problem:${key}` : kitNodeId(key.slice(0, slash), `problem:${key.slice(slash + 1)}`));
  }

  /** A problem by its global key, from any kit loaded (the built-in guide's even when its group is hidden). */
  problem(key: string): KitProblemRef | undefined {
    const slash = key.indexOf('/');
    const kit = slash < 0 ? this.builtIn : this.state.kits.find((k) => k.ok && k.id === key.slice(0, slash));
    const id = slash < 0 ? key : key.slice(slash + 1);
    const problem = kit?.problems.find((p) => p.id === id);
    return kit && problem ? ref(kit, problem) : undefined;
  }

  /** Every problem the tree shows, in kit order, each with its kit. */
  problems(): KitProblemRef[] {
    return this.kits.flatMap((kit) => kit.problems.map((p) => ref(kit, p)));
  }

  /** The kit a node belongs to: its team kit, else the built-in guide. */
  kitOf(nodeId: string): LoadedKit | undefined {
    const n = this.nodes.get(nodeId);
    if (!n) return undefined;
    if (n.kitId === undefined || n.kitId === this.builtIn.id) return this.builtIn;
    return this.state.kits.find((k) => k.id === n.kitId);
  }

  /** Nodes matching a search of titles, tags, levels, categories, kit names and full text, best first. */
  search(query: string, limit = 50): GuideNode[] {
    this.index ??= buildSearchIndex(this.searchDocs());
    return searchIndex(this.index, query, limit).map((h) => this.nodes.get(h.id)).filter((n): n is GuideNode => n !== undefined);
  }

  /** One search document per node that opens something. */
  private searchDocs(): SearchDoc[] {
    const docs: SearchDoc[] = [];
    const walk = (n: GuideNode, category: string, kitId: string, kitName: string) => {
      const cat = n.kind === 'category' ? n.label : category;
      const [id, name] = n.kind === 'kit' && n.kitId ? [n.kitId, n.label] : [kitId, kitName];
      if (opensPage(n)) {
        docs.push({ id: n.id, kitId: id, kitName: name, title: nodeTitle(n), tags: n.tags ?? [], levels: n.levels ?? [], category: cat, text: this.markdownOf(n.id) ?? '' });
      }
      for (const ch of n.children) walk(ch, cat, id, name);
    };
    for (const r of this.roots) walk(r, '', this.builtIn.id, this.builtIn.name);
    return docs;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function ref(kit: LoadedKit, problem: KitProblem): KitProblemRef {
  return { kit, problem, key: problemKey(kit, problem.id), nodeId: problemNodeId(kit, problem.id) };
}

/** A copy of a kit's subtree whose ids name another kit id (two kits sharing one id). */
function renumber(root: GuideNode, kitId: string): GuideNode {
  const prefix = root.id;
  const walk = (n: GuideNode): GuideNode => ({ ...n, id: kitNodeId(kitId) + n.id.slice(prefix.length), children: n.children.map(walk) });
  return walk(root);
}
