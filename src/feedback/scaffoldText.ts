/**
 * The text side of "Interview: New Feedback": the file name and the template with its header
 * fields filled in. Plain TypeScript (no `vscode`), so it behaves the same in every host.
 */
import { candidateFileStem } from '../core/fileName';
import { candidateSlug } from '../core/slug';

/** What the interviewer chose to pre-fill; a field left undefined keeps the template's placeholder. */
export interface FeedbackFields {
  candidate?: string;
  interviewer?: string;
  /** `YYYY-MM-DD`. */
  date?: string;
  problemTitle?: string;
}

/** The template's header labels of the fields New Feedback fills (from the kit's template spec); a field the template lacks has none. */
export type FeedbackFieldLabels = Partial<Record<keyof FeedbackFields, string>>;

/** A file-name stem of a candidate's name that keeps its letters in any script (in `../core/fileName`); the older ASCII slug (`../core/slug`). */
export { candidateFileStem, candidateSlug };

/**
 * The n-th file name for a candidate and day: `2026-11-27-ada-lovelace.md`, then `…-2.md`, `…-3.md`.
 * The name keeps its letters (`2026-11-27-王伟.md`, `2026-11-27-алексей.md`); only what a file
 * system refuses is replaced (`candidateFileStem`).
 */
export function feedbackFileName(date: string, candidate: string, n: number): string {
  return `${date}-${candidateFileStem(candidate)}${n > 1 ? `-${n}` : ''}.md`;
}

/**
 * The template with each requested header field's value replaced. Only a line of the form
 * `**Label:** value` in the header (before the first `###` heading) is touched, and only its value;
 * line endings and everything else stay as the template has them. `records` (the rubric record
 * line, then the loop line when there is one) go first, in the template's line ending.
 */
export function fillTemplate(template: string, fields: FeedbackFields, labels: FeedbackFieldLabels, records: readonly string[] = []): string {
  const lines = template.split('\n');
  const wanted = new Map<string, string>();
  for (const [key, label] of Object.entries(labels) as [keyof FeedbackFields, string | undefined][]) {
    if (!label) continue;
    const v = fields[key]?.replace(/[\r\n]+/g, ' ').trim();
    if (v) wanted.set(label.toLowerCase(), v);
  }
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*#{3,}\s/.test(lines[i])) break;
    const m = /^(\s*\*\*([^*:]+):\*\*[ \t]*)(.*?)(\r?)$/.exec(lines[i]);
    if (!m) continue;
    const v = wanted.get(m[2].trim().toLowerCase());
    if (v !== undefined) lines[i] = `${m[1]}${v}${m[4]}`;
  }
  const text = lines.join('\n');
  if (!records.length) return text;
  const eol = /\r\n/.test(template) ? '\r\n' : '\n';
  return `${records.join(eol)}${eol}${text}`;
}
