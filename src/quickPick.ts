/** A quick pick that resolves with the row the user accepted. */
import * as vscode from 'vscode';

/**
 * Test build only (`SDI_TEST_HOOKS`): fires with each pick of this extension once `show` has sent it
 * to the workbench (at once, its rows included: VS Code's ExtHostQuickInput sends a `visible` change
 * without delay), so a test's next command to the workbench (accept, close) reaches it after the pick.
 * The extension's only module-level state, and in that build only.
 */
export const shownPicks: vscode.EventEmitter<vscode.QuickPick<vscode.QuickPickItem>> | undefined = SDI_TEST_HOOKS ? new vscode.EventEmitter() : undefined;

/**
 * Shows `qp` and resolves with the accepted row (the selected one, or the highlighted one), or
 * undefined when it was closed without one. Give `qp` its items before calling: they then reach the
 * workbench with the pick itself, so an Enter pressed the moment it shows chooses the highlighted
 * row (`showQuickPick` sends its rows after the pick, and an Enter in between does nothing). It
 * resolves once the pick has hidden, not on accept: a prompt opened next (Start Interview's
 * candidate name) is never closed with it. `subs` are disposed with the pick.
 */
export function acceptedItem<T extends vscode.QuickPickItem>(qp: vscode.QuickPick<T>, subs: vscode.Disposable[] = []): Promise<T | undefined> {
  return new Promise((resolve) => {
    let result: T | undefined;
    subs.push(
      qp.onDidAccept(() => {
        result = qp.selectedItems[0] ?? qp.activeItems[0];
        qp.hide();
      }),
      qp.onDidHide(() => {
        for (const d of subs) d.dispose();
        qp.dispose();
        resolve(result);
      }),
    );
    qp.show();
    if (SDI_TEST_HOOKS) shownPicks?.fire(qp);
  });
}

/** The options of `showQuickPick` this extension's picks use. */
export interface PickOptions {
  title?: string;
  placeHolder?: string;
  ignoreFocusOut?: boolean;
  matchOnDescription?: boolean;
  matchOnDetail?: boolean;
}

/**
 * `showQuickPick` for rows known before the pick shows, through {@link acceptedItem}: an Enter the
 * moment it shows chooses the highlighted (first) row.
 */
export function pickOne<T extends vscode.QuickPickItem>(items: readonly T[], options: PickOptions): Promise<T | undefined> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = options.title;
  qp.placeholder = options.placeHolder;
  qp.ignoreFocusOut = options.ignoreFocusOut ?? false;
  qp.matchOnDescription = options.matchOnDescription ?? false;
  qp.matchOnDetail = options.matchOnDetail ?? false;
  qp.items = items;
  return acceptedItem(qp);
}
