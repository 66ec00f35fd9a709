/**
 * The line-level reading of Markdown that the feedback checker needs: line breaks, code fences and
 * ATX headings (from `../markdownLines`, the core's one reading of them), `**Label:** value` fields,
 * `- [ ] text` boxes and `Name (30%): 3 / 4` score lines, each with the exact range of every part.
 * Knows nothing of any template or rubric; the parser and the template reader are both built on it.
 */
import { atxHeading } from '../markdownLines';
import { normalizeName } from './names';
import type { ParsedCheckbox, ParsedField, ParsedScoreLine, Range } from './types';

// Line breaks and fences are read by the core's one Markdown line reader; the feedback readers import them from here.
export { documentLines, eolOf, firstNonSpace, nextFence } from '../markdownLines';

export const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

/** How the line readers make the ranges of what they read. */
export type RangeOf = (line: number, start: number, end: number) => Range;

/** One range for every place, frozen, for a reader whose caller reads no position (a calibration row counts its checks' findings). */
export const NO_RANGE: Range = Object.freeze({ start: Object.freeze({ line: 0, character: 0 }), end: Object.freeze({ line: 0, character: 0 }) });

/** A RangeOf that makes no range: NO_RANGE everywhere (a report over thousands of files made five per score line). */
export const noRange: RangeOf = () => NO_RANGE;

export const isSpace = (c: number) => c === 32 || c === 9;
export const isEmphasis = (c: number) => c === 42 /* * */ || c === 95; /* _ */

// s[from, to) with spaces (and emphasis markers) trimmed from both ends is [trimmedStart(s, from, to),
// trimmedEnd(s, start, to)): two numbers rather than a pair, which a report over thousands of files
// would allocate several times per line.

/** Where s[from, to) starts once spaces (and, with `emphasis`, emphasis markers) are trimmed from its start. */
export function trimmedStart(s: string, from: number, to: number, emphasis = true): number {
  while (from < to && (isSpace(s.charCodeAt(from)) || (emphasis && isEmphasis(s.charCodeAt(from))))) from++;
  return from;
}

/** Where s[from, to) ends once spaces (and, with `emphasis`, emphasis markers) are trimmed from its end (never before from). */
export function trimmedEnd(s: string, from: number, to: number, emphasis = true): number {
  while (to > from && (isSpace(s.charCodeAt(to - 1)) || (emphasis && isEmphasis(s.charCodeAt(to - 1))))) to--;
  return to;
}

/** The normalized text (and the text as written) of an ATX heading (see `atxHeading`), or undefined when the line is not one. */
export function headingOf(line: string, normalize: (name: string) => string = normalizeName): { level: number; text: string; raw: string } | undefined {
  const h = atxHeading(line);
  return h && { level: h.level, text: normalize(h.text), raw: h.text };
}

/** Reads `Name (30%): 3 / 4` leniently; undefined when the line is not one. */
export function parseScoreLine(line: string, lineNo: number, requireListOrWeight = true, rangeOf: RangeOf = range): ParsedScoreLine | undefined {
  if (typeof line !== 'string') return undefined;
  const colon = line.indexOf(':');
  if (colon < 0) return undefined;
  let i = 0;
  const n = line.length;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  let listItem = false;
  const c = line.charCodeAt(i);
  if ((c === 45 || c === 42 || c === 43) && i + 1 < n && isSpace(line.charCodeAt(i + 1))) {
    listItem = true;
    i += 2;
  } else if (c >= 48 && c <= 57) {
    let j = i;
    while (j < n && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    const d = line.charCodeAt(j);
    if ((d === 46 || d === 41) && j + 1 < n && isSpace(line.charCodeAt(j + 1))) {
      listItem = true;
      i = j + 2;
    }
  }
  if (colon < i) return undefined;
  // The head "Name (30%)" runs to the colon; a weight is the last parenthesised part of it.
  const open = line.lastIndexOf('(', colon);
  let nameEnd = colon;
  let weightText: string | undefined;
  let weightRange: Range | undefined;
  if (open >= i) {
    const close = line.indexOf(')', open);
    if (close > open && close < colon) {
      nameEnd = open;
      const ws = trimmedStart(line, open + 1, close, false);
      const we = trimmedEnd(line, ws, close, false);
      weightText = line.slice(ws, we);
      weightRange = rangeOf(lineNo, ws, we);
    }
  }
  if (requireListOrWeight && !listItem && weightText === undefined) return undefined;
  const ns = trimmedStart(line, i, nameEnd);
  const ne = trimmedEnd(line, ns, nameEnd);
  if (ns === ne) return undefined;
  // The value: "3 / 4", "3/4", "3", "**3** / 4", "[1-4] / 4"; the score is left of the first "/" outside brackets.
  let slash = -1;
  let depth = 0;
  for (let j = colon + 1; j < n; j++) {
    const ch = line.charCodeAt(j);
    if (ch === 91) depth++;
    else if (ch === 93) depth = Math.max(0, depth - 1);
    else if (ch === 47 && depth === 0) {
      slash = j;
      break;
    }
  }
  const vs = trimmedStart(line, colon + 1, slash < 0 ? n : slash);
  const ve = trimmedEnd(line, vs, slash < 0 ? n : slash);
  const parsed: ParsedScoreLine = {
    line: lineNo,
    lineRange: rangeOf(lineNo, 0, n),
    listItem,
    name: line.slice(ns, ne),
    nameRange: rangeOf(lineNo, ns, ne),
    valueText: line.slice(vs, ve),
    valueRange: rangeOf(lineNo, vs, ve),
  };
  if (weightText !== undefined) {
    parsed.weightText = weightText;
    parsed.weightRange = weightRange;
  }
  if (slash >= 0) {
    const os = trimmedStart(line, slash + 1, n);
    const oe = trimmedEnd(line, os, n);
    parsed.outOfText = line.slice(os, oe);
    parsed.outOfRange = rangeOf(lineNo, os, oe);
  }
  return parsed;
}

/** Whether a UTF-16 code unit is white space or a line terminator to String.prototype.trim. */
function isTrimSpace(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Whether a UTF-16 code unit is a line terminator, which `.` in a regular expression does not match. */
const isLineTerminator = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

/**
 * Where FIELD would match `line` with its opening emphasis at `open`: the end of the label (the first
 * `*` or `_` after the opening, which must begin a closing `**` or `__`), or -1.
 */
function fieldLabelEnd(line: string, open: number): number {
  const a = line.charCodeAt(open);
  if (!((a === 42 || a === 95) && line.charCodeAt(open + 1) === a)) return -1;
  let p = open + 2;
  const n = line.length;
  while (p < n && !isEmphasis(line.charCodeAt(p))) p++;
  if (p >= n) return -1;
  const c = line.charCodeAt(p);
  if (line.charCodeAt(p + 1) !== c) return -1;
  for (let k = p + 2; k < n; k++) if (isLineTerminator(line.charCodeAt(k))) return -1;
  return p;
}

export function parseField(line: string, lineNo: number, rangeOf: RangeOf = range): ParsedField | undefined {
  // What FIELD (/^([ \t]*(?:[-*+][ \t]+)?)(\*\*|__)([^*_]*?)(\*\*|__)(.*)$/) matches, found by hand:
  // a match array and five strings per line otherwise. Leading spaces, then a list marker and its
  // spaces when there is one (a marker followed by a space is no opening `**` or `__`, so FIELD's
  // other choice, without the marker, never matches then). `fieldMatch` in the tests holds this to FIELD.
  let open = 0;
  const n = line.length;
  while (open < n && isSpace(line.charCodeAt(open))) open++;
  const marker = line.charCodeAt(open);
  if ((marker === 45 || marker === 42 || marker === 43) && isSpace(line.charCodeAt(open + 1))) {
    open++;
    while (open < n && isSpace(line.charCodeAt(open))) open++;
  }
  const labelEnd = fieldLabelEnd(line, open);
  if (labelEnd < 0) return undefined;
  const labelStart = open + 2;
  let restStart = labelEnd + 2;
  // The label without white space at its end; a colon there ends it, else one must open the rest.
  let innerEnd = labelEnd;
  while (innerEnd > labelStart && isTrimSpace(line.charCodeAt(innerEnd - 1))) innerEnd--;
  let labelTo: number;
  if (innerEnd > labelStart && line.charCodeAt(innerEnd - 1) === 58) labelTo = innerEnd - 1;
  else {
    let lead = restStart;
    while (lead < n && isTrimSpace(line.charCodeAt(lead))) lead++;
    if (line.charCodeAt(lead) !== 58) return undefined;
    restStart = lead + 1;
    labelTo = labelEnd;
  }
  const ls = trimmedStart(line, labelStart, labelTo, false);
  const le = trimmedEnd(line, ls, labelTo, false);
  if (ls === le) return undefined;
  const vs = trimmedStart(line, restStart, n, false);
  const ve = trimmedEnd(line, vs, n, false);
  const value = line.slice(vs, ve);
  return {
    label: line.slice(ls, le),
    role: 'other',
    line: lineNo,
    labelRange: rangeOf(lineNo, ls, le),
    value,
    valueRange: rangeOf(lineNo, vs, ve),
    placeholder: value.length > 1 && value.charCodeAt(0) === 91 && value.charCodeAt(value.length - 1) === 93 && value.indexOf(']') === value.length - 1,
  };
}

export function parseCheckbox(line: string, lineNo: number, rangeOf: RangeOf = range): ParsedCheckbox | undefined {
  // `- [ ] text`, `* [x] text`, `1. [X] text`: a list marker, white space, a box with at most one x.
  const n = line.length;
  let i = 0;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) i++;
  else {
    const d = i;
    while (i < n && i - d < 9 && line.charCodeAt(i) >= 48 && line.charCodeAt(i) <= 57) i++;
    if (i === d || (line.charCodeAt(i) !== 46 && line.charCodeAt(i) !== 41)) return undefined;
    i++;
  }
  const afterMarker = i;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  if (i === afterMarker || line.charCodeAt(i) !== 91) return undefined;
  const bs = i++;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  let checked = false;
  if (line.charCodeAt(i) === 120 || line.charCodeAt(i) === 88) {
    checked = true;
    i++;
    while (i < n && isSpace(line.charCodeAt(i))) i++;
  }
  if (line.charCodeAt(i) !== 93) return undefined;
  const be = i + 1;
  const ts = trimmedStart(line, be, n, false);
  const te = trimmedEnd(line, ts, n, false);
  return { line: lineNo, checked, boxRange: rangeOf(lineNo, bs, be), text: line.slice(ts, te), textRange: rangeOf(lineNo, ts, te) };
}

