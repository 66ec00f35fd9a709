// The debrief page in a real VS Code: a loop of four interviews for Priya Raman with three feedbacks
// (one disagreement on Technical Architecture, notes as evidence, one interview missing), opened from
// the loop file, redrawn after a panelist's save, blind for a panelist who has not submitted, and its
// summary written beside the loop, never over a file; the loop file broken and fixed again; another
// candidate's debrief opened on the hidden page. Everything this file writes is removed afterwards.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CalibrationFeature } from '../../src/calibration';
import type { DebriefFeature } from '../../src/debrief';
import type { LoadedApi } from '../../src/extension';
import type { DebriefPage } from '../../src/testing/protocol';
import { allTabs, api, FILLED, knownState, readText, root, writeText } from './helpers';
import { saveAsAUserDoes } from './save';

const dir = () => vscode.Uri.joinPath(root(), 'debrief-test');
const loopUri = () => vscode.Uri.joinPath(dir(), 'priya.loop.yaml');
const feedbackUri = (who: string) => vscode.Uri.joinPath(dir(), 'interview-feedback', `2026-12-10-priya-raman-${who}.md`);

/** The fixture's loop: four interviews, Dana Scully's with no feedback, Production Readiness in one focus. */
const LOOP = fs.readFileSync(path.join(__dirname, '../../../test/fixtures/loops/debrief-panel.loop.yaml'), 'utf8');

/** A feedback of the fixture's template: the panelist, their problem, five scores (rubric order) and notes. */
function feedback(interviewer: string, problem: string, scores: number[], notes: string[]): string {
  const weights = [0.3, 0.25, 0.2, 0.15, 0.1];
  const lines = ['- Technical Architecture (30%)', '- Scalability & Performance (25%)', '- Distributed Systems Knowledge (20%)', '- Production Readiness (15%)', '- Communication & Leadership (10%)'];
  let text = FILLED.replace('Ada Lovelace', 'Priya Raman').replace('Grace Hopper', interviewer).replace('2026-11-20', '2026-12-10').replace('Design a Global Social Media Feed', problem);
  lines.forEach((l, i) => { text = text.replace(new RegExp(`${l.replace(/[()&]/g, '\\$&')}: \\d / 4`), `${l}: ${scores[i]} / 4`); });
  text = text.replace('3.15 / 4.0', `${scores.reduce((s, x, i) => s + x * weights[i], 0).toFixed(2)} / 4.0`);
  return `${text}\n## Interview Notes\n\n### High-Level Design\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
}

const ALEX = feedback('Alex Chen', 'Design a Global Social Media Feed', [4, 3, 3, 3, 3], ['[14:20] +arch sharded the feed by user id', '[18:05] #comm walked through the trade-offs']);
const SAM = feedback('Sam Okafor', 'Distributed Payment Processing', [2, 3, 3, 3, 3], ['[15:00] -arch no cache layer until asked <script>alert(1)</script>']);
const GRACE = feedback('Grace Hopper', 'Real-time Analytics Platform', [3, 3, 2, 3, 4], ['[21:40] -dist missed the partition rebalancing']);
/** Another candidate's only feedback, by an interviewer of no other. */
const RAVI = feedback('Kim Lee', 'Real-time Analytics Platform', [3, 3, 3, 3, 3], ['[10:05] +scale partitioned the stream by tenant']).replace('Priya Raman', 'Ravi Kumar');

describe('the debrief page in a real VS Code', function () {
  before(knownState);
  after(knownState);
  let a: LoadedApi;
  let debrief: DebriefFeature;

  before(async () => {
    a = await api('feedback', 'debrief');
    debrief = a.debrief;
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Hiring Manager', vscode.ConfigurationTarget.Workspace);
    await writeText(loopUri(), LOOP);
    await writeText(feedbackUri('alex'), ALEX);
    await writeText(feedbackUri('sam'), SAM);
    await writeText(feedbackUri('grace'), GRACE);
  });

  /**
   * Resolves with the page as drawn once a drawing of it satisfies `ok` (probed after each
   * `rendered`); rejects after `ms` with the last page seen, never waiting on a sleep.
   */
  function drawnWhen(ok: (p: DebriefPage) => boolean, what: string, ms = 20000): Promise<DebriefPage> {
    return new Promise((resolve, reject) => {
      let last: DebriefPage | undefined;
      const sub = debrief.panel.onDidRender(() => {
        void debrief.panel.probePage().then((p) => {
          last = p;
          if (!ok(p)) return;
          sub.dispose();
          clearTimeout(guard);
          resolve(p);
        }, reject);
      });
      const guard = setTimeout(() => {
        sub.dispose();
        reject(new Error(`timed out waiting for ${what}; the page last drew ${JSON.stringify(last)?.slice(0, 2000)}`));
      }, ms);
    });
  }

  it('opens from the loop file: one column per interviewer, the disagreement first and marked, the evidence beside each score', async () => {
    // The page draws what the workspace's scan has read so far and follows as the rest arrives (the files
    // were written just before, and a file read while it is being written counts once its writing is
    // seen): waited for until the three feedbacks count (Combined over three) and only Dana Scully's
    // interview is missing. Clean-clone run 21 and a shuffled run drew the loop's columns before.
    const drawn = drawnWhen((p) => /Combined: 2\.97/.test(p.sections.outcome ?? '') && /Dana Scully/.test(p.sections.missing ?? '') && !/Alex Chen|Sam Okafor|Grace Hopper/.test(p.sections.missing ?? ''), 'the debrief of Priya Raman with its three feedbacks counted');
    assert.strictEqual(await vscode.commands.executeCommand<DebriefFeature>('sdi.openDebrief', loopUri()), debrief, 'the command resolves with the feature');
    const page = await drawn;
    assert.deepStrictEqual(debrief.panel.shown, { candidateKey: 'priya raman', loop: 'debrief-test/priya.loop.yaml' });
    assert.deepStrictEqual(page.dimensions.map((d) => [d.id, d.disagreement]), [
      ['technical-architecture', true],
      ['scalability-performance', false], ['distributed-systems-knowledge', false], ['production-readiness', false], ['communication-leadership', false],
    ], `the disagreement first, then rubric order; the page drew ${JSON.stringify(page).slice(0, 3000)}`);
    assert.match(page.dimensions[0].text, /Disagreement: spread 2 \u2265 2/, 'marked in words, not by colour alone');
    assert.match(page.dimensions[3].text, /Under coverage: in 1 of 2/);
    for (const who of ['Alex Chen', 'Sam Okafor', 'Grace Hopper', 'Dana Scully']) assert.ok(page.sections.panel.includes(who), `${who} has a column`);
    // The loop names the problem by id; the page shows the kit's title.
    assert.match(page.sections.missing, /Dana Scully \u00b7 Design a Global Social Media Feed \u00b7 2026-12-10/);
    assert.ok(!page.sections.panel.includes('global-social-media-feed'), `Dana Scully's column names the problem by its title: ${page.sections.panel}`);
    assert.match(page.sections.outcome, /Combined: 2\.97/);
    assert.match(page.sections.evidence, /Alex Chen \u00b7 score 4 \u00b7 1\+ 0\u2212 0#\n\[14:20\] High-Level Design \+ \+arch sharded the feed by user id/);
    assert.ok(page.sections.evidence.includes('no cache layer until asked <script>alert(1)</script>'), 'a note\'s markup shows as text');
    assert.ok(page.buttons.includes('write-summary'));
    assert.ok(!page.buttons.includes('submit-feedback'), 'the hiring manager is on no panel: nothing to submit');
    // The loop file's first line offers the same (VS Code asks the lens providers of an open document only).
    await vscode.workspace.openTextDocument(loopUri());
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', loopUri());
    const open = lenses.find((l) => l.command?.title === 'Open Debrief');
    assert.ok(open, `no Open Debrief lens: ${lenses.map((l) => l.command?.title).join(', ')}`);
    assert.strictEqual(open.range.start.line, 0);
    assert.deepStrictEqual([open.command!.command, String(open.command!.arguments?.[0])], ['sdi.openDebrief', loopUri().toString()]);
    assert.ok(a.feedback);
  });

  it('draws its debrief from its HTML when created, and when shown again after a change while hidden: no message from the host', async () => {
    const debriefTabs = () => allTabs().filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sdi.debrief'));
    await vscode.window.tabGroups.close(debriefTabs());
    assert.ok(!debrief.panel.isOpen, 'the debrief closed');
    const created = drawnWhen((p) => (p.sections.panel ?? '').includes('Grace Hopper'), 'the debrief created');
    await vscode.commands.executeCommand('sdi.openDebrief', loopUri());
    assert.strictEqual((await created).messages, 0, 'the page created drew the debrief with no message from the host');

    // Another editor over it (the page is dropped), Sam's view of it changed meanwhile (blind), then the page shown again.
    const hidden = new Promise<void>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => { if (!debriefTabs()[0]?.isActive) { sub.dispose(); resolve(); } });
    });
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(loopUri()), { viewColumn: vscode.ViewColumn.Active, preview: false });
    await hidden;
    const version = debrief.panel.currentVersion;
    const given = new Promise<void>((resolve) => { const sub = debrief.panel.onDidUpdate((m) => { if (m.blind) { sub.dispose(); resolve(); } }); });
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Sam Okafor', vscode.ConfigurationTarget.Workspace);
    await given;
    const shown = drawnWhen((p) => p.sections.blind !== undefined, 'the blind debrief shown again');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const page = await shown;
    assert.ok(page.version > version, `a debrief made while hidden: ${page.version} after ${version}`);
    assert.strictEqual(page.messages, 0, 'the page shown again drew it with no message from the host');

    // Listening again: the next change comes as a message.
    const posted = drawnWhen((p) => p.sections.blind === undefined, 'the debrief without blind mode');
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Hiring Manager', vscode.ConfigurationTarget.Workspace);
    assert.strictEqual((await posted).messages, 1);
  });

  it('draws again when a panelist saves: the disagreement goes', async () => {
    const uri = feedbackUri('sam');
    const doc = await vscode.workspace.openTextDocument(uri);
    // Beside the debrief, as a panelist edits with it open (a hidden page is dropped and drawn anew when shown).
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    const lineOf = (start: string) => doc.getText().split('\n').findIndex((l) => l.startsWith(start));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, doc.lineAt(lineOf('- Technical Architecture')).range, '- Technical Architecture (30%): 4 / 4');
    edit.replace(uri, doc.lineAt(lineOf('- **Weighted Score:**')).range, '- **Weighted Score:** 3.30 / 4.0');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const drawn = drawnWhen((p) => !p.dimensions.some((d) => d.disagreement), 'the debrief without a disagreement');
    assert.ok(await saveAsAUserDoes(doc), 'the save reported failure');
    const page = await drawn;
    assert.match(page.sections.dimensions, /No disagreement/);
    assert.match(page.sections.outcome, /Combined: 3\.17/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('is blind for a panelist who has not submitted: the others\' scores and notes say "submit yours first", with the Submit action', async () => {
    const blind = drawnWhen((p) => p.sections.blind !== undefined, 'the blind debrief');
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Sam Okafor', vscode.ConfigurationTarget.Workspace);
    const page = await blind;
    assert.match(page.sections.blind, /Submit yours first/);
    assert.ok(page.buttons.includes('submit-feedback'), 'the page offers Submit on Sam\'s own feedback');
    assert.ok(!page.buttons.includes('write-summary'), 'no summary of scores Sam may not see');
    assert.ok(!page.sections.evidence.includes('sharded the feed'), 'Alex\'s note is not shown');
    assert.ok(page.sections.evidence.includes('no cache layer'), 'Sam\'s own note is');
    assert.match(page.sections.panel, /submit yours first/);
    assert.doesNotMatch(page.sections.outcome, /Combined: \d/);
    // Not only hidden: the page was never given the others' scores or notes.
    const posted = debrief.panel.lastPosted!.debrief!;
    const alex = posted.feedbacks.find((f) => f.interviewer === 'Alex Chen')!;
    assert.deepStrictEqual(Object.values(alex.scores), [null, null, null, null, null]);
    assert.deepStrictEqual(alex.notes, {});
    assert.strictEqual(posted.combined.weightedScore, null);
    assert.strictEqual(debrief.panel.lastPosted!.blind!.own!.file, 'debrief-test/interview-feedback/2026-12-10-priya-raman-sam.md');

    const shown = drawnWhen((p) => p.sections.blind === undefined, 'the debrief shown again');
    await vscode.workspace.getConfiguration('sdi.debrief').update('blind', false, vscode.ConfigurationTarget.Workspace);
    const open = await shown;
    assert.ok(open.sections.evidence.includes('sharded the feed by user id'));
    // Back to the hiring manager first, so that no drawing in between is blind (its Write Debrief Summary disabled).
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Hiring Manager', vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('sdi.debrief').update('blind', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('blind mode holds back the calibration report\'s rows of the other panelists too', async () => {
    type Cells = [string, string[]][];
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Sam Okafor', vscode.ConfigurationTarget.Workspace);
    const calibration = await vscode.commands.executeCommand<CalibrationFeature>('sdi.showCalibration');
    /** This file's rows as the report draws them: which file, and its cells. */
    const drawn = async (): Promise<Cells> => (await calibration.panel.probeTable()).rows.filter((r) => r.file.startsWith('debrief-test/')).map((r) => [r.file.replace(/.*priya-raman-/, ''), r.cells]);
    /** The rows once the report draws them as `ok` wants: checked now and after each drawing. */
    const reportWhen = (ok: (c: Cells) => boolean, what: string) => new Promise<Cells>((resolve, reject) => {
      let settled = false;
      const check = () => void drawn().then((c) => { if (!settled && ok(c)) { settled = true; sub.dispose(); clearTimeout(guard); resolve(c); } }, () => undefined);
      const sub = calibration.panel.onDidRender(check);
      const guard = setTimeout(() => { settled = true; sub.dispose(); reject(new Error(`timed out waiting for ${what}`)); }, 20000);
      check();
    });
    const withheld = (c: Cells) => c.filter(([, cells]) => cells.includes('submit yours first')).map(([f]) => f);
    const sealed = await reportWhen((c) => c.length === 3 && withheld(c).length === 2, 'the report with the others\' rows withheld');
    assert.deepStrictEqual(withheld(sealed), ['alex.md', 'grace.md']);
    // Not only hidden: the page was posted no score of theirs, while Sam's own row keeps its scores.
    const scores = (f: string) => sealed.find(([x]) => x === f)![1].filter((t) => /^[1-4](\.\d+)?$/.test(t));
    assert.deepStrictEqual([scores('alex.md'), scores('grace.md')], [[], []]);
    assert.ok(scores('sam.md').length >= 5, JSON.stringify(sealed));
    await vscode.workspace.getConfiguration('sdi.feedback').update('interviewer', 'Hiring Manager', vscode.ConfigurationTarget.Workspace);
    await reportWhen((c) => c.length === 3 && withheld(c).length === 0, 'the report with every row shown');
    const back = drawnWhen((p) => p.buttons.includes('write-summary'), 'the debrief shown again');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await back;
  });

  it('Write Debrief Summary saves the summary beside the loop and opens it, and never overwrites one', async () => {
    const first = vscode.Uri.joinPath(dir(), '2026-12-10-priya-raman-debrief.md');
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const sub = vscode.window.onDidChangeActiveTextEditor((e) => {
        if (e?.document.uri.toString() !== first.toString()) return;
        sub.dispose();
        resolve(e.document);
      });
    });
    assert.ok((await debrief.panel.probePage()).buttons.includes('write-summary'), 'the page offers Write Debrief Summary');
    await debrief.panel.pressInPage('write-summary');
    const doc = await opened;
    const written = doc.getText();
    assert.match(written, /^# Debrief: Priya Raman$/m);
    assert.match(written, /Dana Scully/);
    const second = await vscode.commands.executeCommand<vscode.Uri>('sdi.writeDebriefSummary');
    assert.strictEqual(vscode.workspace.asRelativePath(second), 'debrief-test/2026-12-10-priya-raman-debrief-2.md');
    assert.strictEqual(await readText(first), written, 'the first summary is left as it was');
  });

  /** Resolves once `ok` holds of the debriefs' source: checked now and after each of its changes. */
  function sourceWhen(ok: () => boolean, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = () => { sub.dispose(); clearTimeout(guard); };
      const sub = debrief.source.onDidChange(() => { if (ok()) { done(); resolve(); } });
      const guard = setTimeout(() => { done(); reject(new Error(`timed out waiting for ${what}`)); }, 20000);
      if (ok()) { done(); resolve(); }
    });
  }

  it('names the loop file that does not read (and its error) while the feedback is still shown, in the page and the summary; fixed, the loop comes back', async () => {
    const notRead = (file: string) => debrief.source.loops.unreadable().some((u) => u.loop.file === file);
    // Another candidate's broken loop file is theirs, not Priya's: read before Priya's breaks, and never listed on her page.
    const ravi = vscode.Uri.joinPath(dir(), 'ravi.loop.yaml');
    await writeText(ravi, 'candidate: Ravi Kumar\ndate: 2026-13-01\ninterviews: []\n');
    await sourceWhen(() => notRead('debrief-test/ravi.loop.yaml'), 'the other candidate\'s loop file read as not a loop');
    const opened = drawnWhen((p) => (p.sections.missing ?? '').includes('Dana Scully'), 'the debrief of Priya Raman\'s loop');
    await vscode.commands.executeCommand('sdi.openDebrief', loopUri());
    await opened;

    const broken = drawnWhen((p) => p.sections['not-read'] !== undefined, 'the debrief with its loop file not read');
    await writeText(loopUri(), LOOP.replace('date: 2026-12-10', 'date: 2026-12-32'));
    const page = await broken;
    assert.match(page.sections['not-read'], /^Files not read \(1\)\n/);
    assert.match(page.sections['not-read'], /debrief-test\/priya\.loop\.yaml: .*must be a date written YYYY-MM-DD/);
    assert.ok(!page.sections['not-read'].includes('ravi'), 'another candidate\'s loop file is not named');
    for (const who of ['Alex Chen', 'Sam Okafor', 'Grace Hopper']) assert.ok(page.sections.panel.includes(who), `${who}'s feedback is still shown`);
    assert.ok(!page.sections.panel.includes('Dana Scully'), 'no loop: no interview is due');
    assert.match(page.sections.missing, /No loop/);
    assert.ok(page.buttons.includes('write-summary'));
    // The file's name opens it, as the notes open theirs: the page's link names it as the debriefs' source knows it.
    assert.strictEqual(debrief.source.uriOf('debrief-test/priya.loop.yaml')?.toString(), loopUri().toString());

    // The Debrief Summary lists it as `--debrief --md` does, after the debrief.
    const summary = await vscode.commands.executeCommand<vscode.Uri>('sdi.writeDebriefSummary');
    assert.ok(summary, 'a summary is written without the loop');
    const text = await readText(summary);
    assert.match(text, /^# Debrief: Priya Raman$/m);
    // Its Markdown escapes the file's name and the error as every user text (`\-`, `\.`).
    assert.ok(text.endsWith('\n---\n\n# Files not read\n\n- debrief\\-test/priya\\.loop\\.yaml: date: must be a date written YYYY\\-MM\\-DD\n'), text.slice(-300));
    assert.ok(!text.includes('ravi'));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    // A YAML syntax error leaves no candidate to read: the file may be Priya's, so it is named too.
    const syntax = drawnWhen((p) => /priya\.loop\.yaml: (?!.*YYYY-MM-DD)/.test(p.sections['not-read'] ?? ''), 'the loop file with a syntax error');
    await writeText(loopUri(), LOOP.replace('candidate: Priya Raman', 'candidate: [Priya Raman'));
    assert.match((await syntax).sections['not-read'], /Files not read \(1\)/);

    const fixed = drawnWhen((p) => p.sections['not-read'] === undefined && (p.sections.missing ?? '').includes('Dana Scully'), 'the debrief with its loop again');
    await writeText(loopUri(), LOOP);
    const back = await fixed;
    assert.match(back.sections.coverage ?? '', /Production Readiness: in 1 of the 2/, 'the loop\'s focus is back');
    await vscode.workspace.fs.delete(ravi);
  });

  it('names the candidate\'s feedback file that does not read as feedback, not another candidate\'s; fixed, it counts again', async () => {
    // Another candidate's feedback without a scores block is theirs: read first, and never listed on Priya's page.
    const ravisNotRead = () => debrief.source.unreadableOf('ravi kumar').some((u) => u.file === 'debrief-test/interview-feedback/2026-12-10-ravi-kumar-no-scores.md');
    const ravi = vscode.Uri.joinPath(dir(), 'interview-feedback', '2026-12-10-ravi-kumar-no-scores.md');
    await writeText(ravi, RAVI.replace('### Scores (Weighted)', '### Marks'));
    await sourceWhen(ravisNotRead, 'the other candidate\'s file read as not feedback, naming him');
    const samsFeedback = await readText(feedbackUri('sam'));
    const samCounts = (p: DebriefPage) => /Combined: \d/.test(p.sections.outcome ?? '') && !(p.sections.missing ?? '').includes('Sam Okafor');
    const opened = drawnWhen(samCounts, 'the debrief of Priya Raman\'s loop with Sam Okafor\'s feedback counted');
    await vscode.commands.executeCommand('sdi.openDebrief', loopUri());
    await opened;

    const broken = drawnWhen((p) => p.sections['not-read'] !== undefined, 'the debrief with Sam Okafor\'s feedback not read');
    await writeText(feedbackUri('sam'), samsFeedback.replace('### Scores (Weighted)', '### Marks'));
    const page = await broken;
    assert.match(page.sections['not-read'], /^Files not read \(1\)\n/);
    assert.match(page.sections['not-read'], /debrief-test\/interview-feedback\/2026-12-10-priya-raman-sam\.md: no scores block/);
    assert.ok(!page.sections['not-read'].includes('ravi'), 'another candidate\'s file is not named');
    assert.match(page.sections.missing ?? '', /Sam Okafor/, 'his interview counts as missing, the file named above');
    assert.strictEqual(debrief.source.uriOf('debrief-test/interview-feedback/2026-12-10-priya-raman-sam.md')?.toString(), feedbackUri('sam').toString());

    const fixed = drawnWhen((p) => p.sections['not-read'] === undefined && samCounts(p), 'the debrief with Sam Okafor\'s feedback again');
    await writeText(feedbackUri('sam'), samsFeedback);
    await fixed;
    await vscode.workspace.fs.delete(ravi);
  });

  it('opened for another candidate while hidden, says it is reading until their debrief is drawn: never the first candidate\'s figures', async () => {
    const debriefTab = () => allTabs().find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sdi.debrief'));
    /** Resolves when the debrief's tab is (`active`) or is not the active one of its group. */
    const tabActive = (active: boolean) => new Promise<void>((resolve) => {
      if (!!debriefTab()?.isActive === active) return resolve();
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => { if (!!debriefTab()?.isActive === active) { sub.dispose(); resolve(); } });
    });
    /** Puts another editor in front of the page (VS Code drops a hidden page and loads it from its HTML when shown). */
    const hide = async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(loopUri()), { viewColumn: debriefTab()!.group.viewColumn, preview: false });
      await tabActive(false);
    };
    await writeText(vscode.Uri.joinPath(dir(), 'interview-feedback', '2026-12-10-ravi-kumar-kim.md'), RAVI);
    await sourceWhen(() => debrief.source.choices().some((c) => c.candidate === 'Ravi Kumar'), 'Ravi Kumar among the candidates');
    const priya = drawnWhen((p) => (p.sections.panel ?? '').includes('Grace Hopper'), 'the debrief of Priya Raman');
    await vscode.commands.executeCommand('sdi.openDebrief', loopUri());
    const priyaVersion = (await priya).version;
    await hide();

    // Ravi's debrief is held in the making, as a slow read of his files would hold it (the test's stand-in for a large workspace).
    const source = debrief.source;
    const debriefOf = source.debriefOf.bind(source);
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    source.debriefOf = async (target) => {
      if (target.candidateKey === 'ravi kumar') await held;
      return debriefOf(target);
    };
    const drawnVersions: number[] = [];
    const renders = debrief.panel.onDidRender((r) => drawnVersions.push(r.version));
    try {
      await vscode.commands.executeCommand('sdi.openDebrief', 'Ravi Kumar');
      await tabActive(true);
      const reading = await debrief.panel.probePage();
      assert.deepStrictEqual([reading.version, reading.sections], [0, {}], `the page shown again drew ${JSON.stringify(reading).slice(0, 500)}`);
      assert.strictEqual(debriefTab()!.label, 'Debrief', 'the title names no candidate while it reads');
      // Hidden and shown again before Ravi's debrief is made: still reading, not Priya's debrief from the page's last HTML.
      await hide();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await tabActive(true);
      const again = await debrief.panel.probePage();
      assert.deepStrictEqual([again.version, again.sections], [0, {}], `the page shown again drew ${JSON.stringify(again).slice(0, 500)}`);
      assert.deepStrictEqual(drawnVersions, [], `the page drew debriefs ${drawnVersions.join(', ')} (Priya's was ${priyaVersion}) while Ravi's was being made`);

      const ravi = drawnWhen((p) => (p.sections.panel ?? '').includes('Kim Lee'), 'the debrief of Ravi Kumar');
      release();
      const page = await ravi;
      assert.ok(page.version > priyaVersion);
      assert.ok(!page.sections.panel.includes('Grace Hopper'));
      assert.strictEqual(debriefTab()!.label, 'Debrief: Ravi Kumar');
    } finally {
      release();
      // The class's own method again (the instance's stand-in deleted).
      delete (source as { debriefOf?: unknown }).debriefOf;
      renders.dispose();
    }
  });
});
