/**
 * Messages that only the test build's calibration report and host exchange (see `SDI_TEST_HOOKS`):
 * the integration tests ask the page for its table as drawn, and the benchmark reads how long the
 * page took to draw each update. They are in none of `src/protocol.ts`'s unions: the build users
 * install neither sends nor accepts them.
 */
import { z } from 'zod';

/** Host → report page: describe the table as drawn; the page answers `probeAnswer` with the same `id`. */
export const reportProbeMessage = z.object({ type: z.literal('probe'), id: z.number().int().nonnegative() });
export type ReportProbeMessage = z.infer<typeof reportProbeMessage>;

/** Host → report page: click the page's button of this id, as a user would (the tests press Export CSV/JSON and Show more). */
export const reportPressMessage = z.object({ type: z.literal('press'), id: z.string().min(1).max(100) });
export type ReportPressMessage = z.infer<typeof reportPressMessage>;

/**
 * Report page → host, answering `probe`: the version on screen, how many rows the page holds and how
 * many pass its filters, and the table's drawn rows in order with their cells' text.
 */
export const reportProbeAnswer = z.object({
  type: z.literal('probeAnswer'),
  id: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
  held: z.number().int().nonnegative(),
  shown: z.number().int().nonnegative(),
  rows: z.array(z.object({ file: z.string(), index: z.number().int().nonnegative(), cells: z.array(z.string()) })).max(100_000),
});
export type ReportTable = z.infer<typeof reportProbeAnswer>;

/**
 * Report page → host, just before its `rendered` for the same version: the milliseconds from the
 * update's arrival to the frame after it was drawn.
 */
export const reportDrawTimeMessage = z.object({ type: z.literal('drawTime'), version: z.number().int().nonnegative(), ms: z.number().nonnegative() });


/**
 * When a page loaded, in wall-clock milliseconds (the page's `performance.timeOrigin` scale, which
 * the host's `Date.now()` shares on one machine): its frame began loading, its script had arrived,
 * and its script ran (the benchmark splits a first open by them). `scriptFetched` is null when the
 * browser kept no timing of the script's fetch.
 */
export const pageLoad = z.object({ frame: z.number(), scriptFetched: z.number().nullable(), scriptRan: z.number() });
export type PageLoad = z.infer<typeof pageLoad>;

/**
 * Debrief page → host, answering `probe`: the version on screen, the text of each of its sections
 * by id, the dimensions in the order drawn with their marks, the ids of its enabled buttons, when
 * it loaded, and how many debriefs it was posted.
 */
export const debriefProbeAnswer = z.object({
  type: z.literal('debriefProbeAnswer'),
  id: z.number().int().nonnegative(),
  version: z.number().int().nonnegative(),
  sections: z.record(z.string(), z.string()),
  dimensions: z.array(z.object({ id: z.string(), disagreement: z.boolean(), text: z.string() })),
  buttons: z.array(z.string()),
  loaded: pageLoad,
  /** The debriefs posted to the page since it loaded (0: it drew what its HTML gave it). */
  messages: z.number().int().nonnegative(),
});
export type DebriefPage = z.infer<typeof debriefProbeAnswer>;
