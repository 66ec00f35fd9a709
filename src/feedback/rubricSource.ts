/**
 * Which rubric checks a feedback document: the kit and rubric version its record line names
 * (current or archived), else its workspace kit's, else the built-in one. Every feedback provider
 * (diagnostics, quick fixes, CodeLens, hover, completion, on save, New Feedback) asks here, so none
 * reaches for a global rubric. A kit change fires `onDidChange` and drops every cached answer.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { Rubric } from '../core/content';
import type { FeedbackDiagnostic } from '../core/feedback';
import type { KitProblem, KitRubric, LoadedKit } from '../core/kit';
import { compileRubric, kitTemplateSpec, type CompiledRubric, type TemplateSpec } from '../core/feedback';
import { resolveRubric } from '../core/kit';

/** What the feedback feature needs of the loaded kits; `KitService` provides it. */
export interface KitSource {
  /** Every loaded kit, the built-in one included. */
  kits(): readonly LoadedKit[];
  readonly builtIn: LoadedKit;
  /** Fires when a kit was added, changed or removed. */
  readonly onDidChange: vscode.Event<unknown>;
  /** The team kit of the workspace folder holding `uri`, if it loaded; without it, the folder is matched by the kit's root. */
  kitFor?(uri: vscode.Uri): LoadedKit | undefined;
}

/** A kit's rubric ready for the checks: the rubric, its compiled look-ups and its template's spec. */
export interface FeedbackRubric {
  kit: LoadedKit;
  kitRubric: KitRubric;
  rubric: Rubric;
  compiled: CompiledRubric;
  spec: TemplateSpec;
  /** What the choice itself is worth saying (`rubric-changed`), shown with the document's diagnostics. */
  notes: FeedbackDiagnostic[];
}

/** The rubric of a document, or why there is none (`rubric-unknown` on the record line). */
export type RubricChoice = { rubric: FeedbackRubric; error?: undefined } | { rubric?: undefined; error: FeedbackDiagnostic };

/** What every feedback provider asks. */
export interface RubricSource {
  rubricFor(document: vscode.TextDocument): RubricChoice;
  /** The kits New Feedback may write for in this workspace (the built-in one when there is no other). */
  feedbackKits(): LoadedKit[];
  /** A kit's current rubric, for a new feedback; undefined when the kit has none that loads. */
  currentRubric(kit: LoadedKit): FeedbackRubric | undefined;
  /** The problems a kit's feedback may name: its own, then the built-in guide's when it includes them. */
  problemsOf(kit: LoadedKit): { kit: LoadedKit; problem: KitProblem }[];
  kitById(id: string): LoadedKit | undefined;
  /** The built-in guide's rubric: what stands in where a compiled rubric is needed and none applies. */
  builtInRubric(): FeedbackRubric;
  readonly onDidChange: vscode.Event<void>;
}

interface Cached {
  version: number;
  generation: number;
  choice: RubricChoice;
}

/** The rubric source over a kit service: compiled rubrics are kept per rubric object, answers per document version. */
export class KitRubricSource implements RubricSource, vscode.Disposable {
  private generation = 0;
  private readonly specs = new WeakMap<LoadedKit, TemplateSpec>();
  private readonly compiled = new WeakMap<KitRubric, FeedbackRubric>();
  private readonly answers = new Map<string, Cached>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly source: KitSource) {
    this.subscription = source.onDidChange(() => {
      this.generation++;
      this.answers.clear();
      this.changed.fire();
    });
  }

  rubricFor(document: vscode.TextDocument): RubricChoice {
    const id = document.uri.toString();
    const hit = this.answers.get(id);
    if (hit && hit.version === document.version && hit.generation === this.generation) return hit.choice;
    const choice = this.resolve(document);
    // A closed document's answer goes with the next kit change; bounded meanwhile.
    if (this.answers.size > 500) this.answers.clear();
    this.answers.set(id, { version: document.version, generation: this.generation, choice });
    return choice;
  }

  private resolve(document: vscode.TextDocument): RubricChoice {
    let r: ReturnType<typeof resolveRubric>;
    try {
      r = resolveRubric(documentHead(document), this.source.kits(), workspaceKitOf(this.source, document.uri));
    } catch (e) {
      // A kit the checks cannot read must not take the editor's other features down.
      return { error: { code: 'rubric-unknown', severity: 'error', message: `The rubric could not be read: ${e instanceof Error ? e.message : String(e)}`, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } };
    }
    if (r.error) return { error: r.error };
    const ready = this.ready(r.kit, r.rubric);
    return { rubric: r.warning ? { ...ready, notes: [r.warning] } : ready };
  }

  private ready(kit: LoadedKit, kitRubric: KitRubric): FeedbackRubric {
    let done = this.compiled.get(kitRubric);
    if (done && done.kit === kit) return done;
    let spec = this.specs.get(kit);
    if (!spec) this.specs.set(kit, (spec = kitTemplateSpec(kit)));
    done = { kit, kitRubric, rubric: kitRubric.rubric, compiled: compileRubric(kitRubric.rubric, spec), spec, notes: [] };
    this.compiled.set(kitRubric, done);
    return done;
  }

  /** Workspace kits whose rubric loads (kit.yaml valid), in the service's order. */
  private usable(): LoadedKit[] {
    return this.source.kits().filter((k) => !k.builtIn && k.ok && k.rubric);
  }

  feedbackKits(): LoadedKit[] {
    const kits = this.usable();
    return kits.length ? kits : [this.source.builtIn];
  }

  currentRubric(kit: LoadedKit): FeedbackRubric | undefined {
    return kit.rubric ? this.ready(kit, kit.rubric) : undefined;
  }

  problemsOf(kit: LoadedKit): { kit: LoadedKit; problem: KitProblem }[] {
    const own = kit.problems.map((problem) => ({ kit, problem }));
    if (kit.builtIn || !kit.includeBuiltIn) return own;
    return [...own, ...this.source.builtIn.problems.map((problem) => ({ kit: this.source.builtIn, problem }))];
  }

  kitById(id: string): LoadedKit | undefined {
    return this.source.kits().find((k) => k.id === id);
  }

  builtInRubric(): FeedbackRubric {
    const kit = this.source.builtIn;
    // The built-in guide's content is validated at activation, so its rubric is always there.
    return this.ready(kit, kit.rubric!);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** How far a rubric record is looked for (as `readRubricRecord` does): the first 5 lines, the first 4 KiB. */
const RECORD_LINES = 5;
const RECORD_CHARS = 4096;

/** The first lines of a document, where a rubric record may stand, without copying the rest of a large document. */
export function documentHead(document: vscode.TextDocument): string {
  const last = document.lineAt(Math.min(RECORD_LINES, document.lineCount) - 1);
  return document.getText(new vscode.Range(0, 0, last.lineNumber, Math.min(last.text.length, RECORD_CHARS)));
}

/**
 * The workspace kit a document without a record line is checked against: the kit of its workspace
 * folder, else the only workspace kit, else the first whose root is in the folder; none means the
 * built-in rubric. A kit whose rubric does not load is still the answer (`kit-rubric-invalid`).
 */
export function workspaceKitOf(source: KitSource, uri: vscode.Uri): LoadedKit | undefined {
  const own = source.kitFor?.(uri);
  if (own) return own;
  const kits = source.kits().filter((k) => !k.builtIn && k.ok);
  if (kits.length <= 1) return kits[0];
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return (folder && kits.find((k) => isInside(k.root, folder.uri.fsPath))) ?? kits[0];
}

function isInside(child: string, parent: string): boolean {
  if (!child || !parent) return false;
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A kit source that never changes: the built-in guide alone (hosts without a kit service, tests). */
export function fixedKitSource(builtIn: LoadedKit, others: LoadedKit[] = []): KitSource {
  return { kits: () => [builtIn, ...others], builtIn, onDidChange: () => ({ dispose() {} }) };
}
