/**
 * Where Finish Interview writes the phase times (Insert Phase Times' Markdown) in a feedback
 * document: under a `### Phase Times` sub-heading at the end of its (last) `## Interview Notes`
 * section, which is created at the end of the document when missing. Plain TypeScript (no
 * `vscode`): one insertion of whole lines, every other line unchanged, the document's line ending kept.
 */
import { documentLines, eolOf } from '../markdownLines';
import { NOTES_HEADING, parseNotes } from './parse';

/** The sub-heading the phase times go under. */
export const PHASE_TIMES_HEADING = 'Phase Times';

/** One insertion at a position (0-based), and the line the block's sub-heading ends up on. */
export interface PhaseTimesInsertion {
  line: number;
  character: number;
  newText: string;
  headingLine: number;
}

export function phaseTimesInsertion(text: string, markdown: string): PhaseTimesInsertion {
  const eol = eolOf(text);
  const lines = documentLines(text);
  const body = documentLines(markdown.replace(/\s+$/, ''));
  const block = [`### ${PHASE_TIMES_HEADING}`, '', ...body];
  const section = parseNotes(text).sections.at(-1);
  const last = lines.length - 1;
  const lastContent = (from: number, to: number) => {
    for (let i = to - 1; i >= from; i--) if (lines[i].trim() !== '') return i;
    return -1;
  };
  if (!section) {
    const added = [`## ${NOTES_HEADING}`, '', ...block];
    const content = lastContent(0, lines.length);
    if (content < 0) return { line: 0, character: 0, newText: added.join(eol) + eol, headingLine: 2 };
    // After the last line with text: one blank line, then the section.
    return { line: content, character: lines[content].length, newText: eol + eol + added.join(eol), headingLine: content + 4 };
  }
  const at = Math.max(lastContent(section.line, section.endLine), section.line);
  const next = at + 1 <= last && lines[at + 1]?.trim() !== '' ? at + 1 : undefined;
  // Inserted at the end of the section's last line with text; a heading right below keeps a blank line before it.
  const newText = eol + eol + block.join(eol) + (next !== undefined ? eol : '');
  return { line: at, character: lines[at].length, newText, headingLine: at + 2 };
}
