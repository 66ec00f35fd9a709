/**
 * The interview timer inside the guide panel. It only displays the state the host sends and posts
 * intents back; the host owns the timer. Between messages it moves the clock on by itself, once a
 * second, from the time the message arrived (by the page's monotonic clock, so a clock difference
 * between host and browser does not matter).
 */
import { escapeHtml } from '../src/core/escape';
import { formatClock, formatMinutes, planOriginText } from '../src/core/format';
import { timerDisplayState, type TimerDisplayState, type TimerIntentMessage } from '../src/protocol';
import type { AskedQuestions } from './notes';

type Intent = TimerIntentMessage['intent'];

/**
 * A deep-dive area's slot: its length and window in the phase. The host puts the edges on a
 * whole- or half-minute grid when the slots allow, shown in minutes ("2 min · 0–2"); a slot too
 * short for that reads in m:ss ("0:20 · 0:00–0:20").
 */
function slotTime(d: { startMs: number; endMs: number }): string {
  const len = d.endMs - d.startMs;
  if (d.startMs % 30_000 === 0 && d.endMs % 30_000 === 0) return `${len / 60_000} min · ${d.startMs / 60_000}–${d.endMs / 60_000}`;
  return `${formatClock(len)} · ${formatClock(d.startMs)}–${formatClock(d.endMs)}`;
}

interface Button { intent: Intent; icon: string; label: string; title: string; minutes?: number; primary?: boolean; disabled?: boolean }

function buttons(s: TimerDisplayState): Button[] {
  const active = s.status === 'running' || s.status === 'paused';
  const out: Button[] = [];
  if (s.status === 'idle') out.push({ intent: 'start', icon: 'play', label: 'Start Interview', title: 'Start an interview with the problem shown (or pick one)', primary: true });
  if (active) {
    // In phase 1 there is nothing to go back to (the palette hides Previous Phase there too).
    out.push(s.phaseIndex > 0
      ? { intent: 'previous', icon: 'arrow-left', label: 'Previous', title: 'Previous phase' }
      : { intent: 'previous', icon: 'arrow-left', label: 'Previous', title: 'This is the first phase', disabled: true });
    out.push(s.status === 'running'
      ? { intent: 'pauseResume', icon: 'debug-pause', label: 'Pause', title: 'Pause the timer', primary: true }
      : { intent: 'pauseResume', icon: 'play', label: 'Resume', title: 'Resume the timer', primary: true });
    out.push({ intent: 'next', icon: 'arrow-right', label: 'Next Phase', title: 'Go on to the next phase' });
    out.push({ intent: 'extend', icon: 'add', label: '+5 min', title: 'Give the current phase 5 more minutes', minutes: 5 });
    out.push({ intent: 'finish', icon: 'check', label: 'Finish', title: 'Finish the interview' });
  }
  if (s.status === 'finished') {
    out.push({ intent: 'newFeedback', icon: 'new-file', label: 'New Feedback', title: 'Write feedback for this interview', primary: true });
    out.push({ intent: 'start', icon: 'play', label: 'New Interview', title: 'Start another interview' });
  }
  if (s.status !== 'idle') {
    out.push({ intent: 'insertTimes', icon: 'list-ordered', label: 'Insert Times', title: 'Write the actual minutes per phase into the editor beside the panel' });
    out.push({ intent: 'reset', icon: 'discard', label: 'Reset', title: 'Reset the timer' });
  }
  return out;
}

/** The notes parts the timer hosts: the note field (kept across renders) and the asked actions of its questions. */
export interface TimerNotes {
  field: { element: HTMLElement; setVisible(visible: boolean): void };
  asked: AskedQuestions;
}

/**
 * Mounts the timer into `root`; `update` takes each `timerState` message's `state` (validated here).
 * The note field sits between the controls and the details, outside what `render` rewrites.
 */
export function mountTimer(root: HTMLElement, post: (msg: TimerIntentMessage) => void, notes: TimerNotes): { update(state: unknown): TimerDisplayState | undefined } {
  let state: TimerDisplayState | undefined;
  let receivedAt = 0;
  let lastAnnounced = '';
  let moreOpen = true;
  root.classList.add('timer');

  const live = document.createElement('div');
  live.className = 'timer-live visually-hidden';
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('aria-atomic', 'true');
  // `render` rewrites `top` (heading, progress, controls) and `rest` (phases, deep dive, guidance); never the note field between them.
  const top = document.createElement('div');
  const rest = document.createElement('div');
  root.append(top, notes.field.element, rest, live);

  root.addEventListener('click', (e) => {
    const b = (e.target as Element | null)?.closest<HTMLButtonElement>('button[data-intent]');
    if (!b || b.disabled) return;
    const m = b.dataset.minutes ? Number(b.dataset.minutes) : undefined;
    post({ type: 'timerIntent', intent: b.dataset.intent as Intent, ...(m ? { minutes: m } : {}) });
  });

  /** Time spent in the current phase, moved on locally while running. */
  const currentElapsed = (s: TimerDisplayState) => {
    const cur = s.phases[s.phaseIndex];
    if (!cur) return 0;
    return cur.actualMs + (s.status === 'running' ? performance.now() - receivedAt : 0);
  };

  function render(): void {
    const s = state;
    if (!s) return;
    const focused = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('#timer [data-intent]')?.dataset.intent;
    const focusedQuestion = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('#timer button.asked-button')?.dataset.question;
    root.dataset.status = s.status;
    notes.field.setVisible(s.status !== 'idle');
    if (s.status === 'idle') {
      rest.innerHTML = '';
      top.innerHTML = `<div class="timer-idle"><span class="codicon codicon-watch" aria-hidden="true"></span>
        <span>No interview running. The timer follows <em>${escapeHtml(s.planTitle)}</em>: ${escapeHtml(planOriginText(s.planSource))}.</span>
        ${controls(s)}</div>${planError(s)}`;
    } else {
      const cur = s.phases[s.phaseIndex];
      top.innerHTML = `
        <div class="timer-head">
          <div class="timer-heading">
            <span class="timer-problem">${escapeHtml(s.problemTitle ?? 'Interview')}</span>
            <span class="timer-plan">${escapeHtml(s.planTitle)}${s.status === 'paused' ? ' · <strong>paused</strong>' : s.status === 'finished' ? ' · <strong>finished</strong>' : ''}</span>
            ${s.focus?.length ? `<span class="timer-focus"><span class="codicon codicon-target" aria-hidden="true"></span> Focus: ${escapeHtml(s.focus.join(', '))}</span>` : ''}
          </div>
          <div class="timer-now" role="timer" aria-live="off">
            <span class="timer-phase-title">${s.status === 'finished' ? 'Total' : `${s.phaseIndex + 1}/${s.phases.length} ${escapeHtml(cur?.title ?? '')}`}</span>
            <span class="timer-clock" data-clock></span>
          </div>
        </div>
        <div class="timer-progress" role="progressbar" aria-label="Interview progress" aria-valuemin="0" aria-valuemax="100" data-progress>
          ${s.phases.map((p, i) => `<div class="timer-seg ${p.state}" style="flex-grow:${p.plannedMs}" data-seg="${i}" title="${escapeHtml(p.title)}"><div class="timer-fill"></div></div>`).join('')}
        </div>
        ${controls(s)}`;
      rest.innerHTML = `
        <details class="timer-more"${moreOpen ? ' open' : ''}><summary>Phases, deep-dive areas and guidance</summary>
        <table class="timer-phases">
          <caption class="visually-hidden">Phases: planned and actual minutes</caption>
          <thead><tr><th scope="col">Phase</th><th scope="col" class="num">Planned</th><th scope="col" class="num">Actual</th></tr></thead>
          <tbody>${s.phases.map((p, i) => `<tr class="${p.state}"${p.state === 'current' && s.status !== 'finished' ? ' aria-current="step"' : ''}>
            <th scope="row"><span class="codicon codicon-${p.state === 'current' && s.status !== 'finished' ? 'arrow-right' : p.state === 'done' ? 'pass' : p.state === 'skipped' ? 'circle-slash' : 'circle-large-outline'}" aria-hidden="true"></span> ${escapeHtml(p.title)}${p.state === 'skipped' ? ' <span class="visually-hidden">(not run)</span>' : ''}</th>
            <td class="num">${formatMinutes(p.plannedMs)} min${p.extraMinutes ? ` <span class="timer-extra">(+${formatMinutes(p.extraMinutes * 60_000)})</span>` : ''}</td>
            <td class="num" data-actual="${i}"></td></tr>`).join('')}
          </tbody>
        </table>
        ${deepDive(s)}
        ${guidance(s)}
        </details>
        ${planError(s)}`;
      rest.querySelector('details.timer-more')?.addEventListener('toggle', (e) => { moreOpen = (e.target as HTMLDetailsElement).open; });
    }
    // The deep-dive points, and question lists in the guidance, get their "asked" actions.
    rest.querySelectorAll<HTMLElement>('.timer-deepdive li[data-step] > ul > li').forEach((li) => notes.asked.decorateItem(li));
    rest.querySelectorAll<HTMLElement>('.timer-guidance-body').forEach((g) => notes.asked.decorateLists(g));
    if (focused) top.querySelector<HTMLElement>(`[data-intent="${focused}"]`)?.focus();
    if (focusedQuestion !== undefined) Array.from(rest.querySelectorAll<HTMLElement>('button.asked-button')).find((b) => b.dataset.question === focusedQuestion)?.focus();
    tick();
  }

  function controls(s: TimerDisplayState): string {
    return `<div class="timer-controls" role="toolbar" aria-label="Timer controls">${buttons(s).map((b) =>
      `<button type="button" class="${b.primary ? 'primary' : 'secondary'}" data-intent="${b.intent}"${b.minutes ? ` data-minutes="${b.minutes}"` : ''}${b.disabled ? ' disabled' : ''} title="${escapeHtml(b.title)}">` +
      `<span class="codicon codicon-${b.icon}" aria-hidden="true"></span> ${escapeHtml(b.label)}</button>`).join('')}</div>`;
  }

  function planError(s: TimerDisplayState): string {
    return s.planError ? `<p class="timer-plan-error"><span class="codicon codicon-warning" aria-hidden="true"></span> ${s.planSource === 'kit' ? "The kit's" : "The guide's"} plan is used: ${escapeHtml(s.planError)}</p>` : '';
  }

  function deepDive(s: TimerDisplayState): string {
    if (!s.deepDive.length || s.status === 'finished') return '';
    return `<div class="timer-deepdive"><h3>Deep-dive areas</h3><ol>${s.deepDive.map((d, i) => `
      <li data-step="${i}"><div class="timer-step-head"><span class="timer-step-title">${escapeHtml(d.title)}</span>
        <span class="timer-step-time">${slotTime(d)}</span></div>
        <ul>${d.points.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul></li>`).join('')}</ol></div>`;
  }

  function guidance(s: TimerDisplayState): string {
    if (!s.guidance.length || s.status === 'finished') return '';
    return `<div class="timer-guidance"><h3>What to look for</h3>${s.guidance.map((g) =>
      `<details open><summary>${escapeHtml(g.title)} <a href="${escapeHtml(g.anchor)}" class="timer-open" title="Open in the guide">open</a></summary><div class="timer-guidance-body">${g.html}</div></details>`).join('')}</div>`;
  }

  /** Moves the displayed times on; touches text and widths only, so focus and scroll stay put. */
  function tick(): void {
    const s = state;
    if (!s || s.status === 'idle') return;
    const elapsed = currentElapsed(s);
    const cur = s.phases[s.phaseIndex];
    const clockEl = root.querySelector<HTMLElement>('[data-clock]');
    let total = 0;
    let planned = 0;
    s.phases.forEach((p, i) => {
      const actual = i === s.phaseIndex ? elapsed : p.actualMs;
      total += actual;
      planned += p.plannedMs;
      const cell = root.querySelector<HTMLElement>(`[data-actual="${i}"]`);
      if (cell) {
        // A phase no time was spent in (not reached, or skipped by finishing early) reads "–", not 0:00.
        cell.textContent = actual === 0 && (p.state === 'upcoming' || p.state === 'skipped') ? '–' : formatClock(actual);
        cell.classList.toggle('over', actual > p.plannedMs);
      }
      const fill = root.querySelector<HTMLElement>(`[data-seg="${i}"] .timer-fill`);
      if (fill) {
        fill.style.width = `${Math.min(100, (actual / p.plannedMs) * 100)}%`;
        fill.parentElement!.classList.toggle('over', actual > p.plannedMs);
      }
    });
    const bar = root.querySelector<HTMLElement>('[data-progress]');
    if (bar) {
      const pct = planned ? Math.min(100, Math.round((total / planned) * 100)) : 0;
      bar.setAttribute('aria-valuenow', String(pct));
      bar.setAttribute('aria-valuetext', `${formatClock(total)} of ${formatClock(planned)}`);
    }
    if (clockEl && cur) {
      if (s.status === 'finished') {
        clockEl.textContent = `${formatClock(total)} of ${formatClock(planned)}`;
        root.dataset.time = 'finished';
      } else {
        const left = cur.plannedMs - elapsed;
        // Rounded up, as the status bar does: "0:00 left" only once the time is up, any overrun at least "+0:01".
        const up = (ms: number) => formatClock(Math.ceil(ms / 1000) * 1000);
        clockEl.textContent = left >= 0 ? `${up(left)} left` : `+${up(-left)} over`;
        root.dataset.time = left < 0 ? 'over' : left <= s.warningMs ? 'warning' : 'ok';
      }
    }
    // The current deep-dive area follows the time spent in the phase (the last stays current once past).
    const found = s.deepDive.findIndex((d) => elapsed < d.endMs);
    const at = found < 0 ? s.deepDive.length - 1 : found;
    root.querySelectorAll<HTMLElement>('[data-step]').forEach((li) => {
      const i = Number(li.dataset.step);
      li.className = i < at ? 'done' : i === at ? 'current' : 'upcoming';
      if (i === at) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
  }

  setInterval(tick, 500);

  return {
    update(raw: unknown): TimerDisplayState | undefined {
      const parsed = timerDisplayState.safeParse(raw);
      if (!parsed.success) return undefined; // never display what we cannot trust
      const previous = state;
      state = parsed.data;
      receivedAt = performance.now();
      render();
      // Phase changes, pauses and the end are announced; the clock moving on is not.
      const key = `${state.status}:${state.phaseIndex}:${state.problemId ?? ''}`;
      if (previous && key !== lastAnnounced) live.textContent = state.announcement;
      lastAnnounced = key;
      return state;
    },
  };
}
