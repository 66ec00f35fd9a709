/**
 * Krippendorff's alpha in the coincidence-matrix form of "Computing Krippendorff's
 * Alpha-Reliability" (Krippendorff, 2011): alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck,
 * over the pairable values (units holding two or more values), with the nominal, ordinal and
 * interval difference functions. Written here: the npm package is unmaintained and nominal-only.
 */
import type { AlphaMetric } from './types';

/** The coincidence matrix of pairable units: distinct values (ascending), o[c][k], marginals n_c and n. */
interface Coincidences {
  values: number[];
  o: number[][];
  nc: number[];
  n: number;
}

/**
 * The pairable units' coincidences as exact counts, which units can be added to and taken from in
 * any order: for each unit size m, for each pair of values (c, k), the sum over units of
 * count_c · count_k (count_c · (count_c − 1) when c = k). The matrix divides them by m − 1 at the
 * end, always in the same order, so the same units give the same alpha, bit for bit, however they
 * were added (the editor's report adds and takes away the units of the candidates a save changed).
 */
export class CoincidenceCounts {
  /** Unit size → value c → value k → count; no zero count is kept. */
  private readonly bySize = new Map<number, Map<number, Map<number, number>>>();
  /** How many pairable units (two or more values) were added, less those taken away. */
  pairable = 0;

  /** Adds a unit's values (sign 1) or takes them away (−1, a unit added before). A unit of fewer than two values is not pairable and changes nothing. */
  add(unit: readonly number[], sign: 1 | -1 = 1): void {
    const m = unit.length;
    if (m < 2) return;
    this.pairable += sign;
    // How often each value occurs in the unit.
    const counts = new Map<number, number>();
    for (const v of unit) counts.set(v, (counts.get(v) ?? 0) + 1);
    let bySize = this.bySize.get(m);
    if (!bySize) this.bySize.set(m, (bySize = new Map<number, Map<number, number>>()));
    for (const [c, nc] of counts) {
      let row = bySize.get(c);
      if (!row) bySize.set(c, (row = new Map<number, number>()));
      for (const [k, nk] of counts) {
        const count = c === k ? nc * (nc - 1) : nc * nk;
        if (!count) continue;
        const total = (row.get(k) ?? 0) + sign * count;
        if (total) row.set(k, total);
        else row.delete(k);
      }
      if (!row.size) bySize.delete(c);
    }
    if (!bySize.size) this.bySize.delete(m);
  }

  /** The coincidence matrix, or null with fewer than two pairable units. */
  matrix(): Coincidences | null {
    if (this.pairable < 2) return null;
    const seen = new Set<number>();
    for (const rows of this.bySize.values()) for (const c of rows.keys()) seen.add(c);
    const values = [...seen].sort((a, b) => a - b);
    const V = values.length;
    const o: number[][] = values.map(() => new Array<number>(V).fill(0));
    for (const m of [...this.bySize.keys()].sort((a, b) => a - b)) {
      const rows = this.bySize.get(m)!;
      for (let c = 0; c < V; c++) {
        const ks = rows.get(values[c]);
        if (!ks) continue;
        for (let k = 0; k < V; k++) {
          const count = ks.get(values[k]);
          if (count) o[c][k] += count / (m - 1);
        }
      }
    }
    const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
    return { values, o, nc, n: nc.reduce((s, x) => s + x, 0) };
  }

  /** Alpha in the three metrics. */
  alphas(): Record<AlphaMetric, number | null> {
    const m = this.matrix();
    return { nominal: m ? alphaOf(m, 'nominal') : null, ordinal: m ? alphaOf(m, 'ordinal') : null, interval: m ? alphaOf(m, 'interval') : null };
  }
}

/** The counts of a list of units. */
function countsOf(units: readonly (readonly number[])[]): CoincidenceCounts {
  const counts = new CoincidenceCounts();
  for (const u of units) counts.add(u);
  return counts;
}

function alphaOf(m: Coincidences, metric: AlphaMetric): number | null {
  const { values, o, nc, n } = m;
  const V = values.length;
  if (V < 2 || n <= 1) return null;
  // Cumulative marginals for the ordinal metric: cum[i] = sum of n_g for g <= i.
  const cum: number[] = [];
  nc.reduce((s, x, i) => (cum[i] = s + x), 0);
  const delta2 = (c: number, k: number): number => {
    switch (metric) {
      case 'nominal':
        return 1;
      case 'interval': {
        const d = values[c] - values[k];
        return d * d;
      }
      case 'ordinal': {
        const lo = Math.min(c, k);
        const hi = Math.max(c, k);
        const d = cum[hi] - (lo > 0 ? cum[lo - 1] : 0) - (nc[c] + nc[k]) / 2;
        return d * d;
      }
    }
  };
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < V; c++) {
    for (let k = 0; k < V; k++) {
      if (c === k) continue;
      const d = delta2(c, k);
      observed += o[c][k] * d;
      expected += nc[c] * nc[k] * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * Alpha from units given as lists of their values (which rater gave which does not matter in the
 * coincidence form). Units with fewer than two values are not pairable and are left out. Null
 * with fewer than two pairable units, or when the values do not vary (no expected disagreement).
 */
export function alphaFromUnits(units: readonly (readonly number[])[], metric: AlphaMetric): number | null {
  const m = countsOf(units).matrix();
  return m ? alphaOf(m, metric) : null;
}

/** The three metrics at once, from one coincidence matrix. */
export function alphas(units: readonly (readonly number[])[]): Record<AlphaMetric, number | null> {
  return countsOf(units).alphas();
}

/**
 * Alpha from a reliability data matrix, units × raters (rows are units, `null` where a rater gave
 * no value). Same answer as `alphaFromUnits` over each unit's non-null values.
 */
export function krippendorffAlpha(data: (number | null)[][], metric: AlphaMetric): number | null {
  return alphaFromUnits(
    data.map((unit) => unit.filter((v): v is number => typeof v === 'number' && Number.isFinite(v))),
    metric,
  );
}
