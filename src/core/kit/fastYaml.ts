/**
 * A fast reader for the plain YAML that problem front matter and most kit files are written in:
 * block mappings and sequences, one-line scalars (plain, single- or double-quoted), one-line flow
 * sequences of scalars, and `>`/`|` block scalars with even indentation. It is about twenty times
 * faster than the full parser, which matters for a bank of thousands of problems.
 *
 * It never guesses: anything outside that subset (comments other than a header of comment lines,
 * anchors, tags, flow mappings, multi-line plain scalars, unusual escapes...) answers `BAIL`, and
 * the caller parses the text with `yaml` itself, which also locates every finding. Whatever it
 * does return equals what `yaml` returns for the same text (a differential property test holds it
 * to that). `parsePlainJson` does the same for JSON objects and arrays with `JSON.parse`.
 */

/** The answer when the text is outside the subset: parse it with `yaml`. */
export const BAIL: unique symbol = Symbol('bail');

interface Line {
  indent: number;
  /** The line without its indentation and trailing white space. */
  text: string;
  /** Index into the raw lines (block scalars read raw lines). */
  raw: number;
}

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

const KEY = /^([A-Za-z_$][A-Za-z0-9_$.-]*)[ ]*:(?:[ ]+(.*))?$/;
/**
 * What JavaScript's `trim()` and `\s` take for white space and YAML does not (its white space is the
 * space and the tab): a no-break space after `minutes: 7` is text to YAML. The reader trims its lines,
 * so a text holding any of these anywhere is yaml's to read.
 */
const NOT_YAML_SPACE = /[\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const NOT_STRING_KEY = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?[0-9].*|\..*)$/;

/** Parses `text`, or answers `BAIL` when it is not in the subset. Never throws. */
export function parseSimpleYaml(text: string, maxDepth = 64): unknown {
  if (NOT_YAML_SPACE.test(text)) return BAIL;
  const lf = text.replace(/\r\n/g, '\n');
  // Comment lines at the very top (a file's usual header) are comments whatever follows them.
  const header = /^(?:(?:#[^\0-\x1f\x7f\u0085]*| *)\n)*/.exec(lf)![0];
  // Characters outside the subset wherever they are (comments, tabs, odd line breaks); those that
  // only matter where a value starts (`&`, `*`, `!`, `{`...) are checked there.
  if (/[\t#\r\u0085]/.test(header.length ? lf.slice(header.length) : lf)) return BAIL;
  const rawLines = lf.split('\n');
  const lines: Line[] = [];
  for (let i = header.split('\n').length - 1; i < rawLines.length; i++) {
    const raw = rawLines[i];
    const trimmed = raw.trim();
    if (!trimmed) continue;
    if (/^(?:---|\.\.\.)(?:\s|$)/.test(raw)) return BAIL;
    // Any control character other than the line feed: let the real parser judge it.
    if (/[\u0000-\u001f\u007f]/.test(raw)) return BAIL;
    lines.push({ indent: raw.length - raw.trimStart().length, text: trimmed, raw: i });
  }
  if (!lines.length || lines[0].indent !== 0) return BAIL;
  try {
    const p = new Reader(lines, rawLines, maxDepth);
    const value = p.block(0, 0, 0);
    if (p.pos !== lines.length) return BAIL;
    return value;
  } catch (e) {
    if (e instanceof Bail) return BAIL;
    return BAIL;
  }
}

class Reader {
  pos = 0;
  constructor(private readonly lines: Line[], private readonly rawLines: string[], private readonly maxDepth: number) {}

  /** The block collection starting at line `pos` with indentation `indent`. */
  block(at: number, indent: number, depth: number): unknown {
    if (depth > this.maxDepth) bail();
    this.pos = at;
    const l = this.lines[at];
    if (l.indent !== indent) bail();
    return isSeqItem(l.text) ? this.seq(indent, depth) : this.map(indent, depth);
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    while (this.pos < this.lines.length) {
      const l = this.lines[this.pos];
      if (l.indent < indent) break;
      if (l.indent > indent || isSeqItem(l.text)) bail();
      const m = KEY.exec(l.text);
      if (!m) bail();
      const key = m![1];
      if (NOT_STRING_KEY.test(key) || key === '__proto__' || Object.prototype.hasOwnProperty.call(out, key)) bail();
      out[key] = this.value(m![2], l, indent, depth);
    }
    return out;
  }

  private seq(indent: number, depth: number): unknown[] {
    const out: unknown[] = [];
    while (this.pos < this.lines.length) {
      const l = this.lines[this.pos];
      if (l.indent < indent) break;
      if (l.indent > indent || !isSeqItem(l.text)) bail();
      const rest = l.text.slice(1).replace(/^ +/, '');
      if (rest === '') {
        out.push(this.nested(l, indent, depth, false));
        continue;
      }
      if (isSeqItem(rest)) bail();
      const m = KEY.exec(rest);
      if (m && !/^["'[]/.test(rest)) {
        // `- key: value`: a mapping whose keys line up after the dash.
        const col = l.indent + (l.text.length - rest.length);
        this.lines[this.pos] = { indent: col, text: rest, raw: l.raw };
        if (depth + 1 > this.maxDepth) bail();
        out.push(this.map(col, depth + 1));
        continue;
      }
      out.push(this.value(rest, l, indent, depth));
    }
    return out;
  }

  /** The value after `key:` or `- ` on line `l`; `rest` undefined or '' when it is on the following lines. */
  private value(rest: string | undefined, l: Line, indent: number, depth: number): unknown {
    if (rest === undefined || rest === '') return this.nested(l, indent, depth, true);
    if (rest[0] === '>' || rest[0] === '|') return this.blockScalar(rest, l, indent);
    this.pos++;
    // A continuation line (a multi-line scalar) is outside the subset.
    const next = this.lines[this.pos];
    if (next && next.indent > indent) bail();
    return inlineValue(rest);
  }

  /** What follows an empty `key:` or `-`: a nested block, a sequence at the key's own indentation, or null. */
  private nested(l: Line, indent: number, depth: number, inMap: boolean): unknown {
    this.pos++;
    const next = this.lines[this.pos];
    if (next && next.indent > indent) return this.block(this.pos, next.indent, depth + 1);
    if (inMap && next && next.indent === indent && isSeqItem(next.text)) return this.block(this.pos, indent, depth + 1);
    return null;
  }

  private blockScalar(header: string, l: Line, indent: number): string {
    if (!/^[>|]-?$/.test(header)) bail();
    const folded = header[0] === '>';
    const strip = header.endsWith('-');
    const content: string[] = [];
    let contentIndent = -1;
    let r = l.raw + 1;
    for (; r < this.rawLines.length; r++) {
      const raw = this.rawLines[r];
      if (raw.trim() === '') {
        // A blank line inside the scalar folds differently: outside the subset. Trailing ones end it,
        // unless one holds more spaces than the content's indentation: yaml keeps those as text.
        let k = r;
        for (; k < this.rawLines.length && this.rawLines[k].trim() === ''; k++) if (this.rawLines[k].length > contentIndent) bail();
        if (k < this.rawLines.length && indentOf(this.rawLines[k]) > indent) bail();
        break;
      }
      const ind = raw.length - raw.trimStart().length;
      if (ind <= indent) break;
      if (contentIndent < 0) contentIndent = ind;
      if (ind !== contentIndent) bail();
      if (raw !== raw.trimEnd()) bail();
      content.push(raw.slice(ind));
    }
    if (!content.length) bail();
    // The scalar's last line must end with a line break for the clip (no `-`) form to keep one.
    const lastRaw = r - 1;
    if (!strip && lastRaw >= this.rawLines.length - 1) bail();
    while (this.pos < this.lines.length && this.lines[this.pos].raw < r) this.pos++;
    const body = content.join(folded ? ' ' : '\n');
    return strip ? body : `${body}\n`;
  }
}

function indentOf(raw: string): number {
  return raw.length - raw.trimStart().length;
}

function isSeqItem(t: string): boolean {
  return t === '-' || t.startsWith('- ');
}

/** A one-line value: a flow sequence of scalars, or a scalar. */
function inlineValue(s: string): unknown {
  if (s[0] === '[') return flowSeq(s);
  return scalar(s, false);
}

function flowSeq(s: string): unknown[] {
  if (!s.endsWith(']')) bail();
  const inner = s.slice(1, -1);
  const out: unknown[] = [];
  if (inner.trim() === '') return out;
  let i = 0;
  while (i <= inner.length) {
    while (inner[i] === ' ') i++;
    let end: number;
    if (inner[i] === '"' || inner[i] === "'") {
      end = quotedEnd(inner, i);
      out.push(scalar(inner.slice(i, end), true));
      i = end;
      while (inner[i] === ' ') i++;
      if (i < inner.length && inner[i] !== ',') bail();
    } else {
      end = inner.indexOf(',', i);
      if (end < 0) end = inner.length;
      const item = inner.slice(i, end).trim();
      if (item === '') bail();
      out.push(scalar(item, true));
      i = end;
    }
    if (i >= inner.length) break;
    i++; // the comma
    if (inner.slice(i).trim() === '') bail(); // a trailing comma
  }
  return out;
}

/** Where the quoted scalar opening at `i` ends (just after its closing quote). */
function quotedEnd(s: string, i: number): number {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (q === '"' && s[j] === '\\') { j++; continue; }
    if (s[j] === q) {
      if (q === "'" && s[j + 1] === "'") { j++; continue; }
      return j + 1;
    }
  }
  return bail();
}

function scalar(s: string, flow: boolean): unknown {
  if (s[0] === '"') {
    if (quotedEnd(s, 0) !== s.length) bail();
    return s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => {
      switch (c) {
        case '"': return '"';
        case '\\': return '\\';
        case '/': return '/';
        case 'n': return '\n';
        case 't': return '\t';
        default: return bail();
      }
    });
  }
  if (s[0] === "'") {
    if (quotedEnd(s, 0) !== s.length) bail();
    return s.slice(1, -1).replace(/''/g, "'");
  }
  // Plain: no indicator first, no `: ` or ` #` inside, no flow characters in a flow sequence.
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(s) && !/^-[0-9.]/.test(s)) bail();
  if (/:( |$)/.test(s) || / #/.test(s)) bail();
  if (flow && /[[\]{},"']/.test(s)) bail();
  if (/^(?:~|null|Null|NULL)$/.test(s)) return null;
  if (/^(?:true|True|TRUE)$/.test(s)) return true;
  if (/^(?:false|False|FALSE)$/.test(s)) return false;
  if (/^[-+]?[0-9]+$/.test(s)) {
    if (s.replace(/^[-+]/, '').length > 15) bail();
    return Number(s);
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(s)) return Number.parseFloat(s);
  if (/^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/.test(s) || /^0[ox]/.test(s)) bail();
  return s;
}

const isJsonSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/**
 * Reads a JSON object or array (the built-in guide's files are JSON) with `JSON.parse`, far faster
 * than `yaml`, when its answer is certainly `yaml`'s: every member key written once (`yaml`
 * refuses a repeated key, `JSON.parse` keeps the last), no line break that is a lone CR, no run of
 * more than 15 digits, nesting within `maxDepth`. Anything else, or text that is no JSON: `BAIL`.
 */
export function parsePlainJson(text: string, maxDepth = 64): unknown {
  let i = 0;
  const n = text.length;
  while (i < n && isJsonSpace(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) !== 123 /* { */ && text.charCodeAt(i) !== 91 /* [ */) return BAIL;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return BAIL;
  }
  // The text is JSON: outside strings there are only punctuation, white space, numbers and literals.
  let members = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \\ */) i++;
      let k = i + 1;
      while (k < n && isJsonSpace(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === 58 /* : */) members++;
    } else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
      return BAIL;
    } else if (c >= 48 && c <= 57) {
      let k = i;
      while (k < n && text.charCodeAt(k) >= 48 && text.charCodeAt(k) <= 57) k++;
      if (k - i > 15) return BAIL;
      i = k - 1;
    }
  }
  return countKeys(value, 0, maxDepth) === members ? value : BAIL;
}

/** The member keys of every object in a parsed JSON value; -1 when a collection is nested deeper than `maxDepth`. */
function countKeys(v: unknown, depth: number, maxDepth: number): number {
  if (v === null || typeof v !== 'object') return 0;
  if (depth > maxDepth) return -1;
  const values = Array.isArray(v) ? v : Object.values(v);
  let keys = Array.isArray(v) ? 0 : values.length;
  for (const x of values) {
    const k = countKeys(x, depth + 1, maxDepth);
    if (k < 0) return -1;
    keys += k;
  }
  return keys;
}
