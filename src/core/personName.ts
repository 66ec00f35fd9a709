/**
 * How the people in feedback and loop files (candidates, interviewers) are shown and compared.
 * No imports, so the webview may use it too.
 */

/** A name as the reports show it (tables, CSV, debrief): white space collapsed to one space, trimmed. */
export function shownName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Names compared for grouping (candidates, interviewers, problems): the shown name, case-folded. */
export function normalizeKey(name: string): string {
  return shownName(name).toLowerCase();
}
