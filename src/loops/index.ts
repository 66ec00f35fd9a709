/**
 * Interview loops in the editor (issue 21): loop files checked while they are typed. The format
 * and its rules are in `src/core/loop`.
 */
import type { CalibrationFeature } from '../calibration';
import { codeDocUri } from '../feedback';
import type { KitSource } from '../feedback';
import * as vscode from 'vscode';
import { LoopDiagnostics, type LoopHistorySource } from './loopDiagnostics';
import { registerNewLoop } from './newLoop';

export { LoopDiagnostics, LOOP_GLOB_DEFAULT, type LoopHistorySource } from './loopDiagnostics';
export { NEW_LOOP_COMMAND, LOOPS_FOLDER, type NewLoopArgs } from './newLoop';

/** The loop features: live checks and New Loop. */
export class LoopsFeature implements vscode.Disposable {
  readonly diagnostics: LoopDiagnostics;
  private readonly disposables: vscode.Disposable[];

  constructor(kits: KitSource, calibration: CalibrationFeature) {
    const model = calibration.model;
    // The candidate's earlier feedback: the calibration model's rows of the workspace.
    const rows: LoopHistorySource = {
      history: () => (model.loaded ? model.report().rows : []),
      ready: () => model.ready(),
      onDidChange: model.onDidChange,
    };
    this.diagnostics = new LoopDiagnostics(kits, rows, codeDocUri);
    this.disposables = [this.diagnostics, registerNewLoop(kits, rows)];
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Creates the loop features on the workspace's kits and the feedback the calibration model reads; the caller disposes it. */
export function registerLoops(kits: KitSource, calibration: CalibrationFeature): LoopsFeature {
  return new LoopsFeature(kits, calibration);
}
