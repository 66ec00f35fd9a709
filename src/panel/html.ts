/** The guide panel's page in the shared webview shell (`src/webviewHtml.ts`). */
import { jsonAttribute, type WebviewPage } from '../webviewHtml';

/** What the guide panel's script reads from its `data-config` attribute. */
export interface GuidePageConfig {
  /** Whether the page starts loading Mermaid at once (the first item has a diagram not cached). */
  preloadMermaid: boolean;
}

/**
 * The guide panel's page: the timer above the article. Mermaid's SVGs need inline styles, and the
 * script imports Mermaid's own bundle (`'strict-dynamic'` lets a script the nonce admitted load it).
 */
export function guidePage(config: GuidePageConfig): WebviewPage {
  return {
    title: 'Interview Guide',
    script: 'dist/webview/main.js',
    styles: ['media/panel.css', 'media/timer.css'],
    body: `<main id="app" data-config="${jsonAttribute(config)}">
  <section id="timer" aria-label="Interview timer"></section>
  <article id="content" tabindex="-1"><p class="loading">Loading…</p></article>
</main>`,
    allow: { style: ["'unsafe-inline'"], script: ["'strict-dynamic'"] },
  };
}
