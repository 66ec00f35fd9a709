/** The calibration report's page in the shared webview shell (`src/webviewHtml.ts`). */
import type { WebviewPage } from '../webviewHtml';

/** The report's page: the strict policy as it is, no inline style or script at all (the charts' styles are in the stylesheet). */
export const CALIBRATION_PAGE: WebviewPage = {
  title: 'Calibration',
  script: 'dist/webview/calibration.js',
  styles: ['media/calibration.css'],
  body: '<main id="app" aria-busy="true"><p class="loading">Reading feedback files…</p></main>',
};
