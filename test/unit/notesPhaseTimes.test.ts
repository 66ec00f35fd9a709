/** Where Finish Interview writes the phase times: `src/notes/phaseTimes.ts` (plain TypeScript). */
import * as assert from 'assert';
import { parseNotes } from '../../src/core/notes';
import { phaseTimesInsertion } from '../../src/core/notes/phaseTimes';

const TIMES = '**Phase times (Design X):** actual / planned minutes\n- Intro: 4 / 5\n- Total: 4 / 60\n';

function apply(text: string): { text: string; headingLine: number } {
  const ins = phaseTimesInsertion(text, TIMES);
  const lines = text.split(/(?<=\r\n|\r(?!\n)|\n)/);
  let offset = 0;
  for (let i = 0; i < ins.line; i++) offset += lines[i].length;
  offset += ins.character;
  return { text: text.slice(0, offset) + ins.newText + text.slice(offset), headingLine: ins.headingLine };
}

describe('notes: phase times at the finish', () => {
  it('go under ### Phase Times at the end of the notes section, before the next section, every other line kept', () => {
    const text = '# F\n\n## Interview Notes\n\n### Intro\n\n- [00:10] hello\n\n## After\n\nkept\n';
    const out = apply(text);
    assert.strictEqual(out.text, '# F\n\n## Interview Notes\n\n### Intro\n\n- [00:10] hello\n\n### Phase Times\n\n**Phase times (Design X):** actual / planned minutes\n- Intro: 4 / 5\n- Total: 4 / 60\n\n## After\n\nkept\n');
    assert.strictEqual(out.text.split('\n')[out.headingLine], '### Phase Times');
    // The note before stays the only note of its phase; the times are their own sub-heading.
    const parsed = parseNotes(out.text);
    assert.deepStrictEqual(parsed.sections[0].phases.map((p) => p.title), ['Intro', 'Phase Times']);
    assert.deepStrictEqual(parsed.notes.filter((n) => n.phase === 'Intro').map((n) => n.text), ['hello']);
  });

  it('a heading right after the notes keeps a blank line before it; CRLF documents stay CRLF', () => {
    const out = apply('## Interview Notes\r\n- [00:01] a\r\n## Next\r\n');
    assert.strictEqual(out.text, '## Interview Notes\r\n- [00:01] a\r\n\r\n### Phase Times\r\n\r\n**Phase times (Design X):** actual / planned minutes\r\n- Intro: 4 / 5\r\n- Total: 4 / 60\r\n\r\n## Next\r\n');
  });

  it('create the notes section at the end of a document without one, and fill an empty document', () => {
    const out = apply('# F\n\ntext\n');
    assert.strictEqual(out.text, '# F\n\ntext\n\n## Interview Notes\n\n### Phase Times\n\n**Phase times (Design X):** actual / planned minutes\n- Intro: 4 / 5\n- Total: 4 / 60\n');
    assert.strictEqual(out.text.split('\n')[out.headingLine], '### Phase Times');
    const empty = apply('');
    assert.strictEqual(empty.text.split('\n')[empty.headingLine], '### Phase Times');
    assert.ok(empty.text.startsWith('## Interview Notes\n\n### Phase Times\n'));
  });
});
