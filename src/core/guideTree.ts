/**
 * The sidebar tree as plain data: groups, categories with their sample problems, topics,
 * scenarios, rubric dimensions and bands, each naming the guide section it opens.
 */
import type { GuideContent } from './content';
import { escapeMarkdown } from './escape';
import type { KitCategory, KitIssue, KitProblem, LoadedKit } from './kit/types';
import { submittedText, type FeedbackStateKind, type LoopStage } from './loop/progress';
import { bandMarkdown, categoryMarkdown, compareLevels, dimensionMarkdown, kitOverviewMarkdown, phaseMarkdown, planMarkdown, rubricMarkdown, templateMarkdown } from './kitPages';
import { problemKey, problemMarkdown } from './kit/loader';
import { bandRange } from './rubric';
import { PATH_SEPARATOR, type Section } from './markdownSections';
import { slugify } from './slug';

/**
 * What a node is, in the interviewer's words; adapters pick icons and menus by it. Team kits add
 * `kit` (a kit's root), `level` (problems of one level in a category), `plan`, `phase`, `template`,
 * and the two notices: `trust` (kits not loaded in Restricted Mode) and `kit-error` (a kit that did not load).
 * The workspace's interview loops add `loops` (their group), `loop-stage` (upcoming, today, feedback
 * due, complete) and `loop` (one loop file).
 */
export type GuideNodeKind = 'group' | 'guide' | 'category' | 'problem' | 'topic' | 'scenario' | 'dimension' | 'band' | 'rubric'
  | 'kit' | 'level' | 'plan' | 'phase' | 'template' | 'trust' | 'kit-error'
  | 'loops' | 'loop-stage' | 'loop';

/** One node of the guide tree. */
export interface GuideNode {
  /** Stable id, `kind:slug`, used by commands, the panel and saved state. */
  id: string;
  kind: GuideNodeKind;
  /** What the tree shows: short enough, with the description, to read whole at the sidebar's default width. */
  label: string;
  /** The node's whole name where there is room (the guide panel's tab, Find in Guide, search), when the label is shorter; see `nodeTitle`. */
  title?: string;
  /** Short text beside the label. */
  description?: string;
  /** Markdown shown on hover. */
  tooltip: string;
  /** Codicon name. */
  icon: string;
  /** Heading path of the section this node opens ('' is the whole guide); undefined opens nothing. */
  section?: string;
  /** For problems: the problem's global key, its id in problems.json for the built-in guide, `<kitId>/<problemId>` for a kit's. */
  problemId?: string;
  /** Team kit nodes: the kit's id (undefined for the built-in guide's nodes). */
  kitId?: string;
  /** Team kit nodes: the Markdown page the node opens, generated on demand; undefined opens nothing. */
  page?: () => string;
  /** For problems: the levels and tags it is for (what Find searches beside its text). */
  levels?: string[];
  tags?: string[];
  /** `kit-error` nodes: the kit file (relative to `root`) and where in it the first issue is. */
  location?: { root: string; issue: KitIssue };
  /** `loop` nodes: the loop file's URI (as a string), which selecting the node opens. */
  loopFile?: string;
  children: GuideNode[];
}

/** A node's whole name: its title, else its label. */
export function nodeTitle(n: Pick<GuideNode, 'label' | 'title'>): string {
  return n.title ?? n.label;
}

/** Whether selecting the node opens something in the guide panel. */
export function opensPage(n: GuideNode): boolean {
  return n.kind !== 'group' && n.kind !== 'trust' && n.kind !== 'kit-error' && (n.section !== undefined || n.page !== undefined);
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

/** ` (<heading>)`: the heading of the section an item opens, when its label (kept short for the sidebar) says something else. */
function headingNote(label: string, section: string | undefined): string {
  const heading = section?.split(PATH_SEPARATOR).pop();
  return heading && heading !== label ? ` (${heading})` : '';
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
      tooltip: `**${it.label}**${headingNote(it.label, it.section)}\n\n${firstParagraph(sectionText(it.section))}`,
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
          tooltip: `**Category ${cat.number}: ${cat.title}**\n\n**Complexity:** ${cat.complexity}  \n**Focus:** ${cat.focus}  \n**Examples:** ${cat.examples.join(', ')}` +
            (problems.length ? '' : '\n\n_No sample problem in the guide: open it for its examples and key challenges._'),
          icon: 'folder-library',
          section: cat.section,
          children: problems.map((p) => ({
            id: `problem:${p.id}`,
            kind: 'problem' as const,
            label: problemLabel(p),
            title: `Problem ${p.number}: ${withoutDesign(p.title)}`,
            tooltip: `**Problem ${p.number}: ${p.title}**\n\n${cat.title} · ${cat.complexity} complexity · ${cat.focus}\n\n> ${p.statement}` +
              (p.deepDives.length ? `\n\n**Deep dives:** ${p.deepDives.map((d) => `${d.title} (${d.minutes} min)`).join(', ')} · ${p.deepDives.reduce((s, d) => s + d.minutes, 0)} min` : ''),
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
        tooltip: `**${d.name}** (weight ${d.weight}%)\n\n${[...d.levels].sort((a, b) => b.score - a.score).map((l) => `- **${l.label} (${l.score})**: ${l.descriptors[0]}`).join('\n')}`,
        icon: 'symbol-numeric',
        section: d.section,
        children: [],
      }));
      const bands: GuideNode[] = c.rubric.bands.map((b) => ({
        id: `band:${b.id}`,
        kind: 'band',
        label: b.label,
        description: bandRange(c.rubric.bands, b),
        tooltip: `**${b.label}** (score ${bandRange(c.rubric.bands, b)})\n\n${b.summary}`,
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

/** Nodes in tree order, each with its ancestors' titles, for a quick pick. */
export function flattenGuideTree(roots: readonly GuideNode[]): { node: GuideNode; ancestors: string[] }[] {
  const out: { node: GuideNode; ancestors: string[] }[] = [];
  const walk = (n: GuideNode, ancestors: string[]) => {
    out.push({ node: n, ancestors });
    n.children.forEach((ch) => walk(ch, [...ancestors, nodeTitle(n)]));
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

/** The id of a kit's node: `kit:<kitId>` for its root, `kit:<kitId>/<local>` below it. */
export function kitNodeId(kitId: string, local?: string): string {
  return local === undefined ? `kit:${kitId}` : `kit:${kitId}/${local}`;
}

/** The tree node id of a problem: `problem:<id>` in the built-in guide, `kit:<kitId>/problem:<id>` in a team kit. */
export function problemNodeId(kit: Pick<LoadedKit, 'id' | 'builtIn'>, problemId: string): string {
  return kit.builtIn ? `problem:${problemId}` : kitNodeId(kit.id, `problem:${problemId}`);
}

const UNCATEGORIZED = 'uncategorized';
const md = (s: string) => escapeMarkdown(s);

/**
 * A problem's label in the tree: its short title, else its title without a leading "Design a", so
 * that it reads whole at the sidebar's default width; the tooltip gives the whole title.
 */
export function problemLabel(p: Pick<KitProblem, 'title' | 'shortTitle'>): string {
  return p.shortTitle ?? withoutDesign(p.title);
}

/** A problem's title without its leading "Design a" or "Design an". */
function withoutDesign(title: string): string {
  return title.replace(/^Design an? /, '');
}

function problemNode(kit: LoadedKit, p: KitProblem, categoryTitle: string): GuideNode {
  const minutes = p.deepDives.reduce((s, d) => s + d.minutes, 0);
  const meta = [p.levels.join(', '), p.tags.length ? p.tags.map((t) => `#${t}`).join(' ') : ''].filter(Boolean).join(' · ');
  return {
    id: problemNodeId(kit, p.id),
    kind: 'problem',
    label: problemLabel(p),
    title: p.title,
    tooltip: `**${md(p.title)}**\n\n${md(categoryTitle)}${meta ? ` · ${md(meta)}` : ''}\n\n> ${md(p.statement)}` +
      (p.deepDives.length ? `\n\n**Deep dives:** ${p.deepDives.map((d) => `${md(d.title)} (${d.minutes} min)`).join(', ')} · ${minutes} min` : ''),
    icon: 'symbol-event',
    problemId: problemKey(kit, p.id),
    kitId: kit.id,
    page: () => problemMarkdown(kit, p),
    levels: p.levels,
    tags: p.tags,
    children: [],
  };
}

/** The problems of a category: flat when they share one level (or none), else one `level` node per first-listed level. */
function categoryChildren(kit: LoadedKit, categoryId: string, categoryTitle: string, problems: KitProblem[]): GuideNode[] {
  const nodes = problems.map((p) => problemNode(kit, p, categoryTitle));
  const primary = (p: KitProblem) => p.levels[0] ?? '';
  const levels = [...new Set(problems.map(primary))].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : compareLevels(a, b)));
  if (levels.length < 2) return nodes;
  return levels.map((level) => ({
    id: kitNodeId(kit.id, `category:${categoryId}/level:${level || 'any'}`),
    kind: 'level' as const,
    label: level || 'Any level',
    description: `${problems.filter((p) => primary(p) === level).length}`,
    tooltip: `**${md(categoryTitle)}**: problems for ${md(level || 'any level')}`,
    icon: 'person',
    kitId: kit.id,
    children: nodes.filter((_, i) => primary(problems[i]) === level),
  }));
}

/** A one-line account of a kit issue: `file: path: message`. */
export function formatKitIssue(i: KitIssue): string {
  return `${i.file}: ${kitIssueMessage(i)}`;
}

/** An issue's message led by its field path (`dimensions: weights must sum to 100`), the path once. */
export function kitIssueMessage(i: KitIssue): string {
  return !i.path || i.message.startsWith(`${i.path}: `) ? i.message : `${i.path}: ${i.message}`;
}

/**
 * The subtree of a team kit: one root (label the kit's name, description its version) holding its
 * categories with their problems (grouped by level when they span several), the rubric with its
 * dimensions and bands, the interview plan with its phases, and the feedback template. A kit whose
 * `kit.yaml` did not load is one `kit-error` node naming its first issue; a kit that loaded with
 * errors starts with one.
 */
export function buildKitTree(kit: LoadedKit): GuideNode {
  const errors = kit.issues.filter((i) => i.severity === 'error');
  const errorNode = (id: string): GuideNode | undefined => {
    const first = errors[0] ?? kit.issues[0];
    if (!first) return undefined;
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return {
      id,
      kind: 'kit-error',
      label: kit.ok ? `${formatKitIssue(first)}${more}` : `${kit.name || kit.id}: ${formatKitIssue(first)}${more}`,
      tooltip: `**The kit in ${md(kit.root)} ${kit.ok ? 'has errors' : 'could not be loaded'}**\n\n${errors.slice(0, 10).map((e) => `- ${md(formatKitIssue(e))}`).join('\n')}`,
      icon: 'error',
      kitId: kit.id,
      location: { root: kit.root, issue: first },
      children: [],
    };
  };
  if (!kit.ok) return errorNode(kitNodeId(kit.id)) ?? { id: kitNodeId(kit.id), kind: 'kit-error', label: `${kit.name || kit.id}: could not be loaded`, tooltip: '', icon: 'error', kitId: kit.id, children: [] };

  const children: GuideNode[] = [];
  if (errors.length) children.push(errorNode(kitNodeId(kit.id, 'error'))!);

  // Problems naming no category of the kit (a diagnostic says so) still show, under "Uncategorized".
  const known = new Set(kit.categories.map((c) => c.id));
  const groups: { cat: KitCategory; problems: KitProblem[] }[] = kit.categories.map((cat) => ({ cat, problems: kit.problems.filter((p) => p.category === cat.id) }));
  const orphans = kit.problems.filter((p) => !known.has(p.category));
  if (orphans.length) {
    groups.push({ cat: { id: known.has(UNCATEGORIZED) ? `${UNCATEGORIZED}-2` : UNCATEGORIZED, title: 'Uncategorized', examples: [], keyChallenges: [] }, problems: orphans });
  }
  for (const { cat, problems } of groups) {
    const levels = [...new Set(problems.flatMap((p) => p.levels))].sort(compareLevels);
    children.push({
      id: kitNodeId(kit.id, `category:${cat.id}`),
      kind: 'category',
      label: cat.title,
      tooltip: `**${md(cat.title)}**${cat.description ? `\n\n${md(cat.description)}` : ''}` +
        (levels.length ? `\n\n**Levels:** ${md(levels.join(', '))}` : '') +
        (cat.complexity ? `\n\n**Complexity:** ${md(cat.complexity)}` : '') + (cat.focus ? `  \n**Focus:** ${md(cat.focus)}` : '') +
        `\n\n${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}`,
      icon: 'folder-library',
      kitId: kit.id,
      page: () => categoryMarkdown(kit, cat, problems),
      children: categoryChildren(kit, cat.id, cat.title, problems),
    });
  }

  const r = kit.rubric;
  children.push({
    id: kitNodeId(kit.id, 'rubric'),
    kind: 'rubric',
    label: 'Rubric',
    description: r ? `v${r.version} · ${r.rubric.scale.min}–${r.rubric.scale.max}` : 'invalid',
    tooltip: r ? `**Rubric** version ${md(r.version)}: ${r.rubric.dimensions.length} dimensions, ${r.rubric.bands.length} bands${r.file ? '' : ' (the built-in rubric)'}` : '**Rubric**: `rubric.yaml` is invalid',
    icon: 'checklist',
    kitId: kit.id,
    page: () => rubricMarkdown(kit),
    children: r ? [
      ...r.rubric.dimensions.map((d): GuideNode => ({
        id: kitNodeId(kit.id, `dimension:${d.id}`),
        kind: 'dimension',
        label: d.name,
        tooltip: `**${md(d.name)}** (weight ${d.weight}%)\n\n${[...d.levels].sort((a, b) => b.score - a.score).map((l) => `- **${md(l.label)} (${l.score})**: ${md(l.descriptors[0] ?? '')}`).join('\n')}`,
        icon: 'symbol-numeric',
        kitId: kit.id,
        page: () => dimensionMarkdown(kit, d),
        children: [],
      })),
      ...[...r.rubric.bands].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity)).map((b): GuideNode => ({
        id: kitNodeId(kit.id, `band:${b.id}`),
        kind: 'band',
        label: b.label,
        description: bandRange(r.rubric.bands, b),
        tooltip: `**${md(b.label)}** (score ${md(bandRange(r.rubric.bands, b))})${b.summary ? `\n\n${md(b.summary)}` : ''}`,
        icon: 'pass',
        kitId: kit.id,
        page: () => bandMarkdown(kit, r.rubric, b),
        children: [],
      })),
    ] : [],
  });

  const total = kit.phases.phases.reduce((s, p) => s + p.minutes, 0);
  children.push({
    id: kitNodeId(kit.id, 'plan'),
    kind: 'plan',
    label: 'Interview Plan',
    description: `${total} min`,
    tooltip: `**${md(kit.phases.plan)}**: ${kit.phases.phases.map((p) => `${md(p.title)} ${p.minutes}`).join(' · ')} minutes`,
    icon: 'watch',
    kitId: kit.id,
    page: () => planMarkdown(kit),
    children: kit.phases.phases.map((ph) => ({
      id: kitNodeId(kit.id, `phase:${ph.id}`),
      kind: 'phase' as const,
      label: ph.title,
      description: `${ph.minutes} min`,
      tooltip: `**${md(ph.title)}**: ${ph.minutes} minutes${ph.deepDive ? ' (deep dive)' : ''}`,
      icon: 'clock',
      kitId: kit.id,
      page: () => phaseMarkdown(kit, ph),
      children: [],
    })),
  });
  children.push({
    id: kitNodeId(kit.id, 'template'),
    kind: 'template',
    label: 'Feedback Template',
    tooltip: '**Feedback Template**: what **Interview: New Feedback** writes for this kit',
    icon: 'note',
    kitId: kit.id,
    page: () => templateMarkdown(kit),
    children: [],
  });
  return {
    id: kitNodeId(kit.id),
    kind: 'kit',
    label: kit.name,
    description: kit.version,
    tooltip: `**${md(kit.name)}** version ${md(kit.version)}${kit.description ? `\n\n${md(kit.description)}` : ''}\n\n${md(kit.root)}`,
    icon: 'package',
    kitId: kit.id,
    page: () => kitOverviewMarkdown(kit),
    children,
  };
}

/**
 * The tree's one item in Restricted Mode when the workspace holds a kit: it opens the workspace trust
 * editor. Its label fits the sidebar at its default width; the tooltip says the rest.
 */
export const TRUST_NODE: GuideNode = {
  id: 'trust',
  kind: 'trust',
  label: 'Team kits need trust',
  tooltip: "**Team kits are not loaded in Restricted Mode**\n\nThis workspace has a team interview kit. Kits load only in trusted workspaces; the built-in guide works as usual. Select to open VS Code's workspace trust editor (Manage Workspace Trust).",
  icon: 'shield',
  children: [],
};

/** A loop as the Loops group shows it. */
export interface LoopTreeEntry {
  /** The loop file's URI, as a string. */
  uri: string;
  /** Workspace-relative. */
  file: string;
  candidate: string;
  date: string;
  /** What the row says beside the candidate (`loopSummaryText`: `1 due · 2026-12-04`). */
  summary: string;
  /** Each interview's interviewer, problem title, date and feedback state text (`due`, `written 3.15 · Hire`…). */
  interviews: { interviewer: string; problem: string; date: string; state: FeedbackStateKind; text: string }[];
}

const STAGE_ICON: Record<LoopStage, string> = { upcoming: 'calendar', today: 'play-circle', due: 'bell-dot', complete: 'pass' };

/**
 * The Loops group: one child per stage that has loops (in the order given, as `loopsByStage` sorts
 * them), each loop under it opening its file.
 */
export function buildLoopsGroup(stages: readonly { stage: LoopStage; label: string; loops: readonly LoopTreeEntry[] }[]): GuideNode {
  return {
    id: 'loops',
    kind: 'loops',
    label: 'Loops',
    tooltip: "**Interview loops**\n\nThe workspace's loop files (`sdi.loops.glob`) by date: upcoming, today, feedback due, complete.",
    icon: 'organization',
    children: stages.map(({ stage, label, loops }) => ({
      id: `loops:${stage}`,
      kind: 'loop-stage' as const,
      label,
      description: String(loops.length),
      tooltip: `**${label}**: ${loops.length} loop${loops.length === 1 ? '' : 's'}`,
      icon: STAGE_ICON[stage],
      children: loops.map((l) => loopNode(stage, l)),
    })),
  };
}

function loopNode(stage: LoopStage, l: LoopTreeEntry): GuideNode {
  const lines = l.interviews.map((i) => `- ${escapeMarkdown(i.date)} · ${escapeMarkdown(i.interviewer)} · ${escapeMarkdown(i.problem)}: ${escapeMarkdown(i.text)}`);
  return {
    id: `loop:${l.uri}`,
    kind: 'loop',
    label: l.candidate,
    description: l.summary,
    tooltip: `**${escapeMarkdown(l.candidate)}**, ${escapeMarkdown(l.date)}: ${submittedText(l.interviews)} (${escapeMarkdown(l.file)})\n\n${lines.join('\n')}`,
    icon: stage === 'due' ? 'bell-dot' : 'person',
    loopFile: l.uri,
    children: [],
  };
}
