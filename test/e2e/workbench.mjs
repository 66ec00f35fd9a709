// Helpers for end-to-end tests: a Playwright page on the real VS Code workbench started by
// `node test/host/run.mjs e2e` (which sets SDI_BASE_URL, SDI_WORKSPACE, SDI_SETTINGS_FILE, SDI_RESULTS).
import { chromium } from 'playwright-core';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set: run e2e tests with "node test/host/run.mjs e2e"`);
  return v;
};
export const BASE_URL = () => env('SDI_BASE_URL');
export const WORKSPACE = () => env('SDI_WORKSPACE');
export const RESULTS = () => env('SDI_RESULTS');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// One Chromium for the whole mocha run (each file is a run of its own: test/host/run.mjs), launched by
// the first workbench opened; every workbench gets a new context in it, which starts with empty storage
// as a new browser would (VS Code in the browser keeps the window's state there).
let shared;
const browser = () => (shared ??= chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS }));

/** Mocha root hooks (the harness loads this module with `--require`): the shared Chromium closes after the run. */
export const mochaHooks = {
  async afterAll() {
    if (shared) await (await shared).close();
    shared = undefined;
  },
};

/**
 * Waits until `check()` (sync or async) gives a truthy value, read every `every` ms, and returns it.
 * Fails naming `what` after `timeout` ms, with `describe()`'s account of the last state when given.
 * Only for states no event tells the test of: a file the extension host writes, the browser's storage,
 * the running-extensions list (a snapshot, not live).
 */
export async function eventually(check, what, { timeout = 20_000, every = 100, describe } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > end) throw new Error(`${what}: not after ${timeout} ms${describe ? `; ${await describe()}` : ''}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Changes user settings of the test profile; this host reads them when a window opens (not live). */
export function updateSettings(patch) {
  const file = env('SDI_SETTINGS_FILE');
  const current = JSON.parse(readFileSync(file, 'utf8'));
  writeFileSync(file, JSON.stringify({ ...current, ...patch }, null, 2));
}

/** Clicks the open quick pick's row whose label is exactly `label`. */
export async function pickExact(page, label) {
  const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first().click({ timeout: 10_000 });
}

/**
 * Where the page's keyboard focus is, for a failed step's message: the focused element's tag, classes
 * and label, and whether the page has the focus at all.
 */
export function focusedElement(page) {
  return page.evaluate(() => {
    const e = document.activeElement;
    const where = e ? `${e.tagName}.${String(e.className).slice(0, 80)} ${e.getAttribute('aria-label') ?? ''}`.trim() : 'none';
    return document.hasFocus() ? where : `${where} (the page without the focus)`;
  });
}

/**
 * Auto save off, VS Code's default on the desktop, for a test whose Ctrl+S must write the weighted score
 * (`updateSettings(AUTO_SAVE_OFF)`). In a browser VS Code saves a second after an edit, and a Ctrl+S
 * pressed while such an auto save is being written joins it instead of saving again (VS Code's
 * TextFileEditorModel returns the running save): the save participants then see only the auto save,
 * which by design writes no score. On a busy machine the tests' Ctrl+S came that late.
 */
export const AUTO_SAVE_OFF = { 'files.autoSave': 'off' };

/**
 * Before a key meant for the workbench (F1): when a webview holds the focus, moves it to the active
 * editor tab, so that the key reaches the workbench itself. A key pressed in a webview reaches it by a
 * message, so the palette opened late and the keys typed meanwhile went to the page (pickers in
 * clean-clone runs 18 and 20). And a webview takes the focus in two steps, its frame at once and its
 * content frame 50 ms later by a message (VS Code's WebviewElement._doFocus; the webview's
 * pre/index.html 'focus' handler, which does nothing when its content frame is already its page's
 * active element): so the content frame is given the page's focus first, as that message does, and a
 * message still on its way can no longer take the focus back from the palette.
 */
export async function focusOffWebview(page) {
  const focused = (await page.evaluateHandle(() => document.activeElement)).asElement();
  if (!focused || !(await focused.evaluate((e) => e.matches('iframe.webview')))) return;
  const frame = await focused.contentFrame();
  // After a dialog VS Code gives the focus back to the webview's frame, whose page then has it on its
  // body, not on its content frame (issue12's Reset): the state that message would change.
  if (frame) {
    await frame.evaluate(() => {
      const content = document.getElementById('active-frame');
      if (content && document.activeElement !== content) content.contentWindow?.focus();
    });
    await eventually(() => frame.evaluate(() => document.activeElement?.id === 'active-frame'), "the webview's content frame holding its page's focus", { timeout: 10_000, every: 50 });
  }
  const tab = page.locator('.part.editor .editor-group-container.active .tabs-container .tab.active').first();
  await tab.focus();
  // The focus on the workbench's own page: the tab, or any other element of the page (its body, when
  // VS Code draws the tab anew meanwhile, as it may when a panel's title changes: the likely cause of
  // clean-clone run 35's failure, after the guide panel showed another item), where a key reaches the
  // workbench just as well. Not on a webview's frame.
  try {
    await page.waitForFunction(() => document.hasFocus() && !document.activeElement?.matches('iframe'), undefined, { timeout: 10_000 });
  } catch (e) {
    throw new Error(`the focus did not leave the webview for the workbench: it is on ${await focusedElement(page)}`, { cause: e });
  }
}

/** Runs the palette command whose title is exactly `title` (the first row may be another, e.g. recently used). */
export async function paletteCommand(page, title) {
  // A quick input still closing (VS Code hides it with an animation after a pick) takes the F1 and
  // leaves the palette inert: wait until it is gone. One that stays open is a bug this names.
  const widget = page.locator('.quick-input-widget');
  try {
    await widget.waitFor({ state: 'hidden', timeout: 10_000 });
  } catch {
    throw new Error(`before "${title}": a quick input is still open: ${JSON.stringify((await widget.innerText()).slice(0, 300))}`);
  }
  await focusOffWebview(page);
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').first().fill(`>${title}`, { timeout: 10_000 });
  await pickExact(page, title);
}

/**
 * The extensions running in the window, as *Developer: Show Running Extensions* lists them: name,
 * activation time in ms and whether it was a startup activation (`*`). Opens that editor (a modal
 * editor in VS Code 1.139) through the palette on `page`, reads it, and closes it.
 */
export async function runningExtensions(page) {
  await paletteCommand(page, 'Developer: Show Running Extensions');
  const rows = page.locator('.runtime-extensions-editor .monaco-list-row');
  await rows.first().waitFor({ timeout: 30_000 });
  // The list draws only the rows in view, slowest activation first: scrolled through to read them all.
  const byName = new Map();
  for (let unchanged = 0; unchanged < 2;) {
    const seen = await rows.evaluateAll((els) => els.map((e) => ({
      name: e.querySelector('.name')?.textContent ?? '',
      time: e.querySelector('.activation-time')?.textContent ?? '',
    })));
    const before = byName.size;
    for (const r of seen) byName.set(r.name, r);
    unchanged = byName.size === before ? unchanged + 1 : 0;
    await page.locator('.runtime-extensions-editor .monaco-list').first().hover();
    await page.mouse.wheel(0, 300);
    // The list scrolls as the wheel event is handled and draws its new rows in the next frame.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  const list = [...byName.values()];
  // VS Code 1.139 shows this editor as a modal editor over the workbench, which holds the focus (a
  // palette opened over it is closed at once): closed by the modal's own close button.
  await page.locator('.monaco-modal-editor-block .action-label[aria-label^="Close Modal Editor"]').click();
  await page.locator('.runtime-extensions-editor').waitFor({ state: 'detached', timeout: 10_000 });
  return list.map(({ name, time }) => {
    const m = /(Startup )?Activation: (\d+)ms/.exec(time);
    return { name, ms: m ? Number(m[2]) : undefined, startup: Boolean(m?.[1]) };
  });
}

/**
 * Polls the running extensions until `test(list)` holds (startup activations finish at their own pace);
 * returns that list. Throws, naming `what` and what did run, after `timeout` ms.
 */
export async function runningUntil(page, test, what, timeout = 60_000) {
  let list = [];
  return eventually(async () => {
    list = await runningExtensions(page);
    return test(list) && list;
  }, what, { timeout, every: 500, describe: () => `running: ${list.map((e) => e.name).join(', ')}` });
}

/**
 * The workspace files VS Code's configuration cache (in the host's profile, beside settings.json) was
 * given since `since` (ms), as their text.
 */
function cachedWorkspaces(since) {
  const dir = join(dirname(env('SDI_SETTINGS_FILE')), 'caches/CachedConfigurations/workspaces');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((id) => {
    const file = join(dir, id, 'workspace.json');
    try { return statSync(file).mtimeMs >= since ? [JSON.parse(readFileSync(file, 'utf8')).content] : []; } catch { return []; }
  });
}

/**
 * Opens the workbench on the test workspace (or `folder`, on the host at `baseUrl`; `folder: null`
 * opens a window with no folder; `workspaceFile`, a `.code-workspace` file, opens that multi-root
 * workspace) and waits until this extension's activity-bar entry shows.
 */
export async function openWorkbench({ width = 1400, height = 900, folder = WORKSPACE(), workspaceFile, baseUrl = BASE_URL() } = {}) {
  const context = await (await browser()).newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // The workbench's own errors and warnings (its console), for a failed test's message: what VS Code said went wrong.
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text().slice(0, 500)); });
  const opened = Date.now() - 1000; // file times are coarser than the clock
  await page.goto(workspaceFile ? `${baseUrl}/?workspace=${encodeURIComponent(workspaceFile)}` : folder === null ? `${baseUrl}/?ew=true` : `${baseUrl}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  if (workspaceFile) {
    // VS Code in the browser opens a workspace file of its remote host (code-server) from its own cached
    // copy (none the first time), and reads the file itself only once the window has started
    // (WorkspaceConfiguration.waitAndInitialize). When that read ends before the window has set up its
    // workspace, VS Code drops the folders it read (WorkspaceService.onWorkspaceConfigurationChanged
    // ignores a change while it has no workspace yet), and the window stays without folders: "You have
    // not yet added a folder to the workspace" (4 opens in 15 on a busy machine here, and the cause of
    // the several-kits failures). That read always writes the cache, so the window is reloaded once the
    // cache holds the file: it then starts with the folders, whenever VS Code's own read ends.
    const text = readFileSync(workspaceFile, 'utf8');
    await eventually(() => cachedWorkspaces(opened).includes(text), `VS Code's cache of ${workspaceFile}`, { timeout: 60_000, describe: () => `cached since the window opened: ${JSON.stringify(cachedWorkspaces(opened))}` });
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  }
  const activity = page.locator('.activitybar [aria-label^="System Design Interview"]').first();
  await activity.waitFor({ timeout: 60_000 });

  const wb = {
    page, errors, consoleErrors, activity,
    /** Opens the extension's sidebar view and moves the pointer off the activity bar so its hover goes. */
    async showGuideView() {
      // The built-in guide's row: its first group, or with a team kit its own group.
      const guide = page.locator('.pane-body .monaco-list-row', { hasText: /Interview Guide|Built-in Guide/ }).first();
      if (!(await guide.isVisible())) await activity.click();
      await page.mouse.move(width / 2, height - 60);
      await page.locator('.context-view .hover-contents').first().waitFor({ state: 'detached', timeout: 5_000 });
      await guide.waitFor({ timeout: 30_000 });
    },
    /** Saves a screenshot under test-results/ and returns its path. */
    async screenshot(name) {
      const path = join(RESULTS(), `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    /** Types `filter` into the open quick pick, waits for a row holding `rowText` and accepts the first row. */
    async choose(filter, rowText = filter) {
      await page.locator('.quick-input-widget input').fill(filter);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: rowText }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
    },
    /** Clicks the open quick pick's row whose label is exactly `label`. */
    pickExact: (label) => pickExact(page, label),
    /** Runs the palette command whose title is exactly `title` (the first row may be another, e.g. recently used). */
    runCommand: (title) => paletteCommand(page, title),
    /**
     * Clicks the tab holding `text` of a webview editor (a panel of this extension) and returns once its
     * webview holds the focus: VS Code moves the focus there some time after the click, and a palette
     * opened before then closes when it does (clean-clone run 20, calibration's theme switch).
     */
    async showWebviewTab(text) {
      await page.locator('.tabs-container .tab', { hasText: text }).first().click();
      await page.waitForFunction(() => document.activeElement?.matches('iframe.webview'), undefined, { timeout: 10_000 });
    },
    /** The guide panel's content frame (outer `iframe.webview`, then `#active-frame`). */
    guideFrame() {
      return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
    },
    /** A row of the sidebar's tree, by its text. */
    treeRow(text) {
      return page.locator('.pane-body .monaco-list-row', { hasText: text }).first();
    },
    /**
     * Switches the colour theme through the palette's theme picker, as a user does, and waits for the
     * workbench to apply it (`workbenchClass` of .monaco-workbench: vs-dark, vs, hc-black, hc-light).
     * Editing settings.json is not picked up live by this host.
     */
    async setTheme(theme, workbenchClass) {
      await wb.runCommand('Preferences: Color Theme');
      await page.locator('.quick-input-widget input').fill(theme);
      await wb.pickExact(theme);
      await page.waitForFunction((cls) => document.querySelector('.monaco-workbench')?.classList.contains(cls), workbenchClass, { timeout: 20_000 });
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
    },
    /** Start Interview asks for the candidate (issue 8) after the problem: Escape, the moment it shows, starts without one. */
    async skipCandidate() {
      await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Start Interview:' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      // The interview starts and shows its guide panel, whose webview takes the focus once it has
      // loaded: a palette opened before that would close when it does (VS Code closes a quick input
      // that loses the focus). So this returns once the panel shows the running interview.
      await wb.guideFrame().locator('#timer[data-status="running"]').waitFor({ timeout: 30_000 });
    },
    /**
     * Resets the timer through the palette when the status bar shows an interview, confirming the
     * modal that asks while one is under way, and waits for the status bar entry to go.
     */
    async resetTimer() {
      const label = page.locator('.part.statusbar .statusbar-item-label', { hasText: /left|over|paused|finished/ }).first();
      if (!(await label.isVisible())) return;
      const underWay = !/finished/.test(await label.innerText());
      await wb.runCommand('Interview: Reset Timer');
      if (underWay) await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Reset Timer' }).first().click({ timeout: 15_000 });
      await label.waitFor({ state: 'hidden', timeout: 15_000 });
      // Once the palette and the dialog are gone, VS Code gives the focus back to what had it: the next
      // palette moves it off a webview that gets it (paletteCommand, focusOffWebview).
    },
    /** Developer: Reload Window, as a user does (the workbench shuts down in order, saving its state); resolves when the new one is up. */
    async reloadWindow() {
      await Promise.all([
        page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 }),
        wb.runCommand('Developer: Reload Window'),
      ]);
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    },
    /** The text of the workbench's modal dialog, if one is open (for a failed step's log). */
    async dialogText() {
      const box = page.locator('.monaco-dialog-box').first();
      return (await box.isVisible()) ? box.innerText() : undefined;
    },
    /** Closes this workbench's window (its browser context); the shared Chromium stays for the next. */
    close: () => context.close(),
  };
  return wb;
}
