/**
 * Messages between the calibration report's webview and the extension host, validated with zod on
 * receipt like the guide panel's (`src/protocol.ts`). Kept beside the feature: the report is a
 * webview of its own and shares no message with the guide panel. The webview imports this module
 * and nothing else of the extension.
 */
import { z } from 'zod';
import type { ReportFigures } from '../core/calibration/delta';
import type { CalibrationReport, ReportRow } from '../core/calibration/types';

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
const rubricShape = z.object({
  key: z.string(),
  dimensions: z.array(z.object({ id: z.string(), name: z.string(), weight: z.number() })),
  scale: z.object({ min: z.number(), max: z.number() }),
  bands: z.array(z.object({ id: z.string(), label: z.string() })),
}).nullable();

/**
 * Host → webview: the report as it is now (after the first scan, and after each change of a
 * feedback file). `version` grows with each report; `loading` is true while the first scan runs.
 * `dimensionNames` are the rubric's dimension names by id, for the table's headings.
 */
export const calibrationReportMessage = z.object({
  type: z.literal('report'),
  version: z.number().int().nonnegative(),
  loading: z.boolean(),
  report: reportShape,
  rubric: rubricShape,
  /** What the host knows of the report's last change, for the benchmark and the tests. */
  changed: z.array(z.string()).default([]),
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
  version: z.number().int().nonnegative(),
  base: z.number().int().nonnegative(),
  loading: z.boolean(),
  figures: figuresShape,
  upserts: z.array(rowShape),
  removed: z.array(z.string()),
  rubric: rubricShape,
  changed: z.array(z.string()).default([]),
});
export type CalibrationDeltaMessage = z.infer<typeof calibrationDeltaMessage>;

/** Host → webview (tests): describe the table as drawn; the page answers `table` with the same `id`. */
export const calibrationProbeMessage = z.object({ type: z.literal('probe'), id: z.number().int().nonnegative() });

/** All messages the host posts to the report. */
export const calibrationHostMessage = z.discriminatedUnion('type', [calibrationReportMessage, calibrationDeltaMessage, calibrationProbeMessage]);
export type CalibrationHostMessage = z.infer<typeof calibrationHostMessage>;

/** A row of the report, by its file (as the report names it) and its index in that file. */
export const rowRef = z.object({ file: z.string().max(4096), index: z.number().int().nonnegative().max(100_000) });
export type RowRef = z.infer<typeof rowRef>;

/** Webview → host: the page listens; the host posts the report then. */
export const calibrationReadyMessage = z.object({ type: z.literal('ready') });
/** Webview → host: open the row's file at its scores block. */
export const calibrationOpenMessage = z.object({ type: z.literal('open'), row: rowRef });
/** Webview → host: open a file of the report (an unreadable one) at its start. */
export const calibrationOpenFileMessage = z.object({ type: z.literal('openFile'), file: z.string().max(4096) });
/**
 * Webview → host: save the table as CSV (`rows`: the rows shown, in the order shown; all rows when
 * absent) or the figures as JSON, to a file the user picks.
 */
export const calibrationExportMessage = z.object({
  type: z.literal('export'),
  format: z.enum(['csv', 'json']),
  rows: z.array(rowRef).max(1_000_000).optional(),
});
export type CalibrationExportMessage = z.infer<typeof calibrationExportMessage>;

/** Webview → host: report `version` is on screen (`ms`: how long the page took to draw it), for the tests and the benchmark. */
export const calibrationRenderedMessage = z.object({
  type: z.literal('rendered'),
  version: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
  /** Where the page's time went (milliseconds by step, `paint` until the frame was drawn), for the benchmark. */
  phases: z.record(z.string().max(40), z.number()).optional(),
});

/** Webview → host: the page cannot apply an update (it does not hold its base version): post the full report. */
export const calibrationResyncMessage = z.object({ type: z.literal('resync') });

/**
 * Webview → host, answering `probe` (tests): the version on screen, how many rows the page holds,
 * and the table's drawn rows in order with their cells' text.
 */
export const calibrationTableMessage = z.object({
  type: z.literal('table'),
  id: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  shown: z.number().int().nonnegative(),
  rows: z.array(z.object({ file: z.string(), index: z.number().int().nonnegative(), cells: z.array(z.string()) })).max(100_000),
});
export type CalibrationTableMessage = z.infer<typeof calibrationTableMessage>;

/** All messages the report posts to the host. */
export const calibrationWebviewMessage = z.discriminatedUnion('type', [
  calibrationReadyMessage, calibrationOpenMessage, calibrationOpenFileMessage, calibrationExportMessage, calibrationRenderedMessage, calibrationResyncMessage, calibrationTableMessage,
]);
export type CalibrationWebviewMessage = z.infer<typeof calibrationWebviewMessage>;

/** What the report keeps across a reload (`setState`): the table's sort and filters. */
export const calibrationViewState = z.object({
  sort: z.object({ key: z.string().max(200), descending: z.boolean() }).optional(),
  filters: z.record(z.string(), z.string().max(200)).optional(),
});
export type CalibrationViewState = z.infer<typeof calibrationViewState>;
