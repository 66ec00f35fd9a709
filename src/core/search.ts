/**
 * Find in Guide across every kit: a full-text index (minisearch) over titles, tags, levels,
 * categories, kit names and text, so a bank of thousands of problems answers a query in
 * microseconds. Prefix and fuzzy matching; a title match counts most.
 */
import MiniSearch from 'minisearch';
import type { KitProblem, LoadedKit } from './kit/types';
import { problemNodeId } from './guideTree';
import { closesFence, documentLines, fenceLanguage, openingFence } from './markdownLines';

export { problemNodeId };

/** One searchable item: a problem, or any guide item the caller adds. */
export interface SearchDoc {
  /** The item's id, handed back in hits (a tree node id such as `kit:acme/problem:rate-limiter`). */
  id: string;
  kitId: string;
  kitName: string;
  title: string;
  tags: string[];
  levels: string[];
  /** The category's title (or id). */
  category: string;
  /** The full text: statement, body, deep dives, follow-ups. */
  text: string;
}

/** One hit, best first. */
export interface SearchHit {
  id: string;
  score: number;
  /** The query terms this item matched (after prefix and fuzzy expansion). */
  terms: string[];
}

/** A built index; opaque to callers. */
export interface SearchIndex {
  readonly size: number;
  /** @internal */
  readonly mini: MiniSearch<SearchDoc>;
}

const FIELDS = ['title', 'tags', 'levels', 'category', 'kit', 'text'] as const;

/** Builds the index of `docs` (ids must be unique; a repeated id keeps its first doc). */
export function buildSearchIndex(docs: readonly SearchDoc[]): SearchIndex {
  const mini = new MiniSearch<SearchDoc>({
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    extractField: (doc, field) => {
      switch (field) {
        case 'tags': return doc.tags.join(' ');
        case 'levels': return doc.levels.join(' ');
        case 'kit': return doc.kitName;
        default: return (doc as unknown as Record<string, string>)[field];
      }
    },
    // The text is split once, into its distinct words; the short fields and queries as minisearch always does.
    tokenize: (text, field) => (field === 'text' ? distinctWords(text) : text.split(WORD_SEPARATOR)),
    searchOptions: {
      boost: { title: 4, tags: 2, levels: 2, category: 1.5, kit: 1, text: 1 },
      prefix: true,
      // Fuzzy only on words long enough that an edit is a typo, not another word.
      fuzzy: (term) => (term.length > 4 ? 0.2 : false),
      combineWith: 'AND',
    },
  });
  const seen = new Set<string>();
  const unique = docs.filter((d) => (seen.has(d.id) ? false : (seen.add(d.id), true)));
  mini.addAll(unique);
  return { size: unique.length, mini };
}

/** minisearch's own word separator: white space and punctuation. */
const WORD_SEPARATOR = /[\n\r\p{Z}\p{P}]+/u;

/**
 * The distinct words of a text, Mermaid sources left out: Find matches words, so repeats only cost
 * indexing time (a bank of long problems indexes several times faster), and diagram syntax is noise.
 */
function distinctWords(text: string): string[] {
  const seen = new Set<string>();
  const add = (chunk: string) => {
    for (const w of chunk.split(WORD_SEPARATOR)) if (w) seen.add(w.toLowerCase());
  };
  if (!text.includes('```') && !text.includes('~~~')) add(text);
  else {
    let fence: string | undefined;
    let diagram = false;
    const prose: string[] = [];
    for (const line of documentLines(text)) {
      if (fence === undefined) {
        const open = openingFence(line);
        fence = open?.marker;
        diagram = open !== undefined && fenceLanguage(open.info) === 'mermaid';
      } else if (closesFence(line, fence)) {
        // A diagram's closing fence is still the diagram's.
        fence = undefined;
      }
      if (!diagram) prose.push(line);
    }
    add(prose.join('\n'));
  }
  return [...seen];
}

/** The best `limit` items for `query` (every word must match, as a prefix or with a typo). */
export function searchIndex(index: SearchIndex, query: string, limit = 50): SearchHit[] {
  const q = query.trim();
  if (!q) return [];
  const results = index.mini.search(q);
  const out: SearchHit[] = [];
  for (const r of results) {
    out.push({ id: String(r.id), score: r.score, terms: r.terms });
    if (out.length >= limit) break;
  }
  return out;
}

/** A kit problem's tree node id: `problem:<id>` in the built-in kit, `kit:<kitId>/problem:<id>` in others. */

/** The search documents of a kit's problems, each id being the problem's tree node id. */
export function problemSearchDocs(kit: LoadedKit): SearchDoc[] {
  const categories = new Map(kit.categories.map((c) => [c.id, c.title]));
  return kit.problems.map((p) => ({
    id: problemNodeId(kit, p.id),
    kitId: kit.id,
    kitName: kit.name,
    title: p.title,
    tags: p.tags,
    levels: p.levels,
    category: categories.get(p.category) ?? p.category,
    text: problemText(kit, p),
  }));
}

function problemText(kit: LoadedKit, p: KitProblem): string {
  const parts = [p.statement];
  if (p.body) parts.push(p.body);
  else if (p.section !== undefined && kit.guide) parts.push(kit.guide.section(p.section)?.markdown ?? '');
  for (const d of p.deepDives) parts.push(d.title, ...d.points);
  parts.push(...p.followUps);
  for (const s of Object.values(p.signals)) parts.push(...s.strong, ...s.weak);
  return parts.join('\n');
}
