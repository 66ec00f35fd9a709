/**
 * The shapes of an interview kit once loaded: the built-in guide (`content/`) and a team's
 * `.interview-kit/` folder alike. Plain data; no `vscode`, no `fs` (files come through a `KitReader`).
 */
import type { Outline, PhasePlan, Rubric, DeepDiveArea } from '../content';
import type { MarkdownOutline } from '../markdownSections';

/** A 0-based line and UTF-16 character, as in `vscode.Position`. */
export interface KitPosition {
  line: number;
  character: number;
}

/** A half-open span of a kit file. */
export interface KitRange {
  start: KitPosition;
  end: KitPosition;
}

/** One finding in a kit, located in its file (relative to the kit folder, `/`-separated). */
export interface KitIssue {
  file: string;
  /** Where in the file; undefined for a whole-file issue (unreadable, too large). */
  range?: KitRange;
  /** The zod-style field path, e.g. `dimensions[2].weight`; '' for the whole file. */
  path: string;
  message: string;
  severity: 'error' | 'warning' | 'information';
  /** What kind of finding (see `KitIssueCode`); the editor shows it as the diagnostic's code. */
  code?: KitIssueCode;
}

/**
 * The kinds of kit findings. `kit-invalid` is the general one (a zod schema issue or a rule of
 * the rubric); the others name a specific cause.
 */
export type KitIssueCode =
  | 'kit-invalid'
  | 'kit-yaml-syntax'
  | 'kit-unreadable'
  | 'kit-too-large'
  | 'kit-too-deep'
  | 'kit-alias-limit'
  | 'kit-not-utf8'
  | 'kit-symlink-outside'
  | 'kit-listing-truncated'
  | 'kit-too-many-problems'
  | 'kit-front-matter'
  | 'kit-duplicate-id'
  | 'kit-id-mismatch'
  | 'kit-unknown-category'
  | 'kit-unknown-dimension'
  | 'kit-deep-dive-too-long'
  | 'kit-unknown-section'
  | 'kit-rubric-version'
  | 'kit-diagram';

/** kit.yaml `loop`: what a loop file of this kit assumes when it does not say. */
export interface KitLoopDefaults {
  /** How many interviews of a loop must assess each rubric dimension (default 2). */
  minCoverage?: number;
  /** The spread of a dimension's scores, in scale points, that the debrief calls a disagreement (default 2). */
  disagreement?: number;
}

/** A file of a kit folder, as listed by a reader. */
export interface KitEntry {
  /** Relative to the kit folder, `/`-separated, e.g. `problems/rate-limiter.md`. */
  path: string;
  /** Size in bytes. */
  size: number;
}

/**
 * How the loader sees a kit folder. The Node reader (`src/node/fsKitReader.ts`) refuses links
 * that leave the folder and reports them as issues; tests pass an in-memory one.
 */
export interface KitReader {
  /** A label for messages: the folder's path as the user knows it. */
  readonly root: string;
  /** Every regular file below the folder (bounded), and what was refused while listing. */
  list(): { files: KitEntry[]; issues: KitIssue[] };
  /** A file's bytes; throws when it cannot be read. */
  read(path: string): Uint8Array;
}

/** A problem category of a kit. The built-in guide's carry a number, a guide section and their text. */
export interface KitCategory {
  id: string;
  title: string;
  number?: number;
  description?: string;
  complexity?: string;
  focus?: string;
  examples: string[];
  keyChallenges: string[];
  /** Built-in only: heading path in guide.md. */
  section?: string;
}

/** What to listen for, per rubric dimension id. */
export interface ProblemSignals {
  strong: string[];
  weak: string[];
}

/** A problem of a kit: a `problems/<id>.md` file, or an entry of the built-in `problems.json`. */
export interface KitProblem {
  id: string;
  title: string;
  /** The tree's label when the title without its "Design a" does not read whole in the sidebar (problems.json only). */
  shortTitle?: string;
  category: string;
  /** Built-in only: "Problem 1". */
  number?: number;
  /** Levels the problem suits, e.g. `mid`, `senior`, `staff`; [] when the file names none. */
  levels: string[];
  tags: string[];
  statement: string;
  deepDives: DeepDiveArea[];
  followUps: string[];
  signals: Record<string, ProblemSignals>;
  /** Built-in only: heading path in guide.md of the problem's section. */
  section?: string;
  /** Kit problems: the Markdown body after the front matter. */
  body?: string;
  /** Kit problems: the file, relative to the kit folder. */
  file?: string;
  /** Kit problems: 0-based line of the file where `body` starts (diagram errors are located with it). */
  bodyLine?: number;
}

/** A rubric a kit keeps, current or archived, with what identifies it in a feedback file. */
export interface KitRubric {
  rubric: Rubric;
  /** The rubric's `version`, else the kit's. */
  version: string;
  /** A short hash of what scoring reads (scale, dimension ids and weights, band ids and mins). */
  fingerprint: string;
  /** The file it came from, relative to the kit folder; '' for the built-in fallback. */
  file: string;
}

/** kit.yaml `template`: which groups of a hand-written template take one box, which items only the top band may tick. */
export interface KitTemplateHints {
  singleChoice?: string[];
  topBandOnly?: string[];
}

/** A loaded kit. A broken file leaves `issues`; what could be read is still there. */
export interface LoadedKit {
  /** `builtin` for the shipped guide; else kit.yaml's `id`, or a slug of its name. */
  id: string;
  name: string;
  version: string;
  description?: string;
  builtIn: boolean;
  /** The reader's root label. */
  root: string;
  /** Whether the built-in guide shows beside this kit (kit.yaml `includeBuiltIn`, default true). */
  includeBuiltIn: boolean;
  /** False when `kit.yaml` itself could not be read or validated: nothing else of the kit is used. */
  ok: boolean;
  /** The rubric feedback is scored with: the kit's `rubric.yaml`, else the built-in one; undefined when `rubric.yaml` is broken. */
  rubric?: KitRubric;
  /**
   * Set when the kit's rubric file is there (or named by kit.yaml) but does not load: its first error.
   * Feedback that would be checked against the kit's rubric is then checked against none.
   */
  rubricError?: KitIssue;
  /** Older rubrics kept in `rubrics/*.yaml`, for feedback recorded under them. */
  archivedRubrics: KitRubric[];
  /** The kit's plan (kit.yaml `phases`), else the built-in one. */
  phases: PhasePlan;
  categories: KitCategory[];
  problems: KitProblem[];
  /** `feedback-template.md`, else generated from the rubric. */
  feedbackTemplate: string;
  /** The template's file relative to the kit folder; '' when it was generated from the rubric. */
  feedbackTemplateFile?: string;
  /** kit.yaml `template` hints for reading a hand-written template. */
  templateHints?: KitTemplateHints;
  /** kit.yaml `loop`: defaults for the interview loops that use this kit. */
  loop?: KitLoopDefaults;
  /** Built-in style kits: the guide and its outline (tree groups over guide sections). */
  guide?: MarkdownOutline;
  outline?: Outline;
  issues: KitIssue[];
}
