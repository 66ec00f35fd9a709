/** Puts the diagrams of kit problems that the guide panel could not render into the Problems view, on the problem file. */
import type * as vscode from 'vscode';
import type { GuideLibrary } from '../guideLibrary';
import type { GuidePanel } from '../panel/guidePanel';
import type { KitService } from './kitService';

export function connectDiagramErrors(panel: GuidePanel, library: GuideLibrary, kits: KitService): vscode.Disposable {
  return panel.onDiagramError((e) => {
    const node = library.node(e.itemId);
    const ref = node?.problemId !== undefined ? library.problem(node.problemId) : undefined;
    if (!ref || ref.kit.builtIn || !ref.problem.file) return;
    kits.reportDiagramError(ref.kit, ref.problem.file, e.source, e.line, e.message);
  });
}
