/**
 * The sidebar tree as plain data: groups, categories with their sample problems, topics,
 * scenarios, rubric dimensions and bands, each naming the guide section it opens.
 */
import type { GuideContent } from './content';
import { PATH_SEPARATOR, slugify, type Section } from './markdownSections';

/** What a node is, in the interviewer's words; adapters pick icons and menus by it. */
export type GuideNodeKind = 'group' | 'guide' | 'category' | 'problem' | 'topic' | 'scenario' | 'dimension' | 'band' | 'rubric';

/** One node of the guide tree. */
export interface GuideNode {
  /** Stable id, `kind:slug`, used by commands, the panel and saved state. */
  id: string;
  kind: GuideNodeKind;
  label: string;
  /** Short text beside the label. */
  description?: string;
  /** Markdown shown on hover. */
  tooltip: string;
  /** Codicon name. */
  icon: string;
  /** Heading path of the section this node opens ('' is the whole guide); undefined opens nothing. */
  section?: string;
  /** For problems: the problem id in problems.json. */
  problemId?: string;
  children: GuideNode[];
}

const KIND_OF_GROUP: Record<string, GuideNodeKind> = {
  topics: 'topic',
  scenarios: 'scenario',
  rubric: 'rubric',
  guide: 'guide',
};

function firstParagraph(markdown: string): string {
  const body = markdown.split('\n').slice(1).join('\n').trim();
  const para = body.split(/\n\s*\n/)[0] ?? '';
  return para.length > 400 ? `${para.slice(0, 400)}…` : para;
}

/** Builds the whole tree from validated content. */
export function buildGuideTree(c: GuideContent): GuideNode[] {
  const sectionText = (ref: string | undefined) => (ref === undefined ? '' : (c.guide.section(ref)?.markdown ?? ''));
  return c.outline.groups.map((g) => {
    const kind = KIND_OF_GROUP[g.id] ?? 'guide';
    const listed: GuideNode[] = g.items.map((it) => ({
      id: `${kind}:${it.id}`,
      kind,
      label: it.label,
      tooltip: `**${it.label}**\n\n${firstParagraph(sectionText(it.section))}`,
      icon: it.icon ?? 'book',
      section: it.section,
      children: [],
    }));
    let children = listed;
    if (g.id === 'problems') {
      children = c.categories.map((cat) => {
        const problems = c.problems.filter((p) => p.category === cat.id);
        return {
          id: `category:${cat.id}`,
          kind: 'category' as const,
          label: `${cat.number}. ${cat.title}`,
          description: `${cat.complexity} complexity`,
          tooltip: `**Category ${cat.number}: ${cat.title}**\n\n**Complexity:** ${cat.complexity}  \n**Focus:** ${cat.focus}  \n**Examples:** ${cat.examples.join(', ')}` +
            (problems.length ? '' : '\n\n_No sample problem in the guide: open it for its examples and key challenges._'),
          icon: 'folder-library',
          section: cat.section,
          children: problems.map((p) => ({
            id: `problem:${p.id}`,
            kind: 'problem' as const,
            label: `Problem ${p.number}: ${p.title.replace(/^Design an? /, '')}`,
            description: p.deepDives.length ? `${p.deepDives.length} deep dives · ${p.deepDives.reduce((s, d) => s + d.minutes, 0)} min` : cat.complexity,
            tooltip: `**${p.title}**\n\n${cat.title} · ${cat.complexity} complexity · ${cat.focus}\n\n> ${p.statement}` +
              (p.deepDives.length ? `\n\n**Deep dives:** ${p.deepDives.map((d) => `${d.title} (${d.minutes} min)`).join(', ')}` : ''),
            icon: 'symbol-event',
            section: p.section,
            problemId: p.id,
            children: [],
          })),
        };
      });
    } else if (g.id === 'rubric') {
      const dims: GuideNode[] = c.rubric.dimensions.map((d) => ({
        id: `dimension:${d.id}`,
        kind: 'dimension',
        label: d.name,
        description: `${d.weight}%`,
        tooltip: `**${d.name}** (weight ${d.weight}%)\n\n${[...d.levels].sort((a, b) => b.score - a.score).map((l) => `- **${l.label} (${l.score})**: ${l.descriptors[0]}`).join('\n')}`,
        icon: 'symbol-numeric',
        section: d.section,
        children: [],
      }));
      const bands: GuideNode[] = c.rubric.bands.map((b) => ({
        id: `band:${b.id}`,
        kind: 'band',
        label: b.label,
        description: b.printedRange,
        tooltip: `**${b.label}** (score ${b.printedRange})\n\n${b.summary}`,
        icon: 'pass',
        section: b.section,
        children: [],
      }));
      // Dimensions first, then the decision bands under "Decision Bands", then the rest as listed.
      children = [...dims, ...listed.map((n) => (n.id === 'rubric:decision-bands' ? { ...n, children: bands } : n))];
    }
    return {
      id: `group:${g.id}`,
      kind: 'group' as const,
      label: g.label,
      tooltip: `**${g.label}**`,
      icon: g.icon ?? 'folder',
      section: g.section,
      children,
    };
  });
}

/** Every node by id, depth first. */
export function indexGuideTree(roots: readonly GuideNode[]): Map<string, GuideNode> {
  const map = new Map<string, GuideNode>();
  const walk = (n: GuideNode) => {
    map.set(n.id, n);
    n.children.forEach(walk);
  };
  roots.forEach(walk);
  return map;
}

/** Nodes in tree order, each with its ancestors' labels, for a quick pick. */
export function flattenGuideTree(roots: readonly GuideNode[]): { node: GuideNode; ancestors: string[] }[] {
  const out: { node: GuideNode; ancestors: string[] }[] = [];
  const walk = (n: GuideNode, ancestors: string[]) => {
    out.push({ node: n, ancestors });
    n.children.forEach((ch) => walk(ch, [...ancestors, n.label]));
  };
  roots.forEach((r) => walk(r, []));
  return out;
}

/** The section a node opens, or undefined when it opens none. */
export function nodeSection(c: GuideContent, node: GuideNode): Section | undefined {
  return node.section === undefined ? undefined : c.guide.section(node.section);
}

/**
 * Maps each heading anchor of the guide (`#overview`, as its table of contents links) to the
 * node whose section holds that heading most narrowly, so in-guide links can open guide items.
 */
export function anchorTargets(c: GuideContent, roots: readonly GuideNode[]): Map<string, string> {
  const spans = [...indexGuideTree(roots).values()]
    .filter((n) => n.section)
    .map((n) => ({ id: n.id, s: nodeSection(c, n) }))
    .filter((x): x is { id: string; s: Section } => x.s !== undefined);
  const map = new Map<string, string>();
  for (const h of c.guide.headings) {
    const slug = slugify(h.text);
    if (map.has(slug)) continue;
    let best: { id: string; size: number } | undefined;
    for (const { id, s } of spans) {
      if (h.line >= s.startLine && h.line < s.endLine) {
        const size = s.endLine - s.startLine;
        if (!best || size < best.size) best = { id, size };
      }
    }
    // A heading that only holds sub-sections (e.g. "Sample Interview Problems") opens the first
    // item inside its own section.
    if (!best) {
      const own = c.guide.section(h.path.join(PATH_SEPARATOR));
      let first: { id: string; start: number } | undefined;
      for (const { id, s } of spans) {
        if (own && s.startLine > h.line && s.startLine < own.endLine && (!first || s.startLine < first.start)) first = { id, start: s.startLine };
      }
      if (first) best = { id: first.id, size: 0 };
    }
    if (best) map.set(slug, best.id);
  }
  return map;
}
