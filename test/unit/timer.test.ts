import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { phasesFileSchema, problemsFileSchema, type PhasePlan } from '../../src/core/content';
import {
  advancedAlert, alertMessage, announcement, autoAdvance, deepDiveSteps, dueAlerts, durationWords, extendPhase, finish, finishedMessage,
  formatClock, guidePlan, idleState, markAlerted, nextPhase, observe, pause, phaseTimesMarkdown, phaseTimesSummary, previousPhase, reset,
  resolvePlan, restoreTimer, resume, start, statusText, togglePause, undoReset, view, type TimerState,
} from '../../src/core/timer';

const MIN = 60_000;
const SEC = 1000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const contentDir = path.join(__dirname, '../../../content');
const guide: PhasePlan = phasesFileSchema.parse(JSON.parse(fs.readFileSync(path.join(contentDir, 'phases.json'), 'utf8')));
const problems = problemsFileSchema.parse(JSON.parse(fs.readFileSync(path.join(contentDir, 'problems.json'), 'utf8'))).problems;

/** A fake clock: the test moves time; the timer only ever sees the numbers it is given. */
class Clock {
  constructor(public t = T0) {}
  advance(ms: number): number { return (this.t += ms); }
  set(t: number): number { return (this.t = t); }
}

/** Persists and restores as the extension does: through JSON (workspaceState stores JSON). */
function reload(s: TimerState, now: number): TimerState {
  const r = restoreTimer(JSON.parse(JSON.stringify(s)), now);
  assert.strictEqual(r.error, undefined);
  return r.state;
}

describe('timer: the guide plan', () => {
  it('comes from content/phases.json: the guide\'s 60-minute structure', () => {
    const p = guidePlan(guide);
    assert.deepStrictEqual(p.phases.map((x) => [x.title, x.minutes]), [
      ['Problem Introduction', 5], ['Requirements & Constraints', 10], ['High-Level Architecture', 15],
      ['Deep Dive & Scaling', 25], ['Wrap-up & Advanced Topics', 5],
    ]);
    assert.strictEqual(p.phases.filter((x) => x.deepDive).length, 1);
    assert.strictEqual(view(start(p, T0), T0).plannedTotalMs, 60 * MIN);
  });
});

describe('timer: state machine with a fake clock', () => {
  const plan = guidePlan(guide);

  it('starts idle, then runs the first phase', () => {
    const c = new Clock();
    assert.strictEqual(view(idleState(), c.t).status, 'idle');
    assert.strictEqual(statusText(view(idleState(), c.t)), 'Interview');
    let s = start(plan, c.t, 'global-social-media-feed');
    c.advance(2 * MIN + 30 * SEC);
    const v = view(s, c.t);
    assert.strictEqual(v.status, 'running');
    assert.strictEqual(v.current?.title, 'Problem Introduction');
    assert.strictEqual(v.current?.elapsedMs, 150 * SEC);
    assert.strictEqual(v.current?.remainingMs, 150 * SEC);
    assert.strictEqual(statusText(v), 'Problem Introduction 2:30 left');
    s = nextPhase(s, c.t);
    assert.strictEqual(view(s, c.t).current?.title, 'Requirements & Constraints');
    assert.strictEqual(view(s, c.t).phases[0].actualMs, 150 * SEC);
    assert.strictEqual(view(s, c.t).phases[0].state, 'done');
  });

  it('derives time from timestamps: reading a thousand times changes nothing, and no time is lost between readings', () => {
    const c = new Clock();
    const s = start(plan, c.t);
    for (let i = 0; i < 1000; i++) view(s, c.advance(999));
    assert.strictEqual(view(s, c.t).current?.elapsedMs, 999_000);
  });

  it('pause stops the clock and resume goes on where it stopped', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    c.advance(1 * MIN);
    s = pause(s, c.t);
    assert.strictEqual(view(s, c.t).status, 'paused');
    c.advance(10 * MIN);
    assert.strictEqual(view(s, c.t).current?.elapsedMs, 1 * MIN, 'time ran while paused');
    assert.strictEqual(statusText(view(s, c.t)), 'Problem Introduction 4:00 left (paused)');
    s = resume(s, c.t);
    c.advance(30 * SEC);
    assert.strictEqual(view(s, c.t).current?.elapsedMs, 90 * SEC);
    s = togglePause(s, c.t);
    assert.strictEqual(s.status, 'paused');
    s = togglePause(s, c.t);
    assert.strictEqual(s.status, 'running');
    assert.strictEqual(pause(pause(s, c.t), c.t).status, 'paused');
  });

  it('shows the overrun once a phase is past its time', () => {
    const c = new Clock();
    const s = start(plan, c.t);
    c.advance(6 * MIN + 5 * SEC);
    const v = view(s, c.t);
    assert.strictEqual(v.current?.remainingMs, 0);
    assert.strictEqual(v.current?.overrunMs, 65 * SEC);
    assert.strictEqual(statusText(v), 'Problem Introduction +1:05 over');
    assert.match(announcement(v), /Phase 1 of 5: Problem Introduction, 2 minutes over/);
  });

  it('extend adds minutes to the current phase only', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    c.advance(6 * MIN);
    s = extendPhase(s, 5, c.t);
    const v = view(s, c.t);
    assert.strictEqual(v.current?.plannedMs, 10 * MIN);
    assert.strictEqual(v.current?.remainingMs, 4 * MIN);
    assert.strictEqual(v.current?.overrunMs, 0);
    assert.strictEqual(v.plannedTotalMs, 65 * MIN);
    assert.strictEqual(v.phases[1].plannedMs, 10 * MIN);
    assert.strictEqual(extendPhase(s, -3, c.t).phases[0].extraMinutes, 5, 'a negative extension was accepted');
    assert.strictEqual(extendPhase(s, Number.NaN, c.t).phases[0].extraMinutes, 5);
    assert.strictEqual(extendPhase(idleState(), 5, c.t).status, 'idle');
  });

  it('next at the last phase and previous at the first change nothing', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    assert.strictEqual(previousPhase(s, c.advance(SEC)).phaseIndex, 0);
    for (let i = 0; i < 10; i++) s = nextPhase(s, c.advance(MIN));
    assert.strictEqual(s.phaseIndex, 4);
    assert.strictEqual(view(s, c.t).current?.title, 'Wrap-up & Advanced Topics');
    assert.strictEqual(view(s, c.advance(MIN)).current?.elapsedMs, 7 * MIN, 'the presses at the last phase lost time');
  });

  it('going back keeps each phase\'s time where it was spent', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = nextPhase(s, c.advance(5 * MIN));
    s = nextPhase(s, c.advance(8 * MIN));
    s = previousPhase(s, c.advance(3 * MIN));
    c.advance(2 * MIN);
    const v = view(s, c.t);
    assert.strictEqual(v.current?.title, 'Requirements & Constraints');
    assert.deepStrictEqual(v.phases.map((p) => p.actualMs / MIN), [5, 10, 3, 0, 0]);
    assert.strictEqual(v.phases[2].state, 'done');
    assert.strictEqual(v.elapsedTotalMs, 18 * MIN);
    assert.strictEqual(v.progress, 18 / 60);
  });

  it('next and previous while paused stay paused and add no time', () => {
    const c = new Clock();
    let s = pause(start(plan, c.t), c.advance(MIN));
    s = nextPhase(s, c.advance(MIN));
    assert.strictEqual(s.status, 'paused');
    c.advance(5 * MIN);
    assert.deepStrictEqual(view(s, c.t).phases.map((p) => p.actualMs / MIN), [1, 0, 0, 0, 0]);
  });

  it('finish keeps the times; reset forgets them; a finished timer ignores further moves', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = nextPhase(s, c.advance(4 * MIN));
    s = finish(s, c.advance(12 * MIN));
    c.advance(30 * MIN);
    const v = view(s, c.t);
    assert.strictEqual(v.status, 'finished');
    assert.strictEqual(v.elapsedTotalMs, 16 * MIN);
    assert.deepStrictEqual(v.phases.map((p) => p.state), ['done', 'done', 'skipped', 'skipped', 'skipped']);
    assert.strictEqual(statusText(v), 'Interview finished 16:00');
    assert.strictEqual(nextPhase(s, c.t).phaseIndex, 1);
    assert.strictEqual(resume(s, c.t).status, 'finished');
    assert.strictEqual(reset(s, c.t).status, 'idle');
    assert.deepStrictEqual(view(reset(s, c.t), c.t).phases, []);
  });

  it('writes actual against planned minutes for the feedback file', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = nextPhase(s, c.advance(6 * MIN + 20 * SEC));
    s = extendPhase(s, 3, c.t);
    s = finish(s, c.advance(12 * MIN + 40 * SEC));
    assert.strictEqual(phaseTimesMarkdown(view(s, c.t), 'Design a Global Social Media Feed'), [
      '**Phase times (Design a Global Social Media Feed):** actual / planned minutes',
      '- Problem Introduction: 6 / 5',
      '- Requirements & Constraints: 13 / 13 (extended by 3)',
      '- High-Level Architecture: – / 15',
      '- Deep Dive & Scaling: – / 25',
      '- Wrap-up & Advanced Topics: – / 5',
      '- Total: 19 / 63',
      '',
    ].join('\n'));
  });

  it('counts down in whole seconds rounded up, so the status bar and panel agree at the boundary', () => {
    const c = new Clock();
    const s = start(plan, c.t);
    assert.strictEqual(statusText(view(s, c.advance(5 * MIN - 400))), 'Problem Introduction 0:01 left');
    assert.strictEqual(statusText(view(s, c.advance(400))), 'Problem Introduction 0:00 left');
    assert.strictEqual(statusText(view(s, c.advance(1))), 'Problem Introduction +0:01 over');
  });

  it('formats clocks', () => {
    assert.strictEqual(formatClock(0), '0:00');
    assert.strictEqual(formatClock(59_999), '0:59');
    assert.strictEqual(formatClock(25 * MIN), '25:00');
    assert.strictEqual(formatClock(61 * MIN + 1000), '1:01:01');
    assert.strictEqual(formatClock(-5), '0:00');
  });
});

describe('timer: a clock that jumps', () => {
  const plan = guidePlan(guide);

  it('a backward jump never makes time run backwards, and counting goes on from the new clock', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = observe(s, c.advance(3 * MIN));
    assert.strictEqual(view(s, c.t).current?.elapsedMs, 3 * MIN);
    c.advance(-60 * MIN); // the system clock is set back an hour
    assert.strictEqual(view(s, c.t).current?.elapsedMs, 3 * MIN, 'the reading went backwards');
    s = observe(s, c.t);
    c.advance(30 * SEC);
    assert.strictEqual(view(s, c.t).current?.elapsedMs, 3 * MIN + 30 * SEC);
    s = nextPhase(s, c.t);
    assert.strictEqual(view(s, c.t).phases[0].actualMs, 3 * MIN + 30 * SEC);
    assert.strictEqual(view(s, c.advance(MIN)).current?.elapsedMs, MIN);
  });

  it('a transition made while the clock is behind counts no negative time', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = observe(s, c.advance(2 * MIN));
    s = pause(s, c.advance(-10 * MIN));
    assert.strictEqual(view(s, c.t).phases[0].actualMs, 2 * MIN);
    s = resume(s, c.t);
    assert.strictEqual(view(s, c.advance(MIN)).current?.elapsedMs, 3 * MIN);
    s = observe(s, c.t); // the extension observes the clock every second
    s = finish(s, c.advance(-30 * MIN));
    assert.strictEqual(view(s, c.t).elapsedTotalMs, 3 * MIN);
    assert.ok(view(s, c.t).phases.every((p) => p.actualMs >= 0));
  });

  it('a forward jump counts as time that passed (it cannot be told from a closed window)', () => {
    const c = new Clock();
    const s = start(plan, c.t);
    c.advance(2 * 60 * MIN);
    assert.strictEqual(view(s, c.t).current?.overrunMs, 115 * MIN);
  });
});

describe('timer: persistence', () => {
  const plan = guidePlan(guide);

  it('restores a running timer after a simulated reload, with the time that passed while closed', () => {
    const c = new Clock();
    let s = start(plan, c.t, 'distributed-payment-processing');
    s = nextPhase(s, c.advance(5 * MIN));
    s = extendPhase(s, 2, c.advance(MIN));
    c.advance(20 * SEC); // the window reloads
    const restored = reload(s, c.t);
    assert.deepStrictEqual(view(restored, c.t), view(s, c.t));
    c.advance(MIN);
    const v = view(restored, c.t);
    assert.strictEqual(v.problemId, 'distributed-payment-processing');
    assert.strictEqual(v.current?.title, 'Requirements & Constraints');
    assert.strictEqual(v.current?.elapsedMs, 2 * MIN + 20 * SEC);
    assert.strictEqual(v.current?.plannedMs, 12 * MIN);
  });

  it('restores a paused timer without counting the time it was closed', () => {
    const c = new Clock();
    const s = pause(start(plan, c.t), c.advance(4 * MIN));
    const restored = reload(s, c.advance(60 * MIN));
    assert.strictEqual(view(restored, c.t).current?.elapsedMs, 4 * MIN);
    assert.strictEqual(restored.status, 'paused');
  });

  it('a missing state is idle; a corrupt one is idle with the reason, and never throws', () => {
    assert.strictEqual(restoreTimer(undefined).state.status, 'idle');
    assert.strictEqual(restoreTimer(undefined).error, undefined);
    const good = start(plan, T0);
    const corrupt: unknown[] = [
      42, 'running', [], {}, { version: 2 },
      { ...good, status: 'sprinting' },
      { ...good, phaseIndex: 9 },
      { ...good, phases: [] },
      { ...good, segmentStart: undefined },
      { ...good, plan: [{ id: 'x', title: '', minutes: -1 }] },
      { ...good, phases: good.phases.map(() => ({ actualMs: -5, extraMinutes: 0 })) },
    ];
    for (const raw of corrupt) {
      const r = restoreTimer(raw, T0);
      assert.strictEqual(r.state.status, 'idle', `accepted ${JSON.stringify(raw)}`);
      assert.ok(r.error && r.error.length > 0, `no reason for ${JSON.stringify(raw)}`);
      assert.doesNotThrow(() => view(r.state, T0));
    }
  });
});

describe('timer: auto-advance and notifications', () => {
  const plan = guidePlan(guide);

  it('auto-advance moves on at the moment each phase ran out, however late it is called', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = autoAdvance(s, c.advance(4 * MIN));
    assert.strictEqual(s.phaseIndex, 0);
    s = autoAdvance(s, c.advance(13 * MIN)); // 17 minutes in: introduction (5) and requirements (10) are over
    assert.strictEqual(s.phaseIndex, 2);
    const v = view(s, c.t);
    assert.deepStrictEqual(v.phases.map((p) => p.actualMs / MIN), [5, 10, 2, 0, 0]);
    s = autoAdvance(s, c.advance(200 * MIN));
    assert.strictEqual(s.phaseIndex, 4, 'the last phase was left');
    assert.strictEqual(view(s, c.t).current?.overrunMs, (217 - 55 - 5) * MIN);
  });

  it('auto-advance leaves alone a phase gone back to after it ran out, and a paused timer', () => {
    const c = new Clock();
    let s = autoAdvance(start(plan, c.t), c.advance(6 * MIN));
    s = previousPhase(s, c.advance(MIN));
    assert.strictEqual(autoAdvance(s, c.advance(MIN)).phaseIndex, 0);
    const paused = pause(start(plan, c.t), c.t);
    assert.strictEqual(autoAdvance(paused, c.advance(60 * MIN)).phaseIndex, 0);
  });

  it('warns the lead time before a phase ends and when it ends, each once', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = nextPhase(s, c.t); // requirements, 10 minutes
    assert.deepStrictEqual(dueAlerts(s, c.advance(7 * MIN), 2), []);
    let due = dueAlerts(s, c.advance(90 * SEC), 2);
    assert.deepStrictEqual(due.map((a) => [a.kind, a.title, a.minutesLeft]), [['warning', 'Requirements & Constraints', 2]]);
    s = markAlerted(s, due);
    assert.deepStrictEqual(dueAlerts(s, c.advance(SEC), 2), []);
    due = dueAlerts(s, c.advance(2 * MIN), 2);
    assert.deepStrictEqual(due.map((a) => a.kind), ['ended']);
    s = markAlerted(s, due);
    assert.deepStrictEqual(dueAlerts(s, c.advance(MIN), 2), []);
    // extending arms them again
    s = extendPhase(s, 5, c.t);
    assert.deepStrictEqual(dueAlerts(s, c.t, 2), []);
    assert.deepStrictEqual(dueAlerts(s, c.advance(3 * MIN), 2).map((a) => a.kind), ['warning']);
    // the alerts already shown survive a reload
    assert.deepStrictEqual(reload(s, c.t).alerted, s.alerted);
  });

  it('gives only "ended" when both are due, no warning when the lead time is the whole phase, none when paused', () => {
    const c = new Clock();
    const s = start(plan, c.t);
    assert.deepStrictEqual(dueAlerts(s, c.advance(10 * MIN), 2).map((a) => a.kind), ['ended']);
    assert.deepStrictEqual(dueAlerts(start(plan, c.t), c.advance(MIN), 5), []);
    assert.deepStrictEqual(dueAlerts(pause(s, c.t), c.advance(MIN), 2), []);
  });
});

describe('timer: the plan from the settings', () => {
  const exists = (ref: string) => ref.startsWith('Interview Approach');

  it('an empty or missing setting means the guide\'s plan', () => {
    for (const setting of [undefined, null, []]) {
      const r = resolvePlan(setting, guide);
      assert.strictEqual(r.error, undefined);
      assert.strictEqual(r.plan.source, 'guide');
      assert.strictEqual(r.plan.phases.length, 5);
    }
  });

  it('a 45-minute plan replaces it; ids known to the guide keep its guidance and deep dive', () => {
    const r = resolvePlan([
      { id: 'introduction', title: 'Intro', minutes: 3 },
      { id: 'requirements', title: 'Requirements', minutes: 7 },
      { title: 'High-Level Design', minutes: 12, guidance: ['Interview Approach > Key Focus Areas', 'No > Such Section'] },
      { id: 'deep-dive', title: 'Deep Dive', minutes: 18 },
      { title: 'Wrap-up', minutes: 5 },
    ], guide, exists);
    assert.strictEqual(r.error, undefined);
    assert.strictEqual(r.plan.source, 'settings');
    assert.strictEqual(r.plan.title, '45-minute plan (settings)');
    assert.deepStrictEqual(r.plan.phases.map((p) => p.id), ['introduction', 'requirements', 'high-level-design', 'deep-dive', 'wrap-up']);
    assert.deepStrictEqual(r.plan.phases[0].guidance, ['Interview Approach > Interviewer Mindset']);
    assert.deepStrictEqual(r.plan.phases[2].guidance, ['Interview Approach > Key Focus Areas']);
    assert.strictEqual(r.plan.phases[3].deepDive, true);
    assert.strictEqual(view(start(r.plan, T0), T0).plannedTotalMs, 45 * MIN);
  });

  it('a bad plan falls back to the guide\'s with a message naming each problem', () => {
    const cases: [unknown, RegExp][] = [
      ['60 minutes', /sdi\.timer\.phases: must be a list of phases/],
      [[{ title: 'Intro', minutes: 0 }], /sdi\.timer\.phases\[0\]\.minutes: must be a positive number of minutes/],
      [[{ title: '', minutes: 5 }], /sdi\.timer\.phases\[0\]\.title: must not be empty/],
      [[{ title: 'A', minutes: 5 }, { title: 'B', minutes: '10' }], /sdi\.timer\.phases\[1\]\.minutes/],
      [[{ title: 'A', minutes: 5, deepDive: true }, { title: 'B', minutes: 5, deepDive: true }], /at most one phase can be the deep dive/],
      [[{ title: 'Same', minutes: 5 }, { title: 'same', minutes: 5 }], /"same" is used by more than one phase/],
      [[{ title: 'A', minutes: 5, colour: 'red' }], /sdi\.timer\.phases\[0\]/],
    ];
    for (const [setting, message] of cases) {
      const r = resolvePlan(setting, guide);
      assert.strictEqual(r.plan.source, 'guide', JSON.stringify(setting));
      assert.strictEqual(r.plan.phases.length, 5);
      assert.match(r.error ?? '', message);
    }
  });
});

describe('timer: deep-dive sub-steps', () => {
  const feed = problems.find((p) => p.id === 'global-social-media-feed')!;

  it('lays the problem\'s areas over the 25-minute deep dive with their minutes and discussion points', () => {
    const steps = deepDiveSteps(feed.deepDives, 25 * MIN, 0);
    assert.deepStrictEqual(steps.map((s) => [s.title, s.minutes, s.startMs / MIN, s.endMs / MIN]), [
      ['Feed Generation Strategies', 10, 0, 10], ['Data Sharding Strategy', 8, 10, 18], ['Consistency and Availability', 7, 18, 25],
    ]);
    assert.ok(steps[0].points.includes('How to handle celebrities with millions of followers'));
    assert.deepStrictEqual(steps.map((s) => s.state), ['current', 'upcoming', 'upcoming']);
  });

  it('picks the current area by the time spent in the phase', () => {
    assert.deepStrictEqual(deepDiveSteps(feed.deepDives, 25 * MIN, 12 * MIN).map((s) => s.state), ['done', 'current', 'upcoming']);
    assert.deepStrictEqual(deepDiveSteps(feed.deepDives, 25 * MIN, 18 * MIN).map((s) => s.state), ['done', 'done', 'current']);
    assert.deepStrictEqual(deepDiveSteps(feed.deepDives, 25 * MIN, 40 * MIN).map((s) => s.state), ['done', 'done', 'current']);
  });

  it('shrinks the slots in proportion when the phase is shorter (a 45-minute plan), keeps them when longer', () => {
    const short = deepDiveSteps(feed.deepDives, 20 * MIN, 0);
    assert.deepStrictEqual(short.map((s) => s.endMs / MIN), [8, 14, 20]);
    assert.deepStrictEqual(short.map((s) => s.minutes), [10, 8, 7]);
    assert.deepStrictEqual(deepDiveSteps(feed.deepDives, 30 * MIN, 0).map((s) => s.endMs / MIN), [10, 18, 25]);
  });

  it('a problem without areas has no sub-steps', () => {
    assert.deepStrictEqual(deepDiveSteps(problems.find((p) => p.id === 'real-time-analytics-platform')!.deepDives, 25 * MIN, 0), []);
  });
});

describe('timer: issue 12 (what a new user trips over)', () => {
  const plan = guidePlan(guide);
  const feed = problems.find((p) => p.id === 'global-social-media-feed')!;

  it('1: a reset can be undone while the timer is still idle, with the time since the reset counted; not once a new interview started', () => {
    const c = new Clock();
    let s = start(plan, c.t, 'global-social-media-feed');
    s = nextPhase(s, c.advance(5 * MIN));
    const before = s;
    const idle = reset(s, c.advance(MIN));
    const back = undoReset(idle, before, c.advance(10 * SEC));
    assert.strictEqual(back.status, 'running');
    assert.strictEqual(back.problemId, 'global-social-media-feed');
    assert.deepStrictEqual(view(back, c.t).phases.map((p) => p.actualMs / SEC), [300, 70, 0, 0, 0]);
    const paused = pause(before, c.t);
    assert.strictEqual(view(undoReset(reset(paused, c.t), paused, c.advance(MIN)), c.t).current?.elapsedMs, 70 * SEC, 'a paused interview ran while reset');
    const other = start(plan, c.t, 'distributed-payment-processing');
    assert.strictEqual(undoReset(other, before, c.advance(SEC)).problemId, 'distributed-payment-processing', 'the undo replaced a new interview');
  });

  it('1: the reset confirmation lists the phase times it would lose', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = nextPhase(s, c.advance(4 * MIN + 30 * SEC));
    s = extendPhase(s, 2, c.advance(75 * SEC));
    assert.strictEqual(phaseTimesSummary(view(s, c.t)), [
      'Problem Introduction: 4:30 of 5 min',
      'Requirements & Constraints: 1:15 of 12 min',
      'Total: 5:45 of 62 min',
    ].join('\n'));
  });

  it('2: the last phase\'s alert says there is no next phase and offers Finish and Extend, with auto-advance or without', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    for (let i = 0; i < 4; i++) s = nextPhase(s, c.t);
    s = autoAdvance(s, c.advance(6 * MIN));
    const [ended] = dueAlerts(s, c.t, 2);
    assert.strictEqual(ended.kind, 'ended');
    assert.strictEqual(ended.last, true);
    const m = alertMessage(ended);
    assert.doesNotMatch(m.text, /Moving on/);
    assert.match(m.text, /^Time is up for "Wrap-up & Advanced Topics"\. It is the last phase: there is no next phase\./);
    assert.deepStrictEqual(m.actions.map((a) => [a.label, a.action]), [['Finish Interview', 'finish'], ['Extend 5 Minutes', 'extend']]);
    // a phase the timer left by itself says so; one that ended in place offers Next Phase
    const first = start(plan, c.t);
    assert.deepStrictEqual(alertMessage(advancedAlert(first, 0)), { text: 'Time is up for "Problem Introduction". Moving on to the next phase.', actions: [] });
    const [firstEnded] = dueAlerts(first, c.advance(5 * MIN), 2);
    assert.deepStrictEqual(alertMessage(firstEnded).actions.map((a) => a.action), ['next', 'extend']);
  });

  it('3: a fractional warning lead says the real time left', () => {
    const c = new Clock();
    const s = start(plan, c.t);
    const [half] = dueAlerts(s, c.advance(4 * MIN + 30 * SEC), 0.5);
    assert.strictEqual(alertMessage(half).text, '30 seconds left in "Problem Introduction".');
    const [oneAndHalf] = dueAlerts(s, c.set(T0 + 3 * MIN + 30 * SEC), 1.5);
    assert.strictEqual(alertMessage(oneAndHalf).text, '1 minute 30 seconds left in "Problem Introduction".');
    const [two] = dueAlerts(s, c.set(T0 + 3 * MIN), 2);
    assert.strictEqual(alertMessage(two).text, '2 minutes left in "Problem Introduction".');
    assert.deepStrictEqual([durationWords(1000), durationWords(59_001), durationWords(MIN), durationWords(61 * SEC)], ['1 second', '1 minute', '1 minute', '1 minute 1 second']);
  });

  it('5: one minute is "1 minute", in the finish message and the announcements', () => {
    assert.strictEqual(finishedMessage(MIN), 'Interview finished after 1 minute.');
    assert.strictEqual(finishedMessage(20 * SEC), 'Interview finished after less than a minute.');
    assert.strictEqual(finishedMessage(16 * MIN), 'Interview finished after 16 minutes.');
    const c = new Clock();
    let s = start(plan, c.t);
    assert.strictEqual(announcement(view(s, c.advance(4 * MIN + 10 * SEC))), 'Phase 1 of 5: Problem Introduction, 1 minute left.');
    assert.strictEqual(announcement(view(s, c.advance(50 * SEC + 1))), 'Phase 1 of 5: Problem Introduction, 1 minute over.');
    s = finish(s, c.advance(MIN));
    assert.strictEqual(announcement(view(s, c.t)), 'Interview finished after 6 minutes.');
  });

  it('5: a phase skipped by finishing early is not run: "skipped", and "–" in Insert Phase Times', () => {
    const c = new Clock();
    let s = start(plan, c.t);
    s = nextPhase(s, c.advance(5 * MIN));
    s = finish(s, c.advance(3 * MIN));
    const v = view(s, c.t);
    assert.deepStrictEqual(v.phases.map((p) => p.state), ['done', 'done', 'skipped', 'skipped', 'skipped']);
    assert.deepStrictEqual(phaseTimesMarkdown(v).split('\n').slice(1, 4), ['- Problem Introduction: 5 / 5', '- Requirements & Constraints: 3 / 10', '- High-Level Architecture: – / 15']);
    // while running, phases not reached yet read "–" too
    const running = view(start(plan, c.t), c.advance(MIN));
    assert.match(phaseTimesMarkdown(running), /^- Problem Introduction: 1 \/ 5$/m);
    assert.match(phaseTimesMarkdown(running), /^- Wrap-up & Advanced Topics: – \/ 5$/m);
  });

  it('5: with a short deep dive the areas get scaled whole minutes, as slot length and window alike', () => {
    // 10 + 8 + 7 guide minutes in a 4-minute deep dive
    const steps = deepDiveSteps(feed.deepDives, 4 * MIN, 0);
    assert.deepStrictEqual(steps.map((st) => [st.slotMinutes, st.startMs / MIN, st.endMs / MIN]), [[2, 0, 2], [1, 2, 3], [1, 3, 4]]);
    assert.deepStrictEqual(steps.map((st) => st.minutes), [10, 8, 7], 'the guide\'s minutes are kept');
    // too short for whole minutes: half minutes; shorter still: seconds. The slots always add up to the phase.
    assert.deepStrictEqual(deepDiveSteps(feed.deepDives, 2 * MIN, 0).map((st) => st.endMs / SEC), [60, 90, 120]);
    assert.deepStrictEqual(deepDiveSteps(feed.deepDives, MIN, 0).map((st) => st.endMs / SEC), [24, 43, 60]);
    assert.ok(deepDiveSteps(feed.deepDives, MIN, 0).every((st) => st.endMs > st.startMs));
    // not scaled: the guide's minutes
    assert.deepStrictEqual(deepDiveSteps(feed.deepDives, 25 * MIN, 0).map((st) => st.slotMinutes), [10, 8, 7]);
  });
});
