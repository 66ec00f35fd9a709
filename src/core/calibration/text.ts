/**
 * The report as plain text, for `sdi-feedback --report`: a summary line, the files that could not
 * be read, then interviewers, dimensions, problems and agreement of the top-level rubric (and a
 * short block per further rubric), then the rows that are listed but not counted. `reportMarkdown`
 * writes the same in Markdown tables (the GitHub Action's job summary).
 */
import { escapeMarkdown } from '../escape';
import type { AgreementStats, CalibrationGroup, CalibrationReport } from './types';

const fixed = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));
/** +0.25, −0.10; an offset that rounds to zero is 0.00 (no −0.00). */
const signed = (x: number) => {
  const t = Math.abs(x).toFixed(2);
  return t === '0.00' ? t : `${x > 0 ? '+' : '−'}${t}`;
};
const percent = (x: number | null) => (x === null ? 'not enough data' : `${Math.round(x * 100)}%`);

/** Width of the name column. */
const NAME = 36;

/** Pads to a width in characters (names may be long: they are cut with an ellipsis). */
function pad(s: string, width: number): string {
  const chars = [...s];
  if (chars.length > width) return chars.slice(0, width - 1).join('') + '…';
  return s + ' '.repeat(width - chars.length);
}

function agreementLine(a: AgreementStats): string {
  if (!a.units) return 'Agreement: not enough data (no candidate was scored by two interviewers)';
  return (
    `Agreement: ${a.units} unit${a.units === 1 ? '' : 's'} (candidate × dimension), ${a.pairs} pair${a.pairs === 1 ? '' : 's'} of ratings; ` +
    `exact ${percent(a.exact)}, within one ${percent(a.withinOne)}, Krippendorff's alpha (ordinal) ${a.alphaOrdinal === null ? 'not enough data' : a.alphaOrdinal.toFixed(3)}`
  );
}

/** A rubric group's figures as table rows of text cells: what both the text and the Markdown show. */
function groupTables(g: CalibrationGroup, minN: number) {
  return {
    title: `Rubric ${g.rubric}: ${g.rowCount} feedback${g.rowCount === 1 ? '' : 's'}, ${g.counted} fully scored, ${g.candidates} candidate${g.candidates === 1 ? '' : 's'}`,
    interviewers: g.interviewers.map((i) => {
      const offset = i.offsetN === 0 ? 'no shared candidate' : i.offsetN < minN ? `not enough data (n=${i.offsetN} < ${minN})` : `${signed(i.offset!)} (n=${i.offsetN})`;
      const differs = i.recommendationDiffers === null ? '' : `; recommendation ≠ band ${Math.round(i.recommendationDiffers * 100)}%`;
      return [i.name || '(no interviewer)', String(i.n), fixed(i.meanWeighted), offset + differs];
    }),
    dimensions: g.dimensions.map((d) => [
      d.name + (d.weight === null ? '' : ` (${d.weight}%)`),
      String(d.n),
      fixed(d.mean),
      Object.entries(d.counts).map(([s, c]) => `${s}:${c}`).join(' '),
    ]),
    problems: g.problems.map((p) => [
      p.title || '(no problem)',
      String(p.n),
      fixed(p.meanWeighted),
      Object.entries(p.bands).filter(([, c]) => c > 0).map(([b, c]) => `${b}:${c}`).join(' '),
    ]),
    agreement: agreementLine(g.agreement),
  };
}

function groupText(g: CalibrationGroup, minN: number): string[] {
  const t = groupTables(g, minN);
  const table = (heading: string, columns: string, rows: string[][]) => [
    pad(heading, NAME + 2) + columns,
    ...rows.map(([name, n, mean, rest]) => `  ${pad(name, NAME)}${n.padStart(4)}  ${mean.padStart(5)}  ${rest}`),
    '',
  ];
  return [
    t.title,
    '',
    ...table('Interviewers', '   n   mean  offset from panel', t.interviewers),
    ...table('Dimensions', '   n   mean  scores', t.dimensions),
    ...table('Problems', '   n   mean  bands', t.problems),
    t.agreement,
  ];
}

export function reportText(report: CalibrationReport): string {
  const out: string[] = [];
  const rows = report.rows.length;
  const counted = report.rows.filter((r) => r.counted).length;
  out.push(
    `Calibration: ${report.files} feedback file${report.files === 1 ? '' : 's'}, ${rows} feedback${rows === 1 ? '' : 's'} (${counted} fully scored), ` +
      `window ${report.options.windowDays} days, minimum n ${report.options.minN}`,
  );
  if (report.unreadable.length) {
    out.push('');
    out.push(`Could not be read (${report.unreadable.length}):`);
    for (const u of report.unreadable) out.push(`  ${u.file}: ${u.error}`);
  }
  report.groups.forEach((g, i) => {
    out.push('');
    if (i === 1) out.push('Other rubrics (never mixed with the above):', '');
    out.push(...groupText(g, report.options.minN));
  });
  const notCounted = report.rows.filter((r) => !r.counted);
  if (notCounted.length) {
    out.push('');
    out.push(`Not counted (not every dimension holds a valid score): ${notCounted.length}`);
    for (const r of notCounted) {
      const scored = Object.values(r.scores).filter((s) => s !== null).length;
      out.push(`  ${r.file}:${r.line + 1} ${r.candidate || '(no candidate)'}: ${scored} of ${Object.keys(r.scores).length} dimensions scored`);
    }
  }
  return out.join('\n') + '\n';
}

/** A cell of a Markdown table: the text shown literally (pipes, HTML and Markdown escaped). */
const cell = (s: string) => escapeMarkdown(s);

/** The report in Markdown: the same content as `reportText`, its tables as Markdown tables. */
export function reportMarkdown(report: CalibrationReport): string {
  const rows = report.rows.length;
  const counted = report.rows.filter((r) => r.counted).length;
  const out: string[] = [
    `${report.files} feedback file${report.files === 1 ? '' : 's'}, ${rows} feedback${rows === 1 ? '' : 's'} (${counted} fully scored), ` +
      `window ${report.options.windowDays} days, minimum n ${report.options.minN}.`,
  ];
  if (report.unreadable.length) {
    out.push('', `Could not be read (${report.unreadable.length}):`, '');
    for (const u of report.unreadable) out.push(`- ${cell(u.file)}: ${cell(u.error)}`);
  }
  const table = (head: string[], body: string[][]) => [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i === 0 || i === head.length - 1 ? '---' : '---:')).join('|')}|`,
    ...body.map((r) => `| ${r.map(cell).join(' | ')} |`),
    '',
  ];
  report.groups.forEach((g, i) => {
    const t = groupTables(g, report.options.minN);
    out.push('', `### ${cell(t.title)}${i === 0 ? '' : ' (never mixed with the above)'}`, '');
    out.push(...table(['Interviewer', 'n', 'mean', 'offset from panel'], t.interviewers));
    out.push(...table(['Dimension', 'n', 'mean', 'scores'], t.dimensions));
    out.push(...table(['Problem', 'n', 'mean', 'bands'], t.problems));
    out.push(cell(t.agreement));
  });
  const notCounted = report.rows.filter((r) => !r.counted);
  if (notCounted.length) {
    out.push('', `Not counted (not every dimension holds a valid score): ${notCounted.length}`, '');
    for (const r of notCounted) {
      const scored = Object.values(r.scores).filter((s) => s !== null).length;
      out.push(`- ${cell(`${r.file}:${r.line + 1}`)} ${cell(r.candidate || '(no candidate)')}: ${scored} of ${Object.keys(r.scores).length} dimensions scored`);
    }
  }
  return out.join('\n') + '\n';
}
