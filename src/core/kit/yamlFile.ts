/**
 * One YAML (or JSON) file of a kit, parsed with its source positions kept, so every finding (a
 * syntax error, a zod issue, a cross-check) lands on the node it is about. JSON goes through the
 * same parser: a JSON document is a YAML flow collection, positions included. Plain YAML and JSON
 * are read by the fast readers of `fastYaml.ts` first; `yaml` then parses them only to locate a finding.
 */
import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { z } from 'zod';
import { fieldPath } from '../content';
import { BAIL, parsePlainJson, parseSimpleYaml } from './fastYaml';
import type { KitIssue, KitIssueCode, KitRange } from './types';

/** Bounds on what a kit's YAML may ask of the parser. */
export const YAML_LIMITS = {
  /** Collections nested deeper than this are refused before they are converted. */
  maxDepth: 64,
  /** yaml's `maxAliasCount`: more alias expansions than this is an alias bomb. */
  maxAliasCount: 100,
} as const;

export interface YamlFileOptions {
  /** 0-based line of the file where `text` starts (front matter starts below its `---`). */
  lineOffset?: number;
  maxDepth?: number;
  maxAliasCount?: number;
  /** Try the fast readers of plain YAML and JSON first (default true). */
  fast?: boolean;
}

type PathKey = string | number;

/** A parsed YAML file: its plain data (undefined when it did not parse) and a way to locate paths in it. */
export class YamlFile {
  /** The plain data, when the file parsed, was within the limits and converted. */
  readonly data: unknown;
  /** Whether `data` is there. */
  readonly parsed: boolean;
  /** Syntax errors, warnings and limits, each located. */
  readonly issues: KitIssue[] = [];
  private readonly lines = new LineCounter();
  /** The parsed document; created on demand when the fast reader took the text. */
  private docCache: Document.Parsed | undefined;
  private docParsed = false;
  private readonly lineOffset: number;

  constructor(readonly file: string, readonly text: string, opts: YamlFileOptions = {}) {
    this.lineOffset = opts.lineOffset ?? 0;
    const maxDepth = opts.maxDepth ?? YAML_LIMITS.maxDepth;
    // Plain YAML (most front matter) and JSON are read by the fast readers; `yaml` parses them only if a finding needs locating.
    let fast: unknown = BAIL;
    if (opts.fast !== false) {
      fast = parsePlainJson(text, maxDepth);
      if (fast === BAIL) fast = parseSimpleYaml(text, maxDepth);
    }
    if (fast !== BAIL) {
      this.data = fast;
      this.parsed = true;
      return;
    }
    const doc = this.doc;
    let data: unknown;
    let parsed = false;
    if (doc) {
      for (const err of doc.errors) {
        const depth = err.code === 'RESOURCE_EXHAUSTION';
        this.issue(depth ? 'kit-too-deep' : 'kit-yaml-syntax', '', depth ? `is nested too deeply to parse (${err.message})` : err.message, this.rangeOf(err.pos[0], err.pos[1]));
      }
      for (const w of doc.warnings) this.issue('kit-yaml-syntax', '', w.message, this.rangeOf(w.pos[0], w.pos[1]), 'warning');
      if (!doc.errors.length) {
        const deep = findTooDeep(doc.contents, maxDepth);
        if (deep) {
          this.issue('kit-too-deep', '', `is nested more than ${maxDepth} levels deep`, this.nodeRange(deep));
        } else {
          try {
            data = doc.toJS({ maxAliasCount: opts.maxAliasCount ?? YAML_LIMITS.maxAliasCount });
            parsed = true;
          } catch (e) {
            const msg = (e as Error).message;
            const alias = /alias/i.test(msg);
            this.issue(alias ? 'kit-alias-limit' : 'kit-yaml-syntax', '',
              alias ? `expands more than ${opts.maxAliasCount ?? YAML_LIMITS.maxAliasCount} aliases (${msg})` : msg,
              alias ? this.firstAliasRange() : undefined);
          }
        }
      }
    }
    this.data = data;
    this.parsed = parsed;
  }

  /** The document with source ranges, parsed once on first use. */
  private get doc(): Document.Parsed | undefined {
    if (!this.docParsed) {
      this.docParsed = true;
      try {
        // prettyErrors off: yaml's pretty context excerpt is slow on hostile input; the range is enough.
        this.docCache = parseDocument(this.text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
      } catch (e) {
        this.issue('kit-yaml-syntax', '', `cannot be parsed: ${(e as Error).message}`, undefined);
      }
    }
    return this.docCache;
  }

  /**
   * Validates `value` (by default the whole file's data) with a zod schema, adding one issue per
   * zod issue on the node its path names. `prefix` is the path of `value` within the file.
   */
  validate<T>(schema: z.ZodType<T>, value: unknown = this.data, prefix: PathKey[] = []): T | undefined {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    for (const i of r.error.issues) {
      const path = [...prefix, ...(i.path as PathKey[])];
      // An unknown key is best shown on the key itself.
      const keys = i.code === 'unrecognized_keys' ? (i as { keys?: string[] }).keys : undefined;
      const at = keys?.length ? [...path, keys[0]] : path;
      this.issue('kit-invalid', fieldPath(path), i.message, this.locate(at, Boolean(keys?.length)));
    }
    return undefined;
  }

  /**
   * A located issue for a cross-check (not added to `issues`): `message` is prefixed with the path
   * (`dimensions[2].weight: ...`), and the range is the path's node (`locate`).
   */
  issueAt(code: KitIssueCode, path: string | PathKey[], message: string, severity: KitIssue['severity'] = 'error'): KitIssue {
    const keys = typeof path === 'string' ? parsePath(path) : path;
    return this.make(code, typeof path === 'string' ? path : fieldPath(path), message, this.locate(keys), severity);
  }

  private issue(code: KitIssueCode, path: string, message: string, range: KitRange | undefined, severity: KitIssue['severity'] = 'error'): void {
    this.issues.push(this.make(code, path, message, range, severity));
  }

  private make(code: KitIssueCode, path: string, message: string, range: KitRange | undefined, severity: KitIssue['severity']): KitIssue {
    return { file: this.file, path, message: path ? `${path}: ${message}` : message, severity, code, ...(range ? { range } : {}) };
  }

  /**
   * Where a path (`dimensions[2].weight` or its keys) is in the file: a scalar's own span; a
   * collection's key when it has one; else the collection's first line. A path that leaves the
   * document falls back to the nearest node that exists. `onKey`: show a map entry's key.
   */
  locate(path: string | readonly PathKey[], onKey = false): KitRange | undefined {
    if (!this.doc) return undefined;
    const keys = typeof path === 'string' ? parsePath(path) : path;
    let node: unknown = this.doc.contents;
    let key: Node | undefined;
    for (const k of keys) {
      let next: unknown;
      let nextKey: Node | undefined;
      if (isMap(node)) {
        const pair = node.items.find((p: Pair) => keyText(p.key) === String(k));
        if (pair) {
          next = pair.value;
          nextKey = isScalar(pair.key) || isCollection(pair.key) ? pair.key : undefined;
          if (next == null || onKey) next = next ?? pair.key;
        }
      } else if (isSeq(node) && typeof k === 'number') {
        next = node.items[k];
      }
      if (next === undefined || next === null) break;
      node = next;
      key = nextKey;
      if (onKey && k === keys[keys.length - 1] && key) return this.nodeRange(key);
    }
    if (!node || !(isScalar(node) || isCollection(node) || isAlias(node))) return this.rangeOf(0, 0);
    if (isCollection(node)) {
      if (key) return this.nodeRange(key);
      const r = this.nodeRange(node);
      // The collection's first line only: a whole mapping is too wide to underline.
      return r && r.end.line > r.start.line ? { start: r.start, end: { line: r.start.line, character: this.lineLength(r.start.line) } } : r;
    }
    return this.nodeRange(node as Node);
  }

  /** The range of offsets [start, end) in file lines. */
  rangeOf(start: number, end: number): KitRange {
    const a = this.lines.linePos(Math.max(0, Math.min(start, this.text.length)));
    const b = this.lines.linePos(Math.max(0, Math.min(Math.max(end, start), this.text.length)));
    return {
      start: { line: a.line - 1 + this.lineOffset, character: a.col - 1 },
      end: { line: b.line - 1 + this.lineOffset, character: b.col - 1 },
    };
  }

  private nodeRange(node: Node): KitRange | undefined {
    const r = node.range;
    return r ? this.rangeOf(r[0], r[1]) : undefined;
  }

  private lineLength(fileLine: number): number {
    const local = fileLine - this.lineOffset;
    const starts = this.lines.lineStarts;
    const start = starts[local] ?? 0;
    const end = starts[local + 1] ?? this.text.length + 1;
    return Math.max(0, this.text.slice(start, end - 1).replace(/\r$/, '').length);
  }

  private firstAliasRange(): KitRange | undefined {
    let found: Node | undefined;
    walk(this.doc?.contents, (n) => {
      if (!found && isAlias(n)) found = n;
      return !found;
    });
    return found ? this.nodeRange(found) : undefined;
  }
}

function keyText(k: unknown): string | undefined {
  if (isScalar(k)) return String(k.value);
  return undefined;
}

/** `dimensions[2].weight` -> ['dimensions', 2, 'weight']. */
export function parsePath(path: string): PathKey[] {
  const out: PathKey[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(path))) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

/** Visits nodes depth first without recursion (hostile files nest deeply); `visit` returns false to stop. */
function walk(root: unknown, visit: (n: unknown, depth: number) => boolean): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (n == null) continue;
    if (!visit(n, d)) return;
    if (isMap(n) || isSeq(n)) {
      for (let i = n.items.length - 1; i >= 0; i--) {
        const it = n.items[i];
        if (isPair(it)) {
          stack.push([it.value, d + 1]);
          stack.push([it.key, d + 1]);
        } else stack.push([it, d + 1]);
      }
    }
  }
}

/** The first collection nested deeper than `max`, if any. */
function findTooDeep(root: unknown, max: number): Node | undefined {
  let found: Node | undefined;
  walk(root, (n, d) => {
    if (d > max && isCollection(n)) found = n;
    return !found;
  });
  return found;
}

/** Parses a YAML/JSON file and validates it with a schema in one go. */
export function parseYamlFile<T>(file: string, text: string, schema: z.ZodType<T>, opts?: YamlFileOptions): { yaml: YamlFile; data: T | undefined } {
  const yaml = new YamlFile(file, text, opts);
  return { yaml, data: yaml.parsed ? yaml.validate(schema) : undefined };
}
