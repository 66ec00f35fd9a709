/** Small helpers over `vscode.workspace.fs` shared by the features. */
import * as fs from 'fs';
import * as vscode from 'vscode';

/** Whether a file or folder exists at `uri` (any error reading it counts as no). */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** The most files `writeNewFile` tries (`name-2` … `name-999`). */
export const MAX_SUFFIX = 999;

/**
 * Writes `bytes` to the first free name in `dir` (`nameOf(1)`, `nameOf(2)`…) and returns its URI;
 * undefined when all `MAX_SUFFIX` are taken. On disk the file is opened with O_EXCL (`wx`), so a
 * file created meanwhile by anything else is never overwritten; other file systems get a workspace
 * edit that refuses to replace an existing file. A name whose document is still open (its file
 * deleted from outside the editor) is skipped too.
 */
export async function writeNewFile(dir: vscode.Uri, nameOf: (n: number) => string, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
  await vscode.workspace.fs.createDirectory(dir);
  for (let n = 1; n <= MAX_SUFFIX; n++) {
    const uri = vscode.Uri.joinPath(dir, nameOf(n));
    // A name whose document VS Code still holds (a file deleted outside the editor keeps its
    // document, with the old text, for minutes) is not free: opening the new file would give back
    // that document, and whatever is written into it would never reach the new file.
    const key = uri.toString();
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) continue;
    if (uri.scheme === 'file') {
      try {
        const handle = await fs.promises.open(uri.fsPath, 'wx');
        try {
          await handle.writeFile(bytes);
        } finally {
          await handle.close();
        }
        return uri;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') continue;
        throw e;
      }
    }
    if (await uriExists(uri)) continue;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: bytes });
    if (await vscode.workspace.applyEdit(edit)) return uri;
    if (await uriExists(uri)) continue;
    throw new Error(`the file ${uri.toString()} could not be created`);
  }
  return undefined;
}
