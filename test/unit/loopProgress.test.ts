import * as assert from 'assert';
import {
  feedbackState, feedbackStateText, interviewFeedback, isFeedbackDue, loopInterviewLabel, loopProgress, loopRecordLine, loopsByStage, loopStage,
  loopSummaryText, readLoopRecord, submittedText, type LoopFeedbackRow, type LoopPlan,
} from '../../src/core/loop';
import { escapeIcons } from '../../src/core/escape';
import { buildLoopsGroup } from '../../src/core/guideTree';
import { fillTemplate } from '../../src/feedback/scaffoldText';

const PLAN: LoopPlan = {
  candidate: 'Priya Raman',
  date: '2026-12-10',
  interviews: [
    { interviewer: 'Alex Chen', problem: 'rate-limiter', focus: ['architecture'], date: '2026-12-10' },
    { interviewer: 'Sam Okafor', problem: 'collaborative-editor', focus: ['reliability'], date: '2026-12-11' },
    { interviewer: 'Mei Lin', problem: 'global-social-media-feed', focus: ['scalability'], date: '2026-12-14' },
  ],
};

function row(o: Partial<LoopFeedbackRow> & { file: string }): LoopFeedbackRow {
  return {
    index: 0, candidateKey: 'priya raman', interviewer: 'Alex Chen', date: '2026-12-10', weightedScore: 3.15, band: 'hire',
    submitted: null, editedAfterSubmit: false, ...o,
  };
}

describe('loops: where a loop stands', () => {
  it('finds an interview\'s feedback by the candidate\'s and interviewer\'s name keys within the window, the closest date first', () => {
    const iv = PLAN.interviews[0];
    const far = row({ file: 'far.md', date: '2026-11-01' });
    const near = row({ file: 'near.md', date: '2026-12-12', interviewer: '  alex   CHEN ' });
    const nearest = row({ file: 'nearest.md', date: '2026-12-09' });
    assert.strictEqual(interviewFeedback('PRIYA  Raman', iv, [far, near], 14)?.file, 'near.md');
    assert.strictEqual(interviewFeedback('Priya Raman', iv, [far, near, nearest], 14)?.file, 'nearest.md');
    assert.strictEqual(interviewFeedback('Priya Raman', iv, [far], 14), undefined, 'outside the window');
    assert.strictEqual(interviewFeedback('Priya Raman', iv, [near], 1), undefined, 'two days off with a window of one');
    assert.strictEqual(interviewFeedback('Priya Raman', iv, [row({ file: 'x.md', interviewer: 'Sam Okafor' })], 14), undefined, 'another interviewer');
    assert.strictEqual(interviewFeedback('Priya Raman', iv, [row({ file: 'x.md', candidateKey: 'ada lovelace' })], 14), undefined, 'another candidate');
    assert.strictEqual(interviewFeedback('Priya Raman', iv, [row({ file: 'x.md', date: null })], 14), undefined, 'no date');
  });

  it('gives each interview a state, and says it as the CodeLens does', () => {
    const iv = PLAN.interviews[0];
    const band = (id: string) => ({ hire: 'Hire' })[id];
    assert.strictEqual(feedbackState(iv, undefined, '2026-12-09'), 'upcoming');
    assert.strictEqual(feedbackState(iv, undefined, '2026-12-10'), 'due');
    const written = row({ file: 'a.md' });
    const submitted = row({ file: 'a.md', submitted: '2026-12-10T17:00:00Z' });
    const edited = row({ file: 'a.md', submitted: '2026-12-10T17:00:00Z', editedAfterSubmit: true });
    assert.strictEqual(feedbackState(iv, written, '2026-12-10'), 'written');
    assert.strictEqual(feedbackState(iv, submitted, '2026-12-10'), 'submitted');
    assert.strictEqual(feedbackState(iv, edited, '2026-12-10'), 'edited');
    const text = (feedback: LoopFeedbackRow | undefined, today = '2026-12-10') => feedbackStateText({ interview: iv, feedback, state: feedbackState(iv, feedback, today) }, band);
    assert.strictEqual(text(undefined), 'due');
    assert.strictEqual(text(undefined, '2026-12-01'), 'after the interview on 2026-12-10');
    assert.strictEqual(text(written), 'written 3.15 · Hire');
    assert.strictEqual(text(submitted), 'submitted 3.15 · Hire');
    assert.strictEqual(text(edited), 'edited after submit');
    assert.strictEqual(text(row({ file: 'a.md', weightedScore: null, band: null })), 'written not scored yet');
  });

  it('says feedback is due for an interview before today without submitted feedback', () => {
    const iv = PLAN.interviews[0];
    assert.strictEqual(isFeedbackDue({ interview: iv }, '2026-12-11'), true);
    assert.strictEqual(isFeedbackDue({ interview: iv }, '2026-12-10'), false, 'the interview is today');
    assert.strictEqual(isFeedbackDue({ interview: iv, feedback: row({ file: 'a.md' }) }, '2026-12-11'), true, 'written, not submitted');
    assert.strictEqual(isFeedbackDue({ interview: iv, feedback: row({ file: 'a.md', submitted: '2026-12-10T17:00:00Z' }) }, '2026-12-11'), false);
    assert.strictEqual(isFeedbackDue({ interview: iv, feedback: row({ file: 'a.md', submitted: '2026-12-10T17:00:00Z', editedAfterSubmit: true }) }, '2026-12-11'), false, 'edited after submit is still submitted');
  });

  it('puts a loop in a stage by its dates and feedback', () => {
    const submittedAll = PLAN.interviews.map((iv, i) => row({ file: `${i}.md`, interviewer: iv.interviewer, date: iv.date, submitted: '2026-12-15T10:00:00Z' }));
    const stage = (rows: LoopFeedbackRow[], today: string) => loopStage(loopProgress(PLAN, rows, 0, today), today);
    assert.strictEqual(stage([], '2026-12-09'), 'upcoming');
    assert.strictEqual(stage([], '2026-12-10'), 'today');
    assert.strictEqual(stage([], '2026-12-11'), 'due', 'Alex Chen\'s interview was yesterday');
    assert.strictEqual(stage(submittedAll.slice(0, 1), '2026-12-11'), 'today', 'Alex submitted; Sam interviews today');
    assert.strictEqual(stage(submittedAll.slice(0, 2), '2026-12-12'), 'upcoming', 'the two past ones submitted, Mei Lin on the 14th');
    assert.strictEqual(stage(submittedAll, '2026-12-20'), 'complete');
    const edited = [...submittedAll.slice(0, 2), { ...submittedAll[2], editedAfterSubmit: true }];
    assert.strictEqual(stage(edited, '2026-12-20'), 'upcoming', 'edited after submit is not complete, and not due either');
  });

  it('groups loops by stage in the tree\'s order, by date then candidate, complete ones most recent first', () => {
    const l = (candidate: string, date: string, stage: 'upcoming' | 'today' | 'due' | 'complete') => ({ plan: { candidate, date }, stage });
    const groups = loopsByStage([
      l('Zoe', '2026-12-20', 'upcoming'), l('ada', '2026-12-20', 'upcoming'), l('Bob', '2026-12-18', 'upcoming'),
      l('Old', '2026-10-01', 'complete'), l('Newer', '2026-11-01', 'complete'), l('Due', '2026-12-01', 'due'),
    ]);
    assert.deepStrictEqual(groups.map((g) => [g.label, g.loops.map((x) => x.plan.candidate)]), [
      ['Upcoming', ['Bob', 'ada', 'Zoe']],
      ['Feedback due', ['Due']],
      ['Complete', ['Newer', 'Old']],
    ]);
    const tree = buildLoopsGroup([{ stage: 'due', label: 'Feedback due', loops: [{
      uri: 'file:///w/loops/a.loop.yaml', file: 'loops/a.loop.yaml', candidate: '<b>Priya</b>', date: '2026-12-10', summary: '1 due · 2026-12-10',
      interviews: [{ interviewer: 'Alex Chen', problem: 'Rate Limiter', date: '2026-12-10', state: 'submitted', text: 'submitted 3.15 · Hire' }, { interviewer: 'Sam', problem: 'Editor', date: '2026-12-10', state: 'due', text: 'due' }],
    }] }]);
    assert.deepStrictEqual([tree.label, tree.children.map((c) => [c.label, c.description])], ['Loops', [['Feedback due', '1']]]);
    const loop = tree.children[0].children[0];
    assert.deepStrictEqual([loop.kind, loop.label, loop.description, loop.loopFile], ['loop', '<b>Priya</b>', '1 due · 2026-12-10', 'file:///w/loops/a.loop.yaml']);
    // What the row leaves out, the tooltip says: the date, how many submitted, the file and each interview.
    assert.ok(loop.tooltip.startsWith('**&lt;b&gt;Priya&lt;/b&gt;**, 2026\\-12\\-10: 1/2 submitted (loops/a\\.loop\\.yaml)\n\n- 2026\\-12\\-10 · Alex Chen · Rate Limiter: submitted 3\\.15 · Hire\n'), loop.tooltip);
    assert.ok(loop.tooltip.includes('&lt;b&gt;Priya&lt;/b&gt;') && !loop.tooltip.includes('<b>'), loop.tooltip);
  });

  it('says beside a loop\'s candidate what its stage makes matter, first and short: how many are due, how many submitted today, else the date', () => {
    const submitted = row({ file: 'a.md', submitted: '2026-12-10T17:00:00Z' });
    const text = (rows: LoopFeedbackRow[], today: string) => {
      const progress = loopProgress(PLAN, rows, 0, today);
      return loopSummaryText(loopStage(progress, today), progress, PLAN.date, today);
    };
    assert.strictEqual(text([], '2026-12-09'), '2026-12-10', 'upcoming');
    assert.strictEqual(text([submitted], '2026-12-10'), '1/3 submitted', 'today');
    assert.strictEqual(text([], '2026-12-12'), '2 due · 2026-12-10', 'Alex\'s and Sam\'s are past with no feedback; Mei Lin\'s is to come');
    assert.strictEqual(text([submitted], '2026-12-12'), '1 due · 2026-12-10');
    const all = PLAN.interviews.map((iv, i) => row({ file: `${i}.md`, interviewer: iv.interviewer, date: iv.date, submitted: '2026-12-15T10:00:00Z' }));
    assert.strictEqual(text(all, '2026-12-20'), '2026-12-10', 'complete');
    assert.strictEqual(submittedText(loopProgress(PLAN, all, 0, '2026-12-20')), '3/3 submitted');
  });

  it('labels a loop interview for Start Interview', () => {
    assert.strictEqual(loopInterviewLabel('Priya Raman', 'Rate Limiter', ['Architecture', 'Scalability']), 'Priya Raman · Rate Limiter · focus: Architecture, Scalability');
    // A name that looks like an icon is shown as written in the pick.
    assert.strictEqual(escapeIcons(loopInterviewLabel('$(bug) Eve', 'X', ['A'])), '\\$(bug) Eve · X · focus: A');
  });

  it('records the loop in a feedback file under the rubric record, and reads it back', () => {
    const line = loopRecordLine({ file: 'loops/2026 12 10 priya>.loop.yaml', interview: 2 });
    assert.strictEqual(line, '<!-- sdi-loop: file=loops/2026%2012%2010%20priya%3E.loop.yaml interview=2 -->');
    const text = fillTemplate('**Candidate:** [Name]\r\n### Scores\r\n', { candidate: 'Priya' }, { candidate: 'Candidate' }, ['<!-- sdi-kit: kit=builtin rubric=1 -->', line]);
    assert.strictEqual(text, `<!-- sdi-kit: kit=builtin rubric=1 -->\r\n${line}\r\n**Candidate:** Priya\r\n### Scores\r\n`);
    assert.deepStrictEqual(readLoopRecord(text), { file: 'loops/2026 12 10 priya>.loop.yaml', interview: 2 });
    assert.strictEqual(readLoopRecord('# Feedback\n\n**Candidate:** x\n'), undefined);
    assert.strictEqual(readLoopRecord('1\n2\n3\n4\n5\n6\n<!-- sdi-loop: file=a interview=0 -->\n'), undefined, 'below the first six lines');
  });
});
