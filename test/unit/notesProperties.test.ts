import * as assert from 'assert';
import * as fc from 'fast-check';
import { applyEdits, normalizeName } from '../../src/core/feedback';
import { foldNoteText, noteInsertion, notesReport, parseNotes, type InterviewNote } from '../../src/core/notes';
import { content } from '../fixtures/feedback/fill';

const PLAN = ['Requirements', 'High-Level Design', 'Deep Dive', 'Wrap-up'];
const linesOf = (text: string) => text.split(/\r\n|\r|\n/);

/** Lines a feedback document is made of, notes sections, phases, fences and hand-typed notes among them. */
const anyLine = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(
    '', '', '', '# Feedback', '## Senior Engineer System Design Interview', '## Interview Notes', '## interview notes ##', '## Calibration',
    '### Requirements', '### deep dive', '### Wrap-up ##', '### Other', '#### Follow-up', '- [01:00] +scale a', '* [1:02:03] -dist b', '1. typed by hand #comm',
    '  - nested +arch', 'continued text', '```', '~~~~', '```js', '> quote', '---', '- [ ] box', '- [59:60] bad time', '    indented', '\t- tab item', 'x'.repeat(40),
  ) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ' ')) },
);
/** A notes section with phases and notes, so that most documents have one to write into. */
const anySection = fc.array(fc.constantFrom('', '### Requirements', '### High-Level Design', '### deep dive', '### Wrap-up ##', '- [01:00] +scale a', '- b', 'continued', '```', '## Other'), { maxLength: 12 })
  .map((body) => ['## Interview Notes', ...body]);
const anyChunk = fc.oneof({ weight: 8, arbitrary: anyLine.map((l) => [l]) }, { weight: 2, arbitrary: anySection });
const anyEol = fc.constantFrom('\n', '\r\n', '\r');
/** A document: lines joined by one line ending (sometimes a mix), with or without a final one. */
const anyDocument = fc
  .tuple(fc.array(anyChunk, { maxLength: 25 }).map((chunks) => chunks.flat()), anyEol, fc.boolean(), fc.boolean(), fc.array(anyEol, { minLength: 1, maxLength: 3 }))
  .map(([lines, eol, final, mixed, eols]) => {
    let out = '';
    lines.forEach((l, i) => (out += (i ? (mixed ? eols[i % eols.length] : eol) : '') + l));
    return final && lines.length ? out + eol : out;
  });
const anyPhase = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PLAN, 'deep dive', 'Other', undefined) },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);
const anyNote = fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom('+scale sharded by user id, -dist no quorum', 'line\r\nbreak\nand\rmore', '  ', '```', '# not a heading', 'continued text'));
const anySeconds = fc.oneof(fc.integer({ min: 0, max: 3599 }), fc.integer({ min: 0, max: 40000 }));

/** The index `s` where `after` is `before` with `after.length - before.length` lines inserted at `s`, or -1. */
function insertedAt(before: string[], after: string[]): number {
  const n = after.length - before.length;
  if (n <= 0) return -1;
  let s = 0;
  while (s < before.length && before[s] === after[s]) s++;
  for (let i = s; i < before.length; i++) if (before[i] !== after[i + n]) return -1;
  return s;
}

const samePhase = (a: string | undefined, b: string) => a !== undefined && (a.toLowerCase() === b.toLowerCase() || (normalizeName(a) !== '' && normalizeName(a) === normalizeName(b)));
const brief = (n: InterviewNote) => `${n.phase ?? ''}|${n.seconds}|${n.text}`;

describe('interview notes: properties', () => {
  it('inserting any note into any document keeps every other line and parses back as that note', () => {
    fc.assert(
      fc.property(anyDocument, anyPhase, anySeconds, anyNote, fc.boolean(), (doc, phase, seconds, note, withPlan) => {
        const ins = noteInsertion(doc, phase, seconds, note, withPlan ? { phaseTitles: PLAN } : {});
        const e = ins.edit.range;
        assert.deepStrictEqual(e.start, e.end, 'an insertion, nothing replaced');
        const after = applyEdits(doc, [ins.edit]);
        const a = linesOf(after);
        const at = insertedAt(linesOf(doc), a);
        assert.ok(at >= 0, 'every line of the document is kept, in order');
        assert.ok(ins.line >= at && ins.line < at + a.length - linesOf(doc).length, 'the note is among the inserted lines');
        const parsed = parseNotes(after);
        const n = parsed.notes.find((x) => x.line === ins.line);
        assert.ok(n, `a note on line ${ins.line}`);
        assert.strictEqual(n.seconds, seconds);
        assert.strictEqual(n.text, foldNoteText(note));
        const title = phase === undefined ? '' : foldNoteText(phase);
        if (title) assert.ok(samePhase(n.phase, title), `phase ${n.phase} for ${title}`);
        else assert.strictEqual(n.phase, undefined);
        // The notes already there are read as before.
        const old = parseNotes(doc).notes.map(brief);
        assert.deepStrictEqual(parsed.notes.filter((x) => x !== n).map(brief), old);
        // The document's line ending, when it has one kind.
        const kinds = new Set(doc.match(/\r\n|\r|\n/g) ?? []);
        if (kinds.size === 1) assert.deepStrictEqual(new Set(after.match(/\r\n|\r|\n/g)), kinds);
      }),
      { numRuns: 1500 },
    );
  });

  it('notes taken one after another, the same second included, land in the order they were taken', () => {
    fc.assert(
      fc.property(anyDocument, fc.array(fc.tuple(fc.constantFrom(...PLAN), fc.integer({ min: 0, max: 5 })), { minLength: 2, maxLength: 8 }), (doc, takes) => {
        let text = doc;
        const want: string[] = [];
        takes.forEach(([phase, dt], i) => {
          const seconds = 60 + Math.floor(i / 2) * dt;
          text = applyEdits(text, [noteInsertion(text, phase, seconds, `note ${i}`, { phaseTitles: PLAN }).edit]);
          want.push(`note ${i}`);
        });
        const mine = parseNotes(text).notes.filter((n) => /^note \d+$/.test(n.text));
        for (const phase of PLAN) {
          const order = mine.filter((n) => samePhase(n.phase, phase)).map((n) => Number(n.text.slice(5)));
          assert.deepStrictEqual(order, [...order].sort((x, y) => x - y), `in ${phase}`);
        }
        assert.strictEqual(mine.length, want.length);
      }),
      { numRuns: 300 },
    );
  });

  it('parsing never throws, every range lies inside the document, and the summary has every dimension', () => {
    const dims = content().rubric.dimensions;
    fc.assert(
      fc.property(anyDocument, (doc) => {
        const p = parseNotes(doc, dims);
        const lines = linesOf(doc);
        const inside = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
          for (const q of [r.start, r.end]) assert.ok(q.line >= 0 && q.line < lines.length && q.character >= 0 && q.character <= lines[q.line].length);
          assert.ok(r.start.line < r.end.line || r.start.character <= r.end.character);
        };
        for (const n of p.notes) {
          for (const r of [n.range, n.textRange, ...(n.timeRange ? [n.timeRange] : []), ...n.tags.map((t) => t.range), ...n.unknownTags.map((t) => t.range)]) inside(r);
          for (const t of n.tags) assert.strictEqual(lines[t.range.start.line].slice(t.range.start.character + 1, t.range.end.character), t.name);
        }
        const r = notesReport(p, dims);
        assert.deepStrictEqual(Object.keys(r.byDimension), dims.map((d) => d.id));
        assert.strictEqual(r.total, p.notes.length);
        const tags = p.notes.reduce((s, n) => s + n.tags.length, 0);
        assert.strictEqual(Object.values(r.byDimension).reduce((s, c) => s + c.plus + c.minus + c.neutral, 0), tags);
      }),
      { numRuns: 800 },
    );
  });
});
