/**
 * The debrief as people read it: the Debrief Summary (Markdown for the hiring committee, as
 * `sdi-feedback --debrief --md` prints it and the editor's Write Debrief Summary saves it) and the
 * command line's short text. Every name, path and note is user text: it is escaped, and white space
 * in it collapsed, so it shows literally and cannot break a table.
 */
import { escapeMarkdown } from '../escape';
import type { NotePolarity } from '../notes/parse';
import { shownName } from '../personName';
import type { Debrief, DebriefDimension, DebriefFeedback, DebriefReport } from './debrief';

/** User text for Markdown: one line, Markdown and HTML shown literally. */
const md = (s: string) => escapeMarkdown(shownName(s));
const fixed = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const num = (x: number | null | undefined) => (x === null || x === undefined ? '–' : String(x));
const SIGN: Record<NotePolarity, string> = { plus: '+', minus: '−', neutral: '#' };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A band's label in the debrief's rubric, else its id. */
const bandLabel = (d: Debrief, id: string | null) => (id === null ? '–' : (d.bands.find((b) => b.id === id)?.label ?? id));
const dimensionName = (d: Debrief, id: string) => d.dimensions.find((x) => x.id === id)?.name ?? id;

/** The dimensions with disagreements first, each part in rubric order. */
export function disagreementsFirst(dimensions: readonly DebriefDimension[]): DebriefDimension[] {
  return [...dimensions.filter((x) => x.disagreement), ...dimensions.filter((x) => !x.disagreement)];
}

/** A feedback's heading in the tables: its interviewer, else its file. */
const who = (f: DebriefFeedback) => (shownName(f.interviewer) ? f.interviewer : f.file);

function row(cells: readonly string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** One candidate's Debrief Summary, a Markdown document. */
export function debriefMarkdown(d: Debrief): string {
  const out: string[] = [];
  const name = shownName(d.candidate) ? md(d.candidate) : '(no candidate name)';
  out.push(`# Debrief: ${name}`, '');
  const about = [
    d.loop === null ? 'No loop file' : `Loop ${md(d.loop)}`,
    d.date === null ? '' : `day ${d.date}`,
    d.rubric === null ? 'rubric unknown' : `rubric ${md(d.rubric)}`,
    `${plural(d.feedbacks.length, 'feedback')} (${d.combined.n} fully scored)`,
    d.missing.length ? `${d.missing.length} missing` : '',
  ].filter(Boolean);
  out.push(about.join(' · '), '');

  out.push('## Panel', '');
  const columns = [...d.feedbacks.map((f) => ({ f, m: undefined })), ...d.missing.map((m) => ({ f: undefined, m }))];
  if (!columns.length) out.push('No feedback and no loop interview.', '');
  else {
    out.push(row(['', ...columns.map(({ f, m }) => md(f ? who(f) : m.interviewer))]));
    out.push(row(columns.map(() => '---').concat('---')));
    const line = (label: string, cell: (f: DebriefFeedback | undefined, m: (typeof d.missing)[number] | undefined) => string) => out.push(row([label, ...columns.map(({ f, m }) => cell(f, m))]));
    line('Problem', (f, m) => md((f ? f.problem : m!.problemTitle) ?? '') || '–');
    line('Focus', (f, m) => (f ? f.focus : m!.focus).map((id) => md(dimensionName(d, id))).join(', ') || '–');
    line('State', (f) => (f ? f.state : 'due') + (f && !f.counted ? ' (not fully scored)' : ''));
    line('Weighted score', (f) => fixed(f?.weightedScore ?? null));
    line('Band', (f) => md(bandLabel(d, f?.band ?? null)));
    line('Recommendation', (f) => md(bandLabel(d, f?.recommendation ?? null)));
    line('File', (f) => (f ? md(f.file) : '–'));
    out.push('');
  }

  out.push('## Dimensions', '');
  out.push(`Disagreements (a spread of ${d.disagreement} points or more) first.`, '');
  out.push(row(['Dimension', ...d.feedbacks.map((f) => md(who(f))), 'n', 'mean', 'min', 'max', 'spread', 'focus']));
  out.push(row(Array.from({ length: d.feedbacks.length + 7 }, () => '---')));
  for (const x of disagreementsFirst(d.dimensions)) {
    const label = x.disagreement ? `**${md(x.name)}** (disagreement)` : md(x.name);
    out.push(row([label, ...d.feedbacks.map((f) => num(f.scores[x.id])), String(x.n), fixed(x.mean), num(x.min), num(x.max), num(x.spread), String(x.focus)]));
  }
  out.push('');

  out.push('## Coverage', '');
  if (d.minCoverage === null) out.push('No loop: no focus to check.');
  else if (!d.coverage.length) out.push(`Every dimension is in the focus of at least ${d.minCoverage} interviews.`);
  else for (const c of d.coverage) out.push(`- ${md(dimensionName(d, c.dimension))} is in the focus of ${plural(c.focus, 'interview')}; the loop asks for ${c.required}.`);
  out.push('');

  out.push('## Combined', '');
  out.push(d.combined.n ? `**${fixed(d.combined.weightedScore)}** over ${plural(d.combined.n, 'fully scored feedback')}: **${md(bandLabel(d, d.combined.band))}**` : 'No fully scored feedback yet.', '');

  out.push('## Recommendations', '');
  const recs = Object.entries(d.recommendations);
  if (!recs.length) out.push('None.');
  else {
    out.push(row(['Band', 'Recommended by']), row(['---', '---']));
    for (const [band, count] of recs) out.push(row([md(bandLabel(d, band)), String(count)]));
  }
  out.push('');

  out.push('## Missing feedback', '');
  if (!d.missing.length) out.push(d.loop === null ? 'No loop: nothing is expected.' : 'None: every interviewer of the loop has written feedback.');
  for (const m of d.missing) out.push(`- ${md(m.interviewer)}: ${md(m.problemTitle)}, ${m.date}`);
  out.push('');

  if (d.repeats.length) {
    out.push('## Problems the candidate already had', '');
    for (const r of d.repeats) out.push(`- ${md(r.problemTitle)} (${md(r.interviewer)}): ${r.earlier.map((e) => `${md(e.file)} (${e.date})`).join(', ')}`);
    out.push('');
  }

  out.push('## Evidence', '');
  if (d.notesWithheld) out.push('The notes\' text is withheld (anonymised); the counts of their tags remain.', '');
  for (const x of d.dimensions) {
    out.push(`### ${md(x.name)}`, '');
    for (const f of d.feedbacks) {
      const e = f.evidence[x.id];
      const counts = e.plus + e.minus + e.neutral ? `tags ${e.plus}+ ${e.minus}− ${e.neutral}#` : 'no tagged note';
      out.push(`**${md(who(f))}** (score ${num(f.scores[x.id])}; ${counts})`, '');
      for (const n of d.notesWithheld ? [] : f.notes[x.id]) {
        const where = [n.time ?? '', n.phase ?? ''].filter(Boolean).join(' · ');
        out.push(`- ${where ? `${md(where)} ` : ''}**${n.polarities.map((p) => SIGN[p]).join('')}** ${md(n.text)}`);
      }
      if (!d.notesWithheld && f.notes[x.id].length) out.push('');
    }
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** `sdi-feedback --debrief --md`: every candidate's summary, one after another. */
export function debriefReportMarkdown(report: DebriefReport): string {
  const parts = report.candidates.map(debriefMarkdown);
  if (report.unreadable.length) parts.push(['# Files not read', '', ...report.unreadable.map((u) => `- ${md(u.file)}: ${md(u.error)}`), ''].join('\n'));
  return parts.join('\n---\n\n');
}

/** Pads to a width in characters (long text is cut with an ellipsis). */
function pad(s: string, width: number): string {
  const chars = [...s];
  if (chars.length > width) return chars.slice(0, width - 1).join('') + '…';
  return s + ' '.repeat(width - chars.length);
}

/** `sdi-feedback --debrief`: a few lines per candidate. */
export function debriefText(report: DebriefReport): string {
  const out: string[] = [];
  for (const u of report.unreadable) out.push(`Not read: ${u.file}: ${u.error}`);
  if (report.unreadable.length) out.push('');
  if (!report.candidates.length) out.push('No candidate: no feedback and no loop was found.');
  for (const d of report.candidates) {
    const about = [d.loop === null ? 'no loop' : `loop ${d.loop}`, d.date ?? '', d.rubric === null ? '' : `rubric ${d.rubric}`].filter(Boolean).join(', ');
    out.push(`${shownName(d.candidate) || '(no candidate name)'} (${about})`);
    for (const f of d.feedbacks) {
      const rec = f.recommendation === null ? '' : `  recommends ${f.recommendation}`;
      out.push(`  ${pad(shownName(who(f)), 24)} ${pad(shownName(f.problem ?? '–'), 28)} ${pad(f.state, 19)} ${fixed(f.weightedScore).padStart(5)}  ${pad(f.band ?? '–', 14)}${rec}`);
    }
    for (const m of d.missing) out.push(`  ${pad(shownName(m.interviewer), 24)} ${pad(shownName(m.problemTitle), 28)} due ${m.date}`);
    const split = d.dimensions.filter((x) => x.disagreement).map((x) => `${x.name} (${x.min}–${x.max})`);
    if (split.length) out.push(`  Disagreements: ${split.join(', ')}`);
    const recs = Object.entries(d.recommendations).filter(([, c]) => c > 0).map(([b, c]) => `${b} ${c}`).join(', ');
    out.push(`  Combined: ${d.combined.n ? `${fixed(d.combined.weightedScore)} ${d.combined.band ?? ''} (n=${d.combined.n})` : 'no fully scored feedback'}${recs ? `; recommendations: ${recs}` : ''}`);
    if (d.coverage.length) out.push(`  Under coverage: ${d.coverage.map((c) => `${c.dimension} ${c.focus}/${c.required}`).join(', ')}`);
    for (const r of d.repeats) out.push(`  Repeat: ${shownName(r.interviewer)} gives ${shownName(r.problemTitle)}, already had in ${r.earlier.map((e) => `${e.file} (${e.date})`).join(', ')}`);
    out.push('');
  }
  return out.join('\n');
}
