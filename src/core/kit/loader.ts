/**
 * The one loader of interview kits: the built-in guide (`content/`, whose `kit.yaml` names its
 * JSON files) and a team's `.interview-kit/` folder go through the same code. It never throws:
 * each problem found becomes a located `KitIssue`, and whatever could be read is still loaded.
 */
import {
  ContentError,
  idSchema,
  outlineFileSchema,
  phasesFileSchema,
  problemsFileSchema,
  rubricFileSchema,
  type Category,
  type ContentIssue,
  type GuideContent,
  type PhasePlan,
  type Problem,
} from '../content';
import type { z } from 'zod';
import { generateFeedbackTemplate } from '../feedback/template';
import { MarkdownOutline, PATH_SEPARATOR } from '../markdownSections';
import { kitIdOf } from '../slug';
import { checkRubric, dimensionTag } from '../rubric';
import { splitFrontMatter } from './frontMatter';
import { rubricFingerprint } from './record';
import { kitFileSchema, kitPhaseListSchema, kitPhasePlanSchema, problemFrontMatterSchema, type KitFile } from './schema';
import type { KitCategory, KitEntry, KitIssue, KitIssueCode, KitProblem, KitRange, KitReader, KitRubric, LoadedKit } from './types';
import { YamlFile } from './yamlFile';

/** The id of the shipped guide's kit. */
export const BUILTIN_KIT_ID = 'builtin';
/** The file that makes a folder a kit. */
export const KIT_FILE = 'kit.yaml';

/** What a kit may hold; beyond these a file (or the rest of the problems) is refused with an issue. */
export const KIT_LIMITS = {
  /** Bytes of any one file of the kit. */
  maxFileBytes: 1024 * 1024,
  /** Problems of one kit. */
  maxProblems: 5000,
} as const;

/** The files a team kit is read from when kit.yaml does not name others. */
export const KIT_DEFAULT_FILES = {
  rubric: 'rubric.yaml',
  feedbackTemplate: 'feedback-template.md',
  problemsFolder: 'problems/',
  rubricsFolder: 'rubrics/',
} as const;

export interface LoadKitOptions {
  /** The built-in kit: its rubric and phase plan are a team kit's fallbacks. */
  builtIn?: LoadedKit;
  /** Loading the shipped `content/` itself: the files its kit.yaml names are required, its id is `builtin`. */
  isBuiltIn?: boolean;
}

type PathKey = string | number;

/** Where a problem (or category) was declared, to put findings about it there. */
interface Source {
  /** The file, parsed (for a problem file: parsed again, only when a finding needs locating). */
  readonly yaml: YamlFile;
  readonly file: string;
  /** Path of the entry within its file: `['problems', 2]` in a problems file, `[]` for a front matter. */
  at: PathKey[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Loads one kit through its reader. Never throws. */
export function loadKit(reader: KitReader, opts: LoadKitOptions = {}): LoadedKit {
  const load = new KitLoad(reader, opts);
  try {
    return load.run();
  } catch (e) {
    // A bug of ours must not take the kit service down with it: report it as the kit's issue.
    load.issues.push({ file: KIT_FILE, path: '', message: `the kit could not be loaded: ${(e as Error).message}`, severity: 'error', code: 'kit-invalid' });
    return load.broken();
  }
}

/**
 * Loads the shipped guide (`content/`), throwing `ContentError` with every issue when it is
 * broken: the extension's own content must be sound.
 */
export function loadBuiltInKit(reader: KitReader): LoadedKit {
  const kit = loadKit(reader, { isBuiltIn: true });
  const errors = kit.issues.filter((i) => i.severity === 'error');
  if (!errors.length && (!kit.guide || !kit.outline || !kit.rubric)) {
    errors.push({ file: KIT_FILE, path: '', message: 'must name the guide, its outline and a rubric', severity: 'error', code: 'kit-invalid' });
  }
  if (errors.length) throw new ContentError(errors.map(contentIssue));
  return kit;
}

/** A reader over a function returning a file's text (the form `loadContent` always took). Lists nothing. */
export function callbackKitReader(root: string, read: (file: string) => string): KitReader {
  const encoder = new TextEncoder();
  return { root, list: () => ({ files: [], issues: [] }), read: (p) => encoder.encode(read(p)) };
}

/** The built-in kit as the guide content older callers use. */
export function guideContentOf(kit: LoadedKit): GuideContent {
  if (!kit.guide || !kit.outline || !kit.rubric) throw new ContentError([{ file: KIT_FILE, field: '', message: 'is not the guide: it names no guide, outline or rubric' }]);
  return {
    guide: kit.guide,
    outline: kit.outline,
    // The guide's problems.json schema requires the fields `Category` and `Problem` have beyond the kit shapes.
    categories: kit.categories as Category[],
    problems: kit.problems as Problem[],
    rubric: kit.rubric.rubric,
    phases: kit.phases,
    feedbackTemplate: kit.feedbackTemplate,
  };
}

/** A kit issue in the form `ContentError` lists (`file: field: message`). */
export function contentIssue(i: KitIssue): ContentIssue {
  let message = i.path && i.message.startsWith(`${i.path}: `) ? i.message.slice(i.path.length + 2) : i.message;
  if (i.code === 'kit-yaml-syntax' && i.file.endsWith('.json')) {
    message = `is not valid JSON: ${message}${i.range ? ` (line ${i.range.start.line + 1}, column ${i.range.start.character + 1})` : ''}`;
  }
  return { file: i.file, field: i.path, message };
}

/** The key a problem is known by across kits (timer state, "Problem Used"): `<id>` built-in, `<kitId>/<id>` otherwise. */
export function problemKey(kit: Pick<LoadedKit, 'id' | 'builtIn'>, problemId: string): string {
  return kit.builtIn ? problemId : `${kit.id}/${problemId}`;
}

/** `kit.yaml`'s id rule: its `id`, else a slug of its name (in `../slug`). */
export { kitIdOf };

class KitLoad {
  readonly issues: KitIssue[] = [];
  private readonly sizes = new Map<string, number>();
  private readonly listed: KitEntry[] = [];
  private name = '';
  private id = '';

  constructor(private readonly reader: KitReader, private readonly opts: LoadKitOptions) {}

  run(): LoadedKit {
    try {
      const l = this.reader.list();
      this.listed.push(...l.files);
      this.issues.push(...l.issues);
      for (const f of l.files) this.sizes.set(f.path, f.size);
    } catch (e) {
      this.fileIssue(KIT_FILE, 'kit-unreadable', `the kit folder cannot be listed: ${(e as Error).message}`);
    }
    const kitText = this.readText(KIT_FILE, false);
    if (kitText === undefined) return this.broken();
    const kitYaml = new YamlFile(KIT_FILE, kitText);
    this.take(kitYaml);
    const kf = kitYaml.parsed ? this.validate(kitYaml, kitFileSchema) : undefined;
    if (!kf) {
      // Keep what identifies the kit, so its issues stay with it while kit.yaml is being fixed.
      const raw = (kitYaml.data ?? {}) as { id?: unknown; name?: unknown };
      this.name = typeof raw.name === 'string' ? raw.name.trim() : '';
      if (typeof raw.id === 'string' && idSchema.safeParse(raw.id).success && raw.id !== BUILTIN_KIT_ID) this.id = raw.id;
      return this.broken();
    }
    this.name = kf.name;
    this.id = this.opts.isBuiltIn ? BUILTIN_KIT_ID : (kf.id ?? kitIdOf(kf.name));
    if (!this.opts.isBuiltIn && this.id === BUILTIN_KIT_ID) {
      this.push(kitYaml.issueAt('kit-invalid', 'id', `"${BUILTIN_KIT_ID}" is the built-in guide's id; choose another`));
      this.id = 'builtin-kit';
    }
    const required = Boolean(this.opts.isBuiltIn);

    const guideText = kf.guide ? this.readText(kf.guide, false) : undefined;
    const guide = guideText === undefined ? undefined : new MarkdownOutline(guideText);
    const outlineFile = kf.outline ? this.yamlFile(kf.outline, false) : undefined;
    const outline = outlineFile?.parsed ? this.validate(outlineFile, outlineFileSchema) : undefined;

    const phases = this.phases(kf, kitYaml);

    // Categories: kit.yaml's, then a problems file's.
    const categories: KitCategory[] = [];
    const categorySources: Source[] = [];
    kf.categories.forEach((c, i) => {
      categories.push(dropUndefined(c));
      categorySources.push({ yaml: kitYaml, file: KIT_FILE, at: ['categories', i] });
    });
    const problems: KitProblem[] = [];
    const problemSources: Source[] = [];
    const problemsFile = kf.problems ? this.yamlFile(kf.problems, false) : undefined;
    const pf = problemsFile?.parsed ? this.validate(problemsFile, problemsFileSchema) : undefined;
    if (pf && problemsFile) {
      pf.categories.forEach((c, i) => {
        categories.push(c);
        categorySources.push({ yaml: problemsFile, file: problemsFile.file, at: ['categories', i] });
      });
      pf.problems.forEach((p, i) => {
        problems.push({ ...p, levels: p.levels ?? [], tags: p.tags ?? [], followUps: p.followUps ?? [], signals: p.signals ?? {} });
        problemSources.push({ yaml: problemsFile, file: problemsFile.file, at: ['problems', i] });
      });
    }
    this.problemFiles(kitYaml, problems, problemSources);

    // Rubric: the named file, else rubric.yaml, else the built-in one.
    const rubricFile = kf.rubric ?? (required ? undefined : KIT_DEFAULT_FILES.rubric);
    let rubric: KitRubric | undefined;
    let rubricYaml: YamlFile | undefined;
    if (rubricFile) {
      rubricYaml = this.yamlFile(rubricFile, !kf.rubric);
      if (rubricYaml) rubric = this.rubric(rubricYaml, kf.version, rubricFile);
    }
    // The built-in rubric stands in only for a rubric file that is absent by design, never for one that does not load.
    const rubricError = rubric ? undefined : this.issues.find((i) => i.file === rubricFile && i.severity === 'error');
    if (!rubricYaml && !rubricError && !required && this.opts.builtIn?.rubric) rubric = { ...this.opts.builtIn.rubric, file: '' };
    const archivedRubrics = this.archivedRubrics(rubric);

    // Feedback template: the named file, else feedback-template.md, else generated from the rubric.
    const templateFile = kf.feedbackTemplate ?? (required ? undefined : KIT_DEFAULT_FILES.feedbackTemplate);
    let feedbackTemplate = templateFile ? this.readText(templateFile, !kf.feedbackTemplate) : undefined;
    let feedbackTemplateFile = feedbackTemplate === undefined ? '' : templateFile!;
    if (feedbackTemplate === undefined) {
      feedbackTemplate = rubric ? generateFeedbackTemplate(rubric.rubric, { name: kf.name }) : '';
      feedbackTemplateFile = '';
    }

    const kit: LoadedKit = {
      id: this.id,
      name: kf.name,
      version: kf.version,
      ...(kf.description ? { description: kf.description } : {}),
      builtIn: required,
      root: this.reader.root,
      includeBuiltIn: kf.includeBuiltIn,
      ...(kf.loop ? { loop: kf.loop } : {}),
      ok: true,
      ...(rubric ? { rubric } : {}),
      ...(rubricError ? { rubricError } : {}),
      archivedRubrics,
      phases: phases.plan,
      categories,
      problems,
      feedbackTemplate,
      feedbackTemplateFile,
      ...(kf.template ? { templateHints: kf.template } : {}),
      ...(guide ? { guide } : {}),
      ...(outline ? { outline } : {}),
      issues: this.issues,
    };
    this.crossCheck(kit, { guideFile: kf.guide ?? 'the guide', outlineFile, categorySources, problemSources, rubricYaml, phases });
    return kit;
  }

  /** What is left of a kit whose kit.yaml cannot be used. */
  broken(): LoadedKit {
    const name = this.name || lastSegment(this.reader.root) || 'Interview kit';
    return {
      id: this.id || (this.opts.isBuiltIn ? BUILTIN_KIT_ID : kitIdOf(name)),
      name,
      version: '',
      builtIn: Boolean(this.opts.isBuiltIn),
      root: this.reader.root,
      includeBuiltIn: true,
      ok: false,
      archivedRubrics: [],
      phases: this.opts.builtIn?.phases ?? { plan: name, phases: [] },
      categories: [],
      problems: [],
      feedbackTemplate: '',
      feedbackTemplateFile: '',
      issues: this.issues,
    };
  }

  // ---- files ----

  /** A file's text; undefined (with an issue, unless `optional` and absent) when it cannot be used. */
  private readText(file: string, optional: boolean): string | undefined {
    const listedSize = this.sizes.get(file);
    if (listedSize !== undefined && listedSize > KIT_LIMITS.maxFileBytes) {
      this.fileIssue(file, 'kit-too-large', tooLarge(listedSize));
      return undefined;
    }
    let bytes: Uint8Array;
    try {
      bytes = this.reader.read(file);
      if (!(bytes instanceof Uint8Array)) throw new Error('the reader returned no bytes');
    } catch (e) {
      if (optional && listedSize === undefined) return undefined;
      this.fileIssue(file, 'kit-unreadable', file === KIT_FILE && this.listed.length && listedSize === undefined
        ? 'the kit folder has no kit.yaml'
        : `cannot be read: ${(e as Error).message}`);
      return undefined;
    }
    if (bytes.length > KIT_LIMITS.maxFileBytes) {
      this.fileIssue(file, 'kit-too-large', tooLarge(bytes.length));
      return undefined;
    }
    try {
      return utf8.decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      this.fileIssue(file, 'kit-not-utf8', `is not valid UTF-8 (first bad byte at line ${at.line + 1}); save it as UTF-8`, { start: at, end: { line: at.line, character: at.character + 1 } });
      return undefined;
    }
  }

  /** A YAML/JSON file, parsed; its parse issues are taken into the kit's. */
  private yamlFile(file: string, optional: boolean): YamlFile | undefined {
    const text = this.readText(file, optional);
    if (text === undefined) return undefined;
    const y = new YamlFile(file, text);
    this.take(y);
    return y;
  }

  private validate<T>(y: YamlFile, schema: z.ZodType<T>, value: unknown = y.data, prefix: PathKey[] = []): T | undefined {
    const r = y.validate(schema, value, prefix);
    this.take(y);
    return r;
  }

  /** Moves a file's parse and schema issues into the kit's. */
  private take(y: YamlFile): void {
    this.issues.push(...y.issues);
    y.issues.length = 0;
  }

  private push(i: KitIssue): void {
    this.issues.push(i);
  }

  private fileIssue(file: string, code: KitIssueCode, message: string, range?: KitRange, severity: KitIssue['severity'] = 'error'): void {
    this.issues.push({ file, path: '', message, severity, code, ...(range ? { range } : {}) });
  }

  // ---- parts ----

  private phases(kf: KitFile, kitYaml: YamlFile): { plan: PhasePlan; yaml?: YamlFile; at: PathKey[] } {
    const fallback = (): { plan: PhasePlan; at: PathKey[] } => ({ plan: this.opts.builtIn?.phases ?? { plan: kf.name, phases: [] }, at: [] });
    const p = kf.phases;
    if (p === undefined) return fallback();
    if (typeof p === 'string') {
      const y = this.yamlFile(p, false);
      const plan = y?.parsed ? this.validate(y, phasesFileSchema) : undefined;
      return plan && y ? { plan, yaml: y, at: ['phases'] } : fallback();
    }
    if (Array.isArray(p)) {
      const list = this.validate(kitYaml, kitPhaseListSchema, p, ['phases']);
      return list ? { plan: { plan: `${kf.name} plan`, phases: list }, yaml: kitYaml, at: ['phases'] } : fallback();
    }
    const plan = this.validate(kitYaml, kitPhasePlanSchema, p, ['phases']);
    return plan ? { plan, yaml: kitYaml, at: ['phases', 'phases'] } : fallback();
  }

  private problemFiles(kitYaml: YamlFile, problems: KitProblem[], sources: Source[]): void {
    let files = this.listed
      .filter((f) => f.path.startsWith(KIT_DEFAULT_FILES.problemsFolder) && f.path.toLowerCase().endsWith('.md'))
      // Shallow files first, so `problems/x.md` owns id x over `problems/old/x.md`.
      .sort((a, b) => depthOf(a.path) - depthOf(b.path) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const room = KIT_LIMITS.maxProblems - problems.length;
    if (files.length > room) {
      this.push(kitYaml.issueAt('kit-too-many-problems', '', `the kit has ${problems.length + files.length} problems; only the first ${KIT_LIMITS.maxProblems} are loaded`));
      files = files.slice(0, Math.max(0, room));
    }
    for (const f of files) this.problemFile(f.path, problems, sources);
  }

  private problemFile(file: string, problems: KitProblem[], sources: Source[]): void {
    const text = this.readText(file, false);
    if (text === undefined) return;
    const split = splitFrontMatter(text);
    if (split.error) {
      this.fileIssue(file, 'kit-front-matter', split.error.message, lineRange(split.error.line));
      return;
    }
    if (split.yaml === undefined) {
      this.fileIssue(file, 'kit-front-matter', 'has no front matter: a problem file starts with a "---" line, its fields (title, category, statement, ...) in YAML, and a closing "---" line', lineRange(0));
      return;
    }
    const y = new YamlFile(file, split.yaml, { lineOffset: split.yamlLine });
    this.take(y);
    if (!y.parsed) return;
    const fm = this.validate(y, problemFrontMatterSchema, y.data ?? undefined);
    if (!fm) return;
    const stem = lastSegment(file).replace(/\.md$/i, '');
    if (fm.id === undefined && !idSchema.safeParse(stem).success) {
      this.fileIssue(file, 'kit-id-mismatch', `the file name "${stem}" is not a lowercase-kebab-case id: rename the file or give an "id"`, lineRange(0));
      return;
    }
    const id = fm.id ?? stem;
    if (id !== stem) {
      // The file name is the problem's id everywhere (links, feedback, timer): a file claiming another is not loaded.
      this.push(y.issueAt('kit-id-mismatch', 'id', `"${fm.id}" must equal the file's name "${stem}" (problems/<id>.md); the problem is not loaded`));
      return;
    }
    problems.push({
      id,
      title: fm.title,
      category: fm.category,
      levels: fm.levels,
      tags: fm.tags,
      statement: fm.statement,
      deepDives: fm.deepDives,
      followUps: fm.followUps,
      signals: fm.signals,
      body: split.body,
      file,
      bodyLine: split.bodyLine,
    });
    // Keep the front matter's text, not its parsed document: thousands of documents would stay in
    // memory for the few findings a cross-check may locate.
    const yamlText = split.yaml;
    const yamlLine = split.yamlLine;
    let parsed: YamlFile | undefined;
    sources.push({ get yaml() { return (parsed ??= new YamlFile(file, yamlText, { lineOffset: yamlLine })); }, file, at: [] });
  }

  private rubric(y: YamlFile, kitVersion: string, file: string, needVersion = false): KitRubric | undefined {
    if (!y.parsed) return undefined;
    const r = this.validate(y, rubricFileSchema);
    if (!r) return undefined;
    const problems = checkRubric(r);
    for (const p of problems) this.push(y.issueAt('kit-invalid', p.field, p.message));
    if (problems.length) return undefined;
    if (needVersion && r.version === undefined) {
      this.push(y.issueAt('kit-rubric-version', '', 'an archived rubric needs its own "version", the one feedback written under it records'));
      return undefined;
    }
    return { rubric: r, version: r.version ?? kitVersion, fingerprint: rubricFingerprint(r), file };
  }

  private archivedRubrics(current: KitRubric | undefined): KitRubric[] {
    const out: KitRubric[] = [];
    const files = this.listed
      .filter((f) => f.path.startsWith(KIT_DEFAULT_FILES.rubricsFolder) && /\.(ya?ml|json)$/i.test(f.path))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
    for (const f of files) {
      const y = this.yamlFile(f.path, false);
      if (!y) continue;
      const kr = this.rubric(y, '', f.path, true);
      if (!kr) continue;
      const same = [current, ...out].find((r) => r?.version === kr.version);
      if (same) {
        this.push(y.issueAt('kit-rubric-version', 'version', `version "${kr.version}" is already the version of ${same.file || 'the built-in rubric'}`));
        continue;
      }
      out.push(kr);
    }
    return out;
  }

  // ---- cross-checks ----

  private crossCheck(
    kit: LoadedKit,
    src: { guideFile: string; outlineFile?: YamlFile; categorySources: Source[]; problemSources: Source[]; rubricYaml?: YamlFile; phases: { plan: PhasePlan; yaml?: YamlFile; at: PathKey[] } },
  ): void {
    const guide = kit.guide;
    const fallbackGuide = this.opts.builtIn?.guide;
    const section = (y: YamlFile | undefined, at: PathKey[], ref: string | undefined, g = guide, severity: KitIssue['severity'] = 'error') => {
      if (!y || !g || ref === undefined || ref === '' || g.find(ref)) return;
      this.push(y.issueAt('kit-unknown-section', pathText(at), `names no heading of ${g === guide ? src.guideFile : 'the built-in guide'}: "${ref}" (headings are joined with "${PATH_SEPARATOR}")`, severity));
    };
    // The guide's own messages name its file: keep them as they always read.

    if (kit.outline && src.outlineFile) {
      kit.outline.groups.forEach((g, gi) => {
        section(src.outlineFile, ['groups', gi, 'section'], g.section);
        g.items.forEach((it, ii) => section(src.outlineFile, ['groups', gi, 'items', ii, 'section'], it.section));
      });
      this.unique(src.outlineFile, 'groups', kit.outline.groups.map((g, i) => ({ id: g.id, at: ['groups', i, 'id'] })));
      this.unique(src.outlineFile, 'groups[].items', kit.outline.groups.flatMap((g, gi) => g.items.map((it, ii) => ({ id: it.id, at: ['groups', gi, 'items', ii, 'id'] as PathKey[] }))));
    }
    kit.categories.forEach((c, i) => { if (c.section) section(src.categorySources[i]?.yaml, [...src.categorySources[i].at, 'section'], c.section); });
    kit.problems.forEach((p, i) => { if (p.section) section(src.problemSources[i]?.yaml, [...src.problemSources[i].at, 'section'], p.section); });
    if (kit.rubric && src.rubricYaml) {
      kit.rubric.rubric.dimensions.forEach((d, i) => section(src.rubricYaml, ['dimensions', i, 'section'], d.section));
      kit.rubric.rubric.bands.forEach((b, i) => section(src.rubricYaml, ['bands', i, 'section'], b.section));
    }
    const ph = src.phases;
    if (ph.yaml) {
      const g = guide ?? fallbackGuide;
      ph.plan.phases.forEach((p, i) => p.guidance.forEach((ref, j) => section(ph.yaml, [...ph.at, i, 'guidance', j], ref, g, g === guide ? 'error' : 'warning')));
      this.unique(ph.yaml, pathText(ph.at), ph.plan.phases.map((p, i) => ({ id: p.id, at: [...ph.at, i, 'id'] })));
    }

    // Categories, per file they come from (the built-in `problems.json` keeps its message form).
    this.uniqueAcross('categories', kit.categories.map((c, i) => ({ id: c.id, src: src.categorySources[i] })));
    this.uniqueAcross('problems', kit.problems.map((p, i) => ({ id: p.id, src: src.problemSources[i] })), kit.problems);

    const categoryIds = new Set(kit.categories.map((c) => c.id));
    // Signals name a dimension by its id or by its note tag (`arch`).
    const dimensionIds = kit.rubric ? new Set(kit.rubric.rubric.dimensions.flatMap((d) => [d.id, dimensionTag(d)])) : undefined;
    const deepDive = kit.phases.phases.find((p) => p.deepDive);
    kit.problems.forEach((p, i) => {
      const s = src.problemSources[i];
      if (!s) return;
      if (!categoryIds.has(p.category)) {
        const known = [...categoryIds];
        const list = s.at.length || !known.length ? '' : ` (the kit's categories: ${known.join(', ')})`;
        this.push(s.yaml.issueAt('kit-unknown-category', pathText([...s.at, 'category']), `names no category: "${p.category}"${list}`));
      }
      const total = p.deepDives.reduce((sum, d) => sum + d.minutes, 0);
      if (deepDive && total > deepDive.minutes) {
        this.push(s.yaml.issueAt('kit-deep-dive-too-long', pathText([...s.at, 'deepDives']), `deep-dive areas take ${total} minutes, more than the ${deepDive.minutes}-minute "${deepDive.title}" phase`));
      }
      if (dimensionIds) {
        for (const dim of Object.keys(p.signals)) {
          if (dimensionIds.has(dim)) continue;
          this.push(s.yaml.issueAt('kit-unknown-dimension', pathText([...s.at, 'signals', dim]),
            `names no dimension of the rubric: "${dim}" (dimensions: ${kit.rubric!.rubric.dimensions.map((d) => d.id).join(', ')})`));
        }
      }
    });
  }

  /** Ids used more than once within one file: the old `field: id "x" is used more than once` form, at the repeat. */
  private unique(y: YamlFile, field: string, ids: { id: string; at: PathKey[] }[]): void {
    const seen = new Set<string>();
    const reported = new Set<string>();
    for (const { id, at } of ids) {
      if (!seen.has(id)) { seen.add(id); continue; }
      if (reported.has(id)) continue;
      reported.add(id);
      const issue = y.issueAt('kit-duplicate-id', field, `id "${id}" is used more than once`);
      issue.range = y.locate(at);
      this.push(issue);
    }
  }

  /**
   * Ids used more than once across the kit's files. Within one JSON/YAML file as `unique` does; a
   * problem file repeating an id gets the issue on its `id`, naming the first file. The repeat is dropped.
   */
  private uniqueAcross(field: string, entries: { id: string; src: Source | undefined }[], dropFrom?: unknown[]): void {
    const first = new Map<string, Source | undefined>();
    const reported = new Set<string>();
    const drop: number[] = [];
    entries.forEach(({ id, src }, i) => {
      if (!first.has(id)) { first.set(id, src); return; }
      drop.push(i);
      if (!src) return;
      const firstSrc = first.get(id);
      if (src.at.length && firstSrc?.file === src.file) {
        if (reported.has(`${src.file}\0${id}`)) return;
        reported.add(`${src.file}\0${id}`);
        const issue = src.yaml.issueAt('kit-duplicate-id', field, `id "${id}" is used more than once`);
        issue.range = src.yaml.locate([...src.at, 'id']);
        this.push(issue);
      } else {
        this.push(src.yaml.issueAt('kit-duplicate-id', pathText([...src.at, 'id']), `id "${id}" is used more than once (first in ${firstSrc?.file ?? 'the kit'})`));
      }
    });
    if (dropFrom) for (const i of drop.reverse()) dropFrom.splice(i, 1);
  }
}

// ---- helpers ----

function pathText(at: readonly PathKey[]): string {
  return at.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`)).join('');
}

function depthOf(p: string): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) if (p.charCodeAt(i) === 47) n++;
  return n;
}

function lineRange(line: number): KitRange {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function lastSegment(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? '';
}

function tooLarge(bytes: number): string {
  return `is ${(bytes / 1024 / 1024).toFixed(1)} MiB; a kit file may be at most ${KIT_LIMITS.maxFileBytes / 1024 / 1024} MiB`;
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** The line and character of the first byte that is not valid UTF-8 (characters counted as bytes on that line). */
export function firstInvalidUtf8(b: Uint8Array): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else break;
    let ok = i + n < b.length || n === 0;
    for (let k = 1; ok && k <= n; k++) ok = (b[i + k] & 0xc0) === 0x80;
    if (ok && n === 2) ok = !(c === 0xe0 && b[i + 1] < 0xa0) && !(c === 0xed && b[i + 1] > 0x9f);
    if (ok && n === 3) ok = !(c === 0xf0 && b[i + 1] < 0x90) && !(c === 0xf4 && b[i + 1] > 0x8f);
    if (!ok) break;
    if (c === 0x0a) { line++; lineStart = i + 1; }
    i += n + 1;
  }
  return { line, character: i - lineStart };
}

/**
 * What the guide panel shows for a problem: a built-in problem's guide section; a kit problem's
 * title, statement, levels and tags, body, deep dives with minutes and points, follow-ups, and
 * signals under each dimension's name.
 */
export function problemMarkdown(kit: LoadedKit, problem: KitProblem): string {
  if (problem.section !== undefined && kit.guide) {
    const s = kit.guide.section(problem.section);
    if (s) return s.markdown;
  }
  const out: string[] = [];
  let body = (problem.body ?? '').replace(/^\s+/, '');
  // A body that opens with its own title keeps it, above the facts and the statement.
  const title = /^#[ \t]+[^\n]*/.exec(body);
  out.push(title ? title[0].trimEnd() : `# ${problem.title}`, '');
  if (title) body = body.slice(title[0].length).replace(/^\s+/, '');
  const category = kit.categories.find((c) => c.id === problem.category);
  const facts = [
    category ? `**Category:** ${category.title}` : '',
    problem.levels.length ? `**Levels:** ${problem.levels.join(', ')}` : '',
    problem.tags.length ? `**Tags:** ${problem.tags.join(', ')}` : '',
  ].filter(Boolean);
  if (facts.length) out.push(facts.join(' · '), '');
  out.push(`> ${problem.statement.replace(/\n/g, '\n> ')}`, '');
  if (body.trim()) out.push(body.trimEnd(), '');
  if (problem.deepDives.length) {
    const total = problem.deepDives.reduce((s, d) => s + d.minutes, 0);
    out.push(`## Deep Dives (${total} minutes)`, '');
    problem.deepDives.forEach((d, i) => {
      out.push(`**${i + 1}. ${d.title} (${d.minutes} minutes)**`, '');
      for (const p of d.points) out.push(`- ${p}`);
      out.push('');
    });
  }
  if (problem.followUps.length) {
    out.push('## Follow-up Questions', '');
    for (const f of problem.followUps) out.push(`- ${f}`);
    out.push('');
  }
  const dims = kit.rubric?.rubric.dimensions ?? [];
  const signalDims = Object.keys(problem.signals);
  if (signalDims.length) {
    out.push('## Signals', '');
    const dimOf = (key: string) => dims.find((d) => d.id === key || dimensionTag(d) === key);
    const rank = (key: string) => { const d = dimOf(key); return d ? dims.indexOf(d) : dims.length; };
    const order = [...signalDims].sort((a, b) => rank(a) - rank(b));
    for (const id of order) {
      const s = problem.signals[id];
      const dim = dimOf(id);
      out.push(`### ${dim ? `${dim.name} (${dim.weight}%)` : id}`, '');
      if (s.strong.length) out.push('**Strong:**', '', ...s.strong.map((x) => `- ${x}`), '');
      if (s.weak.length) out.push('**Weak:**', '', ...s.weak.map((x) => `- ${x}`), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Every rubric of a kit, current first. */
export function kitRubrics(kit: LoadedKit): KitRubric[] {
  return [...(kit.rubric ? [kit.rubric] : []), ...kit.archivedRubrics];
}

/**
 * Reads and validates every file of `content/`. `read` returns a file's text (relative to
 * `content/`) and throws when it is missing. Throws `ContentError` listing every problem, each with
 * file and field: `content/` is the built-in kit, read by the same code as any kit.
 */
export function loadContent(read: (file: string) => string): GuideContent {
  return guideContentOf(loadBuiltInKit(callbackKitReader('content', read)));
}
