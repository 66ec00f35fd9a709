/**
 * The debrief of a loop (issue 21): per candidate, the panel's feedbacks side by side with the
 * evidence their notes hold, the dimensions' spread and disagreements, the combined score, the
 * recommendations by band, and what the loop planned but did not get (missing feedback, dimensions
 * under `minCoverage`, problems the candidate already had). A plain data model: the CLI prints it
 * (`--debrief`: text, `--json` through `debriefJson`, `--md` through `debriefMarkdown`), and a page
 * can draw it as it is. The definitions are the issue's, word for word in `docs/loops.md`.
 */
import { compareRows, compareText, dateChains, dayNumber, isCounted, roundFigure } from '../calibration/report';
import type { CalibrationRow, RubricInfo, Unreadable } from '../calibration/types';
import type { EvidenceCounts } from '../notes/evidence';
import type { NotePolarity } from '../notes/parse';
import { normalizeKey, shownName } from '../personName';
import { earlierFeedback, LOOP_DEFAULTS, loopSettings, type LoopKit } from './check';
import { submissionState } from './progress';
import { loopCandidate, type LoopFile } from './read';
import type { LoopInterview, LoopPlan } from './types';

export type { Debrief, DebriefCoverage, DebriefDimension, DebriefFeedback, DebriefMissing, DebriefNote, DebriefRepeat, DebriefReport, FeedbackState } from './debriefTypes';
import type { Debrief, DebriefCoverage, DebriefDimension, DebriefFeedback, DebriefMissing, DebriefNote, DebriefRepeat, DebriefReport } from './debriefTypes';

/** What a debrief is made from. */
export interface DebriefInput {
  /** Every feedback row found (any order), read with `evidence` (`'notes'` for the notes themselves, else only their counts are known). */
  rows: readonly CalibrationRow[];
  /** The rubrics by key: the rows' (`feedbackRows`' `rubric`) and the loops' kits' (`kitRubricInfo`). */
  rubrics: Readonly<Record<string, RubricInfo>>;
  /** Every loop file read; one that did not read goes to `unreadable` with its first finding. */
  loops: readonly LoopFile[];
  /** The kit of a loop (`loopKit`); undefined when it names no loaded kit. */
  kitOf: (plan: LoopPlan) => LoopKit | undefined;
  /** Files that could not be read, or whose rubric could not be resolved. */
  unreadable: readonly Unreadable[];
}

export interface DebriefOptions {
  /** Same candidate: dates chain with gaps of at most this many days (the report's `windowDays`). */
  windowDays: number;
}

/** The notes of a dimension without any: one list shared by every feedback (thousands in a repository's debrief). */
const NO_NOTES: readonly DebriefNote[] = Object.freeze([]);

/** The list a map holds at a key, made empty when there is none. */
function listAt<T>(map: Map<string, T[]>, key: string): T[] {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  return list;
}

/** A candidate being put together: its rows (in row order) and its loop. */
interface Group {
  key: string;
  rubric: string | null;
  rows: CalibrationRow[];
  loop?: { file: string; plan: LoopPlan; kit: LoopKit | undefined };
}

/**
 * The candidates under the report's rules: rows of one rubric whose names share a key and whose
 * dates chain within the window (`dateChains`); a row without a name or a date is a candidate of its
 * own. Rows counted or not: a panelist's unfinished feedback is shown, and left out of the figures.
 * In the order of each candidate's first row.
 */
function candidateGroups(sorted: readonly CalibrationRow[], windowDays: number): Group[] {
  const byName = new Map<string, CalibrationRow[]>();
  const groupOf = new Map<CalibrationRow, Group>();
  const groups: Group[] = [];
  for (const r of sorted) {
    if (!r.candidateKey || r.date === null) {
      const g: Group = { key: r.candidateKey, rubric: r.rubricKey, rows: [r] };
      groupOf.set(r, g);
      continue;
    }
    listAt(byName, `${r.rubricKey}\u0000${r.candidateKey}`).push(r);
  }
  for (const list of byName.values()) {
    const { chains, chainOf } = dateChains(list.map((r) => r.date!), windowDays);
    const chained: Group[] = Array.from({ length: chains }, () => ({ key: list[0].candidateKey, rubric: list[0].rubricKey, rows: [] }));
    list.forEach((r, i) => {
      chained[chainOf[i]].rows.push(r);
      groupOf.set(r, chained[chainOf[i]]);
    });
  }
  // Each candidate where its first row comes.
  const seen = new Set<Group>();
  for (const r of sorted) {
    const g = groupOf.get(r)!;
    if (!seen.has(g)) {
      seen.add(g);
      groups.push(g);
    }
  }
  return groups;
}

/**
 * The candidate a loop belongs to: the one whose key is the loop candidate's with a row dated within
 * the window of the loop's day (the nearest; the first of equals), and no loop yet. Undefined when none.
 */
function groupOfLoop(plan: LoopPlan, byKey: ReadonlyMap<string, Group[]>, windowDays: number): Group | undefined {
  const day = dayNumber(plan.date);
  let best: Group | undefined;
  let bestGap = Infinity;
  for (const g of byKey.get(normalizeKey(plan.candidate)) ?? []) {
    if (g.loop) continue;
    for (const r of g.rows) {
      if (r.date === null) continue;
      const gap = Math.abs(dayNumber(r.date) - day);
      if (gap <= windowDays && gap < bestGap) {
        best = g;
        bestGap = gap;
      }
    }
  }
  return best;
}

/** The debrief of every candidate: those of the feedback rows, then the loops that matched none, each a candidate with no feedback. */
export function debriefReport(input: DebriefInput, options: DebriefOptions): DebriefReport {
  const windowDays = Number.isFinite(options.windowDays) && options.windowDays >= 0 ? options.windowDays : 14;
  const sorted = [...input.rows].sort(compareRows);
  const groups = candidateGroups(sorted, windowDays);
  const byKey = new Map<string, Group[]>();
  for (const g of groups) if (g.key) listAt(byKey, g.key).push(g);
  const unreadable = [...input.unreadable];
  const loopOnly: Group[] = [];
  for (const loop of [...input.loops].sort((a, b) => compareText(a.file, b.file))) {
    if (!loop.plan) {
      unreadable.push(notRead(loop));
      continue;
    }
    const kit = input.kitOf(loop.plan);
    const attached = { file: loop.file, plan: loop.plan, kit };
    const g = groupOfLoop(loop.plan, byKey, windowDays);
    if (g) g.loop = attached;
    else loopOnly.push({ key: normalizeKey(loop.plan.candidate), rubric: kit?.rubricKey ?? null, rows: [], loop: attached });
  }
  // The earlier feedback a loop's repeats look in: every row of the candidate's name, whatever its rubric.
  const history = new Map<string, CalibrationRow[]>();
  for (const r of sorted) if (r.candidateKey) listAt(history, r.candidateKey).push(r);
  const candidates = [...groups, ...loopOnly].map((g) => debriefOf(g, input.rubrics, history.get(g.key) ?? []));
  unreadable.sort((a, b) => compareText(a.file, b.file));
  return { candidates, unreadable };
}

/** A loop file that did not read as a loop, with its first finding. */
function notRead(loop: LoopFile): Unreadable {
  const first = loop.issues.find((i) => i.severity === 'error') ?? loop.issues[0];
  return { file: loop.file, error: first ? first.message : 'not a loop' };
}

/**
 * The loop files among `loops` that did not read as loops and that one candidate's debrief lists as
 * not read, in path order: those whose YAML names the candidate of name key `key` (`loopCandidate`),
 * and those no candidate can be read from (a YAML syntax error): they may be theirs. Each with its
 * first finding, as `debriefReport` lists every such file.
 */
export function unreadLoopsOf(key: string, loops: readonly LoopFile[]): Unreadable[] {
  return loops
    .filter((loop) => {
      if (loop.plan) return false;
      const named = loopCandidate(loop);
      return named === undefined || normalizeKey(named) === key;
    })
    .map(notRead)
    .sort((a, b) => compareText(a.file, b.file));
}

/** A note's signs toward one dimension. */
function polaritiesOf(tags: readonly { polarity: NotePolarity; dimension: string }[], dimension: string): NotePolarity[] {
  return tags.filter((t) => t.dimension === dimension).map((t) => t.polarity);
}

function stateOf(row: CalibrationRow): DebriefFeedback['state'] {
  const state = submissionState(row);
  return state === 'edited' ? 'edited after submit' : state;
}

/** One candidate's figures. */
function debriefOf(g: Group, rubrics: Readonly<Record<string, RubricInfo>>, history: readonly CalibrationRow[]): Debrief {
  const info = g.rubric === null ? undefined : rubrics[g.rubric];
  const plan = g.loop?.plan;
  const kit = g.loop?.kit;
  // Dimensions: the rubric's order, else the loop kit's, else the first row's scores.
  const dims = info?.dimensions ?? kit?.dimensions ?? Object.keys(g.rows[0]?.scores ?? {}).map((id) => ({ id, name: id }));
  const settings = plan ? loopSettings(plan, kit) : undefined;
  const disagreement = settings?.disagreement ?? LOOP_DEFAULTS.disagreement;
  const interviewOf = new Map<string, LoopInterview>();
  for (const iv of plan?.interviews ?? []) if (!interviewOf.has(normalizeKey(iv.interviewer))) interviewOf.set(normalizeKey(iv.interviewer), iv);

  const interviewers = g.rows.map((r) => normalizeKey(r.interviewer));
  const feedbacks: DebriefFeedback[] = g.rows.map((r, k) => {
    const evidence: Record<string, EvidenceCounts> = {};
    const notes: Record<string, readonly DebriefNote[]> = {};
    for (const d of dims) {
      const e = r.evidence?.[d.id];
      // Counts read without notes are the row's own object (it holds nothing else); with notes, a copy of the counts.
      evidence[d.id] = !e ? { plus: 0, minus: 0, neutral: 0 } : e.notes ? { plus: e.plus, minus: e.minus, neutral: e.neutral } : e;
      notes[d.id] = e?.notes ? e.notes.map((n) => ({ line: n.line, time: n.timeText ?? null, phase: n.phase ?? null, polarities: polaritiesOf(n.tags, d.id), text: n.text })) : NO_NOTES;
    }
    return {
      file: r.file,
      index: r.index,
      line: r.line,
      interviewer: r.interviewer,
      date: r.date,
      problem: r.problem,
      scores: r.scores,
      weightedScore: r.weightedScore,
      band: r.band,
      recommendation: r.recommendation,
      counted: isCounted(r),
      submitted: r.submitted,
      editedAfterSubmit: r.editedAfterSubmit,
      state: stateOf(r),
      evidence,
      notes,
      focus: interviewOf.get(interviewers[k])?.focus ?? [],
    };
  });
  const counted = feedbacks.filter((f) => f.counted);

  const dimensions: DebriefDimension[] = dims.map((d) => {
    const scores = counted.map((f) => f.scores[d.id]).filter((s): s is number => typeof s === 'number');
    const focus = plan ? plan.interviews.filter((iv) => iv.focus.includes(d.id)).length : 0;
    if (!scores.length) return { id: d.id, name: d.name, n: 0, mean: null, min: null, max: null, spread: null, disagreement: false, focus };
    const min = Math.min(...scores);
    const max = Math.max(...scores);
    const spread = roundFigure(max - min);
    const mean = roundFigure(scores.reduce((s, x) => s + x, 0) / scores.length);
    return { id: d.id, name: d.name, n: scores.length, mean, min, max, spread, disagreement: spread >= disagreement, focus };
  });

  // The combined band compares in thousandths, as feedback's own bands do: the mean of 2.8 and 2.8 is Hire, whatever the float sum says.
  const milli = counted.reduce((s, f) => s + Math.round(f.weightedScore! * 1000), 0);
  const n = counted.length;
  const band = n ? (info?.bands.find((b) => b.min === null || milli >= Math.round(b.min * 1000) * n)?.id ?? null) : null;
  const combined = { n, weightedScore: n ? roundFigure(milli / n / 1000) : null, band };

  const recommendations: Record<string, number> = {};
  for (const b of info?.bands ?? []) recommendations[b.id] = 0;
  for (const f of counted) if (f.recommendation !== null) recommendations[f.recommendation] = (recommendations[f.recommendation] ?? 0) + 1;

  // A loop names its problems by id; people read them by the kit's title.
  const problemOf = (id: string) => kit?.problems.find((p) => p.id === id) ?? { id, title: id };
  const written = new Set(interviewers);
  const missing: DebriefMissing[] = (plan?.interviews ?? [])
    .filter((iv) => !written.has(normalizeKey(iv.interviewer)))
    .map((iv) => ({ interviewer: iv.interviewer, problem: iv.problem, problemTitle: problemOf(iv.problem).title, date: iv.date, focus: iv.focus }));

  const repeats: DebriefRepeat[] = [];
  for (const iv of plan?.interviews ?? []) {
    const problem = problemOf(iv.problem);
    const earlier = earlierFeedback(plan!, problem, history);
    if (earlier.length) repeats.push({ problem: iv.problem, problemTitle: problem.title, interviewer: iv.interviewer, earlier: earlier.map((h) => ({ file: h.file, date: h.date! })) });
  }

  const coverage: DebriefCoverage[] = settings ? dimensions.filter((d) => d.focus < settings.minCoverage).map((d) => ({ dimension: d.id, focus: d.focus, required: settings.minCoverage })) : [];

  return {
    candidate: shownName(plan?.candidate ?? g.rows[0]?.candidate ?? ''),
    candidateKey: g.key,
    loop: g.loop?.file ?? null,
    rubric: g.rubric,
    feedbacks,
    missing,
    dimensions,
    combined,
    recommendations,
    repeats,
    coverage,
    date: plan?.date ?? g.rows.find((r) => r.date !== null)?.date ?? null,
    minCoverage: settings?.minCoverage ?? null,
    disagreement,
    bands: (info?.bands ?? []).map((b) => ({ id: b.id, label: b.label })),
    notesWithheld: false,
  };
}

/** `sdi-feedback --debrief --json`: exactly the issue's shape (the model's other fields are for pages and the summary). */
export function debriefJson(report: DebriefReport) {
  return {
    candidates: report.candidates.map((d) => ({
      candidate: d.candidate,
      candidateKey: d.candidateKey,
      loop: d.loop,
      rubric: d.rubric,
      feedbacks: d.feedbacks.map((f) => ({
        file: f.file,
        index: f.index,
        interviewer: f.interviewer,
        date: f.date,
        problem: f.problem,
        scores: f.scores,
        weightedScore: f.weightedScore,
        band: f.band,
        recommendation: f.recommendation,
        counted: f.counted,
        submitted: f.submitted,
        editedAfterSubmit: f.editedAfterSubmit,
        evidence: f.evidence,
      })),
      missing: d.missing.map((m) => ({ interviewer: m.interviewer, problem: m.problem, date: m.date })),
      dimensions: d.dimensions.map((x) => ({ id: x.id, n: x.n, mean: x.mean, min: x.min, max: x.max, spread: x.spread, disagreement: x.disagreement, focus: x.focus })),
      combined: d.combined,
      recommendations: d.recommendations,
      repeats: d.repeats.map((r) => ({ problem: r.problem, interviewer: r.interviewer, earlier: r.earlier })),
      coverage: d.coverage,
    })),
    unreadable: report.unreadable,
  };
}
