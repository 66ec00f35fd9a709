/**
 * Splits a problem file into its YAML front matter (between `---` lines at the top) and its
 * Markdown body, keeping the line each part starts on so findings land on the file's own lines.
 */

/** A problem file, split. Lines are 0-based lines of the file. */
export interface FrontMatterSplit {
  /** The YAML between the fences ('' when empty); undefined when the file has no front matter. */
  yaml: string | undefined;
  /** Line of the file where `yaml` starts (the line after the opening `---`). */
  yamlLine: number;
  /** The Markdown after the closing fence (the whole text when there is no front matter). */
  body: string;
  /** Line of the file where `body` starts. */
  bodyLine: number;
  /** Why the front matter could not be read, e.g. an opening `---` with no closing one. */
  error?: { line: number; message: string };
}

const OPEN = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** Splits `text` (LF or CRLF, a leading BOM allowed) into front matter and body. Never throws. */
export function splitFrontMatter(text: string): FrontMatterSplit {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstEnd = lineEnd(src, 0);
  if (!OPEN.test(stripCr(src.slice(0, firstEnd)))) return { yaml: undefined, yamlLine: 0, body: src, bodyLine: 0 };
  let line = 1;
  let pos = nextLine(src, firstEnd);
  const yamlStart = pos;
  while (pos >= 0 && pos <= src.length) {
    const end = lineEnd(src, pos);
    if (CLOSE.test(stripCr(src.slice(pos, end)))) {
      const bodyStart = nextLine(src, end);
      return {
        yaml: src.slice(yamlStart, pos),
        yamlLine: 1,
        body: bodyStart < 0 ? '' : src.slice(bodyStart),
        bodyLine: line + 1,
      };
    }
    if (end >= src.length) break;
    pos = nextLine(src, end);
    line++;
  }
  return {
    yaml: undefined,
    yamlLine: 1,
    body: src,
    bodyLine: 0,
    error: { line: 0, message: 'the front matter opened by "---" on line 1 has no closing "---"' },
  };
}

function lineEnd(s: string, from: number): number {
  const i = s.indexOf('\n', from);
  return i < 0 ? s.length : i;
}

/** Start of the line after the one ending at `end` (a `\n` or the end of text); -1 past the end. */
function nextLine(s: string, end: number): number {
  return end >= s.length ? -1 : end + 1;
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
