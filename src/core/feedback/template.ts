/**
 * The feedback template as data: which header fields it has, where its scores block is, what the
 * weighted-score line is called, and which checkbox groups are single-choice, multiple-choice or
 * the recommendation. The parser and the checks read a `TemplateSpec`, never constants, so a kit's
 * own `feedback-template.md` (or one generated from its rubric) is checked like the built-in one.
 */
import type { Rubric } from '../content';
import { documentLines, firstNonSpace, headingOf, nextFence, parseCheckbox, parseField, parseScoreLine } from './lines';
import { normalizeName, slugOfName } from './names';
import type { CheckboxGroupKind, TemplateFieldRole } from './parsed';

export type { CheckboxGroupKind, TemplateFieldRole } from './parsed';


/** A `**Label:** [placeholder]` line of the template's header. */
export interface TemplateField {
  label: string;
  role: TemplateFieldRole;
  /** The placeholder as the template writes it, e.g. `[Name]`; '' when the template leaves it empty. */
  placeholder: string;
}


/** A heading whose list items are checkboxes. */
export interface TemplateGroup {
  /** A stable id: the built-in template's own ids, else a slug of the heading. */
  id: string;
  /** The heading text as written (matched with case, spacing and "&"/"and" ignored). */
  heading: string;
  kind: CheckboxGroupKind;
}

/** A feedback template's layout: everything the parser and the checks know of it. */
export interface TemplateSpec {
  /** The heading that opens a scores block, e.g. "Scores (Weighted)". */
  scoresHeading: string;
  /** The name of the weighted-score line of the scores block, e.g. "Weighted Score". */
  weightedLabel: string;
  /** Header fields, in template order. */
  fields: TemplateField[];
  /** Checkbox groups, in template order. */
  groups: TemplateGroup[];
  /** Starts of box texts reserved for the rubric's top band, e.g. "Principal engineer track" (`top-band-only-checked`). */
  topBandOnly: string[];
}

/** What a kit's `kit.yaml` may add to a template read from Markdown (`template:` in kit.yaml). */
export interface TemplateHints {
  /** Headings of groups in which only one box may be checked. */
  singleChoice?: string[];
  /** Starts of box texts reserved for the top band. */
  topBandOnly?: string[];
}

/** The built-in guide's template (`content/feedback-template.md`), exactly as the checks always read it. */
export const BUILTIN_TEMPLATE_SPEC: TemplateSpec = Object.freeze({
  scoresHeading: 'Scores (Weighted)',
  weightedLabel: 'Weighted Score',
  fields: [
    { label: 'Candidate', role: 'candidate', placeholder: '[Name]' },
    { label: 'Interviewer', role: 'interviewer', placeholder: '[Your Name]' },
    { label: 'Date', role: 'date', placeholder: '[Date]' },
    { label: 'Problem Used', role: 'problem', placeholder: '[Problem Title]' },
    { label: 'Years of Experience', role: 'experience', placeholder: '[Years]' },
  ],
  groups: [
    { id: 'production-experience', heading: 'Production Experience Assessment', kind: 'single' },
    { id: 'collaboration-leadership', heading: 'Collaboration & Leadership Indicators', kind: 'single' },
    { id: 'recommendation', heading: 'Recommendation', kind: 'recommendation' },
    { id: 'role-fit', heading: 'Specific Role Fit', kind: 'multi' },
  ],
  topBandOnly: ['Principal engineer track'],
}) as TemplateSpec;

/** The role a header field plays, guessed from its label. */
export function fieldRole(label: string): TemplateFieldRole {
  const n = normalizeName(label);
  if (n === 'candidate' || n.startsWith('candidate ')) return 'candidate';
  if (n === 'interviewer' || n.startsWith('interviewer')) return 'interviewer';
  if (n === 'date' || n.endsWith(' date') || n.startsWith('date ')) return 'date';
  if (n.startsWith('problem') || n.startsWith('question')) return 'problem';
  if (n.includes('experience') || n.startsWith('years')) return 'experience';
  return 'other';
}

const stripEmphasis = (s: string) => s.replace(/^[*_\s]+|[*_\s]+$/g, '');

/**
 * Reads a template's layout from its Markdown (a kit's `feedback-template.md`): header fields
 * above the scores block, the scores heading (the first heading followed by `Name (W%): ...`
 * lines, else one named like "Scores"), its weighted-score line (the block's line without a weight),
 * and each heading followed by
 * boxes. A group whose heading reads "Recommendation" is the recommendation; `hints.singleChoice`
 * names the single-choice ones; every other group is multiple-choice. Never throws: what it
 * cannot find keeps the built-in template's value.
 */
export function templateSpecFromMarkdown(markdown: string, hints: TemplateHints = {}): TemplateSpec {
  const lines = documentLines(typeof markdown === 'string' ? markdown : '');
  interface Heading { line: number; level: number; raw: string; text: string }
  const headings: Heading[] = [];
  const isCode: boolean[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const f = firstNonSpace(line);
    if (f === 96 || f === 126) {
      fence = nextFence(line, fence);
      isCode[i] = true;
      return;
    }
    isCode[i] = fence !== undefined;
    if (fence !== undefined || f !== 35) return;
    const h = headingOf(line);
    // A heading with no words names nothing a template could be read by.
    if (h && h.text) headings.push({ line: i, level: h.level, raw: stripEmphasis(h.raw), text: h.text });
  });
  const endOf = (k: number) => {
    for (let q = k + 1; q < headings.length; q++) if (headings[q].level <= headings[k].level) return headings[q].line;
    return lines.length;
  };
  const below = (k: number) => {
    const out: number[] = [];
    const end = k + 1 < headings.length ? Math.min(endOf(k), headings[k + 1].line) : endOf(k);
    for (let l = headings[k].line + 1; l < end; l++) if (!isCode[l]) out.push(l);
    return out;
  };

  // The scores block: the first heading whose own lines carry weighted score lines.
  let scoresIdx = headings.findIndex((_, k) => below(k).some((l) => parseScoreLine(lines[l], l, true)?.weightText !== undefined));
  if (scoresIdx < 0) scoresIdx = headings.findIndex((h) => h.text.split(' ').includes('scores') || h.text.split(' ').includes('score'));
  const spec: TemplateSpec = {
    scoresHeading: scoresIdx >= 0 ? headings[scoresIdx].raw : BUILTIN_TEMPLATE_SPEC.scoresHeading,
    weightedLabel: BUILTIN_TEMPLATE_SPEC.weightedLabel,
    fields: [],
    groups: [],
    topBandOnly: (hints.topBandOnly ?? []).map((t) => t.trim()).filter(Boolean),
  };
  if (scoresIdx >= 0) {
    // The weighted-score line is the block's line without a weight: the one named like a total, else the only one.
    const unweighted = below(scoresIdx)
      .map((l) => parseScoreLine(lines[l], l, false))
      .filter((sl): sl is NonNullable<typeof sl> => !!sl && sl.weightText === undefined);
    const named = unweighted.find((sl) => normalizeName(sl.name).split(' ').some((w) => w === 'weighted' || w === 'total' || w === 'overall'));
    const line = named ?? (unweighted.length === 1 ? unweighted[0] : undefined);
    if (line && normalizeName(line.name)) spec.weightedLabel = stripEmphasis(line.name);
  }

  const headerEnd = scoresIdx >= 0 ? headings[scoresIdx].line : headings.length ? headings[Math.min(1, headings.length - 1)].line : lines.length;
  for (let l = 0; l < headerEnd; l++) {
    if (isCode[l]) continue;
    const f = parseField(lines[l], l);
    if (f && !spec.fields.some((x) => normalizeName(x.label) === normalizeName(f.label))) {
      spec.fields.push({ label: f.label, role: fieldRole(f.label), placeholder: f.value });
    }
  }

  const single = new Set((hints.singleChoice ?? []).map(normalizeName));
  const ids = new Set<string>();
  headings.forEach((h, k) => {
    if (k === scoresIdx) return;
    if (!below(k).some((l) => parseCheckbox(lines[l], l))) return;
    if (spec.groups.some((g) => normalizeName(g.heading) === h.text)) return;
    const builtIn = BUILTIN_TEMPLATE_SPEC.groups.find((g) => normalizeName(g.heading) === h.text);
    const kind: CheckboxGroupKind = h.text === 'recommendation' || h.text.startsWith('recommendation ') || h.text.endsWith(' recommendation')
      ? 'recommendation'
      : single.has(h.text) ? 'single' : 'multi';
    let id = builtIn?.id ?? (kind === 'recommendation' ? 'recommendation' : slugOfName(h.raw));
    for (let n = 2; ids.has(id); n++) id = `${slugOfName(h.raw)}-${n}`;
    ids.add(id);
    spec.groups.push({ id, heading: h.raw, kind });
  });
  return spec;
}

/**
 * The layout a kit's feedback is read with: the built-in template's for the built-in kit, else
 * read from the kit's template (its `feedback-template.md`, or the one generated from its rubric)
 * with kit.yaml's `template` hints.
 */
export function kitTemplateSpec(kit: { builtIn: boolean; feedbackTemplate: string; templateHints?: TemplateHints }): TemplateSpec {
  if (kit.builtIn) return BUILTIN_TEMPLATE_SPEC;
  return templateSpecFromMarkdown(kit.feedbackTemplate, kit.templateHints ?? {});
}

/** The placeholder of a dimension's score on the rubric's scale: `[1-5]`. */
export function scorePlaceholder(rubric: Pick<Rubric, 'scale'>): string {
  return `[${rubric.scale.min}-${rubric.scale.max}]`;
}

/** The weighted score's placeholder line value in a generated template. */
export const WEIGHTED_PLACEHOLDER = '[Calculate]';

/** The rubric's bands from the highest min down, the band without a min last. */
export function bandsHighestFirst<B extends { min?: number | null }>(bands: readonly B[]): B[] {
  return [...bands].sort((x, y) => (y.min ?? -Infinity) - (x.min ?? -Infinity));
}

/**
 * A feedback template for a rubric, in the built-in template's form: the header fields, a
 * "Scores (Weighted)" block with one `- Name (W%): [min-max] / max` line per dimension and the
 * weighted-score line, strengths, concerns, one recommendation box per band (the rubric's
 * recommendation text, else the band's label), and notes. Parsed back, every dimension is unfilled.
 */
export function generateFeedbackTemplate(rubric: Rubric, kit: { name: string }): string {
  const spec = BUILTIN_TEMPLATE_SPEC;
  const name = kit.name.replace(/[\r\n]+/g, ' ').trim() || 'Interview';
  const out: string[] = [`## ${name}: Interview Feedback`, ''];
  for (const f of spec.fields) out.push(`**${f.label}:** ${f.placeholder}`);
  out.push('', `### ${spec.scoresHeading}`);
  for (const d of rubric.dimensions) out.push(`- ${d.name} (${d.weight}%): ${scorePlaceholder(rubric)} / ${rubric.scale.max}`);
  out.push(`- **${spec.weightedLabel}:** ${WEIGHTED_PLACEHOLDER} / ${rubric.scale.max.toFixed(1)}`);
  out.push('', '### Strengths', '- [Specific examples of strong performance]', '', '### Concerns', '- [Specific gaps or concerning answers]', '');
  out.push('### Recommendation');
  for (const b of bandsHighestFirst(rubric.bands)) {
    const text = rubric.recommendations.find((r) => r.band === b.id)?.text ?? b.label;
    out.push(`- [ ] ${text}`);
  }
  out.push('', '### Notes for the Hiring Manager', '[Anything the hiring manager should know or explore next]', '');
  return out.join('\n');
}

/** A template spec with its look-ups built: what the parser reads. */
export interface CompiledTemplate {
  readonly spec: TemplateSpec;
  /** The normalized scores heading, e.g. "scores weighted". */
  readonly scoresKey: string;
  /** The normalized weighted-score label, e.g. "weighted score". */
  readonly weightedKey: string;
  /** Checkbox groups by normalized heading. */
  readonly groupByKey: ReadonlyMap<string, TemplateGroup>;
  /** Header field roles by normalized label. */
  readonly roleByKey: ReadonlyMap<string, TemplateFieldRole>;
  /** Normalized starts of top-band-only box texts, with the text as the spec writes it. */
  readonly topBandOnly: readonly { key: string; text: string }[];
  /** A cheap pre-test: can the text hold the scores heading at all? */
  readonly quick: RegExp;
  /** `normalizeName`, remembering the last few hundred names (headings, score names and box texts repeat from one validation to the next). */
  readonly normalize: (name: string) => string;
}

/** Most names a compiled template remembers; past it, it starts afresh. */
const NAME_MEMO_SIZE = 512;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Builds a spec's look-ups once (a compiled rubric holds one; `parseFeedback` takes either).
 * `memo: false` makes a template that remembers no names (the parser's shared default).
 */
export function compileTemplate(spec: TemplateSpec = BUILTIN_TEMPLATE_SPEC, { memo = true }: { memo?: boolean } = {}): CompiledTemplate {
  const names = memo ? new Map<string, string>() : undefined;
  const normalize = !names
    ? normalizeName
    : (name: string) => {
        let n = names.get(name);
        if (n !== undefined) return n;
        n = normalizeName(name);
        if (name.length < 200) {
          if (names.size >= NAME_MEMO_SIZE) names.clear();
          names.set(name, n);
        }
        return n;
      };
  const scoresKey = normalizeName(spec.scoresHeading) || normalizeName(BUILTIN_TEMPLATE_SPEC.scoresHeading);
  const words = scoresKey.split(' ').map((w) => (w === 'and' ? '(?:and|&)' : escapeRegExp(w)));
  const groupByKey = new Map<string, TemplateGroup>();
  for (const g of spec.groups) {
    const k = normalizeName(g.heading);
    if (k && k !== scoresKey && !groupByKey.has(k)) groupByKey.set(k, g);
  }
  const roleByKey = new Map<string, TemplateFieldRole>();
  for (const f of spec.fields) roleByKey.set(normalizeName(f.label), f.role);
  return {
    spec,
    scoresKey,
    weightedKey: normalizeName(spec.weightedLabel) || normalizeName(BUILTIN_TEMPLATE_SPEC.weightedLabel),
    groupByKey,
    roleByKey,
    topBandOnly: spec.topBandOnly.map((t) => ({ key: normalizeName(t), text: t.trim() })).filter((t) => t.key),
    normalize,
    quick: new RegExp(`^ {0,3}#{1,6}[ \\t][^\\n]*?${words.join('[^\\n]*?')}`, /[^\x00-\x7f]/.test(scoresKey) ? 'imu' : 'im'),
  };
}

/** The built-in template, compiled once: the parser's default. */
export const BUILTIN_TEMPLATE: CompiledTemplate = compileTemplate(BUILTIN_TEMPLATE_SPEC, { memo: false });
