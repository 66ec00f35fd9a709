/**
 * The rubric record of a feedback file: an HTML comment on one of its first lines, which Markdown
 * does not show, naming the kit and rubric version the feedback was written under and a
 * fingerprint of what scoring read then:
 * `<!-- sdi-kit: kit=<kitId> rubric=<version> fingerprint=<8 hex> -->`. Submit adds the seal
 * (`submitted=<UTC ISO time> digest=sha256:<hex>`, see `./seal`).
 */
import type { Rubric } from '../content';
import type { Range } from '../range';
import { LINE_BREAK } from '../markdownLines';
import type { KitRubric } from './types';

/** What a feedback file's record line says. */
export interface RubricRecord {
  kit: string;
  version: string;
  fingerprint?: string;
  /** When the feedback was submitted (`submitted=`, as written); absent until Submit seals the file. */
  submitted?: string;
  /** The digest of the content when it was submitted (`digest=`, as written: `sha256:<hex>`). */
  digest?: string;
  /** The whole record line. */
  range: Range;
}

/** A submitted feedback file's seal, as read (`./seal`): when, whether the content changed since, and the record line. */
export interface Submission {
  /** The record's `submitted=` time, as written. */
  submitted: string;
  /** The content's digest is not the one written (or none is written). */
  edited: boolean;
  /** The whole record line. */
  range: Range;
}

/** How many lines from the top a record may sit on (a title or front matter may precede it). */
export const RECORD_SEARCH_LINES = 5;

/** A record line: its opening, its fields (`kit=… rubric=…`) and its closing, in three groups. */
export const RECORD_LINE = /^(\s*<!--\s*sdi-kit:\s*)(.*?)(\s*-->\s*)$/;

/** Reads the record among the first five lines of a feedback text; undefined when there is none (or it names no kit or version). */
export function readRubricRecord(text: string): RubricRecord | undefined {
  const head = text.length > 4096 ? text.slice(0, 4096) : text;
  // Most feedback has no record: the first five lines end by the fifth line feed at the latest.
  let end = -1;
  for (let i = 0; i < RECORD_SEARCH_LINES && end < head.length; i++) {
    end = head.indexOf('\n', end + 1);
    if (end < 0) end = head.length;
  }
  if (head.lastIndexOf('sdi-kit', end) < 0) return undefined;
  const lines = head.split(LINE_BREAK, RECORD_SEARCH_LINES);
  for (let i = 0; i < lines.length; i++) {
    const m = RECORD_LINE.exec(lines[i]);
    if (!m) continue;
    const fields = new Map<string, string>();
    for (const part of m[2].split(/\s+/)) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq), decode(part.slice(eq + 1)));
    }
    const kit = fields.get('kit');
    const version = fields.get('rubric');
    if (!kit || !version) return undefined;
    const fingerprint = fields.get('fingerprint');
    const submitted = fields.get('submitted');
    const digest = fields.get('digest');
    return {
      kit,
      version,
      ...(fingerprint && /^[0-9a-f]{8}$/.test(fingerprint) ? { fingerprint } : {}),
      ...(submitted ? { submitted } : {}),
      ...(digest ? { digest } : {}),
      range: { start: { line: i, character: 0 }, end: { line: i, character: lines[i].length } },
    };
  }
  return undefined;
}

/** The record line New Feedback writes first for a kit's rubric (no line break). */
export function rubricRecordLine(kitId: string, kitRubric: Pick<KitRubric, 'version' | 'fingerprint'>): string {
  return `<!-- sdi-kit: kit=${encode(kitId)} rubric=${encode(kitRubric.version)} fingerprint=${kitRubric.fingerprint} -->`;
}

// Versions are free text: white space, `=`, `%` and `>` (so no `-->`) are percent-encoded, one token per field.
function encode(s: string): string {
  return s.replace(/[\s=%>]/g, (c) => encodeURIComponent(c));
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A short hash of what scoring reads from a rubric: the scale, dimension ids and weights in order,
 * band ids and mins. Labels, descriptors and recommendation texts do not change it.
 * 8 hex digits of FNV-1a (32 bit) over a canonical JSON.
 */
export function rubricFingerprint(rubric: Pick<Rubric, 'scale' | 'dimensions' | 'bands'>): string {
  const canonical = JSON.stringify({
    scale: [rubric.scale.min, rubric.scale.max],
    dimensions: rubric.dimensions.map((d) => [d.id, d.weight]),
    bands: rubric.bands.map((b) => [b.id, b.min ?? null]),
  });
  let h = 0x811c9dc5;
  for (let i = 0; i < canonical.length; i++) {
    h ^= canonical.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
