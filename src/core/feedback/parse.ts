/**
 * Reads a feedback document line by line, once, and keeps the exact position of every value:
 * header fields, score lines (read leniently: `3 / 4`, `3/4`, `3`, extra spaces, emphasis),
 * the weighted-score line, and the template's checkbox groups. The layout (the scores heading,
 * the weighted-score label, the group headings) comes from a `TemplateSpec`; nothing of the
 * rubric is known here: matching names to dimensions is the validator's job.
 */
import { CompiledRubric } from './compiled';
import { documentLines, eolOf, firstNonSpace, headingOf, isSpace, lineStart, nextFence, parseCheckbox, parseField, parseScoreLine, range } from './lines';
import { BUILTIN_TEMPLATE, BUILTIN_TEMPLATE_SPEC, compileTemplate, fieldRole, type CompiledTemplate, type TemplateSpec } from './template';
import type { CheckboxGroupId, ParsedCheckbox, ParsedCheckboxGroup, ParsedFeedback, ParsedFeedbackPart, ParsedField, ParsedScoreLine } from './types';
import { isNotesHeading, NOTES_HEADING_LEVEL } from '../notes/parse';
import type { LineStart } from '../range';
import { submissionOf } from '../kit/seal';

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
  /** The lines read as score lines in the block a scores heading opens. */
  block?: ScoresBlock;
}

type ScoresBlock = Pick<ParsedFeedbackPart, 'scoreLines' | 'weightedLine'>;

/** What one pass over a document's lines finds; the feedbacks are cut from it afterwards. */
interface Scan {
  lineCount: number;
  headings: HeadingInfo[];
  /** Field lines outside any scores heading's section. */
  fields: ParsedField[];
  /** Boxes under a checkbox group heading. */
  checkboxes: ParsedCheckbox[];
  /** Where the first notes heading is: its line, and where that line starts in the text scanned. */
  notes?: LineStart;
}

/** Whether a line starting with this character may hold a box or a field (`-`, `*`, `+`, `_`, a digit). */
const mayHoldItem = (c: number) => c === 45 || c === 42 || c === 43 || c === 95 || (c >= 48 && c <= 57);

/** The header field a line holds, with its role in the template; undefined when it holds none. */
function fieldOf(line: string, lineNo: number, t: CompiledTemplate): ParsedField | undefined {
  const fd = parseField(line, lineNo);
  if (fd) fd.role = t.roleByKey.get(t.normalize(fd.label)) ?? 'other';
  return fd;
}

/**
 * Reads every line once, in order. Fenced code and the interview notes (a `## Interview Notes`
 * section, see `core/notes`) are read by no check; most other lines are prose, looked at by their
 * first character and never sliced. A scores block runs from its heading to the next heading of
 * its level or above; a scores heading inside an open block is one of its lines (it only ever
 * repeats the block's heading: see `partsOf`).
 */
function scan(text: string, t: CompiledTemplate): Scan {
  const found: Scan = { lineCount: 0, headings: [], fields: [], checkboxes: [] };
  let fence: string | undefined;
  let inNotes = false;
  // The level of the scores heading the lines are under (7: none), and of the checkbox group heading (0: none).
  let afterScores = 7;
  let groupLevel = 0;
  // The open scores block, if any, and its heading's level.
  let block: ScoresBlock | undefined;
  let blockLevel = 0;
  let i = 0;
  let e: number;
  for (let s = 0; s <= text.length; s = e + 1, i++) {
    e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    let j = s;
    while (j < e && isSpace(text.charCodeAt(j))) j++;
    const c = j < e ? text.charCodeAt(j) : -1;
    const indent = j - s;
    if ((c === 96 || c === 126) && indent <= 3) {
      fence = nextFence(text.slice(s, e), fence);
      continue;
    }
    if (fence !== undefined) continue;
    const h = c === 35 && indent <= 3 ? headingOf(text.slice(s, e), t.normalize) : undefined;
    // A heading of level 2 or above opens or closes the notes section; the section's own heading still ends the blocks above it.
    if (h && h.level <= NOTES_HEADING_LEVEL) {
      inNotes = isNotesHeading(h);
      if (inNotes && !found.notes) found.notes = { line: i, offset: s };
    } else if (inNotes) continue;
    if (h) {
      const heading: HeadingInfo = { line: i, level: h.level, text: h.text, length: e - s };
      found.headings.push(heading);
      if (block && h.level <= blockLevel) block = undefined;
      if (h.text === t.scoresKey) afterScores = h.level;
      else if (h.level < afterScores) afterScores = 7;
      if (t.groupByKey.has(h.text)) groupLevel = h.level;
      else if (h.level <= groupLevel) groupLevel = 0;
      if (h.text === t.scoresKey && !block) {
        block = heading.block = { scoreLines: [] };
        blockLevel = h.level;
        continue;
      }
    } else if ((groupLevel > 0 || afterScores === 7) && mayHoldItem(c)) {
      // Boxes count only under a group heading; fields only above a scores heading (the header).
      const line = text.slice(s, e);
      const cb = groupLevel > 0 && line.includes('[') ? parseCheckbox(line, i) : undefined;
      if (cb) found.checkboxes.push(cb);
      else if (afterScores === 7 && (line.includes('**') || line.includes('__'))) {
        const fd = fieldOf(line, i, t);
        if (fd) found.fields.push(fd);
      }
    }
    if (block) {
      const sl = parseScoreLine(text.slice(s, e), i, false);
      if (sl) addScoreLine(block, sl, t);
    }
  }
  found.lineCount = i;
  return found;
}

/** Files a line of a scores block: the first line named like the template's weighted score is the weighted line, any other a score line. */
function addScoreLine(block: ScoresBlock, sl: ParsedScoreLine, t: CompiledTemplate): void {
  if (t.normalize(sl.name) === t.weightedKey) {
    if (!block.weightedLine) block.weightedLine = sl;
  } else block.scoreLines.push(sl);
}

/**
 * The template's checkbox groups of one part: the first heading of each group among the part's
 * headings, with the boxes below it up to the next heading of its level or above (or `endLine`).
 * `boxes` are in line order; those before index `from` lie above the part.
 */
function groupsOf(headings: readonly HeadingInfo[], boxes: readonly ParsedCheckbox[], from: number, endLine: number, byName: CompiledTemplate['groupByKey']): ParsedCheckboxGroup[] {
  const groups: ParsedCheckboxGroup[] = [];
  for (let h = 0; h < headings.length; h++) {
    const gh = headings[h];
    const group = byName.get(gh.text);
    if (!group || groups.some((g) => g.id === group.id)) continue;
    let end = endLine;
    for (let q = h + 1; q < headings.length; q++) if (headings[q].level <= gh.level) { end = headings[q].line; break; }
    const items: ParsedCheckbox[] = [];
    for (let c = from; c < boxes.length && boxes[c].line < end; c++) if (boxes[c].line > gh.line) items.push(boxes[c]);
    groups.push({ id: group.id, kind: group.kind, heading: group.heading, headingLine: gh.line, headingRange: range(gh.line, 0, gh.length), items });
  }
  return groups;
}

/**
 * Cuts the feedbacks out of a scan: one per scores heading, spanning the section of the heading's
 * parent (the whole document when there is one feedback, or when the heading has no parent); a
 * scores heading inside an earlier feedback is reported as an extra one, not read.
 */
function partsOf(found: Scan, t: CompiledTemplate): ParsedFeedbackPart[] {
  const { headings, fields, checkboxes, lineCount } = found;
  const parts: ParsedFeedbackPart[] = [];
  const newPart = (startLine: number, endLine: number): ParsedFeedbackPart => ({ startLine, endLine, extraScoresHeadings: [], fields: [], scoreLines: [], groups: [] });
  const scoresHeadingOf = new Map<ParsedFeedbackPart, HeadingInfo>();
  for (let k = 0; k < headings.length; k++) {
    const s = headings[k];
    if (s.text !== t.scoresKey) continue;
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
      prev.extraScoresHeadings.push(range(s.line, 0, s.length));
      continue;
    }
    if (prev && start < prev.endLine) start = prev.endLine;
    const part = newPart(start, end);
    part.scoresHeading = range(s.line, 0, s.length);
    part.scoresHeadingLevel = s.level;
    scoresHeadingOf.set(part, s);
    parts.push(part);
  }
  if (!parts.length) parts.push(newPart(0, lineCount));
  // A single feedback owns the whole document, so fields or groups outside its parent heading still count.
  if (parts.length === 1) {
    parts[0].startLine = 0;
    parts[0].endLine = lineCount;
  }

  // Parts follow each other down the document: each reads on from where the last one's headings, fields and boxes ended.
  let hi = 0;
  let fi = 0;
  let ci = 0;
  for (const part of parts) {
    const s = scoresHeadingOf.get(part);
    while (hi < headings.length && headings[hi].line < part.startLine) hi++;
    const partHeadings: HeadingInfo[] = [];
    for (let h = hi; h < headings.length && headings[h].line < part.endLine; h++) partHeadings.push(headings[h]);
    // Header fields sit above the scores heading (or above the first checkbox group when there is none).
    const headerEnd = s ? s.line : (partHeadings.find((h) => t.groupByKey.has(h.text))?.line ?? part.endLine);
    while (fi < fields.length && fields[fi].line < part.startLine) fi++;
    for (let f = fi; f < fields.length && fields[f].line < headerEnd; f++) part.fields.push(fields[f]);
    if (s?.block) {
      part.scoreLines = s.block.scoreLines;
      if (s.block.weightedLine) part.weightedLine = s.block.weightedLine;
    }
    while (ci < checkboxes.length && checkboxes[ci].line < part.startLine) ci++;
    part.groups = groupsOf(partHeadings, checkboxes, ci, part.endLine, t.groupByKey);
  }
  return parts;
}

/**
 * The candidates a document's header fields name, read without its rubric (for a file that does not
 * read as feedback: which candidate's it may be): each field whose label reads as a candidate's
 * (`fieldRole`: "Candidate", "Candidate Name"), with a value that is not a placeholder, in order.
 */
export function candidatesNamed(text: string): string[] {
  const names: string[] = [];
  for (const part of parseFeedback(text).parts) {
    for (const f of part.fields) if (!f.placeholder && f.value !== '' && fieldRole(f.label) === 'candidate') names.push(f.value);
  }
  return names;
}

/** Parses a feedback document with a template's layout (the built-in one by default). Never throws; every range lies inside the document. */
export function parseFeedback(text: string, template?: TemplateLike): ParsedFeedback {
  if (typeof text !== 'string') text = String(text ?? '');
  const t = templateOf(template);
  const eol = eolOf(text);
  const source = text;
  // Line breaks are not part of any line, so reading every break as LF keeps every position.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const found = scan(text, t);
  const doc: ParsedFeedback = { lineCount: found.lineCount, eol, parts: partsOf(found, t) };
  // The offset scanned is the text's own unless its line breaks were rewritten.
  if (found.notes) doc.notes = source === text ? found.notes : { line: found.notes.line, offset: lineStart(source, found.notes.line) };
  const submission = submissionOf(text);
  if (submission) doc.submission = submission;
  return doc;
}
