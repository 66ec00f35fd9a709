import type { CalibrationFeature, RenderedReport } from '../../src/calibration';

/**
 * Resolves with the first report the page draws that satisfies `ok` (checked on each `rendered`);
 * rejects after `ms` with what the report holds, never waiting on a sleep.
 */
export function renderedWhen(feature: CalibrationFeature, ok: (r: RenderedReport) => boolean, what: string, ms = 20000): Promise<RenderedReport> {
  return new Promise((resolve, reject) => {
    const sub = feature.panel.onDidRender((r) => {
      if (!ok(r)) return;
      sub.dispose();
      clearTimeout(guard);
      resolve(r);
    });
    const guard = setTimeout(() => {
      sub.dispose();
      const rows = feature.model.report().rows;
      reject(new Error(`timed out waiting for ${what}; the report has ${rows.length} rows: ${rows.slice(0, 20).map((r) => `${r.file}#${r.index}=${r.weightedScore}`).join(', ')}${rows.length > 20 ? ', …' : ''}; the panel is ${feature.panel.pending ? 'waiting for the page' : 'idle'} at version ${feature.panel.currentVersion}`));
    }, ms);
  });
}
