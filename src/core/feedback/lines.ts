/**
 * The line-level reading of Markdown that the feedback checker needs: line breaks, code fences and
 * ATX headings (from `../markdownLines`, the core's one reading of them), `**Label:** value` fields,
 * `- [ ] text` boxes and `Name (30%): 3 / 4` score lines, each with the exact range of every part.
 * Knows nothing of any template or rubric; the parser and the template reader are both built on it.
 */
import { atxHeading } from '../markdownLines';
import { normalizeName } from './names';
import { range, type Range } from '../range';
import type { ParsedCheckbox, ParsedField, ParsedScoreLine } from './parsed';

// Line breaks and fences are read by the core's one Markdown line reader; the feedback readers import them from here.
export { documentLines, eolOf, firstNonSpace, lineStart, nextFence } from '../markdownLines';

const FIELD = /^([ \t]*(?:[-*+][ \t]+)?)(\*\*|__)([^*_]*?)(\*\*|__)(.*)$/;

export { range } from '../range';

export const isSpace = (c: number) => c === 32 || c === 9;
export const isEmphasis = (c: number) => c === 42 /* * */ || c === 95; /* _ */

/** [start, end) of s[from, to) with spaces (and, with `emphasis`, emphasis markers) trimmed from both ends. */
export function trimmed(s: string, from: number, to: number, emphasis = true): [number, number] {
  while (from < to && (isSpace(s.charCodeAt(from)) || (emphasis && isEmphasis(s.charCodeAt(from))))) from++;
  while (to > from && (isSpace(s.charCodeAt(to - 1)) || (emphasis && isEmphasis(s.charCodeAt(to - 1))))) to--;
  return [from, to];
}

/** The normalized text (and the text as written) of an ATX heading (see `atxHeading`), or undefined when the line is not one. */
export function headingOf(line: string, normalize: (name: string) => string = normalizeName): { level: number; text: string; raw: string } | undefined {
  const h = atxHeading(line);
  return h && { level: h.level, text: normalize(h.text), raw: h.text };
}

/** Reads `Name (30%): 3 / 4` leniently; undefined when the line is not one. */
export function parseScoreLine(line: string, lineNo: number, requireListOrWeight = true): ParsedScoreLine | undefined {
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
      const [ws, we] = trimmed(line, open + 1, close, false);
      weightText = line.slice(ws, we);
      weightRange = range(lineNo, ws, we);
    }
  }
  if (requireListOrWeight && !listItem && weightText === undefined) return undefined;
  const [ns, ne] = trimmed(line, i, nameEnd);
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
  const [vs, ve] = trimmed(line, colon + 1, slash < 0 ? n : slash);
  const parsed: ParsedScoreLine = {
    line: lineNo,
    lineRange: range(lineNo, 0, n),
    listItem,
    name: line.slice(ns, ne),
    nameRange: range(lineNo, ns, ne),
    valueText: line.slice(vs, ve),
    valueRange: range(lineNo, vs, ve),
  };
  if (weightText !== undefined) {
    parsed.weightText = weightText;
    parsed.weightRange = weightRange;
  }
  if (slash >= 0) {
    const [os, oe] = trimmed(line, slash + 1, n);
    parsed.outOfText = line.slice(os, oe);
    parsed.outOfRange = range(lineNo, os, oe);
  }
  return parsed;
}

export function parseField(line: string, lineNo: number): ParsedField | undefined {
  const m = FIELD.exec(line);
  if (!m) return undefined;
  let label = m[3];
  const rest = m[5];
  let restStart = m[1].length + m[2].length + m[3].length + m[4].length;
  const inner = label.trimEnd();
  if (inner.endsWith(':')) label = inner.slice(0, -1);
  else {
    const lead = rest.length - rest.trimStart().length;
    if (rest.charCodeAt(lead) !== 58) return undefined;
    restStart += lead + 1;
  }
  const labelStart = m[1].length + m[2].length;
  const [ls, le] = trimmed(line, labelStart, labelStart + label.length, false);
  if (ls === le) return undefined;
  const [vs, ve] = trimmed(line, restStart, line.length, false);
  const value = line.slice(vs, ve);
  return {
    label: line.slice(ls, le),
    role: 'other',
    line: lineNo,
    labelRange: range(lineNo, ls, le),
    value,
    valueRange: range(lineNo, vs, ve),
    placeholder: value.length > 1 && value.charCodeAt(0) === 91 && value.charCodeAt(value.length - 1) === 93 && value.indexOf(']') === value.length - 1,
  };
}

export function parseCheckbox(line: string, lineNo: number): ParsedCheckbox | undefined {
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
  const [ts, te] = trimmed(line, be, n, false);
  return { line: lineNo, checked, boxRange: range(lineNo, bs, be), text: line.slice(ts, te), textRange: range(lineNo, ts, te) };
}

