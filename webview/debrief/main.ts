/**
 * The debrief page's script: draws one candidate's debrief as the host posts it (the panel side by
 * side, the dimensions with disagreements first, the outcome, what is missing, and each dimension's
 * evidence beside its scores; the loop files that may be the candidate's but do not read, first) and sends intents (open a note, write the summary, submit). The host
 * computes every figure; in blind mode it sends no other panelist's scores or notes at all.
 */
import '../zodConfig'; // before the protocol's schemas are built
import { debriefHostMessage, debriefViewState, type DebriefMessage, type DebriefWebviewMessage } from '../../src/protocol';
import type { Debrief, DebriefFeedback, DebriefMissing, DebriefNote } from '../../src/core/loop/debriefTypes';
import { normalizeKey } from '../../src/core/personName';
import { afterPaint, el } from '../dom';
import { installDebriefMarks, markDrawn } from '../testing/debriefMarks';

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (msg: DebriefWebviewMessage) => vscode.postMessage(msg);
const app = document.getElementById('app')!;
let current: DebriefMessage | undefined;

if (SDI_TEST_HOOKS) installDebriefMarks((msg) => vscode.postMessage(msg), () => current?.version ?? 0);

const DASH = '\u2014';
const SEALED = 'submit yours first';
const SIGN = { plus: '+', minus: '\u2212', neutral: '#' } as const;
const fixed = (x: number | null) => (x === null ? DASH : x.toFixed(2));
const num = (x: number | null) => (x === null ? DASH : String(x));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A panel column: a feedback, or a loop interview with none yet. */
type Column = { feedback: DebriefFeedback; missing?: undefined } | { feedback?: undefined; missing: DebriefMissing };

function bandLabel(d: Debrief, id: string | null): string {
  return id === null ? DASH : (d.bands.find((b) => b.id === id)?.label ?? id);
}

function dimensionName(d: Debrief, id: string): string {
  return d.dimensions.find((x) => x.id === id)?.name ?? id;
}

/** Who a column is: the interviewer, else the file. */
function who(c: Column): string {
  return c.feedback ? (c.feedback.interviewer.trim() || c.feedback.file) : c.missing.interviewer;
}

/** Whether a feedback's scores and notes were withheld from this page (blind mode: another panelist's). */
function sealed(msg: DebriefMessage, f: DebriefFeedback): boolean {
  return !!msg.blind && normalizeKey(f.interviewer) !== normalizeKey(msg.blind.interviewer);
}

function section(id: string, title: string, ...children: (Node | string | null)[]): HTMLElement {
  return el('section', { id, 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), ...children);
}

function sealedCell(): HTMLElement {
  return el('span', { class: 'sealed' }, el('span', { class: 'codicon codicon-lock', 'aria-hidden': 'true' }), ` ${SEALED}`);
}

function render(msg: DebriefMessage): void {
  current = msg;
  vscode.setState(debriefViewState.parse({ target: msg.target }));
  app.setAttribute('aria-busy', 'false');
  const d = msg.debrief;
  if (!d) {
    app.replaceChildren(el('h1', {}, 'Debrief'), el('p', { class: 'muted' }, msg.message ?? 'No debrief.'), ...unreadableSection(msg));
    return announceDrawn(msg);
  }
  const columns: Column[] = [...d.feedbacks.map((feedback) => ({ feedback })), ...d.missing.map((missing) => ({ missing }))];
  app.replaceChildren(
    header(msg, d),
    ...(msg.blind ? [blindNotice(msg)] : []),
    ...unreadableSection(msg),
    panelSection(msg, d, columns),
    dimensionsSection(msg, d, columns),
    outcomeSection(msg, d),
    missingSection(d),
    ...(d.coverage.length ? [coverageSection(d)] : []),
    ...(d.repeats.length ? [repeatsSection(d)] : []),
    evidenceSection(msg, d),
  );
  announceDrawn(msg);
}

function header(msg: DebriefMessage, d: Debrief): HTMLElement {
  const about = [
    d.loop === null ? 'no loop file' : `loop ${d.loop}`,
    d.date ?? '',
    d.rubric === null ? 'rubric unknown' : `rubric ${d.rubric}`,
    `${plural(d.feedbacks.length, 'feedback')} (${d.combined.n} fully scored)`,
    d.missing.length ? `${d.missing.length} missing` : '',
  ].filter(Boolean).join(' \u00b7 ');
  const write = el('button', { id: 'write-summary', class: 'button', type: 'button', title: 'Save this debrief as Markdown beside the loop file' },
    el('span', { class: 'codicon codicon-save', 'aria-hidden': 'true' }), 'Write Debrief Summary');
  write.disabled = !!msg.blind;
  return el('header', {},
    el('div', { class: 'title-row' }, el('h1', {}, `Debrief: ${d.candidate.trim() || '(no candidate name)'}`), el('div', { class: 'actions' }, write)),
    el('p', { class: 'summary' }, about));
}

function blindNotice(msg: DebriefMessage): HTMLElement {
  const own = msg.blind!.own;
  const children: (Node | string)[] = [
    el('strong', {}, 'Submit yours first. '),
    own
      ? 'You are on this loop\u2019s panel and have not submitted your feedback: the other panelists\u2019 scores and notes show once you do.'
      : 'You are on this loop\u2019s panel and have written no feedback for this candidate yet: write and submit yours to see the others\u2019.',
  ];
  const notice = el('section', { id: 'blind', class: 'notice', role: 'status' }, el('p', {}, ...children));
  if (own) {
    notice.append(el('p', {}, el('button', { id: 'submit-feedback', class: 'button', type: 'button', title: own.file },
      el('span', { class: 'codicon codicon-lock', 'aria-hidden': 'true' }), 'Submit Feedback')));
  }
  notice.append(el('p', { class: 'muted' }, 'A courtesy against anchoring, not access control (setting sdi.debrief.blind).'));
  return notice;
}

/** The feedback and loop files that may be this candidate's but do not read (none: no section), each opening in its file. */
function unreadableSection(msg: DebriefMessage): HTMLElement[] {
  if (!msg.unreadable.length) return [];
  return [section('not-read', `Files not read (${msg.unreadable.length})`,
    el('p', { class: 'muted' }, 'Files that may be this candidate\'s but do not read: feedback files that cannot be scored (no scores block, a rubric that does not load) and loop files that are not valid loops. The debrief leaves them out until they are fixed (see their problems).'),
    el('ul', { class: 'unreadable' }, ...msg.unreadable.map((u) => el('li', {},
      el('button', { class: 'link open', type: 'button', 'data-file': u.file, 'data-line': '0', title: `Open ${u.file}` }, u.file), ': ', el('span', { class: 'error-text' }, u.error)))))];
}

function panelSection(msg: DebriefMessage, d: Debrief, columns: Column[]): HTMLElement {
  if (!columns.length) return section('panel', 'Panel', el('p', { class: 'muted' }, 'No feedback and no loop interview.'));
  const head = el('tr', {}, el('th', { scope: 'col' }, ''), ...columns.map((c) => el('th', { scope: 'col' },
    c.feedback ? el('button', { class: 'link open', type: 'button', 'data-file': c.feedback.file, 'data-line': String(c.feedback.line), title: `Open ${c.feedback.file}` }, who(c)) : who(c))));
  const row = (label: string, cell: (c: Column) => Node | string, cls?: string) =>
    el('tr', { class: cls }, el('th', { scope: 'row' }, label), ...columns.map((c) => el('td', {}, cell(c))));
  const hidden = (c: Column) => !!c.feedback && sealed(msg, c.feedback);
  const body = el('tbody', {},
    row('Problem', (c) => (c.feedback ? c.feedback.problem : c.missing.problemTitle) ?? DASH),
    row('Focus', (c) => (c.feedback ? c.feedback.focus : c.missing.focus).map((id) => dimensionName(d, id)).join(', ') || DASH),
    row('State', (c) => (c.feedback ? c.feedback.state + (c.feedback.counted ? '' : ' (not fully scored)') : 'due'), 'state'),
    ...d.dimensions.map((x) => row(x.name, (c) => (hidden(c) ? sealedCell() : c.feedback ? num(c.feedback.scores[x.id] ?? null) : DASH), 'score')),
    row('Weighted score', (c) => (hidden(c) ? sealedCell() : fixed(c.feedback?.weightedScore ?? null))),
    row('Band', (c) => (hidden(c) ? sealedCell() : bandLabel(d, c.feedback?.band ?? null))),
    row('Recommendation', (c) => (hidden(c) ? sealedCell() : bandLabel(d, c.feedback?.recommendation ?? null))),
  );
  return section('panel', 'Panel', el('div', { class: 'table-scroll' }, el('table', { id: 'panel-table' }, el('thead', {}, head), body)));
}

/** The dimensions, disagreements first (each part in rubric order). */
function ordered(d: Debrief) {
  return [...d.dimensions.filter((x) => x.disagreement), ...d.dimensions.filter((x) => !x.disagreement)];
}

function dimensionsSection(msg: DebriefMessage, d: Debrief, columns: Column[]): HTMLElement {
  const feedbacks = columns.filter((c): c is Column & { feedback: DebriefFeedback } => !!c.feedback);
  const head = el('tr', {}, el('th', { scope: 'col' }, 'Dimension'), ...feedbacks.map((c) => el('th', { scope: 'col' }, who(c))),
    ...['Mean', 'Min', 'Max', 'Spread', 'Focus'].map((h) => el('th', { scope: 'col', class: 'numeric' }, h)));
  const under = new Map(d.coverage.map((c) => [c.dimension, c]));
  const body = el('tbody', {}, ...ordered(d).map((x) => {
    const marks: Node[] = [];
    if (x.disagreement) marks.push(el('span', { class: 'mark disagreement-mark' }, el('span', { class: 'codicon codicon-warning', 'aria-hidden': 'true' }), ` Disagreement: spread ${num(x.spread)} \u2265 ${d.disagreement}`));
    const cov = under.get(x.id);
    if (cov) marks.push(el('span', { class: 'mark coverage-mark' }, el('span', { class: 'codicon codicon-eye-closed', 'aria-hidden': 'true' }), ` Under coverage: in ${cov.focus} of ${cov.required} interviews' focus`));
    return el('tr', { class: x.disagreement ? 'disagreement' : undefined, 'data-dimension': x.id },
      el('th', { scope: 'row' }, el('span', { class: 'name' }, x.name), ...marks),
      ...feedbacks.map((c) => el('td', { class: 'numeric' }, sealed(msg, c.feedback) ? sealedCell() : num(c.feedback.scores[x.id] ?? null))),
      ...(msg.blind ? [el('td', { class: 'numeric', colspan: '4' }, sealedCell())] : [fixed(x.mean), num(x.min), num(x.max), num(x.spread)].map((v) => el('td', { class: 'numeric' }, v))),
      el('td', { class: 'numeric' }, d.loop === null ? DASH : String(x.focus)));
  }));
  const disagreements = d.dimensions.filter((x) => x.disagreement).length;
  const lead = msg.blind ? '' : disagreements
    ? `${plural(disagreements, 'disagreement')}: dimensions whose scores spread by ${d.disagreement} or more, first.`
    : `No disagreement: no dimension's scores spread by ${d.disagreement} or more.`;
  return section('dimensions', 'Dimensions', lead ? el('p', { class: 'muted' }, lead) : null,
    el('div', { class: 'table-scroll' }, el('table', { id: 'dimension-table' }, el('thead', {}, head), body)));
}

function outcomeSection(msg: DebriefMessage, d: Debrief): HTMLElement {
  if (msg.blind) return section('outcome', 'Outcome', el('p', {}, sealedCell()));
  const combined = el('p', { id: 'combined' }, el('strong', {}, 'Combined: '),
    d.combined.n ? `${fixed(d.combined.weightedScore)} \u00b7 ${bandLabel(d, d.combined.band)} (${plural(d.combined.n, 'fully scored feedback')})` : 'no fully scored feedback yet');
  const recs = Object.entries(d.recommendations);
  const list = el('ul', { id: 'recommendations' }, ...recs.map(([id, n]) => el('li', {}, `${bandLabel(d, id)}: ${n}`)));
  return section('outcome', 'Outcome', combined, el('p', {}, el('strong', {}, 'Recommendations by band')), recs.length ? list : el('p', { class: 'muted' }, 'No recommendation checked.'));
}

function missingSection(d: Debrief): HTMLElement {
  if (!d.missing.length) return section('missing', 'Missing feedback', el('p', { class: 'muted' }, d.loop === null ? 'No loop: nothing planned to miss.' : 'None: every interview of the loop has feedback.'));
  return section('missing', 'Missing feedback', el('ul', {}, ...d.missing.map((m) => el('li', {}, `${m.interviewer} \u00b7 ${m.problemTitle} \u00b7 ${m.date}`))));
}

function coverageSection(d: Debrief): HTMLElement {
  return section('coverage', 'Under coverage', el('ul', {}, ...d.coverage.map((c) => el('li', {}, `${dimensionName(d, c.dimension)}: in ${c.focus} of the ${c.required} interviews' focus it needs`))));
}

function repeatsSection(d: Debrief): HTMLElement {
  return section('repeats', 'Problems the candidate had before', el('ul', {}, ...d.repeats.map((r) => el('li', {},
    `${r.problemTitle} (${r.interviewer}): `, ...r.earlier.flatMap((e, i) => [i ? ', ' : '', el('button', { class: 'link open', type: 'button', 'data-file': e.file, 'data-line': '0' }, `${e.file} (${e.date})`)])))));
}

function evidenceSection(msg: DebriefMessage, d: Debrief): HTMLElement {
  const parts = ordered(d).map((x) => {
    const rows = d.feedbacks.map((f) => {
      const head = el('div', { class: 'who' }, el('strong', {}, f.interviewer.trim() || f.file), ' \u00b7 ');
      if (sealed(msg, f)) {
        head.append(sealedCell());
        return el('div', { class: 'panelist' }, head);
      }
      const e = f.evidence[x.id];
      head.append(`score ${num(f.scores[x.id] ?? null)}`, e ? ` \u00b7 ${e.plus}+ ${e.minus}\u2212 ${e.neutral}#` : '');
      const notes = f.notes[x.id] ?? [];
      return el('div', { class: 'panelist' }, head, notes.length
        ? el('ul', { class: 'notes' }, ...notes.map((n) => el('li', {}, noteButton(f, n))))
        : el('p', { class: 'muted' }, d.notesWithheld ? 'notes withheld' : 'no tagged note'));
    });
    return el('div', { class: x.disagreement ? 'evidence disagreement' : 'evidence', 'data-dimension': x.id },
      el('h3', {}, x.name, x.disagreement ? el('span', { class: 'mark disagreement-mark' }, ' Disagreement') : null),
      ...(rows.length ? rows : [el('p', { class: 'muted' }, 'No feedback yet.')]));
  });
  return section('evidence', 'Evidence', el('p', { class: 'muted' }, 'Each score beside its tagged notes; a note opens in its file.'), ...parts);
}

function noteButton(f: DebriefFeedback, n: DebriefNote): HTMLElement {
  const signs = n.polarities.map((p) => SIGN[p]).join('');
  return el('button', { class: 'note link', type: 'button', 'data-file': f.file, 'data-line': String(n.line), title: `${f.file}:${n.line + 1}` },
    el('span', { class: 'time' }, n.time ?? DASH), ' ',
    n.phase ? el('span', { class: 'phase' }, n.phase) : null, n.phase ? ' ' : null,
    el('span', { class: `sign ${n.polarities[0] ?? 'neutral'}` }, signs), ' ',
    el('span', { class: 'text' }, n.text));
}

/** Tells the host once the frame after the change has painted. */
function announceDrawn(msg: DebriefMessage): void {
  afterPaint(() => {
    if (current !== msg) return;
    if (SDI_TEST_HOOKS) markDrawn(msg.version);
    post({ type: 'rendered', version: msg.version });
  });
}

/** Draws a debrief the host gave, in the page's HTML or a message, once checked. */
function receive(data: unknown): void {
  const parsed = debriefHostMessage.safeParse(data);
  if (parsed.success) render(parsed.data);
}

window.addEventListener('message', (event) => receive(event.data));

app.addEventListener('click', (e) => {
  const target = e.target as Element;
  const open = target.closest<HTMLButtonElement>('button.open, button.note');
  if (open?.dataset.file !== undefined) return post({ type: 'open', file: open.dataset.file, line: Number(open.dataset.line ?? 0) });
  const button = target.closest<HTMLButtonElement>('button[id]');
  if (button?.id === 'write-summary') post({ type: 'writeSummary' });
  else if (button?.id === 'submit-feedback') post({ type: 'submit' });
});

// The debrief the page was created with (see `debriefPage`), drawn at once; then the host posts what is newer.
if (app.dataset.debrief !== undefined) receive(JSON.parse(app.dataset.debrief));
post({ type: 'ready', version: current?.version ?? 0 });
