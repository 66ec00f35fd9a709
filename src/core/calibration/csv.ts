/**
 * The report's table as CSV (RFC 4180): one line per row, CRLF line ends, a field quoted when it
 * holds a comma, a quote, a line break or starts or ends with a space (quotes doubled). A text
 * that a spreadsheet would run as a formula (starting with =, +, -, @ or a tab) gets a leading
 * apostrophe, so a candidate named "=HYPERLINK(...)" stays a name.
 */
import { shownName } from './rows';
import type { CalibrationReport } from './types';

/** One CSV field. Numbers are written as they are; null is empty. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let s = value;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]|^ | $/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The rows of the report as CSV: file, feedback (1-based within the file), line (1-based),
 * candidate, interviewer, date and problem (names as the table shows them: `shownName`), level,
 * rubric, one column per dimension (every rubric's, in order of first appearance), weighted score,
 * band, recommendation, errors, warnings, counted.
 */
export function reportCsv(report: CalibrationReport): string {
  const dims: string[] = [];
  const seen = new Set<string>();
  for (const g of report.groups) for (const d of g.dimensions) if (!seen.has(d.id)) { seen.add(d.id); dims.push(d.id); }
  for (const r of report.rows) for (const id of Object.keys(r.scores)) if (!seen.has(id)) { seen.add(id); dims.push(id); }
  const header = ['file', 'feedback', 'line', 'candidate', 'interviewer', 'date', 'problem', 'level', 'rubric', ...dims, 'weightedScore', 'band', 'recommendation', 'errors', 'warnings', 'counted'];
  const lines = [header.map(csvField).join(',')];
  for (const r of report.rows) {
    lines.push(
      [
        r.file,
        r.index + 1,
        r.line + 1,
        shownName(r.candidate),
        shownName(r.interviewer),
        r.date,
        r.problem === null ? null : shownName(r.problem),
        r.level,
        r.rubricKey,
        ...dims.map((d) => r.scores[d] ?? null),
        r.weightedScore,
        r.band,
        r.recommendation,
        r.errors,
        r.warnings,
        r.counted,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
