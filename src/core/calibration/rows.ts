/**
 * Rows of the calibration report: one per feedback (scores block) of a feedback document, read
 * with the same parser and checks as the editor and the CLI, against the rubric the document
 * resolves to (its record line's kit and version, else the workspace kit, else the built-in one).
 */
import { FEEDBACK_CODES } from '../feedback/codes';
import { isRealDate } from '../format';
import { compileRubric, type CompiledRubric } from '../feedback/compiled';
import { notesOfFeedbacks, tagCountsOfFeedbacks } from '../feedback/evidence';
import { isFeedbackDocument, parseFeedback } from '../feedback/parse';
import { kitTemplateSpec } from '../feedback/template';
import type { FeedbackCode, FeedbackOptions, ParsedFeedbackPart } from '../feedback/types';
import { analyzeFeedback, silenceUnder, validateParsed } from '../feedback/validate';
import { resolveRubric } from '../kit/rubricSource';
import type { KitRubric, LoadedKit } from '../kit/types';
import { normalizeKey } from '../personName';
import type { CalibrationRow, ResolvedRubric, RowEvidence, RubricInfo, RubricResolver } from './types';

const BOM = '\uFEFF';

export { normalizeKey, shownName } from '../personName';

/** `builtin@1`: the kit id and rubric version a row was scored with. */
export function rubricKeyOf(kitId: string, version: string): string {
  return `${kitId}@${version}`;
}

/**
 * The resolver the CLI and the editor use: the rubric `resolveRubric` picks for a text (its
 * record line's kit and version, else `workspaceKit`, else the built-in kit among `kits`),
 * compiled once per kit rubric.
 */
export function kitRubricResolver(kits: readonly LoadedKit[], workspaceKit?: LoadedKit, options: { allowHalfPoints?: boolean } = {}): RubricResolver {
  // One answer per kit rubric, shared by every text without a warning.
  const answers = new Map<KitRubric, ResolvedRubric & { error?: undefined }>();
  return (text: string): ResolvedRubric => {
    const r = resolveRubric(text, kits, workspaceKit);
    if (r.error) {
      // Without a record line only a feedback document would be read with the kit's rubric; other Markdown is no file "not read".
      const notFeedback = r.error.code === 'kit-rubric-invalid' && !r.record && !!workspaceKit && !isFeedbackDocument(text, kitTemplateSpec(workspaceKit));
      return notFeedback ? { error: r.error.message, notFeedback } : { error: r.error.message };
    }
    let a = answers.get(r.rubric);
    if (!a) {
      const rubric = compileRubric(r.rubric.rubric, kitTemplateSpec(r.kit));
      answers.set(r.rubric, (a = { rubric, rubricKey: rubricKeyOf(r.kit.id, r.rubric.version), allowHalfPoints: options.allowHalfPoints, warning: undefined }));
    }
    return r.warning ? { rubric: a.rubric, rubricKey: a.rubricKey, allowHalfPoints: a.allowHalfPoints, warning: r.warning } : a;
  };
}

/** What the report shows of a compiled rubric (dimension names and weights, scale, bands). */
export function rubricInfo(key: string, rubric: CompiledRubric): RubricInfo {
  const known = infos.get(rubric);
  if (known && known.key === key) return known;
  const info: RubricInfo = {
    key,
    dimensions: rubric.dimensions.map((d) => ({ id: d.id, name: d.name, weight: d.weight })),
    scale: { min: rubric.scale.min, max: rubric.scale.max },
    bands: rubric.bands.map((b) => ({ id: b.id, label: b.label, min: b.min ?? null })),
  };
  infos.set(rubric, info);
  return info;
}
const infos = new WeakMap<CompiledRubric, RubricInfo>();

/** What the report shows of a kit's rubric (for a loop whose candidate has no feedback yet); undefined when the rubric does not load. */
export function kitRubricInfo(kit: LoadedKit): RubricInfo | undefined {
  return kit.rubric ? rubricInfo(rubricKeyOf(kit.id, kit.rubric.version), compileRubric(kit.rubric.rubric, kitTemplateSpec(kit))) : undefined;
}


/**
 * A row counts errors and warnings only: the checks of information codes (unfilled scores and fields,
 * borderline bands, …) are not run for rows, which saves their fixes' work on every file.
 */
const ROW_SEVERITIES: FeedbackOptions['severities'] = Object.fromEntries(
  (Object.keys(FEEDBACK_CODES) as FeedbackCode[]).filter((c) => FEEDBACK_CODES[c].severity === 'information').map((c) => [c, 'off' as const]),
);

/** Whether the rules report nothing on a feedback under the rows' severities. */
const isSilentRow = silenceUnder(ROW_SEVERITIES);

/** The header values of one feedback: the first filled field of each role. */
function headerOf(part: ParsedFeedbackPart, normalize: (s: string) => string) {
  let candidate = '';
  let interviewer = '';
  let date: string | null = null;
  let problem: string | null = null;
  let level: string | null = null;
  for (const f of part.fields) {
    if (f.placeholder || f.value === '') continue;
    switch (f.role) {
      case 'candidate':
        if (!candidate) candidate = f.value;
        break;
      case 'interviewer':
        if (!interviewer) interviewer = f.value;
        break;
      case 'date':
        if (date === null && isRealDate(f.value)) date = f.value;
        break;
      case 'problem':
        if (problem === null) problem = f.value;
        break;
      default:
        if (level === null && normalize(f.label) === 'level') level = f.value;
    }
  }
  return { candidate, interviewer, date, problem, level };
}

/**
 * A copy of a string cut from a document's text: V8 keeps a piece of 13 characters or more cut with
 * `slice` as a view of the whole text, and a row outlives its file's text (a report holds thousands).
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/**
 * The rows of one file: one per scores block, none when the text is no feedback document
 * (no scores heading). `error` (and no rows) when no rubric can be resolved for it. Never throws.
 * With `evidence`, each row also carries the evidence of the interview notes that belong to its
 * feedback, per dimension: the tag counts, and with `'notes'` the notes themselves (the debrief shows
 * them; the report does not read them). Counts alone keep 10,000 rows' notes out of memory.
 */
export function feedbackRows(file: string, text: string, resolve: RubricResolver, options: { evidence?: 'counts' | 'notes' } = {}): { rows: CalibrationRow[]; error?: string; rubric?: RubricInfo } {
  if (typeof text !== 'string') return { rows: [], error: 'not a text' };
  if (text.startsWith(BOM)) text = text.slice(1);
  const resolved = resolve(text);
  if (resolved.error !== undefined) return resolved.notFeedback ? { rows: [] } : { rows: [], error: resolved.error };
  const rubric = resolved.rubric;
  const template = rubric.template;
  // Most Markdown files of a repository are no feedback: one regular-expression scan says so.
  if (!template.quick.test(text)) return { rows: [] };
  const allowHalfPoints = resolved.allowHalfPoints === true;
  const extraWarnings = resolved.warning ? 1 : 0;
  const doc = parseFeedback(text, rubric);
  if (!doc.parts.some((p) => p.scoresHeading)) return { rows: [] };
  const single = doc.parts.length === 1;
  // Most files hold one feedback that no rule reports on, as its facts show: the rules need not run.
  const facts = single ? analyzeFeedback(rubric, doc, doc.parts[0], { allowHalfPoints }) : undefined;
  const v = facts && isSilentRow(facts) ? undefined : validateParsed(doc, rubric, { allowHalfPoints, severities: ROW_SEVERITIES });
  // The notes themselves only when asked for: counts alone keep a repository's notes out of memory.
  const evidence: RowEvidence[] | undefined = options.evidence === 'notes' ? notesOfFeedbacks(text, doc, rubric.dimensions).evidence : options.evidence === 'counts' ? tagCountsOfFeedbacks(text, doc, rubric.dimensions) : undefined;
  const rows: CalibrationRow[] = [];
  const submitted = doc.submission ? detached(doc.submission.submitted) : null;
  const editedAfterSubmit = doc.submission?.edited === true;
  doc.parts.forEach((part, partIndex) => {
    if (!part.scoresHeading) return;
    let errors = 0;
    let warnings = extraWarnings;
    for (const d of v?.diagnostics ?? []) {
      const l = d.range.start.line;
      if (!single && (l < part.startLine || l >= part.endLine)) continue;
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
    const summary = v ? v.feedbacks[partIndex] : facts!.summary;
    const h = headerOf(part, template.normalize);
    const scores: Record<string, number | null> = {};
    for (const s of summary.scores) scores[s.dimension] = s.score;
    const candidate = detached(h.candidate);
    rows.push({
      file,
      index: rows.length,
      line: part.scoresHeading.start.line,
      candidate,
      candidateKey: normalizeKey(candidate),
      interviewer: detached(h.interviewer),
      date: h.date === null ? null : detached(h.date),
      problem: h.problem === null ? null : detached(h.problem),
      level: h.level === null ? null : detached(h.level),
      rubricKey: resolved.rubricKey,
      scores,
      weightedScore: summary.weightedScore,
      band: summary.band,
      recommendation: summary.recommendation,
      errors,
      warnings,
      submitted,
      editedAfterSubmit,
      ...(evidence ? { evidence: evidence[partIndex] } : {}),
    });
  });
  return { rows, rubric: rubricInfo(resolved.rubricKey, rubric) };
}
