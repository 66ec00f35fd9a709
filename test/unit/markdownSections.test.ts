import * as assert from 'assert';
import { MarkdownOutline, parseHeadings, slugify } from '../../src/core/markdownSections';
import { mermaidFences } from '../../src/core/renderMarkdown';

describe('markdownSections', () => {
  it('ignores headings inside fenced code', () => {
    const hs = parseHeadings(['# T', '```markdown', '## not a heading', '```', '## Real'].map(String));
    assert.deepStrictEqual(hs.map((h) => h.text), ['T', 'Real']);
  });

  it('finds sections by heading path, with or without the document title', () => {
    const o = new MarkdownOutline('# Title\n\n## A\ntext a\n### A1\nsub\n## B\nb\n');
    assert.strictEqual(o.section('A')!.markdown, '## A\ntext a\n### A1\nsub');
    assert.strictEqual(o.section('Title > A > A1')!.markdown, '### A1\nsub');
    assert.strictEqual(o.section('A > A1')!.markdown, '### A1\nsub');
    assert.strictEqual(o.section('Missing'), undefined);
  });

  it('ends a section at a top-level rule', () => {
    const o = new MarkdownOutline('# T\n## A\na\n\n---\n\nfooter\n');
    assert.strictEqual(o.section('A')!.markdown, '## A\na');
  });

  it('reads CRLF documents', () => {
    const o = new MarkdownOutline('# T\r\n## A\r\na\r\n## B\r\n');
    assert.strictEqual(o.section('A')!.markdown, '## A\na');
  });

  it('slugs headings as GitHub does', () => {
    assert.strictEqual(slugify('Advanced Topics Deep Dive'), 'advanced-topics-deep-dive');
    assert.strictEqual(slugify('Post-Interview Assessment'), 'post-interview-assessment');
  });

  it('extracts mermaid fences verbatim, from markdown-it\'s tokens', () => {
    const blocks = mermaidFences('x\n```mermaid\ngraph TB\n  A --> B\n```\n```js\nno\n```\n~~~~ mermaid\nflowchart\n~~~~~\n');
    assert.deepStrictEqual(blocks, [{ source: 'graph TB\n  A --> B', line: 1, endLine: 5 }, { source: 'flowchart', line: 8, endLine: 11 }]);
  });
});
