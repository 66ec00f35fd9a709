/**
 * Mermaid sources as the panel hands them to Mermaid: which configuration keys a diagram may never
 * set, the `%%{init}%%` directives and `click` callbacks made inert before a diagram leaves the host,
 * and the mapping from the line Mermaid names in an error back to the line of the diagram as written.
 * No dependencies: the webview bundles it too.
 */

/**
 * Mermaid settings a diagram's `%%{init}%%` directive or `config:` front matter may not change.
 * The webview passes them to Mermaid as its `secure` list (Mermaid then drops them from every
 * directive, at any depth); the host also removes them from the source. Mermaid's own defaults
 * are kept (securityLevel, startOnLoad, maxTextSize, maxEdges, suppressErrorRendering), and:
 * `htmlLabels` (HTML in labels would let `<img>` reach the network), `themeCSS` (CSS `url()`s),
 * `dompurifyConfig` (could allow scripts), `arrowMarkerAbsolute` (absolute marker URLs).
 */
export const MERMAID_LOCKED_KEYS: readonly string[] = [
  'secure', 'securityLevel', 'startOnLoad', 'maxTextSize', 'maxEdges', 'suppressErrorRendering',
  'htmlLabels', 'themeCSS', 'dompurifyConfig', 'arrowMarkerAbsolute',
];

const LOCKED = new Set(MERMAID_LOCKED_KEYS.map((k) => k.toLowerCase()));

/** Whether a configuration key is one a diagram may not set (also prototype-polluting names). */
export function isLockedMermaidKey(key: string): boolean {
  return LOCKED.has(key.toLowerCase()) || key.startsWith('__') || key.includes('proto') || key.includes('constr');
}

/** Removes locked keys from a parsed configuration, at every depth; returns the paths removed. */
export function stripLockedKeys(value: unknown, path = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const removed: string[] = [];
  if (Array.isArray(value)) {
    value.forEach((v, i) => removed.push(...stripLockedKeys(v, `${path}[${i}]`)));
    return removed;
  }
  const obj = value as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    const at = path ? `${path}.${key}` : key;
    if (isLockedMermaidKey(key)) {
      delete obj[key];
      removed.push(at);
    } else {
      removed.push(...stripLockedKeys(obj[key], at));
    }
  }
  return removed;
}

// Mermaid 11's own patterns (src/diagram-api/regexes.ts, src/preprocess.ts), so the host sees a
// source the way Mermaid will.
const FRONT_MATTER = /^([^\S\n\r]*)-{3}\s*[\n\r](.*?)[\n\r]\1-{3}\s*[\n\r]+/s;
const DIRECTIVE = /%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?/gi;
const COMMENT_LINE = /^\s*%%(?!{)[^\n]+\n?/gm;

/** The front matter block Mermaid reads at the start of a diagram, if any. */
export function mermaidFrontMatter(source: string): { block: string; indent: string; yaml: string } | undefined {
  const m = FRONT_MATTER.exec(source);
  return m ? { block: m[0], indent: m[1], yaml: m[2] } : undefined;
}

const count = (s: string, c: string) => s.split(c).length - 1;

/**
 * Makes the `%%{init}%%` / `%%{initialize}%%` directives of a diagram inert: locked keys are
 * removed from their JSON (Mermaid reads them with `JSON.parse` after turning `'` into `"`). A
 * directive is rewritten only when it changes, with as many line breaks, so lines keep their numbers.
 */
export function neutralizeDirectives(source: string): { source: string; removed: string[] } {
  const removed: string[] = [];
  const out = source.replace(DIRECTIVE, (match, typeA: string | undefined, typeB: string | undefined, _word: string | undefined, args: string | undefined) => {
    const type = (typeA ?? typeB ?? '').toLowerCase();
    if ((type !== 'init' && type !== 'initialize') || args === undefined) return match;
    let parsed: unknown;
    try {
      parsed = JSON.parse(args.trim().replace(/'/g, '"'));
    } catch {
      return match; // Mermaid cannot read it either and ignores it
    }
    const gone = stripLockedKeys(parsed);
    if (!gone.length) return match;
    removed.push(...gone);
    return `%%{${type}: ${JSON.stringify(parsed)}${'\n'.repeat(count(match, '\n'))}}%%`;
  });
  return { source: out, removed };
}

/**
 * Turns `click` lines that bind a callback (`click A call f()`, `click A f`) and class diagrams'
 * `callback` lines into Mermaid comments: strict mode ignores them anyway, and a kit has no business
 * naming page functions. Links (`click A href "…"`, `click A "…"`) stay; their URLs are checked when clicked.
 */
export function neutralizeCallbacks(source: string): { source: string; removed: number } {
  let removed = 0;
  const out = source.replace(/^([^\S\n]*)((?:click[^\S\n]+\S+[^\S\n]+(?!href\b)(?!["'])\S|callback[^\S\n]+\S)[^\n]*)$/gim, (_m, indent: string, rest: string) => {
    removed++;
    return `${indent}%% (callback removed) ${rest.replace(/%%/g, '% %')}`;
  });
  return { source: out, removed };
}

/**
 * Removes event-handler attributes (`onerror=…`, `onload=…`) from HTML-looking text in labels.
 * Mermaid's strict mode has DOMPurify drop them anyway, but DOMPurify parses the label first, and
 * Chromium reports that parse to the page's CSP as a refused inline handler: dropped here, nothing is reported.
 */
export function neutralizeHandlers(source: string): { source: string; removed: number } {
  let removed = 0;
  const out = source.replace(/<[a-zA-Z][^<>\n]*>?/g, (tag) => tag.replace(/([\s/"'])on[a-z]+\s*=\s*(?:"[^"\n]*"?|'[^'\n]*'?|[^\s>]*)/gi, (_m, before: string) => {
    removed++;
    return before;
  }));
  return { source: out, removed };
}

/**
 * Replaces CSS `url()`s that name another document (`style A fill:url(https://…)`) in `style`,
 * `classDef` and `linkStyle` statements with `none`: Mermaid draws a diagram in the live page to
 * measure it, so such a URL would be fetched (and refused by the CSP) before anything could remove it.
 */
export function neutralizeStyleUrls(source: string): { source: string; removed: number } {
  let removed = 0;
  const out = source.replace(/^([^\S\n]*(?:style|classDef|linkStyle)\b[^\n]*)$/gim, (line: string) =>
    line.replace(/url\(\s*(?!['"]?\s*#)[^)]*\)/gi, () => {
      removed++;
      return 'none';
    }));
  return { source: out, removed };
}

/**
 * Maps a line number Mermaid reports for `source` (counted in the text its parser saw: front matter
 * and directives removed, comment lines dropped, leading blank lines trimmed) to the line of
 * `source` itself. Both 1-based.
 */
export function mermaidLineMap(source: string): (parserLine: number) => number {
  let text = source.replace(/\r\n?/g, '\n');
  // The original (1-based) line of every character of `text`, updated as Mermaid's steps remove text.
  let lineOf: number[] = [];
  for (let i = 0, line = 1; i < text.length; i++) {
    lineOf.push(line);
    if (text[i] === '\n') line++;
  }
  const totalLines = count(text, '\n') + 1;
  const removeMatches = (re: RegExp) => {
    let kept = '';
    const keptLines: number[] = [];
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.global ? re.exec(text) : null) {
      kept += text.slice(last, m.index);
      keptLines.push(...lineOf.slice(last, m.index));
      last = m.index + m[0].length;
      if (m[0].length === 0) re.lastIndex++;
      if (!re.global) break;
    }
    kept += text.slice(last);
    keptLines.push(...lineOf.slice(last));
    text = kept;
    lineOf = keptLines;
  };
  removeMatches(new RegExp(FRONT_MATTER.source, FRONT_MATTER.flags));
  removeMatches(new RegExp(DIRECTIVE.source, DIRECTIVE.flags));
  removeMatches(new RegExp(COMMENT_LINE.source, COMMENT_LINE.flags));
  removeMatches(/^\s+/);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (parserLine: number) => {
    if (!Number.isFinite(parserLine) || parserLine < 1) return parserLine;
    const start = starts[parserLine - 1];
    if (start === undefined || start >= lineOf.length) {
      // Past the end (an error at end of input): count on from the last line Mermaid saw.
      const lastStart = starts[starts.length - 1];
      const base = lineOf[lastStart] ?? lineOf[lineOf.length - 1] ?? 1;
      return Math.min(totalLines, base + (parserLine - starts.length));
    }
    return lineOf[start];
  };
}
