/**
 * Stable pseudonyms for sharing figures outside the hiring group (`--anonymise`): candidates become
 * `Candidate 1`, `Candidate 2`… and interviewers `Interviewer A`, `Interviewer B`… in the order they
 * are first asked for, by name key (the same person under two spellings is one pseudonym); file
 * paths, which often hold a name, become `File 1`, `File 2`…. Its owner makes one per run and asks
 * in the order of the output, so one name gets one pseudonym throughout that output.
 */
import { normalizeKey } from './personName';

/** A, B, … Z, AA, AB, …: the n-th (0-based) in spreadsheet-column letters. */
function letters(n: number): string {
  let s = '';
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

export class Pseudonyms {
  private readonly candidates = new Map<string, string>();
  private readonly interviewers = new Map<string, string>();
  private readonly files = new Map<string, string>();

  /** A candidate's pseudonym; '' for no name. */
  candidate(name: string): string {
    return this.named(this.candidates, name, (n) => `Candidate ${n + 1}`);
  }

  /** An interviewer's pseudonym; '' for no name. */
  interviewer(name: string): string {
    return this.named(this.interviewers, name, (n) => `Interviewer ${letters(n)}`);
  }

  /** A file's pseudonym, by its path as given. */
  file(path: string): string {
    let p = this.files.get(path);
    if (p === undefined) this.files.set(path, (p = `File ${this.files.size + 1}`));
    return p;
  }

  private named(map: Map<string, string>, name: string, make: (n: number) => string): string {
    const key = normalizeKey(name);
    if (!key) return '';
    let p = map.get(key);
    if (p === undefined) map.set(key, (p = make(map.size)));
    return p;
  }
}
