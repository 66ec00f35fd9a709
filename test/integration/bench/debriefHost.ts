/**
 * The debrief page in the real extension host (issue 21's benchmark): 10,000 feedback files in the
 * workspace (as the calibration host bench writes them) and a loop for one candidate of four
 * panelists. With the workspace's feedback read once (the calibration model's first scan, not
 * timed), `Interview: Open Debrief` for that candidate, from the command to the page saying it drew
 * it (goal: under 300 ms). The first open creates the page: it is timed against a floor of the
 * bench's own, a bare webview (the same policy, one tiny module script that posts once it has
 * painted), created just before it, in rounds that close the debrief again; the session's first
 * webview, which pays VS Code's setup of webviews, is a bare one, timed apart. Then the open page:
 * other candidates and back; then one panelist's file edited and saved again and again, from VS
 * Code's save event to the page drawn (goal: under 100 ms). Writes out/bench/debrief-host.json. An
 * entry of its own for the integration harness (`SDI_TESTS_ENTRY`, see test/bench/debriefHost.mjs),
 * not a test.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { escapeHtml } from '../../../src/core/escape';
import type { DebriefFeature, RenderedDebrief } from '../../../src/debrief';
import type { LoadedApi } from '../../../src/extension';
import type { DebriefTarget } from '../../../src/protocol';
import type { PageLoad } from '../../../src/testing/protocol';
import { contentSecurityPolicy, makeNonce } from '../../../src/webviewHtml';
import { fill } from '../../fixtures/feedback/fill';
import { saveAsAUserDoes } from '../save';
import { timeStats, writeFigures, setFirstScore } from './figures';

const FILES = Number(process.env.SDI_DEBRIEF_FILES ?? 10_000);
const OPENS = 12;
const SAVES = 12;
/** Rounds of a bare webview then the debrief's page created, each closed again. */
const ROUNDS = 5;
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

/**
 * A page created and drawn, each step in ms from the command: the page's frame began loading
 * (`frame`: VS Code's part), its script had arrived (`fetched`) and ran (`ran`), the host posted
 * its data (`posted`: in its HTML, or by a message after its `ready`; none for the bare page), and
 * the host heard it was drawn (`total`).
 */
interface FirstOpen { total: number; frame: number; fetched: number | null; ran: number; posted: number | null }

/** The page's wall-clock times on the host's `performance.now()` scale (one machine, one clock). */
const hostTime = (wall: number) => wall - performance.timeOrigin;

function steps(at: number, loaded: PageLoad, postedAt: number | null, drawnAt: number): FirstOpen {
  const r = (ms: number) => Math.round(ms);
  return {
    total: r(drawnAt - at),
    frame: r(hostTime(loaded.frame) - at),
    fetched: loaded.scriptFetched === null ? null : r(hostTime(loaded.scriptFetched) - at),
    ran: r(hostTime(loaded.scriptRan) - at),
    posted: postedAt === null ? null : r(postedAt - at),
  };
}

/** The bare page's script: when its frame began loading, its script arrived and ran, sent once its body has painted. */
const BARE_SCRIPT = `const origin = performance.timeOrigin;
const script = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith('/bare.js'));
const loaded = { frame: origin, scriptFetched: script ? origin + script.responseEnd : null, scriptRan: origin + performance.now() };
const vscode = acquireVsCodeApi();
requestAnimationFrame(() => setTimeout(() => vscode.postMessage(loaded), 0));
`;

/**
 * The floor of a page's first open: a webview panel that is not the product's, created as the
 * debrief's is (the active column, scripts on, files from one folder), its page the shell's strict
 * policy with one module script by nonce that says when it loaded once its body has painted; then closed.
 */
async function bareOpen(folder: vscode.Uri): Promise<FirstOpen> {
  const at = performance.now();
  const panel = vscode.window.createWebviewPanel('sdi.benchBare', 'Bare', vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [folder] });
  try {
    const loaded = new Promise<PageLoad>((resolve) => panel.webview.onDidReceiveMessage(resolve));
    const nonce = makeNonce();
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(folder, 'bare.js')).toString();
    panel.webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(panel.webview.cspSource, nonce))}">
<title>Bare</title>
</head>
<body>
<p>A bare page.</p>
<script type="module" nonce="${escapeHtml(nonce)}" src="${escapeHtml(script)}"></script>
</body>
</html>`;
    const page = await loaded;
    return steps(at, page, null, performance.now());
  } finally {
    panel.dispose();
  }
}

/** Closes the debrief's tab, as a user does. */
async function closeDebrief(feature: DebriefFeature): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('sdi.debrief'));
  await vscode.window.tabGroups.close(tabs);
  if (feature.panel.isOpen) throw new Error('the debrief is still open after its tab was closed');
}

/** The medians of each step over `opens`. */
function medianSteps(opens: readonly FirstOpen[]): FirstOpen {
  const median = (xs: (number | null)[]) => {
    const known = xs.filter((x): x is number => x !== null);
    return known.length ? timeStats(known, 0).medianMs : null;
  };
  return {
    total: median(opens.map((o) => o.total))!,
    frame: median(opens.map((o) => o.frame))!,
    fetched: median(opens.map((o) => o.fetched)),
    ran: median(opens.map((o) => o.ran))!,
    posted: median(opens.map((o) => o.posted)),
  };
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
  const openOnce = async (arg: vscode.Uri | DebriefTarget, candidate: string): Promise<{ at: number; r: RenderedDebrief; drawn: number; posted: number }> => {
    const at = performance.now();
    const done = drawn(feature, at, () => feature.panel.lastPosted?.debrief?.candidate === candidate, `the debrief of ${candidate}`);
    await vscode.commands.executeCommand('sdi.openDebrief', arg);
    const r = await done;
    return { at, r, drawn: r.renderedAt - at, posted: r.postedAt - at };
  };

  // The page's first open, against a bare webview's just before it. The session's first webview
  // pays for VS Code's setup of webviews (its service worker, first registered then): a bare one.
  const bareFolder = path.join(__dirname, '..', '..', '..', 'bench', 'bare-webview');
  fs.mkdirSync(bareFolder, { recursive: true });
  fs.writeFileSync(path.join(bareFolder, 'bare.js'), BARE_SCRIPT);
  const bareUri = vscode.Uri.file(bareFolder);
  const sessionFirst = await bareOpen(bareUri);
  const bares: FirstOpen[] = [];
  const created: FirstOpen[] = [];
  for (let k = 0; k < ROUNDS; k++) {
    bares.push(await bareOpen(bareUri));
    const o = await openOnce(loopUri, `Candidate ${CANDIDATE}`);
    const page = await feature.panel.probePage();
    created.push(steps(o.at, page.loaded, o.r.postedAt, o.r.renderedAt));
    await closeDebrief(feature);
  }
  await openOnce(loopUri, `Candidate ${CANDIDATE}`);
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
  const postedFromEvent: number[] = [];
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
    const from = savedAt && savedAt < r.renderedAt ? savedAt : requestedAt;
    if (k > 0) {
      fromEvent.push(r.renderedAt - from);
      postedFromEvent.push(r.postedAt - from);
    }
  }
  writeFigures('debrief-host', {
    files: FILES,
    firstOpen: {
      rounds: ROUNDS,
      sessionFirstBare: sessionFirst,
      first: { debrief: created[0], bare: bares[0] },
      median: { debrief: medianSteps(created), bare: medianSteps(bares) },
      ratios: created.map((c, k) => Number((c.total / bares[k].total).toFixed(2))),
    },
    open: timeStats(opens, 0),
    openPosted: timeStats(posted, 0),
    fromSaveEvent: timeStats(fromEvent, 0),
    fromSaveEventPosted: timeStats(postedFromEvent, 0),
  });
}
