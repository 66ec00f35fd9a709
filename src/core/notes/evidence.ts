/**
 * The evidence the notes hold for each rubric dimension: how many strong signals (`+tag`),
 * concerns (`-tag`) and neutral mentions (`#tag`), and which notes. The scores block's hover and
 * CodeLens show it, the CLI prints its counts, and a score at the scale's top or bottom with no
 * evidence at all is flagged.
 */
import type { Dimension, Rubric } from '../content';
import type { InterviewNote, ParsedNotes } from './parse';

/** The tag counts of one dimension. */
export interface EvidenceCounts {
  plus: number;
  minus: number;
  neutral: number;
}

/** One dimension's evidence: its tag counts and the notes tagged to it (each once, in document order). */
export interface DimensionEvidence extends EvidenceCounts {
  notes: InterviewNote[];
}

/** Evidence per dimension id, every dimension of the rubric present, in the rubric's order. */
export type EvidenceSummary = Record<string, DimensionEvidence>;

/** The `notes` object of `sdi-feedback --json`. */
export interface NotesReport {
  /** The notes in the document's notes sections. */
  total: number;
  /** Every rubric dimension, zeros where no note is tagged to it. */
  byDimension: Record<string, EvidenceCounts>;
}

/** Counts every tag occurrence of the notes per dimension; tags of a dimension the rubric lacks are ignored. */
export function summarizeEvidence(notes: readonly InterviewNote[], dimensions: readonly Pick<Dimension, 'id'>[]): EvidenceSummary {
  const out: EvidenceSummary = {};
  for (const d of dimensions) if (!Object.prototype.hasOwnProperty.call(out, d.id)) out[d.id] = { plus: 0, minus: 0, neutral: 0, notes: [] };
  for (const n of notes) {
    for (const t of n.tags) {
      if (!Object.prototype.hasOwnProperty.call(out, t.dimension)) continue;
      const e = out[t.dimension];
      e[t.polarity]++;
      if (e.notes[e.notes.length - 1] !== n) e.notes.push(n);
    }
  }
  return out;
}

/** The CLI's `notes` object: the number of notes and the tag counts of every dimension. */
export function notesReport(parsed: Pick<ParsedNotes, 'notes'>, dimensions: readonly Pick<Dimension, 'id'>[]): NotesReport {
  const summary = summarizeEvidence(parsed.notes, dimensions);
  const byDimension: Record<string, EvidenceCounts> = {};
  for (const [id, e] of Object.entries(summary)) byDimension[id] = { plus: e.plus, minus: e.minus, neutral: e.neutral };
  return { total: parsed.notes.length, byDimension };
}

/** "3 notes: 2+ 1−": a dimension's evidence in a few characters, for a CodeLens or a hover's first line. */
export function evidenceLabel(e: DimensionEvidence): string {
  const n = e.notes.length;
  if (!n) return 'no notes';
  const parts = [e.plus ? `${e.plus}+` : '', e.minus ? `${e.minus}\u2212` : '', e.neutral ? `${e.neutral}#` : ''].filter(Boolean);
  return `${n} note${n === 1 ? '' : 's'}: ${parts.join(' ')}`;
}

/** A score at the scale's top or bottom that no tagged note supports. */
export interface UnsupportedScore {
  dimension: string;
  score: number;
  /** Which end of the scale the score is at. */
  end: 'top' | 'bottom';
}

/**
 * The dimensions scored at the scale's top or bottom with no tagged note at all (a score without
 * evidence), in the order of `scores`. A dimension missing from the summary counts as having none.
 */
export function scoresWithoutEvidence(
  summary: EvidenceSummary,
  scores: readonly { dimension: string; score: number | null }[],
  scale: Rubric['scale'],
): UnsupportedScore[] {
  const out: UnsupportedScore[] = [];
  for (const s of scores) {
    if (s.score === null || (s.score !== scale.max && s.score !== scale.min)) continue;
    const e = Object.prototype.hasOwnProperty.call(summary, s.dimension) ? summary[s.dimension] : undefined;
    if (e && e.plus + e.minus + e.neutral > 0) continue;
    out.push({ dimension: s.dimension, score: s.score, end: s.score === scale.max ? 'top' : 'bottom' });
  }
  return out;
}
