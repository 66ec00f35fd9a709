// Benchmark of Add Note in the real extension host (issue 8): with a 2,000-line feedback file open
// and dirty, the time from invoking `sdi.addNote` to the note's text being in the document, for 50
// notes (median and p95; the goal: p95 under 50 ms). Runs test/integration/bench/notesHost.ts
// in the real host (hostBench.mjs). `node test/bench/run.mjs notes-host` after a build, or through `npm run bench`.
import { runHostBench } from './hostBench.mjs';

export async function run() {
  const f = runHostBench('notesHost', 'notes-host');
  console.log(`Add Note round trip in the extension host (command invoked → text in the document), ${f.documentLines}-line feedback file open and ${f.dirty ? 'dirty' : 'clean'}, ${f.notes} notes:`);
  console.log(`  median ${f.medianMs} ms   p95 ${f.p95Ms} ms   max ${f.maxMs} ms   (goal: p95 < 50 ms)`);
}
