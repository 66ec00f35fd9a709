/**
 * `sdi-feedback --report --anonymise`: the report with its people and files replaced by stable
 * pseudonyms (`src/core/pseudonyms.ts`), so its figures can be shared outside the hiring group.
 */
import { normalizeKey } from '../personName';
import { Pseudonyms } from '../pseudonyms';
import { compareText } from './report';
import type { CalibrationReport, InterviewerStats } from './types';

/**
 * The report with every candidate, interviewer and file path replaced, in the order the rows first
 * name them (path order); interviewers sorted by their new keys, as the report sorts them. The
 * figures are unchanged. `pseudonyms` may come from the caller, to share them with other output.
 */
export function anonymiseReport(report: CalibrationReport, pseudonyms = new Pseudonyms()): CalibrationReport {
  const p = pseudonyms;
  const rows = report.rows.map((r) => {
    const file = p.file(r.file);
    const candidate = p.candidate(r.candidate);
    return { ...r, file, candidate, candidateKey: normalizeKey(candidate), interviewer: p.interviewer(r.interviewer) };
  });
  const interviewers = (list: readonly InterviewerStats[]) =>
    list.map((i) => {
      const name = p.interviewer(i.key);
      return { ...i, name, key: normalizeKey(name) };
    }).sort((a, b) => compareText(a.key, b.key));
  return {
    ...report,
    unreadable: report.unreadable.map((u) => ({ ...u, file: p.file(u.file) })),
    rows,
    interviewers: interviewers(report.interviewers),
    groups: report.groups.map((g) => ({ ...g, interviewers: interviewers(g.interviewers) })),
  };
}
