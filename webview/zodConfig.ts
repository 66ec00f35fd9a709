/**
 * Imported first by each page's script (`main.ts`, `calibration/main.ts`, `debrief/main.ts`): zod
 * probes for `new Function` when an object schema that can compile its parser (classic zod's) first
 * parses, and under the pages' CSP (no `unsafe-eval`) that probe is reported as a violation.
 * `jitless` skips it. The protocol's `zod/mini` objects never compile, so the pages make no probe
 * today; the config, zod's one global, keeps it so should a compiling schema reach a page.
 */
import { config } from 'zod/mini';

config({ jitless: true });
