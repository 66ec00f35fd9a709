/**
 * Connects the timer to the guide panel: posts `timerState` on each transition and whenever the
 * webview (re)loads, and turns the webview's `timerIntent` messages into the timer's commands.
 */
import * as vscode from 'vscode';
import { formatNoteTime } from '../core/notes/parse';
import { announcement } from '../core/timer';
import { mermaidFences, renderMarkdown } from '../core/renderMarkdown';
import { slugify } from '../core/slug';
import type { GuideLibrary } from '../guideLibrary';
import type { AddNoteResult } from '../notes/notesService';
import type { GuidePanel } from '../panel/guidePanel';
import type { NoteMessage, NoteResultMessage, TimerDisplayState } from '../protocol';
import type { TimerService } from './timerService';
import { readTimerSettings } from '../settings';

/** Sections longer than this show only their sub-headings in the timer (they can be opened in full). */
const MAX_GUIDANCE_LINES = 30;

/** Guide Markdown for one guidance section, as the timer shows it: no heading (the timer titles it), no diagrams, long sections as an outline. */
export function guidanceMarkdown(library: GuideLibrary, ref: string): { title: string; anchor: string; markdown: string } | undefined {
  const section = library.content.guide.section(ref);
  if (!section?.heading) return undefined;
  const title = section.heading.text;
  const lines = section.markdown.split('\n').slice(1);
  const diagrams = mermaidFences(lines.join('\n'));
  const body = lines.filter((_, i) => !diagrams.some((d) => i >= d.line && i < d.endLine)).join('\n').trim();
  if (body.split('\n').length <= MAX_GUIDANCE_LINES) return { title, anchor: `#${slugify(title)}`, markdown: body };
  const subs = library.content.guide.headings.filter((h) => h.line > section.startLine && h.line < section.endLine && h.level === section.heading!.level + 1);
  const outline = subs.map((h) => `- [${h.text}](#${slugify(h.text)})`).join('\n');
  return { title, anchor: `#${slugify(title)}`, markdown: outline || body.split('\n').slice(0, MAX_GUIDANCE_LINES).join('\n') };
}

/** The timer as the panel shows it, now. */
export function timerDisplayState(service: TimerService, library: GuideLibrary, focus: () => readonly string[] = () => []): TimerDisplayState {
  const v = service.view();
  const ref = service.problemRef();
  const problem = ref?.problem;
  const current = v.status === 'idle' ? undefined : service.state.plan[v.phaseIndex];
  const guidance = (current?.guidance ?? [])
    .map((ref) => guidanceMarkdown(library, ref))
    .filter((g): g is NonNullable<typeof g> => !!g)
    .map((g) => ({ title: g.title, anchor: g.anchor, html: renderMarkdown(g.markdown).html }));
  const plan = service.plan();
  const focusNames = v.status === 'idle' ? [] : focus();
  return {
    status: v.status,
    startedAt: v.status === 'idle' ? undefined : service.state.startedAt,
    problemId: ref?.key,
    problemTitle: problem?.title,
    ...(focusNames.length ? { focus: [...focusNames] } : {}),
    planTitle: v.status === 'idle' ? plan.plan.title : v.planTitle,
    planSource: service.planOrigin(v.status === 'idle' ? plan.plan.source : v.planSource),
    planError: plan.error,
    phaseIndex: v.phaseIndex,
    phases: (v.status === 'idle' ? [] : v.phases).map((p) => ({
      id: p.id, title: p.title, minutes: p.minutes, extraMinutes: p.extraMinutes, plannedMs: p.plannedMs, actualMs: p.actualMs, state: p.state, deepDive: p.deepDive,
    })),
    warningMs: readWarningMs(),
    guidance,
    // The slot's minutes, not the guide's: with a shorter plan the areas are scaled down to fit the phase.
    deepDive: service.deepDiveSteps().map(({ title, slotMinutes, startMs, endMs, points }) => ({ title, minutes: slotMinutes, startMs, endMs, points })),
    announcement: announcement(v),
  };
}

function readWarningMs(): number {
  return readTimerSettings().warningMinutes * 60_000;
}

/**
 * Posts the timer to the panel and routes its controls; returns what to dispose and `post`, which
 * posts it again. `focus` names the running interview's focus dimensions.
 */
export function connectTimerToPanel(service: TimerService, panel: GuidePanel, library: GuideLibrary, focus?: () => readonly string[]): { post: () => void; disposables: vscode.Disposable[] } {
  const post = () => void panel.postMessage({ type: 'timerState', state: timerDisplayState(service, library, focus) });
  return { post, disposables: [
    service.onDidChange((c) => { if (c.transition) post(); }),
    panel.onDidBecomeReady(() => post()),
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('sdi.timer')) post(); }),
    panel.onDidReceiveMessage((msg) => {
      if (msg.type === 'note') {
        void addNoteFromPanel(msg).then((result) => panel.postMessage(result));
        return;
      }
      if (msg.type !== 'timerIntent') return;
      const run = (command: string, ...args: unknown[]) => void vscode.commands.executeCommand(command, ...args);
      switch (msg.intent) {
        case 'start': {
          const shown = panel.currentItemId;
          run('sdi.startInterview', shown?.startsWith('problem:') ? shown : undefined);
          break;
        }
        case 'pauseResume': run('sdi.pauseResumeTimer'); break;
        case 'next': run('sdi.nextPhase'); break;
        case 'previous': run('sdi.previousPhase'); break;
        case 'extend': run('sdi.extendPhase', msg.minutes); break;
        case 'reset': run('sdi.resetTimer'); break;
        case 'finish': run('sdi.finishInterview'); break;
        case 'insertTimes': run('sdi.insertPhaseTimes'); break;
        case 'newFeedback': run('sdi.newFeedback', { problemTitle: service.problem()?.title ?? '' }); break;
      }
    }),
  ] };
}


/** The file a note went to, by name, for the panel's message. */
function fileName(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    return decodeURIComponent(vscode.Uri.parse(uri).path.split('/').pop() ?? '') || undefined;
  } catch {
    return undefined;
  }
}

/** Runs Add Note for a note from the panel's field or an "asked" action; the answer says what became of it. */
export async function addNoteFromPanel(msg: NoteMessage): Promise<NoteResultMessage> {
  const id = msg.id;
  const what = msg.asked ? 'Logged as asked' : 'Note added';
  try {
    const r = await vscode.commands.executeCommand<AddNoteResult | undefined>('sdi.addNote', { text: msg.text, asked: msg.asked === true });
    if (!r) return { type: 'noteResult', ok: false, message: 'No interview is running: start one to take notes.', id };
    const at = formatNoteTime(r.seconds);
    if (r.written) {
      const file = fileName(r.uri);
      return { type: 'noteResult', ok: true, message: `${what} at ${at}${file ? ` to ${file}` : ''}.`, id };
    }
    if (r.queued) return { type: 'noteResult', ok: true, message: `${what} at ${at}: kept until the notes file can be written.`, id };
    return { type: 'noteResult', ok: false, message: 'The note was not added.', id };
  } catch (e) {
    return { type: 'noteResult', ok: false, message: `The note was not added: ${(e instanceof Error ? e.message : String(e)).slice(0, 1500)}`, id };
  }
}
