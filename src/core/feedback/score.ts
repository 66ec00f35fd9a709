/**
 * Exact scoring: scores are read as whole halves, the weighted score is kept in integer
 * thousandths, and bands are compared in thousandths, so no floating-point error can move
 * a score across a band edge (2.8 is 2.8, not 2.7999999999999998).
 */
import type { BandId, Dimension, Rubric } from '../content';

/** The weighted score of one feedback, exactly. */
export interface WeightedScore {
  /** The score in thousandths: 3150 for 3.15; 3445 for 3.445 (possible with half points). */
  milli: number;
  /** The score as a number (milli / 1000). */
  value: number;
  /** Two decimals, rounded half up: "3.15". */
  text: string;
  /** As written in a feedback: "3.15 / 4.0". */
  display: string;
}

/** Where a weighted score falls among the rubric's bands. */
export interface BandPlacement {
  /** The band whose printed lower bound (min) the score reaches, half-open: 2.8 is Hire, 2.79 No Hire. */
  band: BandId;
  /** The score lies above the band's printed upper bound and below the next band's min (e.g. 3.45, 2.75). */
  borderline: boolean;
  /** `[band]`, or `[band, band above]` when borderline. */
  accepted: BandId[];
}

const milliOf = (x: number) => Math.round(x * 1000);

const normalized = new Map<string, string>();

/** Lowercase words of a name, with "&" read as "and": "Scalability & Performance" and "scalability and  performance" match. */
export function normalizeName(name: string): string {
  let n = normalized.get(name);
  if (n !== undefined) return n;
  n = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  // Headings, names and box texts repeat from one validation to the next; a bounded memo keeps typing cheap.
  if (normalized.size > 5000) normalized.clear();
  if (name.length < 200) normalized.set(name, n);
  return n;
}

const dimensionIndex = new WeakMap<Rubric, Map<string, Dimension>>();

/** The rubric dimension a score line names (case, spacing, punctuation and "&"/"and" ignored), or undefined. */
export function findDimension(rubric: Rubric, name: string): Dimension | undefined {
  let index = dimensionIndex.get(rubric);
  if (!index) {
    index = new Map();
    for (const d of rubric.dimensions) {
      index.set(normalizeName(d.name), d);
      index.set(normalizeName(d.id), d);
    }
    dimensionIndex.set(rubric, index);
  }
  return index.get(normalizeName(name));
}

/** Formats thousandths with two decimals, rounding half up: 3445 -> "3.45". */
export function formatMilli(milli: number): string {
  const hundredths = Math.floor((milli + 5) / 10);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths - whole * 100;
  return `${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** "3.15 / 4.0": the weighted score as the template writes it, out of the rubric's scale maximum. */
export function formatWeightedScore(rubric: Rubric, milli: number): string {
  return `${formatMilli(milli)} / ${rubric.scale.max.toFixed(1)}`;
}

/**
 * The weighted score from scores by dimension id (sum of score x weight / 100), or null unless
 * every rubric dimension has a score. Scores must be whole or half points.
 */
export function computeWeightedScore(rubric: Rubric, scores: Readonly<Record<string, number>>): WeightedScore | null {
  let sum = 0;
  for (const d of rubric.dimensions) {
    const s = scores[d.id];
    if (typeof s !== 'number' || !Number.isFinite(s)) return null;
    sum += Math.round(s * 2) * d.weight;
  }
  return weightedFromHalves(rubric, sum);
}

/** The weighted score from sum(2 x score x weight); milli = that sum x 1000 / 200. */
export function weightedFromHalves(rubric: Rubric, halvesTimesWeight: number): WeightedScore {
  const totalWeight = rubric.dimensions.reduce((s, d) => s + d.weight, 0) || 100;
  // Weights sum to 100 (loadContent checks it), so this division is exact: milli = 5 x sum.
  const milli = totalWeight === 100 ? halvesTimesWeight * 5 : Math.round((halvesTimesWeight * 500) / totalWeight);
  return { milli, value: milli / 1000, text: formatMilli(milli), display: formatWeightedScore(rubric, milli) };
}

const sortedBands = new WeakMap<Rubric, Rubric['bands']>();

/** The rubric's bands from the highest min down, the band with min null last. */
export function bandsDescending(rubric: Rubric): Rubric['bands'] {
  let b = sortedBands.get(rubric);
  if (!b) {
    b = [...rubric.bands].sort((x, y) => (y.min ?? -Infinity) - (x.min ?? -Infinity));
    sortedBands.set(rubric, b);
  }
  return b;
}

/** Which band a weighted score (in thousandths) falls in, and whether it lies in a printed gap. */
export function bandOf(rubric: Rubric, milli: number): BandPlacement {
  const bands = bandsDescending(rubric);
  let i = bands.findIndex((b) => b.min === null || milli >= milliOf(b.min));
  if (i < 0) i = bands.length - 1;
  const band = bands[i];
  const above = i > 0 ? bands[i - 1] : undefined;
  const borderline = !!above && band.printedMax !== null && milli > milliOf(band.printedMax);
  return { band: band.id, borderline, accepted: borderline && above ? [band.id, above.id] : [band.id] };
}

/** The valid scores as text, lowest first: "1", "2", "3", "4" (with half points "1", "1.5", ... "4"). */
export function validScoreValues(rubric: Rubric, allowHalfPoints = false): string[] {
  const out: string[] = [];
  for (let s = rubric.scale.min; s <= rubric.scale.max; s++) {
    out.push(String(s));
    if (allowHalfPoints && s < rubric.scale.max) out.push(`${s}.5`);
  }
  return out;
}

/** How a written score reads. */
export type ScoreReading =
  | { kind: 'empty' }
  | { kind: 'placeholder' }
  | { kind: 'score'; halves: number }
  | { kind: 'invalid'; reason: string };

const NUMBER = /^([+-]?)(\d+)(?:[.,](\d+))?$/;

/**
 * Reads a score as written: "3", "3.0", "[3]" and (with half points) "3.5" or "3,5" are scores;
 * "" is empty; a bracketed non-number such as "[1-4]" is the placeholder; anything else is invalid.
 */
export function readScore(rubric: Rubric, text: string, allowHalfPoints: boolean): ScoreReading {
  if (text === '') return { kind: 'empty' };
  let t = text;
  if (t.charCodeAt(0) === 91 /* [ */ && t.charCodeAt(t.length - 1) === 93 /* ] */) {
    t = t.slice(1, -1).trim();
    if (!NUMBER.test(t)) return { kind: 'placeholder' };
  }
  // A plain digit is by far the most common score.
  if (t.length === 1) {
    const d = t.charCodeAt(0) - 48;
    if (d >= rubric.scale.min && d <= rubric.scale.max && d >= 0 && d <= 9) return { kind: 'score', halves: d * 2 };
  }
  const m = NUMBER.exec(t);
  const range = `${rubric.scale.min}-${rubric.scale.max}`;
  if (!m) return { kind: 'invalid', reason: `"${text}" is not a score ${range}` };
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (m[2].length > 6) return { kind: 'invalid', reason: `${text} is outside the scale ${range}` };
  const whole = Number(m[2]);
  let halves: number;
  if (frac === '') halves = whole * 2;
  else if (frac === '5') {
    if (!allowHalfPoints) return { kind: 'invalid', reason: `${text} is not a whole score ${range} (half points are off)` };
    halves = whole * 2 + 1;
  } else return { kind: 'invalid', reason: `${text} is not a ${allowHalfPoints ? 'whole or half' : 'whole'} score ${range}` };
  if (m[1] === '-') halves = -halves;
  if (halves < rubric.scale.min * 2 || halves > rubric.scale.max * 2) {
    return { kind: 'invalid', reason: `${text} is outside the scale ${range}` };
  }
  return { kind: 'score', halves };
}

/**
 * Compares a written weighted score with the computed one exactly: true when the written
 * decimal differs by more than 0.005 or is not a decimal number.
 */
export function isStale(written: string, milli: number): boolean {
  const m = /^(\d+)(?:[.,](\d*))?$/.exec(written);
  if (!m) return true;
  const frac = m[2] ?? '';
  if (m[1].length + frac.length > 30) return true;
  // written = W / 10^k; stale when |W x 1000 - milli x 10^k| > 5 x 10^k.
  const W = BigInt(m[1] + frac);
  const scale = 10n ** BigInt(frac.length);
  let diff = W * 1000n - BigInt(milli) * scale;
  if (diff < 0n) diff = -diff;
  return diff > 5n * scale;
}
