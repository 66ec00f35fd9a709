/**
 * Calibration in the real extension host: `Interview: Show Calibration` builds the report from the
 * workspace's feedback files, follows a save, a new file and a deletion without a reload (reading
 * only the changed file), and the Calibration Notes heading gets its CodeLens, hover and summary
 * line. Waits are on the report's own events (the page saying it drew a version), never on sleeps.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CalibrationFeature, PostedReport } from '../../src/calibration';
import { fill } from '../fixtures/feedback/fill';
import { renderedWhen } from './calibrationWait';
import { api, eventWhen, knownState, root, writeText } from './helpers';
import { saveAsAUserDoes } from './save';

const DIR = 'cal-it';
const uriOf = (name: string) => vscode.Uri.joinPath(root(), DIR, name);
const fileOf = (name: string) => `${DIR}/${name}`;

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = uriOf(name);
  await writeText(uri, text);
  return uri;
}

const rowOf = (feature: CalibrationFeature, name: string) => feature.model.report().rows.find((r) => r.file === fileOf(name));

/** Ada and Bob, each scored by Grace and Alan; one unscored feedback; one naming a kit the workspace lacks. */
const FILES: Record<string, string> = {
  'ada-grace.md': fill({ candidate: 'Ada Lovelace', interviewer: 'Grace Hopper', date: '2024-03-15', scores: [3, 3, 3, 4, 3], recommend: ['hire'] }),
  'ada-alan.md': fill({ candidate: 'ada  lovelace', interviewer: 'Alan Turing', date: '2024-03-16', scores: [2, 3, 3, 3, 3], recommend: ['no-hire'] }),
  'bob-grace.md': fill({ candidate: 'Bob Kahn', interviewer: 'Grace Hopper', date: '2024-04-01', scores: [4, 4, 4, 4, 4], recommend: ['strong-hire'] }),
  'bob-alan.md': fill({ candidate: 'Bob Kahn', interviewer: 'alan turing', date: '2024-04-02', scores: [3, 4, 4, 4, 4], recommend: ['hire'] }),
  'cy-unscored.md': fill({ candidate: 'Cy Young', interviewer: 'Grace Hopper', date: '2024-04-03', scores: [3, 3] }),
  'other-kit.md': `<!-- sdi-kit: kit=acme-kit rubric=9 -->\n${fill({ candidate: 'Dee', interviewer: 'Grace Hopper', scores: [3, 3, 3, 3, 3] })}`,
};

/** The folders of the burst and folder-deletion tests, there from the start (made in `before`). */
const FOLDERS = ['burst', 'month'];

describe('calibration: the report and Calibration Notes in the editor', function () {
  this.timeout(60000);
  let feature: CalibrationFeature;
  /** Each row of the suite's files in the first report: `file=weighted score`. */
  let firstRows: string[];
  const rowsOfSuite = () => feature.model.report().rows.filter((r) => r.file.startsWith(`${DIR}/`)).map((r) => `${r.file}=${r.weightedScore}`).sort();

  before(knownState);

  before(async () => {
    await api();
    // The report reads only this suite's files: other suites write feedback elsewhere.
    const config = vscode.workspace.getConfiguration('sdi');
    await config.update('feedback.glob', `**/${DIR}/**/*.md`, vscode.ConfigurationTarget.Workspace);
    await config.update('feedback.folder', DIR, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(root(), DIR));
    // The burst test's folder exists from the start: files written into a folder the watcher has just
    // seen created can go unreported.
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(root(), DIR, 'burst'));
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(root(), DIR, 'month'));
    for (const [name, text] of Object.entries(FILES)) await write(name, text);
  });

  // The report every test reads, opened as a user opens it (the first test checks what it built).
  before(async () => {
    feature = await vscode.commands.executeCommand<CalibrationFeature>('sdi.showCalibration');
    assert.ok(feature?.panel, 'sdi.showCalibration did not resolve with the feature');
    await renderedWhen(feature, () => feature.model.loaded && feature.model.report().rows.filter((r) => r.file.startsWith(`${DIR}/`)).length === 5 && feature.model.report().files === 6, 'the first report');
    firstRows = rowsOfSuite();
  });

  // Each test starts from the suite's files as written above, read into the visible report, whatever the
  // tests before it changed: a file rescored, files added in the report's folder and not removed.
  beforeEach(async () => {
    const dir = path.join(root().fsPath, DIR);
    const extra = [
      ...fs.readdirSync(dir).filter((n) => !(n in FILES) && !FOLDERS.includes(n)),
      ...FOLDERS.filter((f) => fs.existsSync(path.join(dir, f))).flatMap((f) => fs.readdirSync(path.join(dir, f)).map((n) => `${f}/${n}`)),
    ];
    const changed = Object.entries(FILES).filter(([name, text]) => !fs.existsSync(uriOf(name).fsPath) || fs.readFileSync(uriOf(name).fsPath, 'utf8') !== text);
    if (!feature.panel.visible) await vscode.commands.executeCommand('sdi.showCalibration');
    if (!extra.length && !changed.length) return;
    const back = renderedWhen(feature, () => !feature.panel.pending && JSON.stringify(rowsOfSuite()) === JSON.stringify(firstRows), `the suite's files back in the report (${[...extra, ...changed.map(([n]) => n)].join(', ')})`);
    for (const name of extra) await vscode.workspace.fs.delete(uriOf(name), { recursive: true, useTrash: false });
    for (const [name, text] of changed) await write(name, text);
    await back;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const config = vscode.workspace.getConfiguration('sdi');
    await config.update('feedback.glob', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('feedback.folder', undefined, vscode.ConfigurationTarget.Workspace);
    await config.update('calibration.minN', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), DIR), { recursive: true, useTrash: false });
  });

  after(knownState);

  it('Show Calibration builds the report from the workspace: rows, offsets, agreement, unreadable files', () => {
    const report = feature.model.report();
    assert.deepStrictEqual(report.rows.map((r) => r.file).sort(), ['ada-alan.md', 'ada-grace.md', 'bob-alan.md', 'bob-grace.md', 'cy-unscored.md'].map(fileOf));
    assert.strictEqual(report.files, 6);
    assert.deepStrictEqual(report.unreadable.map((u) => u.file), [fileOf('other-kit.md')]);
    assert.match(report.unreadable[0].error, /acme-kit/);
    // Weighted: Ada 3.15 (Grace) / 2.70 (Alan), Bob 4.00 / 3.70; Cy is listed, not counted.
    assert.strictEqual(rowOf(feature, 'ada-grace.md')!.weightedScore, 3.15);
    assert.strictEqual(rowOf(feature, 'ada-alan.md')!.weightedScore, 2.7);
    assert.strictEqual(rowOf(feature, 'cy-unscored.md')!.weightedScore, null);
    assert.strictEqual(report.rows.find((r) => r.file === fileOf('cy-unscored.md'))!.counted, false);
    assert.strictEqual(report.candidates, 2, 'Ada (two spellings) and Bob are two candidates');
    const grace = report.interviewers.find((i) => i.name === 'Grace Hopper')!;
    const alan = report.interviewers.find((i) => i.key === 'alan turing')!;
    // Grace: (3.15 − 2.70 + 4.00 − 3.70) / 2 = +0.375 over 2 candidates; Alan the opposite.
    assert.strictEqual(grace.offsetN, 2);
    assert.ok(Math.abs(grace.offset! - 0.375) < 1e-9, `Grace's offset is ${grace.offset}`);
    assert.ok(Math.abs(alan.offset! + 0.375) < 1e-9, `Alan's offset is ${alan.offset}`);
    assert.strictEqual(grace.enoughData, false, 'n 2 is below the default minimum of 5');
    // 10 units (2 candidates × 5 dimensions), one pair each: 7 equal, all within one.
    assert.strictEqual(report.agreement.units, 10);
    assert.ok(Math.abs(report.agreement.exact! - 0.7) < 1e-9, `exact ${report.agreement.exact}`);
    assert.strictEqual(report.agreement.withinOne, 1);
    assert.strictEqual(typeof report.agreement.alphaOrdinal, 'number');
  });

  it('a save, a new file and a deletion update the open report, reading only that file', async () => {
    const uri = uriOf('ada-alan.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('- Technical Architecture'));
    assert.ok(line >= 0);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, doc.lineAt(line).range, '- Technical Architecture (30%): 4 / 4');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const saved = renderedWhen(feature, (r) => r.changed.includes(fileOf('ada-alan.md')) && rowOf(feature, 'ada-alan.md')?.weightedScore === 3.3, 'the saved score in the report');
    // The table before the save: the report follows saves, not unsaved edits, and the delta can reach the page
    // before the save's promise resolves.
    const before = await feature.panel.probeTable();
    assert.ok(!before.rows.some((x) => x.file === fileOf('ada-alan.md') && x.cells.join(' | ').includes('3.30')), 'the unsaved edit is not in the report');
    let savedAt = 0;
    const onSave = vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.toString() === uri.toString()) savedAt = performance.now(); });
    const t0 = performance.now();
    assert.ok(await saveAsAUserDoes(doc), 'the save reported failure');
    const t1 = performance.now();
    // The default settings: the weighted score on save wrote the new score, with the report open.
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /^- \*\*Weighted Score:\*\* 3\.30 \/ 4\.0$/m);
    onSave.dispose();
    const r = await saved;
    console.log(`      save ${(t1 - t0).toFixed(0)} ms; saved event → report posted ${(r.postedAt - savedAt).toFixed(0)} ms, → drawn ${(r.renderedAt - savedAt).toFixed(0)} ms (page ${r.pageMs?.toFixed(0)} ms) with ${feature.model.report().rows.length} rows`);
    assert.deepStrictEqual(r.changed, [fileOf('ada-alan.md')], 'only the saved file was read again');
    assert.strictEqual(r.kind, 'delta', 'a save posts a delta, not the whole report');
    // The page's table: exactly the saved file's row changed (its Technical score and weighted score), the others are as they were.
    const after = await feature.panel.probeTable();
    assert.strictEqual(after.version, r.version);
    assert.strictEqual(after.held, 5);
    const cellsOf = (t: typeof after) => new Map(t.rows.map((x) => [`${x.file}#${x.index}`, x.cells.join(' | ')]));
    const was = cellsOf(before);
    const now = cellsOf(after);
    assert.deepStrictEqual([...now.keys()].sort(), [...was.keys()].sort());
    const differing = [...now.keys()].filter((k) => now.get(k) !== was.get(k));
    assert.deepStrictEqual(differing, [`${fileOf('ada-alan.md')}#0`], `rows that changed in the page: ${differing.join(', ')}`);
    // The weighted score (third column) and the first dimension's score (after the level).
    assert.match(now.get(`${fileOf('ada-alan.md')}#0`)!, /^[^|]+\| 2024-03-16 \| 3\.30 \|.*\| 4 \| 3 \| 3 \| 3 \| 3$/);
    const alan = feature.model.report().interviewers.find((i) => i.key === 'alan turing')!;
    // Ada is now 3.15 vs 3.30: Alan's offset (0.15 − 0.30) / 2 = −0.075.
    assert.ok(Math.abs(alan.offset! + 0.075) < 1e-9, `Alan's offset is ${alan.offset}`);

    const created = renderedWhen(feature, (x) => x.changed.includes(fileOf('eve-alan.md')), 'a new file in the report');
    await write('eve-alan.md', fill({ candidate: 'Eve', interviewer: 'Alan Turing', date: '2024-05-01', scores: [1, 1, 1, 1, 1] }));
    await created;
    assert.strictEqual(rowOf(feature, 'eve-alan.md')?.weightedScore, 1);

    const deleted = renderedWhen(feature, (x) => x.changed.includes(fileOf('eve-alan.md')) && !rowOf(feature, 'eve-alan.md'), 'a deleted file gone from the report');
    await vscode.workspace.fs.delete(uriOf('eve-alan.md'));
    await deleted;
    assert.strictEqual(feature.model.report().rows.length, 5);
    const table = await feature.panel.probeTable();
    assert.strictEqual(table.held, 5, 'the page dropped the deleted file\'s row');
    assert.ok(!table.rows.some((x) => x.file === fileOf('eve-alan.md')), 'the deleted file\'s row is gone from the table');
    assert.deepStrictEqual(new Set(table.rows.map((x) => x.file)), new Set(['ada-alan.md', 'ada-grace.md', 'bob-alan.md', 'bob-grace.md', 'cy-unscored.md'].map(fileOf)));
  });

  it('a burst of new files costs far fewer updates than files, and the page ends with every row', async () => {
    const n = 60;
    const dir = path.join(root().fsPath, DIR, 'burst');
    const posts: PostedReport[] = [];
    const counting = feature.panel.onDidPost((p) => posts.push(p));
    try {
      const all = renderedWhen(feature, () => !feature.panel.pending && feature.model.report().rows.filter((r) => r.file.startsWith(`${DIR}/burst/`)).length === n, `all ${n} new files in the report`);
      for (let i = 0; i < n; i++) fs.writeFileSync(path.join(dir, `b${i}.md`), fill({ candidate: `Burst ${i}`, interviewer: 'Ken Thompson', date: '2024-06-01', problem: 'Burst', scores: [2, 2, 2, 2, 2] }));
      const drawnAll = await all;
      // Drawn: the page saw every version up to this one; what it holds is what the host's report has.
      const table = await feature.panel.probeTable();
      assert.strictEqual(table.version, drawnAll.version);
      assert.strictEqual(table.held, 5 + n);
      console.log(`      ${n} files created: ${posts.length} update(s) posted (${posts.map((p) => `${p.kind} ${p.rows}`).join(', ')})`);
      assert.ok(posts.length <= n / 6, `${posts.length} updates posted for ${n} new files`);

      posts.length = 0;
      const gone = renderedWhen(feature, () => !feature.panel.pending && !feature.model.report().rows.some((r) => r.file.startsWith(`${DIR}/burst/`)), 'the burst files gone');
      for (let i = 0; i < n; i++) fs.unlinkSync(path.join(dir, `b${i}.md`));
      await gone;
      const after = await feature.panel.probeTable();
      assert.strictEqual(after.held, 5);
      assert.ok(!after.rows.some((x) => x.file.startsWith(`${DIR}/burst/`)));
      assert.ok(posts.length <= n / 6, `${posts.length} updates posted for ${n} deleted files`);
    } finally {
      counting.dispose();
      for (let i = 0; i < n; i++) fs.rmSync(path.join(dir, `b${i}.md`), { force: true });
    }
  });

  it('a deleted folder of feedback leaves the report with its files (the watcher names only the folder)', async () => {
    const dir = path.join(root().fsPath, DIR, 'month');
    // One level, like the burst folder: files in a nested folder created at once can go unreported (a known gap).
    const names = ['month/m1.md', 'month/m2.md', 'month/m3.md'];
    const all = renderedWhen(feature, () => names.every((n) => rowOf(feature, n)), 'the folder\'s files in the report');
    for (const [i, n] of names.entries()) fs.writeFileSync(path.join(root().fsPath, DIR, n), fill({ candidate: `Month ${i}`, interviewer: 'Ken Thompson', date: '2024-07-01', scores: [3, 3, 3, 3, 3] }));
    await all;
    const gone = renderedWhen(feature, () => !feature.panel.pending && !names.some((n) => rowOf(feature, n)), 'the deleted folder\'s files gone');
    // As `git checkout` or a file manager does it: the whole folder at once, outside VS Code.
    fs.rmSync(dir, { recursive: true });
    await gone;
    const table = await feature.panel.probeTable();
    assert.strictEqual(table.held, 5);
    assert.ok(!table.rows.some((x) => x.file.startsWith(`${DIR}/month/`)));
  });

  it('a folder moved in with its files joins the open report (the watcher sends no event for those files)', async () => {
    // Written outside the report's folder and glob, then moved in whole, as `mv`, an unpacked archive or a
    // checkout brings a folder: the watcher reports the folder alone, which no `*.md` pattern matches.
    const staging = path.join(root().fsPath, 'cal-staging');
    const names = ['pulled/2024-08/p1.md', 'pulled/2024-08/p2.md', 'pulled/p3.md'];
    for (const [i, n] of names.entries()) {
      fs.mkdirSync(path.dirname(path.join(staging, n)), { recursive: true });
      fs.writeFileSync(path.join(staging, n), fill({ candidate: `Pulled ${i}`, interviewer: 'Barbara Liskov', date: '2024-08-01', scores: [2, 3, 2, 3, 2] }));
    }
    const all = renderedWhen(feature, () => names.every((n) => rowOf(feature, n)), 'the moved folder\'s files in the report', 60000);
    fs.renameSync(path.join(staging, 'pulled'), path.join(root().fsPath, DIR, 'pulled'));
    fs.rmSync(staging, { recursive: true });
    await all;
    const table = await feature.panel.probeTable();
    assert.strictEqual(table.held, 8);
    const gone = renderedWhen(feature, () => !feature.panel.pending && !names.some((n) => rowOf(feature, n)), 'the moved folder\'s files gone');
    fs.rmSync(path.join(root().fsPath, DIR, 'pulled'), { recursive: true });
    await gone;
  });

  it('a folder that arrived while the report was hidden joins it as soon as the report is shown again', async () => {
    const every = feature.panel.relistEvery;
    // Ten minutes between listings: only the listing on showing again can find the files in time.
    feature.panel.relistEvery = { minMs: 600_000, factor: 1, maxMs: 600_000 };
    const staging = path.join(root().fsPath, 'cal-staging-hidden');
    const names = ['arrived/q1.md', 'arrived/q2.md'];
    const other = await vscode.workspace.openTextDocument({ content: 'hides the report' });
    try {
      // Hidden behind another tab of its group.
      const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview));
      assert.ok(group, 'the report has no tab');
      // VS Code tells the panel on its own schedule, by a view-state change.
      const hidden = eventWhen(feature.panel.onDidChangeVisibility, (visible) => !visible, 'the report hidden behind another tab', 10_000);
      await vscode.window.showTextDocument(other, { viewColumn: group.viewColumn, preview: false });
      await hidden;
      assert.strictEqual(feature.panel.visible, false);
      for (const [i, n] of names.entries()) {
        fs.mkdirSync(path.dirname(path.join(staging, n)), { recursive: true });
        fs.writeFileSync(path.join(staging, n), fill({ candidate: `Arrived ${i}`, interviewer: 'Barbara Liskov', date: '2024-08-02', scores: [3, 3, 2, 3, 2] }));
      }
      fs.renameSync(path.join(staging, 'arrived'), path.join(root().fsPath, DIR, 'arrived'));
      fs.rmSync(staging, { recursive: true });
      const all = renderedWhen(feature, () => names.every((n) => rowOf(feature, n)), 'the files that arrived while hidden in the report', 30000);
      await vscode.commands.executeCommand('sdi.showCalibration');
      await all;
    } finally {
      feature.panel.relistEvery = every;
    }
    const gone = renderedWhen(feature, () => !feature.panel.pending && !names.some((n) => rowOf(feature, n)), 'the arrived files gone');
    fs.rmSync(path.join(root().fsPath, DIR, 'arrived'), { recursive: true });
    await gone;
  });

  it('the Calibration Notes heading gets a CodeLens and a hover placing the feedback, and the summary line only when asked', async () => {
    const uri = uriOf('bob-grace.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const heading = doc.getText().split('\n').findIndex((l) => l.startsWith('### Calibration Notes'));
    assert.ok(heading > 0);
    const lensesAt = async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
      return all.filter((l) => l.range.start.line === heading).map((l) => l.command?.title ?? '');
    };
    // Bob by Grace (4.00) among the 3 other counted feedbacks of URL Shortener: 3 below → 100th percentile,
    // but 3 is below the minimum n of 5, as is Grace's offset n of 2.
    let titles = await lensesAt();
    const calibration = titles.find((t) => t.startsWith('Calibration:'));
    assert.ok(calibration, `no calibration lens on line ${heading}: ${JSON.stringify(titles)}`);
    assert.match(calibration, /percentile: not enough data \(3 other feedbacks for URL Shortener, 5 needed\)/);
    assert.match(calibration, /Grace Hopper: offset not enough data \(n 2, 5 needed\)/);
    assert.ok(titles.includes('Insert summary'), JSON.stringify(titles));
    assert.ok(!doc.getText().includes('- Calibration ('), 'nothing is written before asked');

    const changed = new Promise<void>((resolve) => { const s = feature.model.onDidChange(() => { s.dispose(); resolve(); }); });
    await vscode.workspace.getConfiguration('sdi').update('calibration.minN', 1, vscode.ConfigurationTarget.Workspace);
    await changed;
    titles = await lensesAt();
    const withData = titles.find((t) => t.startsWith('Calibration:'))!;
    // Grace's offset: (3.15 − 2.70 + 4.00 − 3.70) / 2 = +0.375 (0.37 or 0.38 by binary rounding).
    assert.match(withData, /^Calibration: 100th percentile of 3 for URL Shortener \u00b7 Grace Hopper \+0\.3[78] vs the panel \(n 2\)$/);

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(heading, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Calibration\*\*/);
    assert.match(text, /Weighted score: 4\.00/);
    assert.match(text, /100th percentile of 3 for URL Shortener/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(heading, 0, heading, 0));
    const insert = actions.find((a) => a.title === 'Insert calibration summary');
    assert.ok(insert?.command, `no insert action among ${actions.map((a) => a.title).join(', ')}`);
    await vscode.commands.executeCommand(insert.command.command, ...((insert.command.arguments ?? []) as unknown[]));
    const written = doc.lineAt(heading + 1).text;
    assert.match(written, /^- Calibration \(\d{4}-\d{2}-\d{2}\): weighted 4\.00, at the 100th percentile of the last 3 feedbacks for URL Shortener; Grace Hopper \+0\.3[78] vs the panel \(n 2\)\.$/);
    assert.ok(doc.isDirty, 'the line is an edit of the open document, not saved behind the user\'s back');
    assert.strictEqual(doc.lineAt(heading + 2).text, '[Compare to other recent senior candidates, note any edge cases or special considerations]');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
