import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { checkLoop, loopIssues, loopKit, loopSettings, planLoop, readLoop, LOOP_ISSUE_CODE_LIST, type LoopHistoryEntry, type LoopIssue } from '../../src/core/loop';
import { builtInKit, loadExample, replaceIn, ROOT } from '../fixtures/kits/memoryKit';

const EXAMPLE = `candidate: Priya Raman
date: 2026-12-10
interviews:
  - interviewer: Alex Chen
    problem: rate-limiter
    focus: [architecture, scalability, problem-framing]
    date: 2026-12-11
  - interviewer: Sam Okafor
    problem: collaborative-editor
    focus: [reliability, data-modeling, communication, architecture]
  - interviewer: Mei Lin
    problem: global-social-media-feed
    focus: [scalability, reliability, data-modeling, communication, problem-framing, architecture]
`;

const kits = () => {
  const builtIn = builtInKit();
  const example = loadExample();
  return { builtIn, example, all: [builtIn, example] };
};
const show = (issues: LoopIssue[]) => issues.map((i) => `${i.code} ${i.range ? `${i.range.start.line + 1}:${i.range.start.character + 1}` : '-'} ${i.message}`).join('\n');
const codes = (issues: LoopIssue[]) => issues.map((i) => i.code);

describe('interview loops (*.loop.yaml)', () => {
  describe('reading', () => {
    it('reads the documented example, interviews without a date taking the loop\'s', () => {
      const loop = readLoop('priya.loop.yaml', EXAMPLE);
      assert.deepStrictEqual(loop.issues, []);
      assert.strictEqual(loop.plan?.candidate, 'Priya Raman');
      assert.strictEqual(loop.plan?.date, '2026-12-10');
      assert.deepStrictEqual(loop.plan?.interviews.map((i) => i.date), ['2026-12-11', '2026-12-10', '2026-12-10']);
      assert.deepStrictEqual(loop.plan?.interviews[0].focus, ['architecture', 'scalability', 'problem-framing']);
    });

    it('locates a schema finding at its node: a missing candidate, a date that is no date, a focus left empty', () => {
      const text = EXAMPLE.replace('candidate: Priya Raman\n', '').replace('date: 2026-12-10', 'date: 2026-02-30').replace('focus: [architecture, scalability, problem-framing]', 'focus: []');
      const loop = readLoop('x.loop.yaml', text);
      assert.strictEqual(loop.plan, undefined);
      assert.ok(loop.issues.every((i) => i.code === 'loop-invalid' && i.severity === 'error'), show(loop.issues));
      const byPath = new Map(loop.issues.map((i) => [i.path, i]));
      assert.ok(byPath.has('candidate'), show(loop.issues));
      assert.strictEqual(byPath.get('date')?.range?.start.line, 0, show(loop.issues));
      assert.match(byPath.get('date')!.message, /^date: must be a date written YYYY-MM-DD/);
      assert.strictEqual(byPath.get('interviews[0].focus')?.range?.start.line, 4, show(loop.issues));
    });

    it('refuses more than 12 interviews and an unknown field, at their place', () => {
      const many = `candidate: A\ndate: 2026-01-01\nteam: x\ninterviews:\n${Array.from({ length: 13 }, (_, i) => `  - { interviewer: I${i}, problem: p, focus: [a] }`).join('\n')}\n`;
      const loop = readLoop('many.loop.yaml', many);
      assert.deepStrictEqual(loop.issues.map((i) => i.path).sort(), ['', 'interviews'], show(loop.issues));
      assert.ok(loop.issues.some((i) => /at most 12 interviews/.test(i.message)), show(loop.issues));
      assert.ok(loop.issues.some((i) => /team/.test(i.message) && i.range?.start.line === 2), show(loop.issues));
    });

    it('gives a YAML syntax error, an alias bomb and a file over 64 KiB (5 MB, 10,000 interviews) one finding each, never a throw', () => {
      const syntax = readLoop('s.loop.yaml', 'candidate: [unclosed\ndate: 2026-01-01\n');
      assert.ok(syntax.issues.length >= 1 && syntax.issues.every((i) => i.code === 'loop-yaml-syntax'), show(syntax.issues));
      assert.ok(syntax.issues[0].range, 'located');
      const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`);
      const aliases = readLoop('b.loop.yaml', `${bomb.join('\n')}\n`);
      assert.strictEqual(aliases.plan, undefined);
      assert.ok(aliases.issues.some((i) => i.code === 'loop-yaml-syntax' && /alias/i.test(i.message)), show(aliases.issues));
      for (const text of [`candidate: ${'x'.repeat(5 * 1024 * 1024)}\n`, `interviews:\n${'  - { interviewer: I, problem: p, focus: [a] }\n'.repeat(10_000)}`]) {
        const huge = readLoop('h.loop.yaml', text);
        assert.deepStrictEqual(codes(huge.issues), ['loop-invalid']);
        assert.match(huge.issues[0].message, /^is over 64 KiB \(a loop plans at most 12 interviews\); it is not read$/);
      }
    });

    it('every code has a summary', () => {
      assert.deepStrictEqual(LOOP_ISSUE_CODE_LIST.filter((c) => !c.startsWith('loop-')), []);
    });
  });

  describe('checks against the kit', () => {
    it('the complete example of docs/loops.md reads and checks clean against the example kit', () => {
      const doc = fs.readFileSync(path.join(ROOT, 'docs/loops.md'), 'utf8');
      const example = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
      const { all, example: kit } = kits();
      const loop = readLoop('docs.loop.yaml', example);
      assert.strictEqual(loop.plan?.kit, 'acme-backend');
      assert.deepStrictEqual(loopIssues(loop, loopKit(loop.plan.kit, all, kit), []), []);
    });

    it('the example loop against the example kit (with the built-in guide beside it) is clean', () => {
      const { all, example } = kits();
      const issues = loopIssues(readLoop('p.loop.yaml', EXAMPLE), loopKit(undefined, all, example), []);
      assert.deepStrictEqual(issues, [], show(issues));
    });

    it('names an unknown problem and an unknown focus dimension at their node, with the known ids', () => {
      const { all, example } = kits();
      const loop = readLoop('p.loop.yaml', EXAMPLE.replace('problem: rate-limiter', 'problem: rate-limitr').replace('focus: [architecture, scalability', 'focus: [architecture, scalabilty'));
      const issues = checkLoop(loop, loopKit(undefined, all, example), []);
      const unknown = issues.filter((i) => i.code !== 'loop-coverage');
      assert.deepStrictEqual(codes(unknown), ['loop-problem-unknown', 'loop-dimension-unknown'], show(issues));
      assert.strictEqual(unknown[0].range?.start.line, 4);
      assert.match(unknown[0].message, /^interviews\[0\]\.problem: "rate-limitr" is not a problem of the kit acme-backend \(did you mean rate-limiter\?\)/);
      assert.strictEqual(unknown[1].path, 'interviews[0].focus[1]');
      assert.strictEqual(unknown[1].range?.start.line, 5);
      assert.deepStrictEqual(unknown.map((i) => i.severity), ['error', 'error']);
    });

    it('without a kit in the workspace, the built-in guide\'s problems and dimensions apply', () => {
      const { all, builtIn } = kits();
      const loop = readLoop('p.loop.yaml', EXAMPLE);
      const issues = checkLoop(loop, loopKit(undefined, [builtIn], undefined), []);
      const dims = builtIn.rubric!.rubric.dimensions.map((d) => d.id);
      assert.ok(issues.some((i) => i.code === 'loop-problem-unknown' && /rate-limiter/.test(i.message)), show(issues));
      assert.strictEqual(issues.filter((i) => i.code === 'loop-coverage').length, dims.length, show(issues));
      assert.strictEqual(loopKit('acme-backend', [builtIn], undefined), undefined);
      assert.strictEqual(loopKit('acme-backend', all, undefined)?.id, 'acme-backend');
    });

    it('a kit id that is not loaded is one loop-kit-unknown on `kit`', () => {
      const loop = readLoop('p.loop.yaml', `kit: acme-frontend\n${EXAMPLE}`);
      const issues = checkLoop(loop, undefined, []);
      assert.deepStrictEqual(codes(issues), ['loop-kit-unknown']);
      assert.strictEqual(issues[0].range?.start.line, 0);
    });

    it('warns on an interviewer twice (names compared as the report does) and a problem given twice', () => {
      const { all, example } = kits();
      const text = EXAMPLE.replace('interviewer: Mei Lin', 'interviewer: "  alex   CHEN "').replace('problem: global-social-media-feed', 'problem: rate-limiter');
      const issues = checkLoop(readLoop('p.loop.yaml', text), loopKit(undefined, all, example), []);
      const found = issues.filter((i) => i.code !== 'loop-coverage');
      assert.deepStrictEqual(codes(found), ['loop-interviewer-repeat', 'loop-problem-repeat'], show(issues));
      assert.match(found[0].message, /already has interviews\[0\]/);
      assert.match(found[1].message, /rate-limiter is also the problem of interviews\[0\]/);
      assert.deepStrictEqual(found.map((i) => [i.severity, i.range?.start.line]), [['warning', 10], ['warning', 11]]);
    });

    it('reports each dimension under minCoverage once, on `interviews`; the loop\'s minCoverage beats the kit\'s, the kit\'s the default', () => {
      const { all, example } = kits();
      const loop = readLoop('p.loop.yaml', EXAMPLE);
      const focusCount = (id: string) => loop.plan!.interviews.filter((i) => i.focus.includes(id)).length;
      const kit = loopKit(undefined, all, example)!;
      const dims = kit.dimensions!.map((d) => d.id);
      const at3 = dims.filter((d) => focusCount(d) < 3);
      assert.ok(at3.length > 0 && at3.length < dims.length, 'the example has dimensions on both sides of 3');
      const issues = checkLoop(readLoop('p.loop.yaml', `minCoverage: 3\n${EXAMPLE}`), kit, []);
      assert.deepStrictEqual(issues.map((i) => i.message.match(/\((\S+)\) is in the focus/)?.[1]), at3, show(issues));
      assert.ok(issues.every((i) => i.code === 'loop-coverage' && i.path === 'interviews' && i.range?.start.line === 3), show(issues));
      const kitSays3 = { ...kit, defaults: { minCoverage: 3 } };
      assert.strictEqual(checkLoop(loop, kitSays3, []).length, at3.length);
      assert.deepStrictEqual(loopSettings({}, kitSays3), { minCoverage: 3, disagreement: 2 });
      assert.deepStrictEqual(loopSettings({ minCoverage: 1, disagreement: 1.5 }, kitSays3), { minCoverage: 1, disagreement: 1.5 });
      assert.deepStrictEqual(loopSettings({}), { minCoverage: 2, disagreement: 2 });
    });

    it('reads kit.yaml\'s loop defaults', () => {
      const kit = loadExample((files) => { files['kit.yaml'] = `${replaceIn(files['kit.yaml'], /\s*$/, '')}\nloop: { minCoverage: 3, disagreement: 1.5 }\n`; });
      assert.deepStrictEqual(kit.issues, []);
      assert.deepStrictEqual(loopKit(undefined, [builtInKit(), kit], kit)?.defaults, { minCoverage: 3, disagreement: 1.5 });
    });
  });

  describe('a problem the candidate already had', () => {
    const history: LoopHistoryEntry[] = [
      { file: 'feedback/2025/priya.md', candidateKey: 'priya raman', date: '2025-11-02', problem: 'Design a Rate Limiter' },
      { file: 'feedback/2025/priya-2.md', candidateKey: 'priya raman', date: '2025-11-03', problem: 'RATE-LIMITER' },
      { file: 'feedback/2026/later.md', candidateKey: 'priya raman', date: '2026-12-10', problem: 'rate-limiter' },
      { file: 'feedback/other.md', candidateKey: 'priya ramanathan', date: '2025-01-01', problem: 'rate-limiter' },
      { file: 'feedback/undated.md', candidateKey: 'priya raman', date: null, problem: 'rate-limiter' },
    ];

    it('names the earlier files and dates: same name key, dated before the loop\'s day, the problem by id or title', () => {
      const { all, example } = kits();
      const title = example.problems.find((p) => p.id === 'rate-limiter')!.title;
      const hist = history.map((h, i) => (i === 0 ? { ...h, problem: title.toUpperCase() } : h));
      const issues = checkLoop(readLoop('p.loop.yaml', EXAMPLE), loopKit(undefined, all, example), hist).filter((i) => i.code === 'loop-problem-repeat');
      assert.strictEqual(issues.length, 1, show(issues));
      assert.strictEqual(issues[0].message, 'interviews[0].problem: Priya Raman already had rate-limiter: feedback/2025/priya.md (2025-11-02), feedback/2025/priya-2.md (2025-11-03)');
      assert.strictEqual(issues[0].range?.start.line, 4);
    });

    it('a feedback on the loop\'s day or later, for another name, or undated is not a repeat', () => {
      const { all, example } = kits();
      const issues = checkLoop(readLoop('p.loop.yaml', EXAMPLE), loopKit(undefined, all, example), history.slice(2));
      assert.deepStrictEqual(issues, [], show(issues));
    });
  });
});

describe('New Loop\'s planner', () => {
  const kit = () => {
    const { all, example } = kits();
    return loopKit(undefined, all, example)!;
  };

  it('plans the example: a problem each the candidate has not had, every dimension at minCoverage, and the file reads back clean', () => {
    const k = kit();
    const history: LoopHistoryEntry[] = [{ file: 'old.md', candidateKey: 'priya raman', date: '2025-01-01', problem: 'rate-limiter' }];
    const planned = planLoop({ candidate: ' Priya  Raman ', date: '2026-12-10', interviewers: ['Alex Chen', 'Sam Okafor', 'alex  chen', 'Mei Lin'] }, k, history);
    assert.ok(planned.plan, String(planned.problems));
    assert.strictEqual(planned.plan.candidate, 'Priya Raman');
    assert.deepStrictEqual(planned.plan.interviews.map((i) => i.interviewer), ['Alex Chen', 'Sam Okafor', 'Mei Lin']);
    assert.ok(!planned.plan.interviews.some((i) => i.problem === 'rate-limiter'));
    const loop = readLoop('new.loop.yaml', planned.text);
    assert.deepStrictEqual(loop.plan, planned.plan);
    assert.deepStrictEqual(loopIssues(loop, k, history), []);
  });

  it('says why no loop can be planned: too few interviewers for minCoverage, too few unused problems, no name, a bad date', () => {
    const k = kit();
    assert.deepStrictEqual(planLoop({ candidate: 'A', date: '2026-12-10', interviewers: ['X'] }, k, []).problems,
      ['every dimension must be assessed by 2 interviews (minCoverage), and 1 interviewer was given']);
    const history = k.problems.slice(1).map((p, i) => ({ file: `f${i}.md`, candidateKey: 'a', date: '2026-01-01', problem: p.title }));
    assert.deepStrictEqual(planLoop({ candidate: 'A', date: '2026-12-10', interviewers: ['X', 'Y'] }, k, history).problems,
      [`the kit acme-backend has 1 problem A has not had (${k.problems.length - 1} already given to them) for 2 interviews`]);
    assert.deepStrictEqual(planLoop({ candidate: ' ', date: '2026-13-01', interviewers: [] }, k, []).problems,
      ['the candidate has no name', '"2026-13-01" is not a date written YYYY-MM-DD', 'no interviewer was given']);
    assert.deepStrictEqual(planLoop({ candidate: 'A', date: '2026-12-10', interviewers: ['X', 'Y'] }, { ...k, dimensions: undefined }, []).problems,
      ['the kit acme-backend\'s rubric has errors: fix it first']);
  });

  it('any names, interviewer counts and coverage: a plan that reads back clean, or a reason (property)', () => {
    const k = kit();
    const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0);
    fc.assert(fc.property(name, fc.uniqueArray(name, { minLength: 1, maxLength: 14, selector: (s) => s.trim().replace(/\s+/g, ' ').toLowerCase() }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 4 }),
      (candidate, interviewers, minCoverage, had) => {
        const withCoverage = { ...k, defaults: { minCoverage } };
        const history = k.problems.slice(0, had).map((p, i) => ({ file: `h${i}.md`, candidateKey: candidate.trim().replace(/\s+/g, ' ').toLowerCase(), date: '2026-01-01', problem: p.id }));
        const planned = planLoop({ candidate, date: '2026-12-10', interviewers }, withCoverage, history);
        const feasible = interviewers.length <= 12 && minCoverage <= interviewers.length && k.problems.length - had >= interviewers.length;
        assert.strictEqual(planned.plan !== undefined, feasible, String(planned.problems));
        if (!planned.plan) return;
        const loop = readLoop('p.loop.yaml', planned.text);
        assert.deepStrictEqual(loop.plan, planned.plan, planned.text);
        assert.deepStrictEqual(loopIssues(loop, withCoverage, history), [], planned.text);
      }), { numRuns: 300 });
  });
});
