/**
 * The calibration report's Export CSV and Export JSON in the real extension host: the page's buttons
 * are pressed (a test-build message: the page clicks them as a user would), VS Code's save dialog is
 * answered by standing in for `window.showSaveDialog` while the test runs, and the files written are
 * read back. Its own folder and glob, so it passes alone and in any order.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CalibrationFeature } from '../../src/calibration';
import { fill } from '../fixtures/feedback/fill';
import { renderedWhen } from './calibrationWait';
import { api, knownState, readText, root, writeText } from './helpers';

const DIR = 'untested-export';
const OUT = 'untested-export-out';

/** Three feedbacks on three dates: the table's default order (date, newest first) is Cy, Bob, Ada. */
const FILES: Record<string, string> = {
  'ada.md': fill({ candidate: 'Ada Lovelace', interviewer: 'Grace Hopper', date: '2024-03-15', scores: [3, 3, 3, 4, 3], recommend: ['hire'] }),
  'bob.md': fill({ candidate: 'Bob Kahn', interviewer: 'Alan Turing', date: '2024-04-01', scores: [4, 4, 4, 4, 4], recommend: ['strong-hire'] }),
  'cy.md': fill({ candidate: 'Cy  Young ', interviewer: 'Grace Hopper', date: '2024-05-02', scores: [2, 3, 3, 3, 3], recommend: ['no-hire'] }),
};

type Window = { showSaveDialog: typeof vscode.window.showSaveDialog; showInformationMessage: (message: string, ...rest: unknown[]) => Thenable<unknown> };

/**
 * Presses `button` in the report, answers the save dialog with `target`, and resolves with the dialog's
 * options and the message the user is shown once the file is written (VS Code's own functions are back
 * in place afterwards).
 */
async function exportTo(feature: CalibrationFeature, button: string, target: vscode.Uri): Promise<{ options: vscode.SaveDialogOptions | undefined; message: string }> {
  const win = vscode.window as unknown as Window;
  const { showSaveDialog, showInformationMessage } = win;
  let options: vscode.SaveDialogOptions | undefined;
  try {
    const message = new Promise<string>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`pressing #${button} showed no message within 20 s`)), 20_000);
      win.showSaveDialog = (o) => {
        options = o;
        return Promise.resolve(target);
      };
      win.showInformationMessage = (m: string) => {
        clearTimeout(guard);
        resolve(m);
        return Promise.resolve(undefined);
      };
    });
    await feature.panel.pressInPage(button);
    const shown = await message;
    return { options, message: shown };
  } finally {
    win.showSaveDialog = showSaveDialog;
    win.showInformationMessage = showInformationMessage;
  }
}

/** CSV text as rows of fields (the export quotes no field of these fixtures). */
const csvRows = (text: string) => text.split('\r\n').filter((l) => l !== '').map((l) => l.split(','));

describe('calibration: Export CSV and Export JSON write what the report shows', function () {
  // Starts from the workspace as the fixture has it (helpers.ts): no kit or file of another suite.
  before(knownState);
  this.timeout(60_000);
  let feature: CalibrationFeature;

  before(async () => {
    await api();
    const config = vscode.workspace.getConfiguration('sdi');
    await config.update('feedback.glob', `**/${DIR}/**/*.md`, vscode.ConfigurationTarget.Workspace);
    for (const [name, text] of Object.entries(FILES)) await writeText(vscode.Uri.joinPath(root(), DIR, name), text);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(root(), OUT));
    feature = (await vscode.commands.executeCommand<CalibrationFeature>('sdi.showCalibration'))!;
    await renderedWhen(feature, () => feature.model.loaded && feature.model.report().rows.length === 3, 'the report of the three feedbacks');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('sdi').update('feedback.glob', undefined, vscode.ConfigurationTarget.Workspace);
    for (const d of [DIR, OUT]) await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), d), { recursive: true, useTrash: false });
  });

  it('Export CSV saves the rows shown, in the table\'s order, with their fields and scores', async () => {
    const target = vscode.Uri.joinPath(root(), OUT, 'table.csv');
    const { options, message } = await exportTo(feature, 'export-csv', target);
    assert.strictEqual(message, `Calibration table saved to ${OUT}/table.csv.`);
    assert.strictEqual(options?.defaultUri?.toString(), vscode.Uri.joinPath(root(), 'calibration.csv').toString());
    assert.deepStrictEqual(options?.filters, { CSV: ['csv'] });
    const [header, ...rows] = csvRows(await readText(target));
    assert.deepStrictEqual(header.slice(0, 9), ['file', 'feedback', 'line', 'candidate', 'interviewer', 'date', 'problem', 'level', 'rubric']);
    const col = (name: string) => header.indexOf(name);
    // The order the page draws (newest first), and the names as it shows them.
    const drawn = await feature.panel.probeTable();
    assert.deepStrictEqual(drawn.rows.map((r) => r.file), [`${DIR}/cy.md`, `${DIR}/bob.md`, `${DIR}/ada.md`]);
    assert.deepStrictEqual(rows.map((r) => r[col('file')]), drawn.rows.map((r) => r.file));
    assert.deepStrictEqual(rows.map((r) => r[col('candidate')]), ['Cy Young', 'Bob Kahn', 'Ada Lovelace']);
    assert.deepStrictEqual(rows.map((r) => r[col('date')]), ['2024-05-02', '2024-04-01', '2024-03-15']);
    assert.deepStrictEqual(rows.map((r) => r[col('interviewer')]), ['Grace Hopper', 'Alan Turing', 'Grace Hopper']);
    // Ada: 3 3 3 4 3, weighted 3.15 (production readiness, the fourth dimension, at the top).
    assert.deepStrictEqual(rows.map((r) => r[col('weightedScore')]), ['2.7', '4', '3.15']);
    assert.deepStrictEqual(rows.map((r) => r[col('recommendation')]), ['no-hire', 'strong-hire', 'hire']);
    assert.deepStrictEqual(rows.map((r) => r[col('counted')]), ['true', 'true', 'true']);
    const dims = header.slice(col('rubric') + 1, col('weightedScore'));
    assert.strictEqual(dims.length, 5, `the dimensions' columns: ${dims.join(', ')}`);
    assert.deepStrictEqual(dims.map((d) => rows[2][col(d)]), ['3', '3', '3', '4', '3']);
  });

  it('Export JSON saves the report\'s figures and rows', async () => {
    const target = vscode.Uri.joinPath(root(), OUT, 'figures.json');
    const { options, message } = await exportTo(feature, 'export-json', target);
    assert.strictEqual(message, `Calibration figures saved to ${OUT}/figures.json.`);
    assert.strictEqual(options?.defaultUri?.toString(), vscode.Uri.joinPath(root(), 'calibration.json').toString());
    assert.deepStrictEqual(options?.filters, { JSON: ['json'] });
    const json = JSON.parse(await readText(target)) as { files: number; candidates: number; rows: { file: string; weightedScore: number | null }[]; interviewers: { name: string; n: number }[]; agreement: { units: number } };
    assert.strictEqual(json.files, 3);
    assert.strictEqual(json.candidates, 3);
    assert.deepStrictEqual(json.rows.map((r) => [r.file, r.weightedScore]).sort(), [[`${DIR}/ada.md`, 3.15], [`${DIR}/bob.md`, 4], [`${DIR}/cy.md`, 2.7]]);
    assert.deepStrictEqual(json.interviewers.map((i) => [i.name, i.n]).sort(), [['Alan Turing', 1], ['Grace Hopper', 2]]);
    assert.strictEqual(json.agreement.units, 0, 'no candidate was scored twice');
  });

  // Registered last, so it runs after this suite's own clean-up: leaves the workspace as the fixture has it.
  after(knownState);
});
