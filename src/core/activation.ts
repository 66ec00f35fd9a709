/**
 * What decides that the features must load (issue 10, goal 0). The activation shell
 * (`src/extension.ts`) registers only what VS Code needs at activation and loads the features
 * (`dist/features.js`) the first time one of these holds; the features use the same constants.
 * Dependency-free: the shell is bundled without the rest of the extension.
 */

/** The workspaceState key of the persisted timer: a running interview to restore loads the features. */
export const TIMER_STATE_KEY = 'sdi.timer.state';

/**
 * The scheme of the diagnostic codes' pages (`sdi-code:/<code>.md`): the shell serves it from
 * activation, so a page left open in an editor comes back after a reload.
 */
export const CODE_DOCS_SCHEME = 'sdi-code';

/**
 * Context key set when the guide cannot be shown (the built-in guide, or the features, did not load);
 * the view's welcome content explains.
 */
export const GUIDE_UNAVAILABLE_CONTEXT = 'sdi.guideUnavailable';

/** Set by `npm start` on its first start: show the view and the walkthrough once. */
export const FIRST_START_ENV = 'SDI_GET_STARTED';

/**
 * Documents a user writes. Others (a `git:` original behind a quick diff, an output channel) are
 * never checked, so their copies do not fill the Problems panel.
 */
export const EDITABLE_SCHEMES: ReadonlySet<string> = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vsls']);

/** Whether a document may be one the feedback checks (or the scaffold's notes) work on: Markdown a user writes. */
export function mayBeFeedback(document: { languageId: string; uri: { scheme: string } }): boolean {
  return document.languageId === 'markdown' && EDITABLE_SCHEMES.has(document.uri.scheme);
}

/** The default of `sdi.loops.glob`: the workspace's interview loop files. */
export const LOOP_GLOB_DEFAULT = '**/*.loop.yaml';

/** Whether a document may be an interview loop (`*.loop.yaml`, the default of `sdi.loops.glob`) the features check. */
export function mayBeLoop(document: { uri: { scheme: string; path: string } }): boolean {
  return EDITABLE_SCHEMES.has(document.uri.scheme) && document.uri.path.endsWith('.loop.yaml');
}

/**
 * The webview panel types whose panels VS Code revives on reload (the manifest's
 * `onWebviewPanel:` activation events): the shell registers a serializer for each at activation.
 */
export function revivedPanelTypes(activationEvents: readonly string[] | undefined): string[] {
  return (activationEvents ?? []).filter((e) => e.startsWith('onWebviewPanel:')).map((e) => e.slice('onWebviewPanel:'.length));
}

/** The commands the manifest contributes: the shell answers each until the features are loaded. */
export function contributedCommands(packageJSON: unknown): string[] {
  const commands = (packageJSON as { contributes?: { commands?: { command?: unknown }[] } } | undefined)?.contributes?.commands;
  return Array.isArray(commands) ? commands.map((c) => c?.command).filter((c): c is string => typeof c === 'string') : [];
}
