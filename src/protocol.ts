/**
 * Messages between the extension host and its webviews (the guide panel, then the calibration
 * report below). This module is the only code of the extension the webviews import: every message
 * is validated with these schemas on receipt.
 */
// zod/mini, not the classic API of the core: every page's script bundles these schemas, and classic
// zod's methods cannot be tree-shaken (188 KB of the debrief page's 203 KB script, compiled and
// run at each first open). mini registers no locale: the pages read no message, and in the host the
// core's classic zod (`formatZodIssues`' module builds its schemas on load) registers English in
// zod's one global config, so the host's logs read as before.
import * as z from 'zod/mini';
import type { ReportFigures } from './core/calibration/delta';
import type { CalibrationReport, ReportRow } from './core/calibration/types';
import type { Debrief } from './core/loop/debriefTypes';

/**
 * One Mermaid block of an item, by its `data-diagram` index; `svg` is a cached rendering for
 * `showItem.theme`; `pre` one made ahead of time (`media/diagrams/prerendered.json`) for the theme
 * whose `prerenderKey` is `key`.
 */
const prerenderedSvg = z.object({ key: z.string(), svg: z.string() });
export const diagramSource = z.object({
  source: z.string(),
  svg: z.optional(z.string()),
  pre: z.optional(prerenderedSvg),
});
export type DiagramSource = z.infer<typeof diagramSource>;

/**
 * Host → webview: show a guide item. `html` is rendered by the host with markdown-it (`html: false`);
 * `diagrams[i]` is the source of its `data-diagram="i"` placeholder. Cached SVGs were looked up
 * for `theme`, the webview's last reported Mermaid theme fingerprint.
 */
export const showItemMessage = z.object({
  type: z.literal('showItem'),
  id: z.string(),
  title: z.string(),
  html: z.string(),
  diagrams: z._default(z.array(diagramSource), []),
  theme: z.optional(z.string()),
  /** A heading id to scroll to (the item was opened from a link to that heading). */
  anchor: z.optional(z.string()),
});

/** One phase in `timerState`: planned against actual time. */
export const timerPhaseView = z.object({
  id: z.string(),
  title: z.string(),
  minutes: z.number(),
  extraMinutes: z.number(),
  plannedMs: z.number(),
  actualMs: z.number(),
  state: z.enum(['done', 'current', 'upcoming', 'skipped']),
  deepDive: z.boolean(),
});
/** One deep-dive area of the problem, a sub-step of the deep-dive phase, with its slot in the phase. */
export const timerDeepDiveStep = z.object({
  title: z.string(),
  minutes: z.number(),
  startMs: z.number(),
  endMs: z.number(),
  points: z.array(z.string()),
});
/**
 * The interview timer as the panel shows it (display only). `actualMs` values are as of the moment
 * the host posted; while `running`, the webview adds the time since it received the message (by
 * its own monotonic clock, so a clock difference between host and browser does not matter).
 * `guidance` is guide Markdown for the current phase, rendered by the host like `showItem.html`.
 */
export const timerDisplayState = z.object({
  status: z.enum(['idle', 'running', 'paused', 'finished']),
  /** When the interview began (the host's clock, ms): tells one interview from the next. Undefined when idle. */
  startedAt: z.optional(z.number()),
  problemId: z.optional(z.string()),
  problemTitle: z.optional(z.string()),
  /** The names of the focus dimensions of a loop interview (issue 21); absent otherwise. */
  focus: z.optional(z.array(z.string())),
  planTitle: z.string(),
  /** Whose plan the timer follows (`PlanOrigin`): the built-in guide's, a team kit's, or the settings'. */
  planSource: z.enum(['guide', 'kit', 'settings']),
  /** Why the `sdi.timer.phases` setting was not used, when it is invalid. */
  planError: z.optional(z.string()),
  phaseIndex: z.int().check(z.nonnegative()),
  phases: z.array(timerPhaseView),
  /** The notification lead time: the display warns when this little is left. */
  warningMs: z.number().check(z.nonnegative()),
  guidance: z.array(z.object({ title: z.string(), anchor: z.string(), html: z.string() })),
  deepDive: z.array(timerDeepDiveStep),
  /** What a screen reader says about this state (phase, time left). */
  announcement: z.string(),
});
export type TimerDisplayState = z.infer<typeof timerDisplayState>;
/** Host → webview: the timer changed (or the webview just loaded). */
export const timerStateMessage = z.object({ type: z.literal('timerState'), state: timerDisplayState });
export type TimerStateMessage = z.infer<typeof timerStateMessage>;

/**
 * Host → webview: what became of a `note` (written, queued, or why not), for the panel to show and
 * announce. `id` is the `note` message's, when it had one.
 */
export const noteResultMessage = z.object({
  type: z.literal('noteResult'),
  ok: z.boolean(),
  message: z.string().check(z.maxLength(2000)),
  id: z.optional(z.int().check(z.nonnegative())),
});
export type NoteResultMessage = z.infer<typeof noteResultMessage>;

/** All messages the host posts to the webview. */
/**
 * Host → webview: the answer to `theme`: the shown item's diagrams with what the host has for the
 * new theme (cached SVGs for `theme`, else the guide's pre-rendered ones), so a theme change needs
 * Mermaid only for the others.
 */
export const themeDiagramsMessage = z.object({
  type: z.literal('themeDiagrams'),
  theme: z.string(),
  diagrams: z._default(z.array(diagramSource), []),
});

/**
 * Host → webview, a moment after an item is shown: the guide's pre-rendered SVGs of its diagrams for
 * the other kinds of theme, so a switch to a default theme of another kind repaints without waiting
 * for the host's answer to `theme` (the workbench relays that answer while it is busy re-theming).
 */
export const otherThemesMessage = z.object({
  type: z.literal('otherThemes'),
  id: z.string(),
  diagrams: z._default(z.array(z.object({ source: z.string(), pre: prerenderedSvg })), []),
});
export type OtherThemesMessage = z.infer<typeof otherThemesMessage>;

export const hostMessage = z.discriminatedUnion('type', [showItemMessage, timerStateMessage, noteResultMessage, themeDiagramsMessage, otherThemesMessage]);
export type HostMessage = z.infer<typeof hostMessage>;

/** A theme fingerprint: the colours and fonts a rendering depends on (long font lists included). */
const themeFingerprint = z.string().check(z.maxLength(65536));
/**
 * Webview → host: the page has loaded its script and listens; the host posts nothing before it.
 * `theme` is the fingerprint of the Mermaid theme the page renders with (the diagram cache's key).
 */
export const readyMessage = z.object({ type: z.literal('ready'), theme: z.optional(themeFingerprint) });
/** Webview → host: the colour theme changed; diagrams are now rendered with this fingerprint. */
export const themeMessage = z.object({ type: z.literal('theme'), theme: themeFingerprint });
/** Webview → host: a diagram was rendered, for the host's cache (keyed by theme + source). */
export const diagramRenderedMessage = z.object({
  type: z.literal('diagramRendered'),
  theme: themeFingerprint,
  source: z.string(),
  svg: z.string().check(z.maxLength(2_000_000)),
});
/** Webview → host: copy a diagram's Mermaid source to the clipboard. */
export const copyDiagramSourceMessage = z.object({ type: z.literal('copyDiagramSource'), source: z.string() });
/** Webview → host: save a diagram to a file the user picks. `data` is SVG text, or base64 PNG bytes. */
export const exportDiagramMessage = z
  .object({ type: z.literal('exportDiagram'), format: z.enum(['svg', 'png']), name: z.string().check(z.maxLength(200)), data: z.string().check(z.maxLength(20_000_000)) })
  .check(z.refine((m) => (m.format === 'svg' ? m.data.startsWith('<svg') : /^[A-Za-z0-9+/]+={0,2}$/.test(m.data)), {
    message: 'an SVG export holds SVG text; a PNG export holds base64 bytes',
  }));
/**
 * Webview → host: a diagram of the item shown could not be rendered (it shows its error in place).
 * `index` is its `data-diagram` index in `showItem`; `line` the 1-based line of the diagram's source
 * that Mermaid names, counted as written (front matter, directives and comments included), when it names one.
 */
export const diagramErrorMessage = z.object({
  type: z.literal('diagramError'),
  itemId: z.string().check(z.maxLength(4096)),
  index: z.int().check(z.nonnegative(), z.maximum(100_000)),
  line: z.optional(z.int().check(z.positive(), z.maximum(1_000_000))),
  message: z.string().check(z.maxLength(20_000)),
});
export type DiagramErrorMessage = z.infer<typeof diagramErrorMessage>;
/**
 * Webview → host: open another guide item (from an in-guide link): an item id, `#heading`, or a
 * Markdown file beside the item shown (`other.md`, `./other.md#x`: another problem of its kit).
 */
export const openItemMessage = z.object({ type: z.literal('openItem'), id: z.string() });
/** Webview → host: open a link that is not a guide item, outside the panel. */
export const openExternalMessage = z.object({ type: z.literal('openExternal'), href: z.string() });

/** Webview → host: a timer control was used; the host runs the matching command. `minutes` is for `extend`. */
export const timerIntentMessage = z.object({
  type: z.literal('timerIntent'),
  intent: z.enum(['start', 'pauseResume', 'next', 'previous', 'extend', 'reset', 'finish', 'insertTimes', 'newFeedback']),
  minutes: z.optional(z.number().check(z.positive(), z.maximum(600))),
});
export type TimerIntentMessage = z.infer<typeof timerIntentMessage>;

/** Longest note the panel sends (Add Note folds it to one line). */
export const MAX_NOTE_LENGTH = 10_000;
/**
 * Webview → host: add a note to the interview's notes (the host runs `sdi.addNote` with `text` and
 * `asked`): typed in the panel's note field, or (`asked: true`) a guide question the interviewer
 * asked, logged as `Asked: "<text>"`. `id` is echoed in the `noteResult` that answers it.
 */
export const noteMessage = z.object({
  type: z.literal('note'),
  text: z.string().check(z.maxLength(MAX_NOTE_LENGTH), z.refine((t) => t.trim() !== '', { message: 'a note holds some text' })),
  asked: z.optional(z.boolean()),
  id: z.optional(z.int().check(z.nonnegative())),
});
export type NoteMessage = z.infer<typeof noteMessage>;

/** All messages the webview posts to the host. */
export const webviewMessage = z.discriminatedUnion('type', [
  noteMessage, timerIntentMessage, readyMessage, openItemMessage, openExternalMessage, themeMessage, diagramRenderedMessage, copyDiagramSourceMessage, exportDiagramMessage, diagramErrorMessage,
]);
export type WebviewMessage = z.infer<typeof webviewMessage>;

/** State the webview keeps across reloads (`vscode.setState`), validated when restored. */
export const panelState = z.object({
  itemId: z.string(),
  /** The guide questions logged as asked (their text), so their marks survive the webview being rebuilt... */
  asked: z.optional(z.array(z.string().check(z.maxLength(MAX_NOTE_LENGTH))).check(z.maxLength(1000))),
  /** ...in the interview that began then (`timerDisplayState.startedAt`). */
  askedIn: z.optional(z.number()),
});
export type PanelState = z.infer<typeof panelState>;

// ---------------------------------------------------------------------------------------------
// The calibration report (`src/calibration`, `webview/calibration`): a webview of its own, sharing
// no message with the guide panel.

/** A report as the core builds it; the host built it, so only its outline is checked here. */
const reportShape = z.custom<CalibrationReport>(
  (v) => typeof v === 'object' && v !== null && Array.isArray((v as { rows?: unknown }).rows) && Array.isArray((v as { unreadable?: unknown }).unreadable),
  { message: 'not a calibration report' },
);

/** A report's figures (no rows); outline only, as for the report. */
const figuresShape = z.custom<ReportFigures>(
  (v) => typeof v === 'object' && v !== null && !('rows' in v) && Array.isArray((v as { unreadable?: unknown }).unreadable) && Array.isArray((v as { dimensions?: unknown }).dimensions),
  { message: 'not the figures of a calibration report' },
);

/** A row of the report; outline only (its file and index, which key it). */
const rowShape = z.custom<ReportRow>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { file?: unknown }).file === 'string' && Number.isInteger((v as { index?: unknown }).index),
  { message: 'not a row of a calibration report' },
);

/** The top-level figures' rubric: dimension names and weights, scale, band labels (best first); null without rows. */
const rubricShape = z.nullable(z.object({
  key: z.string(),
  dimensions: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })),
  scale: z.object({ min: z.number(), max: z.number() }),
  bands: z.array(z.object({ id: z.string(), label: z.string() })),
}));

/**
 * Host → webview: the report as it is now (after the first scan, and after each change of a
 * feedback file). `version` grows with each report; `loading` is true while the first scan runs.
 * `dimensionNames` are the rubric's dimension names by id, for the table's headings.
 */
export const calibrationReportMessage = z.object({
  type: z.literal('report'),
  version: z.int().check(z.nonnegative()),
  loading: z.boolean(),
  report: reportShape,
  rubric: rubricShape,
  /** Rows (by `rowKey`) blind mode withholds: posted without scores, shown as "submit yours first". */
  sealed: z.optional(z.array(z.string()).check(z.maxLength(100_000))),
});
export type CalibrationReportMessage = z.infer<typeof calibrationReportMessage>;

/**
 * Host → webview, after a full report: what changed since version `base` (the version posted just
 * before). The rows of the changed files (`upserts`, keyed by file and index; see
 * `src/core/calibration/delta.ts`), the keys of the rows gone (`removed`), and all the figures. A
 * page that does not hold version `base` asks for the full report (`resync`).
 */
export const calibrationDeltaMessage = z.object({
  type: z.literal('delta'),
  version: z.int().check(z.nonnegative()),
  base: z.int().check(z.nonnegative()),
  loading: z.boolean(),
  figures: figuresShape,
  upserts: z.array(rowShape),
  removed: z.array(z.string()),
  rubric: rubricShape,
  sealed: z.optional(z.array(z.string()).check(z.maxLength(100_000))),
});
export type CalibrationDeltaMessage = z.infer<typeof calibrationDeltaMessage>;

/** All messages the host posts to the report. */
export const calibrationHostMessage = z.discriminatedUnion('type', [calibrationReportMessage, calibrationDeltaMessage]);
export type CalibrationHostMessage = z.infer<typeof calibrationHostMessage>;

/** A row of the report, by its file (as the report names it) and its index in that file. */
export const rowRef = z.object({ file: z.string().check(z.maxLength(4096)), index: z.int().check(z.nonnegative(), z.maximum(100_000)) });
export type RowRef = z.infer<typeof rowRef>;

/** Webview → host: the page listens; the host posts the report then. */
export const calibrationReadyMessage = z.object({ type: z.literal('ready') });
/** Webview → host: open the row's file at its scores block. */
export const calibrationOpenMessage = z.object({ type: z.literal('open'), row: rowRef });
/** Webview → host: open a file of the report (an unreadable one) at its start. */
export const calibrationOpenFileMessage = z.object({ type: z.literal('openFile'), file: z.string().check(z.maxLength(4096)) });
/**
 * Webview → host: save the table as CSV (`rows`: the rows shown, in the order shown; all rows when
 * absent) or the figures as JSON, to a file the user picks.
 */
export const calibrationExportMessage = z.object({
  type: z.literal('export'),
  format: z.enum(['csv', 'json']),
  rows: z.optional(z.array(rowRef).check(z.maxLength(1_000_000))),
});
export type CalibrationExportMessage = z.infer<typeof calibrationExportMessage>;

/** Webview → host: report `version` is on screen (the frame after it painted); the host posts the next update only then. */
export const calibrationRenderedMessage = z.object({ type: z.literal('rendered'), version: z.int().check(z.nonnegative()) });

/** Webview → host: the page cannot apply an update (it does not hold its base version): post the full report. */
export const calibrationResyncMessage = z.object({ type: z.literal('resync') });

/** All messages the report posts to the host. */
export const calibrationWebviewMessage = z.discriminatedUnion('type', [
  calibrationReadyMessage, calibrationOpenMessage, calibrationOpenFileMessage, calibrationExportMessage, calibrationRenderedMessage, calibrationResyncMessage,
]);
export type CalibrationWebviewMessage = z.infer<typeof calibrationWebviewMessage>;

/** What the report keeps across a reload (`setState`): the table's sort and filters. */
export const calibrationViewState = z.object({
  sort: z.optional(z.object({ key: z.string().check(z.maxLength(200)), descending: z.boolean() })),
  filters: z.optional(z.record(z.string(), z.string().check(z.maxLength(200)))),
});
export type CalibrationViewState = z.infer<typeof calibrationViewState>;

// ---------------------------------------------------------------------------------------------
// The debrief (`src/debrief`, `webview/debrief`): a webview of its own.

/** The candidate a debrief page shows: their name key, and the loop (workspace-relative) or the day that tells their loops apart. */
export const debriefTarget = z.object({
  candidateKey: z.string().check(z.maxLength(1000)),
  loop: z.optional(z.string().check(z.maxLength(4096))),
  date: z.optional(z.string().check(z.maxLength(20))),
});
export type DebriefTarget = z.infer<typeof debriefTarget>;

/** A debrief as the core builds it (`src/core/loop/debrief.ts`); the host built it, so only its outline is checked. */
const debriefShape = z.custom<Debrief>(
  (v) => typeof v === 'object' && v !== null && Array.isArray((v as { feedbacks?: unknown }).feedbacks) && Array.isArray((v as { dimensions?: unknown }).dimensions),
  { message: 'not a debrief' },
);

/**
 * Blind mode: the user is a panelist of this loop who has not submitted their own feedback, so the
 * others' scores, notes and the figures made from them are left out of `debrief` ("submit yours
 * first"). `own` is the user's feedback to submit, when they wrote one.
 */
export const debriefBlind = z.object({
  interviewer: z.string(),
  own: z.nullable(z.object({ file: z.string(), index: z.int().check(z.nonnegative()) })),
});
export type DebriefBlind = z.infer<typeof debriefBlind>;

/**
 * Host → debrief page: the debrief as it is now (when opened, and after each change of a feedback or
 * loop file). `debrief` is null when the candidate has none any more (`message` says why);
 * `unreadable` names the feedback and loop files that may be theirs but do not read. A page that is not
 * listening (being created, or hidden) is given it in its HTML instead (`debriefPage`).
 */
export const debriefMessage = z.object({
  type: z.literal('debrief'),
  version: z.int().check(z.nonnegative()),
  target: debriefTarget,
  debrief: z.nullable(debriefShape),
  blind: z.nullable(debriefBlind),
  unreadable: z.array(z.object({ file: z.string(), error: z.string() })),
  message: z.optional(z.string().check(z.maxLength(2000))),
});
export type DebriefMessage = z.infer<typeof debriefMessage>;

/** All messages the host posts to the debrief page. */
export const debriefHostMessage = z.discriminatedUnion('type', [debriefMessage]);
export type DebriefHostMessage = z.infer<typeof debriefHostMessage>;

/**
 * Webview → host: the page listens, and has drawn the debrief its HTML gave it: `version` (0 when
 * it was given none). The host posts it what is newer, and takes no `ready` of a page it has
 * since given other HTML.
 */
export const debriefReadyMessage = z.object({ type: z.literal('ready'), version: z.int().check(z.nonnegative()) });
/** Webview → host: open a feedback file at a line (a note, or a feedback's scores heading). */
export const debriefOpenMessage = z.object({ type: z.literal('open'), file: z.string().check(z.maxLength(4096)), line: z.int().check(z.nonnegative(), z.maximum(10_000_000)) });
/** Webview → host: save the Debrief Summary beside the loop (never overwriting) and open it. */
export const debriefWriteSummaryMessage = z.object({ type: z.literal('writeSummary') });
/** Webview → host: submit the user's own feedback (blind mode's action). */
export const debriefSubmitMessage = z.object({ type: z.literal('submit') });

/** All messages the debrief page posts to the host. */
export const debriefWebviewMessage = z.discriminatedUnion('type', [
  debriefReadyMessage, calibrationRenderedMessage, debriefOpenMessage, debriefWriteSummaryMessage, debriefSubmitMessage,
]);
export type DebriefWebviewMessage = z.infer<typeof debriefWebviewMessage>;

/** What the debrief page keeps across a reload (`setState`): the candidate it shows. */
export const debriefViewState = z.object({ target: debriefTarget });
export type DebriefViewState = z.infer<typeof debriefViewState>;
