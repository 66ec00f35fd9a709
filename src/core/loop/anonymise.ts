/**
 * `sdi-feedback --debrief --anonymise`: the debrief with its people and files replaced by stable
 * pseudonyms (`src/core/pseudonyms.ts`), and the notes' text left out (free text names anyone).
 */
import { compareText } from '../calibration/report';
import { normalizeKey } from '../personName';
import { Pseudonyms } from '../pseudonyms';
import type { Debrief, DebriefReport } from './debrief';

/**
 * The debrief with every candidate, interviewer and file path replaced. The feedbacks name them
 * first, in path order (so the names of feedback files get the pseudonyms `--report --anonymise`
 * gives them over the same files), then each candidate's loop, missing panelists and repeats, then
 * the files not read. The notes keep their time, phase and signs; their text is withheld.
 */
export function anonymiseDebrief(report: DebriefReport, pseudonyms = new Pseudonyms()): DebriefReport {
  const p = pseudonyms;
  const feedbacks = report.candidates.flatMap((d) => d.feedbacks.map((f) => ({ f, candidate: d.candidate })));
  feedbacks.sort((a, b) => compareText(a.f.file, b.f.file) || a.f.index - b.f.index);
  for (const { f, candidate } of feedbacks) {
    p.file(f.file);
    p.candidate(candidate);
    p.interviewer(f.interviewer);
  }
  const candidates = report.candidates.map((d): Debrief => {
    const candidate = p.candidate(d.candidate);
    return {
      ...d,
      candidate,
      candidateKey: normalizeKey(candidate),
      loop: d.loop === null ? null : p.file(d.loop),
      feedbacks: d.feedbacks.map((f) => ({
        ...f,
        file: p.file(f.file),
        interviewer: p.interviewer(f.interviewer),
        notes: Object.fromEntries(Object.entries(f.notes).map(([id, notes]) => [id, notes.map((n) => ({ ...n, text: '' }))])),
      })),
      missing: d.missing.map((m) => ({ ...m, interviewer: p.interviewer(m.interviewer) })),
      repeats: d.repeats.map((r) => ({ ...r, interviewer: p.interviewer(r.interviewer), earlier: r.earlier.map((e) => ({ ...e, file: p.file(e.file) })) })),
      notesWithheld: true,
    };
  });
  return { candidates, unreadable: report.unreadable.map((u) => ({ ...u, file: p.file(u.file) })) };
}
