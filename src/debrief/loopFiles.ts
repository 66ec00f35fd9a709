/**
 * The workspace's loop files as the debrief reads them: every file matching `sdi.loops.glob` (in a
 * trusted workspace only, as the loop checks), read when first asked for and again when it changes.
 */
import * as vscode from 'vscode';
import { readLoop, type LoopFile } from '../core/loop';
import { LOOP_GLOB_DEFAULT } from '../loops';

/** A loop file of the workspace, read. */
export interface WorkspaceLoop extends LoopFile {
  uri: vscode.Uri;
}

export class LoopFiles implements vscode.Disposable {
  private readonly loops = new Map<string, WorkspaceLoop>();
  private listing: Promise<void> | undefined;
  private generation = 0;
  private watchers: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a loop file was added, changed or removed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor() {
    const relist = () => { if (this.listing) this.listing = this.list(); };
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(relist),
      vscode.workspace.onDidChangeWorkspaceFolders(relist),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('sdi.loops.glob')) relist(); }),
    );
  }

  /** Lists and reads the loop files (once); resolves when they are read. */
  ready(): Promise<void> {
    this.listing ??= this.list();
    return this.listing;
  }

  /** The loop files read, in no particular order. */
  all(): WorkspaceLoop[] {
    return [...this.loops.values()];
  }

  /**
   * The loop file at `uri`, read now when the listing has not seen it yet (just created: the
   * watcher's event may still be on its way); undefined when it cannot be read or the workspace is not trusted.
   */
  async at(uri: vscode.Uri): Promise<WorkspaceLoop | undefined> {
    await this.ready();
    if (!this.loops.has(uri.toString()) && vscode.workspace.isTrusted) {
      await this.read(uri);
      if (this.loops.has(uri.toString())) this.changed.fire();
    }
    return this.loops.get(uri.toString());
  }

  private async list(): Promise<void> {
    const generation = ++this.generation;
    for (const w of this.watchers.splice(0)) w.dispose();
    this.loops.clear();
    // Loop files name people and problems a team kit defines: like kits, they are read only in a trusted workspace.
    if (!vscode.workspace.isTrusted || !vscode.workspace.workspaceFolders?.length) return this.changed.fire();
    const glob = vscode.workspace.getConfiguration('sdi.loops', vscode.workspace.workspaceFolders[0]).get<string>('glob') || LOOP_GLOB_DEFAULT;
    const w = vscode.workspace.createFileSystemWatcher(glob);
    const reread = (u: vscode.Uri) => void this.read(u).then(() => this.changed.fire());
    this.watchers.push(w, w.onDidCreate(reread), w.onDidChange(reread), w.onDidDelete((u) => { if (this.loops.delete(u.toString())) this.changed.fire(); }));
    const found = await vscode.workspace.findFiles(glob, '**/node_modules/**');
    if (generation !== this.generation) return;
    await Promise.all(found.map((u) => this.read(u)));
    if (generation === this.generation) this.changed.fire();
  }

  private async read(uri: vscode.Uri): Promise<void> {
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.loops.delete(uri.toString());
      return;
    }
    this.loops.set(uri.toString(), { ...readLoop(vscode.workspace.asRelativePath(uri), text), uri });
  }

  dispose(): void {
    this.generation++;
    for (const d of [...this.watchers.splice(0), ...this.disposables.splice(0)]) d.dispose();
  }
}
