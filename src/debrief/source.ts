/**
 * The debriefs of the workspace: the core's `debriefReport` over the calibration model's rows (the
 * workspace is not read again) and the loop files. For the candidate a page shows, only their own
 * feedback files are read again, with their notes, so each score comes with its evidence; and the
 * files that may be theirs but were not read (feedback or loop files) are named.
 */
import * as vscode from 'vscode';
import { compareText, kitRubricInfo, rowKey, type CalibrationRow, type RubricInfo, type Unreadable } from '../core/calibration';
import { debriefReport, unreadLoopsOf, type Debrief, type DebriefReport, type LoopKit, type LoopPlan } from '../core/loop';
import { normalizeKey } from '../core/personName';
import type { CalibrationModel } from '../calibration/model';
import type { KitSource } from '../feedback';
import type { DebriefBlind, DebriefTarget } from '../protocol';
import { readDebriefBlind } from '../settings';
import { blindFor } from './blind';
import type { IndexedLoop, LoopIndex } from '../loops';

/** A candidate the palette offers: their debrief's target, and what tells them apart. */
export interface DebriefChoice {
  target: DebriefTarget;
  candidate: string;
  date: string | null;
  feedbacks: number;
  loop: string | null;
}

/** A candidate's debrief, with their loop's plan (for blind mode) when they have one. */
export interface DebriefResult {
  debrief: Debrief;
  plan?: LoopPlan;
  /** The loop file's URI, when the debrief has a loop. */
  loopUri?: vscode.Uri;
}

export class DebriefSource implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when a debrief may have changed: a feedback row, a loop file, the user's name or blind mode. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly model: CalibrationModel, private readonly kits: KitSource, readonly loops: LoopIndex) {
    this.disposables.push(
      // A save fires both (the loop index follows the model): one change, once both have.
      model.onDidChange(() => this.changeSoon()),
      loops.onDidChange(() => this.changeSoon()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('sdi.feedback.interviewer') || e.affectsConfiguration('sdi.debrief.blind')) this.changed.fire();
      }),
    );
  }

  private changing = false;
  /** Fires the change once, after the listeners of what changed have run (a save's model and loop changes come together). */
  private changeSoon(): void {
    if (this.changing) return;
    this.changing = true;
    queueMicrotask(() => {
      this.changing = false;
      this.changed.fire();
    });
  }

  /** The user, as New Feedback names them: `sdi.feedback.interviewer`, else git's `user.name`. */
  user(): Promise<string | undefined> {
    // The loop index's: git is asked once per window, for the loops and the debrief alike.
    return this.loops.interviewer();
  }

  /** What the user may see of a debrief: null when all of it, else what blind mode withholds (see `blindFor`). */
  async blindOf(result: DebriefResult): Promise<DebriefBlind | null> {
    const folder = result.loopUri ? vscode.workspace.getWorkspaceFolder(result.loopUri) : vscode.workspace.workspaceFolders?.[0];
    return blindFor(result.debrief, result.plan, await this.user(), readDebriefBlind(folder));
  }

  /**
   * The calibration report's rows the user must not see yet (by `rowKey`): the other panelists'
   * feedback for each candidate whose loop has the user on its panel, until the user submits theirs.
   */
  async sealedRows(): Promise<Set<string>> {
    const sealed = new Set<string>();
    await this.loops.ready();
    // Only a loop's panelists are blind: without loops git is not asked for the user's name.
    if (!this.loops.hasLoops) return sealed;
    const user = await this.user();
    if (!user || !this.model.loaded) return sealed;
    const key = normalizeKey(user);
    for (const loop of this.loops.all()) {
      if (!loop.plan || !loop.plan.interviews.some((iv) => normalizeKey(iv.interviewer) === key)) continue;
      const candidate = normalizeKey(loop.plan.candidate);
      const debrief = this.report(this.model.rowsOf(new Set([candidate])), [loop]).candidates.find((d) => d.loop === loop.file);
      const blind = debrief && (await this.blindOf({ debrief, plan: loop.plan, loopUri: loop.uri }));
      if (!blind) continue;
      for (const f of debrief.feedbacks) if (normalizeKey(f.interviewer) !== key) sealed.add(rowKey(f));
    }
    return sealed;
  }

  /** Whether the workspace's feedback has been read (the long part of `ready`). */
  get loaded(): boolean {
    return this.model.loaded;
  }

  /** Resolves when the workspace's feedback and loop files are read. */
  async ready(): Promise<void> {
    await Promise.all([this.model.ready(), this.loops.ready()]);
  }

  /** Every candidate of the feedback rows and the loops, newest first (by the loop's day, else the first feedback's date). */
  choices(): DebriefChoice[] {
    const report = this.report(this.model.rows(), this.loops.all());
    return report.candidates
      .filter((d) => d.candidateKey !== '')
      .map((d) => ({ target: targetOf(d), candidate: d.candidate, date: d.date, feedbacks: d.feedbacks.length, loop: d.loop }))
      .sort((a, b) => compareText(b.date ?? '', a.date ?? '') || compareText(a.candidate, b.candidate));
  }

  /** The URI of a file a debrief names: a feedback file, or a loop file (one that does not read included). */
  uriOf(file: string): vscode.Uri | undefined {
    return this.model.uriOf(file) ?? this.loops.all().find((l) => l.file === file)?.uri ?? this.loops.unreadable().find((u) => u.loop.file === file)?.uri;
  }

  /**
   * The files that may be the candidate `key`'s but were not read: their feedback files that do not
   * read as feedback (`CalibrationModel.unreadableOf`), then the loop files that do not read as loops,
   * each with its first finding (`unreadLoopsOf`).
   */
  unreadableOf(key: string): Unreadable[] {
    return [...this.model.unreadableOf(key), ...unreadLoopsOf(key, this.loops.unreadable().map((u) => u.loop))];
  }

  /** The target of the loop file at `uri`, when it reads as a loop. */
  async targetOfLoop(uri: vscode.Uri): Promise<DebriefTarget | undefined> {
    const loop = await this.loops.at(uri);
    return loop?.plan ? { candidateKey: normalizeKey(loop.plan.candidate), loop: loop.file } : undefined;
  }

  /**
   * The debrief of one candidate, their feedback files read again with their notes; undefined when
   * the workspace no longer has them. Several candidates of one name (a loop last year and this
   * one) are told apart by the target's loop, else its day; without either, the newest. A target's
   * loop that no longer reads as one (or is gone) leaves the newest: the candidate's feedback is
   * still shown, and the loop file among the files not read (`unreadableOf`).
   */
  async debriefOf(target: DebriefTarget): Promise<DebriefResult | undefined> {
    const key = target.candidateKey;
    const rows = this.model.rowsOf(new Set([key]));
    const withNotes = await this.withNotes(rows, key);
    const loops = this.loops.all().filter((l) => l.plan && normalizeKey(l.plan.candidate) === key);
    const mine = this.report(withNotes, loops).candidates.filter((d) => d.candidateKey === key);
    const debrief = (target.loop !== undefined ? mine.find((d) => d.loop === target.loop) : undefined)
      ?? (target.date !== undefined ? mine.find((d) => d.date === target.date) : undefined) ?? newest(mine);
    if (!debrief) return undefined;
    const loop = loops.find((l) => l.file === debrief.loop);
    return { debrief, plan: loop?.plan, loopUri: loop?.uri };
  }

  /** The candidate's rows read again from their files with their notes (a file's rows of other candidates left out). */
  private async withNotes(rows: readonly CalibrationRow[], key: string): Promise<CalibrationRow[]> {
    const files = [...new Set(rows.map((r) => r.file))];
    const read = await Promise.all(files.map(async (file) => {
      const uri = this.model.uriOf(file);
      if (!uri) return [];
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        return this.model.rowsOfText(uri, text, { evidence: 'notes' }).rows.filter((r) => r.candidateKey === key);
      } catch {
        // Gone since the model read it: its rows leave with the model's next change.
        return rows.filter((r) => r.file === file);
      }
    }));
    return read.flat();
  }

  private report(rows: readonly CalibrationRow[], loops: readonly IndexedLoop[]): DebriefReport {
    const kitOfPlan = new Map<LoopPlan, LoopKit | undefined>();
    const rubrics: Record<string, RubricInfo> = {};
    for (const r of rows) {
      const info = rubrics[r.rubricKey] ? undefined : this.model.rubricInfo(r.rubricKey);
      if (info) rubrics[r.rubricKey] = info;
    }
    // The loop index's loops (the ones that read as loops: a broken loop file has its diagnostics).
    for (const l of loops) {
      kitOfPlan.set(l.plan, l.kit);
      const loaded = l.kit && this.kits.kits().find((k) => k.id === l.kit!.id);
      const info = loaded && l.kit!.rubricKey && !rubrics[l.kit!.rubricKey] ? kitRubricInfo(loaded) : undefined;
      if (info) rubrics[info.key] = info;
    }
    const windowDays = this.model.windowDays();
    const files = loops.map((l) => ({ file: l.file, plan: l.plan, issues: [] }));
    return debriefReport({ rows, rubrics, loops: files, kitOf: (plan) => kitOfPlan.get(plan), unreadable: [] }, { windowDays });
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** The target that finds this debrief again: its loop, else its day. */
export function targetOf(d: Debrief): DebriefTarget {
  return { candidateKey: d.candidateKey, ...(d.loop !== null ? { loop: d.loop } : d.date !== null ? { date: d.date } : {}) };
}

function newest(list: readonly Debrief[]): Debrief | undefined {
  let best: Debrief | undefined;
  for (const d of list) if (!best || compareText(d.date ?? '', best.date ?? '') > 0) best = d;
  return best;
}
