/**
 * New Loop's planner: from a candidate, a day and the interviewers, a loop that already passes the
 * checks: a problem each that the candidate has not had (none twice), and focus dimensions spread so
 * that every rubric dimension reaches `minCoverage`. Or why no such loop exists.
 */
import { isRealDate } from '../format';
import { normalizeKey, shownName } from '../personName';
import { earlierFeedback, loopSettings, type LoopKit } from './check';
import { MAX_LOOP_INTERVIEWS } from './read';
import type { LoopHistoryEntry, LoopPlan } from './types';

export interface LoopRequest {
  candidate: string;
  /** `YYYY-MM-DD`. */
  date: string;
  interviewers: readonly string[];
  /** The kit id to write into the file (omitted: the workspace's kit, else the built-in guide). */
  kitId?: string;
}

/** A planned loop (its file's text and its plan), or the reasons none can be planned. */
export type PlannedLoop = { plan: LoopPlan; text: string; problems?: undefined } | { problems: string[]; plan?: undefined };

/** Plans a loop for `request` with `kit`'s problems and rubric, avoiding the problems `history` shows the candidate had. */
export function planLoop(request: LoopRequest, kit: LoopKit, history: readonly LoopHistoryEntry[]): PlannedLoop {
  const problems: string[] = [];
  const candidate = shownName(request.candidate);
  const interviewers: string[] = [];
  for (const name of request.interviewers.map(shownName).filter(Boolean)) {
    if (!interviewers.some((i) => normalizeKey(i) === normalizeKey(name))) interviewers.push(name);
  }
  if (!candidate) problems.push('the candidate has no name');
  if (!isRealDate(request.date)) problems.push(`"${request.date}" is not a date written YYYY-MM-DD`);
  if (!interviewers.length) problems.push('no interviewer was given');
  if (interviewers.length > MAX_LOOP_INTERVIEWS) problems.push(`a loop has at most ${MAX_LOOP_INTERVIEWS} interviews (${interviewers.length} interviewers given)`);
  const dimensions = kit.dimensions ?? [];
  if (!kit.dimensions) problems.push(`the kit ${kit.id}'s rubric has errors: fix it first`);
  if (problems.length) return { problems };

  const { minCoverage } = loopSettings({}, kit);
  if (minCoverage > interviewers.length) {
    problems.push(`every dimension must be assessed by ${minCoverage} interviews (minCoverage), and ${interviewers.length} interviewer${interviewers.length === 1 ? ' was' : 's were'} given`);
  }
  const fresh = kit.problems.filter((p) => earlierFeedback({ candidate, date: request.date }, p, history).length === 0);
  if (fresh.length < interviewers.length) {
    const gone = kit.problems.length - fresh.length;
    problems.push(`the kit ${kit.id} has ${fresh.length} problem${fresh.length === 1 ? '' : 's'} ${candidate} has not had (${gone} already given to them) for ${interviewers.length} interviews`);
  }
  if (problems.length) return { problems };

  // Each dimension goes to the next `minCoverage` interviewers in turn: distinct ones, since minCoverage ≤ interviewers.
  const focus: string[][] = interviewers.map(() => []);
  let next = 0;
  for (const d of dimensions) {
    for (let k = 0; k < minCoverage; k++) {
      focus[next].push(d.id);
      next = (next + 1) % interviewers.length;
    }
  }
  // With few dimensions, an interviewer may get none: give them the dimensions in turn (each needs one).
  focus.forEach((f, i) => { if (!f.length) f.push(dimensions[i % dimensions.length].id); });

  const plan: LoopPlan = {
    candidate,
    date: request.date,
    ...(request.kitId ? { kit: request.kitId } : {}),
    interviews: interviewers.map((interviewer, i) => ({ interviewer, problem: fresh[i].id, focus: focus[i], date: request.date })),
  };
  return { plan, text: loopText(plan) };
}

/** The YAML of a plan, as New Loop writes it (an interview's date only where it is not the loop's). */
export function loopText(plan: LoopPlan): string {
  const lines = [
    `candidate: ${yamlString(plan.candidate)}`,
    `date: ${plan.date}`,
    ...(plan.kit ? [`kit: ${yamlString(plan.kit)}`] : []),
    'interviews:',
  ];
  for (const i of plan.interviews) {
    lines.push(`  - interviewer: ${yamlString(i.interviewer)}`, `    problem: ${yamlString(i.problem)}`, `    focus: [${i.focus.map(yamlString).join(', ')}]`);
    if (i.date !== plan.date) lines.push(`    date: ${i.date}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A string as a YAML scalar: plain when it is plainly text (letters, digits, spaces, `.`, `'`, `-`), else double-quoted. */
function yamlString(s: string): string {
  const plain = /^[\p{L}\p{N}][\p{L}\p{N} .'-]*$/u.test(s) && !/^(?:true|false|yes|no|on|off|null|~|y|n)$/i.test(s) && !/^[\d.+-]/.test(s) && !/\s$/.test(s);
  return plain ? s : JSON.stringify(s);
}
