/**
 * The debrief in the editor (issue 21): `Interview: Open Debrief` (from the palette with a candidate
 * pick, a loop file's CodeLens, or the Loops group with a loop file or a candidate name), the page
 * (`panel.ts`), and `Interview: Write Debrief Summary`. The debrief itself is the core's
 * (`src/core/loop/debrief.ts`); this folder finds the candidate's rows and loop and shows it.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { pickOne } from '../quickPick';
import type { CalibrationFeature } from '../calibration';
import { EDITABLE_SCHEMES } from '../core/activation';
import { candidateFileStem } from '../core/fileName';
import { localDate } from '../core/format';
import { debriefReportMarkdown } from '../core/loop';
import { normalizeKey } from '../core/personName';
import type { KitSource } from '../feedback';
import { feedbackFolderUri } from '../feedback/scaffold';
import type { RegisterSerializer } from '../host';
import { LOOP_GLOB_DEFAULT, type LoopIndex } from '../loops';
import { debriefTarget, type DebriefTarget } from '../protocol';
import { MAX_SUFFIX, writeNewFile } from '../workspaceFs';
import { DebriefPanel, WRITE_DEBRIEF_SUMMARY_COMMAND } from './panel';
import { DebriefSource } from './source';

export { DEBRIEF_VIEW_TYPE, WRITE_DEBRIEF_SUMMARY_COMMAND, type RenderedDebrief } from './panel';

/** `Interview: Open Debrief`. Its argument: a loop file's URI, a candidate's name (or key), or a `DebriefTarget`; none asks. */
export const OPEN_DEBRIEF_COMMAND = 'sdi.openDebrief';

/** The debrief feature; `sdi.openDebrief` resolves with it (for the tests). */
export class DebriefFeature implements vscode.Disposable {
  readonly source: DebriefSource;
  readonly panel: DebriefPanel;
  private readonly disposables: vscode.Disposable[];

  constructor(extensionUri: vscode.Uri, calibration: CalibrationFeature, kits: KitSource, loops: LoopIndex, registerSerializer: RegisterSerializer) {
    this.source = new DebriefSource(calibration.model, kits, loops);
    this.panel = new DebriefPanel(extensionUri, this.source, registerSerializer);
    const lenses = new LoopLenses();
    // The calibration report's rows of the candidates the user must submit for first (blind mode), the latest answer winning.
    let sealing = 0;
    const reseal = () => {
      const mine = ++sealing;
      void this.source.sealedRows().then((rows) => { if (mine === sealing) calibration.panel.seal(rows); }, (e) => console.error(`[sdi] debrief: ${e instanceof Error ? e.message : String(e)}`));
    };
    this.disposables = [
      this.source,
      this.panel,
      lenses,
      this.source.onDidChange(reseal),
      vscode.commands.registerCommand(OPEN_DEBRIEF_COMMAND, async (arg?: unknown) => {
        const target = await this.targetOf(arg);
        if (target) this.panel.show(target);
        return this;
      }),
      vscode.commands.registerCommand(WRITE_DEBRIEF_SUMMARY_COMMAND, async (arg?: unknown) => {
        const target = arg === undefined ? this.panel.shown ?? (await this.pick()) : await this.targetOf(arg);
        return target ? this.writeSummary(target) : undefined;
      }),
    ];
  }

  /** The candidate an argument names, or the one the user picks when there is none. */
  private async targetOf(arg: unknown): Promise<DebriefTarget | undefined> {
    if (arg === undefined) return this.pick();
    if (arg instanceof vscode.Uri) {
      const target = await this.source.targetOfLoop(arg);
      if (!target) void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(arg)} is not a loop file that reads (see its problems), or the workspace is not trusted.`);
      return target;
    }
    if (typeof arg === 'string') return { candidateKey: normalizeKey(arg) };
    const parsed = debriefTarget.safeParse(arg);
    return parsed.success ? parsed.data : undefined;
  }

  /** Asks for a candidate: those of the workspace's feedback and loops, newest first. */
  private async pick(): Promise<DebriefTarget | undefined> {
    await this.source.ready();
    const choices = this.source.choices();
    if (!choices.length) {
      void vscode.window.showInformationMessage('No candidate to debrief: the workspace has no feedback file with a candidate and no loop file.');
      return undefined;
    }
    const picked = await pickOne(choices.map((c) => ({
      label: c.candidate,
      description: [c.date ?? 'no date', `${c.feedbacks} feedback${c.feedbacks === 1 ? '' : 's'}`, c.loop ?? ''].filter(Boolean).join(' · '),
      target: c.target,
    })), { title: 'Open Debrief', placeHolder: 'The candidate to debrief', matchOnDescription: true });
    return picked?.target;
  }

  /**
   * Saves the candidate's Debrief Summary as `<date>-<candidate>-debrief.md` beside their loop file
   * (in the feedback folder without one), never over a file (`-2`, `-3`…), and opens it; the loop
   * files that may be theirs but do not read are listed at its end, as `--debrief --md` lists them.
   * Refused in blind mode: the summary holds everyone's scores.
   */
  async writeSummary(target: DebriefTarget): Promise<vscode.Uri | undefined> {
    await this.source.ready();
    const result = await this.source.debriefOf(target);
    if (!result) {
      void vscode.window.showWarningMessage('No debrief to summarise: the workspace has no feedback or loop of this candidate.');
      return undefined;
    }
    if (await this.source.blindOf(result)) {
      void vscode.window.showWarningMessage('Submit your own feedback first: until then the debrief shows you no other panelist\'s scores (setting sdi.debrief.blind).');
      return undefined;
    }
    const d = result.debrief;
    const folder = vscode.workspace.workspaceFolders?.[0];
    const dir = result.loopUri ? vscode.Uri.joinPath(result.loopUri, '..') : folder && feedbackFolderUri(folder);
    if (!dir) {
      void vscode.window.showWarningMessage('Open a folder to write the Debrief Summary into.');
      return undefined;
    }
    const stem = `${d.date ?? localDate(new Date())}-${candidateFileStem(d.candidate)}-debrief`;
    let uri: vscode.Uri | undefined;
    try {
      uri = await writeNewFile(dir, (n) => `${stem}${n > 1 ? `-${n}` : ''}.md`, new TextEncoder().encode(debriefReportMarkdown({ candidates: [d], unreadable: this.source.unreadableOf(d.candidateKey) })));
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not write the Debrief Summary in ${path.basename(dir.path)}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
    if (!uri) {
      void vscode.window.showWarningMessage(`Not written: ${stem}.md and ${MAX_SUFFIX - 1} numbered copies exist already.`);
      return undefined;
    }
    await vscode.window.showTextDocument(uri, { preview: false, viewColumn: vscode.ViewColumn.Beside });
    return uri;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}

/** "Open Debrief" on the first line of each loop file (`sdi.loops.glob`), in a trusted workspace. */
class LoopLenses implements vscode.Disposable {
  private registration: vscode.Disposable | undefined;
  private readonly config: vscode.Disposable;

  constructor() {
    this.register();
    this.config = vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('sdi.loops.glob')) this.register(); });
  }

  private register(): void {
    this.registration?.dispose();
    const glob = vscode.workspace.getConfiguration('sdi.loops', vscode.workspace.workspaceFolders?.[0]).get<string>('glob') || LOOP_GLOB_DEFAULT;
    const selector = [...EDITABLE_SCHEMES].map((scheme) => ({ scheme, pattern: glob }));
    this.registration = vscode.languages.registerCodeLensProvider(selector, {
      provideCodeLenses: (document) => vscode.workspace.isTrusted
        ? [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: 'Open Debrief', command: OPEN_DEBRIEF_COMMAND, arguments: [document.uri] })]
        : [],
    });
  }

  dispose(): void {
    this.registration?.dispose();
    this.config.dispose();
  }
}

/** Creates the debrief feature on the calibration model's rows; the caller pushes it into `context.subscriptions`. */
export function registerDebrief(context: vscode.ExtensionContext, calibration: CalibrationFeature, kits: KitSource, loops: LoopIndex, registerSerializer: RegisterSerializer): DebriefFeature {
  return new DebriefFeature(context.extensionUri, calibration, kits, loops, registerSerializer);
}
