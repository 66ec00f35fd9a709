/** Saves a diagram the webview exported (SVG text or base64 PNG) to a file the user picks. */
import * as vscode from 'vscode';

/** A file name from a diagram's title: letters, digits and dashes only. */
export function exportFileName(name: string, format: 'svg' | 'png'): string {
  const base = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'diagram';
  return `${base}.${format}`;
}

export async function exportDiagram(format: 'svg' | 'png', name: string, data: string): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const fileName = exportFileName(name, format);
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, fileName) : undefined,
    filters: format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] },
    title: `Save diagram as ${format.toUpperCase()}`,
    saveLabel: 'Save Diagram',
  });
  if (!target) return undefined;
  const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data, 'base64');
  try {
    await vscode.workspace.fs.writeFile(target, bytes);
    vscode.window.setStatusBarMessage(`$(check) Diagram saved to ${vscode.workspace.asRelativePath(target)}`, 4000);
    return target;
  } catch (e) {
    void vscode.window.showErrorMessage(`Could not save the diagram: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
}
