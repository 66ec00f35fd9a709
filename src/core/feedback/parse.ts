/**
 * Reads a feedback document line by line, once, and keeps the exact position of every value:
 * header fields, score lines (read leniently: `3 / 4`, `3/4`, `3`, extra spaces, emphasis),
 * the weighted-score line, and the template's checkbox groups. It knows the template's layout
 * but nothing of the rubric: matching names to dimensions is the validator's job.
 */
import { normalizeName } from './score';
import type {
  CheckboxGroupId,
  ParsedCheckbox,
  ParsedCheckboxGroup,
  ParsedFeedback,
  ParsedFeedbackPart,
  ParsedField,
  ParsedScoreLine,
  Range,
} from './types';

/** The heading (normalized) that opens a scores block. */
const SCORES_HEADING = 'scores weighted';
/** The name (normalized) of the weighted-score line. */
export const WEIGHTED_SCORE_NAME = 'weighted score';

/** The template's checkbox groups, by heading text. */
export const CHECKBOX_GROUP_HEADINGS: Readonly<Record<CheckboxGroupId, string>> = {
  'production-experience': 'Production Experience Assessment',
  'collaboration-leadership': 'Collaboration & Leadership Indicators',
  recommendation: 'Recommendation',
  'role-fit': 'Specific Role Fit',
};
const GROUP_BY_NAME = new Map<string, CheckboxGroupId>(
  (Object.entries(CHECKBOX_GROUP_HEADINGS) as [CheckboxGroupId, string][]).map(([id, h]) => [normalizeName(h), id]),
);

const QUICK_SCORES = /^ {0,3}#{1,6}[ \t].*scores[ \t*_]*\([ \t*_]*weighted[ \t*_]*\)/im;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FIELD = /^([ \t]*(?:[-*+][ \t]+)?)(\*\*|__)([^*_]*?)(\*\*|__)(.*)$/;

/** Splits into lines the way VS Code does: CRLF, LF and lone CR all end a line. */
export function documentLines(text: string): string[] {
  return text.indexOf('\r') < 0 ? text.split('\n') : text.split(/\r\n|\r|\n/);
}

function eolOf(text: string): ParsedFeedback['eol'] {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (r < 0) return '\n';
  if (n < 0 || r < n - 1) return '\r';
  return r === n - 1 ? '\r\n' : '\n';
}

const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });

const isSpace = (c: number) => c === 32 || c === 9;
const isEmphasis = (c: number) => c === 42 /* * */ || c === 95; /* _ */

/** [start, end) of s[from, to) with spaces and emphasis markers trimmed from both ends. */
function trimmed(s: string, from: number, to: number, emphasis = true): [number, number] {
  while (from < to && (isSpace(s.charCodeAt(from)) || (emphasis && isEmphasis(s.charCodeAt(from))))) from++;
  while (to > from && (isSpace(s.charCodeAt(to - 1)) || (emphasis && isEmphasis(s.charCodeAt(to - 1))))) to--;
  return [from, to];
}

/** The normalized text of an ATX heading, or undefined when the line is not one. */
function headingOf(line: string): { level: number; text: string } | undefined {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  let level = 0;
  while (line.charCodeAt(i + level) === 35) level++;
  if (level < 1 || level > 6) return undefined;
  const k = i + level;
  if (k < line.length && !isSpace(line.charCodeAt(k))) return undefined;
  let e = line.length;
  while (e > k && isSpace(line.charCodeAt(e - 1))) e--;
  // A closing sequence of #s counts only after a space (or when it is all there is).
  let h = e;
  while (h > k && line.charCodeAt(h - 1) === 35) h--;
  if (h < e && (h === k || isSpace(line.charCodeAt(h - 1)))) e = h;
  return { level, text: normalizeName(line.slice(k, e)) };
}

/**
 * Cheap test: does the text have a "Scores (Weighted)" heading (any level, outside fenced code)?
 * Other Markdown costs one regular-expression scan.
 */
export function isFeedbackDocument(text: string): boolean {
  if (!QUICK_SCORES.test(text)) return false;
  const lines = documentLines(text);
  let fence: string | undefined;
  for (const line of lines) {
    const f = firstNonSpace(line);
    if (f === 96 || f === 126) {
      fence = nextFence(line, fence);
      continue;
    }
    if (fence !== undefined || f !== 35) continue;
    const h = headingOf(line);
    if (h && h.text === SCORES_HEADING) return true;
  }
  return false;
}

function firstNonSpace(line: string): number {
  for (let i = 0; i < 4 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32) return c;
  }
  return -1;
}

/** The open fence after this line (which starts with ` or ~). */
function nextFence(line: string, fence: string | undefined): string | undefined {
  const f = FENCE.exec(line);
  if (!f) return fence;
  if (fence === undefined) return f[1];
  if (f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) return undefined;
  return fence;
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

function parseField(line: string, lineNo: number): ParsedField | undefined {
  const m = FIELD.exec(line);
  if (!m) return undefined;
  let label = m[3];
  let rest = m[5];
  let restStart = m[1].length + m[2].length + m[3].length + m[4].length;
  const inner = label.trimEnd();
  if (inner.endsWith(':')) label = inner.slice(0, -1);
  else {
    const lead = rest.length - rest.trimStart().length;
    if (rest.charCodeAt(lead) !== 58) return undefined;
    restStart += lead + 1;
    rest = rest.slice(lead + 1);
  }
  const labelStart = m[1].length + m[2].length;
  const [ls, le] = trimmed(line, labelStart, labelStart + label.length, false);
  if (ls === le) return undefined;
  const [vs, ve] = trimmed(line, restStart, line.length, false);
  const value = line.slice(vs, ve);
  return {
    label: line.slice(ls, le),
    line: lineNo,
    labelRange: range(lineNo, ls, le),
    value,
    valueRange: range(lineNo, vs, ve),
    placeholder: value.length > 1 && value.charCodeAt(0) === 91 && value.charCodeAt(value.length - 1) === 93 && value.indexOf(']') === value.length - 1,
  };
}

function parseCheckbox(line: string, lineNo: number): ParsedCheckbox | undefined {
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

interface HeadingInfo {
  line: number;
  level: number;
  text: string;
}

/** Parses a feedback document. Never throws; every range lies inside the document. */
export function parseFeedback(text: string): ParsedFeedback {
  if (typeof text !== 'string') text = String(text ?? '');
  const eol = eolOf(text);
  // Line breaks are not part of any line, so reading every break as LF keeps every position.
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  const starts: number[] = [];
  const headings: HeadingInfo[] = [];
  const fields: ParsedField[] = [];
  const checkboxes: ParsedCheckbox[] = [];
  let fencedSet: Set<number> | undefined;
  let fence: string | undefined;
  const n = text.length;
  let i = 0;
  // The level of the scores heading the lines are under (7: none), and of the checkbox group heading (0: none).
  let afterScores = 7;
  let groupLevel = 0;
  // Most lines are prose: they are looked at by their first character and never sliced.
  for (let s = 0; s <= n; i++) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = n;
    starts.push(s);
    let j = s;
    while (j < e && isSpace(text.charCodeAt(j))) j++;
    const c = j < e ? text.charCodeAt(j) : -1;
    const indent = j - s;
    if ((c === 96 || c === 126) && indent <= 3) {
      (fencedSet ??= new Set()).add(i);
      fence = nextFence(text.slice(s, e), fence);
    } else if (fence !== undefined) {
      fencedSet!.add(i);
    } else if (c === 35 && indent <= 3) {
      const h = headingOf(text.slice(s, e));
      if (h) {
        headings.push({ line: i, level: h.level, text: h.text });
        if (h.text === SCORES_HEADING) afterScores = h.level;
        else if (h.level < afterScores) afterScores = 7;
        if (GROUP_BY_NAME.has(h.text)) groupLevel = h.level;
        else if (h.level <= groupLevel) groupLevel = 0;
      }
    } else if ((groupLevel > 0 || afterScores === 7) && (c === 45 || c === 42 || c === 43 || c === 95 || (c >= 48 && c <= 57))) {
      // Boxes count only under a group heading; fields only above a scores heading (the header).
      const line = text.slice(s, e);
      const cb = groupLevel > 0 && line.indexOf('[') >= 0 ? parseCheckbox(line, i) : undefined;
      if (cb) checkboxes.push(cb);
      else if (afterScores === 7 && (line.indexOf('**') >= 0 || line.indexOf('__') >= 0)) {
        const fd = parseField(line, i);
        if (fd) fields.push(fd);
      }
    }
    s = e + 1;
  }
  const lineCount = starts.length;
  const lineAt = (l: number) => text.slice(starts[l], l + 1 < lineCount ? starts[l + 1] - 1 : n);
  const fenced = (l: number) => fencedSet !== undefined && fencedSet.has(l);

  const scoresIdx: number[] = [];
  headings.forEach((h, k) => { if (h.text === SCORES_HEADING) scoresIdx.push(k); });
  const parts: ParsedFeedbackPart[] = [];
  const newPart = (startLine: number, endLine: number): ParsedFeedbackPart => ({ startLine, endLine, extraScoresHeadings: [], fields: [], scoreLines: [], groups: [] });
  const scoreHeadingOf = new Map<ParsedFeedbackPart, HeadingInfo>();
  if (!scoresIdx.length) parts.push(newPart(0, lineCount));
  for (const k of scoresIdx) {
    const s = headings[k];
    let parent = -1;
    for (let p = k - 1; p >= 0; p--) if (headings[p].level < s.level) { parent = p; break; }
    let start = 0;
    let end = lineCount;
    if (parent >= 0) {
      start = headings[parent].line;
      for (let q = parent + 1; q < headings.length; q++) if (headings[q].level <= headings[parent].level) { end = headings[q].line; break; }
    }
    const prev = parts[parts.length - 1];
    if (prev && s.line < prev.endLine) {
      prev.extraScoresHeadings.push(range(s.line, 0, lineAt(s.line).length));
      continue;
    }
    if (prev && start < prev.endLine) start = prev.endLine;
    const part = newPart(start, end);
    part.scoresHeading = range(s.line, 0, lineAt(s.line).length);
    part.scoresHeadingLevel = s.level;
    scoreHeadingOf.set(part, s);
    parts.push(part);
  }
  // A single feedback owns the whole document, so fields or groups outside its parent heading still count.
  if (parts.length === 1) {
    parts[0].startLine = 0;
    parts[0].endLine = lineCount;
  }

  let hi = 0;
  let fi = 0;
  let ci = 0;
  for (const part of parts) {
    const s = scoreHeadingOf.get(part);
    // Header fields sit above the scores heading (or above the first checkbox group when there is none).
    while (hi < headings.length && headings[hi].line < part.startLine) hi++;
    let headerEnd = s ? s.line : part.endLine;
    const partHeadings: HeadingInfo[] = [];
    for (let h = hi; h < headings.length && headings[h].line < part.endLine; h++) partHeadings.push(headings[h]);
    if (!s) {
      const g = partHeadings.find((h) => GROUP_BY_NAME.has(h.text));
      if (g) headerEnd = g.line;
    }
    while (fi < fields.length && fields[fi].line < part.startLine) fi++;
    for (let f = fi; f < fields.length && fields[f].line < headerEnd; f++) part.fields.push(fields[f]);

    if (s) {
      let blockEnd = part.endLine;
      for (const h of partHeadings) if (h.line > s.line && h.level <= s.level) { blockEnd = h.line; break; }
      for (let l = s.line + 1; l < blockEnd; l++) {
        if (fenced(l)) continue;
        const sl = parseScoreLine(lineAt(l), l, false);
        if (!sl) continue;
        if (normalizeName(sl.name) === WEIGHTED_SCORE_NAME) {
          if (!part.weightedLine) part.weightedLine = sl;
        } else part.scoreLines.push(sl);
      }
    }

    while (ci < checkboxes.length && checkboxes[ci].line < part.startLine) ci++;
    for (let h = 0; h < partHeadings.length; h++) {
      const gh = partHeadings[h];
      const id = GROUP_BY_NAME.get(gh.text);
      if (!id || part.groups.some((g) => g.id === id)) continue;
      let end = part.endLine;
      for (let q = h + 1; q < partHeadings.length; q++) if (partHeadings[q].level <= gh.level) { end = partHeadings[q].line; break; }
      const items: ParsedCheckbox[] = [];
      for (let c = ci; c < checkboxes.length && checkboxes[c].line < end; c++) if (checkboxes[c].line > gh.line) items.push(checkboxes[c]);
      part.groups.push({ id, heading: CHECKBOX_GROUP_HEADINGS[id], headingLine: gh.line, headingRange: range(gh.line, 0, lineAt(gh.line).length), items });
    }
  }
  return { lineCount, eol, parts };
}
