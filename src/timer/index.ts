/** The interview phase timer feature: service, status bar, commands, and its part of the guide panel. */
import * as vscode from 'vscode';
import type { GuideLibrary } from '../guideLibrary';
import type { GuidePanel } from '../panel/guidePanel';
import { registerTimerCommands, type InterviewHooks } from './timerCommands';
import { connectTimerToPanel } from './timerPanel';
import { TimerService } from './timerService';
import { TimerStatusBar } from './timerStatusBar';

export { TimerService } from './timerService';
export { TimerStatusBar } from './timerStatusBar';
export type { InterviewHooks, LoopInterviewOffer } from './timerCommands';

/** What the timer exposes on the extension's API (for tests). */
export interface TimerFeature {
  service: TimerService;
  statusBar: TimerStatusBar;
  /** What the notes feature does when an interview starts or finishes (it fills these in). */
  hooks: InterviewHooks;
  /** Posts the timer to the panel again (when what the hooks give it, such as the focus, changed). */
  refreshPanel: () => void;
}

/** Creates the timer over the workspace's state and wires it to the panel; everything it creates is pushed to `subscriptions`. */
export function registerTimer(context: vscode.ExtensionContext, library: GuideLibrary, panel: GuidePanel): TimerFeature {
  const service = new TimerService(context.workspaceState, library);
  if (service.restoreError) {
    void vscode.window.showWarningMessage(`The saved interview timer could not be restored and was reset: ${service.restoreError}`);
  }
  const statusBar = new TimerStatusBar(service);
  const hooks: InterviewHooks = {};
  const toPanel = connectTimerToPanel(service, panel, library, () => hooks.focus?.() ?? []);
  context.subscriptions.push(service, statusBar, ...registerTimerCommands({ service, library, panel, hooks, refreshPanel: toPanel.post }), ...toPanel.disposables);
  return { service, statusBar, hooks, refreshPanel: toPanel.post };
}
