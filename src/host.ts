/**
 * What the activation shell (`src/extension.ts`) lends the features (`src/features.ts`) when it
 * loads them: the objects VS Code needs at activation, which the shell therefore creates before the
 * features exist. Types only: the shell and the features are bundled apart.
 */
import type * as vscode from 'vscode';

/** Registers a webview panel serializer; the shell's own, registered at activation, delegates to it. */
export type RegisterSerializer = (viewType: string, serializer: vscode.WebviewPanelSerializer) => vscode.Disposable;

export interface FeatureHost {
  /** The guide tree view, created by the shell over a provider that asks the features' tree. */
  view: vscode.TreeView<unknown>;
  registerSerializer: RegisterSerializer;
}
