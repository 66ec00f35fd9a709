/**
 * Where Add Note writes a note: as the last item under the phase's `### <phase title>` in the
 * document's `## Interview Notes` section, creating the sub-heading (in plan order) and the
 * section (at the end of the file) when missing. The result is one insertion of whole lines:
 * every line already in the document stays as it is, and the document's line ending is kept.
 */
import { normalizeName } from '../feedback/names';
import type { TextEdit } from '../feedback/types';
import { documentLines, eolOf, nextFence } from '../markdownLines';
import { continuesNote, formatNoteTime, NOTES_HEADING, parseNotes, type NotesPhase, type ParsedNotes } from './parse';

/** The edit that adds a note, and the line the note is on once the edit is applied. */
export interface NoteInsertion {
  edit: TextEdit;
  line: number;
}

/** Options of `noteInsertion`. */
export interface NoteInsertionOptions {
  /** Every phase title of the plan, in order: a missing phase's sub-heading goes after those of the phases before it. */
  phaseTitles?: readonly string[];
  /** The document already parsed (`parseNotes(text)`), to spare a second pass. */
  parsed?: ParsedNotes;
}

/** A note's text on one line: line breaks (and the spaces around them) folded to one space, trimmed. */
export function foldNoteText(text: string): string {
  return text.replace(/[ \t]*(?:\r\n|[\r\n\u0085\u2028\u2029])+[ \t]*/g, ' ').trim();
}

/** A phase title as one line of heading text. */
function headingTitle(title: string): string {
  return foldNoteText(title);
}

/** `- [mm:ss] text`: a note's line, as Add Note writes it. */
export function noteLine(elapsedSeconds: number, noteText: string): string {
  const text = foldNoteText(noteText);
  return `- [${formatNoteTime(elapsedSeconds)}]${text ? ` ${text}` : ''}`;
}

/** `### title`, with a closing `#` when the title itself ends in `#`s that Markdown would take for a closing sequence. */
function phaseHeading(title: string): string {
  const t = headingTitle(title);
  return /(?:^|[ \t])#+$/.test(t) || t === '' ? `### ${t} #` : `### ${t}`;
}

const samePhase = (a: string, b: string) => {
  if (a.trim().toLowerCase() === b.trim().toLowerCase()) return true;
  const na = normalizeName(a);
  return na !== '' && na === normalizeName(b);
};

/** The line break that ends line `k` (`\r\n`, `\r` or `\n`), or undefined when the line is the last. */
function breakAfter(text: string, lines: readonly string[], k: number): string | undefined {
  if (k < 0 || k >= lines.length - 1) return undefined;
  let at = 0;
  for (let i = 0; i < k; i++) at += lines[i].length + (text.charCodeAt(at + lines[i].length) === 13 && text.charCodeAt(at + lines[i].length + 1) === 10 ? 2 : 1);
  at += lines[k].length;
  return text.charCodeAt(at) === 13 ? (text.charCodeAt(at + 1) === 10 ? '\r\n' : '\r') : '\n';
}

/**
 * The edit that appends a note (`- [mm:ss] text`, `[h:mm:ss]` past an hour) as the last item under
 * `### <phaseTitle>` in the document's notes section (the last one when there are several). A
 * missing sub-heading is created after those of the plan's earlier phases (`phaseTitles`), else at the
 * end of the section; a missing section is created at the end of the document. Without a phase
 * title the note goes before the section's first sub-heading. A note text with line breaks is
 * folded to one line.
 */
export function noteInsertion(text: string, phaseTitle: string | undefined, elapsedSeconds: number, noteText: string, options: NoteInsertionOptions = {}): NoteInsertion {
  const lines = documentLines(text);
  const fallbackEol = eolOf(text);
  const parsed = options.parsed ?? parseNotes(text);
  const note = noteLine(elapsedSeconds, noteText);
  const title = phaseTitle === undefined ? '' : headingTitle(phaseTitle);
  /** A heading or text right below: true when the added lines need a blank line after them. */
  const headingAt = (at: number) => at < lines.length && lines[at].trim() !== '' && !continuesNote(lines[at]);

  /** Inserts whole lines before line `at` (`lines.length`: after the last line); `index` is the note's among them. */
  const insert = (at: number, added: string[], index: number): NoteInsertion => {
    // A code fence left open above would swallow the note: close it first.
    const fence = fenceOpenBefore(lines, at);
    if (fence !== undefined) {
      added = [fence, ...added];
      index++;
    }
    // Text right below the note would read as the note's continuation.
    if (index === added.length - 1 && at < lines.length && continuesNote(lines[at])) added = [...added, ''];
    if (at < lines.length) {
      // Each added line ends with the line break of the line above (the document's own), so no break merges into a CRLF.
      const eol = breakAfter(text, lines, at > 0 ? at - 1 : 0) ?? fallbackEol;
      return { edit: { range: pos(at, 0), newText: added.map((l) => l + eol).join('') }, line: at + index };
    }
    const last = lines.length - 1;
    const eol = breakAfter(text, lines, last - 1) ?? fallbackEol;
    return { edit: { range: pos(last, lines[last].length), newText: added.map((l) => eol + l).join('') }, line: last + 1 + index };
  };

  const section = parsed.sections[parsed.sections.length - 1];
  if (!section) {
    const block = ['## ' + NOTES_HEADING, '', ...(title ? [phaseHeading(title), ''] : []), note];
    const content = lastContentLine(lines, 0, lines.length);
    return content < 0 ? insert(0, block, block.length - 1) : insert(content + 1, ['', ...block], block.length);
  }

  const phaseIndex = title ? section.phases.findIndex((p) => samePhase(p.title, title)) : -1;
  if (!title || phaseIndex >= 0) {
    const phase = phaseIndex >= 0 ? section.phases[phaseIndex] : undefined;
    // Without a phase: the notes above the section's first sub-heading.
    const from = phase ? phase.line : section.line;
    const to = phase ? phase.endLine : section.phases.length ? section.phases[0].line : section.endLine;
    let lastNote = -1;
    for (const n of parsed.notes) {
      if (n.line > to) break;
      if (n.line > from && n.endLine < to) lastNote = n.endLine;
    }
    if (lastNote >= 0) return insert(lastNote + 1, [note], 0);
    // The first note under the heading: one blank line between them.
    if (from + 1 < to && lines[from + 1].trim() === '') return insert(from + 2, headingAt(from + 2) ? [note, ''] : [note], 0);
    return insert(from + 1, headingAt(from + 1) ? ['', note, ''] : ['', note], 1);
  }

  // A new sub-heading: after the plan's earlier phases present, else before its later ones, else at the end of the section.
  const plan = options.phaseTitles ?? [];
  const planIndex = (t: string) => plan.findIndex((p) => samePhase(p, t));
  const want = planIndex(title);
  let after: NotesPhase | undefined;
  let before: NotesPhase | undefined;
  if (want >= 0) {
    for (const p of section.phases) {
      const k = planIndex(p.title);
      if (k >= 0 && k < want) after = p;
    }
    if (!after) before = section.phases.find((p) => planIndex(p.title) > want);
  }
  const block = [phaseHeading(title), '', note];
  if (before) {
    const blank = before.line > 0 && lines[before.line - 1].trim() !== '' ? [''] : [];
    return insert(before.line, [...blank, ...block, ''], blank.length + block.length - 1);
  }
  const from = after ? after.line : section.line;
  const to = after ? after.endLine : section.endLine;
  const at = Math.max(lastContentLine(lines, from, to), from) + 1;
  return insert(at, ['', ...block, ...(headingAt(at) ? [''] : [])], block.length);
}

const pos = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

/** The last line in [from, to) holding more than white space; -1 when none. */
function lastContentLine(lines: readonly string[], from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (lines[i].trim() !== '') return i;
  return -1;
}

/** The fence that closes a code block left open just before line `at`, or undefined when none is open. */
function fenceOpenBefore(lines: readonly string[], at: number): string | undefined {
  let fence: string | undefined;
  for (let i = 0; i < at && i < lines.length; i++) {
    const l = lines[i];
    if (fence !== undefined || l.indexOf('`') >= 0 || l.indexOf('~') >= 0) fence = nextFence(l, fence);
  }
  return fence;
}
