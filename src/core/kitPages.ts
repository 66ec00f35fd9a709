/**
 * The pages a team kit's tree items open in the guide panel, as Markdown generated from the
 * loaded kit: its overview, a category, the rubric with its dimensions and bands, the interview
 * plan and the feedback template. Kit text is escaped where it lands in headings and tables.
 */
import type { Band, Dimension, Phase, Rubric } from './content';
import { escapeMarkdown } from './escape';
import { bandRange } from './rubric';
import type { KitCategory, KitProblem, LoadedKit } from './kit/types';

const esc = (s: string) => escapeMarkdown(s);
/** Table cells: Markdown escaped, and no line break may end the row. */
const cell = (s: string) => esc(s).replace(/\r?\n/g, ' ');

/** Levels in seniority order; a kit's other levels follow in alphabetical order. */
export const LEVEL_ORDER = ['intern', 'junior', 'mid', 'mid-level', 'senior', 'staff', 'senior-staff', 'principal', 'distinguished'];

/** Compares two level names by seniority. */
export function compareLevels(a: string, b: string): number {
  const ia = LEVEL_ORDER.indexOf(a.toLowerCase());
  const ib = LEVEL_ORDER.indexOf(b.toLowerCase());
  if (ia !== -1 || ib !== -1) return (ia === -1 ? LEVEL_ORDER.length : ia) - (ib === -1 ? LEVEL_ORDER.length : ib);
  return a.localeCompare(b);
}

/** The deep-dive phase's minutes of a plan, or undefined when no phase is marked `deepDive`. */
export function deepDiveMinutes(phases: readonly Phase[]): number | undefined {
  return phases.find((p) => p.deepDive)?.minutes;
}

/** A kit's overview page: name, version, description and what it holds. */
export function kitOverviewMarkdown(kit: LoadedKit): string {
  const total = kit.phases.phases.reduce((s, p) => s + p.minutes, 0);
  const lines = [`# ${esc(kit.name)}`, '', `*Version ${esc(kit.version)}*`, ''];
  if (kit.description) lines.push(kit.description, '');
  lines.push(
    `- **Problems:** ${kit.problems.length} in ${kit.categories.length} ${kit.categories.length === 1 ? 'category' : 'categories'}`,
    kit.rubric
      ? `- **Rubric:** version ${esc(kit.rubric.version)}, ${kit.rubric.rubric.dimensions.length} dimensions, scale ${kit.rubric.rubric.scale.min}–${kit.rubric.rubric.scale.max}, ${kit.rubric.rubric.bands.length} bands${kit.rubric.file ? '' : ' (the built-in rubric)'}`
      : '- **Rubric:** invalid (see the Problems view)',
    `- **Interview plan:** ${esc(kit.phases.plan)}, ${total} minutes in ${kit.phases.phases.length} phases`,
  );
  if (kit.archivedRubrics.length) lines.push(`- **Archived rubrics:** ${kit.archivedRubrics.map((r) => esc(r.version)).join(', ')}`);
  return lines.join('\n') + '\n';
}

/** A category's page: its description, focus, examples, key challenges and problems. */
export function categoryMarkdown(kit: LoadedKit, cat: KitCategory, problems: readonly KitProblem[]): string {
  const lines = [`# ${esc(cat.title)}`, ''];
  if (cat.description) lines.push(cat.description, '');
  if (cat.complexity) lines.push(`**Complexity:** ${esc(cat.complexity)}  `);
  if (cat.focus) lines.push(`**Focus:** ${esc(cat.focus)}`);
  if (cat.complexity || cat.focus) lines.push('');
  if (cat.examples.length) lines.push('## Examples', '', ...cat.examples.map((e) => `- ${e}`), '');
  if (cat.keyChallenges.length) lines.push('## Key challenges', '', ...cat.keyChallenges.map((e) => `- ${e}`), '');
  if (problems.length) {
    lines.push('## Problems', '');
    for (const p of problems) lines.push(`- **${esc(p.title)}**${p.levels.length ? ` (${p.levels.map(esc).join(', ')})` : ''}`);
    lines.push('');
  }
  lines.push(`*${esc(kit.name)}*`);
  return lines.join('\n') + '\n';
}

/** The rubric's page: scale, dimensions with weights, bands with ranges, recommendations. */
export function rubricMarkdown(kit: LoadedKit): string {
  const r = kit.rubric;
  if (!r) return `# Rubric\n\nThe kit's \`rubric.yaml\` is invalid: see the Problems view.\n`;
  const { rubric } = r;
  const lines = [
    `# Rubric`,
    '',
    `*${esc(kit.name)} · rubric version ${esc(r.version)}${r.file ? '' : ' (the built-in rubric)'}*`,
    '',
    `Scores from ${rubric.scale.min} to ${rubric.scale.max}; the weighted score is the sum of score × weight, divided by 100.`,
    '',
    '## Dimensions',
    '',
    '| Dimension | Weight |',
    '|---|---|',
    ...rubric.dimensions.map((d) => `| ${cell(d.name)} | ${d.weight}% |`),
    '',
    '## Bands',
    '',
    '| Band | Weighted score |',
    '|---|---|',
    ...[...rubric.bands].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity)).map((b) => `| ${cell(b.label)} | ${cell(bandRange(rubric.bands, b))} |`),
    '',
  ];
  if (rubric.recommendations.length) {
    lines.push('## Recommendations', '');
    for (const rec of rubric.recommendations) {
      const band = rubric.bands.find((b) => b.id === rec.band);
      lines.push(`- **${esc(band?.label ?? rec.band)}:** ${esc(rec.text)}`);
    }
    lines.push('');
  }
  if (rubric.seniorBarYears !== undefined) lines.push(`Senior bar: ${rubric.seniorBarYears} years of experience.`, '');
  return lines.join('\n');
}

/** One dimension's page: weight, description and each score's descriptors, highest first. */
export function dimensionMarkdown(kit: LoadedKit, d: Dimension): string {
  const lines = [`# ${esc(d.name)}`, '', `*Weight ${d.weight}% · ${esc(kit.name)}*`, ''];
  if (d.description) lines.push(d.description, '');
  for (const l of [...d.levels].sort((a, b) => b.score - a.score)) {
    lines.push(`## ${l.score}: ${esc(l.label)}`, '', ...l.descriptors.map((x) => `- ${x}`), '');
  }
  return lines.join('\n');
}

/** One band's page: its range, summary, profile and the recommendation it maps to. */
export function bandMarkdown(kit: LoadedKit, rubric: Rubric, b: Band): string {
  const lines = [`# ${esc(b.label)}`, '', `*Weighted score ${esc(bandRange(rubric.bands, b))} · ${esc(kit.name)}*`, ''];
  if (b.summary) lines.push(b.summary, '');
  if (b.profile?.length) lines.push(...b.profile.map((p) => `- ${p}`), '');
  if (b.example) lines.push(`**Example:** ${b.example}`, '');
  const rec = rubric.recommendations.find((r) => r.band === b.id);
  if (rec) lines.push(`**Recommendation:** ${esc(rec.text)}`, '');
  return lines.join('\n');
}

/** The interview plan's page: each phase with its minutes. */
export function planMarkdown(kit: LoadedKit): string {
  const phases = kit.phases.phases;
  const total = phases.reduce((s, p) => s + p.minutes, 0);
  let start = 0;
  const rows = phases.map((p) => {
    const row = `| ${start}–${start + p.minutes} | ${cell(p.title)}${p.deepDive ? ' (deep dive)' : ''} | ${p.minutes} |`;
    start += p.minutes;
    return row;
  });
  return [
    `# Interview Plan`,
    '',
    `*${esc(kit.phases.plan)} · ${total} minutes · ${esc(kit.name)}*`,
    '',
    '| Minutes | Phase | Length |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

/** One phase's page: its length and place in the plan. */
export function phaseMarkdown(kit: LoadedKit, phase: Phase): string {
  const i = kit.phases.phases.indexOf(phase);
  const start = kit.phases.phases.slice(0, i).reduce((s, p) => s + p.minutes, 0);
  const lines = [`# ${esc(phase.title)}`, '', `*${phase.minutes} minutes, minute ${start} to ${start + phase.minutes} of ${esc(kit.phases.plan)}*`, ''];
  if (phase.deepDive) lines.push("The deep-dive phase: the timer shows the problem's deep-dive areas here.", '');
  return lines.join('\n');
}

/** The feedback template's page: the template itself, as the interviewer will fill it in. */
export function templateMarkdown(kit: LoadedKit): string {
  return kit.feedbackTemplate.trim() ? kit.feedbackTemplate : `# Feedback Template\n\nThe kit has no feedback template.\n`;
}
