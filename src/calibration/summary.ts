/**
 * The words of the Calibration Notes CodeLens, hover and summary line: where one feedback stands
 * among the others (its percentile for the problem) and its interviewer's offset from the panel.
 * Plain functions over the core's `Placement`, no `vscode`.
 */
import type { CalibrationRow, Placement } from '../core/calibration';

/** `1st`, `2nd`, `3rd`, `11th`, `62nd`. */
export function ordinal(n: number): string {
  const r100 = n % 100;
  return `${n}${r100 >= 11 && r100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

/** A signed score difference: `+0.31`, `−0.25`, `±0.00`. */
export function signed(x: number): string {
  const v = x.toFixed(2);
  if (Number(v) === 0) return '\u00b10.00';
  return x > 0 ? `+${v}` : `\u2212${v.slice(1)}`;
}

/** What the lens and hover say of one feedback, in parts. */
export interface PlacementWords {
  /** `62nd percentile of 14 for URL Shortener`, or why there is none. */
  percentile: string;
  /** `Grace Hopper +0.31 vs the panel (n 6)`, or why there is none. */
  offset: string;
  /** Whether the percentile is a number (enough peers, the feedback scored). */
  hasPercentile: boolean;
  hasOffset: boolean;
}

/** The group a feedback is placed in: its problem and level. */
function groupName(row: CalibrationRow): string {
  const problem = row.problem ?? 'feedbacks without a problem';
  return row.level ? `${problem} (${row.level})` : problem;
}

/** Words for a placement; `minN` is `sdi.calibration.minN`. */
export function placementWords(row: CalibrationRow, p: Placement, minN: number): PlacementWords {
  let percentile: string;
  let hasPercentile = false;
  if (row.weightedScore === null) percentile = 'no percentile until every dimension is scored';
  else if (p.n < Math.max(1, minN)) percentile = `percentile: not enough data (${p.n} other feedback${p.n === 1 ? '' : 's'} for ${groupName(row)}, ${minN} needed)`;
  else if (p.percentile === null) percentile = 'no percentile';
  else {
    percentile = `${ordinal(Math.round(p.percentile))} percentile of ${p.n} for ${groupName(row)}`;
    hasPercentile = true;
  }
  const who = row.interviewer || 'the interviewer';
  let offset: string;
  let hasOffset = false;
  if (!row.interviewer) offset = 'no interviewer named: no offset';
  else if (p.offset === null || p.offsetN < Math.max(1, minN)) offset = `${who}: offset not enough data (n ${p.offsetN}, ${minN} needed)`;
  else {
    offset = `${who} ${signed(p.offset)} vs the panel (n ${p.offsetN})`;
    hasOffset = true;
  }
  return { percentile, offset, hasPercentile, hasOffset };
}

/** The CodeLens title. */
export function lensTitle(words: PlacementWords): string {
  return `Calibration: ${words.percentile} \u00b7 ${words.offset}`;
}

/**
 * The line the quick action writes under the Calibration Notes heading: a Markdown list item that
 * reads on its own, dated, since the figures move as feedback is added.
 */
export function summaryLine(row: CalibrationRow, p: Placement, minN: number, today: string): string {
  const w = placementWords(row, p, minN);
  const score = row.weightedScore === null ? 'not fully scored' : `weighted ${row.weightedScore.toFixed(2)}`;
  const where = w.hasPercentile ? `at the ${w.percentile.replace(' of ', ' of the last ').replace(/ for /, ' feedbacks for ')}` : w.percentile;
  return `- Calibration (${today}): ${score}, ${where}; ${w.offset}.`;
}
