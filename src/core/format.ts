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

/** Whose plan the interview timer follows: the built-in guide's, a team kit's, or the `sdi.timer.phases` setting's. */
export type PlanOrigin = 'guide' | 'kit' | 'settings';

/** A plan's origin as the timer names it: "the guide's plan", "the kit's plan", "your plan from the settings". */
export function planOriginText(origin: PlanOrigin): string {
  return origin === 'settings' ? 'your plan from the settings' : origin === 'kit' ? "the kit's plan" : "the guide's plan";
}

/** A duration in minutes to one decimal, without a unit: `2`, `2.5`. */
export function formatMinutes(ms: number): string {
  return `${Math.round((ms / 60_000) * 10) / 10}`;
}

/** Whether `s` is a real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
}
