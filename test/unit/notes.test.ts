import * as assert from 'assert';
import { applyEdits } from '../../src/core/feedback';
import {
  evidenceLabel,
  formatNoteTime,
  noteAt,
  noteInsertion,
  notesReport,
  notesSectionAt,
  parseNotes,
  readNoteTime,
  scoresWithoutEvidence,
  summarizeEvidence,
  type InterviewNote,
} from '../../src/core/notes';
import { content } from '../fixtures/feedback/fill';

const dimensions = () => content().rubric.dimensions;
/** The tags of the only note of a notes section holding `item`, as `+name` strings. */
function tagsOf(item: string): string[] {
  const p = parseNotes(`## Interview Notes\n${item}\n`, dimensions());
  assert.strictEqual(p.notes.length, 1, item);
  return p.notes[0].tags.map((t) => `${t.polarity === 'plus' ? '+' : t.polarity === 'minus' ? '-' : '#'}${t.name}`);
}
/** A document with one note added, and the insertion. */
function add(text: string, phase: string | undefined, seconds: number, note: string, phaseTitles?: string[]) {
  const ins = noteInsertion(text, phase, seconds, note, { phaseTitles });
  return { text: applyEdits(text, [ins.edit]), line: ins.line, edit: ins.edit };
}
const brief = (n: InterviewNote) => ({ phase: n.phase, seconds: n.seconds, text: n.text });

describe('interview notes: parsing', () => {
  it('finds the notes section, its phase sub-headings and every list item as a note, with times', () => {
    const text = [
      '## Senior Engineer System Design Interview', // 0
      '- [01:00] not a note: outside the section', // 1
      '## interview NOTES', // 2
      '- [00:30] before any phase', // 3
      '### Requirements', // 4
      '- [05:07] asked about read load', // 5
      '* typed by hand, no time', // 6
      '  - [12:75] nested, an invalid time stays text', // 7
      '#### Follow-up', // 8
      '1. [1:02:03] past an hour', // 9
      '### Deep Dive', // 10
      '- [75:00] minutes past 59 without hours', // 11
      '## Calibration', // 12
      '- [80:00] after the section', // 13
    ].join('\n');
    const p = parseNotes(text, dimensions());
    assert.deepStrictEqual(p.sections.map((s) => [s.line, s.endLine, s.phases.map((ph) => [ph.title, ph.line, ph.endLine])]), [[2, 12, [['Requirements', 4, 10], ['Deep Dive', 10, 12]]]]);
    assert.deepStrictEqual(p.notes.map(brief), [
      { phase: undefined, seconds: 30, text: 'before any phase' },
      { phase: 'Requirements', seconds: 307, text: 'asked about read load' },
      { phase: 'Requirements', seconds: undefined, text: 'typed by hand, no time' },
      { phase: 'Requirements', seconds: undefined, text: '[12:75] nested, an invalid time stays text' },
      { phase: 'Requirements', seconds: 3723, text: 'past an hour' },
      { phase: 'Deep Dive', seconds: 4500, text: 'minutes past 59 without hours' },
    ]);
    const n = p.notes[1];
    assert.deepStrictEqual([n.line, n.range, n.timeText, n.timeRange, n.textRange], [
      5,
      { start: { line: 5, character: 0 }, end: { line: 5, character: 31 } },
      '[05:07]',
      { start: { line: 5, character: 2 }, end: { line: 5, character: 9 } },
      { start: { line: 5, character: 10 }, end: { line: 5, character: 31 } },
    ]);
    assert.strictEqual(p.notes[3].range.start.character, 2, 'a nested item starts at its marker');
    assert.deepStrictEqual(p.sections[0].phases[0].titleRange, { start: { line: 4, character: 4 }, end: { line: 4, character: 16 } });
    assert.strictEqual(notesSectionAt(p, 1), undefined);
    assert.strictEqual(notesSectionAt(p, 11), p.sections[0]);
    assert.strictEqual(notesSectionAt(p, 12), undefined);
    assert.strictEqual(noteAt(p, 9), p.notes[4]);
    assert.strictEqual(noteAt(p, 8), undefined);
  });

  it('reads a tag exactly by the grammar: sign, known name, after white space or an opening bracket, ending at white space, punctuation or the end', () => {
    // The examples.
    assert.deepStrictEqual(tagsOf('- [23:10] +scale sharded the timeline by user id, -dist no idea of quorum reads'), ['+scale', '-dist']);
    assert.deepStrictEqual(tagsOf('- (+prod) handles retries'), ['+prod']);
    assert.deepStrictEqual(tagsOf('- said +scale, then #comm.'), ['+scale', '#comm']);
    assert.deepStrictEqual(tagsOf('- read-heavy, -1 on that, - scale later, +scaled out'), []);
    // At the start of the text, with or without a time; after [ and {; several per note; case-insensitive.
    assert.deepStrictEqual(tagsOf('- +arch first'), ['+arch']);
    assert.deepStrictEqual(tagsOf('- [01:00]-dist'), ['-dist']);
    assert.deepStrictEqual(tagsOf('- [ok +Scale] {#COMM} [-prod]'), ['+Scale', '#COMM', '-prod']);
    assert.deepStrictEqual(tagsOf('- +scale +scale -scale'), ['+scale', '+scale', '-scale']);
    // Not after a letter, a digit, a slash or a backtick; not followed by a letter or a digit.
    assert.deepStrictEqual(tagsOf('- x+scale a/+dist `+prod` +prod2 +arché #comm_x'), ['#comm']);
    // A dimension's id is its tag when it has none; a tag's name is checked against the rubric's.
    assert.deepStrictEqual(tagsOf('- +scalability-performance and +technical-architecture'), []);
  });

  it('maps tags to dimensions by tag, else id, and reports tag-shaped unknown words separately', () => {
    const dims = [
      { id: 'problem-framing', tag: 'frame' },
      { id: 'scaling' },
      { id: 'data-modeling' },
    ];
    const p = parseNotes('## Interview Notes\n- +frame +SCALING -data-modeling #data -problem-framing +scaled #todo -x2 #123 +data-modelling\n', dims);
    assert.deepStrictEqual(p.notes[0].tags.map((t) => [t.polarity, t.name, t.dimension]), [
      ['plus', 'frame', 'problem-framing'],
      ['plus', 'SCALING', 'scaling'],
      ['minus', 'data-modeling', 'data-modeling'],
    ]);
    // Only letters make a word tag-shaped: `-x2`, `#123` and dashed names the rubric lacks are plain text.
    assert.deepStrictEqual(p.unknownTags.map((u) => [u.polarity, u.name]), [['neutral', 'data'], ['plus', 'scaled'], ['neutral', 'todo']]);
    const line = '- +frame +SCALING -data-modeling #data';
    assert.deepStrictEqual(p.notes[0].tags[2].range, { start: { line: 1, character: line.indexOf('-data') }, end: { line: 1, character: line.indexOf('-data') + 14 } });
    // The longest known name wins; a shorter one ends at a dash (punctuation).
    const q = parseNotes('## Interview Notes\n- +scale-out +scale-up\n', [{ id: 'a', tag: 'scale' }, { id: 'b', tag: 'scale-out' }]);
    assert.deepStrictEqual(q.notes[0].tags.map((t) => [t.name, t.dimension]), [['scale-out', 'b'], ['scale', 'a']]);
  });

  it('ignores tags outside the notes section and inside fenced code; reads continuation lines', () => {
    const text = [
      '- +scale outside', // 0
      '## Interview Notes', // 1
      '### Design', // 2
      '- [10:00] +arch first line', // 3
      'goes on -dist', // 4
      '', // 5
      '```', // 6
      '- [11:00] +scale in code', // 7
      '## Interview Notes in code', // 8
      '```', // 9
      '- [12:00] #comm after the fence', // 10
      '> a quote is no continuation +prod', // 11
    ].join('\r\n');
    const p = parseNotes(text, dimensions());
    assert.deepStrictEqual(p.notes.map((n) => [n.line, n.endLine, n.text, n.tags.map((t) => t.dimension)]), [
      [3, 4, '+arch first line goes on -dist', ['technical-architecture', 'distributed-systems-knowledge']],
      [10, 10, '#comm after the fence', ['communication-leadership']],
    ]);
    assert.deepStrictEqual(p.notes[0].tags[1].range, { start: { line: 4, character: 8 }, end: { line: 4, character: 13 } });
    assert.strictEqual(p.sections.length, 1);
  });

  it('without a rubric reads the structure and no tags', () => {
    const p = parseNotes('## Interview Notes\n- [00:01] +scale\n');
    assert.deepStrictEqual([p.notes.length, p.notes[0].tags, p.unknownTags], [1, [], []]);
  });

  it('reads and writes times: mm:ss under an hour, h:mm:ss from an hour', () => {
    assert.deepStrictEqual(readNoteTime('[00:00]', 0), { seconds: 0, end: 7 });
    assert.deepStrictEqual(readNoteTime('x [59:59] y', 2), { seconds: 3599, end: 9 });
    assert.deepStrictEqual(readNoteTime('[2:00:01]', 0), { seconds: 7201, end: 9 });
    for (const bad of ['[1:2]', '[aa:00]', '[00:60]', '[1:60:00]', '[00]', '[1:2:3:4]', '[00:00', '(00:00)']) assert.strictEqual(readNoteTime(bad, 0), undefined, bad);
    assert.deepStrictEqual([0, 59, 60, 599, 3599, 3600, 3661, 36000, -5, 12.9].map(formatNoteTime), ['00:00', '00:59', '01:00', '09:59', '59:59', '1:00:00', '1:01:01', '10:00:00', '00:00', '00:12']);
  });
});

describe('interview notes: where Add Note writes', () => {
  it('creates the section (and the phase) at the end of a document without one, keeping its line ending', () => {
    const doc = '# Feedback\n\nText.\n';
    const r = add(doc, 'Requirements', 65, '+scale asked about load');
    assert.strictEqual(r.text, '# Feedback\n\nText.\n\n## Interview Notes\n\n### Requirements\n\n- [01:05] +scale asked about load\n');
    assert.strictEqual(r.text.split('\n')[r.line], '- [01:05] +scale asked about load');
    const crlf = add('# Feedback\r\nText.', 'Design', 3725, 'x');
    assert.strictEqual(crlf.text, '# Feedback\r\nText.\r\n\r\n## Interview Notes\r\n\r\n### Design\r\n\r\n- [1:02:05] x');
    assert.strictEqual(crlf.line, 7);
    assert.strictEqual(add('', 'P', 0, 'a').text, '## Interview Notes\n\n### P\n\n- [00:00] a\n');
    assert.strictEqual(add('x\n', undefined, 1, 'a').text, 'x\n\n## Interview Notes\n\n- [00:01] a\n');
  });

  it('appends under the phase, as its last item, after continuation lines', () => {
    const doc = ['## Interview Notes', '', '### Requirements', '', '- [01:00] a', 'continued', '', '### Design', '', '- [20:00] b', ''].join('\n');
    const r = add(doc, 'requirements', 125, 'c');
    assert.deepStrictEqual(r.text.split('\n').slice(4, 8), ['- [01:00] a', 'continued', '- [02:05] c', '']);
    assert.strictEqual(r.line, 6);
    const d = add(doc, 'Design', 1300, 'd');
    assert.deepStrictEqual(d.text.split('\n').slice(-3), ['- [20:00] b', '- [21:40] d', '']);
  });

  it('places a missing phase after the earlier phases of the plan, else before the later ones, else at the end', () => {
    const plan = ['Requirements', 'High-Level Design', 'Deep Dive', 'Wrap-up'];
    const doc = ['## Interview Notes', '', '### Requirements', '- [01:00] a', '', '### Deep Dive', '- [30:00] b', '', '## Calibration', 'text'].join('\n');
    const hl = add(doc, 'High-Level Design', 600, 'c', plan);
    assert.deepStrictEqual(hl.text.split('\n').slice(2, 10), ['### Requirements', '- [01:00] a', '', '### High-Level Design', '', '- [10:00] c', '', '### Deep Dive']);
    const wrap = add(doc, 'Wrap-up', 3000, 'd', plan);
    assert.deepStrictEqual(wrap.text.split('\n').slice(5, 13), ['### Deep Dive', '- [30:00] b', '', '### Wrap-up', '', '- [50:00] d', '', '## Calibration']);
    const first = add(['## Interview Notes', '### Deep Dive', '- [30:00] b'].join('\n'), 'Requirements', 60, 'e', plan);
    assert.deepStrictEqual(first.text.split('\n'), ['## Interview Notes', '', '### Requirements', '', '- [01:00] e', '', '### Deep Dive', '- [30:00] b']);
    const unplanned = add(doc, 'Bonus', 60, 'f', plan);
    assert.deepStrictEqual(unplanned.text.split('\n').slice(6, 13), ['- [30:00] b', '', '### Bonus', '', '- [01:00] f', '', '## Calibration']);
    assert.deepStrictEqual(parseNotes(unplanned.text).notes.map(brief).pop(), { phase: 'Bonus', seconds: 60, text: 'f' });
  });

  it('folds a note with line breaks to one line and keeps two notes of the same second in order', () => {
    let doc = '# F\r\n';
    doc = add(doc, 'Design', 61, 'first line\r\n  second\nthird\rfourth').text;
    doc = add(doc, 'Design', 61, 'same second').text;
    doc = add(doc, 'Design', 61, '').text;
    const p = parseNotes(doc);
    assert.deepStrictEqual(p.notes.map(brief), [
      { phase: 'Design', seconds: 61, text: 'first line second third fourth' },
      { phase: 'Design', seconds: 61, text: 'same second' },
      { phase: 'Design', seconds: 61, text: '' },
    ]);
    assert.ok(!/(^|[^\r])\n/.test(doc), 'CRLF kept throughout');
  });

  it('closes a fence left open before it writes, and never lets text below continue the note', () => {
    const open = add('# F\n```\ncode', 'P', 5, 'a');
    assert.deepStrictEqual(parseNotes(open.text).notes.map(brief), [{ phase: 'P', seconds: 5, text: 'a' }]);
    assert.ok(open.text.startsWith('# F\n```\ncode\n```\n'));
    const para = ['## Interview Notes', '### P', 'Some words under the heading.'].join('\n');
    const r = add(para, 'P', 5, 'a');
    assert.deepStrictEqual(r.text.split('\n'), ['## Interview Notes', '### P', '', '- [00:05] a', '', 'Some words under the heading.']);
  });

  it('writes into the last notes section of a document that has several', () => {
    const doc = '## Interview Notes\n### P\n- [00:01] a\n\n## Interview Notes\n### P\n- [00:02] b\n';
    const r = add(doc, 'P', 3, 'c');
    assert.strictEqual(r.text, doc + '- [00:03] c\n');
  });
});

describe('interview notes: evidence', () => {
  const doc = [
    '## Interview Notes',
    '### Design',
    '- [23:10] +scale sharded the timeline by user id, -dist no idea of quorum reads',
    '- [25:00] +scale again, #comm clear',
    '- [26:00] no tag',
    '- [27:00] +scale +scale',
  ].join('\n');

  it('counts every tag occurrence per dimension, every dimension present, and keeps the notes tagged', () => {
    const p = parseNotes(doc, dimensions());
    const s = summarizeEvidence(p.notes, dimensions());
    assert.deepStrictEqual(Object.keys(s), dimensions().map((d) => d.id));
    assert.deepStrictEqual([s['scalability-performance'].plus, s['scalability-performance'].notes.map((n) => n.seconds)], [4, [1390, 1500, 1620]]);
    assert.deepStrictEqual(notesReport(p, dimensions()), {
      total: 4,
      byDimension: {
        'technical-architecture': { plus: 0, minus: 0, neutral: 0 },
        'scalability-performance': { plus: 4, minus: 0, neutral: 0 },
        'distributed-systems-knowledge': { plus: 0, minus: 1, neutral: 0 },
        'production-readiness': { plus: 0, minus: 0, neutral: 0 },
        'communication-leadership': { plus: 0, minus: 0, neutral: 1 },
      },
    });
    assert.strictEqual(evidenceLabel(s['scalability-performance']), '3 notes: 4+');
    assert.strictEqual(evidenceLabel(s['distributed-systems-knowledge']), '1 note: 1\u2212');
    assert.strictEqual(evidenceLabel(s['technical-architecture']), 'no notes');
  });

  it('is all zeros with total 0 when there is no notes section', () => {
    const r = notesReport(parseNotes('# F\n- +scale not in notes\n', dimensions()), dimensions());
    assert.strictEqual(r.total, 0);
    assert.deepStrictEqual(Object.values(r.byDimension), dimensions().map(() => ({ plus: 0, minus: 0, neutral: 0 })));
  });

  it('lists scores at the top or bottom of the scale that no tagged note supports', () => {
    const s = summarizeEvidence(parseNotes(doc, dimensions()).notes, dimensions());
    const scores = [
      { dimension: 'technical-architecture', score: 4 },
      { dimension: 'scalability-performance', score: 4 },
      { dimension: 'distributed-systems-knowledge', score: 1 },
      { dimension: 'production-readiness', score: 1 },
      { dimension: 'communication-leadership', score: 3 },
      { dimension: 'unknown', score: null },
    ];
    assert.deepStrictEqual(scoresWithoutEvidence(s, scores, { min: 1, max: 4 }), [
      { dimension: 'technical-architecture', score: 4, end: 'top' },
      { dimension: 'production-readiness', score: 1, end: 'bottom' },
    ]);
  });
});
