/**
 * What `sdi-feedback` needs only to load and validate a kit folder or the built-in content (the kit
 * loader with zod and yaml): bundled apart as `dist/cli-kits.js` and required by `dist/cli.js` when
 * first needed (`--kit`, `--check-kit`, or no usable snapshot of the built-in guide), so a check or
 * a report over the built-in kit neither compiles nor runs it.
 */
export { ContentError, formatContentIssue } from '../core/content';
export { loadBuiltInGuide } from '../node/builtIn';
export { loadKitFolder } from '../node/fsKitReader';
