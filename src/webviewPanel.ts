/** What every webview panel sets the same way: its options and its page (the shell in `webviewHtml.ts`). */
import * as vscode from 'vscode';
import { makeNonce, webviewHtml, type WebviewPage } from './webviewHtml';

/**
 * A panel's webview options: scripts on, no command links (a page's links are checked by its panel),
 * files only from the build's webview folder and `media/`. The page is rebuilt when its tab is shown
 * again rather than kept in memory while hidden (the guide's diagram cache makes that cheap).
 */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    enableFindWidget: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Gives a webview its page, with a fresh nonce and the page's files as webview URIs. */
export function setWebviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: WebviewPage): void {
  webview.html = webviewHtml(page, {
    cspSource: webview.cspSource,
    nonce: makeNonce(),
    asset: (file) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, file)).toString(),
  });
}
