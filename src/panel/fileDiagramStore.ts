/**
 * The diagram cache's store: one `.svg` file per entry in a folder under the extension's
 * `globalStorageUri`. Files rather than `globalState`, because VS Code loads all of an
 * extension's state into memory in every window and warns when it grows past a few hundred KB;
 * rendered SVGs are tens of KB each and are only needed when their item is opened.
 */
import * as vscode from 'vscode';
import type { DiagramStore } from './diagramCache';

export function fileDiagramStore(dir: vscode.Uri): DiagramStore {
  const fs = vscode.workspace.fs;
  const file = (key: string) => vscode.Uri.joinPath(dir, `${key}.svg`);
  let made: Thenable<void> | undefined;
  return {
    async read(key) {
      try {
        return new TextDecoder().decode(await fs.readFile(file(key)));
      } catch {
        return undefined;
      }
    },
    async write(key, svg) {
      made ??= Promise.resolve(fs.createDirectory(dir)).catch((e: unknown) => {
        made = undefined; // try again on the next write
        throw e;
      });
      await made;
      await fs.writeFile(file(key), new TextEncoder().encode(svg));
    },
    async delete(key) {
      await fs.delete(file(key));
    },
    async list() {
      let names: [string, vscode.FileType][];
      try {
        names = await fs.readDirectory(dir);
      } catch {
        return [];
      }
      const keys = names.filter(([n, t]) => t === vscode.FileType.File && /^[0-9a-f]{64}\.svg$/.test(n)).map(([n]) => n.slice(0, -4));
      return Promise.all(keys.map(async (key) => {
        const s = await fs.stat(file(key));
        return { key, size: s.size, mtime: s.mtime };
      }));
    },
  };
}
