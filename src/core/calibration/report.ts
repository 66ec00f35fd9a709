/**
 * The calibration report's figures, exactly as issue 9 defines them:
 * - statistics use the rows whose every dimension holds a valid score (`weightedScore` a number);
 * - same candidate: normalised names equal and dates chaining with gaps of at most the window
 *   (a row without a valid date, or without a name, is its own candidate);
 * - interviewers grouped by their normalised name, the first spelling (in file order) shown;
 * - offset: over an interviewer's rows whose candidate also has a row by another interviewer,
 *   the mean of (row's weighted score − mean weighted score of the other interviewers' rows);
 * - agreement over (candidate, dimension) units rated by two or more different interviewers:
 *   exact and within-one shares of the pairs of ratings by different interviewers, and
 *   Krippendorff's alpha over those units.
 * Rows of different rubrics (kit and version) are never mixed: each rubric is a group; the
 * top-level figures are the group with the most rows. Rows are sorted by file and index first,
 * so the order files are read in changes no figure.
 */
import { alphas } from './alpha';
import { normalizeKey } from './rows';
import {
  DEFAULT_CALIBRATION_OPTIONS,
  type AgreementStats,
  type CalibrationGroup,
  type CalibrationOptions,
  type CalibrationReport,
  type CalibrationRow,
  type DimensionStats,
  type InterviewerStats,
  type Placement,
  type ProblemStats,
  type ReportRow,
  type RubricInfo,
  type Unreadable,
} from './types';

const DAY = 86_400_000;

/** Figures are rounded to 1e-9: the report shows no float noise (0.30000000000000004), and sums in any order agree. */
const round = (x: number) => Math.round(x * 1e9) / 1e9;

/** The report's order of names and files: by UTF-16 code units, as `<` compares. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Days since the epoch of a `YYYY-MM-DD` date. */
function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

/** A score as a key of `counts`: "3", "2.5". */
const scoreKey = (s: number) => String(s);

/** A counted row with what the statistics read of it, computed once. */
interface Item {
  row: ReportRow;
  /** Normalised interviewer ('' when none). */
  ik: string;
  w: number;
  /** Scores in dimension order (every one a number: the row is counted). */
  v: number[];
  candidate: number;
}

// The figures are computed in phases, one function each: V8 optimizes a function for its hot loop,
// and a long function with many loops is recompiled again and again as each later loop runs.

/**
 * Each counted row's item, kept from one report to the next with the dimension order it was made
 * for when reports reuse their work (a report after a save makes the saved file's items only). An
 * item lives within one report's computation at a time: its `candidate` is set again by each.
 */
const itemCache = new WeakMap<ReportRow, { dims: string; item: Item }>();

/** The counted rows of a rubric as items: their scores in dimension order, their normalised interviewer. */
function itemsOf(rows: readonly ReportRow[], rowKeys: readonly string[], dims: readonly { id: string }[], reuse: boolean): Item[] {
  const D = dims.length;
  const dimsKey = dims.map((d) => d.id).join('\u0000');
  const items: Item[] = [];
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k];
    if (!row.counted) continue;
    const cached = reuse ? itemCache.get(row) : undefined;
    if (cached && cached.dims === dimsKey && cached.item.ik === rowKeys[k]) {
      cached.item.candidate = -1;
      items.push(cached.item);
      continue;
    }
    const v = new Array<number>(D);
    for (let d = 0; d < D; d++) {
      const s = row.scores[dims[d].id];
      v[d] = typeof s === 'number' ? s : NaN;
    }
    const item: Item = { row, ik: rowKeys[k], w: row.weightedScore!, v, candidate: -1 };
    if (reuse) itemCache.set(row, { dims: dimsKey, item });
    items.push(item);
  }
  return items;
}

/** Files the items with a name and a date under the name (with its day); every other item is its own candidate. Returns the next candidate number. */
function itemsByName(items: readonly Item[], byName: Map<string, { item: Item; day: number }[]>): number {
  let next = 0;
  // A repository's feedback shares a few hundred dates: each is converted once.
  const days = new Map<string, number>();
  for (const it of items) {
    const r = it.row;
    if (!r.candidateKey || r.date === null) {
      it.candidate = next++;
      continue;
    }
    let list = byName.get(r.candidateKey);
    if (!list) byName.set(r.candidateKey, (list = []));
    let day = days.get(r.date);
    if (day === undefined) days.set(r.date, (day = dayNumber(r.date)));
    list.push({ item: it, day });
  }
  return next;
}

/** Numbers the candidates of each name: dates chain with gaps of at most the window. Returns the next candidate number. */
function chainByName(byName: Map<string, { item: Item; day: number }[]>, windowDays: number, next: number): number {
  for (const list of byName.values()) {
    // Stable sort: rows of one date keep their file order.
    if (list.length > 1) list.sort((a, b) => a.day - b.day);
    let previous = 0;
    let id = -1;
    for (const { item, day } of list) {
      if (id < 0 || day - previous > windowDays) id = next++;
      item.candidate = id;
      previous = day;
    }
  }
  return next;
}

/** Assigns candidates to the counted rows (see "Same candidate"); returns the number of candidates. */
function chainCandidates(items: readonly Item[], windowDays: number): number {
  const byName = new Map<string, { item: Item; day: number }[]>();
  const next = chainByName(byName, windowDays, itemsByName(items, byName));
  for (const it of items) it.row.candidateId = it.candidate;
  return next;
}

function emptyAgreement(): AgreementStats {
  return { units: 0, pairs: 0, exact: null, withinOne: null, alphaOrdinal: null, alphaNominal: null, alphaInterval: null };
}

/** Every score value of the scale, and any other value that occurs (half points), lowest first. */
function scoreValues(items: readonly Item[], info: RubricInfo | undefined): number[] {
  const valueSet = new Set<number>();
  if (info) for (let v = info.scale.min; v <= info.scale.max; v++) valueSet.add(v);
  for (const it of items) for (const v of it.v) if (v === v) valueSet.add(v);
  return [...valueSet].sort((a, b) => a - b);
}

/** One dimension's n, sum and counts by score slot. */
function dimensionTally(items: readonly Item[], di: number, slot: ReadonlyMap<number, number>, slots: number): { n: number; sum: number; tally: number[] } {
  const tally = new Array<number>(slots).fill(0);
  let n = 0;
  let sum = 0;
  for (const it of items) {
    const v = it.v[di];
    if (v !== v) continue;
    n++;
    sum += v;
    tally[slot.get(v)!]++;
  }
  return { n, sum, tally };
}

/** What is summed per interviewer before the figures are taken. */
interface InterviewerAcc { stats: InterviewerStats; sum: number; tally: number[]; diffSum: number; withRec: number; differs: number }

/** The interviewers of the rows, by normalised name (the first spelling in file order is shown), with their rows counted. */
function interviewersOf(rows: readonly ReportRow[], rowKeys: readonly string[], slots: number, emptyBands: () => Record<string, number>): Map<string, InterviewerAcc> {
  const byInterviewer = new Map<string, InterviewerAcc>();
  for (let k = 0; k < rows.length; k++) {
    const key = rowKeys[k];
    let a = byInterviewer.get(key);
    if (!a) {
      a = {
        stats: { name: rows[k].interviewer.trim(), key, n: 0, rows: 0, meanWeighted: null, offset: null, offsetN: 0, enoughData: false, counts: {}, bands: emptyBands(), recommendationDiffers: null },
        sum: 0,
        tally: new Array<number>(slots).fill(0),
        diffSum: 0,
        withRec: 0,
        differs: 0,
      };
      byInterviewer.set(key, a);
    }
    a.stats.rows++;
  }
  return byInterviewer;
}

/** Adds the counted rows to their interviewers: n, weighted sum, score counts, bands, recommendations that differ. */
function tallyInterviewers(items: readonly Item[], byInterviewer: ReadonlyMap<string, InterviewerAcc>, slot: ReadonlyMap<number, number>): void {
  for (const it of items) {
    const a = byInterviewer.get(it.ik)!;
    const r = it.row;
    a.stats.n++;
    a.sum += it.w;
    for (const v of it.v) if (v === v) a.tally[slot.get(v)!]++;
    if (r.band !== null) a.stats.bands[r.band] = (a.stats.bands[r.band] ?? 0) + 1;
    if (r.recommendation !== null) {
      a.withRec++;
      if (r.recommendation !== r.band) a.differs++;
    }
  }
}

/** Rows by candidate, for the offsets and the agreement; a row without an interviewer takes part in neither. */
function itemsByCandidate(items: readonly Item[]): Item[][] {
  const byCandidate: Item[][] = [];
  for (const it of items) {
    if (!it.ik) continue;
    (byCandidate[it.candidate] ??= []).push(it);
  }
  return byCandidate;
}

/** Offsets (summed into the interviewers) and agreement counts over the candidates rated by two or more interviewers. */
function panelFigures(byCandidate: readonly Item[][], byInterviewer: ReadonlyMap<string, InterviewerAcc>, D: number) {
  let units = 0;
  let pairs = 0;
  let exact = 0;
  let withinOne = 0;
  const alphaUnits: number[][] = [];
  for (const list of byCandidate) {
    if (!list || list.length < 2) continue;
    const first = list[0].ik;
    if (list.every((it) => it.ik === first)) continue;
    // Offsets: each row against the mean of the other interviewers' rows of the candidate.
    for (const it of list) {
      let sum = 0;
      let n = 0;
      for (const other of list) {
        if (other.ik === it.ik) continue;
        sum += other.w;
        n++;
      }
      if (n) {
        const a = byInterviewer.get(it.ik)!;
        a.diffSum += it.w - sum / n;
        a.stats.offsetN++;
      }
    }
    // Agreement: every dimension of the candidate is a unit rated by two or more interviewers (counted rows score every dimension).
    for (let d = 0; d < D; d++) {
      const unit: number[] = [];
      for (const it of list) if (it.v[d] === it.v[d]) unit.push(it.v[d]);
      units++;
      alphaUnits.push(unit);
      for (let i = 0; i < list.length; i++) {
        const x = list[i].v[d];
        if (x !== x) continue;
        for (let j = i + 1; j < list.length; j++) {
          const y = list[j].v[d];
          if (y !== y || list[i].ik === list[j].ik) continue;
          pairs++;
          if (x === y) exact++;
          if (Math.abs(x - y) <= 1) withinOne++;
        }
      }
    }
  }
  return { units, pairs, exact, withinOne, alphaUnits };
}

/** Problems, by normalised title ('' for rows without a problem): n, weighted sum, bands and half-point bins. */
function problemsOf(rows: readonly ReportRow[], emptyBands: () => Record<string, number>): Map<string, { stats: ProblemStats; sum: number; bins: Map<number, number> }> {
  const byProblem = new Map<string, { stats: ProblemStats; sum: number; bins: Map<number, number> }>();
  const problemOf = new Map<string, string>();
  for (const row of rows) {
    const title = row.problem ?? '';
    let key = problemOf.get(title);
    if (key === undefined) problemOf.set(title, (key = normalizeKey(title)));
    let p = byProblem.get(key);
    if (!p) byProblem.set(key, (p = { stats: { title: title.trim(), key, n: 0, meanWeighted: null, bands: emptyBands(), distribution: {} }, sum: 0, bins: new Map() }));
    if (!row.counted) continue;
    const w = row.weightedScore!;
    p.stats.n++;
    p.sum += w;
    if (row.band !== null) p.stats.bands[row.band] = (p.stats.bands[row.band] ?? 0) + 1;
    const bin = Math.floor(Math.round(w * 1000) / 500) / 2;
    p.bins.set(bin, (p.bins.get(bin) ?? 0) + 1);
  }
  return byProblem;
}

/** The figures of the rows of one rubric (sorted by file and index). */
function groupFigures(rubric: string, rows: ReportRow[], options: Required<Omit<CalibrationOptions, 'rubrics' | 'reuse'>>, info: RubricInfo | undefined, reuse: boolean): CalibrationGroup {
  // Dimensions: the rubric's order, else the order of the first row's scores.
  const dims: { id: string; name: string; weight: number | null }[] = info
    ? info.dimensions.map((d) => ({ ...d }))
    : Object.keys(rows[0]?.scores ?? {}).map((id) => ({ id, name: id, weight: null }));
  const D = dims.length;
  // A few interviewers write thousands of rows: normalise each spelling once.
  const keyOf = new Map<string, string>();
  const rowKeys = rows.map((r) => {
    let k = keyOf.get(r.interviewer);
    if (k === undefined) keyOf.set(r.interviewer, (k = normalizeKey(r.interviewer)));
    return k;
  });
  const items = itemsOf(rows, rowKeys, dims, reuse);
  const candidates = chainCandidates(items, options.windowDays);

  const values = scoreValues(items, info);
  const slot = new Map(values.map((v, i) => [v, i]));
  const countsOf = (tally: number[]): Record<string, number> => {
    const out: Record<string, number> = {};
    values.forEach((v, i) => (out[scoreKey(v)] = tally[i]));
    return out;
  };
  const bandIds = info ? info.bands.map((b) => b.id) : [...new Set(items.map((it) => it.row.band).filter((b): b is string => b !== null))].sort(compareText);
  const emptyBands = () => Object.fromEntries(bandIds.map((b) => [b, 0])) as Record<string, number>;

  const dimensions: DimensionStats[] = dims.map((d, di) => {
    const { n, sum, tally } = dimensionTally(items, di, slot, values.length);
    return { id: d.id, name: d.name, weight: d.weight, n, mean: n ? round(sum / n) : null, counts: countsOf(tally) };
  });

  const byInterviewer = interviewersOf(rows, rowKeys, values.length, emptyBands);
  tallyInterviewers(items, byInterviewer, slot);
  const panel = panelFigures(itemsByCandidate(items), byInterviewer, D);
  const agreement: AgreementStats = emptyAgreement();
  agreement.units = panel.units;
  agreement.pairs = panel.pairs;
  if (panel.pairs) {
    agreement.exact = round(panel.exact / panel.pairs);
    agreement.withinOne = round(panel.withinOne / panel.pairs);
  }
  const alpha = alphas(panel.alphaUnits);
  const r = (a: number | null) => (a === null ? null : round(a));
  agreement.alphaOrdinal = r(alpha.ordinal);
  agreement.alphaNominal = r(alpha.nominal);
  agreement.alphaInterval = r(alpha.interval);

  const interviewers: InterviewerStats[] = [];
  for (const a of byInterviewer.values()) {
    const st = a.stats;
    st.meanWeighted = st.n ? round(a.sum / st.n) : null;
    st.offset = st.offsetN ? round(a.diffSum / st.offsetN) : null;
    st.enoughData = st.offsetN > 0 && st.offsetN >= options.minN;
    st.counts = countsOf(a.tally);
    st.recommendationDiffers = a.withRec ? round(a.differs / a.withRec) : null;
    interviewers.push(st);
  }
  interviewers.sort((x, y) => compareText(x.key, y.key));

  const problems: ProblemStats[] = [];
  for (const p of problemsOf(rows, emptyBands).values()) {
    p.stats.meanWeighted = p.stats.n ? round(p.sum / p.stats.n) : null;
    for (const b of [...p.bins.keys()].sort((x, y) => x - y)) p.stats.distribution[b.toFixed(1)] = p.bins.get(b)!;
    problems.push(p.stats);
  }
  problems.sort((x, y) => compareText(x.key, y.key));

  return { rubric, rowCount: rows.length, counted: items.length, candidates, interviewers, dimensions, problems, agreement };
}

const compareRows = (a: CalibrationRow, b: CalibrationRow) => compareText(a.file, b.file) || a.index - b.index;

/**
 * The report's row of an input row, made once per input row object when reports reuse their work
 * (`CalibrationOptions.reuse`): the editor's model keeps the rows of unchanged files between
 * reports, so the report after a save makes the saved file's rows only. `candidateId` is set by
 * each report (a row object is shared by the reports over the same input row; the latest numbering
 * holds).
 */
const reportRows = new WeakMap<CalibrationRow, ReportRow>();
export function reportRowOf(r: CalibrationRow): ReportRow {
  let x = reportRows.get(r);
  if (!x) reportRows.set(r, (x = newReportRow(r)));
  return x;
}

function newReportRow(r: CalibrationRow): ReportRow {
  // Spelled out, not spread: a spread of an 18-field object is the slow path.
  return {
    file: r.file,
    index: r.index,
    line: r.line,
    candidate: r.candidate,
    candidateKey: r.candidateKey,
    interviewer: r.interviewer,
    date: r.date,
    problem: r.problem,
    level: r.level,
    rubricKey: r.rubricKey,
    scores: r.scores,
    weightedScore: r.weightedScore,
    band: r.band,
    recommendation: r.recommendation,
    errors: r.errors,
    warnings: r.warnings,
    candidateId: null,
    counted: typeof r.weightedScore === 'number' && Number.isFinite(r.weightedScore),
  };
}

function isSorted(rows: readonly CalibrationRow[]): boolean {
  for (let k = 1; k < rows.length; k++) if (compareRows(rows[k - 1], rows[k]) > 0) return false;
  return true;
}

/**
 * The report over every row (of every file) and the files that could not be read. Pure: the same
 * rows and files in any order give the same report.
 */
export function calibrationReport(rows: readonly CalibrationRow[], unreadable: readonly Unreadable[], options: CalibrationOptions): CalibrationReport {
  const opts = {
    windowDays: Number.isFinite(options.windowDays) && options.windowDays >= 0 ? options.windowDays : DEFAULT_CALIBRATION_OPTIONS.windowDays,
    minN: Number.isFinite(options.minN) && options.minN >= 0 ? options.minN : DEFAULT_CALIBRATION_OPTIONS.minN,
    recent: options.recent !== undefined && Number.isFinite(options.recent) && options.recent > 0 ? options.recent : DEFAULT_CALIBRATION_OPTIONS.recent,
  };
  const sorted: ReportRow[] = rows.map(options.reuse ? reportRowOf : newReportRow);
  // Rows come sorted from the editor's model (which keeps its files in order): checking costs one
  // comparison per row, sorting 10,000 rows by file name a hundred times more.
  if (!isSorted(sorted)) sorted.sort(compareRows);
  const byRubric = new Map<string, ReportRow[]>();
  for (const r of sorted) {
    let list = byRubric.get(r.rubricKey);
    if (!list) byRubric.set(r.rubricKey, (list = []));
    list.push(r);
  }
  const groups = [...byRubric.entries()]
    .map(([key, list]) => groupFigures(key, list, opts, options.rubrics?.[key], options.reuse === true))
    .sort((a, b) => b.rowCount - a.rowCount || compareText(a.rubric, b.rubric));
  const top = groups[0];
  const files = new Set(sorted.map((r) => r.file));
  const bad = [...unreadable].sort((a, b) => compareText(a.file, b.file));
  for (const u of bad) files.add(u.file);
  return {
    files: files.size,
    unreadable: bad,
    rows: sorted,
    rubric: top ? top.rubric : null,
    options: opts,
    candidates: top ? top.candidates : 0,
    interviewers: top ? top.interviewers : [],
    dimensions: top ? top.dimensions : [],
    problems: top ? top.problems : [],
    agreement: top ? top.agreement : emptyAgreement(),
    groups,
  };
}

/**
 * Where a feedback stands, for the Calibration Notes CodeLens: the percentile of its weighted score
 * among the last `options.recent` counted feedbacks of the same rubric, problem and level (itself
 * excluded; newest dates first), as below + half the ties over n; and its interviewer's offset.
 */
export function placement(report: CalibrationReport, row: CalibrationRow): Placement {
  const group = report.groups.find((g) => g.rubric === row.rubricKey);
  const interviewer = group?.interviewers.find((i) => i.key === normalizeKey(row.interviewer));
  const offset = interviewer && normalizeKey(row.interviewer) ? interviewer.offset : null;
  const offsetN = interviewer && normalizeKey(row.interviewer) ? interviewer.offsetN : 0;
  const problemKey = normalizeKey(row.problem ?? '');
  const levelKey = normalizeKey(row.level ?? '');
  const peers = report.rows
    .filter(
      (r) =>
        r.counted &&
        r.rubricKey === row.rubricKey &&
        !(r.file === row.file && r.index === row.index) &&
        normalizeKey(r.problem ?? '') === problemKey &&
        normalizeKey(r.level ?? '') === levelKey,
    )
    // Newest first; rows without a date are the oldest; then file order.
    .sort((a, b) => (a.date === b.date ? compareRows(a, b) : a.date === null ? 1 : b.date === null ? -1 : compareText(b.date, a.date)))
    .slice(0, report.options.recent);
  const w = row.weightedScore;
  if (typeof w !== 'number' || !peers.length) return { percentile: null, n: peers.length, offset, offsetN };
  let below = 0;
  let ties = 0;
  for (const p of peers) {
    if (p.weightedScore! < w) below++;
    else if (p.weightedScore === w) ties++;
  }
  return { percentile: round((100 * (below + ties / 2)) / peers.length), n: peers.length, offset, offsetN };
}
