/**
 * The debrief page in the real extension host (issue 21's benchmark): 10,000 feedback files in the
 * workspace (as the calibration host bench writes them) and a loop for one candidate of four
 * panelists. With the workspace's feedback read once (the calibration model's first scan, not
 * timed), `Interview: Open Debrief` for that candidate, from the command to the page saying it drew
 * it (goal: under 300 ms), the first time (the page created) and again for other candidates in the
 * open page; then one panelist's file edited and saved again and again, from VS Code's save event to
 * the page drawn (goal: under 100 ms). Writes out/bench/debrief-host.json. An entry of its own for
 * the integration harness (`SDI_TESTS_ENTRY`, see test/bench/debriefHost.mjs), not a test.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DebriefFeature, RenderedDebrief } from '../../../src/debrief';
import type { LoadedApi } from '../../../src/extension';
import type { DebriefTarget } from '../../../src/protocol';
import { fill } from '../../fixtures/feedback/fill';
import { saveAsAUserDoes } from '../save';
import { timeStats, writeFigures, setFirstScore } from './figures';

const FILES = Number(process.env.SDI_DEBRIEF_FILES ?? 10_000);
const OPENS = 12;
const SAVES = 12;
const DIR = 'debrief-bench';
const INTERVIEWERS = 200;
/** The candidate with the loop: files 28 to 31 (four panelists each), dated 2024-05-08. */
const CANDIDATE = 7;

/** Resolves with the first drawing after `after` (performance.now()) that satisfies `ok`. */
function drawn(feature: DebriefFeature, after: number, ok: () => boolean, what: string): Promise<RenderedDebrief> {
  return new Promise((resolve, reject) => {
    const sub = feature.panel.onDidRender((r) => {
      if (r.postedAt < after || !ok()) return;
      sub.dispose();
      clearTimeout(guard);
      resolve(r);
    });
    const guard = setTimeout(() => { sub.dispose(); reject(new Error(`timed out waiting for ${what}`)); }, 120_000);
  });
}

export async function run(): Promise<void> {
  const a = await vscode.extensions.getExtension<LoadedApi>('sdi-kit.system-design-interview-kit')!.activate();
  const feature = a.debrief;
  const root = vscode.workspace.workspaceFolders![0].uri;
  const dir = path.join(root.fsPath, DIR);
  fs.mkdirSync(dir, { recursive: true });
  const interviewerOf = (i: number) => `Interviewer ${(i * 7) % INTERVIEWERS}`;
  const dateOf = (c: number) => `2024-05-${String(1 + (c % 28)).padStart(2, '0')}`;
  for (let i = 0; i < FILES; i++) {
    const s = [1 + (i % 4), 1 + ((i >> 2) % 4), 1 + ((i >> 4) % 4), 1 + ((i >> 1) % 4), 1 + ((i >> 3) % 4)];
    fs.writeFileSync(path.join(dir, `f${i}.md`), fill({ candidate: `Candidate ${Math.floor(i / 4)}`, interviewer: interviewerOf(i), date: dateOf(Math.floor(i / 4)), problem: `Problem ${i % 7}`, scores: s }));
  }
  const problems = ['global-social-media-feed', 'distributed-payment-processing', 'real-time-analytics-platform', 'global-social-media-feed'];
  const focus = ['[technical-architecture, scalability-performance]', '[distributed-systems-knowledge, production-readiness]', '[communication-leadership, technical-architecture]', '[scalability-performance, distributed-systems-knowledge]'];
  fs.writeFileSync(path.join(dir, `candidate-${CANDIDATE}.loop.yaml`), [
    `candidate: Candidate ${CANDIDATE}`, `date: ${dateOf(CANDIDATE)}`, 'interviews:',
    ...[0, 1, 2, 3].flatMap((k) => [`  - interviewer: ${interviewerOf(CANDIDATE * 4 + k)}`, `    problem: ${problems[k]}`, `    focus: ${focus[k]}`]),
  ].join('\n') + '\n');
  const config = vscode.workspace.getConfiguration();
  await config.update('sdi.feedback.glob', `**/${DIR}/**/*.md`, vscode.ConfigurationTarget.Workspace);
  await config.update('sdi.feedback.folder', DIR, vscode.ConfigurationTarget.Workspace);
  // Not a panelist (blind mode shows the panel everything), and saves as Ctrl+S makes them.
  await config.update('sdi.feedback.interviewer', 'Hiring Manager', vscode.ConfigurationTarget.Workspace);
  await config.update('files.autoSave', 'off', vscode.ConfigurationTarget.Workspace);
  // The workspace read once, as when the calibration report or a loop file has been open.
  await feature.source.ready();
  const loopUri = vscode.Uri.file(path.join(dir, `candidate-${CANDIDATE}.loop.yaml`));

  /** Command → drawn, and command → posted (the host's part), in ms. */
  const openOnce = async (arg: vscode.Uri | DebriefTarget, candidate: string): Promise<{ drawn: number; posted: number }> => {
    const at = performance.now();
    const done = drawn(feature, at, () => feature.panel.lastPosted?.debrief?.candidate === candidate, `the debrief of ${candidate}`);
    await vscode.commands.executeCommand('sdi.openDebrief', arg);
    const r = await done;
    return { drawn: r.renderedAt - at, posted: r.postedAt - at };
  };
  const first = await openOnce(loopUri, `Candidate ${CANDIDATE}`);
  const opens: number[] = [];
  const posted: number[] = [];
  for (let k = 0; k < OPENS; k++) {
    const c = k % 2 ? CANDIDATE : 100 + k;
    const t = await openOnce(c === CANDIDATE ? loopUri : { candidateKey: `candidate ${c}` }, `Candidate ${c}`);
    opens.push(t.drawn);
    posted.push(t.posted);
  }
  await openOnce(loopUri, `Candidate ${CANDIDATE}`);

  const uri = vscode.Uri.file(path.join(dir, `f${CANDIDATE * 4}.md`));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  const fromEvent: number[] = [];
  for (let k = 0; k < SAVES; k++) {
    const score = 2 + (k % 3);
    await setFirstScore(doc, score);
    let savedAt = 0;
    const onSave = vscode.workspace.onDidSaveTextDocument((d) => { if (d.uri.toString() === uri.toString()) savedAt = performance.now(); });
    const requestedAt = performance.now();
    const shows = () => feature.panel.lastPosted?.debrief?.feedbacks.find((f) => f.file === `${DIR}/f${CANDIDATE * 4}.md`)?.scores['technical-architecture'] === score;
    const done = drawn(feature, requestedAt, shows, 'the saved score in the debrief');
    if (!(await saveAsAUserDoes(doc))) throw new Error('the feedback file could not be saved');
    const r = await done;
    onSave.dispose();
    if (k > 0) fromEvent.push(r.renderedAt - (savedAt && savedAt < r.renderedAt ? savedAt : requestedAt));
  }
  writeFigures('debrief-host', {
    files: FILES,
    firstOpen: { drawn: Math.round(first.drawn), posted: Math.round(first.posted) },
    open: timeStats(opens, 0),
    openPosted: timeStats(posted, 0),
    fromSaveEvent: timeStats(fromEvent, 0),
  });
}
