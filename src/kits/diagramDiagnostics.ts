/** Puts the diagrams of kit problems that the guide panel could not render into the Problems view, on the problem file. */
import type * as vscode from 'vscode';
import { documentLines } from '../core/markdownLines';
import { locateDiagramError } from '../core/renderMarkdown';
import type { GuideLibrary } from '../guideLibrary';
import type { GuidePanel } from '../panel/guidePanel';
import type { KitService } from './kitService';

export function connectDiagramErrors(panel: GuidePanel, library: GuideLibrary, kits: KitService): vscode.Disposable {
  return panel.onDiagramError((e) => {
    const node = library.node(e.itemId);
    const ref = node?.problemId !== undefined ? library.problem(node.problemId) : undefined;
    const { kit, problem } = ref ?? {};
    if (!kit || !problem || kit.builtIn || !problem.file || problem.body === undefined) return;
    // The problem's body as loaded (unsaved edits included): the line Mermaid names, else the diagram's first line.
    const at = locateDiagramError(problem.body, { index: e.index, source: e.source, line: e.line ?? 1 });
    if (at === undefined) return;
    const text = documentLines(problem.body)[at - 1] ?? '';
    kits.reportDiagramError(kit, problem.file, (problem.bodyLine ?? 0) + at - 1, text.length, e.message);
  });
}
