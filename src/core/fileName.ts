/**
 * File names made from what people type: a candidate's name in any script becomes a file stem
 * that is safe on Windows, macOS and Linux and still reads as the name (`王伟`, `алексей`,
 * `zoë-o-brien`), so two candidates on one day are told apart by name, not only by `-2`.
 */

/** The stem used when a name leaves nothing: no name given, or only punctuation. */
export const FALLBACK_STEM = 'candidate';
/** The longest stem, in UTF-8 bytes (file systems count bytes; 255 is the usual limit for a whole name). */
export const MAX_STEM_BYTES = 100;

// Names Windows reserves for devices, with or without an extension; superscript digits count too.
const RESERVED = /^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)$/i;
const KEPT = /^[\p{L}\p{M}\p{N}]$/u;
const JOINERS = new Set(['\u200c', '\u200d']);

const utf8Length = (ch: string) => {
  const c = ch.codePointAt(0)!;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
};

/** The grapheme clusters of a string (code points with their combining marks where `Intl.Segmenter` is missing). */
function graphemes(s: string): string[] {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (Segmenter) return Array.from(new Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (x) => x.segment);
  const out: string[] = [];
  for (const ch of s) {
    if (out.length && /^\p{M}$/u.test(ch)) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** The longest prefix of `s` of at most `max` UTF-8 bytes that ends on a grapheme boundary (on a code point inside an overlong first grapheme). */
function truncateUtf8(s: string, max: number): string {
  let bytes = 0;
  for (const ch of s) bytes += utf8Length(ch);
  if (bytes <= max) return s;
  let out = '';
  bytes = 0;
  for (const g of graphemes(s)) {
    let b = 0;
    for (const ch of g) b += utf8Length(ch);
    if (bytes + b > max) {
      if (out) return out;
      // One grapheme longer than the limit (a letter under hundreds of marks): cut it by code points.
      for (const ch of g) {
        const c = utf8Length(ch);
        if (bytes + c > max) break;
        out += ch;
        bytes += c;
      }
      return out;
    }
    out += g;
    bytes += b;
  }
  return out;
}

/**
 * A file-name stem for a candidate: the name's letters, marks and digits in any script, lowercased
 * and in Unicode NFC; every other run (spaces, punctuation, symbols, the characters Windows, macOS or
 * Linux refuse such as `<>:"/\|?*`, control characters) becomes one `-`, with none at either end.
 * At most 100 UTF-8 bytes, cut between characters. A Windows device name (`con`, `nul`, `com1`) gets
 * `-candidate` appended; nothing left gives `candidate`. Idempotent.
 */
export function candidateFileStem(name: string, maxBytes: number = MAX_STEM_BYTES): string {
  const chars = Array.from(String(name ?? '').normalize('NFC').toLowerCase().normalize('NFC'));
  let out = '';
  let gap = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (KEPT.test(ch)) {
      if (gap && out) out += '-';
      gap = false;
      out += ch;
    } else if (JOINERS.has(ch) && !gap && out && i + 1 < chars.length && KEPT.test(chars[i + 1])) {
      // Zero-width joiners belong inside words of some scripts (Persian, Indic): kept between letters.
      out += ch;
    } else gap = true;
  }
  out = trimEnd(truncateUtf8(out, Math.max(1, maxBytes)));
  if (!out) return FALLBACK_STEM;
  return RESERVED.test(out) ? `${out}-${FALLBACK_STEM}` : out;
}

/** Without trailing separators and joiners (a cut can leave either). */
function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && (s[e - 1] === '-' || JOINERS.has(s[e - 1]))) e--;
  return s.slice(0, e);
}
