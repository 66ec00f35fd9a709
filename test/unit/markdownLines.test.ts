import * as assert from 'assert';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { atxHeading, closesFence, documentLines, eolOf, fencedLines, lineStart, nextFence, openingFence } from '../../src/core/markdownLines';
import { MarkdownOutline } from '../../src/core/markdownSections';

/** A fenced block as a scanner of the module reads it: its lines (end exclusive), marker and info. */
interface Block { start: number; end: number; marker: string; info: string }

/** How many lines markdown-it counts: it drops a last line of only spaces and tabs (empty after a final line break). */
const lineCount = (text: string) => {
  const lines = documentLines(text);
  return lines.length - (/^[ \t]*$/.test(lines[lines.length - 1]) ? 1 : 0);
};

/** The fenced blocks and the headings outside them, read line by line with the module's rules. */
function scan(text: string): { blocks: Block[]; headings: { line: number; level: number; text: string }[] } {
  const lines = documentLines(text);
  const count = lineCount(text);
  const blocks: Block[] = [];
  const headings: { line: number; level: number; text: string }[] = [];
  let fence: string | undefined;
  let open: Block | undefined;
  lines.slice(0, count).forEach((line, i) => {
    const was = fence;
    fence = nextFence(line, fence);
    if (was === undefined && fence !== undefined) blocks.push((open = { start: i, end: count, marker: fence, info: openingFence(line)!.info }));
    else if (was !== undefined && fence === undefined) open!.end = i + 1;
    else if (was === undefined) {
      const h = atxHeading(line);
      if (h) headings.push({ line: i, ...h });
    }
  });
  return { blocks, headings };
}

/** The same, from markdown-it's tokens. */
function tokens(md: MarkdownIt, text: string): ReturnType<typeof scan> {
  const all = md.parse(text, {});
  return {
    blocks: all.filter((t) => t.type === 'fence').map((t) => ({ start: t.map![0], end: t.map![1], marker: t.markup, info: t.info.replace(/^[ \t]+|[ \t]+$/g, '') })),
    headings: all.flatMap((t, i) => (t.type === 'heading_open' ? [{ line: t.map![0], level: Number(t.tag.slice(1)), text: all[i + 1].content }] : [])),
  };
}

describe('markdownLines (the core\'s one reading of line breaks, fences and headings)', () => {
  it('breaks lines at LF, CRLF and a lone CR, as VS Code counts them', () => {
    assert.deepStrictEqual(documentLines('a\rb\r\nc\nd'), ['a', 'b', 'c', 'd']);
    assert.deepStrictEqual(documentLines('a\r\rb\r'), ['a', '', 'b', '']);
    assert.strictEqual(eolOf('# T\r## A\r'), '\r');
    assert.strictEqual(eolOf('# T\r\n## A\r\n'), '\r\n');
    assert.strictEqual(eolOf('# T\n## A\r'), '\n');
  });

  it('finds where a line starts, its breaks counted as documentLines counts them', () => {
    const text = 'a\rb\r\nc\nd';
    const lines = documentLines(text);
    lines.forEach((line, i) => assert.strictEqual(text.slice(lineStart(text, i)).split(/\r\n|\r|\n/)[0], line));
    assert.deepStrictEqual([0, 1, 2, 3, 4].map((i) => lineStart(text, i)), [0, 2, 5, 7, -1]);
    assert.strictEqual(lineStart('a\n', 1), 2);
  });

  it('reads the headings and sections of a document whose lines end with a lone CR', () => {
    const o = new MarkdownOutline('# T\r## A\ra\r```\r## not a heading\r```\r\r## B\rb\r');
    assert.deepStrictEqual(o.headings.map((h) => [h.line, h.level, h.text]), [[0, 1, 'T'], [1, 2, 'A'], [7, 2, 'B']]);
    assert.strictEqual(o.section('A')!.markdown, '## A\na\n```\n## not a heading\n```');
    assert.deepStrictEqual([o.section('T > B')!.startLine, o.section('T > B')!.endLine], [7, 9]);
  });

  it('closes a fence with a longer fence of the same character, never with a shorter one', () => {
    const lines = ['````', '```', '# inside', '`````', '# outside'];
    assert.deepStrictEqual(fencedLines(lines), [true, true, true, true, false]);
    assert.deepStrictEqual(new MarkdownOutline(lines.join('\n')).headings.map((h) => h.text), ['outside']);
    assert.ok(closesFence('  `````  \t', '````'));
    assert.ok(!closesFence('```', '````'));
    assert.ok(!closesFence('````` x', '````'), 'text after the run: no closing fence');
    assert.ok(!closesFence('    ````', '````'), 'indented four spaces: code, no closing fence');
  });

  it('does not let tildes and backticks close each other', () => {
    assert.deepStrictEqual(fencedLines(['~~~', '```', '# in', '~~~~', '```', '~~~', '# in', '```']), Array(8).fill(true));
    assert.strictEqual(nextFence('```', '~~~'), '~~~');
    assert.strictEqual(nextFence('~~~', '```'), '```');
  });

  it('opens no fence on a fence indented more than three spaces, as under a list item\'s text', () => {
    const text = '- step one\n    ```\n## Heading\n    ```\n';
    assert.strictEqual(openingFence('    ```'), undefined);
    assert.deepStrictEqual(new MarkdownOutline(text).headings.map((h) => h.text), ['Heading']);
    assert.deepStrictEqual(openingFence('   ```mermaid '), { marker: '```', info: 'mermaid' });
  });

  it('opens no backtick fence whose info string holds a backtick (inline code), and any tilde fence', () => {
    assert.strictEqual(openingFence('```a`b'), undefined);
    assert.deepStrictEqual(openingFence('~~~a`b'), { marker: '~~~', info: 'a`b' });
    assert.strictEqual(openingFence('``'), undefined);
  });

  it('reads ATX headings as CommonMark does', () => {
    assert.deepStrictEqual(atxHeading('   ## Title ##  '), { level: 2, text: 'Title' });
    assert.deepStrictEqual(atxHeading('# Title#'), { level: 1, text: 'Title#' });
    assert.deepStrictEqual(atxHeading('#'), { level: 1, text: '' });
    assert.deepStrictEqual(atxHeading('# #'), { level: 1, text: '' });
    assert.strictEqual(atxHeading('#hashtag'), undefined);
    assert.strictEqual(atxHeading('####### seven'), undefined);
    assert.strictEqual(atxHeading('    # code'), undefined);
  });

  describe('agrees with markdown-it on random Markdown (fences and headings)', () => {
    const md = new MarkdownIt('commonmark');
    // Lines of a document without containers, setext underlines, HTML or tables, which the module does not read.
    const indent = fc.constantFrom('', ' ', '  ', '   ', '    ', '     ', '\t', ' \t');
    const trailing = fc.constantFrom('', ' ', '\t', '  x', '\u00a0');
    const fenceLine = fc.tuple(indent, fc.constantFrom('`', '~'), fc.integer({ min: 2, max: 6 }), fc.constantFrom('', 'mermaid', ' js x', 'a`b', ' ~', '\t'), trailing)
      .map(([i, c, n, info, t]) => i + c.repeat(n) + info + t);
    const headingLine = fc.tuple(indent, fc.integer({ min: 1, max: 7 }), fc.constantFrom('', ' ', '\t', 'x'), fc.constantFrom('', 'Title', 'a # b', 'x#', ' #', ' ## ', ' \\#', 'A `c` d'), trailing)
      .map(([i, n, sep, text, t]) => i + '#'.repeat(n) + sep + text + t);
    const textLine = fc.constantFrom('', '  ', 'plain text', 'a ``` b', 'x ~~~', '#hashtag', '    indented code', 'foo `code` bar');
    const doc = fc.array(fc.tuple(fc.oneof(fenceLine, headingLine, textLine), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 24 })
      .chain((parts) => fc.boolean().map((end) => parts.map(([l, b], i) => (i < parts.length - 1 || end ? l + b : l)).join('')));

    it('finds the fences and the headings outside them that markdown-it finds', () => {
      fc.assert(fc.property(doc, (text) => assert.deepStrictEqual(scan(text), tokens(md, text), JSON.stringify(text))), { numRuns: 2000 });
    });

    it('gives MarkdownOutline the same headings, and marks exactly the fenced lines', () => {
      fc.assert(fc.property(doc, (text) => {
        const want = tokens(md, text);
        const o = new MarkdownOutline(text);
        assert.deepStrictEqual(o.headings.map(({ line, level, text: t }) => ({ line, level, text: t })), want.headings);
        const fenced = fencedLines(o.lines).flatMap((f, i) => (f && i < lineCount(text) ? [i] : []));
        assert.deepStrictEqual(fenced, want.blocks.flatMap((b) => Array.from({ length: b.end - b.start }, (_, k) => b.start + k)));
      }), { numRuns: 500 });
    });
  });
});
