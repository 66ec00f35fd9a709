/** The debrief's page in the shared webview shell (`src/webviewHtml.ts`). */
import type { DebriefMessage } from '../protocol';
import { jsonAttribute, type WebviewPage } from '../webviewHtml';

/**
 * The debrief's page: the strict policy as it is, no inline style or script at all. `given` is the
 * debrief it draws as soon as its script runs (the host's message, in a `data-` attribute), so a
 * page just created or shown again needs no round trip to the host; without one it says it is
 * reading until the host posts it.
 */
export function debriefPage(given: DebriefMessage | null): WebviewPage {
  const data = given ? ` data-debrief="${jsonAttribute(given)}"` : '';
  return {
    title: 'Debrief',
    script: 'dist/webview/debrief.js',
    // The report's stylesheet gives the base (text, headings, buttons, tables); the debrief's adds its own parts.
    styles: ['media/calibration.css', 'media/debrief.css'],
    body: `<main id="app" aria-busy="true"${data}><p class="loading">Reading feedback and loop files…</p></main>`,
  };
}
