/**
 * Which rubric a feedback text is checked against: the kit and version its record line names
 * (current or archived), else the workspace's kit, else the built-in guide's. Editing a kit's
 * weights never silently re-grades feedback recorded under an older version.
 */
import type { FeedbackDiagnostic } from '../feedback/types';
import { readRubricRecord, type RubricRecord } from './record';
import type { KitIssue, KitRubric, LoadedKit } from './types';

/**
 * The answer: the kit and rubric to use (with a `rubric-changed` warning when it drifted), or the
 * error that stands for the checks: `rubric-unknown`, or `kit-rubric-invalid` while the kit's rubric
 * file does not load (the built-in rubric never stands in for it).
 */
export type RubricResolution =
  | { kit: LoadedKit; rubric: KitRubric; record?: RubricRecord; warning?: FeedbackDiagnostic; error?: undefined }
  | { error: FeedbackDiagnostic; record?: RubricRecord; kit?: undefined; rubric?: undefined; warning?: undefined };

const TOP: FeedbackDiagnostic['range'] = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Resolves the rubric for a feedback text. `kits` holds every loaded kit (the built-in one
 * included); `workspaceKit` is the kit of the document's workspace folder, if any.
 */
export function resolveRubric(text: string, kits: readonly LoadedKit[], workspaceKit?: LoadedKit): RubricResolution {
  const record = readRubricRecord(text);
  if (!record) {
    const kit = workspaceKit ?? kits.find((k) => k.builtIn);
    if (!kit) return { error: unknown(TOP, 'No kit is loaded: the feedback cannot be scored') };
    if (!kit.rubric) {
      if (kit.rubricError) return { error: kitRubricInvalid(TOP, kit, kit.rubricError) };
      return { error: unknown(TOP, `The rubric of kit "${kit.name}" could not be loaded (see the kit's diagnostics); the feedback is not scored`) };
    }
    return { kit, rubric: kit.rubric };
  }
  const kit = kits.find((k) => k.id === record.kit);
  if (!kit) {
    return { record, error: unknown(record.range, `This feedback was written with kit "${record.kit}", which this workspace does not have; it is not scored`) };
  }
  const rubrics = [...(kit.rubric ? [kit.rubric] : []), ...kit.archivedRubrics];
  const found = rubrics.find((r) => r.version === record.version);
  // The version may be the current rubric's, which does not load: say so rather than that the version is unknown.
  if (!found && kit.rubricError) return { record, error: kitRubricInvalid(record.range, kit, kit.rubricError) };
  if (!found) {
    const known = rubrics.map((r) => r.version);
    return {
      record,
      error: unknown(record.range, `Kit "${kit.name}" has no rubric version "${record.version}"` +
        (known.length ? ` (it has ${known.map((v) => `"${v}"`).join(', ')}); add it to the kit's rubrics/ folder` : ' (its rubric could not be loaded)') +
        '; the feedback is not scored'),
    };
  }
  if (record.fingerprint && record.fingerprint !== found.fingerprint) {
    return {
      kit,
      rubric: found,
      record,
      warning: {
        code: 'rubric-changed',
        severity: 'warning',
        message: `The kit's rubric changed without a new version ("${found.version}"); scores may differ from when this was written`,
        range: record.range,
      },
    };
  }
  return { kit, rubric: found, record };
}

/** What the editor's CodeLens and the reader of a report see first for a feedback `kit-rubric-invalid` left unchecked. */
export const KIT_RUBRIC_INVALID_TITLE = "Not checked: the kit's rubric has errors";

/** `rubric.yaml:12`: a kit issue's file and 1-based line. */
export function kitIssuePlace(issue: Pick<KitIssue, 'file' | 'range'>): string {
  return issue.range ? `${issue.file}:${issue.range.start.line + 1}` : issue.file;
}

function kitRubricInvalid(range: FeedbackDiagnostic['range'], kit: LoadedKit, issue: KitIssue): FeedbackDiagnostic {
  const place = kitIssuePlace(issue);
  return {
    code: 'kit-rubric-invalid',
    severity: 'error',
    message: `${KIT_RUBRIC_INVALID_TITLE} (${place}: ${issue.message}); fix kit "${kit.name}" and this feedback is checked against its rubric again`,
    range,
    related: [{ path: kit.root ? `${kit.root}/${issue.file}` : issue.file, ...(issue.range ? { range: issue.range } : {}), message: `${place}: ${issue.message}` }],
  };
}

function unknown(range: FeedbackDiagnostic['range'], message: string): FeedbackDiagnostic {
  return { code: 'rubric-unknown', severity: 'error', message, range };
}
