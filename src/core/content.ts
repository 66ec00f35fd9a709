/**
 * The guide's content model: zod schemas for the files in `content/` (a team kit's files share
 * them; the kit loader, `kit/loader.ts`, reads them). Everything
 * the extension reasons about (phases, deep-dive minutes, rubric weights, bands) comes from here;
 * nothing is hard-coded in `src`.
 */
import { z } from 'zod';
import type { MarkdownOutline } from './markdownSections';

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

/** What to listen for in one rubric dimension: strong and weak signals. */
export const signalsSchema = z.strictObject({
  strong: z.array(text).default([]),
  weak: z.array(text).default([]),
});

export const problemSchema = z.strictObject({
  id,
  number: z.number().int().positive(),
  title: text,
  /** The tree's label when the title without its "Design a" does not read whole in the sidebar. */
  shortTitle: text.optional(),
  category: id,
  section: sectionRef,
  statement: text,
  deepDives: z.array(deepDiveSchema),
  /** Levels the problem suits (`mid`, `senior`, `staff`); optional, as in a kit's problem files. */
  levels: z.array(text).optional(),
  tags: z.array(text).optional(),
  followUps: z.array(text).optional(),
  /** Strong and weak signals per rubric dimension id. */
  signals: z.record(z.string(), signalsSchema).optional(),
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

/** A note tag: letters, digits and dashes, starting with a letter (`scale`, `dist`). */
export const tagSchema = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a lowercase tag (letters, digits, dashes; a letter first)');

export const dimensionSchema = z.strictObject({
  id,
  name: text,
  weight: z.number().int('must be a whole percentage').positive().max(100),
  /** Short name used to tag interview notes (`+scale`); the dimension's id when absent. */
  tag: tagSchema.optional(),
  /** Guide-only: the heading path of the dimension's section in the kit's guide. */
  section: sectionRef.optional(),
  description: text.optional(),
  levels: z.array(levelSchema),
});
export type Dimension = z.infer<typeof dimensionSchema>;

/** Band ids are plain ids: a kit names its own bands (`strong-hire`, `yes`, `lean-no`...). */
export const bandIdSchema = id;
export type BandId = string;

export const bandSchema = z.strictObject({
  id: bandIdSchema,
  label: text,
  /** Lowest score in the band (inclusive); null or absent for the lowest band. */
  min: z.number().nullable().optional(),
  /** Guide-only: the range as the guide prints it, e.g. "3.5-4.0". */
  printedRange: text.optional(),
  /** Upper bound printed by the guide; scores above it and below the next band's min are borderline. */
  printedMax: z.number().nullable().optional(),
  section: sectionRef.optional(),
  summary: text.optional(),
  profile: z.array(text).optional(),
  example: text.optional(),
});
export type Band = z.infer<typeof bandSchema>;

/**
 * A rubric: the built-in `content/rubric.json` or a kit's `rubric.yaml`. Any integer scale,
 * 2 to 12 dimensions whose weights sum to 100 (checked by `checkRubric`), 2 to 7 bands.
 */
export const rubricFileSchema = z.strictObject({
  $comment: z.string().optional(),
  /** The rubric's own version, recorded in feedback written under it; the kit's version when absent. */
  version: z.union([z.string().trim().min(1), z.number()]).transform(String).optional(),
  scale: z.strictObject({ min: z.number().int(), max: z.number().int() }),
  dimensions: z.array(dimensionSchema).min(2, 'needs at least 2 dimensions').max(12, 'takes at most 12 dimensions'),
  bands: z.array(bandSchema).min(2, 'needs at least 2 bands').max(7, 'takes at most 7 bands'),
  recommendations: z.array(z.strictObject({ band: bandIdSchema, text })),
  seniorBarYears: z.number().positive().optional(),
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

/** The files of `content/`, relative to it (its `kit.yaml` names the others). */
export const CONTENT_FILES = {
  kit: 'kit.yaml',
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

/**
 * Every zod issue as `where: message`, joined by `; `. `where` is `root` followed by the issue's
 * `fieldPath` (`sdi.timer.phases[1].minutes`); an issue on the value itself reads `root`, or `whole`
 * when there is no root.
 */
export function formatZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[], root = '', whole = root): string {
  return issues
    .map((i) => {
      const field = fieldPath(i.path);
      const where = root && field && !field.startsWith('[') ? `${root}.${field}` : `${root}${field}`;
      return `${where || whole}: ${i.message}`;
    })
    .join('; ');
}

/** Validates one parsed file against its schema, collecting located issues. */
export function validateFile<T>(file: string, schema: z.ZodType<T>, data: unknown, issues: ContentIssue[]): T | undefined {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  for (const i of r.error.issues) issues.push({ file, field: fieldPath(i.path), message: i.message });
  return undefined;
}
