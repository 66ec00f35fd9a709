/**
 * The documented diagnostic codes of the feedback checker. `docs/diagnostics.md` (held to it by
 * `test/unit/docs.test.ts`) and the editor's diagnostic links follow this one table; codes never change meaning.
 */
import type { FeedbackCode, FeedbackSeverity } from './types';

/** What a code means: its fixed severity and a one-line summary of when it is reported. */
export interface FeedbackCodeInfo {
  severity: FeedbackSeverity;
  summary: string;
  /** Whether the code comes from the contract table (false: added by this checker). */
  contract: boolean;
}

/** Every diagnostic code, in the order `docs/diagnostics.md` lists them. */
export const FEEDBACK_CODES: Readonly<Record<FeedbackCode, FeedbackCodeInfo>> = {
  'scores-block-missing': { severity: 'error', contract: true, summary: 'The document has no scores heading ("Scores (Weighted)" in the built-in template): a glob-matched file or a file given to the CLI.' },
  'score-missing': { severity: 'error', contract: true, summary: 'A rubric dimension has no score line in the scores block.' },
  'score-duplicate': { severity: 'error', contract: true, summary: 'A rubric dimension has more than one score line; the first is read.' },
  'score-invalid': { severity: 'error', contract: true, summary: 'A score is not an integer on the rubric scale (or a half point, when half points are allowed).' },
  'weight-mismatch': { severity: 'error', contract: true, summary: "The percentage written in a score line differs from the rubric's weight for that dimension." },
  'dimension-unknown': { severity: 'warning', contract: true, summary: 'A line of the scores block names no rubric dimension.' },
  'score-unfilled': { severity: 'information', contract: true, summary: 'A dimension still holds the score placeholder (such as `[1-4]`) or no score at all; one per dimension.' },
  'weighted-score-stale': { severity: 'warning', contract: true, summary: 'Every dimension is scored, and the written weighted score is missing or differs from the computed one by more than 0.005.' },
  'recommendation-multiple': { severity: 'error', contract: true, summary: 'More than one recommendation box is checked.' },
  'recommendation-mismatch': { severity: 'warning', contract: true, summary: 'The checked recommendation is not the band of the weighted score (nor a neighbouring band when the score is borderline).' },
  'recommendation-missing': { severity: 'information', contract: true, summary: 'Every dimension is scored and no recommendation is checked.' },
  'band-borderline': { severity: 'information', contract: true, summary: 'The weighted score lies in a gap between the printed bands (e.g. 3.45 or 2.75); either neighbouring recommendation is accepted.' },
  'checkbox-multiple': { severity: 'error', contract: true, summary: 'More than one box is checked in a single-choice group of the template (built-in: Production Experience Assessment; Collaboration & Leadership Indicators).' },
  'top-band-only-checked': { severity: 'warning', contract: true, summary: 'A box the template reserves for the top band (the built-in "Principal engineer track") is checked while the band is not the rubric\'s top band. Formerly `principal-track-without-strong-hire`.' },
  'field-unfilled': { severity: 'information', contract: true, summary: 'A header field still holds its placeholder (`[Name]`, `[Date]`, ...) or is empty; no other check reads it.' },
  'date-invalid': { severity: 'warning', contract: true, summary: 'The date field (Date in the built-in template) is filled but is not a real `YYYY-MM-DD` date.' },
  'experience-below-bar': { severity: 'information', contract: true, summary: "The experience field (Years of Experience) is a number below the rubric's senior bar (`seniorBarYears`; not checked when the rubric has none)." },
  'scores-block-duplicate': { severity: 'warning', contract: false, summary: 'A second scores heading in the same feedback; only the first block is read.' },
  'score-scale-mismatch': { severity: 'warning', contract: false, summary: 'A score is written out of another scale (e.g. `3 / 5`) than the rubric\'s maximum.' },
  'date-future': { severity: 'information', contract: false, summary: 'The date field lies after today.' },
  'rubric-unknown': { severity: 'error', contract: false, summary: 'The feedback records a kit or rubric version this workspace does not have; it is not scored.' },
  'kit-rubric-invalid': { severity: 'error', contract: false, summary: "The workspace kit's rubric file does not load (a YAML or schema error): a feedback that would be checked against it is not checked, against no other rubric either." },
  'rubric-changed': { severity: 'warning', contract: false, summary: "The kit's rubric changed without a new version since the feedback was written; scores may differ from then." },
  'score-without-evidence': { severity: 'information', contract: true, summary: "A dimension is scored at the scale's top or bottom and no note of the `## Interview Notes` section is tagged to it (`+scale`, `-scale`, `#scale`). Only in a document with a notes section; `sdi.feedback.evidence: false` turns it off. In the editor only." },
  'unknown-note-tag': { severity: 'information', contract: true, summary: 'A note holds a tag-shaped token (`+`, `-` or `#` and letters, such as `+scaled` or `#todo`) that names no tag of the rubric (`arch`, `scale`, `dist`, `prod`, `comm` in the built-in one). In the editor only.' },
  'feedback-edited-after-submit': { severity: 'warning', contract: true, summary: 'The feedback was submitted (its record line holds `submitted=` and `digest=`) and its content changed since: the digest no longer matches. Submit it again (or undo the change) to clear it.' },
};

/** Old names of codes, each documented beside the code it became; diagnostics carry only the new name. */
export const FEEDBACK_CODE_ALIASES: Readonly<Record<string, FeedbackCode>> = {
  'principal-track-without-strong-hire': 'top-band-only-checked',
};

/** The codes, in table order. */
export const FEEDBACK_CODE_LIST = Object.keys(FEEDBACK_CODES) as FeedbackCode[];
