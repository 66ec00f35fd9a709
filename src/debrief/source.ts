/**
 * The debriefs of the workspace: the core's `debriefReport` over the calibration model's rows (the
 * workspace is not read again) and the loop files. For the candidate a page shows, only their own
 * feedback files are read again, with their notes, so each score comes with its evidence.
 */
import * as vscode from 'vscode';
import { compareText, kitRubricInfo, type CalibrationRow, type RubricInfo } from '../core/calibration';
import { debriefReport, loopKit, type Debrief, type DebriefReport, type LoopKit, type LoopPlan } from '../core/loop';
import { normalizeKey } from '../core/personName';
import type { CalibrationModel } from '../calibration/model';
import type { KitSource } from '../feedback';
import { workspaceKitOf } from '../feedback/rubricSource';
import type { DebriefTarget } from '../protocol';
import type { LoopFiles, WorkspaceLoop } from './loopFiles';

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

export class DebriefSource {
  constructor(private readonly model: CalibrationModel, private readonly kits: KitSource, readonly loops: LoopFiles) {}

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

  /** The URI of a feedback file the debrief names. */
  uriOf(file: string): vscode.Uri | undefined {
    return this.model.uriOf(file);
  }

  /** The target of the loop file at `uri`, when it reads as a loop. */
  targetOfLoop(uri: vscode.Uri): DebriefTarget | undefined {
    const loop = this.loops.at(uri);
    return loop?.plan ? { candidateKey: normalizeKey(loop.plan.candidate), loop: loop.file } : undefined;
  }

  /**
   * The debrief of one candidate, their feedback files read again with their notes; undefined when
   * the workspace no longer has them. Several candidates of one name (a loop last year and this
   * one) are told apart by the target's loop, else its day; without either, the newest.
   */
  async debriefOf(target: DebriefTarget): Promise<DebriefResult | undefined> {
    const key = target.candidateKey;
    const rows = this.model.rows().filter((r) => r.candidateKey === key);
    const withNotes = await this.withNotes(rows, key);
    const loops = this.loops.all().filter((l) => l.plan && normalizeKey(l.plan.candidate) === key);
    const mine = this.report(withNotes, loops).candidates.filter((d) => d.candidateKey === key);
    const debrief = target.loop !== undefined
      ? mine.find((d) => d.loop === target.loop)
      : (target.date !== undefined ? mine.find((d) => d.date === target.date) : undefined) ?? newest(mine);
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
        return this.model.rowsOfText(uri, text, { notes: true }).rows.filter((r) => r.candidateKey === key);
      } catch {
        // Gone since the model read it: its rows leave with the model's next change.
        return rows.filter((r) => r.file === file);
      }
    }));
    return read.flat();
  }

  private report(rows: readonly CalibrationRow[], loops: readonly WorkspaceLoop[]): DebriefReport {
    const kitOfPlan = new Map<LoopPlan, LoopKit | undefined>();
    const rubrics: Record<string, RubricInfo> = {};
    for (const r of rows) {
      const info = rubrics[r.rubricKey] ? undefined : this.model.rubricInfo(r.rubricKey);
      if (info) rubrics[r.rubricKey] = info;
    }
    for (const l of loops) {
      if (!l.plan) continue;
      const kit = loopKit(l.plan.kit, this.kits.kits(), workspaceKitOf(this.kits, l.uri));
      kitOfPlan.set(l.plan, kit);
      const loaded = kit && this.kits.kits().find((k) => k.id === kit.id);
      const info = loaded && kit.rubricKey && !rubrics[kit.rubricKey] ? kitRubricInfo(loaded) : undefined;
      if (info) rubrics[info.key] = info;
    }
    const windowDays = this.model.report().options.windowDays;
    return debriefReport({ rows, rubrics, loops, kitOf: (plan) => kitOfPlan.get(plan), unreadable: [] }, { windowDays });
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
