/**
 * True in the test build (`node esbuild.mjs`, and `--production --tests` for the benchmarks), false in
 * the build users install (`--production`): esbuild's `define` (esbuild.mjs). The lines under
 * `if (SDI_TEST_HOOKS)` are dropped from that build, and the `testing/` modules they use are left out.
 */
declare const SDI_TEST_HOOKS: boolean;
