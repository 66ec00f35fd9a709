/**
 * Rules every rubric obeys, whoever wrote it (the built-in guide or a team's kit): what no
 * schema can say alone, such as weights summing to 100 or bands lying on the scale.
 */
import type { Band, Rubric } from './content';

/** One rule a rubric breaks, at a field path such as `dimensions[2].weight` ('' for the whole rubric). */
export interface RubricProblem {
  field: string;
  message: string;
}

/** The most score points a scale may span (1–4, 1–5, 0–10 all fit). */
export const MAX_SCALE_SPAN = 10;

/** The tag a dimension is known by in interview notes: its `tag`, else its id. */
export function dimensionTag(d: Rubric['dimensions'][number]): string {
  return d.tag ?? d.id;
}

/** A score bound as a range prints it: 4 as "4.0", 3.45 as "3.45". */
const bound = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(n));

/**
 * A band's weighted-score range as text, wherever one is shown (tree, band page, diagnostics): its
 * `printedRange` when the rubric prints one, else written from the bands' mins: the top band
 * "≥ 4.2", a band below it "3.4–4.2" (its min to the next band's), the band without a min "< 3.4";
 * "any score" for a band without a min and no band above it.
 */
export function bandRange(bands: readonly Band[], band: Band): string {
  if (band.printedRange) return band.printedRange;
  const min = band.min ?? undefined;
  const above = bands.reduce<number | undefined>((next, b) => {
    const m = b.min ?? undefined;
    return m !== undefined && (min === undefined || m > min) && (next === undefined || m < next) ? m : next;
  }, undefined);
  if (min === undefined) return above === undefined ? 'any score' : `< ${bound(above)}`;
  return above === undefined ? `\u2265 ${bound(min)}` : `${bound(min)}\u2013${bound(above)}`;
}

/** Checks a schema-valid rubric's cross-field rules; [] when it is sound. */
export function checkRubric(r: Rubric): RubricProblem[] {
  const out: RubricProblem[] = [];
  const { min, max } = r.scale;
  if (min >= max) out.push({ field: 'scale', message: `min (${min}) must be below max (${max})` });
  else if (max - min > MAX_SCALE_SPAN) out.push({ field: 'scale', message: `spans ${max - min} points; at most ${MAX_SCALE_SPAN}` });

  const weight = r.dimensions.reduce((s, d) => s + d.weight, 0);
  if (weight !== 100) out.push({ field: 'dimensions', message: `weights must sum to 100 (they sum to ${weight})` });
  if (min < max && max - min <= MAX_SCALE_SPAN) {
    const want: number[] = [];
    for (let s = min; s <= max; s++) want.push(s);
    r.dimensions.forEach((d, i) => {
      const scores = d.levels.map((l) => l.score).sort((a, b) => a - b);
      if (scores.join() !== want.join()) {
        out.push({ field: `dimensions[${i}].levels`, message: `must describe each score ${want.join(', ')} once (has ${scores.join(', ') || 'none'})` });
      }
    });
  }
  const seen = (field: string, values: string[], what: string) => {
    const first = new Map<string, number>();
    values.forEach((v, i) => {
      if (first.has(v)) out.push({ field: `${field}[${i}]`, message: `${what} "${v}" is used more than once (first at ${field}[${first.get(v)}])` });
      else first.set(v, i);
    });
  };
  seen('dimensions', r.dimensions.map((d) => d.id), 'dimension id');
  seen('dimensions', r.dimensions.map((d) => (d.tag ?? d.id).toLowerCase()), 'note tag');
  seen('bands', r.bands.map((b) => b.id), 'band id');

  const open = r.bands.map((b, i) => ({ b, i })).filter(({ b }) => b.min === null || b.min === undefined);
  if (open.length > 1) out.push({ field: `bands[${open[1].i}].min`, message: 'only the lowest band may leave out its min' });
  const mins = r.bands.map((b, i) => ({ min: b.min, i })).filter((x): x is { min: number; i: number } => typeof x.min === 'number');
  for (const { min: m, i } of mins) {
    if (m < min || m > max) out.push({ field: `bands[${i}].min`, message: `${m} lies outside the scale ${min}–${max}` });
  }
  seen('bands', mins.map((x) => String(x.min)), 'band min');
  if (open.length === 1 && mins.some((x) => x.min <= min)) {
    out.push({ field: `bands[${open[0].i}].min`, message: `the band without a min must be the lowest, but another band starts at the scale's minimum ${min}` });
  }
  r.bands.forEach((b, i) => {
    if (typeof b.printedMax === 'number' && typeof b.min === 'number' && b.printedMax < b.min) {
      out.push({ field: `bands[${i}].printedMax`, message: `${b.printedMax} is below the band's min ${b.min}` });
    }
  });

  const bandIds = new Set(r.bands.map((b) => b.id));
  const recommended = new Map<string, number>();
  r.recommendations.forEach((rec, i) => {
    if (!bandIds.has(rec.band)) out.push({ field: `recommendations[${i}].band`, message: `names no band: "${rec.band}" (bands: ${[...bandIds].join(', ')})` });
    else if (recommended.has(rec.band)) out.push({ field: `recommendations[${i}].band`, message: `band "${rec.band}" has a recommendation already (recommendations[${recommended.get(rec.band)}])` });
    else recommended.set(rec.band, i);
  });
  return out;
}
