/**
 * A rubric with every look-up the checks need built once: dimensions by name, bands from the
 * highest down, recommendation texts, band labels and ranges, and the template it is read with.
 * The checker keeps no module-level memo; whoever validates often (the editor, the CLI) compiles
 * a rubric once and passes the compiled one.
 */
import type { Band, BandId, Dimension, Rubric } from '../content';
import { bandRange } from '../rubric';
import { normalizeName } from './names';
import { BUILTIN_TEMPLATE_SPEC, bandsHighestFirst, compileTemplate, type CompiledTemplate, type TemplateSpec } from './template';

/** Where a weighted score falls among the rubric's bands. */
export interface BandPlacement {
  /** The band whose lower bound (min) the score reaches, half-open: 2.8 is Hire, 2.79 No Hire. */
  band: BandId;
  /** The score lies above the band's printed upper bound and below the next band's min (e.g. 3.45, 2.75). */
  borderline: boolean;
  /** `[band]`, or `[band, band above]` when borderline. */
  accepted: BandId[];
}

const milliOf = (x: number) => Math.round(x * 1000);

/** A rubric and its template, ready for the checks. Build one with `compileRubric`. */
export class CompiledRubric {
  /** Bands from the highest min down; the band without a min last. */
  readonly bands: readonly Band[];
  /** The highest band. */
  readonly topBand: Band;
  /** The template's look-ups. */
  readonly template: CompiledTemplate;
  /** Sum of the weights (100 for any rubric `checkRubric` accepts). */
  readonly totalWeight: number;
  private readonly byName = new Map<string, Dimension>();
  private readonly indexById = new Map<string, number>();
  private readonly bandById = new Map<BandId, Band>();
  private readonly recommendationTexts = new Map<string, BandId>();
  private readonly bandLabels: { id: BandId; key: string }[];

  constructor(readonly rubric: Rubric, spec: TemplateSpec = BUILTIN_TEMPLATE_SPEC) {
    this.template = compileTemplate(spec);
    this.bands = bandsHighestFirst(rubric.bands);
    this.topBand = this.bands[0];
    this.totalWeight = rubric.dimensions.reduce((s, d) => s + d.weight, 0);
    rubric.dimensions.forEach((d, i) => {
      this.indexById.set(d.id, i);
      // Name first: a dimension named like another's id still finds itself.
      for (const key of [normalizeName(d.name), normalizeName(d.id)]) {
        if (key && !this.byName.has(key)) this.byName.set(key, d);
      }
    });
    for (const b of rubric.bands) if (!this.bandById.has(b.id)) this.bandById.set(b.id, b);
    for (const r of rubric.recommendations) {
      const key = normalizeName(r.text);
      if (!this.recommendationTexts.has(key)) this.recommendationTexts.set(key, r.band);
    }
    this.bandLabels = rubric.bands.map((b) => ({ id: b.id, key: normalizeName(b.label) })).sort((a, b) => b.key.length - a.key.length);
  }

  /** The template spec the rubric is read with. */
  get spec(): TemplateSpec {
    return this.template.spec;
  }

  get dimensions(): readonly Dimension[] {
    return this.rubric.dimensions;
  }

  get scale(): Rubric['scale'] {
    return this.rubric.scale;
  }

  /** The dimension a score line names (by name or id; case, spacing, punctuation and "&"/"and" ignored). */
  findDimension(name: string): Dimension | undefined {
    return this.byName.get(this.template.normalize(name));
  }

  /** The position of a dimension in the rubric, by id; -1 when unknown. */
  dimensionIndex(id: string): number {
    return this.indexById.get(id) ?? -1;
  }

  band(id: BandId): Band | undefined {
    return this.bandById.get(id);
  }

  /** A band's label, or its id when the rubric has no such band. */
  bandLabel(id: BandId): string {
    return this.bandById.get(id)?.label ?? id;
  }

  /** A band's score range as text (see `bandRange`); '' when the rubric has no such band. */
  bandRange(id: BandId): string {
    const b = this.bandById.get(id);
    return b ? bandRange(this.bands, b) : '';
  }

  /** "Hire (2.8-3.4)": a band's label with its range. */
  bandWithRange(id: BandId): string {
    const b = this.bandById.get(id);
    return b ? `${b.label} (${this.bandRange(id)})` : id;
  }

  /** The recommendation text of a band: the rubric's, else the band's label. */
  recommendationText(id: BandId): string {
    return this.rubric.recommendations.find((r) => r.band === id)?.text ?? this.bandLabel(id);
  }

  /** The band a recommendation box names: its text is a recommendation text of the rubric, or starts with a band label (the longest that fits). */
  recommendationBand(text: string): BandId | undefined {
    const t = this.template.normalize(text);
    const exact = this.recommendationTexts.get(t);
    if (exact !== undefined) return exact;
    for (const b of this.bandLabels) if (b.key && (t === b.key || t.startsWith(b.key + ' '))) return b.id;
    return undefined;
  }

  /** Which band a weighted score (in thousandths) falls in, and whether it lies in a printed gap. */
  bandOf(milli: number): BandPlacement {
    const bands = this.bands;
    let i = bands.findIndex((b) => b.min === null || b.min === undefined || milli >= milliOf(b.min));
    if (i < 0) i = bands.length - 1;
    const band = bands[i];
    const above = i > 0 ? bands[i - 1] : undefined;
    const borderline = !!above && typeof band.printedMax === 'number' && milli > milliOf(band.printedMax);
    return { band: band.id, borderline, accepted: borderline && above ? [band.id, above.id] : [band.id] };
  }
}

/** Compiles a rubric with the template it is read with (the built-in template by default). */
export function compileRubric(rubric: Rubric, spec: TemplateSpec = BUILTIN_TEMPLATE_SPEC): CompiledRubric {
  return new CompiledRubric(rubric, spec);
}

/** A compiled rubric as given, or one compiled from a plain rubric (with `spec`, else the built-in template). */
export function asCompiled(rubric: Rubric | CompiledRubric, spec?: TemplateSpec): CompiledRubric {
  if (rubric instanceof CompiledRubric) return spec === undefined || spec === rubric.spec ? rubric : new CompiledRubric(rubric.rubric, spec);
  return new CompiledRubric(rubric, spec);
}
