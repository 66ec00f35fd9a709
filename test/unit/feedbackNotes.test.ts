import * as assert from 'assert';
import * as fc from 'fast-check';
import type { BandId } from '../../src/core/content';
import {
  isFeedbackDocument,
  notesOfFeedbacks,
  noteTagSlot,
  tagCountsOfFeedbacks,
  parseFeedback,
  partOfLine,
  validateFeedback,
  type FeedbackDiagnostic,
  type FeedbackOptions,
} from '../../src/core/feedback';
import { evidenceLabel, parseNotes } from '../../src/core/notes';
import { feedbackFileName, fillTemplate } from '../../src/feedback/scaffoldText';
import { content, fill } from '../fixtures/feedback/fill';

const rubric = () => content().rubric;
const validate = (text: string, options?: FeedbackOptions) => validateFeedback(text, rubric(), options);
/** Diagnostics as comparable strings: code, line, character and message. */
const brief = (ds: readonly FeedbackDiagnostic[]) => ds.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character} ${d.message}`);
const codes = (ds: readonly FeedbackDiagnostic[]) => ds.map((d) => d.code);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

/** A clean, complete feedback: 3,3,4,3,3 = 3.20, Hire (distributed systems at the scale's top). */
const CLEAN = () => fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'], check: ['Some production experience', 'Good collaborator', 'Senior IC with complex'] });

/**
 * A notes section that would trip every check if it were read as feedback: a second scores
 * heading, score lines naming dimensions and none, checkbox groups with several boxes checked,
 * a recommendation group, header fields with bad values, headings of every level below 2, tags.
 */
const NOISY_NOTES = [
  '## Interview Notes',
  '',
  '- [00:12] before any phase, +comm clear intro',
  '',
  '### Requirements Clarification',
  '',
  '- [01:05] asked about read/write ratio, read-heavy +scale',
  '- **Date:** next tuesday',
  '- **Years of Experience:** 2',
  '- [03:10] -dist unsure about quorum (+prod) later, #arch',
  '  continues on the next line -scale',
  '',
  '### Scores (Weighted)',
  '',
  '- Technical Architecture (30%): 9 / 5',
  '- Scalability & Performance (99%): [1-4] / 4',
  '- Vibes (10%): 4 / 4',
  '- **Weighted Score:** 1.00 / 4.0',
  '',
  '### Recommendation',
  '',
  '- [x] Strong Hire - Exceptional',
  '- [x] No Hire - Below bar',
  '',
  '### Production Experience Assessment',
  '',
  '- [x] Extensive production experience',
  '- [x] Some production experience',
  '',
  '#### Deep Dive',
  '',
  '1. [12:00] numbered note +arch -arch #arch',
  '* [1:02:03] past an hour, +scaled is no tag, #todo neither',
  '',
  '```',
  '## Not a heading inside a fence',
  '- [x] Hire - Solid',
  '```',
  '',
  '> a quote',
  '',
  '| a | table |',
  '',
].join('\n');

describe('feedback checks and the interview notes', () => {
  it('a notes section full of headings, lists, fields and boxes adds no diagnostic', () => {
    const clean = CLEAN();
    const withNotes = `${clean.replace(/\n*$/, '')}\n\n${NOISY_NOTES}`;
    assert.deepStrictEqual(brief(validate(withNotes).diagnostics), brief(validate(clean).diagnostics));
    assert.deepStrictEqual(validate(clean).diagnostics, []);
    // The same with the notes in the middle of the document, a Windows line ending, and in the blank template.
    const middle = clean.replace('### Technical Highlights', `${NOISY_NOTES}\n## Senior Engineer System Design Interview (cont.)\n\n### Technical Highlights`);
    assert.deepStrictEqual(codes(validate(middle).diagnostics), []);
    assert.deepStrictEqual(codes(validate(withNotes.replace(/\n/g, '\r\n')).diagnostics), []);
    const blank = content().feedbackTemplate;
    assert.deepStrictEqual(brief(validate(`${blank}\n${NOISY_NOTES}`).diagnostics), brief(validate(blank).diagnostics));
  });

  it('reads the feedback around the notes exactly as without them', () => {
    const clean = CLEAN();
    const withNotes = `${clean.replace(/\n*$/, '')}\n\n${NOISY_NOTES}`;
    const a = parseFeedback(clean);
    const b = parseFeedback(withNotes);
    assert.strictEqual(b.parts.length, 1);
    assert.deepStrictEqual(b.parts[0].scoreLines, a.parts[0].scoreLines);
    assert.deepStrictEqual(b.parts[0].fields, a.parts[0].fields);
    assert.deepStrictEqual(b.parts[0].groups, a.parts[0].groups);
    assert.deepStrictEqual(b.parts[0].extraScoresHeadings, []);
  });

  it('a scores heading only inside the notes does not make a feedback document', () => {
    const text = '# Notes\n\n## Interview Notes\n\n### Scores (Weighted)\n\n- [01:00] +scale\n';
    assert.strictEqual(isFeedbackDocument(text), false);
    assert.strictEqual(isFeedbackDocument(`${text}\n## Later\n\n### Scores (Weighted)\n`), true);
  });

  it('a heading of level 1 or 2 ends the notes section, and what follows is checked again', () => {
    const clean = CLEAN();
    const text = clean.replace('### Recommendation', '## Interview Notes\n\n### Anything\n\n- [x] a\n\n## Back to the feedback\n\n### Recommendation');
    const v = validate(text.replace('- [ ] No Hire', '- [x] No Hire'));
    assert.deepStrictEqual(codes(v.diagnostics), ['recommendation-multiple']);
  });

  it('property: any notes section at the end of any feedback changes no diagnostic but the notes\' own', () => {
    const anyLine = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...NOISY_NOTES.split('\n'), '### Recommendation', '- [ ] Hire - Solid', '- [x] Hire - Solid', '**Date:** 1999-02-30', '~~~', '    ```', '###### deep', '#comm', '- +dist -prod #scale') },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    ).map((l) => l.replace(/[\r\n\u0085\u2028\u2029]/g, ' '))
      // A heading of level 1 or 2 ends the notes section by definition.
      .filter((l) => !/^ {0,3}#{1,2}(?:[ \t]|$)/.test(l));
    const anyScore = fc.constantFrom(1, 2, 3, 4, '[1-4]', '5', '');
    const anyFeedback = fc.tuple(fc.array(anyScore, { minLength: 5, maxLength: 5 }), fc.constantFrom(undefined, '3.20', '1.00'), fc.constantFrom<BandId[][]>(['hire'], ['no-hire', 'hire'], []))
      .map(([scores, weighted, recommend]) => fill({ scores, weighted, recommend }));
    fc.assert(
      fc.property(anyFeedback, fc.array(anyLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n'), (feedback, lines, eol) => {
        const doc = feedback.replace(/\n/g, eol);
        const withNotes = `${doc}${eol}## Interview Notes${eol}${lines.join(eol)}${eol}`;
        const without = brief(validate(doc).diagnostics);
        assert.deepStrictEqual(brief(validate(withNotes).diagnostics), without);
        const own = new Set(['score-without-evidence', 'unknown-note-tag']);
        assert.deepStrictEqual(brief(validate(withNotes, { notes: true }).diagnostics.filter((d) => !own.has(d.code))), without);
      }),
      { numRuns: 150 },
    );
  });

  it('the CLI default (no `notes` option) neither reads the notes nor reports their codes', () => {
    const text = `${CLEAN()}\n${NOISY_NOTES}`;
    const v = validate(text);
    assert.strictEqual(v.notes, undefined);
    assert.deepStrictEqual(codes(v.diagnostics), []);
  });
});

describe('feedback evidence from the interview notes', () => {
  const withNotes = () => `${CLEAN()}\n${NOISY_NOTES}`;

  it('counts every tag of the notes per dimension', () => {
    const v = validate(withNotes(), { notes: true });
    assert.ok(v.notes);
    const e = v.notes.evidence[0];
    assert.deepStrictEqual(
      Object.fromEntries(Object.entries(e).map(([k, x]) => [k, [x.plus, x.minus, x.neutral, x.notes.length]])),
      {
        'technical-architecture': [1, 1, 2, 2],
        'scalability-performance': [1, 1, 0, 2],
        'distributed-systems-knowledge': [0, 1, 0, 1],
        'production-readiness': [1, 0, 0, 1],
        'communication-leadership': [1, 0, 0, 1],
      },
    );
    assert.strictEqual(evidenceLabel(e['technical-architecture']), '2 notes: 1+ 1\u2212 2#');
    assert.deepStrictEqual(e['scalability-performance'].notes.map((n) => n.timeText), ['[01:05]', '[03:10]']);
  });

  it('unknown-note-tag: a tag-shaped token naming no dimension, at the token, once per document', () => {
    const text = withNotes();
    const v = validate(text, { notes: true });
    const unknown = v.diagnostics.filter((d) => d.code === 'unknown-note-tag');
    assert.deepStrictEqual(unknown.map((d) => d.message), [
      '+scaled names no rubric dimension; the tags are arch, scale, dist, prod, comm',
      '#todo names no rubric dimension; the tags are arch, scale, dist, prod, comm',
    ]);
    const line = lineOf(text, '+scaled');
    assert.deepStrictEqual(unknown[0].range, { start: { line, character: text.split('\n')[line].indexOf('+scaled') }, end: { line, character: text.split('\n')[line].indexOf('+scaled') + 7 } });
    assert.strictEqual(unknown[0].severity, 'information');
    // Not tags by the grammar, so not reported: read-heavy, -1, "- scale", a sign inside a word.
    const quiet = validate(`${CLEAN()}\n## Interview Notes\n\n- read-heavy, -1 retries, x+scale, a - scale #dist\n`, { notes: true });
    assert.deepStrictEqual(codes(quiet.diagnostics), []);
  });

  it('score-without-evidence: a top or bottom score with no tagged note, only when there is a notes section', () => {
    // CLEAN scores distributed systems 4 (the top); the notes below tag every dimension but it.
    const notes = '## Interview Notes\n\n### Deep Dive\n\n- [20:00] +arch +scale +prod +comm\n';
    const text = `${CLEAN()}\n${notes}`;
    const v = validate(text, { notes: true });
    assert.deepStrictEqual(brief(v.diagnostics), [
      `score-without-evidence ${lineOf(text, 'Distributed Systems Knowledge')}:${text.split('\n')[lineOf(text, 'Distributed Systems Knowledge')].indexOf(': 4') + 2} Distributed Systems Knowledge is scored 4, the scale's top, but no interview note is tagged to it (+dist, -dist or #dist)`,
    ]);
    assert.strictEqual(v.diagnostics[0].severity, 'information');
    // A neutral mention is evidence too.
    assert.deepStrictEqual(codes(validate(`${text}- [21:00] #dist\n`, { notes: true }).diagnostics), []);
    // The bottom of the scale as well; middle scores never.
    const low = fill({ scores: [1, 2, 3, 2, 2], weighted: '1.95', recommend: ['strong-no-hire'] });
    assert.deepStrictEqual(
      validate(`${low}\n${notes}`.replace('+arch ', ''), { notes: true }).diagnostics.filter((d) => d.code === 'score-without-evidence').map((d) => d.message),
      ["Technical Architecture is scored 1, the scale's bottom, but no interview note is tagged to it (+arch, -arch or #arch)"],
    );
    // No notes section: no notes were taken with the tool, nothing to say.
    assert.deepStrictEqual(codes(validate(CLEAN(), { notes: true }).diagnostics), []);
    // An empty notes section is a notes section.
    assert.deepStrictEqual(codes(validate(`${CLEAN()}\n## Interview Notes\n`, { notes: true }).diagnostics), ['score-without-evidence']);
    // Turned off like any code.
    assert.deepStrictEqual(codes(validate(text, { notes: true, severities: { 'score-without-evidence': 'off' } }).diagnostics), []);
  });

  it('a dimension without a tag is tagged by its id; tags follow the document rubric', () => {
    const r = rubric();
    const custom = { ...r, dimensions: r.dimensions.map((d, i) => (i === 0 ? { ...d, tag: undefined } : d)) };
    const text = `${CLEAN()}\n## Interview Notes\n\n- +technical-architecture and +arch\n`;
    const v = validateFeedback(text, custom, { notes: true });
    assert.strictEqual(v.notes!.evidence[0]['technical-architecture'].plus, 1);
    assert.deepStrictEqual(v.diagnostics.filter((d) => d.code === 'unknown-note-tag').map((d) => d.message), [
      '+arch names no rubric dimension; the tags are technical-architecture, scale, dist, prod, comm',
    ]);
  });

  it('a file of several feedbacks: each note counts for the feedback above it', () => {
    const one = (name: string) => CLEAN().replace('## Senior Engineer System Design Interview', `## ${name}`);
    const text = `${one('First')}\n## Interview Notes\n\n- +arch first\n\n${one('Second')}\n## Interview Notes\n\n- -arch second\n- -arch again\n`;
    const doc = parseFeedback(text);
    assert.strictEqual(doc.parts.length, 2);
    const notes = notesOfFeedbacks(text, doc, rubric().dimensions);
    assert.deepStrictEqual(notes.evidence.map((e) => [e['technical-architecture'].plus, e['technical-architecture'].minus]), [[1, 0], [0, 2]]);
    assert.strictEqual(partOfLine(doc, 0), 0);
    assert.strictEqual(partOfLine(doc, lineOf(text, '-arch second')), 1);
  });
});

describe('the notes read from where the feedback parser found them', () => {
  const tags = () => rubric().dimensions;
  /** The notes as the evidence reads them (from the first notes heading the feedback parser found) and as a reading of the whole text does. */
  const both = (text: string) => ({ fromHeading: notesOfFeedbacks(text, parseFeedback(text), tags()).parsed, whole: parseNotes(text, tags()) });

  it('start at the first notes heading outside fenced code, whatever the line breaks', () => {
    const text = ['\uFEFF# Feedback', '```', '## Interview Notes', '- [01:00] fenced +arch', '```', '  ## Interview Notes ##', '### Deep Dive', '- [02:00] +scale first', '## Other', '- not a note +arch', '## interview   NOTES', '- [03:00] -dist second'].join('\r\n');
    for (const t of [text, text.replace(/\r\n/g, '\n'), text.replace(/\r\n/g, '\r')]) {
      const { fromHeading, whole } = both(t);
      assert.deepStrictEqual(fromHeading, whole);
      assert.deepStrictEqual(fromHeading.sections.map((x) => x.line), [5, 10]);
      assert.deepStrictEqual(fromHeading.notes.map((n) => [n.line, n.text]), [[7, '[02:00] +scale first'.slice(8)], [11, '-dist second']]);
    }
    assert.deepStrictEqual(parseFeedback(text).notes, { line: 5, offset: text.indexOf('  ## Interview Notes ##') });
  });

  it('no notes heading: no notes, and nothing read for them', () => {
    const text = `${CLEAN()}\n\n\`\`\`\n## Interview Notes\n- +arch\n\`\`\`\n`;
    assert.strictEqual(parseFeedback(text).notes, undefined);
    assert.deepStrictEqual(both(text).fromHeading, both(text).whole);
  });

  it('property: the same notes as a reading of the whole document', () => {
    const anyLine = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('## Interview Notes', '  ## interview notes ##', '\t## Interview Notes', '## Interview Notes #', '# Title', '## Other', '### Deep Dive', '```', '~~~', '    ```', '````md', '- [01:00] +arch note', '  continued -dist', '- #comm', '**Date:** 2026-01-02', '### Scores (Weighted)', '- Technical Architecture (30%): 3 / 4', '') },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    ).map((l) => l.replace(/[\r\n]/g, ' '));
    fc.assert(
      fc.property(fc.array(anyLine, { maxLength: 40 }), fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 1, maxLength: 3 }), fc.boolean(), (lines, breaks, bom) => {
        const text = (bom ? '\uFEFF' : '') + lines.map((l, i) => l + breaks[i % breaks.length]).join('');
        const { fromHeading, whole } = both(text);
        assert.deepStrictEqual(fromHeading, whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the tag counts of rows, read without building the notes', () => {
  const dims = () => rubric().dimensions;
  /** The counts as `notesOfFeedbacks` gives them (its evidence without the notes). */
  const fromNotes = (text: string) => notesOfFeedbacks(text, parseFeedback(text), dims()).evidence.map((e) => Object.fromEntries(Object.entries(e).map(([id, { plus, minus, neutral }]) => [id, { plus, minus, neutral }])));

  it('count each feedback\'s tags per dimension, every dimension in the rubric\'s order', () => {
    const text = `${CLEAN()}\n## Interview Notes\n\n- [01:00]+arch at the start -scale (#comm)\n  continued +arch\n- \`\`\`\n- +nothing -1 +arch-ish\n`;
    const counts = tagCountsOfFeedbacks(text, parseFeedback(text), dims());
    assert.deepStrictEqual(Object.keys(counts[0]), dims().map((d) => d.id));
    assert.deepStrictEqual(counts[0]['technical-architecture'], { plus: 3, minus: 0, neutral: 0 });
    assert.deepStrictEqual(counts[0]['scalability-performance'], { plus: 0, minus: 1, neutral: 0 });
    assert.deepStrictEqual(counts[0]['communication-leadership'], { plus: 0, minus: 0, neutral: 1 });
    assert.deepStrictEqual(counts, fromNotes(text));
  });

  it('property: the counts of the notes the notes reader builds, feedback by feedback', () => {
    const anyLine = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('- [01:00] +arch note', '- [1:02:03]#comm x', '- +scale-out and -dist, (#prod)', '  continued -dist +ARCH', '  +arch continues it', '* -comm', '1. #arch', '- +unknown +arch-ish +arch.') },
      { weight: 2, arbitrary: fc.constant('## Interview Notes') },
      { weight: 3, arbitrary: fc.constantFrom('### Deep Dive', '> quoted +arch', '---', '', '- [01:00] no tag') },
      { weight: 1, arbitrary: fc.constantFrom('# Title', '## Other', '- Technical Architecture (30%): 3 / 4', '```', '~~~') },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    ).map((l) => l.replace(/[\r\n]/g, ' '));
    // A feedback's heading and scores heading: several of them make a file of several feedbacks.
    const anyChunk = fc.oneof({ weight: 6, arbitrary: anyLine.map((l) => [l]) }, { weight: 1, arbitrary: fc.constant(['## Feedback', '### Scores (Weighted)']) });
    let parts = 0;
    let tags = 0;
    fc.assert(
      fc.property(fc.array(anyChunk, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), (chunks, eol) => {
        const text = chunks.flat().join(eol);
        const doc = parseFeedback(text);
        const counts = tagCountsOfFeedbacks(text, doc, dims());
        assert.deepStrictEqual(counts, fromNotes(text));
        if (doc.parts.length > 1) parts++;
        tags += counts.reduce((n, c) => n + Object.values(c).reduce((m, e) => m + e.plus + e.minus + e.neutral, 0), 0);
      }),
      { numRuns: 400 },
    );
    // The generator reaches what the property is about: files of several feedbacks, and tags counted.
    assert.ok(parts >= 20, `only ${parts} runs with several feedbacks`);
    assert.ok(tags >= 80, `only ${tags} tags counted`);
  });
});

describe('where a tag is being typed (completion)', () => {
  const DOC = ['# Feedback', '- +sc outside the notes', '## Interview Notes', '### Deep Dive', '- [01:00] +', '- [01:00] text -di', '- [01:00] read-', '- [01:00] (#co) x+sc -1', '- ', '  continued +pr', '#'].join('\n');
  const parsed = parseNotes(DOC);
  const lines = DOC.split('\n');
  /** The slot at a line and character of DOC, as `<sign><name before the cursor>|<rest of the name>`. */
  const at = (line: number, character: number) => {
    const s = noteTagSlot(parsed, lines[line], line, character);
    return s && `${lines[line][s.sign]}${lines[line].slice(s.start, character)}|${lines[line].slice(character, s.end)}`;
  };

  it('offers after a sign at the note text\'s start, after white space or an opening bracket', () => {
    assert.strictEqual(at(4, 11), '+|');
    assert.strictEqual(at(5, 18), '-di|');
    assert.strictEqual(at(5, 17), '-d|i');
    assert.strictEqual(at(7, 12), '#|co');
    assert.strictEqual(at(7, 14), '#co|');
    assert.strictEqual(at(9, 15), '+pr|');
  });

  it('offers nothing in a word, after a digit, on the list marker, outside the notes or on a heading', () => {
    assert.strictEqual(at(6, 15), undefined, 'read-');
    assert.strictEqual(at(7, 20), undefined, 'x+sc');
    assert.strictEqual(at(7, 23), undefined, '-1');
    assert.strictEqual(at(8, 1), undefined, 'the list marker');
    assert.strictEqual(at(1, 5), undefined, 'outside the notes section');
    assert.strictEqual(at(3, 1), undefined, 'a heading');
    assert.strictEqual(at(10, 1), undefined, 'a # line that is no note');
  });
});

describe('New Feedback file names', () => {
  it('keeps a name\'s letters in any script', () => {
    assert.strictEqual(feedbackFileName('2026-11-27', '王伟', 1), '2026-11-27-王伟.md');
    assert.strictEqual(feedbackFileName('2026-11-27', 'Алексей', 1), '2026-11-27-алексей.md');
    assert.strictEqual(feedbackFileName('2026-11-27', 'Алексей', 2), '2026-11-27-алексей-2.md');
    assert.strictEqual(feedbackFileName('2026-11-27', "Zoë O'Brien", 1), '2026-11-27-zoë-o-brien.md');
    assert.strictEqual(feedbackFileName('2026-11-27', 'Ada Lovelace', 3), '2026-11-27-ada-lovelace-3.md');
  });

  it('replaces what file systems refuse, and falls back to "candidate"', () => {
    assert.strictEqual(feedbackFileName('2026-11-27', 'a<b>:c"d/e\\f|g?h*i', 1), '2026-11-27-a-b-c-d-e-f-g-h-i.md');
    assert.strictEqual(feedbackFileName('2026-11-27', '!!', 1), '2026-11-27-candidate.md');
    assert.strictEqual(feedbackFileName('2026-11-27', 'CON', 1), '2026-11-27-con-candidate.md');
  });

  it('fills only the header fields', () => {
    const t = '**Candidate:** [Name]\n**Date:** [Date]\n\n### Scores\n**Candidate:** [Name]\n';
    assert.strictEqual(fillTemplate(t, { candidate: '王伟' }, { candidate: 'Candidate' }), '**Candidate:** 王伟\n**Date:** [Date]\n\n### Scores\n**Candidate:** [Name]\n');
  });
});
