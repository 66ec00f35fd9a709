/**
 * Imported first by `main.ts`: zod, by default, probes for `new Function` when the protocol's
 * schemas are built; under the panel's CSP (no `unsafe-eval`) that probe is reported as a
 * violation. `jitless` skips it; parsing the panel's small messages does not need the JIT.
 */
import { z } from 'zod';

z.config({ jitless: true });
