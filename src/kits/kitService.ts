/**
 * Finds the team kits of the workspace (`<folder>/<sdi.kit.folder>/kit.yaml` in each workspace
 * folder), loads them in trusted workspaces only, reloads one when its files change (debounced),
 * and shows each kit's issues as diagnostics on its files. A kit that does not load leaves the
 * built-in guide and every command working: its issues are shown, nothing throws.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { loadKit } from '../core/kit/loader';
import type { KitIssue, KitReader, LoadedKit } from '../core/kit/types';
import { formatKitIssue, kitIssueMessage } from '../core/guideTree';
import { fsKitReader } from '../node/fsKitReader';
import { kitDirOf } from '../settings';

/** `diagnostic.source` of kit diagnostics: the extension's name, as for feedback. */
export const KIT_DIAGNOSTIC_SOURCE = 'System Design Interview Kit';
/** The code of a kit diagnostic whose issue names no more specific one. */
export const KIT_INVALID_CODE = 'kit-invalid';
/** The code of a diagram the panel could not render. */
export const KIT_DIAGRAM_CODE = 'kit-diagram';
/** The kit folder when `sdi.kit.folder` is not set. */
export { DEFAULT_KIT_FOLDER } from '../settings';
/** How long a burst of file events may go on before the kit is reloaded. */
export const RELOAD_DEBOUNCE_MS = 150;

/**
 * Loads a kit folder (see `loadEditedKitFolder`). `edited` holds the text of the kit's files that
 * are open with unsaved changes, by path relative to the folder: what the author sees is checked.
 */
export type KitFolderLoader = (dir: string, builtIn: LoadedKit, edited: ReadonlyMap<string, string>) => LoadedKit;

/** How long typing in a kit file may go on before the kit is checked again. */
export const TYPING_DEBOUNCE_MS = 300;

/** One workspace folder's kit. */
interface FolderKit {
  folder: vscode.WorkspaceFolder;
  /** The kit folder (absolute). */
  dir: string;
  /** Whether `kit.yaml` exists there. */
  present: boolean;
  kit?: LoadedKit;
  /** Files that got diagnostics, cleared on the next load. */
  published: vscode.Uri[];
  /** Diagrams the guide panel could not render, by file: shown until the kit is next loaded. */
  diagrams: Map<string, vscode.Diagnostic[]>;
  watcher: vscode.Disposable;
  timer?: ReturnType<typeof setTimeout>;
}

/** What changed: the kit reloaded, or undefined when the whole set was re-evaluated. */
export interface KitChange {
  kit?: LoadedKit;
}

export class KitService implements vscode.Disposable {
  private readonly folders = new Map<string, FolderKit>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('sdi-kit');
  private readonly changed = new vscode.EventEmitter<KitChange>();
  private readonly disposables: vscode.Disposable[] = [this.diagnostics, this.changed];
  /** Fires after a kit was added, reloaded or removed, or trust or the folders changed. */
  readonly onDidChange = this.changed.event;

  constructor(
    /** The built-in guide as a kit: the fallback rubric and plan of every team kit. */
    readonly builtIn: LoadedKit,
    private readonly load: KitFolderLoader,
    /** Where `code.target` of a kit diagnostic points: the documentation of its code. */
    private readonly docs?: (code: string) => vscode.Uri,
  ) {
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.refresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('sdi.kit.folder')) this.refresh(true); }),
      // Saving in the editor is the common edit: reload at once rather than waiting for the watcher.
      vscode.workspace.onDidSaveTextDocument((doc) => this.touched(doc, RELOAD_DEBOUNCE_MS)),
      // Typing in a kit file checks it live (diagnostics and tree); closing a file unsaved goes back to the disk's text.
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.touched(e.document, TYPING_DEBOUNCE_MS); }),
      vscode.workspace.onDidCloseTextDocument((doc) => { if (doc.isDirty) this.touched(doc, RELOAD_DEBOUNCE_MS); }),
    );
    this.refresh();
  }

  /** Every kit: the workspace's team kits that loaded (trusted workspaces only), then the built-in one. */
  kits(): LoadedKit[] {
    return [...this.workspaceKits().filter((k) => k.ok), this.builtIn];
  }

  /** The workspace's team kits, loaded or not, in workspace-folder order; [] in Restricted Mode. */
  workspaceKits(): LoadedKit[] {
    return [...this.folders.values()].map((f) => f.kit).filter((k): k is LoadedKit => k !== undefined);
  }

  /** Restricted Mode with a kit in the workspace: kits exist but are not loaded. */
  get restricted(): boolean {
    return !vscode.workspace.isTrusted && [...this.folders.values()].some((f) => f.present);
  }

  /** The folder holding a kit's files, for locating its issues. */
  dirOf(kit: LoadedKit): string | undefined {
    for (const f of this.folders.values()) if (f.kit === kit) return f.dir;
    return undefined;
  }

  /** The team kit of the workspace folder holding `uri`, if it loaded. */
  kitFor(uri: vscode.Uri): LoadedKit | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const kit = folder ? this.folders.get(folder.uri.toString())?.kit : undefined;
    return kit?.ok ? kit : undefined;
  }

  /** Re-reads the workspace folders and trust; reloads every kit when `all`, else only new folders'. */
  refresh(all = false): void {
    const wanted = new Map<string, vscode.WorkspaceFolder>();
    // Kits are read with Node's fs: only folders on disk can hold one.
    for (const folder of vscode.workspace.workspaceFolders ?? []) if (folder.uri.scheme === 'file') wanted.set(folder.uri.toString(), folder);
    for (const [key, f] of this.folders) {
      if (!wanted.has(key) || all || kitDirOf(f.folder) !== f.dir) this.drop(key);
    }
    for (const [key, folder] of wanted) {
      let f = this.folders.get(key);
      if (!f) {
        const dir = kitDirOf(folder);
        const created: FolderKit = { folder, dir, present: false, published: [], diagrams: new Map(), watcher: this.watch(folder, dir, () => this.schedule(created)) };
        this.folders.set(key, (f = created));
      }
      this.reload(f, false);
    }
    this.changed.fire({});
  }

  private watch(folder: vscode.WorkspaceFolder, dir: string, onChange: () => void): vscode.Disposable {
    const rel = path.relative(folder.uri.fsPath, dir).split(path.sep).join('/');
    const pattern = rel && !rel.startsWith('..') && !path.isAbsolute(rel)
      ? new vscode.RelativePattern(folder, `${rel}/**`)
      : new vscode.RelativePattern(vscode.Uri.file(dir), '**');
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    return vscode.Disposable.from(watcher, watcher.onDidCreate(onChange), watcher.onDidChange(onChange), watcher.onDidDelete(onChange));
  }

  private touched(doc: vscode.TextDocument, ms: number): void {
    if (doc.uri.scheme !== 'file') return;
    for (const f of this.folders.values()) if (isInside(doc.uri.fsPath, f.dir)) this.schedule(f, ms);
  }

  private schedule(f: FolderKit, ms = RELOAD_DEBOUNCE_MS): void {
    if (f.timer) clearTimeout(f.timer);
    f.timer = setTimeout(() => {
      f.timer = undefined;
      if (this.folders.get(f.folder.uri.toString()) !== f) return;
      this.reload(f, true);
    }, ms);
  }

  /** The unsaved text of the folder's kit files open in editors, by path relative to the kit folder. */
  private edited(f: FolderKit): Map<string, string> {
    const out = new Map<string, string>();
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === 'file' && doc.isDirty && !doc.isClosed && isInside(doc.uri.fsPath, f.dir)) {
        out.set(path.relative(f.dir, doc.uri.fsPath).split(path.sep).join('/'), doc.getText());
      }
    }
    return out;
  }

  /** Loads (or unloads) one folder's kit and publishes its issues; fires `onDidChange` when `fire`. */
  private reload(f: FolderKit, fire: boolean): void {
    const before = { kit: f.kit, present: f.present };
    f.present = fs.existsSync(path.join(f.dir, 'kit.yaml'));
    f.kit = undefined;
    if (f.present && vscode.workspace.isTrusted) {
      try {
        f.kit = this.load(f.dir, this.builtIn, this.edited(f));
      } catch (e) {
        // The loader never throws by contract; if it does, the kit shows as one error rather than breaking the tree.
        f.kit = brokenKit(f.dir, e);
      }
    }
    this.publish(f);
    if (fire && (before.kit || f.kit || before.present !== f.present)) this.changed.fire({ kit: f.kit });
  }

  private publish(f: FolderKit, keepDiagrams = false): void {
    for (const uri of f.published) this.diagnostics.delete(uri);
    f.published = [];
    if (!keepDiagrams) f.diagrams.clear();
    if (!f.kit) return;
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const issue of f.kit.issues) {
      const file = issue.file || 'kit.yaml';
      const list = byFile.get(file) ?? [];
      list.push(this.toDiagnostic(issue));
      byFile.set(file, list);
    }
    for (const [file, list] of f.diagrams) byFile.set(file, [...(byFile.get(file) ?? []), ...list]);
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.file(path.join(f.dir, ...file.split('/')));
      this.diagnostics.set(uri, list);
      f.published.push(uri);
    }
  }

  /**
   * The guide panel could not render a diagram of a kit problem: a diagnostic on `line` (0-based,
   * `length` characters long) of the problem file, until the kit is next loaded.
   */
  reportDiagramError(kit: LoadedKit, file: string, line: number, length: number, message: string): void {
    const f = [...this.folders.values()].find((x) => x.kit === kit);
    if (!f) return;
    const range = new vscode.Range(line, 0, line, length);
    const d = new vscode.Diagnostic(range, `Mermaid diagram does not parse: ${message.split('\n')[0]}`, vscode.DiagnosticSeverity.Error);
    d.source = KIT_DIAGNOSTIC_SOURCE;
    d.code = this.docs ? { value: KIT_DIAGRAM_CODE, target: this.docs(KIT_DIAGRAM_CODE) } : KIT_DIAGRAM_CODE;
    const list = f.diagrams.get(file) ?? [];
    if (list.some((x) => x.range.isEqual(range) && x.message === d.message)) return;
    f.diagrams.set(file, [...list, d]);
    this.publish(f, true);
  }

  private toDiagnostic(issue: KitIssue): vscode.Diagnostic {
    const r = issue.range;
    const range = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : new vscode.Range(0, 0, 0, 0);
    const severity = issue.severity === 'error' ? vscode.DiagnosticSeverity.Error
      : issue.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
    const d = new vscode.Diagnostic(range, kitIssueMessage(issue), severity);
    d.source = KIT_DIAGNOSTIC_SOURCE;
    const code = issue.code ?? KIT_INVALID_CODE;
    d.code = this.docs ? { value: code, target: this.docs(code) } : code;
    return d;
  }

  private drop(key: string): void {
    const f = this.folders.get(key);
    if (!f) return;
    if (f.timer) clearTimeout(f.timer);
    f.watcher.dispose();
    for (const uri of f.published) this.diagnostics.delete(uri);
    this.folders.delete(key);
  }

  dispose(): void {
    for (const key of [...this.folders.keys()]) this.drop(key);
    for (const d of this.disposables) d.dispose();
  }
}

/** Whether `file` is `dir` or lies below it. */
export function isInside(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A kit that could not be loaded at all, as one issue on `kit.yaml`. */
function brokenKit(dir: string, e: unknown): LoadedKit {
  const message = `could not be loaded: ${e instanceof Error ? e.message : String(e)}`;
  return {
    id: path.basename(path.dirname(dir)) || 'kit', name: path.basename(dir), version: '', builtIn: false, root: dir, includeBuiltIn: true, ok: false,
    archivedRubrics: [], phases: { plan: '', phases: [] }, categories: [], problems: [], feedbackTemplate: '',
    issues: [{ file: 'kit.yaml', path: '', message, severity: 'error' }],
  };
}

/** One line naming a kit's first error, for messages. */
export function firstIssueText(kit: LoadedKit): string | undefined {
  const first = kit.issues.find((i) => i.severity === 'error') ?? kit.issues[0];
  return first ? formatKitIssue(first) : undefined;
}

/**
 * The kit loader over the disk, with the unsaved text of open kit files in place of theirs: the
 * kit core's loader through `fsKitReader`, which keeps its refusal of links leaving the folder.
 */
export function loadEditedKitFolder(dir: string, builtIn: LoadedKit, edited: ReadonlyMap<string, string>): LoadedKit {
  const disk = fsKitReader(dir);
  if (!edited.size) return loadKit(disk, { builtIn });
  const enc = new TextEncoder();
  const reader: KitReader = {
    root: disk.root,
    list: () => disk.list(),
    read: (p) => {
      const text = edited.get(p);
      return text === undefined ? disk.read(p) : enc.encode(text);
    },
  };
  return loadKit(reader, { builtIn });
}
