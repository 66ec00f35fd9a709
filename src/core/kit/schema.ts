/**
 * zod schemas of a kit's own files: `kit.yaml` and a problem file's front matter. The rubric,
 * phases, outline and `problems.json` schemas are the built-in content's (`../content`), which a
 * kit's files share.
 */
import { z } from 'zod';
import { deepDiveSchema, idSchema, phaseSchema, phasesFileSchema, signalsSchema } from '../content';

const text = z.string().trim().min(1, 'must not be empty');

/** A file of the kit named in kit.yaml: relative, `/`-separated, never leaving the folder. */
export const kitFileRefSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((p) => !/^([a-zA-Z]:)?[\\/]/.test(p) && !p.split(/[\\/]/).includes('..'), 'must be a path inside the kit folder');

/** A category of a kit's problems, as kit.yaml lists it. */
export const kitCategorySchema = z.strictObject({
  id: idSchema,
  title: text,
  description: text.optional(),
  complexity: text.optional(),
  focus: text.optional(),
  examples: z.array(text).default([]),
  keyChallenges: z.array(text).default([]),
});

/** kit.yaml `phases` as a bare list of phases (the plan is named after the kit). */
export const kitPhaseListSchema = z.array(phaseSchema).min(1, 'needs at least one phase');
/** kit.yaml `phases` as a plan: `{ plan, phases }`, the fields of `content/phases.json`. */
export const kitPhasePlanSchema = z.lazy(() => phasesFileSchema);

/**
 * `kit.yaml`. A team kit names `name`, `version` and usually `phases` and `categories`; the
 * built-in guide's also names its files (`guide`, `outline`, `problems`, `rubric`, `phases`,
 * `feedbackTemplate`). `phases` is checked on its own (a file name, a list or a plan).
 */
export const kitFileSchema = z.strictObject({
  $comment: z.string().optional(),
  id: idSchema.optional(),
  name: text,
  version: z.union([z.string().trim().min(1, 'must not be empty'), z.number()]).transform(String),
  description: text.optional(),
  includeBuiltIn: z.boolean().default(true),
  guide: kitFileRefSchema.optional(),
  outline: kitFileRefSchema.optional(),
  /** A JSON/YAML file of `{ categories, problems }` in `content/problems.json`'s form. */
  problems: kitFileRefSchema.optional(),
  rubric: kitFileRefSchema.optional(),
  feedbackTemplate: kitFileRefSchema.optional(),
  phases: z.unknown().optional(),
  categories: z.array(kitCategorySchema).default([]),
  template: z
    .strictObject({
      singleChoice: z.array(text).optional(),
      topBandOnly: z.array(text).optional(),
    })
    .optional(),
  /** Defaults for the interview loops (`*.loop.yaml`) that use this kit. */
  loop: z
    .strictObject({
      minCoverage: z.number().int('must be a whole number').min(1, 'must be at least 1').max(12, 'must be at most 12').optional(),
      disagreement: z.number().positive('must be above 0').optional(),
    })
    .optional(),
});
export type KitFile = z.infer<typeof kitFileSchema>;

/** A level or tag of a problem: any short text. */
const label = z.string().trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters');

/** The front matter of `problems/<id>.md`. `id` defaults to the file name's stem. */
export const problemFrontMatterSchema = z.strictObject({
  id: idSchema.optional(),
  title: text,
  category: idSchema,
  levels: z.array(label).default([]),
  tags: z.array(label).default([]),
  statement: text,
  deepDives: z.array(deepDiveSchema).default([]),
  followUps: z.array(text).default([]),
  /** Strong and weak signals per rubric dimension id. */
  signals: z.record(z.string(), signalsSchema).default({}),
});
export type ProblemFrontMatter = z.infer<typeof problemFrontMatterSchema>;
