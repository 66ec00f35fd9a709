/** Positions and ranges in a document as the core reports them (plain objects shaped as VS Code's). */

/** A 0-based line and UTF-16 character offset, as in `vscode.Position`. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open span of the document, as in `vscode.Range`. */
export interface Range {
  start: Position;
  end: Position;
}

/** Where a line starts: its number, and the offset in the document's text of its first character. */
export interface LineStart {
  line: number;
  offset: number;
}

/** The range of characters `start` to `end` of line `line`. */
export const range = (line: number, start: number, end: number): Range => ({ start: { line, character: start }, end: { line, character: end } });
