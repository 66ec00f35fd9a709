/**
 * What the feedback reader returns: the fields, score lines, checkbox groups and feedbacks of a
 * document, each with its range. A leaf module (the line readers and the template both use it).
 */
import type { LineStart, Range } from '../range';
import type { Submission } from '../kit/record';

/** What a header field holds, for the checks that read it (`date-invalid`, `experience-below-bar`) and for New Feedback. */
export type TemplateFieldRole = 'candidate' | 'interviewer' | 'date' | 'problem' | 'experience' | 'other';

/** How the boxes of a checkbox group are checked. */
export type CheckboxGroupKind = 'single' | 'multi' | 'recommendation';

/** A `**Label:** value` line of the document. */
export interface ParsedField {
  /** The label without emphasis or colon, e.g. "Problem Used". */
  label: string;
  /** What the template says the field holds; 'other' for a label the template does not have. */
  role: TemplateFieldRole;
  line: number;
  labelRange: Range;
  /** The value, trimmed; '' when empty. */
  value: string;
  /** The trimmed value's range (zero-width after the label when empty). */
  valueRange: Range;
  /** The value is a bracketed placeholder such as `[Name]`. */
  placeholder: boolean;
}

/** A `Name (30%): 3 / 4` line of a scores block, read leniently. */
export interface ParsedScoreLine {
  line: number;
  /** The whole line (without its line break). */
  lineRange: Range;
  /** The line is a list item (`- `, `* `, `+ `, `1. `); other lines count only when they name a dimension or carry a weight. */
  listItem: boolean;
  /** The name as written (trimmed, without emphasis). */
  name: string;
  nameRange: Range;
  /** The text inside the parentheses, e.g. "30%"; undefined when the line has no weight. */
  weightText?: string;
  weightRange?: Range;
  /** The score as written, e.g. "3", "[1-4]", "3.5", ""; emphasis and the "/ 4" part excluded. */
  valueText: string;
  /** The score's range; zero-width where a score would go when it is empty. */
  valueRange: Range;
  /** The text after "/", e.g. "4"; undefined when absent. */
  outOfText?: string;
  outOfRange?: Range;
}

/** One `- [ ] text` item of a checkbox group. */
export interface ParsedCheckbox {
  line: number;
  checked: boolean;
  /** The brackets with what is inside them, e.g. `[x]`. */
  boxRange: Range;
  /** The item's text after the box, trimmed. */
  text: string;
  textRange: Range;
}

/** A checkbox group's id in the template spec (`recommendation`, `role-fit`, or a slug of a kit template's heading). */
export type CheckboxGroupId = string;

/** The checkboxes under one of the template's headings. */
export interface ParsedCheckboxGroup {
  id: CheckboxGroupId;
  /** How the group's boxes are checked, from the template spec. */
  kind: CheckboxGroupKind;
  /** The heading as the spec writes it. */
  heading: string;
  headingLine: number;
  /** The whole heading line. */
  headingRange: Range;
  items: ParsedCheckbox[];
}

/** One feedback: a "Scores (Weighted)" block with the header fields and checkbox groups of the same part of the document. */
export interface ParsedFeedbackPart {
  /** First and last+1 line of this part of the document. */
  startLine: number;
  endLine: number;
  /** The "Scores (Weighted)" heading line's range; undefined when the document has none. */
  scoresHeading?: Range;
  /** The heading level of the scores heading (1-6). */
  scoresHeadingLevel?: number;
  /** Further "Scores (Weighted)" headings in the same part (each is reported, none is read). */
  extraScoresHeadings: Range[];
  /** Header fields: `**Label:** value` lines above the scores heading. */
  fields: ParsedField[];
  scoreLines: ParsedScoreLine[];
  /** The "Weighted Score" line of the block, read like a score line. */
  weightedLine?: ParsedScoreLine;
  groups: ParsedCheckboxGroup[];
}

/** A parsed feedback document. Most documents hold one part; a file that concatenates several feedbacks holds one per scores block. */
export interface ParsedFeedback {
  /** Number of lines (a final empty line after the last break counts). */
  lineCount: number;
  /** The document's line break: the first one found, else "\n". */
  eol: '\n' | '\r\n' | '\r';
  parts: ParsedFeedbackPart[];
  /** Where the first `## Interview Notes` heading is (its line, where that line starts in the text): the notes reader (`core/notes`) starts there. Undefined when there is none. */
  notes?: LineStart;
  /** The seal its record line holds, when the feedback was submitted (`../kit/seal`). */
  submission?: Submission;
}
