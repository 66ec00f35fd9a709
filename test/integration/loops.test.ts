// Interview loops in a real VS Code: a loop file is checked while it is typed, at each finding's
// YAML position, against the workspace's team kit and the feedback already written for the
// candidate. Everything this file writes is removed afterwards.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { rubricRecordLine } from '../../src/core/kit/record';
import type { LoadedApi } from '../../src/extension';
import { TEAM_KIT } from '../fixtures/teamKit';
import { api, codes, diagnosticsWhen, FILLED, knownState, root, writeText } from './helpers';

const kitDir = () => vscode.Uri.joinPath(root(), '.interview-kit');
const loopsDir = () => vscode.Uri.joinPath(root(), 'loops-test');
/** The loop every test of the checks reads, written by the suite's `before`. */
const loopFile = () => vscode.Uri.joinPath(loopsDir(), 'priya.loop.yaml');
const earlier = () => vscode.Uri.joinPath(loopsDir(), 'interview-feedback', '2025-03-02-priya.md');

const LOOP = `candidate: Priya  Raman
date: 2026-12-10
minCoverage: 1
interviews:
  - interviewer: Alex Chen
    problem: chat
    focus: [design, scale, data]
  - interviewer: Sam Okafor
    problem: global-social-media-feed
    focus: [ops, comm, trade]
`;

describe('interview loops in a real VS Code', function () {
  // Starts from the workspace as the fixture has it (helpers.ts): no kit or file of another suite.
  before(knownState);
  let a: LoadedApi;

  before(async () => {
    a = await api('kits', 'loops');
    for (const [rel, text] of Object.entries(TEAM_KIT)) await writeText(vscode.Uri.joinPath(kitDir(), ...rel.split('/')), text);
    // An earlier feedback for the same candidate, scored under the built-in guide, on its Social Media Feed.
    const record = rubricRecordLine('builtin', a.kits.builtIn.rubric!);
    await writeText(loopFile(), LOOP);
    await writeText(earlier(), `${record}\n${FILLED.replace('Ada Lovelace', 'priya raman').replace('2026-11-20', '2025-03-02')}`);
    const kitLoaded = () => a.kits.workspaceKits().some((k) => k.ok && k.problems.some((p) => p.id === 'chat'));
    if (!kitLoaded()) await new Promise<void>((resolve) => { const sub = a.kits.onDidChange(() => { if (kitLoaded()) { sub.dispose(); resolve(); } }); });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(loopsDir(), { recursive: true, useTrash: false });
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root(), 'loops'), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(kitDir(), { recursive: true, useTrash: false });
  });

  it('checks a loop file as it opens: the problem the candidate already had, named with the earlier file and date', async () => {
    const uri = loopFile();
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const ds = await diagnosticsWhen(uri, (d) => d.length > 0, 'the loop\'s diagnostics');
    assert.deepStrictEqual(codes(ds), ['loop-problem-repeat'], ds.map((d) => d.message).join('\n'));
    const [repeat] = ds;
    assert.strictEqual(repeat.range.start.line, 8);
    assert.strictEqual(repeat.severity, vscode.DiagnosticSeverity.Warning);
    assert.strictEqual(repeat.source, 'System Design Interview Kit');
    assert.match(repeat.message, /^interviews\[1\]\.problem: Priya Raman already had global-social-media-feed: loops-test\/interview-feedback\/2025-03-02-priya\.md \(2025-03-02\)$/);
  });

  it('follows typing: an unknown problem and focus appear at their place, and go when fixed', async () => {
    const uri = loopFile();
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.lineAt(5);
    await editor.edit((e) => e.replace(line.range, '    problem: chatt'));
    const broken = await diagnosticsWhen(uri, (d) => codes(d).includes('loop-problem-unknown'), 'loop-problem-unknown');
    const unknown = broken.find((d) => d.message.includes('chatt'))!;
    assert.strictEqual(unknown.range.start.line, 5);
    assert.match(unknown.message, /did you mean chat\?/);
    await editor.edit((e) => e.replace(doc.lineAt(5).range, '    problem: chat'));
    await diagnosticsWhen(uri, (d) => !codes(d).includes('loop-problem-unknown'), 'loop-problem-unknown to go');
    await editor.edit((e) => e.replace(doc.lineAt(6).range, '    focus: [design, scale, dta]'));
    const dim = await diagnosticsWhen(uri, (d) => codes(d).includes('loop-dimension-unknown'), 'loop-dimension-unknown');
    assert.strictEqual(dim.find((d) => codeIs(d, 'loop-dimension-unknown'))!.range.start.line, 6);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('a file not matching sdi.loops.glob is not a loop', async () => {
    const uri = loopFile();
    const other = vscode.Uri.joinPath(loopsDir(), 'notaloop.yaml');
    await writeText(other, 'candidate: 3\n');
    const doc = await vscode.workspace.openTextDocument(other);
    assert.strictEqual(a.loops.diagnostics.isLoop(doc), false);
    assert.strictEqual(a.loops.diagnostics.isLoop(await vscode.workspace.openTextDocument(uri)), true);
  });

  describe('Interview: New Loop', () => {

    it('writes a loop that passes every check, avoiding the problem the candidate had, and never over an existing file', async () => {
      const args = { candidate: 'Priya Raman', date: '2026-12-10', interviewers: ['Alex Chen', 'Sam Okafor', 'Mei Lin'] };
      const first = await vscode.commands.executeCommand<vscode.Uri>('sdi.newLoop', args);
      assert.ok(first, 'a loop was written');
        assert.strictEqual(vscode.workspace.asRelativePath(first), 'loops/2026-12-10-priya-raman.loop.yaml');
      assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), first.toString());
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(first));
      assert.match(text, /^candidate: Priya Raman\ndate: 2026-12-10\ninterviews:\n {2}- interviewer: Alex Chen\n/);
      assert.ok(!text.includes('global-social-media-feed'), `the problem she had is not given again:\n${text}`);
      assert.deepStrictEqual(a.loops.diagnostics.issuesOf(await vscode.workspace.openTextDocument(first)), []);
      const second = await vscode.commands.executeCommand<vscode.Uri>('sdi.newLoop', args);
      assert.ok(second);
        assert.strictEqual(vscode.workspace.asRelativePath(second), 'loops/2026-12-10-priya-raman-2.loop.yaml');
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(first)), text, 'the first file is untouched');
    });

    it('writes nothing when no loop can be planned (one interviewer cannot give each dimension two interviews)', async () => {
      const r = await vscode.commands.executeCommand<vscode.Uri | undefined>('sdi.newLoop', { candidate: 'Solo Candidate', date: '2026-12-11', interviewers: ['Alex Chen'] });
      assert.strictEqual(r, undefined);
      const exists = await vscode.workspace.fs.stat(vscode.Uri.joinPath(root(), 'loops', '2026-12-11-solo-candidate.loop.yaml')).then(() => true, () => false);
      assert.strictEqual(exists, false);
    });
  });

  // Registered last, so it runs after this suite's own clean-up: leaves the workspace as the fixture has it.
  after(knownState);
});

function codeIs(d: vscode.Diagnostic, code: string): boolean {
  return (typeof d.code === 'object' ? d.code.value : d.code) === code;
}
