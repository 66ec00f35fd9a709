/** The debrief's page in the shared webview shell (`src/webviewHtml.ts`). */
import type { WebviewPage } from '../webviewHtml';

/** The debrief's page: the strict policy as it is, no inline style or script at all. */
export const DEBRIEF_PAGE: WebviewPage = {
  title: 'Debrief',
  script: 'dist/webview/debrief.js',
  // The report's stylesheet gives the base (text, headings, buttons, tables); the debrief's adds its own parts.
  styles: ['media/calibration.css', 'media/debrief.css'],
  body: '<main id="app" aria-busy="true"><p class="loading">Reading feedback and loop files…</p></main>',
};
