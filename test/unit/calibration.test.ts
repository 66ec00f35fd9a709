import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import {
  alphaFromUnits,
  alphas,
  calibrationReport,
  compareText,
  csvField,
  feedbackRows,
  kitRubricResolver,
  krippendorffAlpha,
  normalizeKey,
  placement,
  reportCsv,
  reportRowsOfFile,
  ReportState,
  reportText,
  type CalibrationReport,
  type CalibrationRow,
} from '../../src/core/calibration';
import { callbackKitReader, loadBuiltInKit } from '../../src/core/kit/loader';
import type { LoadedKit } from '../../src/core/kit/types';
import { CoincidenceCounts } from '../../src/core/calibration/alpha';
import { ROOT, fill } from '../fixtures/feedback/fill';

const DIMS = ['a', 'b', 'c', 'd', 'e'];
const OPTIONS = { windowDays: 14, minN: 5 };

/** A row with the fields the statistics read; scores default to the weighted score rounded on every dimension. */
function row(o: Partial<CalibrationRow> & { file: string; w?: number | null; s?: (number | null)[] }): CalibrationRow {
  const w = o.w === undefined ? 3 : o.w;
  const s = o.s ?? DIMS.map(() => (w === null ? null : Math.round(w)));
  return {
    file: o.file,
    index: o.index ?? 0,
    line: o.line ?? 8,
    candidate: o.candidate ?? 'Ada Lovelace',
    candidateKey: normalizeKey(o.candidate ?? 'Ada Lovelace'),
    interviewer: o.interviewer ?? 'Alice',
    date: o.date === undefined ? '2024-03-01' : o.date,
    problem: o.problem === undefined ? 'URL Shortener' : o.problem,
    level: o.level ?? null,
    rubricKey: o.rubricKey ?? 'builtin@1',
    scores: Object.fromEntries(DIMS.map((d, i) => [d, s[i]])),
    weightedScore: w,
    band: o.band === undefined ? (w === null ? null : w >= 2.8 ? 'hire' : 'no-hire') : o.band,
    recommendation: o.recommendation ?? null,
    errors: o.errors ?? 0,
    warnings: o.warnings ?? 0,
    submitted: o.submitted ?? null,
    editedAfterSubmit: o.editedAfterSubmit ?? false,
  };
}

const near = (actual: number | null, expected: number, what: string) => {
  assert.ok(actual !== null, `${what} is null`);
  assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} is not ${expected}`);
};
const interviewer = (r: CalibrationReport, name: string) => {
  const i = r.interviewers.find((x) => x.name === name);
  assert.ok(i, `no interviewer ${name} in ${r.interviewers.map((x) => x.name).join(', ')}`);
  return i;
};

describe('calibration: Krippendorff\'s alpha', () => {
  // Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), the example with missing
  // data: 4 observers (A-D) x 12 units, values 1-5; published alpha nominal .743, ordinal .815, interval .849.
  const _ = null;
  const A = [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _];
  const B = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3];
  const C = [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _];
  const D = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _];
  const data = A.map((_v, u) => [A[u], B[u], C[u], D[u]]);

  it('reproduces the published nominal, ordinal and interval values of the 2011 worked example', () => {
    assert.strictEqual(krippendorffAlpha(data, 'nominal')!.toFixed(3), '0.743');
    assert.strictEqual(krippendorffAlpha(data, 'ordinal')!.toFixed(3), '0.815');
    assert.strictEqual(krippendorffAlpha(data, 'interval')!.toFixed(3), '0.849');
  });

  it('is the same from the matrix and from the units\' value lists, and leaves units with one value out', () => {
    const units = data.map((u) => u.filter((v): v is number => v !== null));
    for (const m of ['nominal', 'ordinal', 'interval'] as const) assert.strictEqual(alphaFromUnits(units, m), krippendorffAlpha(data, m));
    // Unit 12 has one value: dropping it changes nothing.
    assert.strictEqual(alphaFromUnits(units.slice(0, 11), 'ordinal'), krippendorffAlpha(data, 'ordinal'));
  });

  it('a hand-computed case: 5 units of two raters', () => {
    // Pairs (3,2) (3,3) (4,3) (3,3) (3,1): n_1 = 1, n_2 = 1, n_3 = 7, n_4 = 1, n = 10.
    const units = [[3, 2], [3, 3], [4, 3], [3, 3], [3, 1]];
    // Nominal: 1 - 9 x 6 / (100 - 52) = -0.125.
    near(alphaFromUnits(units, 'nominal'), -0.125, 'nominal');
    // Interval: observed 2x1 + 2x1 + 2x4 = 12, expected 112: 1 - 9 x 12 / 112.
    near(alphaFromUnits(units, 'interval'), 1 - 108 / 112, 'interval');
    // Ordinal: observed 2x16 + 2x16 + 2x25 = 114, expected 1090: 1 - 9 x 114 / 1090.
    near(alphaFromUnits(units, 'ordinal'), 1 - 1026 / 1090, 'ordinal');
  });

  it('property: units added in any order, with others added and taken away again, give the same alphas, bit for bit', () => {
    const anyUnit = fc.array(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(1.5, 2.5, 3.5)), { minLength: 0, maxLength: 6 });
    fc.assert(
      fc.property(fc.array(anyUnit, { maxLength: 30 }), fc.array(anyUnit, { maxLength: 10 }), fc.integer(), (units, passing, seed) => {
        const expected = alphas(units);
        const counts = new CoincidenceCounts();
        // A deterministic shuffle of the units, with the passing ones added first and taken away last.
        const order = units.map((u, i) => ({ u, k: Math.imul(i + 1, seed | 1) >>> 0 })).sort((a, b) => a.k - b.k);
        for (const u of passing) counts.add(u);
        for (const { u } of order) counts.add(u);
        for (const u of [...passing].reverse()) counts.add(u, -1);
        assert.deepStrictEqual(counts.alphas(), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('is 1 for perfect agreement with variation, null without variation or with fewer than two units', () => {
    assert.strictEqual(alphaFromUnits([[1, 1], [3, 3, 3], [2, 2]], 'ordinal'), 1);
    assert.strictEqual(alphaFromUnits([[3, 3], [3, 3]], 'ordinal'), null);
    assert.strictEqual(alphaFromUnits([[1, 4]], 'interval'), null);
    assert.strictEqual(alphaFromUnits([[1], [2], [3]], 'nominal'), null);
    assert.strictEqual(krippendorffAlpha([], 'nominal'), null);
  });
});

describe('calibration: report statistics', () => {
  it('offset with two panelists: each is the difference to the other', () => {
    const r = calibrationReport([row({ file: 'a.md', interviewer: 'Alice', w: 3 }), row({ file: 'b.md', interviewer: 'Bob', w: 2 })], [], OPTIONS);
    assert.deepStrictEqual([interviewer(r, 'Alice').offset, interviewer(r, 'Alice').offsetN], [1, 1]);
    assert.deepStrictEqual([interviewer(r, 'Bob').offset, interviewer(r, 'Bob').offsetN], [-1, 1]);
    assert.strictEqual(interviewer(r, 'Alice').enoughData, false, 'n 1 is below minN 5');
    assert.strictEqual(r.candidates, 1);
  });

  it('offset with four panelists: against the mean of the three others, over two candidates', () => {
    const rows = [
      row({ file: '1a.md', candidate: 'X', interviewer: 'A', w: 3.5 }),
      row({ file: '1b.md', candidate: 'X', interviewer: 'B', w: 3.0 }),
      row({ file: '1c.md', candidate: 'X', interviewer: 'C', w: 2.5 }),
      row({ file: '1d.md', candidate: 'X', interviewer: 'D', w: 2.0 }),
      row({ file: '2a.md', candidate: 'Y', interviewer: 'A', w: 2.0 }),
      row({ file: '2b.md', candidate: 'Y', interviewer: 'B', w: 3.0 }),
    ];
    const r = calibrationReport(rows, [], { windowDays: 14, minN: 2 });
    // A: (3.5 - 2.5) and (2 - 3): mean 0. B: (3 - 8/3) and (3 - 2): mean 2/3. C: 2.5 - 17/6. D: 2 - 3.
    near(interviewer(r, 'A').offset, 0, 'A');
    near(interviewer(r, 'B').offset, (1 / 3 + 1) / 2, 'B');
    near(interviewer(r, 'C').offset, -1 / 3, 'C');
    near(interviewer(r, 'D').offset, -1, 'D');
    assert.deepStrictEqual(r.interviewers.map((i) => [i.name, i.offsetN, i.enoughData]), [['A', 2, true], ['B', 2, true], ['C', 1, false], ['D', 1, false]]);
    near(interviewer(r, 'A').meanWeighted, 2.75, 'A mean');
    assert.strictEqual(r.candidates, 2);
  });

  it('offset when one interviewer scored the same candidate twice: each row against the others only', () => {
    const rows = [row({ file: 'a1.md', interviewer: 'A', w: 3 }), row({ file: 'a2.md', interviewer: 'a ', w: 2 }), row({ file: 'b.md', interviewer: 'B', w: 2 })];
    const r = calibrationReport(rows, [], OPTIONS);
    near(interviewer(r, 'A').offset, 0.5, 'A');
    assert.strictEqual(interviewer(r, 'A').offsetN, 2);
    near(interviewer(r, 'B').offset, -0.5, 'B');
    assert.strictEqual(r.interviewers.length, 2, 'A and "a " are one interviewer, shown as first spelled');
  });

  it('a single interviewer: no offset, no agreement', () => {
    const rows = [row({ file: 'a.md', candidate: 'X', w: 3 }), row({ file: 'b.md', candidate: 'Y', w: 2 }), row({ file: 'c.md', candidate: 'X', w: 2, date: '2024-03-02' })];
    const r = calibrationReport(rows, [], OPTIONS);
    assert.deepStrictEqual([interviewer(r, 'Alice').offset, interviewer(r, 'Alice').offsetN, interviewer(r, 'Alice').n], [null, 0, 3]);
    assert.deepStrictEqual(r.agreement, { units: 0, pairs: 0, exact: null, withinOne: null, alphaOrdinal: null, alphaNominal: null, alphaInterval: null });
  });

  it('ties: equal scores agree exactly, alpha is null without variation, offsets are 0', () => {
    const rows = ['A', 'B', 'C'].map((i, k) => row({ file: `${k}.md`, interviewer: i, w: 3 }));
    const r = calibrationReport(rows, [], OPTIONS);
    assert.strictEqual(r.agreement.units, 5);
    assert.strictEqual(r.agreement.pairs, 15);
    assert.strictEqual(r.agreement.exact, 1);
    assert.strictEqual(r.agreement.withinOne, 1);
    assert.strictEqual(r.agreement.alphaOrdinal, null);
    for (const i of r.interviewers) assert.deepStrictEqual([i.offset, i.offsetN], [0, 1]);
  });

  it('agreement: exact and within-one over pairs by different interviewers, alpha over the (candidate, dimension) units', () => {
    const rows = [
      row({ file: 'a.md', interviewer: 'A', w: 3.2, s: [3, 3, 4, 3, 3] }),
      row({ file: 'b.md', interviewer: 'B', w: 2.5, s: [2, 3, 3, 3, 1] }),
      // Another candidate scored by one interviewer only: not a unit.
      row({ file: 'c.md', candidate: 'Solo', interviewer: 'A', w: 1, s: [1, 1, 1, 1, 1] }),
    ];
    const r = calibrationReport(rows, [], OPTIONS);
    assert.strictEqual(r.agreement.units, 5);
    assert.strictEqual(r.agreement.pairs, 5);
    assert.strictEqual(r.agreement.exact, 0.4);
    assert.strictEqual(r.agreement.withinOne, 0.8);
    near(r.agreement.alphaOrdinal, 1 - 1026 / 1090, 'ordinal');
    near(r.agreement.alphaNominal, -0.125, 'nominal');
  });

  it('same candidate: normalised names, dates chained within the window; no date or no name is its own candidate', () => {
    const rows = [
      row({ file: '1.md', candidate: 'Ada Lovelace', interviewer: 'A', date: '2024-03-01', w: 3 }),
      row({ file: '2.md', candidate: '  ada   LOVELACE ', interviewer: 'B', date: '2024-03-15', w: 2 }), // gap 14: same
      row({ file: '3.md', candidate: 'Ada Lovelace', interviewer: 'C', date: '2024-03-30', w: 4 }), // gap 15: new
      row({ file: '4.md', candidate: 'Ada Lovelace', interviewer: 'D', date: null, w: 1 }),
      row({ file: '5.md', candidate: '', interviewer: 'E', w: 1 }),
    ];
    const r = calibrationReport(rows, [], OPTIONS);
    assert.strictEqual(r.candidates, 4);
    const id = (f: string) => r.rows.find((x) => x.file === f)!.candidateId;
    assert.strictEqual(id('1.md'), id('2.md'));
    assert.notStrictEqual(id('3.md'), id('2.md'));
    assert.deepStrictEqual([interviewer(r, 'A').offset, interviewer(r, 'C').offsetN, interviewer(r, 'D').offsetN], [1, 0, 0]);
    // A wider window chains the third row too: 1-2-3 is one candidate.
    const wide = calibrationReport(rows, [], { windowDays: 15, minN: 5 });
    assert.strictEqual(wide.candidates, 3);
    // A zero window keeps only same-day rows together.
    assert.strictEqual(calibrationReport(rows, [], { windowDays: 0, minN: 5 }).candidates, 5);
  });

  it('rows without every score are listed, not counted; per dimension means and counts; per problem figures', () => {
    const rows = [
      row({ file: 'a.md', interviewer: 'A', w: 3.2, s: [3, 3, 4, 3, 3], problem: 'Chat' }),
      row({ file: 'b.md', interviewer: 'B', w: 2.5, s: [2, 3, 3, 3, 1], problem: 'chat ' }),
      row({ file: 'c.md', interviewer: 'C', w: null, s: [4, 4, null, 4, 4], problem: 'Feed' }),
    ];
    const r = calibrationReport(rows, [], OPTIONS);
    assert.strictEqual(r.rows.length, 3);
    assert.deepStrictEqual(r.rows.map((x) => x.counted), [true, true, false]);
    assert.deepStrictEqual(r.dimensions.map((d) => [d.id, d.n, d.mean]), [['a', 2, 2.5], ['b', 2, 3], ['c', 2, 3.5], ['d', 2, 3], ['e', 2, 2]]);
    // Every dimension counts the same score values: those of the scale that occur (1-4 here).
    assert.deepStrictEqual(r.dimensions[0].counts, { 1: 0, 2: 1, 3: 1, 4: 0 });
    assert.deepStrictEqual(r.problems.map((p) => [p.title, p.n, p.meanWeighted]), [['Chat', 2, 2.85], ['Feed', 0, null]]);
    assert.deepStrictEqual(r.problems[0].distribution, { '2.5': 1, '3.0': 1 });
    assert.deepStrictEqual(interviewer(r, 'C'), { ...interviewer(r, 'C'), n: 0, rows: 1, meanWeighted: null });
  });

  it('share of recommendations that differ from the band', () => {
    const rows = [
      row({ file: 'a.md', w: 3.2, band: 'hire', recommendation: 'hire' }),
      row({ file: 'b.md', candidate: 'B', w: 3.2, band: 'hire', recommendation: 'strong-hire' }),
      row({ file: 'c.md', candidate: 'C', w: 3.2, band: 'hire' }),
    ];
    assert.strictEqual(calibrationReport(rows, [], OPTIONS).interviewers[0].recommendationDiffers, 0.5);
  });

  it('never mixes rubrics: one group per rubric key, the top level is the one with the most rows', () => {
    const rows = [
      row({ file: 'a.md', interviewer: 'A', w: 3 }),
      row({ file: 'b.md', interviewer: 'B', w: 2 }),
      row({ file: 'c.md', interviewer: 'C', w: 4, rubricKey: 'team@2' }),
    ];
    const r = calibrationReport(rows, [], OPTIONS);
    assert.strictEqual(r.rubric, 'builtin@1');
    assert.deepStrictEqual(r.groups.map((g) => [g.rubric, g.rowCount]), [['builtin@1', 2], ['team@2', 1]]);
    // C scored the same candidate under another rubric: no offset for anyone across rubrics.
    assert.deepStrictEqual([interviewer(r, 'A').offset, r.agreement.units], [1, 5]);
    assert.deepStrictEqual(r.groups[1].interviewers.map((i) => [i.name, i.offsetN]), [['C', 0]]);
  });

  it('placement: percentile among the same problem (ties count half), and the interviewer offset', () => {
    const peers = [2, 3, 3, 4].map((w, k) => row({ file: `p${k}.md`, candidate: `P${k}`, interviewer: 'B', w, date: `2024-02-0${k + 1}` }));
    const me = row({ file: 'me.md', candidate: 'Me', interviewer: 'A', w: 3 });
    const other = row({ file: 'other.md', candidate: 'O', w: 1, problem: 'Chat' });
    const r = calibrationReport([...peers, me, other], [], OPTIONS);
    assert.deepStrictEqual(placement(r, me), { percentile: 50, n: 4, offset: null, offsetN: 0 });
    // Only the 2 most recent peers (dates 02-04 and 02-03: 4 and 3).
    const recent = calibrationReport([...peers, me], [], { ...OPTIONS, recent: 2 });
    assert.deepStrictEqual(placement(recent, me), { percentile: 25, n: 2, offset: null, offsetN: 0 });
    assert.deepStrictEqual(placement(r, other), { percentile: null, n: 0, offset: null, offsetN: 0 });
  });

  it('property: the order of the files changes no figure', () => {
    const anyRow = fc.record({
      candidate: fc.constantFrom('Ada', 'ada ', 'Linus', 'Grace', ''),
      interviewer: fc.constantFrom('A', 'a', 'B', 'C', 'D', ''),
      day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
      s: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 8 }), { minLength: 5, maxLength: 5 }),
      problem: fc.constantFrom('Chat', 'chat', 'Feed', null),
      rubricKey: fc.constantFrom('builtin@1', 'builtin@1', 'team@2'),
    });
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 30 }), fc.integer(), (specs, seed) => {
        const rows = specs.map((x, k) => {
          const w = x.s.every((v) => v !== null) ? x.s.reduce<number>((a, b, i) => a + (b ?? 0) * [30, 25, 20, 15, 10][i], 0) / 100 : null;
          return row({ file: `f${k}.md`, candidate: x.candidate, interviewer: x.interviewer, date: x.day === null ? null : `2024-02-${String(x.day).padStart(2, '0')}`, s: x.s, w, problem: x.problem, rubricKey: x.rubricKey });
        });
        const unreadable = [{ file: 'u1.md', error: 'e1' }, { file: 'u2.md', error: 'e2' }];
        const shuffled = [...rows];
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (Math.imul(s, 1103515245) + 12345) | 0;
          const j = Math.abs(s) % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
        }
        const a = calibrationReport(rows, unreadable, OPTIONS);
        // Copies: the report keeps its work per row object, and this compares two computations.
        const b = calibrationReport(shuffled.map((r) => ({ ...r })), [...unreadable].reverse(), OPTIONS);
        assert.deepStrictEqual(b, a);
        assert.strictEqual(reportCsv(b), reportCsv(a));
      }),
      { numRuns: 200 },
    );
  });

  it('property: a report after rows changed (as the editor\'s model keeps them) equals one computed afresh', () => {
    const anyRow = fc.record({
      candidate: fc.constantFrom('Ada', 'ada ', 'Linus', 'Grace', ''),
      interviewer: fc.constantFrom('A', 'a', 'B', 'C', ''),
      day: fc.option(fc.integer({ min: 1, max: 28 }), { nil: null }),
      s: fc.array(fc.option(fc.integer({ min: 1, max: 4 }), { nil: null, freq: 8 }), { minLength: 5, maxLength: 5 }),
      rubricKey: fc.constantFrom('builtin@1', 'builtin@1', 'team@2'),
    });
    const make = (x: { candidate: string; interviewer: string; day: number | null; s: (number | null)[]; rubricKey: string }, k: number) => {
      const w = x.s.every((v) => v !== null) ? x.s.reduce<number>((a, b, i) => a + (b ?? 0) * [30, 25, 20, 15, 10][i], 0) / 100 : null;
      return row({ file: `f${String(k).padStart(2, '0')}.md`, candidate: x.candidate, interviewer: x.interviewer, date: x.day === null ? null : `2024-02-${String(x.day).padStart(2, '0')}`, s: x.s, w, problem: 'Chat', rubricKey: x.rubricKey });
    };
    // A change: a row replaced by a new object, added or taken away (a file saved, created or
    // deleted), the window moved, or the dimensions' order changed.
    const anyChange = fc.oneof(
      fc.record({ kind: fc.constant('row' as const), at: fc.nat(), spec: anyRow }),
      fc.record({ kind: fc.constant('add' as const), at: fc.nat(), spec: anyRow }),
      fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('reverse' as const) }),
      fc.record({ kind: fc.constant('window' as const), days: fc.integer({ min: 0, max: 20 }) }),
      fc.record({ kind: fc.constant('dims' as const), reversed: fc.boolean() }),
    );
    const info = (reversed: boolean) => {
      const dims = DIMS.map((id, i) => ({ id, name: id.toUpperCase(), weight: [30, 25, 20, 15, 10][i] }));
      return { key: 'builtin@1', dimensions: reversed ? dims.reverse() : dims, scale: { min: 1, max: 4 }, bands: [] };
    };
    fc.assert(
      fc.property(fc.array(anyRow, { minLength: 1, maxLength: 24 }), fc.array(anyChange, { maxLength: 12 }), (specs, changes) => {
        const rows = specs.map(make);
        let options = { ...OPTIONS, rubrics: { 'builtin@1': info(false) } };
        let added = 50;
        const state = new ReportState();
        calibrationReport(rows, [], options, state);
        for (const c of changes) {
          if (c.kind === 'row') rows[c.at % rows.length] = make(c.spec, c.at % rows.length);
          else if (c.kind === 'add') rows.splice(c.at % (rows.length + 1), 0, make(c.spec, added++));
          else if (c.kind === 'remove') {
            if (rows.length > 1) rows.splice(c.at % rows.length, 1);
          } else if (c.kind === 'window') options = { ...options, windowDays: c.days };
          else if (c.kind === 'dims') options = { ...options, rubrics: { 'builtin@1': info(c.reversed) } };
          // The editor's model passes its rows in order (an array of its own each time); other callers may not.
          const input = c.kind === 'reverse' ? [...rows].reverse() : c.kind === 'row' && c.at % 3 === 0 ? rows : [...rows].sort((a, b) => compareText(a.file, b.file) || a.index - b.index);
          const kept = calibrationReport(input, [], options, state);
          const fresh = calibrationReport(input.map((r) => ({ ...r })), [], options);
          assert.deepStrictEqual(kept, fresh);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('calibration: the state a report keeps', () => {
  /** A deep-frozen copy: a report that writes into its input throws (module code is strict). */
  const frozen = <T>(x: T): T => {
    if (x && typeof x === 'object') {
      for (const v of Object.values(x)) frozen(v);
      Object.freeze(x);
    }
    return x;
  };

  it('leaves the rows it is given as they are, and a report\'s rows as it made them when a later report renumbers the candidates', () => {
    // Ada on 1 and 20 March: two candidates (the window is 14 days) until a row of 10 March chains them into one.
    const first = frozen(row({ file: 'a.md', interviewer: 'A', date: '2024-03-01' }));
    const last = frozen(row({ file: 'c.md', interviewer: 'B', date: '2024-03-20' }));
    const between = frozen(row({ file: 'b.md', interviewer: 'C', date: '2024-03-10' }));
    const state = new ReportState();
    const before = calibrationReport([first, last], [], OPTIONS, state);
    assert.deepStrictEqual(before.rows.map((r) => r.candidateId), [0, 1]);
    const after = calibrationReport([first, between, last], [], OPTIONS, state);
    assert.deepStrictEqual(after.rows.map((r) => r.candidateId), [0, 0, 0]);
    assert.strictEqual(after.candidates, 1);
    assert.deepStrictEqual(before.rows.map((r) => r.candidateId), [0, 1]);
    assert.strictEqual(before.candidates, 2);
  });

  it('finds the rows of one file in a report, and none for a file it has no row of', () => {
    const rows = ['b.md', 'a.md.bak', 'a.md', 'a.md', 'c/a.md'].map((file, k) => row({ file, index: k }));
    const report = calibrationReport(rows, [{ file: 'u.md', error: 'e' }], OPTIONS);
    assert.deepStrictEqual(reportRowsOfFile(report, 'a.md').map((r) => [r.file, r.index]), [['a.md', 2], ['a.md', 3]]);
    assert.strictEqual(reportRowsOfFile(report, 'a.md')[0], report.rows[0]);
    assert.deepStrictEqual(reportRowsOfFile(report, 'c/a.md').map((r) => r.index), [4]);
    assert.deepStrictEqual(reportRowsOfFile(report, 'a'), []);
    assert.deepStrictEqual(reportRowsOfFile(report, 'u.md'), []);
    assert.deepStrictEqual(reportRowsOfFile(report, 'z.md'), []);
  });
});

describe('calibration: names and text', () => {
  it('normalises names for grouping: case-folded, whitespace collapsed (tabs, line breaks), trimmed', () => {
    assert.strictEqual(normalizeKey('  Ada\t LOVELACE\n'), 'ada lovelace');
    assert.strictEqual(normalizeKey('Ada Lovelace'), 'ada lovelace');
    assert.strictEqual(normalizeKey('ÉLODIE  Ñ'), 'élodie ñ');
    assert.strictEqual(normalizeKey(''), '');
  });

  it('text: offsets signed with two decimals, no "−0.00", "not enough data" below minN', () => {
    const rows = [row({ file: 'a.md', interviewer: 'A', w: 3 }), row({ file: 'b.md', interviewer: 'B', w: 3 }), row({ file: 'c.md', candidate: 'Y', interviewer: 'A', w: 3.5 }), row({ file: 'd.md', candidate: 'Y', interviewer: 'B', w: 2.5 })];
    const t = reportText(calibrationReport(rows, [], { windowDays: 14, minN: 2 }));
    assert.match(t, /^ {2}A {3,}2 +3\.25 {2}\+0\.50 \(n=2\)$/m);
    assert.match(t, /^ {2}B {3,}2 +2\.75 {2}−0\.50 \(n=2\)$/m);
    // -0.004 and +0.004 both print 0.00.
    const zero = reportText(calibrationReport([row({ file: 'a.md', interviewer: 'A', w: 2.996 }), row({ file: 'b.md', interviewer: 'B', w: 3 })], [], { windowDays: 14, minN: 1 }));
    assert.match(zero, /^ {2}A {3,}1 +3\.00 {2}0\.00 \(n=1\)$/m);
    assert.match(zero, /^ {2}B {3,}1 +3\.00 {2}0\.00 \(n=1\)$/m);
    assert.match(reportText(calibrationReport(rows, [], OPTIONS)), /^ {2}A {3,}2 +3\.25 {2}not enough data \(n=2 < 5\)$/m);
  });
});

describe('calibration: CSV', () => {
  it('quotes commas, quotes, line breaks and edge spaces; guards formulas; CRLF lines', () => {
    assert.strictEqual(csvField('Ada, Countess'), '"Ada, Countess"');
    assert.strictEqual(csvField('Ada "The" Countess'), '"Ada ""The"" Countess"');
    assert.strictEqual(csvField('two\nlines'), '"two\nlines"');
    assert.strictEqual(csvField(' padded'), '" padded"');
    assert.strictEqual(csvField('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.strictEqual(csvField('-1'), "'-1");
    assert.strictEqual(csvField(-1), '-1');
    assert.strictEqual(csvField(null), '');
    const r = calibrationReport([row({ file: 'x,y.md', candidate: 'Lovelace, "Ada"', w: 3 })], [], OPTIONS);
    const lines = reportCsv(r).split('\r\n');
    assert.strictEqual(lines[0], 'file,feedback,line,candidate,interviewer,date,problem,level,rubric,a,b,c,d,e,weightedScore,band,recommendation,errors,warnings,counted');
    assert.strictEqual(lines[1], '"x,y.md",1,9,"Lovelace, ""Ada""",Alice,2024-03-01,URL Shortener,,builtin@1,3,3,3,3,3,3,hire,,0,0,true');
    assert.strictEqual(lines[2], '');
  });

  it('exports names as the table shows them: runs of white space collapsed, trimmed (issue 23)', () => {
    const r = calibrationReport([row({ file: 'a.md', candidate: ' CANDIDATE   W22\t', interviewer: 'Grace  Hopper', problem: 'URL\u00a0 Shortener', w: 3 })], [], OPTIONS);
    const fields = reportCsv(r).split('\r\n')[1].split(',');
    assert.deepStrictEqual([fields[3], fields[4], fields[6]], ['CANDIDATE W22', 'Grace Hopper', 'URL Shortener']);
  });
});

describe('calibration: rows from feedback files', () => {
  let builtIn: LoadedKit;
  before(() => {
    const dir = path.join(ROOT, 'content');
    builtIn = loadBuiltInKit(callbackKitReader(dir, (f) => fs.readFileSync(path.join(dir, ...f.split('/')), 'utf8')));
  });

  it('reads one row per feedback with the header fields, scores, weighted score, band, recommendation and counts', () => {
    const text = fill({ candidate: 'Ada, "The" Countess', interviewer: 'Grace Hopper', date: '2024-03-15', problem: 'URL Shortener', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] });
    const { rows, error } = feedbackRows('a.md', '\uFEFF' + text, kitRubricResolver([builtIn]));
    assert.strictEqual(error, undefined);
    assert.strictEqual(rows.length, 1);
    const r = rows[0];
    assert.deepStrictEqual(
      { ...r, scores: Object.values(r.scores) },
      {
        file: 'a.md', index: 0, line: text.split('\n').findIndex((l) => l.includes('Scores (Weighted)')),
        candidate: 'Ada, "The" Countess', candidateKey: 'ada, "the" countess', interviewer: 'Grace Hopper', date: '2024-03-15', problem: 'URL Shortener', level: null,
        rubricKey: 'builtin@1', scores: [3, 3, 4, 3, 3], weightedScore: 3.2, band: 'hire', recommendation: 'hire', errors: 0, warnings: 0,
        submitted: null, editedAfterSubmit: false,
      },
    );
  });

  it('weightedScore is null unless every dimension holds a valid score; errors are counted; an invalid date is null', () => {
    const text = fill({ scores: [3, 3, 'five', 3, 3], date: '2024-02-30' });
    const [r] = feedbackRows('b.md', text, kitRubricResolver([builtIn])).rows;
    assert.strictEqual(r.weightedScore, null);
    assert.strictEqual(r.scores['distributed-systems-knowledge'] ?? Object.values(r.scores)[2], null);
    assert.strictEqual(r.errors, 1, 'score-invalid');
    assert.ok(r.warnings >= 1, `date-invalid is a warning: ${r.warnings}`);
    assert.strictEqual(r.date, null);
  });

  it('a file with two feedbacks gives two rows; a Markdown file that is no feedback gives none; an unknown kit is an error', () => {
    const one = fill({ candidate: 'X', interviewer: 'A', scores: [3, 3, 3, 3, 3] });
    const two = fill({ candidate: 'X', interviewer: 'B', scores: [2, 2, 2, 2, 2] });
    const both = `# Panel\n\n${one.replace(/^## /m, '## ')}\n${two}`;
    const rows = feedbackRows('p.md', both, kitRubricResolver([builtIn])).rows;
    assert.deepStrictEqual(rows.map((r) => [r.index, r.interviewer, r.weightedScore]), [[0, 'A', 3], [1, 'B', 2]]);
    assert.ok(rows[1].line > rows[0].line);
    assert.deepStrictEqual(feedbackRows('README.md', '# Hiring\n\nNotes.\n', kitRubricResolver([builtIn])), { rows: [] });
    const unknown = feedbackRows('k.md', `<!-- sdi-kit: kit=acme rubric=2 -->\n${one}`, kitRubricResolver([builtIn]));
    assert.deepStrictEqual(unknown.rows, []);
    assert.match(unknown.error!, /kit "acme"/);
  });
});
