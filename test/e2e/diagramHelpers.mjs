// Helpers shared by the diagram e2e tests and the diagram benchmark: key bindings that open guide
// items and the broken-diagram fixture, and waiting for a painted item.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Guide items with diagrams, how many each has, and a key chord that opens each (see keybindings below). */
export const DIAGRAM_ITEMS = [
  { id: 'problem:global-social-media-feed', diagrams: 3, key: 'Control+Alt+Shift+1' },
  { id: 'problem:distributed-payment-processing', diagrams: 3, key: 'Control+Alt+Shift+2' },
  { id: 'problem:real-time-analytics-platform', diagrams: 2, key: 'Control+Alt+Shift+3' },
  { id: 'topic:circuit-breaker', diagrams: 1, key: 'Control+Alt+Shift+4' },
  { id: 'topic:saga', diagrams: 1, key: 'Control+Alt+Shift+5' },
  { id: 'topic:multi-level-caching', diagrams: 1, key: 'Control+Alt+Shift+6' },
  { id: 'topic:consistency-models', diagrams: 1, key: 'Control+Alt+Shift+7' },
];
export const FIXTURE_KEY = 'Control+Alt+Shift+9';
/** Opens `LIVE_FIXTURE`: the guide's 12 diagrams, each with a comment added, so Mermaid renders them live. */
export const LIVE_FIXTURE_KEY = 'Control+Alt+Shift+L';
export const LIVE_FIXTURE = join(ROOT, 'test-results', 'live-guide-diagrams.md');
/** Opens Complete Guide (the whole guide with its table of contents). */
export const COMPLETE_GUIDE_KEY = 'Control+Alt+Shift+8';
export const CLEAR_CACHE_KEY = 'Control+Alt+Shift+C';
export const CLOSE_EDITOR_KEY = 'Control+Alt+Shift+W';
export const RELOAD_WINDOW_KEY = 'Control+Alt+Shift+R';

/**
 * Key bindings in the test profile: the tests open items through `sdi.openItem` with an id, and
 * the broken-diagram fixture through the internal `sdi.showMarkdownFile` (not in the palette).
 */
export function writeTestKeybindings(settingsFile) {
  const chord = (k) => k.toLowerCase().replace('control', 'ctrl');
  const bindings = DIAGRAM_ITEMS.map((it) => ({ key: chord(it.key), command: 'sdi.openItem', args: it.id }));
  bindings.push({ key: chord(COMPLETE_GUIDE_KEY), command: 'sdi.openItem', args: 'guide:complete-guide' });
  bindings.push({ key: chord(FIXTURE_KEY), command: 'sdi.showMarkdownFile', args: join(ROOT, 'test/fixtures/diagrams/broken.md') });
  bindings.push({ key: chord(LIVE_FIXTURE_KEY), command: 'sdi.showMarkdownFile', args: LIVE_FIXTURE });
  bindings.push({ key: chord(CLEAR_CACHE_KEY), command: 'sdi.clearDiagramCache' });
  bindings.push({ key: chord(CLOSE_EDITOR_KEY), command: 'workbench.action.closeActiveEditor' });
  bindings.push({ key: chord(RELOAD_WINDOW_KEY), command: 'workbench.action.reloadWindow' });
  writeFileSync(join(dirname(settingsFile), 'keybindings.json'), JSON.stringify(bindings, null, 2));
}

/** Presses a chord; the workbench runs its key binding (a focused webview forwards the keys to it). */
export async function pressInWorkbench(page, key) {
  await page.keyboard.press(key);
}

/** Waits until the panel shows `id` with every diagram settled (rendered or failed), painted. */
export async function waitForItem(frame, id, theme) {
  const sel = `#content[data-item="${id}"][data-state="done"]${theme ? `[data-theme="${theme}"]` : ''}`;
  await frame.locator(sel).waitFor({ timeout: 60_000 });
}
