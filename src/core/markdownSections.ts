/**
 * Headings and sections of a Markdown document, read line by line (`./markdownLines`).
 * Headings inside fenced code blocks (the feedback template holds some) are not headings.
 */
import { atxHeading, documentLines, fencedLines } from './markdownLines';

/** One ATX heading of the document. */
export interface Heading {
  /** 1-6 */
  level: number;
  text: string;
  /** 0-based line of the heading. */
  line: number;
  /** Heading texts from the top-level ancestor down to this heading. */
  path: string[];
}

/** A heading's section: from the heading line to the line before the next heading of the same or a higher level. */
export interface Section {
  heading: Heading | undefined;
  /** 0-based, inclusive */
  startLine: number;
  /** 0-based, exclusive */
  endLine: number;
  markdown: string;
}

/** Joins heading texts the way content files name sections. */
export const PATH_SEPARATOR = ' > ';

/** Every heading outside fenced code, with its heading path. */
export function parseHeadings(lines: readonly string[], fenced = fencedLines(lines)): Heading[] {
  const headings: Heading[] = [];
  const stack: Heading[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const atx = atxHeading(lines[i]);
    if (!atx) continue;
    const { level, text } = atx;
    while (stack.length && stack[stack.length - 1].level >= level) stack.pop();
    const heading: Heading = { level, text, line: i, path: [...stack.map((h) => h.text), text] };
    stack.push(heading);
    headings.push(heading);
  }
  return headings;
}

/** An indexed Markdown document: find sections by heading path. */
export class MarkdownOutline {
  readonly lines: readonly string[];
  readonly headings: readonly Heading[];
  private readonly byPath = new Map<string, Heading>();
  private readonly fenced: boolean[];

  constructor(readonly text: string) {
    this.lines = documentLines(text);
    this.fenced = fencedLines(this.lines);
    this.headings = parseHeadings(this.lines, this.fenced);
    // A path may leave out the document's level-1 title: "Overview > Purpose".
    const titled = this.headings.filter((h) => h.level === 1).length === 1 && this.headings[0]?.level === 1;
    for (const h of this.headings) {
      for (const key of [h.path.join(PATH_SEPARATOR), titled && h.level > 1 ? h.path.slice(1).join(PATH_SEPARATOR) : '']) {
        if (key && !this.byPath.has(key)) this.byPath.set(key, h);
      }
    }
  }

  /** The heading at this path, or undefined. */
  find(path: string): Heading | undefined {
    return this.byPath.get(path);
  }

  /**
   * The section under the heading at `path` ('' is the whole document).
   * A section stops at the next heading of the same or a higher level, or at a
   * top-level `---` rule that separates the guide's parts; trailing blank lines and rules are dropped.
   */
  section(path: string): Section | undefined {
    if (path === '') return { heading: undefined, startLine: 0, endLine: this.lines.length, markdown: this.text };
    const heading = this.find(path);
    if (!heading) return undefined;
    const next = this.headings.find((h) => h.line > heading.line && h.level <= heading.level);
    let end = next ? next.line : this.lines.length;
    // A thematic break between parts ends the section too, so the guide's footer stays out of its last part.
    for (let i = heading.line + 1; i < end; i++) {
      if (/^ {0,3}---\s*$/.test(this.lines[i]) && !this.fenced[i]) { end = i; break; }
    }
    while (end > heading.line + 1 && this.lines[end - 1].trim() === '') end--;
    return { heading, startLine: heading.line, endLine: end, markdown: this.lines.slice(heading.line, end).join('\n') };
  }
}

/** GitHub-style anchor slug of a heading text (kept here for existing imports; lives in `./slug`). */
export { slugify } from './slug';
