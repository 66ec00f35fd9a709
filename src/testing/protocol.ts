/**
 * Messages that only the test build's calibration report and host exchange (see `SDI_TEST_HOOKS`):
 * the integration tests ask the page for its table as drawn, and the benchmark reads how long the
 * page took to draw each update. They are in none of `src/protocol.ts`'s unions: the build users
 * install neither sends nor accepts them.
 */
import * as z from 'zod/mini';

/** Host → report page: describe the table as drawn; the page answers `probeAnswer` with the same `id`. */
export const reportProbeMessage = z.object({ type: z.literal('probe'), id: z.int().check(z.nonnegative()) });
export type ReportProbeMessage = z.infer<typeof reportProbeMessage>;

/** Host → report page: click the page's button of this id, as a user would (the tests press Export CSV/JSON and Show more). */
export const reportPressMessage = z.object({ type: z.literal('press'), id: z.string().check(z.minLength(1), z.maxLength(100)) });
export type ReportPressMessage = z.infer<typeof reportPressMessage>;

/**
 * Report page → host, answering `probe`: the version on screen, how many rows the page holds and how
 * many pass its filters, and the table's drawn rows in order with their cells' text.
 */
export const reportProbeAnswer = z.object({
  type: z.literal('probeAnswer'),
  id: z.int().check(z.nonnegative()),
  version: z.int().check(z.nonnegative()),
  held: z.int().check(z.nonnegative()),
  shown: z.int().check(z.nonnegative()),
  rows: z.array(z.object({ file: z.string(), index: z.int().check(z.nonnegative()), cells: z.array(z.string()) })).check(z.maxLength(100_000)),
});
export type ReportTable = z.infer<typeof reportProbeAnswer>;

/**
 * Report page → host, just before its `rendered` for the same version: the milliseconds from the
 * update's arrival to the frame after it was drawn.
 */
export const reportDrawTimeMessage = z.object({ type: z.literal('drawTime'), version: z.int().check(z.nonnegative()), ms: z.number().check(z.nonnegative()) });


/**
 * When a page loaded, in wall-clock milliseconds (the page's `performance.timeOrigin` scale, which
 * the host's `Date.now()` shares on one machine): its frame began loading, its script had arrived,
 * and its script ran (the benchmark splits a first open by them). `scriptFetched` is null when the
 * browser kept no timing of the script's fetch.
 */
export const pageLoad = z.object({ frame: z.number(), scriptFetched: z.nullable(z.number()), scriptRan: z.number() });
export type PageLoad = z.infer<typeof pageLoad>;

/**
 * Debrief page → host, answering `probe`: the version on screen, the text of each of its sections
 * by id, the dimensions in the order drawn with their marks, the ids of its enabled buttons, when
 * it loaded, and how many debriefs it was posted.
 */
export const debriefProbeAnswer = z.object({
  type: z.literal('debriefProbeAnswer'),
  id: z.int().check(z.nonnegative()),
  version: z.int().check(z.nonnegative()),
  sections: z.record(z.string(), z.string()),
  dimensions: z.array(z.object({ id: z.string(), disagreement: z.boolean(), text: z.string() })),
  buttons: z.array(z.string()),
  loaded: pageLoad,
  /** The debriefs posted to the page since it loaded (0: it drew what its HTML gave it). */
  messages: z.int().check(z.nonnegative()),
});
export type DebriefPage = z.infer<typeof debriefProbeAnswer>;
