/**
 * The interview notes as evidence in a feedback document, in the real extension host: the score
 * lines' CodeLens and hover, the jump to a note, `score-without-evidence` and `unknown-note-tag`
 * following `sdi.feedback.evidence`, tag completion in the notes section only, and the tag colours.
 * Waits are on events: diagnostics changing, the extension's pick shown (test build) and its tag decorations set.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FILLED, api, codeOf, codes, diagnosticsWhen, eventWhen, knownState, nextPick, openFeedbackAt, root } from './helpers';

/** Notes: architecture has three (2+ 1−), scalability one, production readiness none; one unknown tag. */
const NOTES = [
  '',
  '## Interview Notes',
  '',
  '### Requirements Clarification',
  '',
  '- [02:10] +arch asked about the read-heavy ratio first',
  '- [05:45] +scale estimated 10k QPS unprompted',
  '',
  '### High-Level Design',
  '',
  '- [14:20] -arch no cache layer until asked, #comm talked it through',
  '- [23:10] +arch sharded the timeline by user id, +scaled quickly',
  '',
].join('\n');

const dir = () => vscode.Uri.joinPath(root(), 'feedback-notes-it');
let counter = 0;

const openFeedback = (text: string, ok: (ds: vscode.Diagnostic[]) => boolean) => openFeedbackAt(vscode.Uri.joinPath(dir(), `notes-${++counter}.md`), text, ok);

const lineOf = (doc: vscode.TextDocument, needle: string) => {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.includes(needle)) return i;
  throw new Error(`"${needle}" is not in the document`);
};

async function lensesOn(doc: vscode.TextDocument, line: number): Promise<vscode.CodeLens[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 100);
  return lenses.filter((l) => l.range.start.line === line);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function tagCompletions(doc: vscode.TextDocument, at: vscode.Position, trigger: string): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at, trigger);
  // Ours: a tag named with its dimension (word-based suggestions of the same words are plain text).
  return list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember && typeof i.label !== 'string' && i.label.description).map((i) => (i.label as vscode.CompletionItemLabel).label);
}

describe('feedback notes: evidence, tags and their diagnostics', function () {
  this.timeout(60000);
  before(knownState);

  before(async () => {
    await api();
    await vscode.workspace.fs.createDirectory(dir());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('sdi.feedback').update('evidence', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(dir(), { recursive: true, useTrash: false });
  });

  after(knownState);

  it('shows each score line\'s notes in a CodeLens and its hover, and jumps to them', async () => {
    const a = await api();
    const { doc } = await openFeedback(FILLED + NOTES, (ds) => ds.length > 0);
    const arch = lineOf(doc, '- Technical Architecture (30%)');
    const [lens] = await lensesOn(doc, arch);
    assert.ok(lens?.command, 'no evidence CodeLens on the score line');
    assert.strictEqual(lens.command.title, '3 notes: 2+ 1\u2212');
    assert.strictEqual((await lensesOn(doc, lineOf(doc, '- Scalability & Performance')))[0]?.command?.title, '1 note: 1+');
    const prod = (await lensesOn(doc, lineOf(doc, '- Production Readiness')))[0];
    assert.strictEqual(prod?.command?.title, 'no notes');
    assert.strictEqual(prod.command.command, '', 'a lens without notes does nothing');
    // The scores heading keeps its own lens.
    assert.match((await lensesOn(doc, lineOf(doc, '### Scores (Weighted)')))[0]?.command?.title ?? '', /^Weighted 3\.15 \/ 4\.0/);

    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(arch, 5)));
    assert.match(hover, /\*\*Evidence:\*\* 3 notes: 2\\\+ 1\u2212/);
    assert.ok(hover.includes('`02:10`') && hover.includes('`14:20`') && hover.includes('`23:10`'), hover);
    assert.ok(hover.includes('no cache layer until asked'), hover);
    assert.ok(hover.includes('Excellent'), 'the rubric descriptors are still there');
    // A tag in a note names its dimension.
    const tagLine = lineOf(doc, '-arch no cache');
    const tagHover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(tagLine, doc.lineAt(tagLine).text.indexOf('#comm') + 2)));
    assert.match(tagHover, /\*\*\\#comm\*\*: neutral mention for \*\*Communication &amp; Leadership\*\* \(10%\)/, tagHover);

    // One note: the command goes straight to it.
    const scale = (await lensesOn(doc, lineOf(doc, '- Scalability & Performance')))[0].command!;
    const line = await vscode.commands.executeCommand<number>(scale.command, ...((scale.arguments ?? []) as unknown[]));
    assert.strictEqual(line, lineOf(doc, '+scale estimated'));
    assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, line);

    // Several: a quick pick of times and texts; accepting its first item goes to the first note.
    const shown = nextPick(a, "the notes' pick");
    const running = vscode.commands.executeCommand<number | undefined>(lens.command.command, ...((lens.command.arguments ?? []) as unknown[]));
    assert.strictEqual((await shown).items.length, 3);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.strictEqual(await running, lineOf(doc, '+arch asked about'));
  });

  it('reports score-without-evidence and unknown-note-tag, the first only while sdi.feedback.evidence is on', async () => {
    const { doc, ds } = await openFeedback(FILLED + NOTES, (x) => x.some((d) => codeOf(d) === 'score-without-evidence'));
    assert.deepStrictEqual(codes(ds), ['score-without-evidence', 'unknown-note-tag']);
    const missing = ds.find((d) => codeOf(d) === 'score-without-evidence')!;
    assert.strictEqual(missing.range.start.line, lineOf(doc, '- Production Readiness'));
    assert.strictEqual(missing.severity, vscode.DiagnosticSeverity.Information);
    const unknown = ds.find((d) => codeOf(d) === 'unknown-note-tag')!;
    assert.strictEqual(doc.getText(unknown.range), '+scaled');

    await vscode.workspace.getConfiguration('sdi.feedback').update('evidence', false, vscode.ConfigurationTarget.Workspace);
    assert.deepStrictEqual(codes(await diagnosticsWhen(doc.uri, (x) => !x.some((d) => codeOf(d) === 'score-without-evidence'), 'the check turned off')), ['unknown-note-tag']);
    await vscode.workspace.getConfiguration('sdi.feedback').update('evidence', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(doc.uri, (x) => x.some((d) => codeOf(d) === 'score-without-evidence'), 'the check back on');

    // Tagging the score's dimension is evidence enough; a document without notes is never flagged.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(lineOf(doc, '+scaled quickly') + 1, 0), '- [30:00] #prod runbooks came up\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepStrictEqual(codes(await diagnosticsWhen(doc.uri, (x) => !x.some((d) => codeOf(d) === 'score-without-evidence'), 'evidence for production readiness')), ['unknown-note-tag']);
    const plain = await openFeedback(FILLED.replace('**Years of Experience:** 9', '**Years of Experience:** [Years]'), (x) => x.length > 0);
    assert.deepStrictEqual(codes(plain.ds), ['field-unfilled'], 'production readiness is at the top, and no notes section: not flagged');
    assert.deepStrictEqual(await lensesOn(plain.doc, lineOf(plain.doc, '- Technical Architecture')), [], 'no evidence lens without a notes section');
  });

  it('offers the rubric\'s tags after +, - or # in a note, and nowhere else', async () => {
    const { doc } = await openFeedback(`${FILLED}${NOTES}- [40:00] +\n- [41:00] good (#\n`, (ds) => ds.length > 0);
    const plus = lineOf(doc, '- [40:00] +');
    assert.deepStrictEqual(await tagCompletions(doc, new vscode.Position(plus, doc.lineAt(plus).text.length), '+'), ['arch', 'scale', 'dist', 'prod', 'comm']);
    const item = (await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(plus, doc.lineAt(plus).text.length), '+'))
      .items.find((i) => typeof i.label !== 'string' && i.label.label === 'dist');
    assert.strictEqual((item?.label as vscode.CompletionItemLabel).description, 'Distributed Systems Knowledge');
    assert.strictEqual(item?.detail, 'strong signal: Distributed Systems Knowledge (20%)');
    const hash = lineOf(doc, 'good (#');
    assert.deepStrictEqual(await tagCompletions(doc, new vscode.Position(hash, doc.lineAt(hash).text.length), '#'), ['arch', 'scale', 'dist', 'prod', 'comm']);
    // The list marker itself, a word's dash, and text outside the notes section get none.
    const fresh = new vscode.WorkspaceEdit();
    fresh.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), '-');
    assert.ok(await vscode.workspace.applyEdit(fresh));
    assert.deepStrictEqual(await tagCompletions(doc, new vscode.Position(doc.lineCount - 1, 1), '-'), []);
    const readHeavy = lineOf(doc, 'read-heavy');
    assert.deepStrictEqual(await tagCompletions(doc, new vscode.Position(readHeavy, doc.lineAt(readHeavy).text.indexOf('read-') + 5), '-'), []);
    const highlights = lineOf(doc, '**Strongest Areas:**');
    const outside = new vscode.WorkspaceEdit();
    outside.insert(doc.uri, new vscode.Position(highlights + 1, 0), '- +\n');
    assert.ok(await vscode.workspace.applyEdit(outside));
    assert.deepStrictEqual(await tagCompletions(doc, new vscode.Position(highlights + 1, 3), '+'), []);
  });

  it('colours the tags of the notes in the editor, and follows edits', async () => {
    const a = await api();
    const { doc, editor } = await openFeedback(FILLED + NOTES, (ds) => ds.length > 0);
    const shown = () => {
      const d = a.feedback.noteTags.decorationsOf(editor);
      return { plus: d.plus.map((r) => doc.getText(r)), minus: d.minus.map((r) => doc.getText(r)), neutral: d.neutral.map((r) => doc.getText(r)) };
    };
    assert.deepStrictEqual(shown(), { plus: ['+arch', '+scale', '+arch'], minus: ['-arch'], neutral: ['#comm'] });
    const redrawn = eventWhen(a.feedback.noteTags.onDidUpdate, (e) => e.document.uri.toString() === doc.uri.toString() && shown().minus.length >= 2,
      'the tags redrawn with the new note', 15_000, () => JSON.stringify(shown()));
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(doc.lineCount - 1, 0), '- [50:00] -dist quorum reads unclear\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    // Redrawn after the edit's validation (250 ms throttle).
    await redrawn;
    assert.deepStrictEqual(shown().minus, ['-arch', '-dist']);
  });
});
