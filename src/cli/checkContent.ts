/**
 * `node dist/check-content.js [content-dir]`: validates the guide content the extension ships,
 * printing each problem as `content/<file>: <field>: <message>`. Exit 0 valid, 1 invalid.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ContentError, formatContentIssue, loadContent } from '../core/content';

const dir = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'content'));
try {
  const c = loadContent((file) => fs.readFileSync(path.join(dir, file), 'utf8'));
  console.log(`content OK: ${c.problems.length} problems in ${c.categories.length} categories, ${c.rubric.dimensions.length} rubric dimensions, ${c.phases.phases.length} phases, ${c.guide.headings.length} guide headings`);
} catch (e) {
  if (e instanceof ContentError) {
    for (const i of e.issues) console.error(formatContentIssue(i));
    console.error(`${e.issues.length} content error(s) in ${dir}`);
  } else {
    console.error(String(e));
  }
  process.exit(1);
}
