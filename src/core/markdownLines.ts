/**
 * The one line-level reading of Markdown the core does without markdown-it: where lines break (as
 * VS Code counts them), where code fences open and close, and which lines are ATX headings, all by
 * CommonMark's rules for a document without containers (list items and block quotes are read as
 * text). Every scanner in the core (feedback, notes, kit guide outline, search) is built on it; the
 * unit tests hold it to markdown-it's tokens. A leaf module: it imports nothing.
 */

/** A line break: CRLF, LF or a lone CR, as VS Code and markdown-it both count lines. */
export const LINE_BREAK = /\r\n|\r|\n/;

/** The line break a document uses. */
export type LineBreak = '\n' | '\r\n' | '\r';

/** Splits into lines the way VS Code does: CRLF, LF and lone CR all end a line. */
export function documentLines(text: string): string[] {
  return text.indexOf('\r') < 0 ? text.split('\n') : text.split(LINE_BREAK);
}

/** Where line `line` starts in `text`, its line breaks counted as `documentLines` counts them; -1 past the last line. */
export function lineStart(text: string, line: number): number {
  const breaks = new RegExp(LINE_BREAK.source, 'g');
  for (let l = 0; l < line; l++) if (!breaks.exec(text)) return -1;
  return line > 0 ? breaks.lastIndex : 0;
}

/** The document's line break: the one that ends its first line (LF for a single line). */
export function eolOf(text: string): LineBreak {
  const n = text.indexOf('\n');
  const r = text.indexOf('\r');
  if (r < 0) return '\n';
  if (n < 0 || r < n - 1) return '\r';
  return r === n - 1 ? '\r\n' : '\n';
}

/** The first character (as a UTF-16 code) after at most three spaces: where a fence or heading must start; -1 when there is none. */
export function firstNonSpace(line: string): number {
  for (let i = 0; i < 4 && i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32) return c;
  }
  return -1;
}

const isSpaceOrTab = (c: number) => c === 32 || c === 9;

/** line[from, to) without the spaces and tabs at its ends: CommonMark trims no other white space. */
function trimSpacesAndTabs(line: string, from: number, to: number): string {
  while (from < to && isSpaceOrTab(line.charCodeAt(from))) from++;
  while (to > from && isSpaceOrTab(line.charCodeAt(to - 1))) to--;
  return line.slice(from, to);
}

/** Where the run of `line[from]` ends. */
function runEnd(line: string, from: number): number {
  const c = line.charCodeAt(from);
  let i = from;
  while (line.charCodeAt(i) === c) i++;
  return i;
}

/** Where a fence marker may start: after at most three spaces, on a backtick or a tilde; -1 otherwise. */
function markerStart(line: string): number {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const c = line.charCodeAt(i);
  return c === 96 || c === 126 ? i : -1;
}

/**
 * The code fence this line opens, if it is an opening fence: three or more backticks or tildes after
 * at most three spaces. `marker` is the run itself (what closes it starts with it), `info` the text
 * after it without spaces and tabs at its ends. A backtick fence's info may not hold a backtick
 * (that line is inline code).
 */
export function openingFence(line: string): { marker: string; info: string } | undefined {
  const start = markerStart(line);
  if (start < 0) return undefined;
  const end = runEnd(line, start);
  if (end - start < 3) return undefined;
  if (line.charCodeAt(start) === 96 && line.indexOf('`', end) >= 0) return undefined;
  return { marker: line.slice(start, end), info: trimSpacesAndTabs(line, end, line.length) };
}

/** The language a fence's info string names: its first word (`mermaid` for a diagram). */
export function fenceLanguage(info: string): string {
  return info.trim().split(/\s+/)[0];
}

/** Whether this line closes the fence `marker` opened: a run of its character at least as long, after at most three spaces, then only spaces or tabs. */
export function closesFence(line: string, marker: string): boolean {
  const start = markerStart(line);
  if (start < 0 || line.charCodeAt(start) !== marker.charCodeAt(0)) return false;
  let end = runEnd(line, start);
  if (end - start < marker.length) return false;
  while (end < line.length && isSpaceOrTab(line.charCodeAt(end))) end++;
  return end === line.length;
}

/** The fence open after this line, given the one open before it (undefined: none): a fence scanner's one step. */
export function nextFence(line: string, fence: string | undefined): string | undefined {
  if (fence === undefined) return openingFence(line)?.marker;
  return closesFence(line, fence) ? undefined : fence;
}

/** For each line, whether it belongs to a fenced code block (its fence lines included). */
export function fencedLines(lines: readonly string[]): boolean[] {
  let fence: string | undefined;
  return lines.map((line) => {
    const inside = fence !== undefined;
    fence = nextFence(line, fence);
    return inside || fence !== undefined;
  });
}

/**
 * The ATX heading a line is, outside fenced code: 1 to 6 `#` after at most three spaces, then a
 * space, a tab or the end of the line. `text` is what follows without a closing run of `#` (which
 * counts only after a space or a tab) and without spaces and tabs at its ends; undefined when the
 * line is no heading.
 */
export function atxHeading(line: string): { level: number; text: string } | undefined {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  let level = 0;
  while (line.charCodeAt(i + level) === 35) level++;
  if (level < 1 || level > 6) return undefined;
  const k = i + level;
  if (k < line.length && !isSpaceOrTab(line.charCodeAt(k))) return undefined;
  let e = line.length;
  while (e > k && isSpaceOrTab(line.charCodeAt(e - 1))) e--;
  let h = e;
  while (h > k && line.charCodeAt(h - 1) === 35) h--;
  if (h < e && isSpaceOrTab(line.charCodeAt(h - 1))) e = h;
  return { level, text: trimSpacesAndTabs(line, k, e) };
}
