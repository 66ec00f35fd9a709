/**
 * Blind mode (`sdi.debrief.blind`): a panelist of a loop who has not submitted their own feedback
 * for the candidate is not shown the others' scores and notes, a courtesy against anchoring (not
 * access control: the files are in the repository). Plain data, no VS Code.
 */
import type { Debrief } from '../core/loop/debrief';
import type { LoopPlan } from '../core/loop';
import { normalizeKey } from '../core/personName';
import type { DebriefBlind } from '../protocol';

/**
 * Whether `user` must submit first to see this debrief: blind mode is on, they are an interviewer of
 * its loop, and no feedback of theirs among the candidate's is submitted. Null when they see it all.
 */
export function blindFor(d: Debrief, plan: LoopPlan | undefined, user: string | undefined, blind: boolean): DebriefBlind | null {
  if (!blind || !plan || !user || !normalizeKey(user)) return null;
  const key = normalizeKey(user);
  if (!plan.interviews.some((iv) => normalizeKey(iv.interviewer) === key)) return null;
  const own = d.feedbacks.filter((f) => normalizeKey(f.interviewer) === key);
  if (own.some((f) => f.submitted !== null)) return null;
  return { interviewer: user, own: own.length ? { file: own[0].file, index: own[0].index } : null };
}

/**
 * The debrief as a panelist who must submit first sees it: their own feedback whole; the others'
 * without scores, bands, recommendations, evidence or notes; no figure made from them.
 */
export function sealedDebrief(d: Debrief, blind: DebriefBlind): Debrief {
  const key = normalizeKey(blind.interviewer);
  return {
    ...d,
    feedbacks: d.feedbacks.map((f) => {
      if (normalizeKey(f.interviewer) === key) return f;
      const scores: Record<string, null> = {};
      const evidence: Record<string, { plus: number; minus: number; neutral: number }> = {};
      for (const id of Object.keys(f.scores)) scores[id] = null;
      for (const id of Object.keys(f.evidence)) evidence[id] = { plus: 0, minus: 0, neutral: 0 };
      return { ...f, scores, weightedScore: null, band: null, recommendation: null, evidence, notes: {} };
    }),
    dimensions: d.dimensions.map((x) => ({ ...x, n: 0, mean: null, min: null, max: null, spread: null, disagreement: false })),
    combined: { n: 0, weightedScore: null, band: null },
    recommendations: Object.fromEntries(Object.keys(d.recommendations).map((id) => [id, 0])),
  };
}
