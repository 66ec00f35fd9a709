// New Feedback in a VS Code of its own with workspace trust on, and a fake `git` first on its PATH that
// records every call:
// - in an untrusted workspace (Restricted Mode), whose .vscode/settings.json points sdi.feedback.folder
//   elsewhere and which is a git repository, the file goes to the default folder and git is never run;
// - in a window with no folder, the feedback is an untitled document, filled in (the interviewer from
//   git's user.name, which the fake git answers).
import assert from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHost } from '../host/host.mjs';
import { openWorkbench } from './workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const FAKE_NAME = 'Fake Git User';

/** A folder holding `git`, a script that appends its arguments to `log` and answers `config user.name`. */
function fakeGit(dir, log) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'git'), `#!/bin/sh\necho "$*" >> '${log}'\nif [ "$1 $2" = "config user.name" ]; then echo '${FAKE_NAME}'; fi\n`);
  chmodSync(join(dir, 'git'), 0o755);
}

/** A git repository whose own settings point New Feedback's folder elsewhere. */
function untrustedWorkspace(ws) {
  mkdirSync(join(ws, '.vscode'), { recursive: true });
  writeFileSync(join(ws, '.vscode/settings.json'), JSON.stringify({ 'sdi.feedback.folder': 'chosen-by-the-repository' }, null, 2));
  writeFileSync(join(ws, 'README.md'), '# A cloned repository\n');
  // The real git, by its path: the fake one is only the host's.
  const r = spawnSync('/usr/bin/git', ['init', '-q', ws], { encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  writeFileSync(join(ws, '.git/config'), `${readFileSync(join(ws, '.git/config'), 'utf8')}[user]\n\tname = Name Chosen By The Repository\n`);
}

/** Runs New Feedback from the palette for `candidate`, choosing no problem, as a user does. */
async function newFeedback(wb, candidate) {
  await wb.runCommand('Interview: New Feedback');
  const input = wb.page.locator('.quick-input-widget input');
  await wb.page.locator('.quick-input-widget', { hasText: "The candidate's name" }).waitFor({ timeout: 15_000 });
  await input.fill(candidate);
  await wb.page.keyboard.press('Enter');
  await wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'New Feedback: Problem' }).waitFor({ timeout: 15_000 });
  await wb.pickExact('Other / fill in later');
}

/** The text the active editor shows (its first lines), with Monaco's no-break spaces as spaces. */
async function editorText(wb) {
  const lines = await wb.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').evaluateAll((els) =>
    els.map((e) => ({ top: parseFloat(e.style.top), text: e.textContent ?? '' })).sort((a, b) => a.top - b.top).map((l) => l.text));
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

describe('workspace trust and no folder: New Feedback in its own VS Code (Chromium)', function () {
  let base;
  let host;
  let ws;
  let log;
  /** The fake git's calls so far. */
  const gitCalls = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);

  before(async function () {
    this.timeout(240_000);
    mkdirSync(join(ROOT, '.vscode-test/runs'), { recursive: true });
    base = mkdtempSync(join(ROOT, '.vscode-test/runs/e2e-untrusted-'));
    log = join(base, 'git-calls.log');
    fakeGit(join(base, 'bin'), log);
    ws = join(base, 'cloned-repository');
    untrustedWorkspace(ws);
    // The extension as under test: the packaged .vsix, or a link to the working tree when SDI_E2E_FROM=source.
    const install = process.env.SDI_E2E_FROM === 'source' || !process.env.SDI_VSIX ? true : process.env.SDI_VSIX;
    // Started as `code .` in the repository starts it: from there (git run without a folder runs there
    // too), with the terminal's environment (VSCODE_CLI, so the server keeps the PATH with the fake git
    // instead of taking a login shell's).
    host = await startHost({ name: 'e2e-untrusted', install, trust: true, workspace: ws, cwd: ws, env: { PATH: `${join(base, 'bin')}:${process.env.PATH}`, VSCODE_CLI: '1' } });
  });
  let failed = false;
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => {
    await host?.stop();
    // A passing run's folders go, as the harness does with its own.
    if (!failed && !process.env.SDI_KEEP_RUNS) {
      if (host) rmSync(host.run, { recursive: true, force: true });
      rmSync(base, { recursive: true, force: true });
    }
  });

  describe('an untrusted workspace (Restricted Mode)', () => {
    let wb;
    before(async () => { wb = await openWorkbench({ folder: ws, baseUrl: host.url }); });
    after(async () => { await wb?.close(); });

    it('writes to the default folder, not the one the workspace\'s settings choose, and never runs git', async () => {
      // Restricted Mode is on: the status bar says so.
      await wb.page.locator('.part.statusbar', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
      await newFeedback(wb, 'Rita Restricted');
      await wb.page.locator('.tabs-container .tab', { hasText: 'rita-restricted' }).first().waitFor({ timeout: 30_000 });
      const created = readdirSync(join(ws, 'interview-feedback')).filter((f) => f.endsWith('-rita-restricted.md'));
      assert.strictEqual(created.length, 1, `interview-feedback/ holds ${readdirSync(join(ws, 'interview-feedback')).join(', ')}`);
      assert.ok(!existsSync(join(ws, 'chosen-by-the-repository')), 'the workspace\'s sdi.feedback.folder was followed');
      const text = readFileSync(join(ws, 'interview-feedback', created[0]), 'utf8');
      assert.match(text, /^\*\*Candidate:\*\* Rita Restricted$/m);
      assert.match(text, /^\*\*Interviewer:\*\* \[Your Name\]$/m, 'the interviewer came from somewhere in an untrusted workspace');
      assert.deepStrictEqual(gitCalls(), [], 'git was run in an untrusted workspace');
      await wb.screenshot('untrusted-1-new-feedback');
    });
  });

  describe('a window with no folder', () => {
    let wb;
    before(async () => { wb = await openWorkbench({ folder: null, baseUrl: host.url }); });
    after(async () => { await wb?.close(); });

    it('New Feedback opens an untitled document, filled in, the interviewer from git', async () => {
      const before = gitCalls().length;
      await newFeedback(wb, 'Nora Folderless');
      await wb.page.locator('.editor-group-container.active .monaco-editor .view-line', { hasText: 'Nora Folderless' }).first().waitFor({ timeout: 30_000 })
        .catch(async (e) => { await wb.screenshot('untrusted-2-no-folder-failed'); throw e; });
      // An untitled document: its tab is titled by its first line, with "Untitled-N" beside it, and unsaved.
      const tab = wb.page.locator('.tabs-container .tab.active');
      assert.match(await tab.innerText(), /Untitled-\d+/);
      assert.ok(await tab.evaluate((t) => t.classList.contains('dirty')), 'the untitled feedback is not marked unsaved');
      const text = await editorText(wb);
      assert.match(text, /^\*\*Candidate:\*\* Nora Folderless$/m, text);
      assert.match(text, new RegExp(`^\\*\\*Interviewer:\\*\\* ${FAKE_NAME}$`, 'm'), text);
      assert.match(text, /^\*\*Date:\*\* \d{4}-\d\d-\d\d$/m, text);
      assert.match(text, /^\*\*Problem Used:\*\* \[Problem Title\]$/m, text);
      assert.deepStrictEqual(gitCalls().slice(before), ['config user.name']);
      await wb.screenshot('untrusted-2-no-folder');
    });
  });
});
