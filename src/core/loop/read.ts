/**
 * Reading a loop file: YAML with its positions kept (the kit's `YamlFile`), the loop format's
 * schema, and each finding located at its node.
 */
import { z } from 'zod';
import { isRealDate } from '../format';
import type { KitIssue } from '../kit/types';
import { YamlFile } from '../kit/yamlFile';
import type { LoopIssue, LoopPlan } from './types';

/** The most interviews a loop may plan. */
export const MAX_LOOP_INTERVIEWS = 12;
/**
 * Loop files over this many characters are not read: twelve interviews with comments take a few KiB, and a
 * hostile file (10,000 interviews) would otherwise cost the YAML parser seconds.
 */
export const MAX_LOOP_SIZE = 64 * 1024;
const name = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
const day = z.string().refine(isRealDate, 'must be a date written YYYY-MM-DD');
const id = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

const interviewSchema = z.strictObject({
  $comment: z.string().optional(),
  interviewer: name,
  problem: id,
  focus: z.array(id).min(1, 'needs at least one rubric dimension'),
  date: day.optional(),
});

const loopSchema = z.strictObject({
  $comment: z.string().optional(),
  candidate: name,
  date: day,
  kit: id.optional(),
  minCoverage: z.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_LOOP_INTERVIEWS, `must be at most ${MAX_LOOP_INTERVIEWS}`).optional(),
  disagreement: z.number().positive('must be above 0').optional(),
  interviews: z.array(interviewSchema).min(1, 'needs at least one interview').max(MAX_LOOP_INTERVIEWS, `may plan at most ${MAX_LOOP_INTERVIEWS} interviews`),
});

/** A loop file read: its plan when it is valid, its findings, and its YAML to locate later checks. */
export interface LoopFile {
  file: string;
  plan?: LoopPlan;
  issues: LoopIssue[];
  yaml?: YamlFile;
}

/** Reads the loop file `file` (a label for messages) from its text; never throws. */
export function readLoop(file: string, text: string): LoopFile {
  if (text.length > MAX_LOOP_SIZE) {
    return { file, issues: [{ code: 'loop-invalid', path: '', message: `is over ${MAX_LOOP_SIZE / 1024} KiB (a loop plans at most ${MAX_LOOP_INTERVIEWS} interviews); it is not read`, severity: 'error' }] };
  }
  const yaml = new YamlFile(file, text);
  const issues = yaml.issues.map(fromYamlIssue);
  if (!yaml.parsed) return { file, issues, yaml };
  const valid = yaml.validate(loopSchema);
  issues.push(...yaml.issues.slice(issues.length).map(fromYamlIssue));
  if (!valid) return { file, issues, yaml };
  const plan: LoopPlan = {
    candidate: valid.candidate,
    date: valid.date,
    ...(valid.kit !== undefined ? { kit: valid.kit } : {}),
    ...(valid.minCoverage !== undefined ? { minCoverage: valid.minCoverage } : {}),
    ...(valid.disagreement !== undefined ? { disagreement: valid.disagreement } : {}),
    interviews: valid.interviews.map((i) => ({ interviewer: i.interviewer, problem: i.problem, focus: i.focus, date: i.date ?? valid.date })),
  };
  return { file, plan, issues, yaml };
}

/**
 * The candidate a loop file names: its plan's, else the `candidate` of YAML that parsed but is no
 * valid loop; undefined when none can be read (a YAML syntax error, no `candidate` string).
 */
export function loopCandidate(loop: LoopFile): string | undefined {
  if (loop.plan) return loop.plan.candidate;
  const data = loop.yaml?.data as { candidate?: unknown } | undefined;
  return typeof data?.candidate === 'string' ? data.candidate : undefined;
}

/** A YAML or schema finding in the loop's codes: the schema's are `loop-invalid`, the parser's `loop-yaml-syntax`. */
function fromYamlIssue(i: KitIssue): LoopIssue {
  return {
    code: i.code === 'kit-invalid' ? 'loop-invalid' : 'loop-yaml-syntax',
    path: i.path,
    message: i.message,
    severity: i.severity === 'error' ? 'error' : 'warning',
    ...(i.range ? { range: i.range } : {}),
  };
}
