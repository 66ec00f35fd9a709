/**
 * Feedback documents in the real extension host: diagnostics as the interviewer types, quick fixes
 * and fix-all, the weighted score on save, the CodeLens, hovers and completions.
 * Every wait is on an event (diagnostics changing, a save finishing), never on a sleep.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FILLED, SOURCE, api, codeOf, codes, diagnosticsWhen, knownState, openFeedbackAt, readText, replaceOnce, root, writeText } from './helpers';

const dir = () => vscode.Uri.joinPath(root(), 'feedback-it');
let counter = 0;

/** Writes `text` to a new file in the workspace and opens it in an editor, resolving when its diagnostics satisfy `ok`. */
const openFeedback = (text: string, ok: (ds: vscode.Diagnostic[]) => boolean, sub = 'feedback-it') => openFeedbackAt(vscode.Uri.joinPath(root(), sub, `doc-${++counter}.md`), text, ok);

function rangeOfText(doc: vscode.TextDocument, needle: string, inner = needle): vscode.Range {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in the document`);
  const start = at + needle.lastIndexOf(inner);
  return new vscode.Range(doc.positionAt(start), doc.positionAt(start + inner.length));
}

async function codeActions(doc: vscode.TextDocument, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, kind);
  return all.filter((a) => a.edit && (a.kind?.value.startsWith('quickfix') || a.kind?.value.startsWith('source.fixAll')));
}

/** Applies a code action's edit and resolves when the diagnostics reflect the new text. */
async function apply(doc: vscode.TextDocument, action: vscode.CodeAction, ok: (ds: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const waiting = diagnosticsWhen(doc.uri, ok, `diagnostics after "${action.title}"`);
  assert.ok(await vscode.workspace.applyEdit(action.edit!), `the edit of "${action.title}" was refused`);
  return waiting;
}

describe('feedback: documents in the editor', function () {
  this.timeout(60000);
  before(knownState);

  before(async () => {
    await api();
    await vscode.workspace.fs.createDirectory(dir());
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('sdi.feedback').update('updateWeightedScoreOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false });
  });

  after(knownState);

  it('reports each problem with its code, exact range, severity, source and documentation link', async () => {
    const text = replaceOnce(
      replaceOnce(FILLED, 'Scalability & Performance (25%): 3 / 4', 'Scalability & Performance (35%): five / 4'),
      '- Communication & Leadership (10%): 3 / 4',
      '- Communication & Leadership (10%): [1-4] / 4\n- Charisma (5%): 4 / 4',
    );
    const { doc, ds } = await openFeedback(text, (d) => d.length > 0);
    assert.deepStrictEqual(codes(ds), ['dimension-unknown', 'score-invalid', 'score-unfilled', 'weight-mismatch']);
    const by = (c: string) => ds.find((d) => codeOf(d) === c)!;
    assert.deepStrictEqual(by('score-invalid').range, rangeOfText(doc, '(35%): five /', 'five'));
    assert.strictEqual(by('score-invalid').severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(by('weight-mismatch').range, rangeOfText(doc, 'Performance (35%)', '35%'));
    assert.strictEqual(by('weight-mismatch').severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(by('score-unfilled').range, rangeOfText(doc, '(10%): [1-4]', '[1-4]'));
    assert.strictEqual(by('score-unfilled').severity, vscode.DiagnosticSeverity.Information);
    assert.strictEqual(doc.lineAt(by('dimension-unknown').range.start.line).text, '- Charisma (5%): 4 / 4');
    assert.strictEqual(by('dimension-unknown').severity, vscode.DiagnosticSeverity.Warning);
    for (const d of ds) {
      assert.strictEqual(d.source, SOURCE);
      assert.ok(typeof d.code === 'object', 'the code links to its documentation');
      const target = (d.code as { target: vscode.Uri }).target;
      assert.strictEqual(target.toString(), `sdi-code:/${codeOf(d)}.md`, `${codeOf(d)} links to its own page (${target.toString()})`);
    }
    // The page opens as a document (served under the activation shell's registration of the scheme).
    const page = await vscode.workspace.openTextDocument(vscode.Uri.parse('sdi-code:/score-invalid.md'));
    assert.match(page.getText(), /^# `score-invalid`/);
    assert.match(page.getText(), /\*\*Severity:\*\* error/);
    // It names the code's section of the reference (test/unit/docs.test.ts checks that the section is there).
    assert.ok(page.getText().includes('`docs/diagnostics.md#score-invalid`'), page.getText());
  });

  it('re-validates as the interviewer types, and clears the diagnostics when the document closes', async () => {
    const { doc, editor } = await openFeedback(replaceOnce(FILLED, '(30%): 3 / 4', '(30%): 7 / 4'), (d) => codes(d).includes('score-invalid'));
    // Several keystrokes inside one throttle window: the diagnostics end up matching the final text.
    const value = rangeOfText(doc, '(30%): 7 /', '7');
    const typed = diagnosticsWhen(doc.uri, (d) => d.some((x) => codeOf(x) === 'weighted-score-stale' && x.message.includes('3.45')), 'weighted-score-stale for 3.45 after typing 4');
    await editor.edit((b) => b.replace(value, ''));
    await editor.edit((b) => b.insert(value.start, '2'));
    await editor.edit((b) => b.replace(new vscode.Range(value.start, value.start.translate(0, 1)), '4'));
    const ds = await typed;
    // 3.45 lies in the gap between Hire and Strong Hire.
    assert.deepStrictEqual(codes(ds), ['band-borderline', 'weighted-score-stale']);
    const stale = ds.find((d) => codeOf(d) === 'weighted-score-stale')!;
    assert.deepStrictEqual(stale.range, rangeOfText(doc, '**Weighted Score:** 3.15', '3.15'));
    assert.strictEqual(stale.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(ds.find((d) => codeOf(d) === 'band-borderline')!.severity, vscode.DiagnosticSeverity.Information);
    const cleared = diagnosticsWhen(doc.uri, (d) => d.length === 0, 'diagnostics cleared on close');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await cleared;
  });

  it('checks Markdown matching sdi.feedback.glob, and leaves other Markdown alone', async () => {
    const plainUri = vscode.Uri.joinPath(dir(), 'notes.md');
    await writeText(plainUri, '# Notes\n\n- Technical Architecture (30%): 9 / 4\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plainUri));
    // Opened after the plain note, so its diagnostics arriving means the note was handled too.
    const { ds } = await openFeedback('# Feedback\n\nScores to follow.\n', (d) => d.length > 0, 'feedback-it/interview-feedback');
    assert.deepStrictEqual(codes(ds), ['scores-block-missing']);
    assert.strictEqual(ds[0].severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(vscode.languages.getDiagnostics(plainUri), []);
  });

  it('quick fix: write the weighted score', async () => {
    const { doc, ds } = await openFeedback(replaceOnce(FILLED, '(30%): 3 / 4', '(30%): 4 / 4'), (d) => codes(d).includes('weighted-score-stale'));
    const stale = ds.find((d) => codeOf(d) === 'weighted-score-stale')!;
    const actions = await codeActions(doc, stale.range, 'quickfix');
    const write = actions.find((a) => a.title === 'Write the weighted score 3.45 / 4.0');
    assert.ok(write, `no weighted-score fix among ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.strictEqual(write.isPreferred, true);
    const before = doc.getText();
    await apply(doc, write, (d) => !codes(d).includes('weighted-score-stale'));
    assert.strictEqual(doc.getText(), replaceOnce(before, '**Weighted Score:** 3.15 / 4.0', '**Weighted Score:** 3.45 / 4.0'));
  });

  it('quick fix: check the computed band and uncheck the others', async () => {
    const text = replaceOnce(
      replaceOnce(FILLED, '- [x] Hire - Strong', '- [ ] Hire - Strong'),
      '- [ ] Strong No Hire', '- [X] Strong No Hire',
    );
    const { doc, ds } = await openFeedback(text, (d) => codes(d).includes('recommendation-mismatch'));
    const mismatch = ds.find((d) => codeOf(d) === 'recommendation-mismatch')!;
    assert.strictEqual(mismatch.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual(mismatch.range, rangeOfText(doc, '- [X] Strong No Hire', '[X]'));
    const fix = (await codeActions(doc, mismatch.range, 'quickfix')).find((a) => a.title === 'Recommend Hire');
    assert.ok(fix, 'no "Recommend Hire" fix');
    await apply(doc, fix, (d) => d.length === 0);
    assert.strictEqual(doc.getText(), FILLED);
  });

  it('quick fix: replace an invalid score with each valid value', async () => {
    const { doc, ds } = await openFeedback(replaceOnce(FILLED, '(20%): 3 / 4', '(20%): 3,7 / 4'), (d) => codes(d).includes('score-invalid'));
    const invalid = ds.find((d) => codeOf(d) === 'score-invalid')!;
    assert.deepStrictEqual(invalid.range, rangeOfText(doc, '(20%): 3,7', '3,7'));
    const actions = await codeActions(doc, invalid.range, 'quickfix');
    // (The command converting code actions back does not carry their diagnostics; the titles say what they do.)
    const offered = actions.map((a) => a.title).filter((t) => t.startsWith('Score '));
    assert.deepStrictEqual(offered, ['Score 1', 'Score 2', 'Score 3', 'Score 4']);
    await apply(doc, actions.find((a) => a.title === 'Score 3')!, (d) => d.length === 0);
    assert.strictEqual(doc.getText(), FILLED);
  });

  it('quick fix: restore a rubric weight', async () => {
    const { doc, ds } = await openFeedback(replaceOnce(FILLED, 'Readiness (15%)', 'Readiness (20 %)'), (d) => codes(d).includes('weight-mismatch'));
    const mismatch = ds.find((d) => codeOf(d) === 'weight-mismatch')!;
    const fix = (await codeActions(doc, mismatch.range, 'quickfix')).find((a) => a.title === 'Restore the rubric weight 15%');
    assert.ok(fix, 'no weight fix');
    await apply(doc, fix, (d) => d.length === 0);
    assert.strictEqual(doc.getText(), FILLED);
  });

  it('fix-all (source.fixAll.sdi) applies the safe fixes together and leaves judgements alone', async () => {
    const text = replaceOnce(
      replaceOnce(replaceOnce(FILLED, 'Readiness (15%)', 'Readiness (50%)'), 'Architecture (30%): 3', 'Architecture (3%): 4'),
      '- [x] Hire - Strong', '- [ ] Hire - Strong',
    );
    const { doc } = await openFeedback(text, (d) => codes(d).filter((c) => c === 'weight-mismatch').length === 2);
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const [fixAll] = await codeActions(doc, whole, 'source.fixAll.sdi');
    assert.ok(fixAll, 'no fix-all action');
    assert.strictEqual(fixAll.kind?.value, 'source.fixAll.sdi');
    const ds = await apply(doc, fixAll, (d) => !codes(d).includes('weight-mismatch') && !codes(d).includes('weighted-score-stale'));
    // Weights restored, weighted score written; the recommendation (a judgement) is still unchecked.
    const expected = replaceOnce(
      replaceOnce(replaceOnce(FILLED, 'Architecture (30%): 3', 'Architecture (30%): 4'), '**Weighted Score:** 3.15', '**Weighted Score:** 3.45'),
      '- [x] Hire - Strong', '- [ ] Hire - Strong',
    );
    assert.strictEqual(doc.getText(), expected);
    assert.deepStrictEqual(codes(ds), ['band-borderline', 'recommendation-missing']);
  });

  it('on save writes the weighted score (setting on) and nothing else; with the setting off saves as typed', async () => {
    const config = () => vscode.workspace.getConfiguration('sdi.feedback');
    const { doc, editor } = await openFeedback(FILLED, () => true);
    const scoreRange = rangeOfText(doc, '(25%): 3 /', '3');
    await editor.edit((b) => b.replace(scoreRange, '4'));
    assert.ok(await doc.save());
    const onDisk = await readText(doc.uri);
    const want = replaceOnce(replaceOnce(FILLED, '(25%): 3 /', '(25%): 4 /'), '**Weighted Score:** 3.15', '**Weighted Score:** 3.40');
    assert.strictEqual(doc.getText(), want);
    assert.strictEqual(onDisk, want);

    await config().update('updateWeightedScoreOnSave', false, vscode.ConfigurationTarget.Workspace);
    try {
      await editor.edit((b) => b.replace(scoreRange, '1'));
      assert.ok(await doc.save());
      const asTyped = replaceOnce(want, '(25%): 4 /', '(25%): 1 /');
      assert.strictEqual(doc.getText(), asTyped);
      assert.strictEqual(await readText(doc.uri), asTyped);
    } finally {
      await config().update('updateWeightedScoreOnSave', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('on save leaves an incomplete feedback untouched', async () => {
    const text = replaceOnce(FILLED, '(10%): 3 / 4', '(10%): [1-4] / 4');
    const { doc, editor } = await openFeedback(text, (d) => codes(d).includes('score-unfilled'));
    await editor.edit((b) => b.replace(rangeOfText(doc, 'Ada Lovelace'), 'Ada King'));
    assert.ok(await doc.save());
    assert.strictEqual(doc.getText(), replaceOnce(text, 'Ada Lovelace', 'Ada King'));
  });

  it('an auto save after a delay does not rewrite the weighted score under the cursor', async () => {
    const files = () => vscode.workspace.getConfiguration('files');
    const { doc, editor } = await openFeedback(FILLED, () => true);
    await files().update('autoSaveDelay', 50, vscode.ConfigurationTarget.Workspace);
    await files().update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Workspace);
    try {
      const saved = new Promise<void>((res) => {
        const sub = vscode.workspace.onDidSaveTextDocument((d) => {
          if (d.uri.toString() === doc.uri.toString()) { sub.dispose(); res(); }
        });
      });
      await editor.edit((b) => b.replace(rangeOfText(doc, '(25%): 3 /', '3'), '4'));
      await saved;
      const typed = replaceOnce(FILLED, '(25%): 3 /', '(25%): 4 /');
      assert.strictEqual(doc.getText(), typed);
      assert.strictEqual(await readText(doc.uri), typed);
    } finally {
      await files().update('autoSave', undefined, vscode.ConfigurationTarget.Workspace);
      await files().update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('sdi.scores.allowHalfPoints makes 3.5 a valid score', async () => {
    const scores = () => vscode.workspace.getConfiguration('sdi.scores');
    const { doc } = await openFeedback(replaceOnce(FILLED, '(10%): 3 / 4', '(10%): 3.5 / 4'), (d) => codes(d).includes('score-invalid'));
    try {
      const ds = await (async () => {
        const waiting = diagnosticsWhen(doc.uri, (d) => !codes(d).includes('score-invalid'), 'no score-invalid with half points');
        await scores().update('allowHalfPoints', true, vscode.ConfigurationTarget.Workspace);
        return waiting;
      })();
      // 3.15 + 0.5 x 10% = 3.20: the written 3.15 is now stale.
      assert.deepStrictEqual(codes(ds), ['weighted-score-stale']);
      assert.match(ds[0].message, /3\.20 \/ 4\.0/);
    } finally {
      await scores().update('allowHalfPoints', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('CodeLens on the scores heading shows the weighted score, band and how many are scored', async () => {
    const { doc, editor } = await openFeedback(FILLED, () => true);
    const lenses = async () => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)).filter((l) => l.command?.title.startsWith('Weighted'));
    let [lens] = await lenses();
    assert.ok(lens, 'no CodeLens');
    assert.strictEqual(lens.command!.title, 'Weighted 3.15 / 4.0 \u00b7 Hire \u00b7 5/5 scored');
    assert.strictEqual(doc.lineAt(lens.range.start.line).text, '### Scores (Weighted)');
    const changed = diagnosticsWhen(doc.uri, (d) => codes(d).includes('score-unfilled'), 'score-unfilled');
    await editor.edit((b) => b.replace(rangeOfText(doc, '(30%): 3 /', '3'), '[1-4]'));
    await changed;
    [lens] = await lenses();
    assert.strictEqual(lens.command!.title, 'Weighted \u2013 / 4.0 \u00b7 4/5 scored');
  });

  it('hover on a score line shows the dimension\'s descriptors for the written level and all levels', async () => {
    const { library } = await api();
    const { doc } = await openFeedback(FILLED, () => true);
    const at = rangeOfText(doc, 'Production Readiness (15%): 4', 'Readiness').start;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\/g, '');
    const dim = library.content.rubric.dimensions.find((d) => d.name === 'Production Readiness')!;
    assert.ok(text.includes('Production Readiness'), text);
    const four = dim.levels.find((l) => l.score === 4)!;
    assert.ok(text.includes(`Written: **4 / 4 \u2013 ${four.label}**`), text);
    for (const l of dim.levels) for (const x of l.descriptors) assert.ok(text.includes(x), `hover lacks "${x}"`);
  });

  it('completion in a score offers the valid values with descriptors; in Problem Used the guide\'s problems', async () => {
    const { library } = await api();
    const { doc } = await openFeedback(replaceOnce(FILLED, '(20%): 3 / 4', '(20%): [1-4] / 4'), (d) => codes(d).includes('score-unfilled'));
    const inScore = rangeOfText(doc, '(20%): [1-4]', '[1-4]').start.translate(0, 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, inScore);
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember);
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    assert.deepStrictEqual(ours.map(label), ['1', '2', '3', '4']);
    const dim = library.content.rubric.dimensions.find((d) => d.name === 'Distributed Systems Knowledge')!;
    const three = ours[2];
    assert.strictEqual((three.label as vscode.CompletionItemLabel).description, dim.levels.find((l) => l.score === 3)!.label);
    const docText = (three.documentation as vscode.MarkdownString).value.replace(/\\/g, '');
    for (const x of dim.levels.find((l) => l.score === 3)!.descriptors) assert.ok(docText.includes(x), `completion lacks "${x}"`);
    assert.deepStrictEqual(three.range, rangeOfText(doc, '(20%): [1-4]', '[1-4]'));

    const inProblem = rangeOfText(doc, '**Problem Used:** Design', 'Design').start;
    const problems = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, inProblem);
    const titles = problems.items.filter((i) => i.kind === vscode.CompletionItemKind.Value).map(label);
    assert.deepStrictEqual(titles, library.content.problems.map((p) => p.title));
  });
});
