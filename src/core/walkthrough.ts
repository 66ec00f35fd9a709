/**
 * The getting-started walkthrough as data: its steps read from the manifest's
 * `contributes.walkthroughs` (already localised, or with a `package.nls.json` map to resolve
 * `%key%` placeholders). `Interview: Get Started` opens VS Code's walkthrough; where a VS Code
 * fork shows none, it offers the same steps as a list whose rows run the same commands.
 */

/**
 * The context key each step completes on (its `completionEvents` are `onContext:<key>`), by step id.
 * The extension sets each from its own state, at activation and as things happen: it says that the
 * step's thing has been done in this workspace, whenever that was.
 */
export const STEP_DONE_KEYS = {
  /** A guide item (a problem, a topic...) has been shown in the guide panel. */
  'sdi.openGuide': 'sdi.guideItemOpened',
  /** An interview has been started. */
  'sdi.startInterview': 'sdi.interviewHasRun',
  /** A note has been written into a feedback file. */
  'sdi.takeNote': 'sdi.noteTaken',
  /** A feedback file (`sdi.feedback.glob`) exists in the workspace. */
  'sdi.feedback': 'sdi.feedbackExists',
  /** A team kit has loaded (not merely been offered: New Problem without a kit does not count). */
  'sdi.teamKit': 'sdi.kitLoaded',
  /** `sdi-feedback` has run in one of VS Code's terminals. */
  'sdi.cli': 'sdi.feedbackCliRan',
} as const;

/** The id of one of the walkthrough's steps. */
export type StepId = keyof typeof STEP_DONE_KEYS;

/** Whether `id` names one of the walkthrough's steps. */
export function isStepId(id: unknown): id is StepId {
  return typeof id === 'string' && Object.hasOwn(STEP_DONE_KEYS, id);
}

/** Whether a terminal command line runs the feedback CLI (`npx sdi-feedback`, `sdi-feedback --report`, a path to it). */
export function runsFeedbackCli(commandLine: string): boolean {
  return /(^|[\s/\\'"])sdi-feedback(\.js)?(?=$|[\s'";|&)])/.test(commandLine);
}

/** One step: its title, its description without the button line, and the button's command. */
export interface WalkthroughStep {
  id: string;
  title: string;
  description: string;
  button?: { label: string; command: string; args?: unknown[] };
  media?: string;
  completionEvents: string[];
}

export interface Walkthrough {
  id: string;
  title: string;
  description: string;
  steps: WalkthroughStep[];
}

interface RawStep { id?: unknown; title?: unknown; description?: unknown; media?: Record<string, unknown>; completionEvents?: unknown }
interface RawWalkthrough { id?: unknown; title?: unknown; description?: unknown; steps?: unknown }

/** A `[Label](command:id?args)` link on a line of its own, which the walkthrough renders as a button. */
const BUTTON = /^\[([^\]]+)\]\(command:([\w.-]+)(?:\?([^)]*))?\)$/;

/** `%key%` replaced from `nls` (missing keys stay as written). */
function localise(value: unknown, nls: Record<string, string>): string {
  if (typeof value !== 'string') return '';
  const m = /^%([^%]+)%$/.exec(value);
  return m ? (nls[m[1]] ?? value) : value;
}

/** The button of a step description (a command link alone on a line) and the text around it. */
export function splitButton(description: string): { text: string; button?: WalkthroughStep['button'] } {
  const lines = description.split('\n');
  const i = lines.findIndex((l) => BUTTON.test(l.trim()));
  if (i < 0) return { text: description.trim() };
  const [, label, command, query] = BUTTON.exec(lines[i].trim()) ?? [];
  let args: unknown[] | undefined;
  if (query) {
    try {
      const parsed: unknown = JSON.parse(decodeURIComponent(query));
      args = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      args = undefined;
    }
  }
  lines.splice(i, 1);
  return { text: lines.join('\n').trim(), button: { label, command, ...(args ? { args } : {}) } };
}

/** The walkthrough `id` of a manifest (`packageJSON`), or undefined when it has none of that id. */
export function readWalkthrough(manifest: unknown, id: string, nls: Record<string, string> = {}): Walkthrough | undefined {
  const list = (manifest as { contributes?: { walkthroughs?: unknown } } | undefined)?.contributes?.walkthroughs;
  if (!Array.isArray(list)) return undefined;
  const raw = (list as RawWalkthrough[]).find((w) => w && w.id === id);
  if (!raw) return undefined;
  const steps = Array.isArray(raw.steps) ? (raw.steps as RawStep[]) : [];
  return {
    id,
    title: localise(raw.title, nls),
    description: localise(raw.description, nls),
    steps: steps.map((s) => {
      const { text, button } = splitButton(localise(s.description, nls));
      const media = s.media && (['svg', 'image', 'markdown'] as const).map((k) => s.media?.[k]).find((v): v is string => typeof v === 'string');
      return {
        id: typeof s.id === 'string' ? s.id : '',
        title: localise(s.title, nls),
        description: text,
        ...(button ? { button } : {}),
        ...(media ? { media } : {}),
        completionEvents: Array.isArray(s.completionEvents) ? s.completionEvents.filter((e): e is string => typeof e === 'string') : [],
      };
    }),
  };
}
