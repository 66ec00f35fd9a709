/**
 * The interview notes of a feedback document as evidence for its feedbacks: the notes are read
 * with the rubric's tags (`core/notes`), and each note counts for the feedback it belongs to (the
 * last one starting at or above it), so a file with several feedbacks keeps their evidence apart.
 */
import type { Dimension } from '../content';
import { summarizeEvidence, type EvidenceCounts } from '../notes/evidence';
import { forEachTag, noteAt, notesLines, noteTags, parseNotes, walkNotes, type InterviewNote, type NotePolarity, type NoteTags, type OnTag, type ParsedNotes } from '../notes/parse';
import type { FeedbackNotes, ParsedFeedback } from './types';

/** The index of the feedback (`doc.parts`) a line belongs to: the last one starting at or above it, else the first. */
export function partOfLine(doc: Pick<ParsedFeedback, 'parts'>, line: number): number {
  let k = 0;
  for (let i = 1; i < doc.parts.length; i++) if (doc.parts[i].startLine <= line) k = i;
  return k;
}

// A rubric's tag look-up, built once per dimension list (compiled rubrics keep theirs).
const TAGS = new WeakMap<readonly Pick<Dimension, 'id' | 'tag'>[], NoteTags>();

function tagsOf(dimensions: readonly Pick<Dimension, 'id' | 'tag'>[]): NoteTags {
  let tags = TAGS.get(dimensions);
  if (!tags) TAGS.set(dimensions, (tags = noteTags(dimensions)));
  return tags;
}

/**
 * The notes of `text` read with the dimensions' tags, and the evidence of each feedback of `doc`
 * (parsed from the same text): the notes are read from the first notes heading the feedback parser
 * found, and not at all when it found none.
 */
export function notesOfFeedbacks(text: string, doc: Pick<ParsedFeedback, 'parts' | 'notes'>, dimensions: readonly Pick<Dimension, 'id' | 'tag'>[]): FeedbackNotes {
  const parsed = doc.notes ? parseNotes(text, tagsOf(dimensions), { from: doc.notes }) : { sections: [], notes: [], unknownTags: [] };
  const count = Math.max(1, doc.parts.length);
  const byPart: InterviewNote[][] = Array.from({ length: count }, () => []);
  for (const n of parsed.notes) byPart[partOfLine(doc, n.line)].push(n);
  return { parsed, evidence: byPart.map((notes) => summarizeEvidence(notes, dimensions)) };
}

/**
 * The tag counts of each feedback of `doc` (parsed from the same text), every dimension in the
 * dimensions' order: the counts of `notesOfFeedbacks(...).evidence`, read by the same notes reader
 * without building the notes. Rows need only these (a report of 10,000 files keeps no notes).
 */
export function tagCountsOfFeedbacks(text: string, doc: Pick<ParsedFeedback, 'parts' | 'notes'>, dimensions: readonly Pick<Dimension, 'id' | 'tag'>[]): Record<string, EvidenceCounts>[] {
  const counts = Array.from({ length: Math.max(1, doc.parts.length) }, () => {
    const c: Record<string, EvidenceCounts> = {};
    for (const d of dimensions) if (!Object.prototype.hasOwnProperty.call(c, d.id)) c[d.id] = { plus: 0, minus: 0, neutral: 0 };
    return c;
  });
  if (!doc.notes) return counts;
  const tags = tagsOf(dimensions);
  let part = counts[0];
  const count: OnTag = (polarity, _start, _end, dimension) => {
    if (dimension !== undefined && Object.prototype.hasOwnProperty.call(part, dimension)) part[dimension][polarity]++;
  };
  const { lines, first } = notesLines(text, doc.notes);
  walkNotes(lines, first, {
    note(i, line, { at }) {
      part = counts[partOfLine(doc, i)];
      forEachTag(line, at, tags, count);
    },
    continued(_i, line, at) {
      forEachTag(line, at, tags, count);
    },
  });
  return counts;
}

const isTagChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45; /* - */
const OPENING = '([{';

/** Where a tag being typed sits in a note: its sign, and the name typed so far (`start` to `end`). */
export interface NoteTagSlot {
  polarity: NotePolarity;
  /** The sign's character. */
  sign: number;
  /** The name's start (right after the sign) and end (the end of the word at the cursor). */
  start: number;
  end: number;
}

/**
 * The tag a completion would write at `character` of `line` (its text `lineText`): right after a
 * `+`, `-` or `#` (and any letters typed since) that stands where a tag may, inside a note of the
 * notes section: at the start of the note's text, or after white space or an opening bracket.
 * Undefined anywhere else (outside the notes, on a heading, in a word such as `read-`, on the list
 * marker `- ` itself).
 */
export function noteTagSlot(parsed: ParsedNotes, lineText: string, line: number, character: number): NoteTagSlot | undefined {
  const note = noteAt(parsed, line);
  if (!note || character > lineText.length) return undefined;
  let from: number;
  if (line === note.line) from = note.textRange.start.character;
  else {
    from = 0;
    while (from < lineText.length && (lineText.charCodeAt(from) === 32 || lineText.charCodeAt(from) === 9)) from++;
  }
  // The run of name characters before the cursor; a `-` sign is the run's first character (names hold dashes too).
  let run = character;
  while (run > from && isTagChar(lineText.charCodeAt(run - 1))) run--;
  const sign = run > from && (lineText[run - 1] === '+' || lineText[run - 1] === '#') ? run - 1 : lineText[run] === '-' && run < character ? run : -1;
  if (sign < from) return undefined;
  const start = sign + 1;
  const c = lineText[sign];
  if (sign > from) {
    const b = lineText[sign - 1];
    if (!/\s/.test(b) && !OPENING.includes(b)) return undefined;
  }
  // A name starts with a letter: `-1` is no tag being typed.
  if (start < character && !/[A-Za-z]/.test(lineText[start])) return undefined;
  let end = character;
  while (end < lineText.length && isTagChar(lineText.charCodeAt(end))) end++;
  return { polarity: c === '+' ? 'plus' : c === '-' ? 'minus' : 'neutral', sign, start, end };
}
