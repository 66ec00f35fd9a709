/**
 * The checks of a loop against its kit and the candidate's earlier feedback: unknown problems and
 * dimensions, an interviewer twice, dimensions assessed by too few interviews, and problems the
 * candidate has had (in this loop, or in an earlier feedback).
 */
import type { KitRange, LoadedKit } from '../kit/types';
import { rubricKeyOf } from '../calibration/rows';
import { normalizeKey, shownName } from '../personName';
import type { LoopFile } from './read';
import type { LoopHistoryEntry, LoopIssue, LoopIssueCode, LoopPlan } from './types';

/** What a loop needs of its kit: the problems it may give and the rubric's dimensions. */
export interface LoopKit {
  id: string;
  problems: readonly { id: string; title: string }[];
  /** The rubric's dimensions in order; undefined when the kit's rubric does not load (focus is then not checked). */
  dimensions?: readonly { id: string; name: string }[];
  /** The rubric's key (`acme@2`, as feedback rows give it); undefined when the kit's rubric does not load. */
  rubricKey?: string;
  /** kit.yaml `loop`, if any. */
  defaults: { minCoverage?: number; disagreement?: number };
}

/** The defaults of a loop without `minCoverage` or `disagreement` and a kit without them. */
export const LOOP_DEFAULTS = { minCoverage: 2, disagreement: 2 } as const;

/** The loop's settings: its own, else its kit's, else the defaults. */
export function loopSettings(plan: Pick<LoopPlan, 'minCoverage' | 'disagreement'>, kit?: Pick<LoopKit, 'defaults'>): { minCoverage: number; disagreement: number } {
  return {
    minCoverage: plan.minCoverage ?? kit?.defaults.minCoverage ?? LOOP_DEFAULTS.minCoverage,
    disagreement: plan.disagreement ?? kit?.defaults.disagreement ?? LOOP_DEFAULTS.disagreement,
  };
}

/**
 * The kit a loop uses: the kit its `kit` names among `kits`, else the workspace's kit, else the
 * built-in guide. A kit that shows the built-in guide beside its own (`includeBuiltIn`) lends it its problems.
 * Undefined when `kit` names no loaded kit.
 */
export function loopKit(kitId: string | undefined, kits: readonly LoadedKit[], workspaceKit?: LoadedKit): LoopKit | undefined {
  const builtIn = kits.find((k) => k.builtIn);
  const kit = kitId === undefined ? (workspaceKit ?? builtIn) : kits.find((k) => k.id === kitId);
  if (!kit) return undefined;
  const problems = kit.builtIn || !kit.includeBuiltIn || !builtIn ? kit.problems : [...kit.problems, ...builtIn.problems];
  return {
    id: kit.id,
    problems: problems.map((p) => ({ id: p.id, title: p.title })),
    ...(kit.rubric ? { dimensions: kit.rubric.rubric.dimensions.map((d) => ({ id: d.id, name: d.name })), rubricKey: rubricKeyOf(kit.id, kit.rubric.version) } : {}),
    defaults: kit.loop ?? {},
  };
}

/** Whether a feedback's Problem Used names the problem: its id, or its title, case and spacing aside. */
export function namesProblem(used: string, problem: { id: string; title: string }): boolean {
  const key = normalizeKey(used);
  return key === normalizeKey(problem.id) || key === normalizeKey(problem.title);
}

/**
 * The earlier feedbacks of the loop's candidate (same name key) dated before the loop's day whose
 * problem is `problem`, by date.
 */
export function earlierFeedback(plan: Pick<LoopPlan, 'candidate' | 'date'>, problem: { id: string; title: string }, history: readonly LoopHistoryEntry[]): LoopHistoryEntry[] {
  const candidate = normalizeKey(plan.candidate);
  return history
    .filter((h) => h.candidateKey === candidate && h.date !== null && h.date < plan.date && h.problem !== null && namesProblem(h.problem, problem))
    .sort((a, b) => (a.date! < b.date! ? -1 : a.date! > b.date! ? 1 : 0));
}

/**
 * The findings of a read loop file beyond its schema: against `kit` (undefined when its `kit` names
 * no loaded kit) and the workspace's feedback `history`. [] for a file that did not read.
 */
export function checkLoop(loop: LoopFile, kit: LoopKit | undefined, history: readonly LoopHistoryEntry[]): LoopIssue[] {
  const { plan, yaml } = loop;
  if (!plan) return [];
  const out: LoopIssue[] = [];
  const at = (code: LoopIssueCode, path: (string | number)[], message: string, severity: LoopIssue['severity']) => {
    const range: KitRange | undefined = yaml?.locate(path);
    const field = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('').replace(/^\./, '');
    out.push({ code, path: field, message: `${field}: ${message}`, severity, ...(range ? { range } : {}) });
  };
  if (!kit) {
    at('loop-kit-unknown', ['kit'], `names no kit of this workspace ("${plan.kit}"); the workspace's kit or the built-in guide is used by leaving it out`, 'error');
    return out;
  }
  const { minCoverage } = loopSettings(plan, kit);
  const interviewers = new Map<string, number>();
  const given = new Map<string, number>();
  plan.interviews.forEach((iv, i) => {
    const who = normalizeKey(iv.interviewer);
    const first = interviewers.get(who);
    if (first === undefined) interviewers.set(who, i);
    else at('loop-interviewer-repeat', ['interviews', i, 'interviewer'], `${iv.interviewer} already has interviews[${first}]`, 'warning');

    const problem = kit.problems.find((p) => p.id === iv.problem);
    if (!problem) {
      at('loop-problem-unknown', ['interviews', i, 'problem'], `"${iv.problem}" is not a problem of the kit ${kit.id}${suggest(iv.problem, kit.problems.map((p) => p.id))}`, 'error');
    } else {
      const twice = given.get(problem.id);
      if (twice === undefined) given.set(problem.id, i);
      else at('loop-problem-repeat', ['interviews', i, 'problem'], `${problem.id} is also the problem of interviews[${twice}]: the candidate would get it twice`, 'warning');
      const earlier = earlierFeedback(plan, problem, history);
      if (earlier.length) {
        const list = earlier.slice(0, 3).map((h) => `${h.file} (${h.date})`).join(', ');
        const more = earlier.length > 3 ? ` and ${earlier.length - 3} more` : '';
        at('loop-problem-repeat', ['interviews', i, 'problem'], `${shownName(plan.candidate)} already had ${problem.id}: ${list}${more}`, 'warning');
      }
    }

    if (kit.dimensions) {
      iv.focus.forEach((f, j) => {
        if (!kit.dimensions!.some((d) => d.id === f)) {
          at('loop-dimension-unknown', ['interviews', i, 'focus', j], `"${f}" is not a dimension of the kit's rubric${suggest(f, kit.dimensions!.map((d) => d.id))}`, 'error');
        }
      });
    }
  });

  for (const d of kit.dimensions ?? []) {
    const n = plan.interviews.filter((iv) => iv.focus.includes(d.id)).length;
    if (n < minCoverage) {
      at('loop-coverage', ['interviews'], `${d.name} (${d.id}) is in the focus of ${n} interview${n === 1 ? '' : 's'}; the loop asks for ${minCoverage} (minCoverage)`, 'warning');
    }
  }
  return out;
}

/** " (did you mean x?)" for a known value within two edits of `value`, else the known values. */
function suggest(value: string, known: readonly string[]): string {
  const v = value.toLowerCase();
  const close = known.find((k) => editDistance(k.toLowerCase(), v) <= 2);
  if (close) return ` (did you mean ${close}?)`;
  return known.length ? ` (one of: ${known.slice(0, 8).join(', ')}${known.length > 8 ? ', ...' : ''})` : '';
}

/** Levenshtein distance (ids are short: one row of the table is enough). */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Every finding of a loop file: its format's, then the checks'. */
export function loopIssues(loop: LoopFile, kit: LoopKit | undefined, history: readonly LoopHistoryEntry[]): LoopIssue[] {
  return [...loop.issues, ...checkLoop(loop, kit, history)];
}
