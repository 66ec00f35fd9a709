/**
 * Exact scoring: scores are read as whole halves, the weighted score is kept in integer
 * thousandths, and bands are compared in thousandths, so no floating-point error can move
 * a score across a band edge (2.8 is 2.8, not 2.7999999999999998). Any integer scale.
 */
import type { Band, Dimension, Rubric } from '../content';
import { asCompiled, CompiledRubric, type BandPlacement } from './compiled';

export { normalizeName } from './names';
export type { BandPlacement } from './compiled';

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

/** What scoring reads of a rubric: a plain rubric or a compiled one. */
export type RubricLike = Rubric | CompiledRubric;

/** The rubric dimension a score line names (case, spacing, punctuation and "&"/"and" ignored), or undefined. */
export function findDimension(rubric: RubricLike, name: string): Dimension | undefined {
  return asCompiled(rubric).findDimension(name);
}

/** Formats thousandths with two decimals, rounding half up: 3445 -> "3.45". */
export function formatMilli(milli: number): string {
  const sign = milli < 0 ? '-' : '';
  const hundredths = Math.floor((Math.abs(milli) + 5) / 10);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths - whole * 100;
  return `${sign}${whole}.${frac < 10 ? '0' : ''}${frac}`;
}

/** "3.15 / 4.0": the weighted score as the template writes it, out of the rubric's scale maximum. */
export function formatWeightedScore(rubric: Pick<Rubric, 'scale'>, milli: number): string {
  return `${formatMilli(milli)} / ${rubric.scale.max.toFixed(1)}`;
}

/**
 * The weighted score from scores by dimension id (sum of score x weight / 100), or null unless
 * every rubric dimension has a score. Scores must be whole or half points.
 */
export function computeWeightedScore(rubric: RubricLike, scores: Readonly<Record<string, number>>): WeightedScore | null {
  let sum = 0;
  for (const d of rubric.dimensions) {
    const s = scores[d.id];
    if (typeof s !== 'number' || !Number.isFinite(s)) return null;
    sum += Math.round(s * 2) * d.weight;
  }
  return weightedFromHalves(rubric, sum);
}

/** The weighted score from sum(2 x score x weight); milli = that sum x 1000 / 200. A compiled rubric brings its sum of weights. */
export function weightedFromHalves(rubric: { scale: Rubric['scale']; dimensions: readonly Pick<Dimension, 'weight'>[]; totalWeight?: number }, halvesTimesWeight: number): WeightedScore {
  const totalWeight = (rubric.totalWeight ?? rubric.dimensions.reduce((s, d) => s + d.weight, 0)) || 100;
  // Weights sum to 100 (checkRubric checks it), so this division is exact: milli = 5 x sum.
  const milli = totalWeight === 100 ? halvesTimesWeight * 5 : Math.round((halvesTimesWeight * 500) / totalWeight);
  return { milli, value: milli / 1000, text: formatMilli(milli), display: formatWeightedScore(rubric, milli) };
}

/** The rubric's bands from the highest min down, the band without a min last. */
export function bandsDescending(rubric: RubricLike): readonly Band[] {
  return asCompiled(rubric).bands;
}

/** Which band a weighted score (in thousandths) falls in, and whether it lies in a printed gap. */
export function bandOf(rubric: RubricLike, milli: number): BandPlacement {
  return asCompiled(rubric).bandOf(milli);
}

/** The valid scores as text, lowest first: "1", "2", "3", "4" (with half points "1", "1.5", ... "4"). */
export function validScoreValues(rubric: Pick<Rubric, 'scale'>, allowHalfPoints = false): string[] {
  const out: string[] = [];
  for (let s = rubric.scale.min; s <= rubric.scale.max; s++) {
    out.push(String(s));
    if (allowHalfPoints && s < rubric.scale.max) out.push(String(s + 0.5));
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
 * Reads a score as written: "3", "3.0", "10", "[3]" and (with half points) "3.5" or "3,5" are
 * scores; "" is empty; a bracketed non-number such as "[1-4]" is the placeholder; anything else
 * is invalid. Any integer scale (1-4, 1-5, 0-10).
 */
export function readScore(rubric: Pick<Rubric, 'scale'>, text: string, allowHalfPoints: boolean): ScoreReading {
  if (text === '') return { kind: 'empty' };
  const { min, max } = rubric.scale;
  let t = text;
  if (t.charCodeAt(0) === 91 /* [ */ && t.charCodeAt(t.length - 1) === 93 /* ] */) {
    t = t.slice(1, -1).trim();
    if (!NUMBER.test(t)) return { kind: 'placeholder' };
  }
  // A plain digit is by far the most common score.
  if (t.length === 1) {
    const d = t.charCodeAt(0) - 48;
    if (d >= 0 && d <= 9 && d >= min && d <= max) return { kind: 'score', halves: d * 2 };
  }
  const m = NUMBER.exec(t);
  const range = `${min}-${max}`;
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
  if (halves < min * 2 || halves > max * 2) {
    return { kind: 'invalid', reason: `${text} is outside the scale ${range}` };
  }
  return { kind: 'score', halves };
}

/**
 * Compares a written weighted score with the computed one exactly: true when the written
 * decimal differs by more than 0.005 or is not a decimal number.
 */
export function isStale(written: string, milli: number): boolean {
  const m = /^(-?\d+)(?:[.,](\d*))?$/.exec(written);
  if (!m) return true;
  const frac = m[2] ?? '';
  if (m[1].length + frac.length > 30) return true;
  // written = W / 10^k; stale when |W x 1000 - milli x 10^k| > 5 x 10^k.
  const negative = m[1].startsWith('-');
  let W = BigInt(m[1].replace('-', '') + frac);
  if (negative) W = -W;
  const scale = 10n ** BigInt(frac.length);
  let diff = W * 1000n - BigInt(milli) * scale;
  if (diff < 0n) diff = -diff;
  return diff > 5n * scale;
}
