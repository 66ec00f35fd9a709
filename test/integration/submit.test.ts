/**
 * Interview: Submit Feedback in the real extension host (issue 21): refused while the file has errors,
 * the seal written into the record line alone (the unsaved edit saved first), the warning
 * `feedback-edited-after-submit` live after an edit, with the CodeLens following, and cleared by
 * submitting again. Every wait is on an event (diagnostics changing), never on a sleep.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { FILLED, api, codeOf, diagnosticsWhen, knownState, openFeedbackAt, readText, replaceOnce, root } from './helpers';

type MessageKind = 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage';

/** Stands in for the window's messages: records each one (answering none), so that a test reads what the user was told. */
function recordMessages() {
  const w = vscode.window as unknown as Record<MessageKind, (...args: unknown[]) => Thenable<unknown>>;
  const kinds: MessageKind[] = ['showErrorMessage', 'showWarningMessage', 'showInformationMessage'];
  const originals = kinds.map((k) => w[k]);
  const calls: { kind: MessageKind; message: string }[] = [];
  for (const kind of kinds) {
    w[kind] = (message: unknown) => {
      calls.push({ kind, message: String(message) });
      return Promise.resolve(undefined);
    };
    assert.notStrictEqual(w[kind], originals[kinds.indexOf(kind)], `window.${kind} cannot be replaced in this host`);
  }
  return { calls, dispose: () => kinds.forEach((k, i) => { w[k] = originals[i]; }) };
}

const SEALED_LINE = /^<!-- sdi-kit: kit=builtin rubric=\S+ fingerprint=[0-9a-f]{8} submitted=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) digest=(sha256:[0-9a-f]{64}) -->$/;
const EDITED = 'feedback-edited-after-submit';

/** The Submit lenses of a document, as `<line>:<title>` (0-based). */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
  return lenses.filter((l) => /^Submit/.test(l.command?.title ?? '')).map((l) => `${l.range.start.line}:${l.command!.title}`);
}

describe('Submit Feedback', function () {
  this.timeout(60_000);
  let messages: ReturnType<typeof recordMessages>;
  const file = (name: string) => vscode.Uri.joinPath(root(), 'submit-it', name);

  before(knownState);
  before(async () => {
    await api('feedback');
    messages = recordMessages();
  });
  after(() => messages.dispose());
  after(knownState);

  it('refuses a feedback with errors, naming how many and the first, and leaves the file as it is', async () => {
    const uri = file('broken.md');
    const text = replaceOnce(FILLED, 'Technical Architecture (30%): 3 / 4', 'Technical Architecture (30%): five / 4');
    await openFeedbackAt(uri, text, (ds) => ds.some((d) => codeOf(d) === 'score-invalid'));
    assert.deepStrictEqual(await lensTitles(uri), [], 'no Submit lens on an unfinished feedback');
    messages.calls.length = 0;
    assert.strictEqual(await vscode.commands.executeCommand('sdi.submitFeedback', uri), undefined);
    const line = text.split('\n').findIndex((l) => l.includes('five')) + 1;
    assert.strictEqual(messages.calls.length, 1);
    assert.strictEqual(messages.calls[0].kind, 'showErrorMessage');
    assert.match(messages.calls[0].message, new RegExp(`^Not submitted: broken\\.md has 1 error\\. The first, on line ${line}: Technical Architecture: .* \\(score-invalid\\)$`));
    assert.strictEqual(await readText(uri), text);
  });

  it('saves the unsaved edit, seals the record line alone, says so; an edit then warns live, and Submit again clears it', async () => {
    const uri = file('ada.md');
    // A finished feedback: no diagnostic to wait for; the lens reads the document's checks itself.
    const { doc, editor } = await openFeedbackAt(uri, FILLED, () => true);
    assert.deepStrictEqual(await lensTitles(uri), ['0:Submit'], 'at the top of the file');
    const at = new vscode.Position(FILLED.split('\n').indexOf('**Strongest Areas:**') + 1, 0);
    assert.ok(await editor.edit((e) => e.insert(at, '- Sharded the feed by user id, and said why\n')));
    const typed = doc.getText();
    assert.ok(doc.isDirty);

    messages.calls.length = 0;
    const submitted = await vscode.commands.executeCommand<string>('sdi.submitFeedback', uri);
    assert.ok(submitted, JSON.stringify(messages.calls));
    assert.ok(!doc.isDirty, 'saved');
    const saved = await readText(uri);
    const [first, ...rest] = saved.split('\n');
    const seal = SEALED_LINE.exec(first);
    assert.ok(seal, first);
    assert.strictEqual(seal[1], submitted);
    assert.strictEqual(rest.join('\n'), typed, 'a record line added first, nothing else changed');
    assert.deepStrictEqual(messages.calls, [{ kind: 'showInformationMessage', message: `Submitted ada.md (${submitted}).` }]);
    await diagnosticsWhen(uri, (ds) => !ds.some((d) => codeOf(d) === EDITED), 'no edited-after-submit');
    const day = (iso: string) => {
      const d = new Date(iso);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    assert.deepStrictEqual(await lensTitles(uri), [`0:Submitted ${day(submitted)}`], 'on the record line');

    // An edit after submitting: the warning on the record line, while typing (nothing saved).
    const waiting = diagnosticsWhen(uri, (ds) => ds.some((d) => codeOf(d) === EDITED), EDITED);
    assert.ok(await editor.edit((e) => e.insert(at, '- and the cache in front of it\n')));
    const [warning] = (await waiting).filter((d) => codeOf(d) === EDITED);
    assert.strictEqual(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepStrictEqual([warning.range.start.line, warning.range.start.character, warning.range.end.line, warning.range.end.character], [0, 0, 0, first.length]);
    assert.strictEqual(warning.message, `This feedback was changed after it was submitted (${submitted}): submit it again, or undo the change`);
    assert.deepStrictEqual(await lensTitles(uri), [`0:Submitted ${day(submitted)} \u00b7 edited after submit`, '0:Submit again']);

    const cleared = diagnosticsWhen(uri, (ds) => !ds.some((d) => codeOf(d) === EDITED), 'the warning cleared');
    const again = await vscode.commands.executeCommand<string>('sdi.submitFeedback', uri);
    assert.ok(again, JSON.stringify(messages.calls));
    await cleared;
    const resealed = await readText(uri);
    const seal2 = SEALED_LINE.exec(resealed.split('\n')[0]);
    assert.ok(seal2);
    assert.strictEqual(seal2[1], again);
    assert.notStrictEqual(seal2[2], seal[2], 'the digest of the new content');
    assert.strictEqual(resealed.split('\n').length, saved.split('\n').length + 1, 'the record line updated in place, the added line kept');
    assert.deepStrictEqual(await lensTitles(uri), [`0:Submitted ${day(again)}`]);
  });
});
