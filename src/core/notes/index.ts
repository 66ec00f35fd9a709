/**
 * Live interview notes: the parser of a feedback document's `## Interview Notes` section (phases,
 * times, rubric tags), where Add Note writes a note, and the evidence the notes hold per rubric
 * dimension. Pure TypeScript with no dependency on `vscode`, shared by the editor and the CLI.
 */
export {
  NOTES_HEADING,
  NOTES_HEADING_LEVEL,
  PHASE_HEADING_LEVEL,
  continuesNote,
  formatNoteTime,
  isNotesHeading,
  listItemContent,
  noteAt,
  noteTagNames,
  noteTags,
  notesSectionAt,
  parseNotes,
  readNoteTime,
  scanTags,
  type InterviewNote,
  type NotePolarity,
  type NoteTag,
  type NoteTags,
  type NotesPhase,
  type NotesSection,
  type ParsedNotes,
  type UnknownNoteTag,
} from './parse';
export { foldNoteText, noteInsertion, noteLine, type NoteInsertion, type NoteInsertionOptions } from './insert';
export {
  evidenceLabel,
  notesReport,
  scoresWithoutEvidence,
  summarizeEvidence,
  type DimensionEvidence,
  type EvidenceCounts,
  type EvidenceSummary,
  type NotesReport,
  type UnsupportedScore,
} from './evidence';
