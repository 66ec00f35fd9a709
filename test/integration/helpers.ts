/**
 * What the integration suites share: the extension and its API, the workspace's files, diagnostics
 * awaited as they change (never on a sleep), feedback documents opened in an editor.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LoadedApi } from '../../src/extension';

export const EXTENSION_ID = 'sdi-kit.system-design-interview-kit';
/** The `source` of every diagnostic the extension makes. */
export const SOURCE = 'System Design Interview Kit';

/** A complete, consistent feedback: scores 3 3 3 4 3 (production readiness at the top), weighted 3.15 / 4.0, Hire checked. */
export const FILLED = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/editor/filled.md'), 'utf8');

/** The extension under test, as the host loaded it. */
export function extension(): vscode.Extension<LoadedApi> {
  const ext = vscode.extensions.getExtension<LoadedApi>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
  return ext;
}

/** The extension's API once it has activated, with the parts a suite names there (reading one loads the features). */
export async function api(...needs: (keyof LoadedApi)[]): Promise<LoadedApi> {
  const a = await extension().activate();
  assert.ok(a, 'activate() returned no API');
  for (const part of needs) assert.ok(a[part], `activate() returned no ${part}`);
  return a;
}

/** The test workspace's folder. */
export const root = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;

/** Writes a text file through VS Code's file system. */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Reads a text file through VS Code's file system. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** A diagnostic's code as a string (the extension's codes come with a link to their page). */
export function codeOf(d: vscode.Diagnostic): string | undefined {
  return typeof d.code === 'object' ? String(d.code.value) : d.code === undefined ? undefined : String(d.code);
}

/** The codes of the diagnostics, sorted. */
export const codes = (ds: vscode.Diagnostic[]): (string | undefined)[] => ds.map(codeOf).sort();

/** Resolves with the extension's diagnostics of `uri` the first time they satisfy `ok` (checked at once, then on each change); rejects after `ms` with those it has. */
export function diagnosticsWhen(uri: vscode.Uri, ok: (ds: vscode.Diagnostic[]) => boolean, what: string, ms = 30000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const ds = vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
      if (!ok(ds)) return;
      sub.dispose();
      clearTimeout(guard);
      resolve(ds);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((x) => x.toString() === uri.toString())) check();
    });
    // Not a sleep: a failure report when the expected diagnostics never arrive.
    const guard = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => [codeOf(d), d.range.start.line, d.message]))}`));
    }, ms);
    check();
  });
}

/** Writes `text` to `uri` and opens it in an editor, resolving when its diagnostics satisfy `ok` (within `ms`). */
export async function openFeedbackAt(uri: vscode.Uri, text: string, ok: (ds: vscode.Diagnostic[]) => boolean, ms?: number): Promise<{ doc: vscode.TextDocument; editor: vscode.TextEditor; ds: vscode.Diagnostic[] }> {
  await writeText(uri, text);
  const waiting = diagnosticsWhen(uri, ok, `diagnostics of ${uri.path}`, ms);
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc);
  return { doc, editor, ds: await waiting };
}

/** `text` with `from`, which it holds exactly once, replaced by `to`. */
export function replaceOnce(text: string, from: string, to: string): string {
  assert.strictEqual(text.split(from).length, 2, `"${from}" is not in the text exactly once`);
  return text.replace(from, to);
}

/** Every tab of every group in the window. */
export const allTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs);

/** Resolves once `test` holds, at once or after a change of the tabs (the tab model updates asynchronously); rejects after `ms` with the tabs there are. */
export function whenTabs(test: () => boolean, what: string, ms = 15_000): Promise<void> {
  if (test()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for ${what}; tabs: ${allTabs().map((t) => t.label).join(', ')}`)); }, ms);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!test()) return;
      clearTimeout(timer);
      sub.dispose();
      resolve();
    });
  });
}

/** Resolves when the guide panel has sent this item to its webview (the webview asked for it with `ready`). */
export function itemShown(a: LoadedApi, id: string): Promise<void> {
  return new Promise((resolve) => {
    const sub = a.panel.onDidShowItem((shown) => {
      if (shown === id) { sub.dispose(); resolve(); }
    });
  });
}

/**
 * Resolves with the first value `event` fires that `ok` accepts (subscribe before doing what fires it);
 * rejects after `ms`, naming `what` and, when given, `describe()`'s account of what was seen.
 */
export function eventWhen<T>(event: vscode.Event<T>, ok: (value: T) => boolean, what: string, ms = 15_000, describe?: () => string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`${what}: not within ${ms} ms${describe ? `; ${describe()}` : ''}`)); }, ms);
    const sub = event((value) => {
      if (!ok(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/**
 * Resolves with the extension's next pick that `test` accepts, once it has been sent to the workbench
 * (the test build's `onDidShowPick`): a command to the workbench run after that (accept, close) reaches
 * it after the pick. Call before running what shows it. Rejects after `ms`, with the picks seen.
 */
export function nextPick(a: LoadedApi, what: string, test: (qp: vscode.QuickPick<vscode.QuickPickItem>) => boolean = () => true, ms = 15_000): Promise<vscode.QuickPick<vscode.QuickPickItem>> {
  assert.ok(a.onDidShowPick, 'this build has no test hooks (onDidShowPick)');
  const seen: string[] = [];
  const shown = (qp: vscode.QuickPick<vscode.QuickPickItem>) => {
    seen.push(qp.title ?? qp.placeholder ?? '');
    return test(qp);
  };
  return eventWhen(a.onDidShowPick, shown, `${what} did not show`, ms, () => `picks shown: ${JSON.stringify(seen)}`);
}

/** A Memento in memory, standing in for workspaceState: two services over one are a window reload. */
export class MemoryMemento implements vscode.Memento {
  private readonly map = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.map.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined { return (this.map.has(key) ? this.map.get(key) : fallback) as T | undefined; }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.map.delete(key);
    else this.map.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

/** The workspace's entries a run starts with (the host copies test/fixtures/workspace), and the folder of its settings. */
const FIXTURE_ENTRIES = new Set([...fs.readdirSync(path.join(__dirname, '../../../test/fixtures/workspace')), '.vscode']);

/** The settings written in the workspace's `.vscode/settings.json` (the tests change settings there only). */
function workspaceSettingKeys(): string[] {
  const file = path.join(root().fsPath, '.vscode', 'settings.json');
  if (!fs.existsSync(file)) return [];
  return Object.keys(JSON.parse(fs.readFileSync(file, 'utf8') || '{}') as Record<string, unknown>);
}

/** Closes every editor, reverting unsaved changes first (closing a dirty editor would ask whether to save). */
export async function closeEditors(): Promise<void> {
  for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * Puts the window back to the state each integration file starts from, whatever ran before it:
 * no editor open (unsaved changes reverted), no interview, no workspace setting, only the fixture's
 * files in the workspace and so no team kit loaded. Each file calls it before its tests and after
 * them, so that it passes alone and in any order (`SDI_SHUFFLE`, test/host/README.md).
 */
export async function knownState(): Promise<void> {
  const a = await api();
  await closeEditors();
  await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
  const config = vscode.workspace.getConfiguration();
  for (const key of workspaceSettingKeys()) await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  for (const [name] of await vscode.workspace.fs.readDirectory(root())) {
    if (!FIXTURE_ENTRIES.has(name)) await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), name), { recursive: true, useTrash: false });
  }
  // The loop index's "today" is the real one again (a test may have set its clock).
  a.loops.index.setClock(() => new Date());
  // The kit service and then the guide library follow the deleted kit folder and the reset
  // `sdi.kit.folder`; the loop index, the deleted loop files (the tree's Loops group goes with them).
  const gone = () => a.kits.workspaceKits().length === 0 && a.library.workspaceKits.length === 0 && !a.loops.index.hasLoops;
  if (gone()) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      done();
      reject(new Error(`a team kit or a loop is still loaded: kits ${a.kits.workspaceKits().map((k) => k.id).join(', ') || 'none'}, loops ${a.loops.index.statuses().map((l) => l.file).join(', ') || 'none'}`));
    }, 15_000);
    const subs = [a.kits.onDidChange(check), a.library.onDidChange(check), a.loops.index.onDidChange(check)];
    function done() { clearTimeout(timer); for (const s of subs) s.dispose(); }
    function check() { if (gone()) { done(); resolve(); } }
  });
}
