/**
 * Interview loops in the editor (issue 21): loop files checked while they are typed. The format
 * and its rules are in `src/core/loop`.
 */
import type { CalibrationFeature } from '../calibration';
import { codeDocUri } from '../feedback';
import type { KitSource } from '../feedback';
import { LoopDiagnostics } from './loopDiagnostics';

export { LoopDiagnostics, LOOP_GLOB_DEFAULT, type LoopHistorySource } from './loopDiagnostics';

/** Creates the loop checks on the workspace's kits and the feedback the calibration model reads; the caller disposes it. */
export function registerLoops(kits: KitSource, calibration: CalibrationFeature): LoopDiagnostics {
  const model = calibration.model;
  return new LoopDiagnostics(kits, {
    history: () => (model.loaded ? model.report().rows : []),
    ready: () => model.ready(),
    onDidChange: model.onDidChange,
  }, codeDocUri);
}
