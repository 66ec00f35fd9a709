import * as fs from 'fs';
import * as vscode from 'vscode';

/**
 * Saves `doc` as a user does with Ctrl+S, and again when VS Code reports that the save did not happen.
 * Now and then, on a busy machine and once on an idle one, a save reports failure with no error shown
 * (the document still dirty, its text sometimes on disk and sometimes not: the cause is not known); a
 * user would press Ctrl+S again. Between tries it waits for the document to be saved after all or for
 * half a second. The tests that use this check what follows a save (the report, the tree),
 * not the save itself; a document that cannot be saved in three tries still fails them.
 */
export async function saveAsAUserDoes(doc: vscode.TextDocument): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    if (await doc.save()) return true;
    const onDisk = doc.uri.scheme === 'file' && fs.existsSync(doc.uri.fsPath) && fs.readFileSync(doc.uri.fsPath, 'utf8') === doc.getText();
    console.log(`      (saving ${vscode.workspace.asRelativePath(doc.uri)} reported failure, try ${attempt}: dirty ${doc.isDirty}, version ${doc.version}, the text ${onDisk ? 'is' : 'is not'} on disk)`);
    if (attempt === 3) return false;
    // A bound, not a wait for success: the next try follows either way.
    await new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidSaveTextDocument((d) => { if (d === doc) done(); });
      const guard = setTimeout(done, 500);
      function done() { sub.dispose(); clearTimeout(guard); resolve(); }
    });
    if (!doc.isDirty) return true;
  }
}
