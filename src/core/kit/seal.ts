/**
 * The seal of a submitted feedback file. Submit writes into the record line (`./record`) when the
 * feedback was submitted and a digest of its content then:
 * `<!-- sdi-kit: kit=… rubric=… fingerprint=… submitted=<UTC ISO time> digest=sha256:<hex> -->`.
 * A file whose digest no longer matches was edited after it was submitted
 * (`feedback-edited-after-submit`).
 *
 * The digest is SHA-256 over the text with the record line's `submitted=` and `digest=` fields
 * taken out, a byte-order mark dropped and every line break read as LF: writing the seal does not
 * change it, nor does a checkout with CRLF line endings or an editor that hides the mark.
 */
import { createHash } from 'crypto';
import type { Range } from '../range';
import { readRubricRecord, RECORD_LINE, type RubricRecord, type Submission } from './record';

export type { Submission } from './record';

/** A sealed text, and the one edit that made it (on the record line, or a record line inserted first). */
export interface SealedFeedback {
  text: string;
  edit: { range: Range; newText: string };
  submitted: string;
  digest: string;
}

const SEAL_FIELDS = /(^|\s+)(?:submitted|digest)=\S*/g;

/** A time as the seal writes it: UTC, to the second (`2026-12-07T09:30:00Z`). */
export function submissionTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The digest of a feedback text (`sha256:<hex>`), as Submit writes it. */
export function feedbackDigest(text: string): string {
  return digestOf(text, readRubricRecord(text));
}

/** The seal of a feedback text; undefined when it was never submitted (no record line, or one without `submitted=`). */
export function submissionOf(text: string): Submission | undefined {
  const record = readRubricRecord(text);
  if (!record?.submitted) return undefined;
  return { submitted: record.submitted, edited: record.digest !== digestOf(text, record), range: record.range };
}

/**
 * The text sealed at `submitted` (see `submissionTime`): the record line gets its `submitted=` and
 * `digest=` fields (added, or replaced when it has them); the rest of the text is kept byte for byte.
 * A text without a record line gets `recordLine` (`rubricRecordLine` of the rubric it was checked
 * against, so it is checked the same way after) as its first line, where New Feedback writes it.
 */
export function sealFeedback(text: string, submitted: string, recordLine: string): SealedFeedback {
  const record = readRubricRecord(text);
  if (!record) {
    const eol = /\r\n?|\n/.exec(text)?.[0] ?? '\n';
    const digest = hash(`${lineWithSeal(recordLine)}${eol}${text}`);
    const newText = `${lineWithSeal(recordLine, seal(submitted, digest))}${eol}`;
    return { text: newText + text, edit: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText }, submitted, digest };
  }
  const [start, end] = lineSpan(text, record.range.start.line);
  const line = text.slice(start, end);
  const digest = hash(text.slice(0, start) + lineWithSeal(line) + text.slice(end));
  const newText = lineWithSeal(line, seal(submitted, digest));
  return { text: text.slice(0, start) + newText + text.slice(end), edit: { range: record.range, newText }, submitted, digest };
}

const seal = (submitted: string, digest: string) => `submitted=${submitted} digest=${digest}`;

/** The digest of a text whose record (if any) was read already. */
function digestOf(text: string, record: RubricRecord | undefined): string {
  if (!record) return hash(text);
  const [start, end] = lineSpan(text, record.range.start.line);
  return hash(text.slice(0, start) + lineWithSeal(text.slice(start, end)) + text.slice(end));
}

/** SHA-256 of a text without its seal fields, its mark, and with LF line breaks. */
function hash(unsealed: string): string {
  const body = unsealed.charCodeAt(0) === 0xfeff ? unsealed.slice(1) : unsealed;
  return `sha256:${createHash('sha256').update(body.replace(/\r\n?/g, '\n'), 'utf8').digest('hex')}`;
}

/** A record line without its seal fields, then with `sealFields` (if given) at the end of its fields. */
function lineWithSeal(line: string, sealFields?: string): string {
  const m = RECORD_LINE.exec(line);
  if (!m) return line;
  const fields = m[2].replace(SEAL_FIELDS, '');
  return `${m[1]}${fields}${sealFields ? ` ${sealFields}` : ''}${m[3]}`;
}

/** The start and end offsets of a line (its break excluded), counting `\r\n`, `\r` and `\n` as breaks as the record reader does. */
function lineSpan(text: string, line: number): [number, number] {
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let i = 0; i < line; i++) {
    const m = breaks.exec(text);
    if (!m) return [text.length, text.length];
    start = m.index + m[0].length;
  }
  const m = breaks.exec(text);
  return [start, m ? m.index : text.length];
}
