/**
 * The guide's content model: zod schemas for the files in `content/`, and the loader that
 * reads, validates and cross-checks them. Everything the extension reasons about (phases,
 * deep-dive minutes, rubric weights, bands) comes from here; nothing is hard-coded in `src`.
 */
import { z } from 'zod';
import { MarkdownOutline, PATH_SEPARATOR } from './markdownSections';

/** A content id: lowercase kebab case. */
export const idSchema = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase-kebab-case id');
const id = idSchema;
const text = z.string().trim().min(1, 'must not be empty');
/** A heading path in guide.md; '' names the whole guide. */
const sectionRef = z.string();

/** A phase's planned length; the timer's and the settings' phase schemas extend `phaseSchema`, so all take these bounds. */
const phaseMinutesSchema = z.number().positive('must be a positive number of minutes').max(600, 'must be at most 600 minutes');

/** One phase of the interview plan. */
export const phaseSchema = z.strictObject({
  id,
  title: text,
  minutes: phaseMinutesSchema,
  deepDive: z.boolean().optional(),
  guidance: z.array(sectionRef).default([]),
});
export type Phase = z.infer<typeof phaseSchema>;

export const phasesFileSchema = z.strictObject({
  $comment: z.string().optional(),
  plan: text,
  phases: z.array(phaseSchema).min(1, 'needs at least one phase'),
});
export type PhasePlan = z.infer<typeof phasesFileSchema>;

export const deepDiveSchema = z.strictObject({
  title: text,
  minutes: z.number().positive(),
  points: z.array(text),
});
export type DeepDiveArea = z.infer<typeof deepDiveSchema>;

export const categorySchema = z.strictObject({
  id,
  number: z.number().int().positive(),
  title: text,
  section: sectionRef,
  complexity: text,
  focus: text,
  examples: z.array(text),
  keyChallenges: z.array(text),
});
export type Category = z.infer<typeof categorySchema>;

export const problemSchema = z.strictObject({
  id,
  number: z.number().int().positive(),
  title: text,
  category: id,
  section: sectionRef,
  statement: text,
  deepDives: z.array(deepDiveSchema),
});
export type Problem = z.infer<typeof problemSchema>;

export const problemsFileSchema = z.strictObject({
  $comment: z.string().optional(),
  categories: z.array(categorySchema).min(1),
  problems: z.array(problemSchema),
});

export const levelSchema = z.strictObject({
  score: z.number().int(),
  label: text,
  descriptors: z.array(text).min(1),
});
export type RubricLevel = z.infer<typeof levelSchema>;

export const dimensionSchema = z.strictObject({
  id,
  name: text,
  weight: z.number().int('must be a whole percentage').positive().max(100),
  section: sectionRef,
  levels: z.array(levelSchema),
});
export type Dimension = z.infer<typeof dimensionSchema>;

export const bandIdSchema = z.enum(['strong-hire', 'hire', 'no-hire', 'strong-no-hire']);
export type BandId = z.infer<typeof bandIdSchema>;

export const bandSchema = z.strictObject({
  id: bandIdSchema,
  label: text,
  printedRange: text,
  /** Lowest score in the band (inclusive); null for the lowest band. */
  min: z.number().nullable(),
  /** Upper bound printed by the guide; scores above it and below the next band's min are borderline. */
  printedMax: z.number().nullable(),
  section: sectionRef,
  summary: text,
  profile: z.array(text),
  example: text.optional(),
});
export type Band = z.infer<typeof bandSchema>;

export const rubricFileSchema = z.strictObject({
  $comment: z.string().optional(),
  scale: z.strictObject({ min: z.number().int(), max: z.number().int() }),
  dimensions: z.array(dimensionSchema).min(1),
  bands: z.array(bandSchema).min(1),
  recommendations: z.array(z.strictObject({ band: bandIdSchema, text })),
  seniorBarYears: z.number().positive(),
});
export type Rubric = z.infer<typeof rubricFileSchema>;

export interface OutlineItem {
  id: string;
  label: string;
  icon?: string;
  section: string;
}
export const outlineItemSchema: z.ZodType<OutlineItem> = z.strictObject({
  id,
  label: text,
  icon: z.string().optional(),
  section: sectionRef,
});

export const outlineGroupSchema = z.strictObject({
  id,
  label: text,
  icon: z.string().optional(),
  section: sectionRef.optional(),
  items: z.array(outlineItemSchema),
});
export type OutlineGroup = z.infer<typeof outlineGroupSchema>;

export const outlineFileSchema = z.strictObject({
  $comment: z.string().optional(),
  groups: z.array(outlineGroupSchema).min(1),
});
export type Outline = z.infer<typeof outlineFileSchema>;

/** The files of `content/`, relative to it. */
export const CONTENT_FILES = {
  guide: 'guide.md',
  outline: 'outline.json',
  problems: 'problems.json',
  rubric: 'rubric.json',
  phases: 'phases.json',
  feedbackTemplate: 'feedback-template.md',
} as const;

/** Everything in `content/`, validated. */
export interface GuideContent {
  guide: MarkdownOutline;
  outline: Outline;
  categories: Category[];
  problems: Problem[];
  rubric: Rubric;
  phases: PhasePlan;
  feedbackTemplate: string;
}

/** One problem found in the content, with the file and the field it is in. */
export interface ContentIssue {
  file: string;
  /** Field path such as `problems[1].deepDives[0].minutes`; '' for the whole file. */
  field: string;
  message: string;
}

/** Thrown when `content/` is invalid; `issues` lists every problem found. */
export class ContentError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(`Invalid guide content:\n${issues.map(formatContentIssue).join('\n')}`);
    this.name = 'ContentError';
  }
}

/** `file: field: message`, the form the build and the extension print. */
export function formatContentIssue(i: ContentIssue): string {
  return `content/${i.file}${i.field ? `: ${i.field}` : ''}: ${i.message}`;
}

/** Renders a zod issue path as `a.b[2].c`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Validates one parsed file against its schema, collecting located issues. */
export function validateFile<T>(file: string, schema: z.ZodType<T>, data: unknown, issues: ContentIssue[]): T | undefined {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  for (const i of r.error.issues) issues.push({ file, field: fieldPath(i.path), message: i.message });
  return undefined;
}

function parseJson(file: string, raw: string, issues: ContentIssue[]): unknown {
  try {
    return JSON.parse(raw);
  } catch (e) {
    issues.push({ file, field: '', message: `is not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

/**
 * Reads and validates every content file. `read` returns a file's text (relative to `content/`)
 * and throws when it is missing. Throws `ContentError` listing every problem, each with file and field.
 */
export function loadContent(read: (file: string) => string): GuideContent {
  const issues: ContentIssue[] = [];
  const readSafe = (file: string): string | undefined => {
    try {
      return read(file);
    } catch (e) {
      issues.push({ file, field: '', message: `cannot be read: ${(e as Error).message}` });
      return undefined;
    }
  };
  const guideText = readSafe(CONTENT_FILES.guide);
  const template = readSafe(CONTENT_FILES.feedbackTemplate);
  const json = (file: string) => {
    const raw = readSafe(file);
    return raw === undefined ? undefined : parseJson(file, raw, issues);
  };
  const outlineRaw = json(CONTENT_FILES.outline);
  const problemsRaw = json(CONTENT_FILES.problems);
  const rubricRaw = json(CONTENT_FILES.rubric);
  const phasesRaw = json(CONTENT_FILES.phases);
  const outline = outlineRaw === undefined ? undefined : validateFile(CONTENT_FILES.outline, outlineFileSchema, outlineRaw, issues);
  const problems = problemsRaw === undefined ? undefined : validateFile(CONTENT_FILES.problems, problemsFileSchema, problemsRaw, issues);
  const rubric = rubricRaw === undefined ? undefined : validateFile(CONTENT_FILES.rubric, rubricFileSchema, rubricRaw, issues);
  const phases = phasesRaw === undefined ? undefined : validateFile(CONTENT_FILES.phases, phasesFileSchema, phasesRaw, issues);
  if (guideText === undefined || template === undefined || !outline || !problems || !rubric || !phases || issues.length) {
    throw new ContentError(issues);
  }
  const content: GuideContent = {
    guide: new MarkdownOutline(guideText),
    outline,
    categories: problems.categories,
    problems: problems.problems,
    rubric,
    phases,
    feedbackTemplate: template,
  };
  crossCheck(content, issues);
  if (issues.length) throw new ContentError(issues);
  return content;
}

function duplicates<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const dup = new Set<T>();
  for (const v of values) (seen.has(v) ? dup : seen).add(v);
  return [...dup];
}

/** Checks what no single schema can: sections exist, ids are unique and referenced ids exist, weights sum to 100. */
function crossCheck(c: GuideContent, issues: ContentIssue[]): void {
  const section = (file: string, field: string, ref: string | undefined) => {
    if (ref === undefined || ref === '') return;
    if (!c.guide.find(ref)) {
      issues.push({ file, field, message: `names no heading of guide.md: "${ref}" (headings are joined with "${PATH_SEPARATOR}")` });
    }
  };
  c.outline.groups.forEach((g, gi) => {
    section(CONTENT_FILES.outline, `groups[${gi}].section`, g.section);
    g.items.forEach((it, ii) => section(CONTENT_FILES.outline, `groups[${gi}].items[${ii}].section`, it.section));
  });
  c.categories.forEach((cat, i) => section(CONTENT_FILES.problems, `categories[${i}].section`, cat.section));
  const categoryIds = new Set(c.categories.map((x) => x.id));
  c.problems.forEach((p, i) => {
    section(CONTENT_FILES.problems, `problems[${i}].section`, p.section);
    if (!categoryIds.has(p.category)) {
      issues.push({ file: CONTENT_FILES.problems, field: `problems[${i}].category`, message: `names no category: "${p.category}"` });
    }
  });
  c.rubric.dimensions.forEach((d, i) => {
    section(CONTENT_FILES.rubric, `dimensions[${i}].section`, d.section);
    const scores = d.levels.map((l) => l.score).sort((a, b) => a - b);
    const want: number[] = [];
    for (let s = c.rubric.scale.min; s <= c.rubric.scale.max; s++) want.push(s);
    if (scores.join() !== want.join()) {
      issues.push({ file: CONTENT_FILES.rubric, field: `dimensions[${i}].levels`, message: `must describe each score ${want.join(', ')} once (has ${scores.join(', ') || 'none'})` });
    }
  });
  c.rubric.bands.forEach((b, i) => section(CONTENT_FILES.rubric, `bands[${i}].section`, b.section));
  c.phases.phases.forEach((p, i) => p.guidance.forEach((g, j) => section(CONTENT_FILES.phases, `phases[${i}].guidance[${j}]`, g)));

  const weight = c.rubric.dimensions.reduce((s, d) => s + d.weight, 0);
  if (weight !== 100) issues.push({ file: CONTENT_FILES.rubric, field: 'dimensions', message: `weights must sum to 100 (they sum to ${weight})` });
  if (c.rubric.scale.min >= c.rubric.scale.max) issues.push({ file: CONTENT_FILES.rubric, field: 'scale', message: 'min must be below max' });
  const bandIds = c.rubric.bands.map((b) => b.id);
  const lowest = c.rubric.bands.filter((b) => b.min === null);
  if (lowest.length !== 1) issues.push({ file: CONTENT_FILES.rubric, field: 'bands', message: 'exactly one band (the lowest) must have min null' });
  c.rubric.recommendations.forEach((r, i) => {
    if (!bandIds.includes(r.band)) issues.push({ file: CONTENT_FILES.rubric, field: `recommendations[${i}].band`, message: `names no band: "${r.band}"` });
  });

  const unique = (file: string, field: string, ids: string[]) => {
    for (const d of duplicates(ids)) issues.push({ file, field, message: `id "${d}" is used more than once` });
  };
  unique(CONTENT_FILES.outline, 'groups', c.outline.groups.map((g) => g.id));
  unique(CONTENT_FILES.outline, 'groups[].items', c.outline.groups.flatMap((g) => g.items.map((i) => i.id)));
  unique(CONTENT_FILES.problems, 'categories', c.categories.map((x) => x.id));
  unique(CONTENT_FILES.problems, 'problems', c.problems.map((x) => x.id));
  unique(CONTENT_FILES.rubric, 'dimensions', c.rubric.dimensions.map((x) => x.id));
  unique(CONTENT_FILES.rubric, 'bands', bandIds);
  unique(CONTENT_FILES.phases, 'phases', c.phases.phases.map((x) => x.id));

  c.problems.forEach((p, i) => {
    const deepDive = c.phases.phases.find((ph) => ph.deepDive);
    const total = p.deepDives.reduce((s, d) => s + d.minutes, 0);
    if (deepDive && total > deepDive.minutes) {
      issues.push({ file: CONTENT_FILES.problems, field: `problems[${i}].deepDives`, message: `deep-dive areas take ${total} minutes, more than the ${deepDive.minutes}-minute "${deepDive.title}" phase` });
    }
  });
}
