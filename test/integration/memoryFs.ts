/**
 * A file system in memory under its own scheme, whose writes can be refused: a stand-in for a disk
 * that fails a save (as root, a read-only file on this machine's disk would still be written).
 */
import * as vscode from 'vscode';

export class MemoryFs implements vscode.FileSystemProvider {
  private readonly files = new Map<string, { data: Uint8Array; mtime: number }>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  /** How many of the next writes are refused (Infinity: all of them). */
  refuse = 0;
  /** Writes refused so far. */
  refused = 0;
  private readonly registration: vscode.Disposable;

  constructor(readonly scheme: string) {
    this.registration = vscode.workspace.registerFileSystemProvider(scheme, this, { isCaseSensitive: true });
  }

  uri(path: string): vscode.Uri { return vscode.Uri.from({ scheme: this.scheme, path }); }
  text(uri: vscode.Uri): string | undefined {
    const f = this.files.get(uri.path);
    return f && new TextDecoder().decode(f.data);
  }

  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }
  stat(uri: vscode.Uri): vscode.FileStat {
    if (uri.path === '/') return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: f.mtime, size: f.data.byteLength };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(): void { /* one flat folder */ }
  readFile(uri: vscode.Uri): Uint8Array {
    const f = this.files.get(uri.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(uri);
    return f.data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    if (this.refuse > 0) {
      this.refuse--;
      this.refused++;
      throw vscode.FileSystemError.NoPermissions(uri);
    }
    const existed = this.files.has(uri.path);
    const before = this.files.get(uri.path)?.mtime ?? 0;
    this.files.set(uri.path, { data: content.slice(), mtime: Math.max(Date.now(), before + 1) });
    this.emitter.fire([{ type: existed ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri }]);
  }
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri }]);
  }
  rename(from: vscode.Uri, to: vscode.Uri): void {
    const f = this.files.get(from.path);
    if (!f) throw vscode.FileSystemError.FileNotFound(from);
    this.files.delete(from.path);
    this.files.set(to.path, f);
    this.emitter.fire([{ type: vscode.FileChangeType.Deleted, uri: from }, { type: vscode.FileChangeType.Created, uri: to }]);
  }
  dispose(): void {
    this.registration.dispose();
    this.emitter.dispose();
  }
}
