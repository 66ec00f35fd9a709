/**
 * Small text formats shared by the extension, the CLI and the webview. Dependency-free (no
 * `vscode`, no Node, no DOM), so the webview bundle may import it.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a date in the local time zone (the interviewer's "today"). */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** `m:ss` (or `h:mm:ss`) of a duration, rounded down to the second; negative durations read `0:00`. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = pad2(total % 60);
  return h ? `${h}:${pad2(m)}:${sec}` : `${m}:${sec}`;
}

/** A duration in minutes to one decimal, without a unit: `2`, `2.5`. */
export function formatMinutes(ms: number): string {
  return `${Math.round((ms / 60_000) * 10) / 10}`;
}
