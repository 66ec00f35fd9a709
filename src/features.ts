/**
 * Wires the features together; holds no logic of its own. Loaded by the activation shell
 * (`src/extension.ts`, bundled apart as `dist/features.js`) the first time something needs it.
 */
import * as vscode from 'vscode';
import { registerCalibration } from './calibration';
import { registerDebrief, type DebriefFeature } from './debrief';
import { registerGuideCommands } from './commands';
import type { FeatureHost } from './host';
import { contributedCommands, GUIDE_UNAVAILABLE_CONTEXT } from './core/activation';
import { ContentError } from './core/content';
import { CodeDocsProvider, codeDocUri, registerFeedback, type FeedbackFeature } from './feedback';
import { GuideLibrary } from './guideLibrary';
import { loadBuiltInGuide, SNAPSHOT_FILE } from './node/builtIn';
import { connectDiagramErrors } from './kits/diagramDiagnostics';
import { KitService, loadEditedKitFolder } from './kits/kitService';
import { registerNewProblem } from './kits/newProblem';
import { registerLoops, type LoopsFeature } from './loops';
import { registerNotes } from './notes';
import type { NotesService } from './notes/notesService';
import { GuidePanel } from './panel/guidePanel';
import { registerTimer, type TimerFeature } from './timer';
import type { GuideNode } from './core/guideTree';
import { shownPicks } from './quickPick';
import { GuideTreeProvider } from './tree/guideTreeProvider';
import { registerWalkthrough, type WalkthroughProgress } from './walkthrough';

/** The features' parts, once loaded: what the extension's API (`SdiApi`, src/extension.ts) hands out. */
export interface LoadedApi {
  library: GuideLibrary;
  panel: GuidePanel;
  tree: GuideTreeProvider;
  kits: KitService;
  feedback: FeedbackFeature;
  timer: TimerFeature;
  notes: NotesService;
  walkthrough: WalkthroughProgress;
  loops: LoopsFeature;
  debrief: DebriefFeature;
  /** Test build only (`SDI_TEST_HOOKS`): fires with each of the extension's picks once it is sent to the workbench. */
  onDidShowPick?: vscode.Event<vscode.QuickPick<vscode.QuickPickItem>>;
}

/** What loading the features gives the shell: the API (none when the guide did not load; its `tree` backs the view). */
export interface Features {
  api?: LoadedApi;
  /** The diagnostic codes' pages, served under the shell's registration of their scheme. */
  codeDocs?: vscode.TextDocumentContentProvider;
}

/** Context key set while a team kit is loaded; the view's New Problem action shows with it. */
const KIT_PRESENT_CONTEXT = 'sdi.kit.present';

export function activateFeatures(context: vscode.ExtensionContext, host: FeatureHost): Features {
  let builtIn: ReturnType<typeof loadBuiltInGuide>;
  try {
    builtIn = loadBuiltInGuide(vscode.Uri.joinPath(context.extensionUri, 'content').fsPath, vscode.Uri.joinPath(context.extensionUri, 'dist', SNAPSHOT_FILE).fsPath);
  } catch (e) {
    registerUnavailable(context, e instanceof ContentError ? e.message : String(e));
    return {};
  }
  const kits = new KitService(builtIn.kit, loadEditedKitFolder, codeDocUri);
  const library = new GuideLibrary(builtIn.content, builtIn.kit);
  const sync = () => {
    library.update({ kits: kits.workspaceKits(), restricted: kits.restricted });
    void vscode.commands.executeCommand('setContext', KIT_PRESENT_CONTEXT, kits.workspaceKits().some((k) => k.ok));
  };
  sync();
  const panel = new GuidePanel(context.extensionUri, library, host.registerSerializer, { dir: context.globalStorageUri, state: context.globalState });
  const tree = new GuideTreeProvider(library);
  const view = host.view as vscode.TreeView<GuideNode>;
  context.subscriptions.push(
    kits, library, panel, tree,
    // The library first: the panel, the feedback checks and the timer read it when the kits change.
    kits.onDidChange(sync),
    library.onDidChange(() => panel.refresh()),
    connectDiagramErrors(panel, library, kits),
    ...registerGuideCommands({ library, panel, view }),
    registerNewProblem(kits),
  );
  const feedback = registerFeedback(library, context, kits);
  const calibration = registerCalibration(context, feedback, kits, host.registerSerializer);
  const loops = registerLoops(kits, calibration, feedback, tree, context.workspaceState);
  const debrief = registerDebrief(context, calibration, kits, loops.index, host.registerSerializer);
  context.subscriptions.push(feedback, calibration, loops, debrief);
  const timer = registerTimer(context, library, panel);
  loops.connectTimer(timer);
  feedback.scaffold.runningProblem = () => timer.service.runningProblem();
  const notes = registerNotes(context, timer, feedback.scaffold);
  const walkthrough = registerWalkthrough(context, { library, panel, timer: timer.service, notes });
  return { api: { library, panel, tree, kits, feedback, timer, notes, walkthrough, loops, debrief, onDidShowPick: SDI_TEST_HOOKS ? shownPicks?.event : undefined }, codeDocs: new CodeDocsProvider() };
}

/**
 * The built-in guide did not load: every command still answers, saying why, and the view (no tree
 * provider) shows its welcome text instead of an empty tree.
 */
function registerUnavailable(context: vscode.ExtensionContext, detail: string): void {
  const message = `System Design Interview Kit could not load its guide. ${detail}`;
  void vscode.window.showErrorMessage(message);
  void vscode.commands.executeCommand('setContext', GUIDE_UNAVAILABLE_CONTEXT, true);
  for (const command of contributedCommands(context.extension.packageJSON)) {
    context.subscriptions.push(vscode.commands.registerCommand(command, () => void vscode.window.showErrorMessage(message)));
  }
}
