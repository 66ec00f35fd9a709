/**
 * The feedback checks and CodeLens in the schemes of remote and virtual documents: a feedback file
 * on a virtual file system (`vscode-vfs`, as GitHub Repositories opens one) or a Live Share guest's
 * copy (`vsls`) is checked like one on disk; a scheme the selector does not name (a `git:` original,
 * another extension's view) gets nothing. Each scheme is a file system in memory registered here.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FILLED, SOURCE, api, codes, diagnosticsWhen, knownState, replaceOnce, writeText } from './helpers';
import { MemoryFs } from './memoryFs';

/** A feedback with a score above the scale: one `score-out-of-range` (or the like) error to see. */
const BROKEN = replaceOnce(FILLED, 'Technical Architecture (30%): 3 / 4', 'Technical Architecture (30%): 7 / 4');

/** The extension's CodeLenses on `uri`, as VS Code's CodeLens provider command gathers them. */
async function ourLenses(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('Weighted '));
}

describe('feedback: remote and virtual schemes of the feedback selector', () => {
  // Starts from the workspace as the fixture has it (helpers.ts): no kit or file of another suite.
  before(knownState);
  const systems: MemoryFs[] = [];
  before(async () => { await api(); });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const fs of systems.splice(0)) fs.dispose();
  });

  for (const scheme of ['vscode-vfs', 'vsls']) {
    it(`checks a feedback document in ${scheme}: and gives it the CodeLens`, async () => {
      const fs = new MemoryFs(scheme);
      systems.push(fs);
      const uri = fs.uri('/interview-feedback/broken.md');
      await writeText(uri, BROKEN);
      const waiting = diagnosticsWhen(uri, (ds) => ds.length > 0, `the checks of ${scheme}: ${uri.path}`, 20_000);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const ds = await waiting;
      assert.ok(ds.every((d) => d.source === SOURCE));
      assert.ok(ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line === 9), `no error on the score line: ${JSON.stringify(codes(ds))}`);
      assert.notStrictEqual((await ourLenses(uri)).length, 0, `no CodeLens of the extension in ${scheme}:`);
    });
  }

  it('gives a scheme the selector does not name no CodeLens', async () => {
    const fs = new MemoryFs('sdi-not-editable');
    systems.push(fs);
    const uri = fs.uri('/interview-feedback/broken.md');
    await writeText(uri, BROKEN);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    assert.deepStrictEqual(await ourLenses(uri), []);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE), []);
  });

  // Registered last, so it runs after this suite's own clean-up: leaves the workspace as the fixture has it.
  after(knownState);
});
