/**
 * `Interview: Get Started`: opens the walkthrough "Run a system design interview" on VS Code's
 * Welcome page. Where the workbench has no walkthroughs (some VS Code forks), it shows the same
 * steps as a quick pick whose rows run the steps' commands. Each step is ticked when its thing has
 * been done in the workspace, whenever that was (`./progress`).
 */
import * as vscode from 'vscode';
import { FIRST_START_ENV } from '../core/activation';
import { isStepId, readWalkthrough, type Walkthrough } from '../core/walkthrough';
import { pickOne } from '../quickPick';
import { WalkthroughProgress, type ProgressSources } from './progress';

export { WalkthroughProgress, type ProgressSources } from './progress';

export const WALKTHROUGH_ID = 'sdi.firstInterview';
export const GET_STARTED_COMMAND = 'sdi.getStarted';
const OPEN_WALKTHROUGH = 'workbench.action.openWalkthrough';
const SHOWN_KEY = 'sdi.getStarted.shown';

/** What Get Started did: opened the walkthrough, or showed the steps as a list (and which step ran). */
export type GetStartedResult = { shown: 'walkthrough' } | { shown: 'list'; ran?: string };

/** `publisher.name#walkthroughId`, the id VS Code knows the walkthrough by. */
export function walkthroughFullId(context: vscode.ExtensionContext): string {
  return `${context.extension.id}#${WALKTHROUGH_ID}`;
}

async function showAsList(walkthrough: Walkthrough, progress: WalkthroughProgress): Promise<GetStartedResult> {
  type Row = vscode.QuickPickItem & { step?: Walkthrough['steps'][number] };
  const rows: Row[] = walkthrough.steps.map((step, i) => ({
    label: `${i + 1}. ${step.title}${isStepId(step.id) && progress.isDone(step.id) ? ' $(check)' : ''}`,
    detail: step.description.replace(/\s+/g, ' '),
    description: step.button?.label,
    step,
  }));
  const picked = await pickOne(rows, { title: walkthrough.title, placeHolder: walkthrough.description, matchOnDetail: true });
  const button = picked?.step?.button;
  if (!button) return { shown: 'list' };
  await vscode.commands.executeCommand(button.command, ...(button.args ?? []));
  return { shown: 'list', ran: button.command };
}

/** Opens the walkthrough, or the list when the workbench cannot (`forceList` for tests). */
export async function getStarted(context: vscode.ExtensionContext, progress: WalkthroughProgress, options: { forceList?: boolean } = {}): Promise<GetStartedResult | undefined> {
  if (!options.forceList && (await vscode.commands.getCommands(true)).includes(OPEN_WALKTHROUGH)) {
    try {
      await vscode.commands.executeCommand(OPEN_WALKTHROUGH, walkthroughFullId(context), false);
      return { shown: 'walkthrough' };
    } catch {
      // fall through to the list
    }
  }
  const walkthrough = readWalkthrough(context.extension.packageJSON, WALKTHROUGH_ID);
  if (!walkthrough) {
    void vscode.window.showErrorMessage('The getting-started walkthrough is missing from this extension\'s manifest.');
    return undefined;
  }
  return showAsList(walkthrough, progress);
}

/**
 * Registers Get Started and the steps' progress (pushed to `subscriptions`); on `npm start`'s first
 * start shows the view and the walkthrough once. Returns the progress.
 */
export function registerWalkthrough(context: vscode.ExtensionContext, sources: ProgressSources): WalkthroughProgress {
  const progress = new WalkthroughProgress(context, walkthroughFullId(context), sources);
  context.subscriptions.push(
    progress,
    vscode.commands.registerCommand(GET_STARTED_COMMAND, (options?: { forceList?: boolean }) => getStarted(context, progress, options)),
  );
  if (process.env[FIRST_START_ENV] === '1' && !context.globalState.get<boolean>(SHOWN_KEY)) {
    void context.globalState.update(SHOWN_KEY, true);
    void showOnFirstStart(context, progress).catch(() => undefined);
  }
  return progress;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const welcomeShown = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === 'Welcome'));

/** Resolves whether a Welcome tab shows within `ms` (at once when one does). */
function welcomeWithin(ms: number): Promise<boolean> {
  if (welcomeShown()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (shown: boolean) => {
      sub.dispose();
      clearTimeout(timer);
      resolve(shown);
    };
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => { if (welcomeShown()) done(true); });
    const timer = setTimeout(() => done(welcomeShown()), ms);
  });
}

/**
 * The view and the walkthrough on `npm start`'s first start. The extension may activate (its kit is
 * in the workspace) while the workbench is still restoring its layout, which can hide both again: it
 * waits a moment, and tries again only while no Welcome tab has shown for a while. Each try moves
 * the focus, so it never runs once the walkthrough is there (the user may be typing in the palette).
 */
async function showOnFirstStart(context: vscode.ExtensionContext, progress: WalkthroughProgress): Promise<void> {
  await sleep(2000);
  for (let attempt = 0; attempt < 3 && !welcomeShown(); attempt++) {
    await vscode.commands.executeCommand('sdi.guide.focus');
    if (welcomeShown()) return;
    await getStarted(context, progress);
    if (await welcomeWithin(8000)) return;
  }
}
