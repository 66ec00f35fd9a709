/**
 * Reads the live interview notes of a feedback document: the `## Interview Notes` section, its
 * `### <phase title>` sub-headings, and every list item in it as a note with its time
 * (`[mm:ss]` or `[h:mm:ss]`, optional), its text and its rubric tags (`+scale` a strong signal,
 * `-dist` a concern, `#comm` neutral). Every part carries its exact range (0-based line and
 * character, as the feedback core's), so the editor can decorate, hover and diagnose, and the CLI
 * and the evidence summary read the same notes.
 */
import type { Dimension } from '../content';
import { headingOf, isSpace } from '../feedback/lines';
import { normalizeName } from '../feedback/names';
import { range, type LineStart, type Range } from '../range';
import { documentLines, nextFence, openingFence } from '../markdownLines';

/** The heading of the notes section, as Add Note writes it. */
export const NOTES_HEADING = 'Interview Notes';
const NOTES_KEY = normalizeName(NOTES_HEADING);
/** The notes section's heading level; it ends at the next heading of this level or above. */
export const NOTES_HEADING_LEVEL = 2;
/** The level of a phase's sub-heading inside the notes section. */
export const PHASE_HEADING_LEVEL = 3;

/** What a tag says about its dimension: `+` strong signal, `-` concern, `#` neutral. */
export type NotePolarity = 'plus' | 'minus' | 'neutral';

/** A rubric tag in a note: `+scale`, `-dist`, `#comm`. */
export interface NoteTag {
  polarity: NotePolarity;
  /** The tag as written, without its sign (`Scale` in `+Scale`). */
  name: string;
  /** The rubric dimension's id the tag names. */
  dimension: string;
  /** From the sign to the end of the name. */
  range: Range;
}

/** A token shaped like a tag (a sign and letters only) that names no rubric dimension: `+scaled`, `#todo`. */
export interface UnknownNoteTag {
  polarity: NotePolarity;
  name: string;
  range: Range;
}

/** One note: a list item in the notes section. */
export interface InterviewNote {
  /** The item's first line. */
  line: number;
  /** The item's last line: later than `line` when the item continues on the lines below (lazily, without a blank line). */
  endLine: number;
  /** From the list marker to the end of the item's last line. */
  range: Range;
  /** The phase sub-heading's title the note is under (as written); undefined before the first one. */
  phase?: string;
  /** Index of that phase in its section's `phases`; -1 before the first one. */
  phaseIndex: number;
  /** Index of the note's section in `ParsedNotes.sections`. */
  section: number;
  /** Seconds into the interview, when the item starts with a valid `[mm:ss]` or `[h:mm:ss]`. */
  seconds?: number;
  /** The time as written, brackets included. */
  timeText?: string;
  timeRange?: Range;
  /** The note's text (after the time), continuation lines joined with a space, trimmed. */
  text: string;
  /** The text's range: from its first character on the first line to the end of the last line. */
  textRange: Range;
  /** Every rubric tag in the note, in order (a tag written twice counts twice). */
  tags: NoteTag[];
  /** Tag-shaped tokens that name no dimension. */
  unknownTags: UnknownNoteTag[];
}

/** A `### <phase title>` sub-heading of the notes section. */
export interface NotesPhase {
  /** The title as written (closing `#`s and surrounding spaces removed). */
  title: string;
  line: number;
  titleRange: Range;
  /** The line after the phase's block: the next heading of level 3 or above, or the section's end. */
  endLine: number;
}

/** One `## Interview Notes` section. */
export interface NotesSection {
  /** The heading's line. */
  line: number;
  headingRange: Range;
  /** The line after the section: the next heading of level 2 or above, or the line count. */
  endLine: number;
  phases: NotesPhase[];
}

/** A document's notes: every notes section, and every note in document order. */
export interface ParsedNotes {
  sections: NotesSection[];
  notes: InterviewNote[];
  /** Tag-shaped tokens naming no dimension, over all notes, in order. */
  unknownTags: UnknownNoteTag[];
}

/** The tags a rubric accepts: each dimension's `tag`, else its id, lowercased, to the dimension's id. */
export interface NoteTags {
  readonly byName: ReadonlyMap<string, string>;
}

/** The tag look-up of a rubric's dimensions (`tag ?? id`, case-insensitive). The first dimension wins a clash. */
export function noteTags(dimensions: readonly Pick<Dimension, 'id' | 'tag'>[]): NoteTags {
  const byName = new Map<string, string>();
  for (const d of dimensions) {
    const key = (d.tag ?? d.id).toLowerCase();
    if (key && !byName.has(key)) byName.set(key, d.id);
  }
  return { byName };
}

/** The tags' names a rubric accepts, in dimension order (for completion). */
export function noteTagNames(dimensions: readonly Pick<Dimension, 'id' | 'tag'>[]): { tag: string; dimension: string }[] {
  return dimensions.map((d) => ({ tag: d.tag ?? d.id, dimension: d.id }));
}

/** Whether an ATX heading's text names the notes section. */
export function isNotesHeading(heading: { level: number; text: string }): boolean {
  return heading.level === NOTES_HEADING_LEVEL && heading.text === NOTES_KEY;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isTagChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 45; /* - */
const isLetter = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const PUNCTUATION = /^[\p{P}\s]$/u;
const OPENING = new Set([40 /* ( */, 91 /* [ */, 123 /* { */]);

/** Where a list item's content starts (after the marker and its spaces), or -1 when the line is no list item. */
export function listItemContent(line: string): { marker: number; content: number } | -1 {
  const n = line.length;
  let i = 0;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  const marker = i;
  const c = line.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) i++;
  else {
    const d = i;
    while (i < n && i - d < 9 && isDigit(line.charCodeAt(i))) i++;
    if (i === d || (line.charCodeAt(i) !== 46 && line.charCodeAt(i) !== 41)) return -1;
    i++;
  }
  if (i < n && !isSpace(line.charCodeAt(i))) return -1;
  while (i < n && isSpace(line.charCodeAt(i))) i++;
  return { marker, content: i };
}

/** Reads `[mm:ss]` or `[h:mm:ss]` at `at`: its seconds and end, or undefined when there is none (or it is no valid time). */
export function readNoteTime(line: string, at: number): { seconds: number; end: number } | undefined {
  if (line.charCodeAt(at) !== 91) return undefined;
  // Up to three parts: the first any 1-6 digits (minutes past 59 are fine without hours), the later ones two digits under 60.
  let total = 0;
  let parts = 0;
  let i = at + 1;
  for (;;) {
    const start = i;
    let v = 0;
    while (i < line.length && i - start < 7 && isDigit(line.charCodeAt(i))) v = v * 10 + line.charCodeAt(i++) - 48;
    const len = i - start;
    if (len === 0 || len > 6 || (parts > 0 && (len !== 2 || v > 59))) return undefined;
    total = parts === 0 ? v : total * 60 + v;
    parts++;
    const c = line.charCodeAt(i++);
    if (c === 93 /* ] */) break;
    if (c !== 58 /* : */ || parts === 3) return undefined;
  }
  return parts < 2 ? undefined : { seconds: total, end: i };
}

/** `mm:ss` under an hour, `h:mm:ss` from an hour on (no brackets). Negative or fractional seconds are floored at 0. */
export function formatNoteTime(seconds: number): string {
  const s = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0;
  const p = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${p(m)}:${p(s % 60)}` : `${p(m)}:${p(s % 60)}`;
}

/** What `forEachTag` reports: a tag from `start` (its sign) to `end`, naming `dimension`, or undefined for a tag-shaped token naming none (`+scaled`). */
export type OnTag = (polarity: NotePolarity, start: number, end: number, dimension: string | undefined) => void;

/**
 * Reads the tags of one line of a note from `from` on. A tag is `+`, `-` or `#` directly
 * followed by a known tag name, at `from` (the start of the note's text) or after white space or
 * an opening bracket, and ending at white space, punctuation or the end of the line. The longest
 * known name wins (`+scale-out` is `scale-out` when the rubric has it, else `+scale`). A token of
 * a sign and letters only that names no dimension is reported too, with no dimension.
 */
export function forEachTag(line: string, from: number, tags: NoteTags, onTag: OnTag): void {
  const n = line.length;
  for (let i = from; i < n - 1; i++) {
    const c = line.charCodeAt(i);
    if (c !== 43 && c !== 45 && c !== 35) continue;
    if (i > from) {
      const b = line.charCodeAt(i - 1);
      if (!isSpace(b) && !OPENING.has(b) && !(b > 127 && /\s/.test(line[i - 1]))) continue;
    }
    let e = i + 1;
    while (e < n && isTagChar(line.charCodeAt(e))) e++;
    if (e === i + 1) continue;
    const boundary = (at: number) => at >= n || PUNCTUATION.test(line[at]);
    const polarity: NotePolarity = c === 43 ? 'plus' : c === 45 ? 'minus' : 'neutral';
    // The whole run, then each shorter run ending before one of its dashes.
    let end = e;
    let found = false;
    while (end > i + 1) {
      const dimension = tags.byName.get(line.slice(i + 1, end).toLowerCase());
      if (dimension !== undefined && boundary(end)) {
        onTag(polarity, i, end, dimension);
        found = true;
        break;
      }
      const dash = line.lastIndexOf('-', end - 1);
      end = dash > i + 1 ? dash : i + 1;
    }
    if (!found && boundary(e)) {
      let letters = true;
      for (let k = i + 1; k < e && letters; k++) letters = isLetter(line.charCodeAt(k));
      if (letters) onTag(polarity, i, e, undefined);
    }
    i = (found ? end : e) - 1;
  }
}

/** The tags of one line of a note (`forEachTag`) as objects: the known ones into `out`, the tag-shaped others into `unknown`. */
export function scanTags(line: string, lineNo: number, from: number, tags: NoteTags, out: NoteTag[], unknown: UnknownNoteTag[]): void {
  forEachTag(line, from, tags, (polarity, start, end, dimension) => {
    const name = line.slice(start + 1, end);
    if (dimension !== undefined) out.push({ polarity, name, dimension, range: range(lineNo, start, end) });
    else unknown.push({ polarity, name, range: range(lineNo, start, end) });
  });
}

/**
 * Whether a line right below a note continues it (a lazy continuation): text that is no heading,
 * list item, fence, quote, table row or rule. Add Note uses it to know when a note it writes
 * needs a blank line below.
 */
export function continuesNote(line: string): boolean {
  if (openingFence(line) || headingOf(line) || listItemContent(line) !== -1) return false;
  return continues(line);
}

function continues(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (i === line.length) return false;
  const c = line.charCodeAt(i);
  if (c === 62 /* > */ || c === 60 /* < */ || c === 124 /* | */) return false;
  if (/^ {0,3}([-*_])[ \t]*(\1[ \t]*){2,}$/.test(line)) return false;
  return true;
}

/** A note's first line, as the notes reader meets it. */
export interface NoteStart {
  /** Where the list marker is. */
  marker: number;
  /** Where the item's content starts (after the marker and its spaces): where a time would be. */
  content: number;
  /** The note's time, when the content starts with a valid one. */
  time: { seconds: number; end: number } | undefined;
  /** Where the note's text starts: after the marker, and after the time and its spaces. */
  at: number;
}

/**
 * What the notes reader meets, in document order: the callbacks of `walkNotes`. `parseNotes`
 * builds the notes from them; the evidence counts tags from them without building any.
 */
export interface NotesVisitor {
  /** A notes section's heading on line `i`. */
  section?(i: number, line: string): void;
  /** The open section (and its last phase) ends before line `i`: a heading of its level or above. */
  sectionEnd?(i: number): void;
  /** A phase sub-heading of the open section. */
  phase?(i: number, line: string, heading: { level: number; raw: string }): void;
  /** A note's first line. */
  note(i: number, line: string, start: NoteStart): void;
  /** A line continuing the open note, its text from `at` (the line's indentation skipped). */
  continued(i: number, line: string, at: number): void;
}

/**
 * The lines the notes reader reads: the whole text, or with `from` (a line outside fenced code with
 * no notes above it: the first notes heading, as the feedback parser finds it,
 * `ParsedFeedback.notes`) from there on. `first` is the number of `lines[0]` in the document.
 */
export function notesLines(text: string, from?: LineStart): { lines: string[]; first: number } {
  return { lines: documentLines(from ? text.slice(from.offset) : text), first: from ? from.line : 0 };
}

/**
 * The notes reader: walks `lines` (line `first` of the document on) and tells `visitor` of every
 * notes section, phase sub-heading, note and note continuation. Fenced code is skipped; a note ends
 * at a blank line, a heading, a fence or any line that does not continue it.
 */
export function walkNotes(lines: readonly string[], first: number, visitor: NotesVisitor): void {
  let inSection = false;
  let inNote = false;
  let fence: string | undefined;
  for (let i = first; i < first + lines.length; i++) {
    const line = lines[i - first];
    // A fence line (opening or closing) or a line inside one: neither heading nor note.
    if (fence !== undefined || line.indexOf('`') >= 0 || line.indexOf('~') >= 0) {
      const was = fence;
      fence = nextFence(line, fence);
      if (was !== undefined || fence !== undefined) {
        inNote = false;
        continue;
      }
    }
    const h = line.indexOf('#') >= 0 ? headingOf(line) : undefined;
    if (h) {
      inNote = false;
      if (inSection && h.level <= NOTES_HEADING_LEVEL) {
        visitor.sectionEnd?.(i);
        inSection = false;
      }
      if (!inSection && isNotesHeading(h)) {
        visitor.section?.(i, line);
        inSection = true;
      } else if (inSection && h.level === PHASE_HEADING_LEVEL) visitor.phase?.(i, line, h);
      continue;
    }
    if (!inSection) continue;
    const item = listItemContent(line);
    if (item === -1) {
      if (inNote && continues(line)) visitor.continued(i, line, line.length - line.trimStart().length);
      else inNote = false;
      continue;
    }
    let at = item.content;
    const time = readNoteTime(line, at);
    if (time) {
      at = time.end;
      while (at < line.length && isSpace(line.charCodeAt(at))) at++;
    }
    visitor.note(i, line, { marker: item.marker, content: item.content, time, at });
    inNote = true;
  }
}

/**
 * Parses a document's notes. `tags` (or the rubric's dimensions) decide which `+word` are tags;
 * without them no tag is read (the structure alone, as Add Note needs it). Fenced code is skipped.
 * With `from` (see `notesLines`), the lines above it are not read again.
 */
export function parseNotes(text: string, tags?: NoteTags | readonly Pick<Dimension, 'id' | 'tag'>[], { from }: { from?: LineStart } = {}): ParsedNotes {
  const lookup = tags === undefined ? undefined : 'byName' in tags ? tags : noteTags(tags);
  const { lines, first } = notesLines(text, from);
  const lineCount = first + lines.length;
  const sections: NotesSection[] = [];
  const notes: InterviewNote[] = [];
  const unknownTags: UnknownNoteTag[] = [];
  let section: NotesSection | undefined;
  let phase: NotesPhase | undefined;
  let note: InterviewNote | undefined;
  const tagBuffer: NoteTag[] = [];
  const unknownBuffer: UnknownNoteTag[] = [];
  walkNotes(lines, first, {
    section(i, line) {
      section = { line: i, headingRange: range(i, 0, line.length), endLine: lineCount, phases: [] };
      sections.push(section);
    },
    sectionEnd(i) {
      section!.endLine = i;
      if (phase) phase.endLine = i;
      section = undefined;
      phase = undefined;
    },
    phase(i, line, h) {
      if (phase) phase.endLine = i;
      const start = line.indexOf(h.raw, line.indexOf('#') + h.level);
      phase = { title: h.raw, line: i, titleRange: range(i, start, start + h.raw.length), endLine: section!.endLine };
      section!.phases.push(phase);
    },
    continued(i, line, at) {
      const n = note!;
      n.endLine = i;
      n.range = { start: n.range.start, end: { line: i, character: line.length } };
      const more = line.trim();
      if (more) n.text = n.text ? `${n.text} ${more}` : more;
      n.textRange = { start: n.textRange.start, end: { line: i, character: line.length } };
      if (lookup) {
        scanTags(line, i, at, lookup, tagBuffer, unknownBuffer);
        if (tagBuffer.length) n.tags = n.tags.concat(tagBuffer);
        if (unknownBuffer.length) n.unknownTags = n.unknownTags.concat(unknownBuffer);
        tagBuffer.length = unknownBuffer.length = 0;
      }
    },
    note(i, line, { marker, content, time, at }) {
      let end = line.length;
      while (end > at && isSpace(line.charCodeAt(end - 1))) end--;
      if (lookup) scanTags(line, i, at, lookup, tagBuffer, unknownBuffer);
      // One object literal of one shape; the tag lists sized exactly (a large result stays small in memory).
      note = {
        line: i,
        endLine: i,
        range: range(i, marker, line.length),
        phase: phase ? phase.title : undefined,
        phaseIndex: phase ? section!.phases.length - 1 : -1,
        section: sections.length - 1,
        seconds: time?.seconds,
        timeText: time ? line.slice(content, time.end) : undefined,
        timeRange: time ? range(i, content, time.end) : undefined,
        text: line.slice(at, end),
        textRange: range(i, at, end),
        tags: tagBuffer.length ? tagBuffer.slice() : [],
        unknownTags: unknownBuffer.length ? unknownBuffer.slice() : [],
      };
      tagBuffer.length = unknownBuffer.length = 0;
      notes.push(note);
    },
  });
  for (const n of notes) for (const u of n.unknownTags) unknownTags.push(u);
  return { sections, notes, unknownTags };
}

/** The notes section holding a line, or undefined when the line is outside every one. */
export function notesSectionAt(parsed: ParsedNotes, line: number): NotesSection | undefined {
  return parsed.sections.find((s) => line >= s.line && line < s.endLine);
}

/** The note on a line (any line of a multi-line item), or undefined. */
export function noteAt(parsed: ParsedNotes, line: number): InterviewNote | undefined {
  let lo = 0;
  let hi = parsed.notes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = parsed.notes[mid];
    if (line < n.line) hi = mid - 1;
    else if (line > n.endLine) lo = mid + 1;
    else return n;
  }
  return undefined;
}
