/**
 * The guide panel's script: shows the items the host sends (Markdown already rendered by the
 * host), renders their Mermaid diagrams, routes link clicks back to the host, and hosts the timer.
 */
import './zodConfig'; // before the protocol's schemas are built
import { hostMessage, panelState, type WebviewMessage } from '../src/protocol';
import { Diagrams, loadRenderer } from './diagrams';
import { AskedQuestions, NoteSender, noteField } from './notes';
import { mountTimer } from './timerView';
import { markItemReceived, markMermaidPreloaded, markOtherThemes, markPaintedWhen, markScriptStart, markThemeChanged } from './testing/guideMarks';

declare function acquireVsCodeApi(): { postMessage(msg: unknown): void; setState(s: unknown): void; getState(): unknown };
const vscode = acquireVsCodeApi();
const post = (msg: WebviewMessage) => vscode.postMessage(msg);
const app = document.getElementById('app')!;
const content = document.getElementById('content')!;
const config = (() => {
  try {
    return JSON.parse(app.dataset.config ?? '{}') as { preloadMermaid?: boolean };
  } catch {
    return {};
  }
})();

if (SDI_TEST_HOOKS) markScriptStart();

// The host says whether the first item has diagrams: then Mermaid loads while the host answers `ready`.
if (config.preloadMermaid) {
  const loading = loadRenderer();
  if (SDI_TEST_HOOKS) markMermaidPreloaded(loading);
}

const diagrams = new Diagrams(content, post);
// What the page kept across a rebuild (the tab hidden and shown, a window reload): the item, the questions asked.
const restored = panelState.safeParse(vscode.getState());
let saved = restored.success ? restored.data : { itemId: '' };
const saveState = (change: Partial<typeof saved>) => {
  saved = { ...saved, ...change };
  vscode.setState(saved);
};
const notes = new NoteSender(post);
const asked = new AskedQuestions(notes, saved, (list, interview) => saveState({ asked: list, askedIn: interview }));
const timer = mountTimer(document.getElementById('timer')!, post, { field: noteField(notes), asked });
const live = document.createElement('div');
live.className = 'visually-hidden';
live.setAttribute('aria-live', 'polite');
document.body.append(live);

/** The HTML of the item shown, and its diagrams' rendering (resolves true once all are shown). */
let shownHtml: string | undefined;
let showing: Promise<boolean> = Promise.resolve(false);

window.addEventListener('message', (event) => {
  const parsed = hostMessage.safeParse(event.data);
  if (!parsed.success) return;
  const msg = parsed.data;
  if (msg.type === 'timerState') {
    const state = timer.update(msg.state);
    if (state) {
      // The asked marks belong to one interview.
      asked.setInterview(state.startedAt);
      // The asked actions show while an interview runs or is paused (media/panel.css).
      app.dataset.interview = state.status;
    }
  } else if (msg.type === 'noteResult') {
    notes.receive(msg);
  } else if (msg.type === 'themeDiagrams') {
    diagrams.receive(msg.theme, msg.diagrams);
  } else if (msg.type === 'otherThemes') {
    diagrams.keepOtherThemes(msg.id, msg.diagrams);
    if (SDI_TEST_HOOKS) markOtherThemes(content, msg.id);
  } else if (msg.type === 'showItem') {
    if (SDI_TEST_HOOKS) markItemReceived(content, msg.id);
    // The item shown, unchanged (chosen again in the tree, Find in Guide or a link): its page and
    // diagrams stay as they are, only the scroll position moves.
    const same = content.dataset.item === msg.id && shownHtml === msg.html;
    content.dataset.item = msg.id;
    if (!same) {
      shownHtml = msg.html;
      content.innerHTML = msg.html;
      asked.decorateLists(content);
      showing = diagrams.show(msg.diagrams, msg.theme, msg.id);
    }
    document.title = msg.title;
    saveState({ itemId: msg.id });
    live.textContent = `Showing ${msg.title}`;
    const target = msg.anchor ? document.getElementById(msg.anchor) : null;
    if (target) target.scrollIntoView();
    else window.scrollTo(0, 0);
    if (SDI_TEST_HOOKS) markPaintedWhen(content, showing);
  }
});

// VS Code changes the body's theme class and data attribute when the colour theme changes.
new MutationObserver(() => {
  if (SDI_TEST_HOOKS) markThemeChanged(content);
  const before = diagrams.fingerprint;
  const rendering = diagrams.themeChanged();
  if (SDI_TEST_HOOKS) markPaintedWhen(content, rendering, diagrams.waited);
  // The item chosen again while this re-render runs is painted once it has finished.
  const previous = showing;
  showing = rendering.then((done) => (done === undefined ? previous : done));
  // Tell the host at once, so the next item it sends carries SVGs cached for this theme.
  if (diagrams.fingerprint !== before) post({ type: 'theme', theme: diagrams.fingerprint });
}).observe(document.body, { attributes: true, attributeFilter: ['class', 'data-vscode-theme-kind', 'style'] });

// Links in the item and in the timer's guidance. Capture phase, and stopped there: VS Code's own
// handler in the webview's frame would otherwise open an external link a second time.
window.addEventListener('click', (e) => {
  const a = (e.target as Element | null)?.closest('a');
  if (!a || !app.contains(a)) return;
  // Markdown links, and links Mermaid drew in a diagram (SVG `<a>`, possibly with `xlink:href`).
  const href = (a.getAttribute('href') ?? a.getAttributeNS('http://www.w3.org/1999/xlink', 'href') ?? '').trim();
  e.preventDefault();
  e.stopPropagation();
  if (href.startsWith('#')) {
    let target: HTMLElement | null = null;
    try {
      target = href.length > 1 && content.contains(a) ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
    } catch {
      // a malformed %-escape: let the host say the guide has no such section
    }
    if (target) target.scrollIntoView();
    else post({ type: 'openItem', id: href });
  } else if (/^(https?|mailto):/i.test(href)) {
    post({ type: 'openExternal', href });
  } else if (href && !/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    // A link to another Markdown file of the kit (`other.md`): the host resolves it, or says it cannot.
    post({ type: 'openItem', id: href });
  }
  // Anything else (what Mermaid made inert, `about:blank`) goes nowhere.
}, true);

post({ type: 'ready', theme: diagrams.fingerprint });
