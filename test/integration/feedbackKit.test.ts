/**
 * Feedback and the timer following a team kit, in the real extension host: a kit with six
 * dimensions on a 1–5 scale, three bands, an archived rubric version and a 45-minute plan
 * (test/fixtures/editor/kit) is written into the workspace and made the kit folder
 * (`sdi.kit.folder`); every wait is on an event (the kit service changing, diagnostics changing).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { LoadedApi } from '../../src/extension';
import type { NewFeedbackResult } from '../../src/feedback';
import { rubricRecordLine, type LoadedKit } from '../../src/core/kit';
import { TimerService } from '../../src/timer';
import type { CalibrationFeature } from '../../src/calibration';
import { renderedWhen } from './calibrationWait';
import { api, codeOf, diagnosticsWhen, knownState, openFeedbackAt, readText, root } from './helpers';

const MIN = 60_000;
const FIXTURE = path.join(__dirname, '../../../test/fixtures/editor/kit');
const KIT_ID = 'acme';
/** Where the suite's files go, under the workspace folder; the kit's folder is `<BASE>/kit`. */
const BASE = 'feedback-kit-it';

const at = (...parts: string[]) => vscode.Uri.joinPath(root(), BASE, ...parts);
let counter = 0;

/** Writes `text` to a new file of the suite and opens it, resolving when its diagnostics satisfy `ok`. */
const openFeedback = (text: string, ok: (ds: vscode.Diagnostic[]) => boolean) => openFeedbackAt(at('docs', `kit-doc-${++counter}.md`), text, ok);

/** Resolves when `ok()` holds: at once, or after one of the kit service's changes. */
function kitsWhen(a: LoadedApi, ok: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ok()) return resolve();
    const sub = a.kits.onDidChange(() => {
      if (!ok()) return;
      sub.dispose();
      clearTimeout(guard);
      resolve();
    });
    // Not a sleep: a failure report when the kit never loads.
    const guard = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; kits: ${JSON.stringify(a.kits.kits().map((k) => [k.id, k.ok, k.issues.map((i) => `${i.file}: ${i.message}`)]))}`));
    }, 15000);
  });
}

async function lensTitles(doc: vscode.TextDocument): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
  return lenses.map((l) => l.command?.title ?? '').filter((t) => t.startsWith('Weighted'));
}

/** Copies a fixture folder into the workspace through VS Code's file system. */
async function copyInto(from: string, to: vscode.Uri): Promise<void> {
  await vscode.workspace.fs.createDirectory(to);
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    if (e.isDirectory()) await copyInto(path.join(from, e.name), vscode.Uri.joinPath(to, e.name));
    else await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(to, e.name), fs.readFileSync(path.join(from, e.name)));
  }
}

/** A filled feedback on the kit's six dimensions: scores 5 5 4 4 2 2 under the given weights. */
function kitFeedback(weights: number[], record = ''): string {
  const names = ['Problem Framing', 'Architecture', 'Data Modeling', 'Scalability', 'Operations', 'Communication'];
  const scores = [5, 5, 4, 4, 2, 2];
  return [
    ...(record ? [record] : []),
    '## Acme Platform Team: Interview Feedback',
    '',
    '**Candidate:** Kit Tester',
    '**Interviewer:** Grace Hopper',
    '**Date:** 2026-11-20',
    '**Problem Used:** Design a URL Shortener',
    '**Years of Experience:** 7',
    '',
    '### Scores (Weighted)',
    ...names.map((n, i) => `- ${n} (${weights[i]}%): ${scores[i]} / 5`),
    '- **Weighted Score:** [Calculate] / 5.0',
    '',
    '### Recommendation',
    '- [ ] Strong Yes - raises the bar',
    '- [ ] Yes - meets the bar',
    '- [ ] No - below the bar',
    '',
  ].join('\n');
}

/** Weights of the kit's current rubric (version 2) and of its archived version 1. */
const V2 = [20, 25, 15, 15, 15, 10];
const V1 = [30, 20, 15, 15, 10, 10];

describe('feedback and timer: a team kit in the workspace', function () {
  this.timeout(60000);
  before(knownState);
  let a: LoadedApi;
  const acme = (): LoadedKit | undefined => a.kits.kits().find((k) => k.id === KIT_ID && k.ok);

  before(async () => {
    a = await api();
    await copyInto(FIXTURE, at('kit'));
    await vscode.workspace.fs.createDirectory(at('docs'));
    const loaded = kitsWhen(a, () => acme() !== undefined, `kit "${KIT_ID}" to load`);
    await vscode.workspace.getConfiguration('sdi.kit').update('folder', `${BASE}/kit`, vscode.ConfigurationTarget.Workspace);
    await loaded;
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('sdi.feedback').update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    if (vscode.workspace.getConfiguration('sdi.kit').inspect('folder')?.workspaceValue !== undefined) {
      const gone = kitsWhen(a, () => acme() === undefined, `kit "${KIT_ID}" to go`);
      await vscode.workspace.getConfiguration('sdi.kit').update('folder', undefined, vscode.ConfigurationTarget.Workspace);
      await gone;
    }
    await vscode.workspace.fs.delete(at(), { recursive: true, useTrash: false });
  });

  after(knownState);

  it('checks a feedback without a record against the workspace kit: six dimensions, 1-5, weighted score, band and CodeLens', async () => {
    const { doc, ds } = await openFeedback(kitFeedback(V2), (d) => d.some((x) => codeOf(x) === 'weighted-score-stale'));
    const codes = ds.map(codeOf);
    for (const wrong of ['dimension-unknown', 'score-missing', 'weight-mismatch', 'score-invalid', 'score-scale-mismatch', 'rubric-unknown']) {
      assert.ok(!codes.includes(wrong), `${wrong} reported: the kit's rubric was not used (${JSON.stringify(ds.map((d) => [codeOf(d), d.message]))})`);
    }
    const stale = ds.find((d) => codeOf(d) === 'weighted-score-stale')!;
    assert.match(stale.message, /3\.95 \/ 5\.0/);
    assert.strictEqual(stale.severity, vscode.DiagnosticSeverity.Warning);
    const missing = ds.find((d) => codeOf(d) === 'recommendation-missing');
    assert.ok(missing, 'recommendation-missing is not reported');
    assert.match(missing.message, /\bYes\b/);
    assert.deepStrictEqual(await lensTitles(doc), ['Weighted 3.95 / 5.0 \u00b7 Yes \u00b7 6/6 scored']);

    // The quick fix checks the kit's recommendation text for the band.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, missing.range);
    const recommend = actions.find((x) => x.title === 'Recommend Yes');
    assert.ok(recommend?.edit, `no "Recommend Yes" fix among ${JSON.stringify(actions.map((x) => x.title))}`);
    const after = diagnosticsWhen(doc.uri, (d) => !d.some((x) => codeOf(x) === 'recommendation-missing'), 'the recommendation to be checked');
    assert.ok(await vscode.workspace.applyEdit(recommend.edit));
    await after;
    assert.match(doc.getText(), /^- \[x\] Yes - meets the bar$/m);
  });

  it('a scores hover shows the kit dimension\'s levels on the 1-5 scale', async () => {
    const { doc } = await openFeedback(kitFeedback(V2), (d) => d.length > 0);
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('- Architecture (25%)'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Architecture\*\* \(25%\)/);
    assert.match(text, /Written: \*\*5 \/ 5 \u2013 Exceptional\*\*/);
  });

  it('a feedback recording the archived rubric version keeps its old weights\' score and band', async () => {
    const v1 = acme()!.archivedRubrics.find((r) => r.version === '1');
    assert.ok(v1, `the kit's archived rubric version 1 did not load (${JSON.stringify(acme()!.archivedRubrics.map((r) => r.version))})`);
    const { doc, ds } = await openFeedback(kitFeedback(V1, rubricRecordLine(KIT_ID, v1)), (d) => d.some((x) => codeOf(x) === 'weighted-score-stale'));
    assert.ok(!ds.some((d) => ['weight-mismatch', 'rubric-unknown', 'rubric-changed'].includes(codeOf(d)!)), JSON.stringify(ds.map((d) => [codeOf(d), d.message])));
    assert.match(ds.find((d) => codeOf(d) === 'weighted-score-stale')!.message, /4\.10 \/ 5\.0/);
    assert.deepStrictEqual(await lensTitles(doc), ['Weighted 4.10 / 5.0 \u00b7 Strong Yes \u00b7 6/6 scored']);
  });

  it('a feedback recording a kit the workspace does not have gets one rubric-unknown error on its record line, and no score checks', async () => {
    const record = '<!-- sdi-kit: kit=globex rubric=3 fingerprint=0badf00d -->';
    const { doc, ds } = await openFeedback(kitFeedback(V2, record), (d) => d.length > 0);
    assert.deepStrictEqual(ds.map(codeOf), ['rubric-unknown']);
    assert.strictEqual(ds[0].severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(ds[0].range.start.line, 0);
    assert.match(ds[0].message, /globex/);
    assert.deepStrictEqual(await lensTitles(doc), [], 'a CodeLens was shown for a feedback with no rubric');
  });

  it('while the kit\'s rubric.yaml does not load, its feedback gets one kit-rubric-invalid error at the kit\'s error, a "Not checked" CodeLens, and is a file not read in the calibration report', async () => {
    const rubricUri = at('kit', 'rubric.yaml');
    const config = vscode.workspace.getConfiguration('sdi.feedback');
    // Edited and saved in the editor, as a user does: the kit service reloads on the save itself.
    const rubricDoc = await vscode.workspace.openTextDocument(rubricUri);
    const weight = (from: string, to: string) => {
      const edit = new vscode.WorkspaceEdit();
      const offset = rubricDoc.getText().indexOf(from);
      assert.ok(offset >= 0, `"${from}" is not in rubric.yaml`);
      edit.replace(rubricUri, new vscode.Range(rubricDoc.positionAt(offset), rubricDoc.positionAt(offset + from.length)), to);
      return edit;
    };
    try {
      // Weights summing to 95.
      const broken = kitsWhen(a, () => acme()?.rubric === undefined && acme()?.issues.some((i) => i.file === 'rubric.yaml') === true, "the kit's rubric to fail");
      assert.ok(await vscode.workspace.applyEdit(weight('weight: 20', 'weight: 15')));
      await rubricDoc.save();
      await broken;
      const issue = acme()!.issues.find((i) => i.file === 'rubric.yaml' && i.severity === 'error')!;
      const place = `rubric.yaml:${issue.range!.start.line + 1}`;

      const noRecord = await openFeedbackAt(at('broken', 'no-record.md'), kitFeedback(V2), (d) => d.some((x) => codeOf(x) === 'kit-rubric-invalid'));
      assert.deepStrictEqual(noRecord.ds.map(codeOf), ['kit-rubric-invalid'], JSON.stringify(noRecord.ds.map((d) => [codeOf(d), d.message])));
      const d = noRecord.ds[0];
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
      assert.deepStrictEqual([d.range.start.line, d.range.start.character], [0, 0]);
      assert.ok(d.message.startsWith(`Not checked: the kit's rubric has errors (${place}: `), d.message);
      assert.match(d.message, /sum to 95/);
      const related = d.relatedInformation ?? [];
      assert.strictEqual(related.length, 1);
      assert.strictEqual(related[0].location.uri.fsPath, rubricUri.fsPath);
      assert.strictEqual(related[0].location.range.start.line, issue.range!.start.line);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', noRecord.doc.uri);
      assert.deepStrictEqual(lenses.map((l) => l.command?.title), ["Not checked: the kit's rubric has errors"]);

      const recorded = await openFeedbackAt(at('broken', 'recorded.md'), kitFeedback(V2, `<!-- sdi-kit: kit=${KIT_ID} rubric=2 -->`), (ds) => ds.length > 0);
      assert.deepStrictEqual(recorded.ds.map(codeOf), ['kit-rubric-invalid']);
      assert.strictEqual(recorded.ds[0].range.start.line, 0);
      assert.strictEqual(recorded.ds[0].message, d.message);

      await config.update('folder', `${BASE}/broken`, vscode.ConfigurationTarget.Workspace);
      const feature = await vscode.commands.executeCommand<CalibrationFeature>('sdi.showCalibration');
      await renderedWhen(feature, () => feature.model.loaded && feature.model.report().unreadable.filter((u) => u.file.includes(`${BASE}/broken/`)).length === 2, 'the two files not read');
      for (const u of feature.model.report().unreadable.filter((x) => x.file.includes(`${BASE}/broken/`))) assert.strictEqual(u.error, d.message, u.file);
    } finally {
      const fixed = kitsWhen(a, () => acme()?.rubric !== undefined, "the kit's rubric to load again");
      assert.ok(await vscode.workspace.applyEdit(weight('weight: 15', 'weight: 20')));
      await rubricDoc.save();
      await fixed;
      await config.update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('New Feedback writes the rubric record line and the kit\'s generated template, pre-filled', async () => {
    await vscode.workspace.getConfiguration('sdi.feedback').update('folder', `${BASE}/new`, vscode.ConfigurationTarget.Workspace);
    const kit = acme()!;
    const r = await vscode.commands.executeCommand<NewFeedbackResult>('sdi.newFeedback', { candidate: 'Kit Candidate', problemTitle: 'Design a URL Shortener' });
    assert.ok(r, 'the command returned nothing');
    const text = await readText(r.uri);
    const lines = text.split('\n');
    assert.strictEqual(lines[0], rubricRecordLine(KIT_ID, kit.rubric!));
    assert.match(text, /^\*\*Candidate:\*\* Kit Candidate$/m);
    assert.match(text, /^\*\*Problem Used:\*\* Design a URL Shortener$/m);
    const below = (s: string) => s.slice(s.indexOf('\n###'));
    assert.strictEqual(below(text), below(kit.feedbackTemplate), 'below the header the file is not the kit\'s template');
    assert.match(text, /^- Problem Framing \(20%\): \[1-5\] \/ 5$/m);
    const editor = vscode.window.activeTextEditor;
    assert.strictEqual(editor?.document.uri.toString(), r.uri.toString());
    assert.strictEqual(editor.document.getText(editor.selection), '[1-5]', 'the cursor is not on the first score to fill');
    const ds = await diagnosticsWhen(r.uri, (d) => d.some((x) => codeOf(x) === 'score-unfilled'), 'the new feedback to be checked');
    assert.strictEqual(ds.filter((d) => codeOf(d) === 'score-unfilled').length, 6);
    assert.ok(!ds.some((d) => d.severity === vscode.DiagnosticSeverity.Error), JSON.stringify(ds.map((d) => [codeOf(d), d.message])));
  });

  it('an interview on a kit problem runs the kit\'s 45-minute plan and the problem\'s deep dives', async () => {
    const started = await vscode.commands.executeCommand('sdi.startInterview', `${KIT_ID}/url-shortener`, { candidate: null });
    assert.strictEqual(started, `${KIT_ID}/url-shortener`);
    const service = a.timer.service;
    let v = service.view();
    assert.strictEqual(v.status, 'running');
    assert.strictEqual(v.planTitle, 'Acme 45-minute interview');
    assert.strictEqual(v.plannedTotalMs, 45 * MIN);
    assert.deepStrictEqual(v.phases.map((p) => p.title), ['Introduction', 'Requirements', 'High-Level Design', 'Deep Dive', 'Wrap-up']);
    assert.strictEqual(service.problem()?.title, 'Design a URL Shortener');
    for (let i = 0; i < 3; i++) await vscode.commands.executeCommand('sdi.nextPhase');
    v = service.view();
    assert.strictEqual(v.current?.title, 'Deep Dive');
    assert.deepStrictEqual(service.deepDiveSteps().map((s) => [s.title, s.minutes]), [['Key Generation', 6], ['Redirect Caching', 9]]);
    // After a reload (a second service over the same workspace state) the kit problem is found by its key.
    const again = new TimerService(service.memento, a.library, { settings: () => ({ phases: [], notifications: false, warningMinutes: 2, autoAdvance: false }) });
    try {
      assert.strictEqual(again.problemRef()?.key, `${KIT_ID}/url-shortener`);
      assert.strictEqual(again.view().plannedTotalMs, 45 * MIN);
      assert.strictEqual(again.deepDiveSteps().length, 2);
    } finally {
      again.dispose();
    }
    // A built-in problem keeps the built-in guide's plan beside the kit.
    await vscode.commands.executeCommand('sdi.resetTimer', { confirm: false });
    await vscode.commands.executeCommand('sdi.startInterview', 'global-social-media-feed', { candidate: null });
    assert.strictEqual(service.view().plannedTotalMs, 60 * MIN);
  });

  it('when the kit goes away, an open feedback is re-checked against the built-in rubric', async () => {
    const { doc } = await openFeedback(kitFeedback(V2), (d) => d.some((x) => codeOf(x) === 'weighted-score-stale'));
    const rechecked = diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'dimension-unknown'), 'the feedback to be re-checked with the built-in rubric');
    const gone = kitsWhen(a, () => acme() === undefined, `kit "${KIT_ID}" to go`);
    await vscode.workspace.getConfiguration('sdi.kit').update('folder', undefined, vscode.ConfigurationTarget.Workspace);
    await gone;
    await rechecked;
  });
});
