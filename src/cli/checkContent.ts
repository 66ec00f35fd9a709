/**
 * `node dist/check-content.js [dir]`: validates the guide content the extension ships (the
 * default, `content/`), printing each problem as `content/<file>: <field>: <message>`; or, given a
 * team kit's folder (the one holding kit.yaml), that kit, printing `<file>:<line>:<col>: <severity>: <message>`.
 * Both go through the one kit loader. Exit 0 valid, 1 invalid. `--snapshot <file>` also writes the
 * built-in kit's snapshot there (the build does, for a cheap activation: src/node/builtIn.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { ContentError, formatContentIssue } from '../core/content';
import type { KitIssue } from '../core/kit/types';
import { writeBuiltInSnapshot } from '../node/builtIn';
import { loadBuiltInKitFolder, loadKitFolder } from '../node/fsKitReader';

const CONTENT = path.join(__dirname, '..', 'content');
const args = process.argv.slice(2);
const at = args.indexOf('--snapshot');
const snapshot = at >= 0 ? args.splice(at, 2)[1] : undefined;
const dir = path.resolve(args[0] ?? CONTENT);

/** Whether the folder is the built-in guide (its kit.yaml says `id: builtin`). */
function isBuiltIn(d: string): boolean {
  try {
    return /^id:\s*builtin\s*$/m.test(fs.readFileSync(path.join(d, 'kit.yaml'), 'utf8'));
  } catch {
    return false;
  }
}

function formatKitIssue(i: KitIssue): string {
  const at = i.range ? `:${i.range.start.line + 1}:${i.range.start.character + 1}` : '';
  return `${i.file}${at}: ${i.severity}: ${i.message}${i.code ? ` [${i.code}]` : ''}`;
}

if (isBuiltIn(dir)) {
  try {
    const k = snapshot ? writeBuiltInSnapshot(dir, snapshot) : loadBuiltInKitFolder(dir);
    console.log(`content OK: ${k.problems.length} problems in ${k.categories.length} categories, ${k.rubric!.rubric.dimensions.length} rubric dimensions, ${k.phases.phases.length} phases, ${k.guide!.headings.length} guide headings`);
  } catch (e) {
    if (e instanceof ContentError) {
      for (const i of e.issues) console.error(formatContentIssue(i));
      console.error(`${e.issues.length} content error(s) in ${dir}`);
    } else {
      console.error(String(e));
    }
    process.exit(1);
  }
} else {
  const builtIn = loadBuiltInKitFolder(CONTENT);
  const k = loadKitFolder(dir, builtIn);
  for (const i of k.issues) (i.severity === 'error' ? console.error : console.log)(formatKitIssue(i));
  const errors = k.issues.filter((i) => i.severity === 'error').length;
  if (errors || !k.ok) {
    console.error(`${errors} error(s) in kit ${dir}`);
    process.exit(1);
  }
  console.log(`kit OK: "${k.name}" ${k.version}: ${k.problems.length} problems in ${k.categories.length} categories, ${k.rubric?.rubric.dimensions.length ?? 0} rubric dimensions, ${k.phases.phases.length} phases`);
}
