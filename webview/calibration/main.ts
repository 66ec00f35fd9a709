/**
 * The calibration report's script: draws the report the host posts (table, dimension, interviewer,
 * problem and agreement figures, unreadable files), sorts and filters the table, and sends intents
 * (open a row's file, export). The host reads the files and computes every figure.
 *
 * The page keeps the rows: the host posts the full report once, then deltas (the changed files'
 * rows, the removed keys, the figures). A delta moves only its rows in the sorted, filtered table and
 * redraws only the figures that changed; a delta the page cannot apply (not based on the version it
 * shows) makes it ask for the full report.
 */
import '../zodConfig'; // before the protocol's schemas are built
import {
  calibrationHostMessage, calibrationViewState,
  type CalibrationDeltaMessage, type CalibrationReportMessage, type CalibrationViewState, type CalibrationWebviewMessage, type RowRef,
} from '../../src/protocol';
import { applyRowsDelta, reportFigures, rowKey, updateSorted, type ReportFigures } from '../../src/core/calibration/delta';
import type { ReportRow } from '../../src/core/calibration/types';
import { isRealDate } from '../../src/core/format';
import { normalizeKey } from '../../src/core/personName';
import { distributionChart, offsetChart, problemChart } from './charts';
import { afterPaint, el } from '../dom';
import { installReportMarks, markDrawn } from '../testing/reportMarks';

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (msg: CalibrationWebviewMessage) => vscode.postMessage(msg);
const app = document.getElementById('app')!;

if (SDI_TEST_HOOKS) installReportMarks((msg) => vscode.postMessage(msg), () => ({ version: current?.version ?? 0, held: rows.size, shown: shown.length }));

type Rubric = NonNullable<CalibrationReportMessage['rubric']>;
type Filters = { from?: string; to?: string; interviewer?: string; problem?: string; band?: string; level?: string };
type SortKey = string;

const restored = calibrationViewState.safeParse(vscode.getState() ?? {});
const view: { sort: { key: SortKey; descending: boolean }; filters: Filters } = {
  sort: (restored.success && restored.data.sort) || { key: 'date', descending: true },
  filters: (restored.success && (restored.data.filters as Filters)) || {},
};
/** How many table rows are drawn; "Show more" adds a page (a repository may hold thousands). */
const PAGE = 200;
let limit = PAGE;

/** What the page shows: the figures of the last update, and every row by key (`rowKey`). */
interface Shown {
  version: number;
  loading: boolean;
  report: ReportFigures;
  rubric: Rubric | null;
}
let current: Shown | undefined;
const rows = new Map<string, ReportRow>();

function saveState(): void {
  const state: CalibrationViewState = { sort: view.sort, filters: view.filters };
  vscode.setState(state);
}

const fmt = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '\u2014' : x.toFixed(digits));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? null : `${Math.round(x * 100)}%`);
const signed = (x: number) => (Number(x.toFixed(2)) === 0 ? '\u00b10.00' : x > 0 ? `+${x.toFixed(2)}` : `\u2212${Math.abs(x).toFixed(2)}`);
const NOT_ENOUGH = 'not enough data';

function bandLabel(rubric: Rubric | null, id: string | null): string {
  if (!id) return '';
  return rubric?.bands.find((b) => b.id === id)?.label ?? id;
}

// ---- The page's fixed parts, built once so a live update keeps focus and typed filters.

const header = el('header', { class: 'report-header' });
const title = el('h1', {}, 'Calibration');
const summary = el('p', { class: 'summary', id: 'summary', 'aria-live': 'polite' });
const exportCsv = el('button', { type: 'button', class: 'button', id: 'export-csv', title: 'Save the table (the rows shown) as CSV' }, el('span', { class: 'codicon codicon-table', 'aria-hidden': 'true' }), ' Export CSV');
const exportJson = el('button', { type: 'button', class: 'button secondary', id: 'export-json', title: 'Save the figures as JSON' }, el('span', { class: 'codicon codicon-json', 'aria-hidden': 'true' }), ' Export JSON');
header.append(el('div', { class: 'title-row' }, title, el('div', { class: 'actions' }, exportCsv, exportJson)), summary);

const filterForm = el('form', { class: 'filters', id: 'filters', 'aria-label': 'Filter the table' });
/**
 * A date filter typed as ISO `YYYY-MM-DD`, the form the table shows: an `<input type=date>` would
 * show the browser locale's form (`mm/dd/yyyy`) instead.
 */
function dateInput(id: string, name: string): HTMLInputElement {
  return el('input', {
    type: 'text', id, name, inputmode: 'numeric', placeholder: 'YYYY-MM-DD', pattern: '\\d{4}-\\d{2}-\\d{2}', maxlength: '10',
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'f-date-error', title: 'A date as YYYY-MM-DD, e.g. 2024-03-15',
  });
}
const dateFrom = dateInput('f-from', 'from');
const dateTo = dateInput('f-to', 'to');
const dateError = el('p', { class: 'error-text date-error', id: 'f-date-error', role: 'alert' });
const selects = {
  interviewer: el('select', { id: 'f-interviewer', name: 'interviewer' }),
  problem: el('select', { id: 'f-problem', name: 'problem' }),
  band: el('select', { id: 'f-band', name: 'band' }),
  level: el('select', { id: 'f-level', name: 'level' }),
};
const levelField = el('label', { class: 'field' }, 'Level', selects.level);
const resetButton = el('button', { type: 'button', class: 'button secondary', id: 'f-reset' }, 'Clear filters');
filterForm.append(
  el('label', { class: 'field' }, 'From', dateFrom),
  el('label', { class: 'field' }, 'To', dateTo),
  el('label', { class: 'field' }, 'Interviewer', selects.interviewer),
  el('label', { class: 'field' }, 'Problem', selects.problem),
  el('label', { class: 'field' }, 'Band', selects.band),
  levelField,
  resetButton,
);
const tableCaption = el('p', { class: 'table-count', id: 'table-count', 'aria-live': 'polite' });
const table = el('table', { class: 'rows', id: 'rows' });
const moreButton = el('button', { type: 'button', class: 'button secondary', id: 'more' }, 'Show more');
const tableSection = el('section', { id: 'table-section', 'aria-labelledby': 'h-table' }, el('h2', { id: 'h-table' }, 'Feedback'), filterForm, dateError, tableCaption, el('div', { class: 'table-scroll' }, table), moreButton);
const dimensionsSection = el('section', { id: 'dimensions', 'aria-labelledby': 'h-dimensions' });
const interviewersSection = el('section', { id: 'interviewers', 'aria-labelledby': 'h-interviewers' });
const problemsSection = el('section', { id: 'problems', 'aria-labelledby': 'h-problems' });
const agreementSection = el('section', { id: 'agreement', 'aria-labelledby': 'h-agreement' });
const unreadableSection = el('section', { id: 'unreadable', 'aria-labelledby': 'h-unreadable' });

function mountSkeleton(): void {
  app.replaceChildren(header, tableSection, dimensionsSection, interviewersSection, problemsSection, agreementSection, unreadableSection);
}

// ---- Table

interface Column {
  key: SortKey;
  label: string;
  title?: string;
  numeric?: boolean;
  value(r: ReportRow): string | number | null;
  cell(r: ReportRow): Node | string;
}

function columns(rubric: Rubric | null, report: ReportFigures): Column[] {
  let hasLevel = false;
  for (const r of rows.values()) if (r.level) { hasLevel = true; break; }
  const dims = rubric?.dimensions ?? report.dimensions.map((d) => ({ id: d.id, name: d.name, weight: d.weight ?? 0 }));
  const cols: Column[] = [
    {
      key: 'candidate', label: 'Candidate', value: (r) => r.candidate.toLowerCase(),
      cell: (r) => el('button', { type: 'button', class: 'link open-row', 'data-file': r.file, 'data-index': String(r.index), title: `Open ${r.file} at its scores` }, r.candidate || '(no name)'),
    },
    { key: 'date', label: 'Date', value: (r) => r.date, cell: (r) => r.date ?? '\u2014' },
  ];
  // What a reader scans first comes first, so it stays in view in a narrow editor; the per-dimension scores follow.
  cols.push(
    { key: 'weighted', label: 'Weighted', numeric: true, value: (r) => r.weightedScore, cell: (r) => fmt(r.weightedScore) },
    { key: 'band', label: 'Band', value: (r) => (r.band ? bandRank(rubric, r.band) : null), cell: (r) => bandLabel(rubric, r.band) || '\u2014' },
    {
      key: 'recommendation', label: 'Recommendation', value: (r) => (r.recommendation ? bandRank(rubric, r.recommendation) : null),
      cell: (r) => {
        if (!r.recommendation) return '\u2014';
        const differs = !!r.band && r.band !== r.recommendation;
        return differs ? el('span', { class: 'differs', title: `Differs from the band (${bandLabel(rubric, r.band)})` }, bandLabel(rubric, r.recommendation), el('span', { class: 'codicon codicon-warning', 'aria-label': 'differs from the band' })) : bandLabel(rubric, r.recommendation);
      },
    },
    {
      key: 'issues', label: 'Issues', numeric: true, value: (r) => r.errors * 1000 + r.warnings,
      cell: (r) => {
        const parts: (Node | string)[] = [];
        if (r.errors) parts.push(el('span', { class: 'errors' }, el('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }), ` ${r.errors} error${r.errors === 1 ? '' : 's'}`));
        if (r.warnings) parts.push(el('span', { class: 'warnings' }, el('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }), ` ${r.warnings} warning${r.warnings === 1 ? '' : 's'}`));
        return parts.length ? el('span', {}, ...parts) : '';
      },
    },
    { key: 'interviewer', label: 'Interviewer', value: (r) => r.interviewer.toLowerCase(), cell: (r) => r.interviewer || '\u2014' },
    { key: 'problem', label: 'Problem', value: (r) => (r.problem ?? '').toLowerCase(), cell: (r) => r.problem ?? '\u2014' },
  );
  if (hasLevel) cols.push({ key: 'level', label: 'Level', value: (r) => r.level, cell: (r) => r.level ?? '\u2014' });
  for (const d of dims) {
    cols.push({ key: `dim:${d.id}`, label: shortName(d.name), title: `${d.name} (${d.weight}%)`, numeric: true, value: (r) => r.scores[d.id] ?? null, cell: (r) => (r.scores[d.id] ?? null) === null ? '\u2014' : String(r.scores[d.id]) });
  }
  return cols;
}

/** A dimension's name for a narrow column: its first word ("Technical", "Scalability"). */
function shortName(name: string): string {
  return name.split(/[\s&]+/)[0] || name;
}

/** A band's rank for sorting: the rubric lists bands best first. */
function bandRank(rubric: Rubric | null, id: string): number {
  const i = rubric?.bands.findIndex((b) => b.id === id) ?? -1;
  return i < 0 ? 99 : (rubric!.bands.length - i);
}

function matches(r: ReportRow, f: Filters): boolean {
  if (f.from && (!r.date || r.date < f.from)) return false;
  if (f.to && (!r.date || r.date > f.to)) return false;
  if (f.interviewer && normalize(r.interviewer) !== f.interviewer) return false;
  if (f.problem && normalize(r.problem ?? '') !== f.problem) return false;
  if (f.band && (f.band === '-' ? r.band !== null : r.band !== f.band)) return false;
  if (f.level && (r.level ?? '').trim().toLowerCase() !== f.level) return false;
  return true;
}

function compare(a: string | number | null, b: string | number | null): number {
  // Empty values sort last whichever the direction.
  if (a === null || a === '') return b === null || b === '' ? 0 : 1;
  if (b === null || b === '') return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The table's order of two rows by their sort values: the column's direction, empty values last, ties by file and feedback. */
function order(xv: string | number | null, yv: string | number | null, x: ReportRow, y: ReportRow, dir: number): number {
  const c = compare(xv, yv);
  if (c !== 0 && xv !== null && xv !== '' && yv !== null && yv !== '') return c * dir;
  if (c !== 0) return c;
  return x.file < y.file ? -1 : x.file > y.file ? 1 : x.index - y.index;
}

function sortColumn(cols: Column[]): Column {
  return cols.find((c) => c.key === view.sort.key) ?? cols.find((c) => c.key === 'date')!;
}

/** The rows shown: filtered, then sorted by the chosen column (ties by file and feedback). */
function shownRows(cols: Column[]): ReportRow[] {
  const col = sortColumn(cols);
  const dir = view.sort.descending ? -1 : 1;
  const list: { r: ReportRow; v: string | number | null }[] = [];
  for (const r of rows.values()) if (matches(r, view.filters)) list.push({ r, v: col.value(r) });
  return list.sort((x, y) => order(x.v, y.v, x.r, y.r, dir)).map((x) => x.r);
}

/** The rows shown, in order (the table draws the first `limit`; Export CSV sends them all). */
let shown: ReportRow[] = [];
/** The columns the table was drawn with, as one string: a delta that changes them redraws the table. */
let tableShape = '';
let tableBody: HTMLTableSectionElement = el('tbody');
/** The drawn row of each row object (a delta brings new objects, so a changed row gets a new `tr`). */
let drawn = new Map<ReportRow, HTMLTableRowElement>();

function shapeOf(cols: Column[], rubric: Rubric | null): string {
  return JSON.stringify([cols.map((c) => [c.key, c.label, c.title ?? '']), rubric?.bands ?? null]);
}

/** Rows (by `rowKey`) blind mode withholds: the host posts them without scores; their weighted score says why. */
let sealed = new Set<string>();

function rowElement(r: ReportRow, cols: Column[]): HTMLTableRowElement {
  const withheld = sealed.has(rowKey(r));
  const tr = el('tr', { class: r.counted ? 'row' : 'row not-counted', 'data-file': r.file, 'data-index': String(r.index), title: withheld ? 'Blind mode: submit your own feedback for this candidate to see the other panelists\u2019 scores' : r.counted ? undefined : 'Not every dimension holds a valid score: listed, not counted' });
  for (const c of cols) tr.append(el('td', { class: c.numeric ? 'numeric' : undefined }, withheld && c.key === 'weighted' ? el('span', { class: 'sealed' }, 'submit yours first') : c.cell(r)));
  return tr;
}

/** Makes the table body hold the first `limit` rows shown, in order, reusing the rows already drawn. */
function drawBody(cols: Column[]): void {
  const next = new Map<ReportRow, HTMLTableRowElement>();
  for (const r of shown.slice(0, limit)) next.set(r, drawn.get(r) ?? rowElement(r, cols));
  // The rows no longer drawn go first: a stale row left in place would make every row after it
  // move in front of it, and a moved row is laid out and styled again (the whole table, for a
  // save that changed one row).
  for (const [r, tr] of drawn) if (next.get(r) !== tr) tr.remove();
  let at: ChildNode | null = tableBody.firstChild;
  for (const tr of next.values()) {
    if (tr === at) at = at.nextSibling;
    else tableBody.insertBefore(tr, at);
  }
  while (at) {
    const gone: ChildNode = at;
    at = at.nextSibling;
    gone.remove();
  }
  drawn = next;
}

function renderCaption(): void {
  const total = rows.size;
  const filtered = shown.length !== total;
  tableCaption.textContent = `${shown.length} of ${total} feedback${total === 1 ? '' : 's'}${filtered ? ' match the filters' : ''}${shown.length > limit ? ` (showing the first ${limit})` : ''}. Click a candidate to open the file at its scores.`;
  moreButton.hidden = shown.length <= limit;
}

/** Draws the table from scratch: headings, the rows shown (filtered, sorted), the caption. */
function renderTable(msg: Shown): void {
  const { report, rubric } = msg;
  const cols = columns(rubric, report);
  shown = shownRows(cols);
  tableShape = shapeOf(cols, rubric);
  const head = el('tr');
  for (const c of cols) {
    const sorted = view.sort.key === c.key;
    const th = el('th', { scope: 'col', class: c.numeric ? 'numeric' : undefined, 'aria-sort': sorted ? (view.sort.descending ? 'descending' : 'ascending') : 'none', title: c.title });
    th.append(el('button', { type: 'button', class: 'sort', 'data-sort': c.key }, c.label, el('span', { class: `codicon ${sorted ? (view.sort.descending ? 'codicon-arrow-down' : 'codicon-arrow-up') : 'codicon-blank'}`, 'aria-hidden': 'true' })));
    head.append(th);
  }
  tableBody = el('tbody');
  drawn = new Map();
  if (shown.length) drawBody(cols);
  else tableBody.append(el('tr', {}, el('td', { colspan: String(cols.length), class: 'empty' }, rows.size ? 'No feedback matches the filters.' : 'No feedback files found yet (see the sdi.feedback.folder and sdi.feedback.glob settings).')));
  table.replaceChildren(el('thead', {}, head), tableBody);
  renderCaption();
}

/**
 * Moves the rows of a delta in the table: those that left come out of the sorted, filtered list,
 * those that came go in at their place (binary search), and the drawn rows are reconciled, so a
 * save costs a few rows, not a rebuild of thousands. New columns (a level appears, another rubric)
 * redraw the table.
 */
function updateTable(msg: Shown, left: ReportRow[], came: ReportRow[]): void {
  const cols = columns(msg.rubric, msg.report);
  if (!shown.length || shapeOf(cols, msg.rubric) !== tableShape) {
    renderTable(msg);
    return;
  }
  const col = sortColumn(cols);
  const dir = view.sort.descending ? -1 : 1;
  updateSorted(shown, left, came, (x, y) => order(col.value(x), col.value(y), x, y, dir), (r) => matches(r, view.filters));
  if (!shown.length) {
    renderTable(msg);
    return;
  }
  drawBody(cols);
  renderCaption();
}

function fillSelect(select: HTMLSelectElement, all: string, options: { value: string; label: string }[], value: string | undefined): void {
  const keep = value ?? '';
  // The same options (most updates): leave the element alone, so an open list or the focus is not disturbed.
  const shape = JSON.stringify([all, options]);
  if (select.dataset.shape !== shape) {
    select.replaceChildren(el('option', { value: '' }, all), ...options.map((o) => el('option', { value: o.value }, o.label)));
    select.dataset.shape = shape;
  }
  select.value = options.some((o) => o.value === keep) ? keep : '';
}

/** Field values as the filters compare them (the report's name key: `normalizeKey`), remembered: the same names recur across thousands of rows. */
const normalized = new Map<string, string>();
function normalize(v: string): string {
  let n = normalized.get(v);
  if (n === undefined) {
    n = normalizeKey(v);
    if (normalized.size > 50_000) normalized.clear();
    normalized.set(v, n);
  }
  return n;
}

function renderFilters(msg: Shown): void {
  const { rubric } = msg;
  const distinct = (get: (r: ReportRow) => string | null) => {
    const m = new Map<string, string>();
    for (const r of rows.values()) {
      const v = get(r);
      if (!v) continue;
      const k = normalize(v);
      if (!m.has(k)) m.set(k, v);
    }
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
  };
  fillSelect(selects.interviewer, 'All interviewers', distinct((r) => r.interviewer), view.filters.interviewer);
  fillSelect(selects.problem, 'All problems', distinct((r) => r.problem), view.filters.problem);
  fillSelect(selects.band, 'All bands', [...(rubric?.bands ?? []).map((b) => ({ value: b.id, label: b.label })), { value: '-', label: 'Not scored' }], view.filters.band);
  const levels = distinct((r) => r.level);
  fillSelect(selects.level, 'All levels', levels, view.filters.level);
  levelField.hidden = !levels.length;
  // A date being typed (not yet a date) is left as it is by a live update.
  if (document.activeElement !== dateFrom) dateFrom.value = view.filters.from ?? '';
  if (document.activeElement !== dateTo) dateTo.value = view.filters.to ?? '';
}

// ---- Figures

/** What each section was last drawn from: a section whose figures did not change is left as it is (its charts cost most of a draw). */
const drawnFrom = new Map<string, string>();
function changedSince(section: string, ...inputs: unknown[]): boolean {
  const key = JSON.stringify(inputs);
  if (drawnFrom.get(section) === key) return false;
  drawnFrom.set(section, key);
  return true;
}

/** Each dimension's card, with the figures it shows. */
const dimensionCards = new Map<string, { key: string; card: HTMLElement }>();

function renderDimensions(msg: Shown): void {
  const { report, rubric } = msg;
  if (!changedSince('dimensions', report.dimensions, report.rubric, rubric?.scale)) return;
  const min = rubric?.scale.min ?? 1;
  const max = rubric?.scale.max ?? 4;
  // A save changes one or two dimensions: the other cards (and their charts) are kept.
  const cards = report.dimensions.map((d) => {
    const key = JSON.stringify([d, min, max]);
    const had = dimensionCards.get(d.id);
    if (had?.key === key) return had.card;
    const card = el('figure', { class: 'card', 'data-dimension': d.id },
      el('figcaption', {}, el('strong', {}, d.name), d.weight === null ? '' : ` (${d.weight}%)`, el('br'), el('span', { class: 'muted' }, `mean ${fmt(d.mean)} · n ${d.n}`)),
      d.n ? distributionChart({ name: d.name, counts: d.counts, mean: d.mean, min, max }) : el('p', { class: 'muted' }, 'No counted feedback yet.'),
    );
    dimensionCards.set(d.id, { key, card });
    return card;
  });
  dimensionsSection.replaceChildren(
    el('h2', { id: 'h-dimensions' }, 'Dimensions'),
    el('p', { class: 'muted' }, `Scores of the counted feedbacks${report.rubric ? ` (rubric ${report.rubric})` : ''}; the dashed rule is the mean.`),
    el('div', { class: 'cards' }, ...cards),
  );
}

function renderInterviewers(msg: Shown): void {
  const { report, rubric } = msg;
  if (!changedSince('interviewers', report.interviewers, report.options.minN, rubric?.bands)) return;
  const minN = report.options.minN;
  const withOffset = report.interviewers.filter((i) => i.enoughData && i.offset !== null).map((i) => ({ name: i.name, offset: i.offset!, n: i.offsetN }));
  const rows = report.interviewers.map((i) =>
    el('tr', { 'data-interviewer': i.key },
      el('th', { scope: 'row' }, i.name || '(no name)'),
      el('td', { class: 'numeric' }, String(i.n)),
      el('td', { class: 'numeric' }, fmt(i.meanWeighted)),
      el('td', { class: 'numeric offset' }, i.enoughData && i.offset !== null ? `${signed(i.offset)} (n ${i.offsetN})` : el('span', { class: 'muted', title: `offset over ${i.offsetN} shared candidate${i.offsetN === 1 ? '' : 's'}; ${minN} needed (sdi.calibration.minN)` }, `${NOT_ENOUGH} (n ${i.offsetN})`)),
      el('td', {}, bandsText(rubric, i.bands)),
      el('td', { class: 'numeric' }, pct(i.recommendationDiffers) ?? '\u2014'),
      el('td', {}, countsText(i.counts)),
    ),
  );
  interviewersSection.replaceChildren(
    el('h2', { id: 'h-interviewers' }, 'Interviewers'),
    el('p', { class: 'muted' }, `Offset: the mean of (this interviewer's weighted score − the other interviewers' mean) over candidates someone else also scored; shown from n ${minN} (sdi.calibration.minN).`),
    withOffset.length ? offsetChart(withOffset) : el('p', { class: 'muted', id: 'offset-chart-empty' }, `No interviewer has an offset over ${minN} shared candidates yet: ${NOT_ENOUGH}.`),
    el('div', { class: 'table-scroll' }, el('table', { class: 'figures', id: 'interviewer-table' },
      el('thead', {}, el('tr', {}, ...['Interviewer', 'n', 'Mean weighted', 'Offset', 'Bands', 'Recommendation ≠ band', 'Scores given'].map((h, k) => el('th', { scope: 'col', class: k === 1 || k === 2 || k === 3 || k === 5 ? 'numeric' : undefined }, h)))),
      el('tbody', {}, ...rows),
    )),
  );
}

function bandsText(rubric: Rubric | null, bands: Record<string, number>): string {
  const order = rubric?.bands.map((b) => b.id) ?? Object.keys(bands);
  return order.filter((id) => bands[id]).map((id) => `${bandLabel(rubric, id)} ${bands[id]}`).join(' · ') || '\u2014';
}

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts).filter(([, n]) => n).sort((a, b) => Number(a[0]) - Number(b[0])).map(([s, n]) => `${s}: ${n}`).join(' · ') || '\u2014';
}

function renderProblems(msg: Shown): void {
  const { report, rubric } = msg;
  let sum = 0;
  let n = 0;
  for (const r of rows.values()) {
    if (r.counted && r.rubricKey === report.rubric && r.weightedScore !== null) {
      sum += r.weightedScore;
      n++;
    }
  }
  const overall = n ? sum / n : null;
  if (!changedSince('problems', report.problems, overall, rubric?.bands, rubric?.scale)) return;
  const items = report.problems.filter((p) => p.meanWeighted !== null).map((p) => ({ title: p.title || '(no problem)', mean: p.meanWeighted!, n: p.n }));
  problemsSection.replaceChildren(
    el('h2', { id: 'h-problems' }, 'Problems'),
    el('p', { class: 'muted' }, `Mean weighted score per problem${overall === null ? '' : `; the dashed rule is the mean over all (${overall.toFixed(2)})`}. A problem far below it scores everyone low.`),
    items.length ? problemChart(items, overall, rubric?.scale.min ?? 1, rubric?.scale.max ?? 4) : el('p', { class: 'muted' }, 'No counted feedback yet.'),
    el('div', { class: 'table-scroll' }, el('table', { class: 'figures', id: 'problem-table' },
      el('thead', {}, el('tr', {}, ...['Problem', 'n', 'Mean weighted', 'Bands', 'Weighted scores'].map((h, k) => el('th', { scope: 'col', class: k === 1 || k === 2 ? 'numeric' : undefined }, h)))),
      el('tbody', {}, ...report.problems.map((p) => el('tr', {},
        el('th', { scope: 'row' }, p.title || '(no problem)'),
        el('td', { class: 'numeric' }, String(p.n)),
        el('td', { class: 'numeric' }, fmt(p.meanWeighted)),
        el('td', {}, bandsText(rubric, p.bands)),
        el('td', {}, countsText(p.distribution)),
      ))),
    )),
  );
}

function renderAgreement(msg: Shown): void {
  const a = msg.report.agreement;
  if (!changedSince('agreement', a)) return;
  const item = (label: string, value: string | null, id: string, help: string) =>
    el('div', { class: 'stat', id }, el('dt', {}, label), el('dd', { title: help }, value ?? el('span', { class: 'muted' }, NOT_ENOUGH)));
  agreementSection.replaceChildren(
    el('h2', { id: 'h-agreement' }, 'Agreement'),
    el('p', { class: 'muted' }, 'Where several interviewers scored the same candidate: units are (candidate, dimension) pairs rated by two or more interviewers.'),
    el('dl', { class: 'stats' },
      item('Units', String(a.units), 'agreement-units', 'pairs (candidate, dimension) scored by two or more interviewers'),
      item('Pairs of ratings', String(a.pairs), 'agreement-pairs', 'pairs of scores of one unit by different interviewers'),
      item('Exact', pct(a.exact), 'agreement-exact', 'share of pairs with equal scores'),
      item('Within one', pct(a.withinOne), 'agreement-within-one', 'share of pairs whose scores differ by at most one point'),
      item('Krippendorff’s α (ordinal)', a.alphaOrdinal === null ? null : a.alphaOrdinal.toFixed(3), 'agreement-alpha', '1 is perfect agreement, 0 what chance gives; needs two units and some variation'),
    ),
  );
}

function renderUnreadable(msg: Shown): void {
  const list = msg.report.unreadable;
  if (!changedSince('unreadable', list)) return;
  unreadableSection.hidden = !list.length;
  unreadableSection.replaceChildren(
    el('h2', { id: 'h-unreadable' }, `Files not read (${list.length})`),
    el('ul', { class: 'unreadable' }, ...list.map((u) => el('li', {},
      el('button', { type: 'button', class: 'link open-file', 'data-file': u.file }, u.file), ': ', el('span', { class: 'error-text' }, u.error)))),
  );
}

function renderSummary(msg: Shown): void {
  const r = msg.report;
  let counted = 0;
  for (const x of rows.values()) if (x.counted) counted++;
  summary.textContent = msg.loading
    ? 'Reading feedback files…'
    : `${r.files} file${r.files === 1 ? '' : 's'} · ${rows.size} feedback${rows.size === 1 ? '' : 's'} (${counted} counted) · ${r.candidates} candidate${r.candidates === 1 ? '' : 's'} · ${r.interviewers.length} interviewer${r.interviewers.length === 1 ? '' : 's'}${r.rubric ? ` · rubric ${r.rubric}` : ''}${r.groups.length > 1 ? ` (figures of the rubric with the most feedback; ${r.groups.length - 1} other rubric${r.groups.length > 2 ? 's' : ''} not mixed in)` : ''}${r.unreadable.length ? ` · ${r.unreadable.length} not read` : ''}`;
}

/** Draws a full report: the rows are replaced, every section drawn again. */
function renderFull(msg: CalibrationReportMessage): void {
  rows.clear();
  sealed = new Set(msg.sealed);
  for (const r of msg.report.rows) rows.set(rowKey(r), r);
  drawnFrom.clear();
  const shownNow: Shown = { version: msg.version, loading: msg.loading, report: reportFigures(msg.report), rubric: msg.rubric };
  current = shownNow;
  if (!header.isConnected) mountSkeleton();
  app.setAttribute('aria-busy', String(msg.loading));
  renderSummary(shownNow);
  renderFilters(shownNow);
  renderTable(shownNow);
  renderFigures(shownNow);
  announceDrawn(shownNow);
}

/** Applies a delta: its rows move in the table, the figures that changed are drawn again. */
function renderDelta(msg: CalibrationDeltaMessage): void {
  if (!current || current.version !== msg.base) {
    // Not the version this delta was made against (a reload, a lost message): start over.
    post({ type: 'resync' });
    return;
  }
  sealed = new Set(msg.sealed);
  const { left, came } = applyRowsDelta(rows, { upserts: msg.upserts, removed: msg.removed });
  const shownNow: Shown = { version: msg.version, loading: msg.loading, report: msg.figures, rubric: msg.rubric };
  current = shownNow;
  app.setAttribute('aria-busy', String(msg.loading));
  renderSummary(shownNow);
  renderFilters(shownNow);
  updateTable(shownNow, left, came);
  renderFigures(shownNow);
  announceDrawn(shownNow);
}

function renderFigures(msg: Shown): void {
  renderDimensions(msg);
  renderInterviewers(msg);
  renderProblems(msg);
  renderAgreement(msg);
  renderUnreadable(msg);
}

/** Tells the host once the frame after the change has painted: it posts the next update only then. */
function announceDrawn(msg: Shown): void {
  if (msg.loading) return;
  afterPaint(() => {
    if (current !== msg) return;
    if (SDI_TEST_HOOKS) markDrawn(msg.version);
    post({ type: 'rendered', version: msg.version });
  });
}

// ---- Events

window.addEventListener('message', (event) => {
  const parsed = calibrationHostMessage.safeParse(event.data);
  if (!parsed.success) return;
  const msg = parsed.data;
  if (msg.type === 'report') renderFull(msg);
  else renderDelta(msg);
});

function rerenderTable(): void {
  saveState();
  if (current) renderTable(current);
}

table.addEventListener('click', (e) => {
  const target = e.target as Element;
  const sort = target.closest<HTMLButtonElement>('button.sort');
  if (sort) {
    const key = sort.dataset.sort!;
    view.sort = view.sort.key === key ? { key, descending: !view.sort.descending } : { key, descending: key === 'date' || key === 'weighted' };
    rerenderTable();
    table.querySelector<HTMLButtonElement>(`button.sort[data-sort="${CSS.escape(key)}"]`)?.focus();
    return;
  }
  const row = target.closest<HTMLElement>('tr.row');
  if (row?.dataset.file !== undefined && row.dataset.index !== undefined) {
    post({ type: 'open', row: { file: row.dataset.file, index: Number(row.dataset.index) } });
  }
});

unreadableSection.addEventListener('click', (e) => {
  const b = (e.target as Element).closest<HTMLButtonElement>('button.open-file');
  if (b?.dataset.file) post({ type: 'openFile', file: b.dataset.file });
});

/** A date filter's value: the date, undefined when empty, `false` while it is not a `YYYY-MM-DD` date. */
function typedDate(input: HTMLInputElement): string | undefined | false {
  const v = input.value.trim();
  if (!v) return undefined;
  return isRealDate(v) ? v : false;
}

/** Marks the date filters that hold no date, and says how to write one; `now` shows the message (on a commit, not each keystroke). */
function checkDates(now: boolean): void {
  const wrong: string[] = [];
  for (const [input, label] of [[dateFrom, 'From'], [dateTo, 'To']] as const) {
    const bad = typedDate(input) === false;
    if (bad && now) input.setAttribute('aria-invalid', 'true');
    if (!bad) input.removeAttribute('aria-invalid');
    if (input.getAttribute('aria-invalid') === 'true') wrong.push(`${label}: "${input.value.trim()}"`);
  }
  dateError.textContent = wrong.length ? `${wrong.join(', ')} is not a date; write a date as YYYY-MM-DD, e.g. 2024-03-15.` : '';
}

filterForm.addEventListener('input', () => {
  checkDates(false);
  // A date not yet complete keeps the filter it had, so the table does not jump while typing.
  const from = typedDate(dateFrom);
  const to = typedDate(dateTo);
  view.filters = {
    from: from === false ? view.filters.from : from,
    to: to === false ? view.filters.to : to,
    interviewer: selects.interviewer.value || undefined,
    problem: selects.problem.value || undefined,
    band: selects.band.value || undefined,
    level: selects.level.value || undefined,
  };
  limit = PAGE;
  rerenderTable();
});
filterForm.addEventListener('change', () => checkDates(true));
filterForm.addEventListener('submit', (e) => {
  e.preventDefault();
  checkDates(true);
});
resetButton.addEventListener('click', () => {
  view.filters = {};
  if (current) renderFilters(current);
  dateFrom.value = '';
  dateTo.value = '';
  checkDates(false);
  rerenderTable();
});
moreButton.addEventListener('click', () => {
  limit += PAGE;
  if (current) renderTable(current);
});
exportCsv.addEventListener('click', () => {
  const refs: RowRef[] = shown.map((r) => ({ file: r.file, index: r.index }));
  post({ type: 'export', format: 'csv', rows: refs });
});
exportJson.addEventListener('click', () => post({ type: 'export', format: 'json' }));

post({ type: 'ready' });
