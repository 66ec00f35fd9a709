// Benchmark (not a test) of activation (issue 10), in the real host: VS Code in the browser with the
// extension from this repository's build (`npm run bench` builds for production). Opens a fresh
// window on a workspace holding one feedback file (so the extension activates at startup, by
// `workspaceContains`) several times and reads VS Code's own Running Extensions figures: this
// extension's activation time against the built-in Git extension's in the same window (goal: at most
// half of Git's). Then a window on a workspace with no feedback, kit or interview: the extension must
// not be running there at all.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, ensureHost, startHost } from '../host/host.mjs';
import { runningExtensions, runningUntil } from '../e2e/workbench.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const NAME = 'System Design Interview Kit';
const WINDOWS = 7;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Opens a window on `folder` and polls Running Extensions until Git (and `want`, if given) run; returns the list. */
async function windowFigures(browser, url, folder, want, act) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${url}/?folder=${encodeURIComponent(folder)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    const ran = (name) => (list) => list.some((e) => e.name === name && e.ms !== undefined);
    if (act) {
      // Startup first (Git running), then the action that activates this extension.
      await runningUntil(page, ran('Git'), 'Git never activated');
      await page.waitForTimeout(2_000);
      await act(page);
    }
    await runningUntil(page, (list) => ran('Git')(list) && (!want || ran(want)(list)), `the window never listed Git${want ? ` and ${want}` : ''}`);
    // Anything still activating at startup has had a second more to show.
    await page.waitForTimeout(1_000);
    return await runningExtensions(page);
  } finally {
    await context.close();
  }
}

export async function run() {
  ensureHost();
  const bundle = join(ROOT, 'dist/extension.js');
  const text = readFileSync(bundle, 'utf8');
  const minified = !text.includes('sourceMappingURL');
  const host = await startHost({ name: 'bench-activation', install: true });
  const feedbackWs = join(host.run, 'feedback-workspace');
  mkdirSync(join(feedbackWs, 'interview-feedback'), { recursive: true });
  writeFileSync(join(feedbackWs, 'interview-feedback', '2026-11-01-ada.md'), '## Senior Engineer System Design Interview\n\n### Scores (Weighted)\n- Technical Architecture (30%): 3 / 4\n');
  const plainWs = join(host.run, 'plain-workspace');
  mkdirSync(plainWs, { recursive: true });
  writeFileSync(join(plainWs, 'README.md'), '# Some project\n');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const ours = [];
    const git = [];
    for (let i = 0; i < WINDOWS; i++) {
      const list = await windowFigures(browser, host.url, feedbackWs, NAME);
      ours.push(list.find((e) => e.name === NAME).ms);
      git.push(list.find((e) => e.name === 'Git').ms);
    }
    const plain = await windowFigures(browser, host.url, plainWs);
    const idle = !plain.some((e) => e.name === NAME);
    // Activated by its view in a window whose startup has settled: its own cost, not queued behind
    // the other extensions starting with the window.
    const byView = [];
    const gitThere = [];
    for (let i = 0; i < WINDOWS; i++) {
      const list = await windowFigures(browser, host.url, plainWs, NAME, async (page) => {
        await page.locator('.activitybar [aria-label^="System Design Interview"]').first().click();
        await page.locator('.pane-body .monaco-list-row', { hasText: 'Interview Guide' }).first().waitFor({ timeout: 30_000 });
      });
      byView.push(list.find((e) => e.name === NAME).ms);
      gitThere.push(list.find((e) => e.name === 'Git').ms);
    }
    const kb = (f) => `${(statSync(join(ROOT, 'dist', f)).size / 1024).toFixed(1)} KB`;
    console.log(`dist/extension.js (the activation shell): ${kb('extension.js')}; dist/features.js (loaded when first needed): ${kb('features.js')}${minified ? ' (production build)' : ' (development build: run `node esbuild.mjs --production` for the shipped figure)'}`);
    console.log(`Activation in a window with a feedback file, ${WINDOWS} windows (VS Code's Running Extensions figures):`);
    console.log(`  this extension: median ${median(ours)} ms  (${ours.join(', ')})`);
    console.log(`  Git (floor):    median ${median(git)} ms  (${git.join(', ')})`);
    const ratios = ours.map((o, i) => o / git[i]);
    console.log(`  ratio to Git in the same window: median ${median(ratios).toFixed(2)}x  (goal: at most 0.5x)`);
    console.log(`A window with no feedback, kit or interview: ${idle ? 'not activated (goal met)' : 'ACTIVATED (goal missed)'}`);
    console.log(`Activated by opening its view after the window's startup settled (its own cost), ${WINDOWS} windows:`);
    console.log(`  this extension: median ${median(byView)} ms  (${byView.join(', ')})`);
    console.log(`  Git at startup: median ${median(gitThere)} ms  (${gitThere.join(', ')})`);
    console.log(`  ratio: median ${median(byView.map((o, i) => o / gitThere[i])).toFixed(2)}x  (goal: at most 0.5x)`);
    rmSync(feedbackWs, { recursive: true, force: true });
    rmSync(plainWs, { recursive: true, force: true });
  } finally {
    await browser.close();
    await host.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
