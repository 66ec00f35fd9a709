/**
 * The report's charts, drawn with Observable Plot as SVG in the theme's chart colours
 * (`--vscode-charts-*`). Under the report's CSP (no inline styles) Plot's own `<style>` element
 * would be refused and reported: it is removed before the chart joins the page, and the few rules
 * it held are in media/calibration.css under the `sdi-plot` class.
 */
import * as Plot from '@observablehq/plot';

/** The class every chart carries (calibration.css styles it). */
export const PLOT_CLASS = 'sdi-plot';

const BLUE = 'var(--vscode-charts-blue, #3794ff)';
const ORANGE = 'var(--vscode-charts-orange, #d18616)';
const RED = 'var(--vscode-charts-red, #f14c4c)';
const GREEN = 'var(--vscode-charts-green, #89d185)';
const LINES = 'var(--vscode-charts-lines, #808080)';
/** The means: the text colour, dashed, which stands out on the bars in every theme. */
const MEAN = 'var(--vscode-editor-foreground, currentColor)';

/** Plot's output without its inline `<style>` (refused by the CSP; calibration.css holds its rules). */
function ready(chart: Element, label: string): Element {
  for (const s of chart.querySelectorAll('style')) s.remove();
  if (chart.tagName.toLowerCase() === 'style') chart.remove();
  chart.setAttribute('role', 'img');
  chart.setAttribute('aria-label', label);
  return chart;
}

/** The scale's values as ticks: whole points, and half points when the counts hold some. */
function scaleTicks(min: number, max: number, values: number[]): number[] {
  const half = values.some((v) => !Number.isInteger(v));
  const out: number[] = [];
  for (let v = min; v <= max + 1e-9; v += half ? 0.5 : 1) out.push(v);
  return out;
}

/**
 * The distribution of one dimension's scores: a bar per scale value, and the mean as a rule.
 * `counts` maps a score ("3", "2.5") to how many counted feedbacks gave it.
 */
export function distributionChart(o: { name: string; counts: Record<string, number>; mean: number | null; min: number; max: number; width?: number }): Element {
  const data = Object.entries(o.counts).map(([k, n]) => ({ score: Number(k), n })).filter((d) => Number.isFinite(d.score));
  const ticks = scaleTicks(o.min, o.max, data.map((d) => d.score));
  const halfWidth = ticks.length > 1 ? (ticks[1] - ticks[0]) * 0.4 : 0.4;
  const marks: Plot.Markish[] = [
    Plot.rectY(data, { x1: (d: { score: number }) => d.score - halfWidth, x2: (d: { score: number }) => d.score + halfWidth, y: 'n', fill: BLUE, title: (d: { score: number; n: number }) => `${d.n} × ${d.score}` }),
    Plot.ruleY([0], { stroke: LINES }),
  ];
  if (o.mean !== null) {
    // The mean's value is in the card's caption; the rule shows where it falls.
    marks.push(Plot.ruleX([o.mean], { stroke: MEAN, strokeWidth: 2, strokeDasharray: '4,3', title: () => `mean ${o.mean!.toFixed(2)}` }));
  }
  const chart = Plot.plot({
    className: PLOT_CLASS,
    width: o.width ?? 260,
    height: 130,
    marginTop: 16,
    marginLeft: 32,
    x: { domain: [o.min - 0.5, o.max + 0.5], ticks, tickFormat: (v: number) => String(v), label: null },
    y: { grid: true, label: null, ticks: 4, tickFormat: (v: number) => (Number.isInteger(v) ? String(v) : '') },
    marks,
  });
  const total = data.reduce((s, d) => s + d.n, 0);
  return ready(chart, `${o.name}: ${data.map((d) => `${d.n} of ${total} scored ${d.score}`).join(', ')}${o.mean === null ? '' : `; mean ${o.mean.toFixed(2)}`}`);
}

/** The frame of a horizontal bar chart: a row of 24 px per bar, its labels in `marginLeft`. */
function barFrame(bars: number, marginLeft: number, width: number) {
  return { className: PLOT_CLASS, width, height: 28 + 24 * bars, marginLeft, marginRight: 48 };
}

/**
 * Interviewers' offsets from the panel as horizontal bars around zero: above the panel in the
 * warm colour, below in the cool one. Only interviewers with enough data are given.
 */
export function offsetChart(items: { name: string; offset: number; n: number }[], width = 520): Element {
  const extent = Math.max(0.5, ...items.map((i) => Math.abs(i.offset)));
  const chart = Plot.plot({
    ...barFrame(items.length, 140, width),
    x: { domain: [-extent, extent], grid: true, label: 'offset from the panel (weighted score)', tickFormat: '+.2f' },
    y: { label: null, domain: items.map((i) => i.name) },
    marks: [
      Plot.barX(items, { y: 'name', x: 'offset', fill: (i: { offset: number }) => (i.offset >= 0 ? ORANGE : BLUE), title: (i: { name: string; offset: number; n: number }) => `${i.name}: ${i.offset >= 0 ? '+' : ''}${i.offset.toFixed(2)} (n ${i.n})` }),
      Plot.ruleX([0], { stroke: LINES }),
      Plot.text(items, { y: 'name', x: 'offset', text: (i: { offset: number }) => `${i.offset >= 0 ? '+' : '−'}${Math.abs(i.offset).toFixed(2)}`, dx: 4, textAnchor: 'start', fill: 'currentColor', filter: (i: { offset: number }) => i.offset >= 0 }),
      Plot.text(items, { y: 'name', x: 'offset', text: (i: { offset: number }) => `−${Math.abs(i.offset).toFixed(2)}`, dx: -4, textAnchor: 'end', fill: 'currentColor', filter: (i: { offset: number }) => i.offset < 0 }),
    ],
  });
  return ready(chart, `Offsets from the panel: ${items.map((i) => `${i.name} ${i.offset >= 0 ? '+' : ''}${i.offset.toFixed(2)}`).join(', ')}`);
}

/** Mean weighted score per problem as horizontal bars on the rubric's scale, with the mean over all as a rule. */
export function problemChart(items: { title: string; mean: number; n: number }[], overall: number | null, min: number, max: number, width = 520): Element {
  const chart = Plot.plot({
    ...barFrame(items.length, 200, width),
    x: { domain: [min, max], grid: true, label: 'mean weighted score' },
    y: { label: null, domain: items.map((i) => i.title), tickFormat: (t: string) => (t.length > 32 ? `${t.slice(0, 31)}…` : t) },
    marks: [
      Plot.barX(items, { y: 'title', x1: min, x2: 'mean', fill: (i: { mean: number }) => (overall !== null && i.mean < overall - 0.25 ? RED : overall !== null && i.mean > overall + 0.25 ? GREEN : BLUE), title: (i: { title: string; mean: number; n: number }) => `${i.title}: ${i.mean.toFixed(2)} (n ${i.n})` }),
      ...(overall === null ? [] : [Plot.ruleX([overall], { stroke: MEAN, strokeWidth: 2, strokeDasharray: '4,3' })]),
      Plot.text(items, { y: 'title', x: 'mean', text: (i: { mean: number }) => i.mean.toFixed(2), dx: 4, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
  return ready(chart, `Mean weighted score per problem: ${items.map((i) => `${i.title} ${i.mean.toFixed(2)}`).join(', ')}`);
}
