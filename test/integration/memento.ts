/** A Memento in memory, standing in for workspaceState or globalState where a test needs its own (two services over one are a window reload). */
import type * as vscode from 'vscode';

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
