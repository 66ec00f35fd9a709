/**
 * Reads a feedback document line by line, once, and keeps the exact position of every value:
 * header fields, score lines (read leniently: `3 / 4`, `3/4`, `3`, extra spaces, emphasis),
 * the weighted-score line, and the template's checkbox groups. The layout (the scores heading,
 * the weighted-score label, the group headings) comes from a `TemplateSpec`; nothing of the
 * rubric is known here: matching names to dimensions is the validator's job.
 */
import { CompiledRubric } from './compiled';
import { documentLines, eolOf, firstNonSpace, headingOf, isSpace, nextFence, parseCheckbox, parseField, parseScoreLine, range, type RangeOf } from './lines';
import { BUILTIN_TEMPLATE, BUILTIN_TEMPLATE_SPEC, compileTemplate, type CompiledTemplate, type TemplateSpec } from './template';
import type { CheckboxGroupId, ParsedCheckbox, ParsedCheckboxGroup, ParsedFeedback, ParsedFeedbackPart, ParsedField, ParsedScoreLine } from './types';
import { isNotesHeading, NOTES_HEADING_LEVEL } from '../notes/parse';

export { documentLines, parseScoreLine } from './lines';

/** The built-in template's checkbox groups, by heading text. */
export const CHECKBOX_GROUP_HEADINGS: Readonly<Record<CheckboxGroupId, string>> = Object.fromEntries(BUILTIN_TEMPLATE_SPEC.groups.map((g) => [g.id, g.heading]));

/** What a document is read with: a spec, its compiled form, or a compiled rubric (its template). */
export type TemplateLike = TemplateSpec | CompiledTemplate | CompiledRubric;

function templateOf(t: TemplateLike | undefined): CompiledTemplate {
  if (t === undefined || t === BUILTIN_TEMPLATE_SPEC) return BUILTIN_TEMPLATE;
  if (t instanceof CompiledRubric) return t.template;
  if ('scoresKey' in t) return t;
  return compileTemplate(t);
}

/**
 * Cheap test: does the text have the template's scores heading ("Scores (Weighted)" by default;
 * any level, outside fenced code)? Other Markdown costs one regular-expression scan.
 */
export function isFeedbackDocument(text: string, template?: TemplateLike): boolean {
  const t = templateOf(template);
  if (typeof text !== 'string' || !t.quick.test(text)) return false;
  const lines = documentLines(text);
  let fence: string | undefined;
  let inNotes = false;
  for (const line of lines) {
    const f = firstNonSpace(line);
    if (f === 96 || f === 126) {
      fence = nextFence(line, fence);
      continue;
    }
    if (fence !== undefined || f !== 35) continue;
    const h = headingOf(line, t.normalize);
    if (!h) continue;
    // The interview notes' phase headings are no part of the feedback.
    if (h.level <= NOTES_HEADING_LEVEL) inNotes = isNotesHeading(h);
    if (!inNotes && h.text === t.scoresKey) return true;
  }
  return false;
}

interface HeadingInfo {
  line: number;
  level: number;
  text: string;
  /** The heading line's length. */
  length: number;
}

/** The header field a line holds, with its role in the template; undefined when it holds none. */
function fieldOf(line: string, lineNo: number, t: CompiledTemplate, rangeOf: RangeOf = range): ParsedField | undefined {
  const fd = parseField(line, lineNo, rangeOf);
  if (fd) fd.role = t.roleByKey.get(t.normalize(fd.label)) ?? 'other';
  return fd;
}

/** Files a line of a scores block: the first line named like the template's weighted score is the weighted line, any other a score line. */
function addScoreLine(part: ParsedFeedbackPart, sl: ParsedScoreLine, t: CompiledTemplate): void {
  if (t.normalize(sl.name) === t.weightedKey) {
    if (!part.weightedLine) part.weightedLine = sl;
  } else part.scoreLines.push(sl);
}

/**
 * The template's checkbox groups of one part: the first heading of each group among the part's
 * headings, with the boxes below it up to the next heading of its level or above (or `endLine`).
 * `boxes` are in line order; those before index `from` lie above the part.
 */
function groupsOf(headings: readonly HeadingInfo[], boxes: readonly ParsedCheckbox[], from: number, endLine: number, byName: CompiledTemplate['groupByKey'], rangeOf: RangeOf = range): ParsedCheckboxGroup[] {
  const groups: ParsedCheckboxGroup[] = [];
  for (let h = 0; h < headings.length; h++) {
    const gh = headings[h];
    const group = byName.get(gh.text);
    if (!group) continue;
    let seen = false;
    for (let g = 0; g < groups.length; g++) if (groups[g].id === group.id) seen = true;
    if (seen) continue;
    let end = endLine;
    for (let q = h + 1; q < headings.length; q++) if (headings[q].level <= gh.level) { end = headings[q].line; break; }
    const items: ParsedCheckbox[] = [];
    for (let c = from; c < boxes.length && boxes[c].line < end; c++) if (boxes[c].line > gh.line) items.push(boxes[c]);
    groups.push({ id: group.id, kind: group.kind, heading: group.heading, headingLine: gh.line, headingRange: rangeOf(gh.line, 0, gh.length), items });
  }
  return groups;
}

/** Parses a feedback document with a template's layout (the built-in one by default). Never throws; every range lies inside the document. */
export function parseFeedback(text: string, template?: TemplateLike): ParsedFeedback {
  if (typeof text !== 'string') text = String(text ?? '');
  const t = templateOf(template);
  const SCORES_HEADING = t.scoresKey;
  const GROUP_BY_NAME = t.groupByKey;
  const eol = eolOf(text);
  // Line breaks are not part of any line, so reading every break as LF keeps every position.
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  const starts: number[] = [];
  const headings: HeadingInfo[] = [];
  const fields: ParsedField[] = [];
  const checkboxes: ParsedCheckbox[] = [];
  // Lines no check reads: fenced code, and the interview notes (a `## Interview Notes` section, see `core/notes`).
  let fencedSet: Set<number> | undefined;
  let fence: string | undefined;
  let inNotes = false;
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
      const h = headingOf(text.slice(s, e), t.normalize);
      // A heading of level 2 or above opens or closes the notes section; the section's own heading still ends the blocks above it.
      const top = h !== undefined && h.level <= NOTES_HEADING_LEVEL;
      if (top) inNotes = isNotesHeading(h);
      if (inNotes && !top) (fencedSet ??= new Set()).add(i);
      else if (h) {
        headings.push({ line: i, level: h.level, text: h.text, length: e - s });
        if (h.text === SCORES_HEADING) afterScores = h.level;
        else if (h.level < afterScores) afterScores = 7;
        if (GROUP_BY_NAME.has(h.text)) groupLevel = h.level;
        else if (h.level <= groupLevel) groupLevel = 0;
      }
    } else if (inNotes) {
      (fencedSet ??= new Set()).add(i);
    } else if ((groupLevel > 0 || afterScores === 7) && (c === 45 || c === 42 || c === 43 || c === 95 || (c >= 48 && c <= 57))) {
      // Boxes count only under a group heading; fields only above a scores heading (the header).
      const line = text.slice(s, e);
      const cb = groupLevel > 0 && line.indexOf('[') >= 0 ? parseCheckbox(line, i) : undefined;
      if (cb) checkboxes.push(cb);
      else if (afterScores === 7 && (line.indexOf('**') >= 0 || line.indexOf('__') >= 0)) {
        const fd = fieldOf(line, i, t);
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
        if (sl) addScoreLine(part, sl, t);
      }
    }

    while (ci < checkboxes.length && checkboxes[ci].line < part.startLine) ci++;
    part.groups = groupsOf(partHeadings, checkboxes, ci, part.endLine, GROUP_BY_NAME);
  }
  return { lineCount, eol, parts };
}

/**
 * The next place of one character in a text, for a reader that goes forward through it: each search
 * starts where the last one found nothing before, so the text is searched once, by `indexOf` (native
 * code, also before V8 has optimised the reader, where a loop over characters costs tens of times more).
 */
class NextChar {
  private at = -1;
  constructor(
    private readonly text: string,
    private readonly c: string,
  ) {}
  /** The first place of the character in text[from, to), or -1; from never goes back between calls. */
  within(from: number, to: number): number {
    if (this.at < from) {
      this.at = this.text.indexOf(this.c, from);
      if (this.at < 0) this.at = this.text.length;
    }
    return this.at < to ? this.at : -1;
  }
}

type Heading = NonNullable<ReturnType<typeof headingOf>>;
/** The headings each template has read (null: the line is none), by line: documents written from one template repeat them. */
const headingMemos = new WeakMap<CompiledTemplate, Map<string, Heading | null>>();

/** `headingOf` with the template's normalization, remembered for the last few hundred lines. */
function templateHeading(line: string, t: CompiledTemplate): Heading | undefined {
  let memo = headingMemos.get(t);
  if (!memo) headingMemos.set(t, (memo = new Map<string, Heading | null>()));
  let h = memo.get(line);
  if (h === undefined) {
    h = headingOf(line, t.normalize) ?? null;
    if (line.length < 200) {
      if (memo.size >= 512) memo.clear();
      memo.set(line, h);
    }
  }
  return h ?? undefined;
}

const isMarker = (c: number) => c === 45 || c === 42 || c === 43 || c === 95 || (c >= 48 && c <= 57);

/**
 * The calibration report's fast reading of a plain feedback document: what `parseFeedback` gives
 * for it, except that each checkbox group holds only its checked boxes (no check but the fixes
 * reads an unchecked box, so summaries and diagnostics are the same, fixes aside). Plain: line
 * feeds only, exactly one scores heading, no code fence (no ``` or ~~~ anywhere) and no interview
 * notes section; for any other text it answers undefined, and the caller reads the text with
 * `parseFeedback`. Each line is looked at by its first character; headings, header fields, the
 * scores block and checked boxes are the only lines read. `rangeOf` makes the ranges of what is
 * read (`noRange` for a caller that reads no position; the scores heading's range is always made).
 */
export function parsePlainFeedback(text: string, template?: TemplateLike, rangeOf: RangeOf = range): ParsedFeedback | undefined {
  // No code fence can open without three backticks or tildes.
  if (typeof text !== 'string' || text.indexOf('\r') >= 0 || text.indexOf('```') >= 0 || text.indexOf('~~~') >= 0) return undefined;
  const t = templateOf(template);
  const SCORES_HEADING = t.scoresKey;
  const GROUP_BY_NAME = t.groupByKey;
  const headings: HeadingInfo[] = [];
  const fields: ParsedField[] = [];
  const checked: ParsedCheckbox[] = [];
  const part: ParsedFeedbackPart = { startLine: 0, endLine: 0, extraScoresHeadings: [], fields, scoreLines: [], groups: [] };
  let scores: HeadingInfo | undefined;
  let inBlock = false;
  let groupLevel = 0;
  const n = text.length;
  const brackets = new NextChar(text, '[');
  const colons = new NextChar(text, ':');
  let i = 0;
  for (let s = 0; s <= n; i++) {
    let e = text.indexOf('\n', s);
    if (e < 0) e = n;
    let j = s;
    let c = j < e ? text.charCodeAt(j) : -1;
    while (c === 32 || c === 9) c = ++j < e ? text.charCodeAt(j) : -1;
    // A line starting with ` or ~ is read as code by `parseFeedback` (no fence opens: see above).
    if ((c === 96 || c === 126) && j - s <= 3) {
      s = e + 1;
      continue;
    }
    let line: string | undefined;
    if (c === 35) {
      line = text.slice(s, e);
      const h = templateHeading(line, t);
      if (h) {
        if (h.level <= NOTES_HEADING_LEVEL && isNotesHeading(h)) return undefined;
        const heading = { line: i, level: h.level, text: h.text, length: e - s };
        headings.push(heading);
        if (inBlock && h.level <= scores!.level) inBlock = false;
        if (GROUP_BY_NAME.has(h.text)) groupLevel = h.level;
        else if (h.level <= groupLevel) groupLevel = 0;
        if (h.text === SCORES_HEADING) {
          if (scores) return undefined;
          scores = heading;
          // Set in `parseFeedback`'s order, so that parts of both have one shape.
          part.scoresHeading = range(i, 0, e - s);
          part.scoresHeadingLevel = h.level;
          inBlock = true;
          s = e + 1;
          continue;
        }
      }
    } else if (isMarker(c)) {
      const box = groupLevel > 0 ? brackets.within(j, e) : -1;
      if (box >= 0) {
        // A box is checked only when an x follows its bracket, the first `[` of the line; no box is a field.
        let k = box + 1;
        while (k < e && isSpace(text.charCodeAt(k))) k++;
        const x = text.charCodeAt(k);
        if (x === 120 || x === 88) {
          line = text.slice(s, e);
          const cb = parseCheckbox(line, i, rangeOf);
          if (cb) {
            checked.push(cb);
            if (!inBlock) {
              s = e + 1;
              continue;
            }
          }
        }
      }
      if (!scores) {
        line ??= text.slice(s, e);
        if (line.indexOf('**') >= 0 || line.indexOf('__') >= 0) {
          const fd = fieldOf(line, i, t, rangeOf);
          if (fd) fields.push(fd);
        }
      }
    }
    if (inBlock) {
      if (colons.within(s, e) >= 0) {
        const sl = parseScoreLine(line ?? text.slice(s, e), i, false, rangeOf);
        if (sl) addScoreLine(part, sl, t);
      }
    }
    s = e + 1;
  }
  if (!scores) return undefined;
  part.endLine = i;
  part.groups = groupsOf(headings, checked, 0, i, GROUP_BY_NAME, rangeOf);
  return { lineCount: i, eol: '\n', parts: [part] };
}
