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

/** The values of the pairable units (two or more values), and how many such units there are. */
function pairableValues(units: readonly (readonly number[])[]): { pairable: number; seen: Set<number> } {
  let pairable = 0;
  const seen = new Set<number>();
  for (const u of units) {
    if (u.length < 2) continue;
    pairable++;
    for (const v of u) seen.add(v);
  }
  return { pairable, seen };
}

function coincidences(units: readonly (readonly number[])[]): Coincidences | null {
  const { pairable, seen } = pairableValues(units);
  if (pairable < 2) return null;
  const values = [...seen].sort((a, b) => a - b);
  const V = values.length;
  const index = new Map(values.map((v, i) => [v, i]));
  const o: number[][] = values.map(() => new Array<number>(V).fill(0));
  addCoincidences(units, index, o);
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  return { values, o, nc, n: nc.reduce((s, x) => s + x, 0) };
}

/** Adds each pairable unit's pairs of values to the coincidence matrix, weighted 1 / (m − 1). */
function addCoincidences(units: readonly (readonly number[])[], index: ReadonlyMap<number, number>, o: number[][]): void {
  const counts = new Array<number>(o.length).fill(0);
  const present: number[] = [];
  for (const u of units) {
    if (u.length < 2) continue;
    present.length = 0;
    for (const v of u) {
      const i = index.get(v)!;
      if (counts[i]++ === 0) present.push(i);
    }
    const w = 1 / (u.length - 1);
    for (const c of present) {
      for (const k of present) o[c][k] += (c === k ? counts[c] * (counts[c] - 1) : counts[c] * counts[k]) * w;
    }
    for (const c of present) counts[c] = 0;
  }
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
  const m = coincidences(units);
  return m ? alphaOf(m, metric) : null;
}

/** The three metrics at once, from one coincidence matrix. */
export function alphas(units: readonly (readonly number[])[]): Record<AlphaMetric, number | null> {
  const m = coincidences(units);
  return { nominal: m ? alphaOf(m, 'nominal') : null, ordinal: m ? alphaOf(m, 'ordinal') : null, interval: m ? alphaOf(m, 'interval') : null };
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
