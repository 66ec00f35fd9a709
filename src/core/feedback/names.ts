/**
 * How names are compared across a feedback document, its template and its rubric: case, spacing,
 * punctuation and "&" / "and" do not matter. A single pass with no memo, so it holds no state.
 */

/** Lowercase words of a name, with "&" read as "and": "Scalability & Performance" and "scalability and  performance" match. */
export function normalizeName(name: string): string {
  const n = name.length;
  let out = '';
  let upper = false;
  for (let i = 0; i < n; ) {
    const c = name.charCodeAt(i);
    // Outside ASCII, case and letters follow Unicode (final sigma, dotted I): the general form.
    if (c >= 128) return normalizeUnicode(name);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      // A run of letters and digits is one word, appended as one slice.
      let j = i;
      for (; j < n; j++) {
        const d = name.charCodeAt(j);
        if ((d >= 97 && d <= 122) || (d >= 48 && d <= 57)) continue;
        if (d >= 65 && d <= 90) { upper = true; continue; }
        break;
      }
      out = out.length ? `${out} ${name.slice(i, j)}` : name.slice(i, j);
      i = j;
    } else {
      if (c === 38 /* & */) out = out.length ? `${out} and` : 'and';
      i++;
    }
  }
  // Non-ASCII input returned above, so this is ASCII lowercasing only.
  return upper ? out.toLowerCase() : out;
}

function normalizeUnicode(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A lowercase-kebab id of a heading or name: "Collaboration & Leadership Indicators" -> "collaboration-and-leadership-indicators". */
export function slugOfName(name: string): string {
  return normalizeName(name).replace(/ /g, '-') || 'group';
}
