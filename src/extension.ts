/** Wires the features together; holds no logic of its own. */
import * as vscode from 'vscode';
import { registerGuideCommands } from './commands';
import { GuideLibrary } from './guideLibrary';
import { GuidePanel } from './panel/guidePanel';
import { GuideTreeProvider } from './tree/guideTreeProvider';
import { ContentError } from './core/content';
import { registerFeedback, type FeedbackFeature } from './feedback';
import { registerTimer, type TimerFeature } from './timer';

/** What the extension exports, for its integration tests and other extensions. */
export interface SdiApi {
  library: GuideLibrary;
  panel: GuidePanel;
  tree: GuideTreeProvider;
  feedback: FeedbackFeature;
  timer: TimerFeature;
}

export function activate(context: vscode.ExtensionContext): SdiApi | undefined {
  let library: GuideLibrary;
  try {
    library = GuideLibrary.fromFolder(vscode.Uri.joinPath(context.extensionUri, 'content').fsPath);
  } catch (e) {
    const detail = e instanceof ContentError ? e.message : String(e);
    void vscode.window.showErrorMessage(`System Design Interview Kit could not load its guide. ${detail}`);
    return undefined;
  }
  const panel = new GuidePanel(context.extensionUri, library, { dir: context.globalStorageUri, state: context.globalState });
  const tree = new GuideTreeProvider(library);
  const view = vscode.window.createTreeView('sdi.guide', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(panel, view, ...registerGuideCommands({ library, panel, view }));
  const feedback = registerFeedback(library, context);
  context.subscriptions.push(feedback);
  const timer = registerTimer(context, library, panel);
  feedback.scaffold.runningProblem = () => timer.service.problem()?.title;
  return { library, panel, tree, feedback, timer };
}

export function deactivate(): void {}
