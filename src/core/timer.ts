/**
 * The interview phase timer as a pure state machine. Every transition takes the current time
 * (`now`, ms since the epoch) from the caller, so tests drive it with a fake clock. Time is never
 * counted in ticks: each phase keeps the active milliseconds of its closed segments plus the start
 * of the open one, and every reading is derived from those timestamps, so nothing drifts.
 *
 * Clock jumps: a clock that jumps forwards is indistinguishable from time that really passed (a
 * window closed for ten minutes), so it counts. A clock that jumps backwards never makes time run
 * backwards: readings never go below the latest time the machine has seen (`observedAt`), and the
 * next transition or `observe` re-bases the open segment on the new clock.
 */
import { z } from 'zod';
import { formatZodIssues, idSchema, phaseSchema, type DeepDiveArea, type Phase, type PhasePlan } from './content';
import { formatClock } from './format';
import { phaseId } from './slug';

const MINUTE = 60_000;

/** One phase of the plan the timer runs: the guide's, or one from the settings. */
export const timerPhaseSchema = phaseSchema.extend({ id: z.string().min(1) });
export type TimerPhase = z.infer<typeof timerPhaseSchema>;

/** Where the plan came from. */
export type PlanSource = 'guide' | 'settings';

/** The plan a timer runs: its phases are copied into the state at start, so a settings change never disturbs a running interview. */
export interface TimerPlan {
  title: string;
  source: PlanSource;
  phases: TimerPhase[];
}

/** idle: no interview. running / paused: one is under way. finished: it ended; its times stay readable until reset or the next start. */
export type TimerStatus = 'idle' | 'running' | 'paused' | 'finished';

const phaseRecordSchema = z.strictObject({
  /** Active milliseconds of this phase's closed segments. */
  actualMs: z.number().nonnegative(),
  /** Minutes added by "Extend Phase". */
  extraMinutes: z.number().nonnegative(),
});

/** The persisted, serializable state. Version it when the shape changes. */
export const timerStateSchema = z
  .strictObject({
    version: z.literal(1),
    status: z.enum(['idle', 'running', 'paused', 'finished']),
    problemId: z.string().optional(),
    planTitle: z.string(),
    planSource: z.enum(['guide', 'settings']),
    plan: z.array(timerPhaseSchema),
    phases: z.array(phaseRecordSchema),
    phaseIndex: z.number().int().nonnegative(),
    /** Start of the open segment of the current phase; set only while running. */
    segmentStart: z.number().optional(),
    /** The latest clock reading seen; readings never go below it. */
    observedAt: z.number(),
    startedAt: z.number().optional(),
    finishedAt: z.number().optional(),
    /** Notifications already shown, so a reload does not repeat them. */
    alerted: z.array(z.string()).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.phases.length !== s.plan.length) ctx.addIssue({ code: 'custom', path: ['phases'], message: 'must have one record per phase of the plan' });
    if (s.status !== 'idle' && s.plan.length === 0) ctx.addIssue({ code: 'custom', path: ['plan'], message: 'a started interview needs phases' });
    if (s.plan.length && s.phaseIndex >= s.plan.length) ctx.addIssue({ code: 'custom', path: ['phaseIndex'], message: 'is past the last phase' });
    if ((s.status === 'running') !== (s.segmentStart !== undefined)) ctx.addIssue({ code: 'custom', path: ['segmentStart'], message: 'is set exactly when running' });
  });
export type TimerState = z.infer<typeof timerStateSchema>;

/** No interview. */
export function idleState(now = 0): TimerState {
  return { version: 1, status: 'idle', planTitle: '', planSource: 'guide', plan: [], phases: [], phaseIndex: 0, observedAt: now, alerted: [] };
}

/**
 * Reads a persisted state. Anything that does not validate (an older shape, a hand-edited or
 * corrupt value) gives an idle timer and the reason, never an exception.
 */
export function restoreTimer(raw: unknown, now = 0): { state: TimerState; error?: string } {
  if (raw === undefined || raw === null) return { state: idleState(now) };
  const r = timerStateSchema.safeParse(raw);
  if (r.success) return { state: r.data };
  return { state: idleState(now), error: formatZodIssues(r.error.issues, '', 'state') };
}

// ---- transitions ----------------------------------------------------------------------------

/** The time a reading or transition uses: never earlier than what the machine has seen. */
function effectiveNow(s: TimerState, now: number): number {
  return Math.max(now, s.observedAt);
}

/**
 * Takes note of the clock. When it went backwards, folds the open segment up to the latest
 * reading and re-opens it at `now`, so the time already shown is kept and counting goes on from
 * the new clock. Returns the same object when nothing changed.
 */
export function observe(s: TimerState, now: number): TimerState {
  if (now >= s.observedAt) return now === s.observedAt ? s : { ...s, observedAt: now };
  if (s.status !== 'running' || s.segmentStart === undefined) return { ...s, observedAt: now };
  const phases = s.phases.slice();
  phases[s.phaseIndex] = { ...phases[s.phaseIndex], actualMs: phases[s.phaseIndex].actualMs + Math.max(0, s.observedAt - s.segmentStart) };
  return { ...s, phases, segmentStart: now, observedAt: now };
}

/** Closes the open segment (if any) at `now`, adding it to the current phase. */
function closeSegment(s: TimerState, now: number): TimerState {
  s = observe(s, now);
  if (s.segmentStart === undefined) return s;
  const phases = s.phases.slice();
  phases[s.phaseIndex] = { ...phases[s.phaseIndex], actualMs: phases[s.phaseIndex].actualMs + Math.max(0, now - s.segmentStart) };
  return { ...s, phases, segmentStart: undefined };
}

/** Starts a new interview on a plan (any earlier one is discarded). */
export function start(plan: TimerPlan, now: number, problemId?: string): TimerState {
  if (!plan.phases.length) throw new Error('A plan needs at least one phase');
  return {
    version: 1,
    status: 'running',
    problemId,
    planTitle: plan.title,
    planSource: plan.source,
    plan: plan.phases.map((p) => ({ ...p, guidance: [...p.guidance] })),
    phases: plan.phases.map(() => ({ actualMs: 0, extraMinutes: 0 })),
    phaseIndex: 0,
    segmentStart: now,
    observedAt: now,
    startedAt: now,
    alerted: [],
  };
}

/** Pauses a running interview; anything else is unchanged. */
export function pause(s: TimerState, now: number): TimerState {
  if (s.status !== 'running') return observe(s, now);
  return { ...closeSegment(s, now), status: 'paused' };
}

/** Resumes a paused interview; anything else is unchanged. */
export function resume(s: TimerState, now: number): TimerState {
  s = observe(s, now);
  if (s.status !== 'paused') return s;
  return { ...s, status: 'running', segmentStart: now };
}

/** Pause when running, resume when paused. */
export function togglePause(s: TimerState, now: number): TimerState {
  return s.status === 'running' ? pause(s, now) : resume(s, now);
}

function moveTo(s: TimerState, index: number, now: number): TimerState {
  if (s.status !== 'running' && s.status !== 'paused') return observe(s, now);
  if (index < 0 || index >= s.plan.length || index === s.phaseIndex) return observe(s, now);
  const closed = closeSegment(s, now);
  return { ...closed, phaseIndex: index, segmentStart: s.status === 'running' ? effectiveNow(closed, now) : undefined };
}

/** Goes on to the next phase; at the last phase nothing changes (finish instead). Time spent stays with the phase it was spent in. */
export function nextPhase(s: TimerState, now: number): TimerState {
  return moveTo(s, s.phaseIndex + 1, now);
}

/** Goes back to the previous phase, whose actual time then keeps growing; at the first phase nothing changes. */
export function previousPhase(s: TimerState, now: number): TimerState {
  return moveTo(s, s.phaseIndex - 1, now);
}

/** Gives the current phase `minutes` more (a positive number). */
export function extendPhase(s: TimerState, minutes: number, now: number): TimerState {
  s = observe(s, now);
  if ((s.status !== 'running' && s.status !== 'paused') || !(minutes > 0) || !Number.isFinite(minutes)) return s;
  const phases = s.phases.slice();
  phases[s.phaseIndex] = { ...phases[s.phaseIndex], extraMinutes: phases[s.phaseIndex].extraMinutes + minutes };
  return { ...s, phases };
}

/** Ends the interview, keeping every phase's time. */
export function finish(s: TimerState, now: number): TimerState {
  if (s.status !== 'running' && s.status !== 'paused') return observe(s, now);
  const closed = closeSegment(s, now);
  return { ...closed, status: 'finished', finishedAt: effectiveNow(closed, now) };
}

/** Back to idle, forgetting the interview. */
export function reset(_s: TimerState, now: number): TimerState {
  return idleState(now);
}

/**
 * Undoes a reset: `previous` is the state the reset discarded. Only an idle timer takes it back
 * (an interview started since wins). A running interview counts the time since the reset: the
 * interview went on in the room while the timer was blank.
 */
export function undoReset(current: TimerState, previous: TimerState, now: number): TimerState {
  if (current.status !== 'idle' || previous.status === 'idle') return observe(current, now);
  return observe(previous, Math.max(now, current.observedAt));
}

/**
 * With `sdi.timer.autoAdvance`: moves past every phase whose planned time is used up, each at the
 * exact moment it ran out (not at the moment this is called), so late calls do not shift the plan.
 * The last phase is never left automatically, nor is a phase gone back to after its time ran out.
 */
export function autoAdvance(s: TimerState, now: number): TimerState {
  s = observe(s, now);
  while (s.status === 'running' && s.segmentStart !== undefined && s.phaseIndex < s.plan.length - 1) {
    const rec = s.phases[s.phaseIndex];
    const left = plannedMs(s, s.phaseIndex) - rec.actualMs;
    // A phase gone back to after its time ran out stays until the interviewer leaves it.
    if (left <= 0) break;
    const endsAt = s.segmentStart + left;
    if (endsAt > effectiveNow(s, now)) break;
    const phases = s.phases.slice();
    phases[s.phaseIndex] = { ...rec, actualMs: rec.actualMs + (endsAt - s.segmentStart) };
    s = { ...s, phases, phaseIndex: s.phaseIndex + 1, segmentStart: endsAt };
  }
  return s;
}

// ---- readings -------------------------------------------------------------------------------

/** Planned milliseconds of a phase, its extensions included. */
export function plannedMs(s: TimerState, index: number): number {
  return (s.plan[index].minutes + s.phases[index].extraMinutes) * MINUTE;
}

/** Active milliseconds spent in a phase up to `now`. */
export function actualMs(s: TimerState, index: number, now: number): number {
  const rec = s.phases[index];
  if (index !== s.phaseIndex || s.segmentStart === undefined) return rec.actualMs;
  return rec.actualMs + Math.max(0, effectiveNow(s, now) - s.segmentStart);
}

/** One phase as the interviewer sees it. */
export interface PhaseView {
  id: string;
  title: string;
  /** Planned minutes in the plan. */
  minutes: number;
  /** Minutes added by extending. */
  extraMinutes: number;
  plannedMs: number;
  actualMs: number;
  /** `skipped`: a finished interview never got to it (no time spent). */
  state: 'done' | 'current' | 'upcoming' | 'skipped';
  deepDive: boolean;
  guidance: string[];
}

/** Everything a display needs, at one moment. */
export interface TimerView {
  status: TimerStatus;
  problemId?: string;
  planTitle: string;
  planSource: PlanSource;
  phaseIndex: number;
  phases: PhaseView[];
  /** The current phase; undefined when idle. */
  current?: PhaseView & { elapsedMs: number; remainingMs: number; overrunMs: number };
  plannedTotalMs: number;
  elapsedTotalMs: number;
  /** Elapsed over planned total, 0 to 1. */
  progress: number;
}

/** Reads the state at `now`. Pure: call it as often as you like. */
export function view(s: TimerState, now: number): TimerView {
  const phases: PhaseView[] = s.plan.map((p, i) => ({
    id: p.id,
    title: p.title,
    minutes: p.minutes,
    extraMinutes: s.phases[i].extraMinutes,
    plannedMs: plannedMs(s, i),
    actualMs: actualMs(s, i, now),
    state: s.status === 'finished' ? (actualMs(s, i, now) > 0 ? 'done' : 'skipped') : i < s.phaseIndex ? 'done' : i === s.phaseIndex ? 'current' : 'upcoming',
    deepDive: !!p.deepDive,
    guidance: p.guidance,
  }));
  // A phase gone back to from a later one is "done" only if time was spent in it.
  if (s.status !== 'finished') phases.forEach((p, i) => { if (i > s.phaseIndex && p.actualMs > 0) p.state = 'done'; });
  const plannedTotalMs = phases.reduce((t, p) => t + p.plannedMs, 0);
  const elapsedTotalMs = phases.reduce((t, p) => t + p.actualMs, 0);
  const cur = s.status === 'idle' ? undefined : phases[s.phaseIndex];
  return {
    status: s.status,
    problemId: s.problemId,
    planTitle: s.planTitle,
    planSource: s.planSource,
    phaseIndex: s.phaseIndex,
    phases,
    current: cur && {
      ...cur,
      elapsedMs: cur.actualMs,
      remainingMs: Math.max(0, cur.plannedMs - cur.actualMs),
      overrunMs: Math.max(0, cur.actualMs - cur.plannedMs),
    },
    plannedTotalMs,
    elapsedTotalMs,
    progress: plannedTotalMs ? Math.min(1, elapsedTotalMs / plannedTotalMs) : 0,
  };
}

// ---- notifications --------------------------------------------------------------------------

/** A notification due: the current phase is about to end, or has ended. */
export interface TimerAlert {
  /** Identifies the alert; includes the planned length, so extending a phase arms its alerts again. */
  key: string;
  kind: 'warning' | 'ended';
  phaseIndex: number;
  title: string;
  /** For a warning: whole minutes left, rounded up. */
  minutesLeft: number;
  /** Milliseconds left in the phase when the alert fell due (0 once ended). */
  msLeft: number;
  /** The phase is the plan's last: there is no next phase to go on to. */
  last: boolean;
  /** The timer already left the phase by itself (`sdi.timer.autoAdvance`). */
  advanced: boolean;
}

/**
 * Alerts that are due for the current phase and not shown yet. When both are due (after a
 * reload, or a long pause of the host) only "ended" is given. No warning when the lead time is
 * as long as the phase itself.
 */
export function dueAlerts(s: TimerState, now: number, leadMinutes: number): TimerAlert[] {
  if (s.status !== 'running') return [];
  const i = s.phaseIndex;
  const planned = plannedMs(s, i);
  const left = planned - actualMs(s, i, now);
  const base = `${i}:${s.plan[i].id}:${planned}`;
  const title = s.plan[i].title;
  const last = i === s.plan.length - 1;
  if (left <= 0) {
    const key = `${base}:ended`;
    return s.alerted.includes(key) ? [] : [{ key, kind: 'ended', phaseIndex: i, title, minutesLeft: 0, msLeft: 0, last, advanced: false }];
  }
  const lead = leadMinutes * MINUTE;
  if (lead > 0 && lead < planned && left <= lead) {
    const key = `${base}:warning`;
    return s.alerted.includes(key) ? [] : [{ key, kind: 'warning', phaseIndex: i, title, minutesLeft: Math.ceil(left / MINUTE), msLeft: left, last, advanced: false }];
  }
  return [];
}

/** The "ended" alert of a phase the timer left by itself (auto-advance), which `dueAlerts` no longer sees. */
export function advancedAlert(s: TimerState, index: number): TimerAlert {
  const p = s.plan[index];
  return { key: `${index}:${p.id}:auto`, kind: 'ended', phaseIndex: index, title: p.title, minutesLeft: 0, msLeft: 0, last: index === s.plan.length - 1, advanced: true };
}

/** What an alert's buttons do. */
export type AlertAction = 'next' | 'extend' | 'finish';

/** The words of an alert's notification and its buttons (each with the action it runs). */
export function alertMessage(a: TimerAlert): { text: string; actions: { label: string; action: AlertAction }[] } {
  const extend = { label: 'Extend 5 Minutes', action: 'extend' as const };
  if (a.kind === 'warning') return { text: `${durationWords(a.msLeft)} left in "${a.title}".`, actions: [extend] };
  if (a.advanced) return { text: `Time is up for "${a.title}". Moving on to the next phase.`, actions: [] };
  if (a.last) {
    return { text: `Time is up for "${a.title}". It is the last phase: there is no next phase. Finish the interview, or extend the phase.`, actions: [{ label: 'Finish Interview', action: 'finish' }, extend] };
  }
  return { text: `Time is up for "${a.title}".`, actions: [{ label: 'Next Phase', action: 'next' }, extend] };
}

/** Records alerts as shown. */
export function markAlerted(s: TimerState, alerts: readonly TimerAlert[]): TimerState {
  if (!alerts.length) return s;
  return { ...s, alerted: [...s.alerted, ...alerts.map((a) => a.key)] };
}

// ---- plans ------------------------------------------------------------------------------------

/** The guide's plan from `content/phases.json`. */
export function guidePlan(p: PhasePlan): TimerPlan {
  return { title: p.plan, source: 'guide', phases: p.phases.map((ph: Phase) => ({ ...ph, guidance: [...ph.guidance] })) };
}

/** One phase as the `sdi.timer.phases` setting writes it; `id` defaults to a slug of the title. */
const settingPhaseSchema = phaseSchema.extend({ id: idSchema.optional(), guidance: z.array(z.string()).optional() });

/** The `sdi.timer.phases` setting: a list of phases. */
export const phasesSettingSchema = z
  .array(settingPhaseSchema, { error: 'must be a list of phases, each { "title": "...", "minutes": 10 }' })
  .superRefine((phases, ctx) => {
    if (phases.filter((p) => p.deepDive).length > 1) ctx.addIssue({ code: 'custom', message: 'at most one phase can be the deep dive ("deepDive": true)' });
    const ids = phases.map((p) => p.id ?? phaseId(p.title));
    ids.forEach((id, i) => { if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${id}" is used by more than one phase` }); });
  });

/**
 * The plan to run: the `sdi.timer.phases` setting when it holds a valid plan, else the guide's.
 * An empty or missing setting means "the guide's plan". An invalid one gives the guide's plan and
 * an `error` naming each problem (`phases[1].minutes: must be a positive number of minutes`).
 * A phase whose id matches one of the guide's takes that phase's guidance (and deep-dive flag)
 * unless it gives its own; `sectionExists` drops guidance that names no guide section.
 */
export function resolvePlan(setting: unknown, guide: PhasePlan, sectionExists: (ref: string) => boolean = () => true): { plan: TimerPlan; error?: string } {
  const fallback = guidePlan(guide);
  if (setting === undefined || setting === null || (Array.isArray(setting) && setting.length === 0)) return { plan: fallback };
  const r = phasesSettingSchema.safeParse(setting);
  if (!r.success) {
    return { plan: fallback, error: formatZodIssues(r.error.issues, 'sdi.timer.phases') };
  }
  const anyDeepDive = r.data.some((p) => p.deepDive !== undefined);
  const phases = r.data.map((p) => {
    const id = p.id ?? phaseId(p.title);
    const same = guide.phases.find((g) => g.id === id);
    return {
      id,
      title: p.title,
      minutes: p.minutes,
      deepDive: p.deepDive ?? (anyDeepDive ? undefined : same?.deepDive),
      guidance: (p.guidance ?? same?.guidance ?? []).filter(sectionExists),
    };
  });
  return { plan: { title: `${phases.reduce((t, p) => t + p.minutes, 0)}-minute plan (settings)`, source: 'settings', phases } };
}

// ---- deep dive --------------------------------------------------------------------------------

/** One deep-dive area of the problem as a sub-step of the deep-dive phase. */
export interface DeepDiveStep {
  title: string;
  /** Minutes the guide gives the area. */
  minutes: number;
  /** Its slot in the phase, scaled down when the areas do not fit the phase as planned, on a whole-minute grid when the slots allow (see `deepDiveSteps`). */
  startMs: number;
  endMs: number;
  /** The slot's length in minutes (`endMs - startMs`): the guide's minutes, or fewer when scaled down. */
  slotMinutes: number;
  points: string[];
  state: 'done' | 'current' | 'upcoming';
}

/**
 * The problem's deep-dive areas laid out over the deep-dive phase, the current one picked by the
 * time spent in the phase. When the areas take longer than the phase (a shorter plan), their slots
 * shrink in proportion; when the phase is longer, the slack comes after the last area, which stays current.
 */
export function deepDiveSteps(areas: readonly DeepDiveArea[], phasePlannedMs: number, elapsedMs: number): DeepDiveStep[] {
  const total = areas.reduce((t, a) => t + a.minutes, 0) * MINUTE;
  const scale = total > phasePlannedMs && total > 0 ? phasePlannedMs / total : 1;
  const bounds = [0];
  areas.forEach((a) => bounds.push(bounds[bounds.length - 1] + a.minutes * MINUTE * scale));
  // Scaled slots are shown in minutes, so their edges go on the coarsest grid that still gives every
  // area some time (whole minutes, then half minutes, then seconds), rounding the running total so
  // the slots still add up to the phase.
  const end = bounds[bounds.length - 1];
  const fits = (g: number) => Math.abs(Math.round(end / g) * g - end) < 1 && bounds.every((b, i) => i === 0 || Math.round(b / g) > Math.round(bounds[i - 1] / g));
  const grid = [MINUTE, MINUTE / 2, 1000].find(fits) ?? 1;
  const edges = bounds.map((b) => Math.round(b / grid) * grid);
  const steps: DeepDiveStep[] = areas.map((a, i) => ({
    title: a.title, minutes: a.minutes, startMs: edges[i], endMs: edges[i + 1], slotMinutes: (edges[i + 1] - edges[i]) / MINUTE,
    points: [...a.points], state: 'upcoming',
  }));
  let current = steps.findIndex((st) => elapsedMs < st.endMs);
  if (current < 0) current = steps.length - 1;
  steps.forEach((st, i) => { st.state = i < current ? 'done' : i === current ? 'current' : 'upcoming'; });
  return steps;
}

// ---- text -------------------------------------------------------------------------------------

/** `m:ss` (or `h:mm:ss`) of a duration, rounded down to the second (one helper in `./format`, shared with the webview). */
export { formatClock };

/** A countdown's `m:ss`: rounded up to the second, so "0:00 left" means the time is up and any overrun reads at least "+0:01". */
export function formatCountdown(ms: number): string {
  return formatClock(Math.ceil(Math.max(0, ms) / 1000) * 1000);
}

/** Whole minutes of a duration, rounded to the nearest minute, for reports. */
export function roundMinutes(ms: number): number {
  return Math.round(ms / MINUTE);
}

/** "1 minute", "3 minutes". */
export function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/**
 * A time left in words, to the second (rounded up, as the clocks are): "30 seconds", "1 minute",
 * "1 minute 30 seconds", "2 minutes". Capitalised by the caller where it starts a sentence.
 */
export function durationWords(ms: number): string {
  const total = Math.ceil(Math.max(0, ms) / 1000);
  const m = Math.floor(total / 60);
  const sec = total % 60;
  if (!m) return plural(sec, 'second');
  return sec ? `${plural(m, 'minute')} ${plural(sec, 'second')}` : plural(m, 'minute');
}

/** How long a finished interview took, for its messages: "after 1 minute", "after less than a minute". */
export function finishedMessage(elapsedMs: number): string {
  const m = roundMinutes(elapsedMs);
  return `Interview finished after ${m ? plural(m, 'minute') : 'less than a minute'}.`;
}

/** The status bar's words: "Requirements & Constraints 7:12 left", "… +1:05 over", "… paused". */
export function statusText(v: TimerView): string {
  const c = v.current;
  if (!c || v.status === 'idle') return 'Interview';
  if (v.status === 'finished') return `Interview finished ${formatClock(v.elapsedTotalMs)}`;
  const time = c.overrunMs > 0 ? `+${formatCountdown(c.overrunMs)} over` : `${formatCountdown(c.remainingMs)} left`;
  return `${c.title} ${time}${v.status === 'paused' ? ' (paused)' : ''}`;
}

/** What a screen reader says on a phase change or a pause. */
export function announcement(v: TimerView): string {
  const c = v.current;
  if (!c || v.status === 'idle') return 'No interview running.';
  if (v.status === 'finished') return finishedMessage(v.elapsedTotalMs);
  const phase = `Phase ${v.phaseIndex + 1} of ${v.phases.length}: ${c.title}`;
  const time = c.overrunMs > 0 ? `${plural(Math.ceil(c.overrunMs / MINUTE), 'minute')} over` : `${plural(Math.ceil(c.remainingMs / MINUTE), 'minute')} left`;
  return `${phase}, ${time}${v.status === 'paused' ? ', paused' : ''}.`;
}

/** A phase no time was spent in (not reached yet, or skipped by finishing early): its time reads "–", not 0. */
export function notRun(p: PhaseView): boolean {
  return p.actualMs === 0 && (p.state === 'upcoming' || p.state === 'skipped');
}

/** Actual against planned minutes per phase, as Markdown to insert into a feedback file ("–" for a phase not run). */
export function phaseTimesMarkdown(v: TimerView, problemTitle?: string): string {
  const lines = [`**Phase times${problemTitle ? ` (${problemTitle})` : ''}:** actual / planned minutes`];
  for (const p of v.phases) {
    const planned = p.minutes + p.extraMinutes;
    lines.push(`- ${p.title}: ${notRun(p) ? '–' : roundMinutes(p.actualMs)} / ${planned}${p.extraMinutes ? ` (extended by ${p.extraMinutes})` : ''}`);
  }
  lines.push(`- Total: ${roundMinutes(v.elapsedTotalMs)} / ${roundMinutes(v.plannedTotalMs)}`);
  return `${lines.join('\n')}\n`;
}

/** The phase times a reset would throw away, one line per phase with time spent, for the confirmation. */
export function phaseTimesSummary(v: TimerView): string {
  const lines = v.phases.filter((p) => !notRun(p)).map((p) => `${p.title}: ${formatClock(p.actualMs)} of ${p.minutes + p.extraMinutes} min`);
  lines.push(`Total: ${formatClock(v.elapsedTotalMs)} of ${roundMinutes(v.plannedTotalMs)} min`);
  return lines.join('\n');
}
