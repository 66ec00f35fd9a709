/**
 * The debrief page: one webview panel in the editor area (createOrShow; a serializer revives it
 * after a reload) showing one candidate's debrief, drawn again whenever a feedback or loop file
 * changes. The webview only displays it and sends intents (open a note, write the summary,
 * submit); this side does the rest. One update is computed at a time: changes meanwhile make one more.
 * A page that listens is posted each update; one that does not (being created, or hidden: it is
 * dropped, and loaded again from its HTML when shown) is given it in its HTML, so it draws it as
 * soon as its script runs, with no round trip.
 */
import * as vscode from 'vscode';
import { formatZodIssues } from '../core/content';
import type { RegisterSerializer } from '../host';
import {
  debriefHostMessage, debriefViewState, debriefWebviewMessage,
  type DebriefMessage, type DebriefTarget, type DebriefWebviewMessage,
} from '../protocol';
import { setWebviewPage, webviewOptions } from '../webviewPanel';
import { PageProbe } from '../testing/pageProbe';
import { debriefProbeAnswer, type DebriefPage } from '../testing/protocol';
import { sealedDebrief } from './blind';
import { debriefPage } from './html';
import type { DebriefSource } from './source';

/** The debrief's view type, also used by its serializer. */
export const DEBRIEF_VIEW_TYPE = 'sdi.debrief';
/** The command the page's Submit runs on the user's own feedback (the seal's). */
export const SUBMIT_FEEDBACK_COMMAND = 'sdi.submitFeedback';
/** The command the page's Write Debrief Summary runs. */
export const WRITE_DEBRIEF_SUMMARY_COMMAND = 'sdi.writeDebriefSummary';

/** A debrief posted and drawn: its version, and when (performance.now(), host) it was posted and said drawn. */
export interface RenderedDebrief {
  version: number;
  postedAt: number;
  renderedAt: number;
}

export class DebriefPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** Whether the page said `ready` since it was last given HTML and has not been hidden since. */
  private listening = false;
  /** The version of the debrief the page's HTML holds (0: none). */
  private given = 0;
  private target: DebriefTarget | undefined;
  private version = 0;
  private updating: Promise<void> | undefined;
  private dirty = false;
  private readonly postedAt = new Map<number, number>();
  /** The message last posted or put in the page's HTML (tests read what the page was given). */
  lastPosted: DebriefMessage | undefined;
  private readonly updated = new vscode.EventEmitter<DebriefMessage>();
  /** Fires when the page is given a new debrief, posted or in its HTML (tests wait on it while the page is hidden). */
  readonly onDidUpdate = this.updated.event;
  private readonly rendered = new vscode.EventEmitter<RenderedDebrief>();
  /** Fires when the page has drawn a debrief it was given (tests and the benchmark wait on it). */
  readonly onDidRender = this.rendered.event;
  private probe: PageProbe<DebriefPage> | undefined;
  private readonly disposables: vscode.Disposable[] = [this.updated, this.rendered];

  constructor(private readonly extensionUri: vscode.Uri, private readonly source: DebriefSource, registerSerializer: RegisterSerializer) {
    this.disposables.push(
      registerSerializer(DEBRIEF_VIEW_TYPE, {
        deserializeWebviewPanel: (panel, state: unknown) => {
          const restored = debriefViewState.safeParse(state);
          if (this.panel || !restored.success) {
            panel.dispose();
            return Promise.resolve();
          }
          this.target = restored.data.target;
          this.attach(panel);
          return Promise.resolve();
        },
      }),
      source.onDidChange(() => this.update()),
    );
  }

  /** Whether the page is open. */
  get isOpen(): boolean {
    return !!this.panel;
  }

  /** The candidate the page shows (undefined when it is closed). */
  get shown(): DebriefTarget | undefined {
    return this.panel ? this.target : undefined;
  }

  /** The version of the debrief last posted. */
  get currentVersion(): number {
    return this.version;
  }

  /** Shows `target`'s debrief, in the open page or a new one. */
  show(target: DebriefTarget): void {
    this.target = target;
    if (this.panel) {
      // A hidden page is loaded again from its HTML when shown: never with the candidate it showed before.
      if (!this.panel.visible) this.giveLast();
      this.panel.reveal(undefined, false);
      this.update();
    } else {
      this.attach(vscode.window.createWebviewPanel(DEBRIEF_VIEW_TYPE, 'Debrief', vscode.ViewColumn.Active, webviewOptions(this.extensionUri)));
    }
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.listening = false;
    this.given = 0;
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.iconPath = new vscode.ThemeIcon('comment-discussion');
    const w = panel.webview;
    // The page is given its debrief in its HTML once computed; it says it is reading until then if that takes the first scan of the workspace.
    if (!this.source.loaded) this.give(null);
    const subs: vscode.Disposable[] = [
      w.onDidReceiveMessage((raw) => void this.onMessage(raw)),
      // A hidden page is dropped (retainContextWhenHidden is off) and loaded from its HTML when shown: the HTML gets what it last drew.
      panel.onDidChangeViewState(() => {
        if (panel.visible) return;
        this.listening = false;
        this.giveLast();
      }),
      panel.onDidDispose(() => {
        for (const d of subs) d.dispose();
        if (this.panel === panel) this.panel = undefined;
      }),
    ];
    if (SDI_TEST_HOOKS) subs.push(this.probe = new PageProbe(w, debriefProbeAnswer, 'the debrief'));
    this.update();
  }

  /**
   * Puts in the HTML of a page that does not listen the debrief last made, when it is of the candidate
   * asked for now; else the page says it is reading (and its title names no one) until theirs is made.
   */
  private giveLast(): void {
    const last = this.lastPosted && this.target && sameTarget(this.lastPosted.target, this.target) ? this.lastPosted : null;
    if ((last?.version ?? 0) !== this.given) this.give(last);
  }

  /** Loads the page anew with `msg` in its HTML (none: it says it is reading). */
  private give(msg: DebriefMessage | null): void {
    this.listening = false;
    this.given = msg?.version ?? 0;
    if (msg) this.postedAt.set(msg.version, performance.now());
    else this.panel!.title = 'Debrief';
    setWebviewPage(this.panel!.webview, this.extensionUri, debriefPage(msg));
  }

  /** Computes the debrief and gives it to the page now, or once more after the one being computed. */
  private update(): void {
    if (!this.panel || !this.target) return;
    if (this.updating) {
      this.dirty = true;
      return;
    }
    this.updating = this.post().catch((e) => console.error(`[sdi] debrief: ${e instanceof Error ? e.message : String(e)}`)).finally(() => {
      this.updating = undefined;
      if (this.dirty) {
        this.dirty = false;
        this.update();
      }
    });
  }

  private async post(): Promise<void> {
    const target = this.target!;
    await this.source.ready();
    const result = await this.source.debriefOf(target);
    const blind = result ? await this.source.blindOf(result) : null;
    if (!this.panel || this.dirty) return;
    const debrief = result ? (blind ? sealedDebrief(result.debrief, blind) : result.debrief) : null;
    const msg: DebriefMessage = {
      type: 'debrief', version: this.version + 1, target, debrief, blind, unreadable: this.source.unreadableOf(target.candidateKey),
      ...(result ? {} : { message: 'No feedback and no loop of this candidate in the workspace any more.' }),
    };
    const checked = debriefHostMessage.safeParse(msg);
    if (!checked.success) {
      console.error(`[sdi] not posting an invalid debrief: ${formatZodIssues(checked.error.issues, '', 'message')}`);
      return;
    }
    this.version++;
    this.panel.title = debrief ? `Debrief: ${debrief.candidate || 'no name'}` : 'Debrief';
    this.lastPosted = msg;
    if (this.postedAt.size > 20) this.postedAt.delete(Math.min(...this.postedAt.keys()));
    if (this.listening) {
      this.postedAt.set(this.version, performance.now());
      await this.panel.webview.postMessage(msg);
    } else {
      this.give(msg);
    }
    this.updated.fire(msg);
  }

  /** The page as drawn now (test build only): its version and each section's text. */
  probePage(ms = 10000): Promise<DebriefPage> {
    if (!SDI_TEST_HOOKS || !this.probe || !this.panel) return Promise.reject(new Error('the debrief is not open, or this build has no test hooks'));
    return this.probe.ask(ms);
  }

  /** Clicks the page's button `id` as a user would (test build only). */
  pressInPage(id: string): Promise<void> {
    if (!SDI_TEST_HOOKS || !this.probe || !this.panel) return Promise.reject(new Error('the debrief is not open, or this build has no test hooks'));
    return Promise.resolve(this.probe.press(id)).then((posted) => { if (!posted) throw new Error(`the debrief did not take the press of #${id}`); });
  }

  private async onMessage(raw: unknown): Promise<void> {
    const parsed = debriefWebviewMessage.safeParse(raw);
    if (!parsed.success) return;
    const msg: DebriefWebviewMessage = parsed.data;
    switch (msg.type) {
      case 'ready':
        // A page since given other HTML is being replaced.
        if (msg.version !== this.given) return;
        this.listening = true;
        // An update being computed is posted to the page now listening; else what it has not drawn is.
        if (!this.updating && this.version !== this.given) this.update();
        return;
      case 'rendered': {
        const postedAt = this.postedAt.get(msg.version);
        if (postedAt !== undefined) this.rendered.fire({ version: msg.version, postedAt, renderedAt: performance.now() });
        return;
      }
      case 'open': {
        const uri = this.source.uriOf(msg.file);
        if (!uri) return void vscode.window.showWarningMessage(`${msg.file} is no longer in the workspace's feedback.`);
        const pos = new vscode.Position(msg.line, 0);
        await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: false, selection: new vscode.Range(pos, pos) });
        return;
      }
      case 'writeSummary':
        await vscode.commands.executeCommand(WRITE_DEBRIEF_SUMMARY_COMMAND);
        return;
      case 'submit': {
        const own = this.lastPosted?.blind?.own;
        const uri = own && this.source.uriOf(own.file);
        if (!uri) return;
        try {
          await vscode.commands.executeCommand(SUBMIT_FEEDBACK_COMMAND, uri);
        } catch (e) {
          void vscode.window.showErrorMessage(`Could not submit ${own.file}: ${e instanceof Error ? e.message : String(e)}`);
        }
        return;
      }
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function sameTarget(a: DebriefTarget, b: DebriefTarget): boolean {
  return a.candidateKey === b.candidateKey && a.loop === b.loop && a.date === b.date;
}
