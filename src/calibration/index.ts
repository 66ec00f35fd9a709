/**
 * Calibration in the editor (issue 9): `Interview: Show Calibration` (the report over every
 * feedback file of the workspace, live as files are saved, added or deleted) and the Calibration
 * Notes CodeLens, hover and quick action in feedback documents. The statistics live in
 * `src/core/calibration`; this folder reads the workspace and shows them.
 */
import * as vscode from 'vscode';
import type { FeedbackFeature, KitSource } from '../feedback';
import type { RegisterSerializer } from '../host';
import { CalibrationModel } from './model';
import { CalibrationNotes, SHOW_CALIBRATION_COMMAND } from './notes';
import { CalibrationPanel } from './panel';

export { CalibrationModel } from './model';
export { CalibrationPanel, CALIBRATION_VIEW_TYPE, type PostedReport, type RenderedReport } from './panel';
export { CalibrationNotes, INSERT_SUMMARY_COMMAND, SHOW_CALIBRATION_COMMAND, calibrationHeadings } from './notes';

/** Everything the calibration feature registered; `sdi.showCalibration` resolves with it (for the tests). */
export class CalibrationFeature implements vscode.Disposable {
  readonly model: CalibrationModel;
  readonly panel: CalibrationPanel;
  readonly notes: CalibrationNotes;
  private readonly disposables: vscode.Disposable[];

  constructor(extensionUri: vscode.Uri, feedback: FeedbackFeature, kits: KitSource, registerSerializer: RegisterSerializer) {
    this.model = new CalibrationModel(kits);
    this.panel = new CalibrationPanel(extensionUri, this.model, registerSerializer);
    this.notes = new CalibrationNotes(this.model, feedback.analyzer);
    this.disposables = [
      this.model,
      this.panel,
      this.notes.register(),
      vscode.commands.registerCommand(SHOW_CALIBRATION_COMMAND, () => {
        this.panel.show();
        return this;
      }),
    ];
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}

/** Creates the calibration feature; the caller pushes it into `context.subscriptions`. */
export function registerCalibration(context: vscode.ExtensionContext, feedback: FeedbackFeature, kits: KitSource, registerSerializer: RegisterSerializer): CalibrationFeature {
  return new CalibrationFeature(context.extensionUri, feedback, kits, registerSerializer);
}
