/**
 * Which lists of a guide page are questions an interviewer asks, so the guide panel can offer an
 * "asked" action on each of their items (logged as `Asked: "<question>"`). A list is a question
 * list when the paragraph or heading right before it introduces one:
 *
 * - `Follow-up Questions:`, `Follow-up:`, `Follow-ups:`, `Probe Areas:`, `Key Discussion Points:`
 *   (the guide's Common Scenarios and deep dives, a kit problem's `## Follow-up Questions`), bold or
 *   not, with or without the colon, in any letter case;
 * - a deep-dive area's title with its minutes, `3. Consistency and Availability (7 minutes)`, whose
 *   list holds that area's discussion points (the guide's and a kit problem's `## Deep Dives`).
 *
 * Dependency-free: the webview imports it.
 */

/** The introductions of question lists, as written in the guide (compared after `normalizeIntro`). */
export const QUESTION_LIST_INTROS: readonly string[] = ['Follow-up Questions', 'Follow-up', 'Follow-ups', 'Probe Areas', 'Key Discussion Points'];

/** Longest question text the panel sends (longer items are cut with an ellipsis). */
export const MAX_QUESTION_LENGTH = 500;

/** Dashes of every kind, as a hyphen; whitespace folded; Markdown emphasis and a trailing colon dropped; lower case. */
function normalizeIntro(text: string): string {
  return text
    .replace(/[*_`]/g, '')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[:：]$/, '')
    .trim()
    .toLowerCase();
}

const INTROS = new Set(QUESTION_LIST_INTROS.map(normalizeIntro));
/** `1. Title (8 minutes)`, `2. Title (7 min)`, `3. Title (2.5 minutes)`. */
const DEEP_DIVE_AREA = /^\d+\.\s+\S.*\(\s*\d+(?:\.\d+)?\s*(?:minutes?|mins?)\s*\)$/;

/**
 * Whether a list introduced by this paragraph or heading text (as the reader sees it, e.g. an
 * element's `textContent`) is a list of questions to ask.
 */
export function isQuestionListIntro(text: string): boolean {
  const t = normalizeIntro(text);
  if (!t) return false;
  return INTROS.has(t) || DEEP_DIVE_AREA.test(t);
}

/** Quote pairs a question may be wrapped in (`"…"` in the guide's Common Scenarios). */
const QUOTES: ReadonlyArray<readonly [string, string]> = [['"', '"'], ['\u201c', '\u201d'], ["'", "'"], ['\u2018', '\u2019'], ['\u00ab', '\u00bb']];

/**
 * The text logged for a question list item: whitespace (line breaks included) folded to single
 * spaces, one pair of quotes around the whole item dropped (the note adds its own), cut to
 * `MAX_QUESTION_LENGTH` characters. Empty when the item holds no text.
 */
export function questionText(itemText: string): string {
  let t = itemText.replace(/\s+/g, ' ').trim();
  for (const [open, close] of QUOTES) {
    if (t.length >= 2 && t.startsWith(open) && t.endsWith(close)) {
      const inner = t.slice(open.length, t.length - close.length);
      // `"a" and "b"` is not one quoted question.
      if (!inner.includes(close)) { t = inner.trim(); break; }
    }
  }
  if (t.length <= MAX_QUESTION_LENGTH) return t;
  let cut = MAX_QUESTION_LENGTH - 1;
  // Never half a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(t[cut - 1])) cut--;
  return `${t.slice(0, cut).trimEnd()}…`;
}
