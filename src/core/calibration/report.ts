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
import { CoincidenceCounts } from './alpha';
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

/** Figures are rounded to 1e-9: the report (and the debrief) shows no float noise (0.30000000000000004), and sums in any order agree. */
export const roundFigure = (x: number) => Math.round(x * 1e9) / 1e9;
const round = roundFigure;

/** The report's order of names and files: by UTF-16 code units, as `<` compares. */
export const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The report's order of rows: by file, then by place in the file. */
export const compareRows = (a: Pick<CalibrationRow, 'file' | 'index'>, b: Pick<CalibrationRow, 'file' | 'index'>) => compareText(a.file, b.file) || a.index - b.index;

/** Days since the epoch of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY;
}

/**
 * Same candidate, for the rows of one candidate name: their dates (`YYYY-MM-DD`) sorted, a new
 * candidate where the gap to the previous date exceeds the window. Each date's candidate (0-based,
 * in date order; equal dates keep their order) and how many there are. The report and the debrief
 * both chain with it.
 */
export function dateChains(dates: readonly string[], windowDays: number): { chains: number; chainOf: number[] } {
  // The sort is stable: the rows of one date stay in row order.
  const byDate = dates.map((date, i) => ({ i, day: dayNumber(date) })).sort((a, b) => a.day - b.day);
  const chainOf = new Array<number>(dates.length);
  let chains = 0;
  for (let j = 0; j < byDate.length; j++) {
    if (j === 0 || byDate[j].day - byDate[j - 1].day > windowDays) chains++;
    chainOf[byDate[j].i] = chains - 1;
  }
  return { chains, chainOf };
}

/** A score as a key of `counts`: "3", "2.5". */
const scoreKey = (s: number) => String(s);

/** A row's score of a dimension, NaN when it has none. */
function scoreOf(row: CalibrationRow, id: string): number {
  const s = row.scores[id];
  return typeof s === 'number' ? s : NaN;
}

/** Whether a row enters the statistics: its weighted score is a number. */
export const isCounted = (r: CalibrationRow) => typeof r.weightedScore === 'number' && Number.isFinite(r.weightedScore);

/** What the figures read of a row, worked out once per row (counted or not). */
interface Item {
  row: CalibrationRow;
  counted: boolean;
  /** Normalised interviewer ('' when none). */
  ik: string;
  /** Normalised problem title ('' when none). */
  pk: string;
  /** The weighted score (NaN when the row is not counted). */
  w: number;
  /** Scores in dimension order (NaN where none); empty when the row is not counted. */
  v: number[];
  /** The name the row's candidate is chained under, when it is counted and has a name and a date. */
  name: NameEntity | undefined;
  /** Its candidate within that name (0-based). */
  local: number;
  /** Its offset term (weighted score − the mean of the other interviewers' rows of its candidate), when it has one. */
  term: number | null;
}

/**
 * What the rows of one candidate name give the figures that span rows: the name's candidates (its
 * dates chained with gaps of at most the window) and, for each candidate rated by two interviewers
 * or more, the agreement's units and counts (the offsets' terms are set on the items). A pure
 * function of the name's items (in row order), the window and the number of dimensions.
 */
interface NameWork {
  candidates: number;
  /** The agreement's units (candidate, dimension): their values, and the counts of units and pairs. */
  unitValues: number[][];
  units: number;
  pairs: number;
  exact: number;
  withinOne: number;
}

/**
 * Works out one name's items (see NameWork); sets each item's candidate within the name and its
 * offset term. Indexed loops: this runs once per candidate name, thousands of times in a report,
 * and with for-of loops the CLI took about 16% more CPU time over 10,000 files (same-run comparison).
 */
function nameWork(items: readonly Item[], windowDays: number, D: number): NameWork {
  const n = items.length;
  const { chains: candidates, chainOf } = dateChains(items.map((it) => it.row.date!), windowDays);
  for (let j = 0; j < n; j++) {
    items[j].local = chainOf[j];
    items[j].term = null;
  }
  const work: NameWork = { candidates, unitValues: [], units: 0, pairs: 0, exact: 0, withinOne: 0 };
  if (n < 2) return work;
  // Each candidate's rows with an interviewer (a row without one takes part in neither figure), in row order.
  const lists: Item[][] = [];
  for (let c = 0; c < candidates; c++) lists.push([]);
  for (let q = 0; q < n; q++) if (items[q].ik) lists[items[q].local].push(items[q]);
  for (let l = 0; l < lists.length; l++) {
    const list = lists[l];
    const k = list.length;
    let oneInterviewer = true;
    for (let q = 1; q < k; q++) if (list[q].ik !== list[0].ik) oneInterviewer = false;
    if (oneInterviewer) continue;
    // Offsets: each row against the mean of the other interviewers' rows of the candidate.
    for (let q = 0; q < k; q++) {
      const it = list[q];
      let sum = 0;
      let others = 0;
      for (let r = 0; r < k; r++) {
        const other = list[r];
        if (other.ik === it.ik) continue;
        sum += other.w;
        others++;
      }
      it.term = it.w - sum / others;
    }
    // Agreement: every dimension of the candidate is a unit rated by two or more interviewers.
    for (let d = 0; d < D; d++) {
      const unit: number[] = [];
      for (let q = 0; q < k; q++) {
        const x = list[q].v[d];
        if (!Number.isNaN(x)) unit.push(x);
      }
      work.units++;
      work.unitValues.push(unit);
      for (let i = 0; i < k; i++) {
        const x = list[i].v[d];
        if (Number.isNaN(x)) continue;
        for (let j = i + 1; j < k; j++) {
          const y = list[j].v[d];
          if (Number.isNaN(y) || list[i].ik === list[j].ik) continue;
          work.pairs++;
          if (x === y) work.exact++;
          if (Math.abs(x - y) <= 1) work.withinOne++;
        }
      }
    }
  }
  return work;
}

/** The rows of one interviewer, problem or candidate name, in row order, and what they last gave (until one of them changes). */
interface Entity<T> {
  items: Item[];
  /** The figures of the items as they are, or undefined when they changed since. */
  figures: T | undefined;
}
interface NameEntity extends Entity<NameWork> {
  key: string;
}

/** Inserts an item into a list in row order, after the rows that sort equal (rows mostly come in order: an append is checked first). */
function insertItem(list: Item[], it: Item): void {
  const n = list.length;
  if (!n || compareRows(list[n - 1].row, it.row) <= 0) {
    list.push(it);
    return;
  }
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareRows(list[mid].row, it.row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, it);
}

function removeItem(list: Item[], it: Item): void {
  const at = list.lastIndexOf(it);
  if (at >= 0) list.splice(at, 1);
}

/** Counts one more of a value (sign 1) or one less (−1); a value whose count falls to zero is dropped. */
function tally<V>(counts: Map<V, number>, value: V, sign: 1 | -1): void {
  const count = (counts.get(value) ?? 0) + sign;
  if (count) counts.set(value, count);
  else counts.delete(value);
}

function emptyAgreement(): AgreementStats {
  return { units: 0, pairs: 0, exact: null, withinOne: null, alphaOrdinal: null, alphaNominal: null, alphaInterval: null };
}

type GroupOptions = Required<Omit<CalibrationOptions, 'rubrics' | 'recent'>>;

/**
 * The figures of one rubric's rows as a state that rows are added to and taken from: each
 * interviewer's, problem's and candidate name's rows in row order, the dimensions' score counts and
 * the agreement's exact totals. The figures of an interviewer, a problem or a name are worked out
 * again only when one of its rows changed, always from its rows in row order, so a state that saw
 * rows come and go gives the same figures, bit for bit, as one built from the rows as they are. A
 * `ReportState` keeps it from one report to the next: a save costs the saved file's rows, the
 * entities they touch, and a pass over the rows that numbers the candidates.
 */
class GroupState {
  /** The rows the state holds, in row order (compared with the next report's by identity). */
  private rows: readonly CalibrationRow[] = [];
  /** Their items, in the same order. */
  private readonly items: Item[] = [];
  private readonly itemOf = new Map<CalibrationRow, Item>();
  private readonly interviewers = new Map<string, Entity<InterviewerStats>>();
  private readonly problems = new Map<string, Entity<ProblemStats>>();
  private readonly names = new Map<string, NameEntity>();
  private readonly dirtyNames = new Set<NameEntity>();
  /** Score counts by dimension, and counted rows by band. */
  private readonly dimCounts: Map<number, number>[];
  private readonly bandCounts = new Map<string, number>();
  /** How many counted rows have no name or no date (each its own candidate), and how many candidates the names hold. */
  private unnamed = 0;
  private namedCandidates = 0;
  private readonly totals = { units: 0, pairs: 0, exact: 0, withinOne: 0, counts: new CoincidenceCounts() };
  private valuesKey = '';
  private bandsKey = '';
  /** Names normalised so far: a few interviewers and problems recur over thousands of rows. */
  private readonly keyOf = new Map<string, string>();
  private readonly D: number;

  constructor(
    /** What the state was made for: a report with another key makes a new state. */
    readonly key: string,
    private readonly dims: readonly { id: string; name: string; weight: number | null }[],
    private readonly info: RubricInfo | undefined,
    private readonly options: GroupOptions,
    /** Whether rows will be taken away (a state kept between reports): each row's item is then kept by row. */
    private readonly keep: boolean,
  ) {
    this.D = dims.length;
    this.dimCounts = dims.map(() => new Map<number, number>());
  }

  /**
   * Brings the state to `rows` (in row order). The rows both hold are the same objects in the same
   * order: a walk along both takes away and adds the rows where they differ.
   */
  update(rows: readonly CalibrationRow[]): void {
    const before = this.rows;
    let i = 0;
    let j = 0;
    while (i < before.length || j < rows.length) {
      if (i < before.length && j < rows.length && before[i] === rows[j]) {
        i++;
        j++;
      } else if (j >= rows.length) this.change(before[i++], -1);
      else if (i >= before.length) this.change(rows[j++], 1);
      else {
        const c = compareRows(before[i], rows[j]);
        if (c <= 0) this.change(before[i++], -1);
        if (c >= 0) this.change(rows[j++], 1);
      }
    }
    this.rows = rows;
  }

  private normalized(name: string): string {
    let k = this.keyOf.get(name);
    if (k === undefined) {
      if (this.keyOf.size >= 100_000) this.keyOf.clear();
      this.keyOf.set(name, (k = normalizeKey(name)));
    }
    return k;
  }

  private entity<T>(map: Map<string, Entity<T>>, key: string): Entity<T> {
    let e = map.get(key);
    if (!e) map.set(key, (e = { items: [], figures: undefined }));
    return e;
  }

  /** Adds a row (or takes it away, with sign −1): its entities' figures are to be worked out again. */
  private change(row: CalibrationRow, sign: 1 | -1): void {
    let it = this.keep ? this.itemOf.get(row) : undefined;
    if (sign > 0) {
      if (it) return;
      const counted = isCounted(row);
      const v: number[] = [];
      if (counted) for (const d of this.dims) v.push(scoreOf(row, d.id));
      it = {
        row,
        counted,
        ik: this.normalized(row.interviewer),
        pk: this.normalized(row.problem ?? ''),
        w: counted ? row.weightedScore! : NaN,
        v,
        name: undefined,
        local: 0,
        term: null,
      };
      if (this.keep) this.itemOf.set(row, it);
    } else {
      if (!it) return;
      this.itemOf.delete(row);
    }
    const interviewer = this.entity(this.interviewers, it.ik);
    const problem = this.entity(this.problems, it.pk);
    if (sign > 0) {
      insertItem(this.items, it);
      insertItem(interviewer.items, it);
      insertItem(problem.items, it);
    } else {
      removeItem(this.items, it);
      removeItem(interviewer.items, it);
      removeItem(problem.items, it);
      if (!interviewer.items.length) this.interviewers.delete(it.ik);
      if (!problem.items.length) this.problems.delete(it.pk);
    }
    interviewer.figures = undefined;
    problem.figures = undefined;
    if (!it.counted) return;

    for (let d = 0; d < this.D; d++) if (!Number.isNaN(it.v[d])) tally(this.dimCounts[d], it.v[d], sign);
    if (row.band !== null) tally(this.bandCounts, row.band, sign);
    if (!row.candidateKey || row.date === null) {
      this.unnamed += sign;
      return;
    }
    let name = this.names.get(row.candidateKey);
    if (!name) this.names.set(row.candidateKey, (name = { key: row.candidateKey, items: [], figures: undefined }));
    if (sign > 0) {
      insertItem(name.items, it);
      it.name = name;
    } else {
      removeItem(name.items, it);
      it.name = undefined;
    }
    this.dirtyNames.add(name);
  }

  /** Works out the changed names again: their candidates, offset terms (their interviewers' figures change) and agreement totals. */
  private settleNames(): void {
    const { windowDays } = this.options;
    for (const name of this.dirtyNames) {
      const old = name.figures;
      if (old) {
        this.addWork(old, -1);
        this.namedCandidates -= old.candidates;
      }
      if (!name.items.length) {
        this.names.delete(name.key);
        name.figures = undefined;
        continue;
      }
      const work = nameWork(name.items, windowDays, this.D);
      name.figures = work;
      this.addWork(work, 1);
      this.namedCandidates += work.candidates;
      for (const it of name.items) {
        const e = this.interviewers.get(it.ik);
        if (e) e.figures = undefined;
      }
    }
    this.dirtyNames.clear();
  }

  private addWork(work: NameWork, sign: 1 | -1): void {
    const t = this.totals;
    t.units += sign * work.units;
    t.pairs += sign * work.pairs;
    t.exact += sign * work.exact;
    t.withinOne += sign * work.withinOne;
    for (const unit of work.unitValues) t.counts.add(unit, sign);
  }

  /** The figures of the rows the state holds now, and each row's candidate (null when it is not counted), in row order. */
  figures(rubric: string): { group: CalibrationGroup; candidateIds: (number | null)[] } {
    this.settleNames();
    const { info, options } = this;

    // Candidates: the unnamed rows first, in row order, then each name's, in the order names first appear.
    const firstOf = new Map<NameEntity, number>();
    let unnamed = 0;
    let next = this.unnamed;
    let counted = 0;
    const candidateIds: (number | null)[] = [];
    for (const it of this.items) {
      if (!it.counted) {
        candidateIds.push(null);
        continue;
      }
      counted++;
      if (!it.name) {
        candidateIds.push(unnamed++);
        continue;
      }
      let first = firstOf.get(it.name);
      if (first === undefined) {
        firstOf.set(it.name, (first = next));
        next += it.name.figures!.candidates;
      }
      candidateIds.push(first + it.local);
    }

    // Every score value of the scale, and any other value that occurs (half points), lowest first.
    const valueSet = new Set<number>();
    if (info) for (let v = info.scale.min; v <= info.scale.max; v++) valueSet.add(v);
    for (const counts of this.dimCounts) for (const v of counts.keys()) valueSet.add(v);
    const values = [...valueSet].sort((a, b) => a - b);
    const slot = new Map(values.map((v, i) => [v, i]));
    const bandIds = info ? info.bands.map((b) => b.id) : [...this.bandCounts.keys()].sort(compareText);
    // The interviewers' counts are by score value and their bands by band: when either set changes, every interviewer's and problem's figures change.
    const valuesKey = values.join(' ');
    const bandsKey = bandIds.join('\u0000');
    if (valuesKey !== this.valuesKey || bandsKey !== this.bandsKey) {
      this.valuesKey = valuesKey;
      this.bandsKey = bandsKey;
      for (const e of this.interviewers.values()) e.figures = undefined;
      for (const e of this.problems.values()) e.figures = undefined;
    }
    const countsOf = (tally: number[]): Record<string, number> => {
      const out: Record<string, number> = {};
      values.forEach((v, i) => (out[scoreKey(v)] = tally[i]));
      return out;
    };
    const emptyBands = () => Object.fromEntries(bandIds.map((b) => [b, 0])) as Record<string, number>;

    const dimensions: DimensionStats[] = this.dims.map((d, di) => {
      const tally = values.map((v) => this.dimCounts[di].get(v) ?? 0);
      let n = 0;
      let sum = 0;
      values.forEach((v, i) => {
        n += tally[i];
        sum += tally[i] * v;
      });
      return { id: d.id, name: d.name, weight: d.weight, n, mean: n ? round(sum / n) : null, counts: countsOf(tally) };
    });

    const interviewers: InterviewerStats[] = [];
    for (const [key, e] of this.interviewers) {
      e.figures ??= interviewerStats(key, e.items, slot, values.length, countsOf, emptyBands, options.minN);
      interviewers.push(e.figures);
    }
    interviewers.sort((x, y) => compareText(x.key, y.key));

    const problems: ProblemStats[] = [];
    for (const [key, e] of this.problems) {
      e.figures ??= problemStats(key, e.items, emptyBands);
      problems.push(e.figures);
    }
    problems.sort((x, y) => compareText(x.key, y.key));

    const t = this.totals;
    const agreement: AgreementStats = emptyAgreement();
    agreement.units = t.units;
    agreement.pairs = t.pairs;
    if (t.pairs) {
      agreement.exact = round(t.exact / t.pairs);
      agreement.withinOne = round(t.withinOne / t.pairs);
    }
    const alpha = t.counts.alphas();
    const r = (a: number | null) => (a === null ? null : round(a));
    agreement.alphaOrdinal = r(alpha.ordinal);
    agreement.alphaNominal = r(alpha.nominal);
    agreement.alphaInterval = r(alpha.interval);

    const group = { rubric, rowCount: this.rows.length, counted, candidates: this.unnamed + this.namedCandidates, interviewers, dimensions, problems, agreement };
    return { group, candidateIds };
  }
}

/** An interviewer's figures from their rows in row order (the first spelling is shown). */
function interviewerStats(
  key: string,
  items: readonly Item[],
  slot: ReadonlyMap<number, number>,
  slots: number,
  countsOf: (tally: number[]) => Record<string, number>,
  emptyBands: () => Record<string, number>,
  minN: number,
): InterviewerStats {
  const tally = new Array<number>(slots).fill(0);
  const bands = emptyBands();
  let n = 0;
  let sum = 0;
  let withRec = 0;
  let differs = 0;
  let offsetN = 0;
  let diffSum = 0;
  for (const it of items) {
    if (!it.counted) continue;
    const r = it.row;
    n++;
    sum += it.w;
    for (const v of it.v) if (!Number.isNaN(v)) tally[slot.get(v)!]++;
    if (r.band !== null) bands[r.band] = (bands[r.band] ?? 0) + 1;
    if (r.recommendation !== null) {
      withRec++;
      if (r.recommendation !== r.band) differs++;
    }
    if (it.term !== null) {
      offsetN++;
      diffSum += it.term;
    }
  }
  return {
    name: items[0].row.interviewer.trim(),
    key,
    n,
    rows: items.length,
    meanWeighted: n ? round(sum / n) : null,
    offset: offsetN ? round(diffSum / offsetN) : null,
    offsetN,
    enoughData: offsetN > 0 && offsetN >= minN,
    counts: countsOf(tally),
    bands,
    recommendationDiffers: withRec ? round(differs / withRec) : null,
  };
}

/** A problem's figures ('' for rows without a problem) from its rows in row order: n, mean, bands and half-point bins. */
function problemStats(key: string, items: readonly Item[], emptyBands: () => Record<string, number>): ProblemStats {
  const stats: ProblemStats = { title: (items[0].row.problem ?? '').trim(), key, n: 0, meanWeighted: null, bands: emptyBands(), distribution: {} };
  const bins = new Map<number, number>();
  let sum = 0;
  for (const { row, counted, w } of items) {
    if (!counted) continue;
    stats.n++;
    sum += w;
    if (row.band !== null) stats.bands[row.band] = (stats.bands[row.band] ?? 0) + 1;
    const bin = Math.floor(Math.round(w * 1000) / 500) / 2;
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  stats.meanWeighted = stats.n ? round(sum / stats.n) : null;
  for (const b of [...bins.keys()].sort((x, y) => x - y)) stats.distribution[b.toFixed(1)] = bins.get(b)!;
  return stats;
}

/**
 * What a report keeps for the next one over the same row objects: each rubric's figures as a state
 * that rows are added to and taken from (see GroupState). Its owner makes one and passes it to each
 * report: the editor's model keeps the rows of unchanged files between reports, so a report after a
 * save takes the saved file's old rows out of each rubric's figures, adds its new ones, and works
 * out again only the interviewers, problems and candidate names they touch (plus one pass over the
 * rows that numbers the candidates). A one-off report (the CLI) passes none: keeping costs more
 * than it saves when nothing is reused. The figures are the same either way, bit for bit.
 */
export class ReportState {
  /** Each rubric's state, by rubric key: a report drops the states of rubrics it no longer has. */
  readonly groups = new Map<string, GroupState>();
}

/** The figures of the rows of one rubric (sorted by file and index), and each row's candidate; from the state `kept` holds for the rubric, brought up to date, when there is one. */
function groupFigures(rubric: string, rows: readonly CalibrationRow[], options: GroupOptions, info: RubricInfo | undefined, kept: ReportState | undefined) {
  // Dimensions: the rubric's order, else the order of the first row's scores.
  const dims: { id: string; name: string; weight: number | null }[] = info
    ? info.dimensions.map((d) => ({ ...d }))
    : Object.keys(rows[0]?.scores ?? {}).map((id) => ({ id, name: id, weight: null }));
  const key = JSON.stringify([dims, info ? [info.scale, info.bands] : null, options.windowDays, options.minN]);
  let state = kept?.groups.get(rubric);
  if (!state || state.key !== key) state = new GroupState(key, dims, info, options, kept !== undefined);
  state.update(rows);
  kept?.groups.set(rubric, state);
  return state.figures(rubric);
}

/** The report's row of an input row: its fields (spelled out: the report's JSON holds these, in this order, whatever else the input object has) and its candidate. */
function reportRow(r: CalibrationRow, candidateId: number | null): ReportRow {
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
    candidateId,
    counted: isCounted(r),
  };
}

function isSorted(rows: readonly CalibrationRow[]): boolean {
  for (let k = 1; k < rows.length; k++) if (compareRows(rows[k - 1], rows[k]) > 0) return false;
  return true;
}

/** Whether two rows of sorted rows have the same file and index. */
function hasTwins(rows: readonly CalibrationRow[]): boolean {
  for (let k = 1; k < rows.length; k++) if (compareRows(rows[k - 1], rows[k]) === 0) return true;
  return false;
}

/**
 * The report over every row (of every file) and the files that could not be read. The same rows
 * and files in any order give the same report. With `kept`, the report starts from the work the
 * last report given that state left, and leaves its own there (see ReportState).
 */
export function calibrationReport(rows: readonly CalibrationRow[], unreadable: readonly Unreadable[], options: CalibrationOptions, kept?: ReportState): CalibrationReport {
  const opts = {
    windowDays: Number.isFinite(options.windowDays) && options.windowDays >= 0 ? options.windowDays : DEFAULT_CALIBRATION_OPTIONS.windowDays,
    minN: Number.isFinite(options.minN) && options.minN >= 0 ? options.minN : DEFAULT_CALIBRATION_OPTIONS.minN,
    recent: options.recent !== undefined && Number.isFinite(options.recent) && options.recent > 0 ? options.recent : DEFAULT_CALIBRATION_OPTIONS.recent,
  };
  // Rows come sorted from the editor's model (which keeps its files in order): checking costs one
  // comparison per row, sorting 10,000 rows by file name a hundred times more.
  const sorted = isSorted(rows) ? rows : [...rows].sort(compareRows);
  // A kept state tells rows apart by their place: two rows of one file and index (never from the
  // model) are two rows, worked out afresh.
  if (kept && hasTwins(sorted)) kept = undefined;
  const bad = [...unreadable].sort((a, b) => compareText(a.file, b.file));
  // Files: those unreadable, and those of the rows (sorted: a file's rows are together) not among them.
  const badFiles = new Set(bad.map((u) => u.file));
  let files = badFiles.size;
  // The rows of each rubric, and the place of each in `sorted`.
  const byRubric = new Map<string, { rows: CalibrationRow[]; at: number[] }>();
  sorted.forEach((r, k) => {
    if ((k === 0 || r.file !== sorted[k - 1].file) && !badFiles.has(r.file)) files++;
    let list = byRubric.get(r.rubricKey);
    if (!list) byRubric.set(r.rubricKey, (list = { rows: [], at: [] }));
    list.rows.push(r);
    list.at.push(k);
  });
  const candidateIds = new Array<number | null>(sorted.length).fill(null);
  const groups = [...byRubric.entries()]
    .map(([key, list]) => {
      const figures = groupFigures(key, list.rows, opts, options.rubrics?.[key], kept);
      figures.candidateIds.forEach((id, j) => (candidateIds[list.at[j]] = id));
      return figures.group;
    })
    .sort((a, b) => b.rowCount - a.rowCount || compareText(a.rubric, b.rubric));
  // What the next report keeps: the rubrics of this one.
  if (kept) for (const key of [...kept.groups.keys()]) if (!byRubric.has(key)) kept.groups.delete(key);
  const top = groups[0];
  return {
    files,
    unreadable: bad,
    rows: sorted.map((r, k) => reportRow(r, candidateIds[k])),
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

/** The rows of one file in a report (its rows are sorted by file): found by a binary search, not a pass over every row. */
export function reportRowsOfFile(report: CalibrationReport, file: string): ReportRow[] {
  const rows = report.rows;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareText(rows[mid].file, file) < 0) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < rows.length && rows[end].file === file) end++;
  return rows.slice(lo, end);
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
