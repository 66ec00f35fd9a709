/**
 * The live report's updates: after a first full report, the host sends the page only the rows of the
 * files that changed (upserts, keyed by file and index), the keys of the rows removed, and the
 * figures (the report without its rows, whose size does not grow with the rows). The page keeps the
 * rows itself and applies each update. Dependency-free (types only): the webview imports it too.
 *
 * A row's `candidateId` is numbered over the whole group, so a change of one file can renumber the
 * rows of others; an update does not resend them. The page never reads `candidateId` (the figures
 * come from the host), and every export reads the host's report.
 */
import type { CalibrationReport, ReportRow } from './types';

/** The report without its rows: what an update carries besides the changed rows. */
export type ReportFigures = Omit<CalibrationReport, 'rows'>;

/** The rows of the changed files and the keys of the rows that are gone. */
export interface RowsDelta {
  upserts: ReportRow[];
  removed: string[];
}

/** A row's key: its file and its index in that file. */
export function rowKey(r: { file: string; index: number }): string {
  return `${r.file}\u0000${r.index}`;
}

/** The figures of a report: everything but the rows. */
export function reportFigures(report: CalibrationReport): ReportFigures {
  return {
    files: report.files,
    unreadable: report.unreadable,
    rubric: report.rubric,
    options: report.options,
    candidates: report.candidates,
    interviewers: report.interviewers,
    dimensions: report.dimensions,
    problems: report.problems,
    agreement: report.agreement,
    groups: report.groups,
  };
}

/** The keys of the rows by file: what the page holds after a full report (the host keeps it to compute removals). */
export function rowKeysByFile(rows: readonly ReportRow[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    let keys = out.get(r.file);
    if (!keys) out.set(r.file, (keys = []));
    keys.push(rowKey(r));
  }
  return out;
}

/**
 * The update for the files in `changed`: their rows now (`rowsOf` gives a file's rows in the report;
 * none for a file gone) are upserted, and the keys `held` had for them that are no longer there are
 * removed. Also returns those files' keys now (an empty list for a file with no row left), for the
 * caller to record in place of `held`'s. Only the changed files are asked for, never every row.
 */
export function rowsDelta(held: ReadonlyMap<string, readonly string[]>, rowsOf: (file: string) => readonly ReportRow[], changed: Iterable<string>): RowsDelta & { keys: Map<string, string[]> } {
  const keys = new Map<string, string[]>();
  const upserts: ReportRow[] = [];
  for (const f of changed) {
    if (keys.has(f)) continue;
    const list: string[] = [];
    for (const r of rowsOf(f)) {
      list.push(rowKey(r));
      upserts.push(r);
    }
    keys.set(f, list);
  }
  const removed: string[] = [];
  for (const [file, now] of keys) {
    const before = held.get(file);
    if (!before) continue;
    const kept = new Set(now);
    for (const k of before) if (!kept.has(k)) removed.push(k);
  }
  return { upserts, removed, keys };
}

/**
 * Applies an update to the rows a page holds (by key), in place. Returns the rows that left (removed
 * or replaced) and the rows that came (new or replacing), so a table can move just those.
 */
export function applyRowsDelta(rows: Map<string, ReportRow>, delta: RowsDelta): { left: ReportRow[]; came: ReportRow[] } {
  const left: ReportRow[] = [];
  for (const k of delta.removed) {
    const old = rows.get(k);
    if (old) {
      left.push(old);
      rows.delete(k);
    }
  }
  for (const r of delta.upserts) {
    const k = rowKey(r);
    const old = rows.get(k);
    if (old) left.push(old);
    rows.set(k, r);
  }
  return { left, came: [...delta.upserts] };
}

/**
 * Where `item` goes in `list`, sorted by `compare`: the first position whose element does not come
 * before it (binary search).
 */
export function sortedIndex<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(list[mid], item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Moves a sorted list by an update: removes the rows that `left` (found by binary search, so
 * `compare` must order them as the list is ordered) and inserts those that `came`; `keep` is the
 * filter the list was built with.
 * In place; O(changes × log n) comparisons.
 */
export function updateSorted<T>(list: T[], left: readonly T[], came: readonly T[], compare: (a: T, b: T) => number, keep: (item: T) => boolean = () => true): void {
  for (const old of left) {
    // A row the filter kept out is not in the list.
    if (!keep(old)) continue;
    let i = sortedIndex(list, old, compare);
    // Equal neighbours (a comparator that is not total): look along them for the very element.
    while (i < list.length && list[i] !== old && compare(list[i], old) === 0) i++;
    if (list[i] === old) list.splice(i, 1);
    else {
      const j = list.indexOf(old);
      if (j >= 0) list.splice(j, 1);
    }
  }
  for (const r of came) if (keep(r)) list.splice(sortedIndex(list, r, compare), 0, r);
}
