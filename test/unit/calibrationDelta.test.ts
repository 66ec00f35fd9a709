import * as assert from 'assert';
import * as fc from 'fast-check';
import {
  applyRowsDelta, reportFigures, rowKey, rowKeysByFile, rowsDelta, sortedIndex, updateSorted,
  type CalibrationReport, type ReportRow,
} from '../../src/core/calibration';

/** A report row with what the delta reads (file, index) and a value to tell versions apart. */
function row(file: string, index: number, w: number | null = 3): ReportRow {
  return {
    file, index, line: 10 * index, candidate: 'C', candidateKey: 'c', interviewer: 'I', date: null, problem: null, level: null,
    rubricKey: 'builtin@1', scores: {}, weightedScore: w, band: null, recommendation: null, errors: 0, warnings: 0,
    submitted: null, editedAfterSubmit: false, candidateId: null, counted: w !== null,
  };
}

const byKey = (rows: ReportRow[]) => new Map(rows.map((r) => [rowKey(r), r]));
/** A file's rows among `rows`, as the editor's model gives them. */
const rowsIn = (rows: ReportRow[]) => (file: string) => rows.filter((r) => r.file === file);

describe('calibration: the report delta', () => {
  it('upserts the changed files\' rows and removes their keys that are gone, nothing else', () => {
    const before = [row('a.md', 0, 3), row('b.md', 0, 2), row('b.md', 1, 2), row('c.md', 0, 4)];
    // b.md lost its second feedback and changed its first; a.md is new text with the same row; d.md is new; c.md deleted.
    const after = [row('a.md', 0, 3), row('b.md', 0, 1), row('d.md', 0, 2)];
    const d = rowsDelta(rowKeysByFile(before), rowsIn(after), ['b.md', 'c.md', 'd.md']);
    assert.deepStrictEqual(d.upserts.map(rowKey), [rowKey(after[1]), rowKey(after[2])]);
    assert.deepStrictEqual(d.removed.sort(), [rowKey(before[2]), rowKey(before[3])].sort());
    assert.deepStrictEqual([...d.keys], [['b.md', [rowKey(after[1])]], ['c.md', []], ['d.md', [rowKey(after[2])]]]);

    const held = byKey(before);
    const { left, came } = applyRowsDelta(held, d);
    assert.deepStrictEqual([...held.keys()].sort(), after.map(rowKey).sort());
    assert.strictEqual(held.get(rowKey(after[1]))!.weightedScore, 1);
    assert.deepStrictEqual(left, [before[2], before[3], before[1]], 'the removed rows, then the replaced one');
    assert.deepStrictEqual(came, [after[1], after[2]]);
  });

  it('applying the delta of the files that changed turns the old rows into the new ones (property)', () => {
    const rowsArb = fc.uniqueArray(fc.record({ f: fc.constantFrom('a.md', 'b.md', 'c.md', 'd.md', 'e.md'), i: fc.nat(3), w: fc.option(fc.integer({ min: 1, max: 4 })) }), { selector: (x) => `${x.f}#${x.i}`, maxLength: 14 })
      .map((xs) => xs.map((x) => row(x.f, x.i, x.w)));
    fc.assert(fc.property(rowsArb, rowsArb, (before, after) => {
      const sig = (rows: ReportRow[], f: string) => JSON.stringify(rows.filter((r) => r.file === f).map((r) => [r.index, r.weightedScore]).sort());
      const files = new Set([...before, ...after].map((r) => r.file));
      const changed = [...files].filter((f) => sig(before, f) !== sig(after, f));
      const held = byKey(before);
      applyRowsDelta(held, rowsDelta(rowKeysByFile(before), rowsIn(after), changed));
      assert.deepStrictEqual([...held.keys()].sort(), after.map(rowKey).sort());
      for (const r of after) assert.strictEqual(held.get(rowKey(r))!.weightedScore, r.weightedScore);
    }));
  });

  it('the figures are the report without its rows', () => {
    const report = { files: 1, unreadable: [], rows: [row('a.md', 0)], rubric: null, options: { windowDays: 14, minN: 5, recent: 50 }, candidates: 0, interviewers: [], dimensions: [], problems: [], agreement: { units: 0, pairs: 0, exact: null, withinOne: null, alphaOrdinal: null, alphaNominal: null, alphaInterval: null }, groups: [] } satisfies CalibrationReport;
    const figures = reportFigures(report);
    assert.ok(!('rows' in figures));
    assert.deepStrictEqual({ ...figures, rows: report.rows }, report);
  });

  it('a sorted list moved by a delta equals the list sorted again, filter kept (property)', () => {
    const cmp = (a: ReportRow, b: ReportRow) => (a.weightedScore ?? 99) - (b.weightedScore ?? 99) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.index - b.index);
    const keep = (r: ReportRow) => r.weightedScore !== 2;
    const rowsArb = fc.uniqueArray(fc.record({ f: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), i: fc.nat(4), w: fc.option(fc.integer({ min: 1, max: 4 })) }), { selector: (x) => `${x.f}#${x.i}`, maxLength: 25 })
      .map((xs) => xs.map((x) => row(x.f, x.i, x.w)));
    fc.assert(fc.property(rowsArb, rowsArb, (before, after) => {
      const changed = new Set([...before, ...after].map((r) => r.file));
      const held = byKey(before);
      const list = [...held.values()].filter(keep).sort(cmp);
      const { left, came } = applyRowsDelta(held, rowsDelta(rowKeysByFile(before), rowsIn(after), changed));
      updateSorted(list, left, came, cmp, keep);
      assert.deepStrictEqual(list, [...held.values()].filter(keep).sort(cmp));
    }));
  });

  it('sortedIndex finds the first place not before the item', () => {
    const n = (a: number, b: number) => a - b;
    assert.strictEqual(sortedIndex([], 5, n), 0);
    assert.strictEqual(sortedIndex([1, 3, 3, 7], 3, n), 1);
    assert.strictEqual(sortedIndex([1, 3, 3, 7], 4, n), 3);
    assert.strictEqual(sortedIndex([1, 3, 3, 7], 9, n), 4);
  });
});
