/**
 * The loop a feedback file was written for: an HTML comment beside the rubric record (Markdown does
 * not show it), written when the file is created from a loop interview (Start Interview from the
 * loop, or the interview's CodeLens): `<!-- sdi-loop: file=<loop file> interview=<n> -->`, the loop
 * file workspace-relative and `n` the interview's place (0-based) in its `interviews`.
 */

/** What a feedback file's loop line says. */
export interface LoopRecord {
  /** The loop file, workspace-relative as the editor names it. */
  file: string;
  /** The interview's place in the loop's `interviews` (0-based). */
  interview: number;
}

/** How many lines from the top the loop line may sit on (after a title and the rubric record). */
const LOOP_RECORD_LINES = 6;
const LOOP_RECORD = /^\s*<!--\s*sdi-loop:\s*file=(\S+)\s+interview=(\d+)\s*-->\s*$/;

/** The loop line for a loop interview (no line break). */
export function loopRecordLine(record: LoopRecord): string {
  // A path is one token: white space, `%` and `>` (so no `-->`) are percent-encoded.
  return `<!-- sdi-loop: file=${record.file.replace(/[\s%>]/g, (c) => encodeURIComponent(c))} interview=${record.interview} -->`;
}

/** The loop line among the first lines of a feedback text; undefined when there is none. */
export function readLoopRecord(text: string): LoopRecord | undefined {
  for (const line of text.slice(0, 4096).split(/\r?\n/, LOOP_RECORD_LINES)) {
    const m = LOOP_RECORD.exec(line);
    if (!m) continue;
    try {
      return { file: decodeURIComponent(m[1]), interview: Number(m[2]) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}
