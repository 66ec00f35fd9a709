/**
 * Live interview notes in the guide panel: the note field of the timer section, and the "asked"
 * action on each follow-up / probe question (the lists `isQuestionListIntro` names, and the
 * timer's deep-dive discussion points). Both post `note` messages; the host runs Add Note and
 * answers each with a `noteResult`, shown briefly beside the field and announced politely.
 * The asked actions show only while an interview runs or is paused (see media/panel.css), so the
 * guide reads as before when no interview runs.
 */
import { isQuestionListIntro, questionText } from '../src/core/notes/questions';
import type { NoteMessage, NoteResultMessage } from '../src/protocol';

type Result = Pick<NoteResultMessage, 'ok' | 'message'>;

/** No answer from the host by then: the panel stops waiting (the note may still land; Add Note reports it). */
const ANSWER_TIMEOUT_MS = 30_000;
/** How long a result stays on screen beside the field. */
const RESULT_SHOWN_MS = 6_000;

/** Sends notes and pairs each `noteResult` with its note by `id`. */
export class NoteSender {
  private nextId = 1;
  private readonly pending = new Map<number, (r: Result) => void>();
  /** Called with every result, after the sender's own handler (the field shows them all). */
  onResult: (r: Result, asked: boolean) => void = () => undefined;

  constructor(private readonly post: (msg: NoteMessage) => void) {}

  send(text: string, asked: boolean): Promise<Result> {
    const id = this.nextId++;
    return new Promise<Result>((resolve) => {
      const done = (r: Result) => {
        if (!this.pending.delete(id)) return;
        clearTimeout(timer);
        resolve(r);
        this.onResult(r, asked);
      };
      const timer = setTimeout(() => done({ ok: false, message: 'VS Code did not answer: the note may not have been added.' }), ANSWER_TIMEOUT_MS);
      this.pending.set(id, done);
      this.post({ type: 'note', text, ...(asked ? { asked: true } : {}), id });
    });
  }

  /** A `noteResult` from the host (already validated). */
  receive(msg: NoteResultMessage): void {
    if (msg.id !== undefined) this.pending.get(msg.id)?.({ ok: msg.ok, message: msg.message });
    else this.onResult({ ok: msg.ok, message: msg.message }, false);
  }
}

/**
 * The note field: a labelled text input; Enter adds the note, focus stays for the next one, the
 * field clears once the note is added (unless more was typed meanwhile), Escape clears it. The
 * element is built once and never re-created, so the timer's renders keep its text and focus.
 */
export function noteField(sender: NoteSender): { element: HTMLElement; setVisible(visible: boolean): void } {
  const form = document.createElement('form');
  form.className = 'timer-note';
  form.hidden = true;
  form.setAttribute('aria-label', 'Interview notes');
  const label = document.createElement('label');
  label.htmlFor = 'sdi-note-input';
  label.className = 'timer-note-label';
  const icon = document.createElement('span');
  icon.className = 'codicon codicon-note';
  icon.setAttribute('aria-hidden', 'true');
  label.append(icon, ' Note');
  const input = document.createElement('input');
  input.type = 'text';
  input.id = 'sdi-note-input';
  input.autocomplete = 'off';
  input.spellcheck = true;
  input.placeholder = 'Type a note, Enter adds it (+tag strong, -tag concern, #tag neutral)';
  input.setAttribute('aria-describedby', 'sdi-note-help');
  const help = document.createElement('span');
  help.id = 'sdi-note-help';
  help.className = 'visually-hidden';
  help.textContent = "Enter adds the note to the candidate's feedback file with the time and phase. Escape clears the field.";
  const status = document.createElement('span');
  status.className = 'timer-note-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('aria-atomic', 'true');
  form.append(label, input, status, help);

  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let sending: string | undefined;
  const show = (r: Result) => {
    clearTimeout(hideTimer);
    form.dataset.result = r.ok ? 'ok' : 'error';
    // Emptied first, so the same message twice is announced twice.
    status.textContent = '';
    const icon = document.createElement('span');
    icon.className = `codicon codicon-${r.ok ? 'check' : 'warning'}`;
    icon.setAttribute('aria-hidden', 'true');
    requestAnimationFrame(() => {
      status.replaceChildren(icon, ` ${r.message}`);
      hideTimer = setTimeout(() => { status.textContent = ''; delete form.dataset.result; }, r.ok ? RESULT_SHOWN_MS : RESULT_SHOWN_MS * 2);
    });
  };
  sender.onResult = (r) => show(r);

  const submit = async () => {
    const text = input.value;
    if (!text.trim() || sending === text) return;
    sending = text;
    form.setAttribute('aria-busy', 'true');
    const r = await sender.send(text, false);
    sending = undefined;
    form.removeAttribute('aria-busy');
    // What was typed after Enter stays; the note sent leaves the field.
    if (r.ok && input.value === text) input.value = '';
  };
  form.addEventListener('submit', (e) => { e.preventDefault(); void submit(); });
  input.addEventListener('keydown', (e) => {
    if (e.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    } else if (e.key === 'Escape' && input.value) {
      e.preventDefault();
      e.stopPropagation();
      input.value = '';
    }
  });

  return {
    element: form,
    setVisible(visible: boolean): void {
      if (form.hidden === !visible) return;
      form.hidden = !visible;
    },
  };
}

/**
 * The "asked" actions: a small button after each question. A question logged shows a check (in
 * the guide and the timer alike, by its text) for the rest of that interview; `onChange` is told
 * the texts asked so far and the interview (its start time), to keep them across a rebuild of the webview.
 */
export class AskedQuestions {
  private readonly asked: Set<string>;

  constructor(
    private readonly sender: NoteSender,
    restored: { asked?: readonly string[]; askedIn?: number },
    private readonly onChange: (asked: string[], interview: number | undefined) => void,
  ) {
    this.asked = new Set(restored.asked ?? []);
    this.interview = restored.askedIn;
    document.addEventListener('click', (e) => {
      const b = (e.target as Element | null)?.closest<HTMLButtonElement>('button.asked-button');
      if (b) void this.log(b);
    });
  }

  private interview: number | undefined;

  /** The interview shown (its start time; undefined when none): the marks of another interview go. */
  setInterview(startedAt: number | undefined): void {
    if (startedAt === this.interview) return;
    this.interview = startedAt;
    this.asked.clear();
    document.querySelectorAll<HTMLButtonElement>('button.asked-button').forEach((b) => this.mark(b));
    this.onChange([], startedAt);
  }

  /** Adds the action to every question list item in `container` (lists `isQuestionListIntro` names). */
  decorateLists(container: ParentNode): void {
    container.querySelectorAll<HTMLElement>('ul, ol').forEach((list) => {
      const intro = list.previousElementSibling;
      if (!intro || !/^(P|H[1-6])$/.test(intro.tagName) || !isQuestionListIntro(intro.textContent ?? '')) return;
      list.classList.add('question-list');
      for (const li of Array.from(list.children)) if (li instanceof HTMLLIElement) this.decorateItem(li);
    });
  }

  /** Adds the action to one list item (a question or discussion point); its nested lists are not part of its text. */
  decorateItem(li: HTMLElement): void {
    if (li.querySelector(':scope > button.asked-button')) return;
    let raw = '';
    li.childNodes.forEach((n) => { if (!(n instanceof HTMLElement && /^(UL|OL)$/.test(n.tagName))) raw += n.textContent ?? ''; });
    const text = questionText(raw);
    if (!text) return;
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'icon-button asked-button';
    b.dataset.question = text;
    const icon = document.createElement('span');
    icon.setAttribute('aria-hidden', 'true');
    b.append(icon);
    this.mark(b);
    // Right after the item's own text, before any nested list.
    const nested = Array.from(li.children).find((c) => /^(UL|OL)$/.test(c.tagName));
    li.insertBefore(b, nested ?? null);
    li.classList.add('question');
  }

  private mark(b: HTMLButtonElement): void {
    const text = b.dataset.question ?? '';
    const done = this.asked.has(text);
    b.classList.toggle('done', done);
    b.setAttribute('aria-label', done ? `Asked: "${text}" (logged; log again)` : `Log "${text}" as asked`);
    b.title = done ? 'Logged as asked (click to log it again)' : 'Log as asked';
    b.firstElementChild!.className = `codicon codicon-${done ? 'check' : 'comment'}`;
  }

  private async log(b: HTMLButtonElement): Promise<void> {
    const text = b.dataset.question;
    if (!text || b.getAttribute('aria-busy') === 'true') return;
    b.setAttribute('aria-busy', 'true');
    const r = await this.sender.send(text, true);
    b.removeAttribute('aria-busy');
    if (!r.ok) return;
    this.asked.add(text);
    document.querySelectorAll<HTMLButtonElement>('button.asked-button').forEach((other) => { if (other.dataset.question === text) this.mark(other); });
    this.onChange([...this.asked], this.interview);
  }
}
