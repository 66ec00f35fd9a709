/**
 * The extension's loaded guide: validated content, the tree built from it, and look-ups by node id.
 * Loaded once at activation from the extension's own `content/` folder.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadContent, type GuideContent } from './core/content';
import { anchorTargets, buildGuideTree, indexGuideTree, nodeSection, type GuideNode } from './core/guideTree';

/** Guide content plus the tree over it. */
export class GuideLibrary {
  readonly roots: GuideNode[];
  readonly nodes: Map<string, GuideNode>;
  /** `#anchor` of a guide heading → id of the node that shows it. */
  readonly anchors: Map<string, string>;
  private readonly parents = new Map<GuideNode, GuideNode>();

  constructor(readonly content: GuideContent) {
    this.roots = buildGuideTree(content);
    this.nodes = indexGuideTree(this.roots);
    this.anchors = anchorTargets(content, this.roots);
    for (const n of this.nodes.values()) for (const ch of n.children) this.parents.set(ch, n);
  }

  /** The node's parent in the tree, undefined for a group. */
  parentOf(node: GuideNode): GuideNode | undefined {
    return this.parents.get(node);
  }

  /** Reads and validates `content/` under the extension's folder; throws `ContentError` on bad content. */
  static fromFolder(contentDir: string): GuideLibrary {
    return new GuideLibrary(loadContent((file) => fs.readFileSync(path.join(contentDir, file), 'utf8')));
  }

  node(id: string): GuideNode | undefined {
    return this.nodes.get(id);
  }

  /** The Markdown a node shows, or undefined when the node has no section. */
  markdownOf(id: string): string | undefined {
    const n = this.nodes.get(id);
    return n ? nodeSection(this.content, n)?.markdown : undefined;
  }

  /** The item the panel opens when it has nothing else to show: the first item of the tree that opens a section. */
  firstItemId(): string {
    for (const n of this.nodes.values()) if (n.kind !== 'group' && n.section !== undefined) return n.id;
    return this.roots[0].id;
  }

  /** The tree node of a problem, by problem id. */
  problemNode(problemId: string): GuideNode | undefined {
    return this.nodes.get(`problem:${problemId}`);
  }
}
