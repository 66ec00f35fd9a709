import * as assert from 'assert';
import { buildSearchIndex, problemNodeId, problemSearchDocs, searchIndex, type SearchDoc } from '../../src/core/search';
import { builtInKit, loadExample } from '../fixtures/kits/memoryKit';

const doc = (id: string, over: Partial<SearchDoc> = {}): SearchDoc => ({ id, kitId: 'k', kitName: 'Kit', title: id, tags: [], levels: [], category: '', text: '', ...over });

describe('search across kits', () => {
  const kit = loadExample();
  const docs = [...problemSearchDocs(builtInKit()), ...problemSearchDocs(kit)];
  const index = buildSearchIndex(docs);
  const ids = (q: string, limit?: number) => searchIndex(index, q, limit).map((h) => h.id);

  it('indexes every problem of every kit under its tree node id', () => {
    assert.strictEqual(index.size, 5);
    assert.ok(docs.some((d) => d.id === 'problem:global-social-media-feed'));
    assert.ok(docs.some((d) => d.id === 'kit:acme-backend/problem:rate-limiter'));
    assert.strictEqual(problemNodeId(kit, 'x'), 'kit:acme-backend/problem:x');
  });

  it('finds by title prefix, with a typo, by tag, level, category, kit name and full text', () => {
    assert.strictEqual(ids('rate lim')[0], 'kit:acme-backend/problem:rate-limiter');
    assert.strictEqual(ids('limter')[0], 'kit:acme-backend/problem:rate-limiter');
    assert.deepStrictEqual(ids('crdt'), ['kit:acme-backend/problem:collaborative-editor']);
    assert.deepStrictEqual(ids('staff'), ['kit:acme-backend/problem:collaborative-editor']);
    assert.deepStrictEqual(ids('collaboration shared state'), ['kit:acme-backend/problem:collaborative-editor']);
    assert.deepStrictEqual(ids('acme').sort(), ['kit:acme-backend/problem:collaborative-editor', 'kit:acme-backend/problem:rate-limiter']);
    assert.ok(ids('celebrities').includes('problem:global-social-media-feed'), 'text of a built-in problem\'s guide section');
    assert.ok(ids('retry-after').includes('kit:acme-backend/problem:rate-limiter'), 'text of a kit problem\'s deep dives');
  });

  it('leaves Mermaid sources out of the text (diagram syntax is not prose)', () => {
    assert.deepStrictEqual(ids('sequenceDiagram'), []);
    const i = buildSearchIndex([doc('d', { text: 'Intro\n```mermaid\nflowchart LR\n  Zanzibar --> B\n```\nOutro ```js fence``` kept\n~~~\nplain fence words\n~~~\n' })]);
    assert.deepStrictEqual(searchIndex(i, 'zanzibar').map((h) => h.id), []);
    assert.deepStrictEqual(searchIndex(i, 'outro').map((h) => h.id), ['d']);
    assert.deepStrictEqual(searchIndex(i, 'plain fence').map((h) => h.id), ['d']);
  });

  it('ranks a title match above a text match, and needs every word', () => {
    const i = buildSearchIndex([doc('in-text', { title: 'Design a Feed', text: 'uses a cache in front' }), doc('in-title', { title: 'Design a Cache' })]);
    assert.deepStrictEqual(searchIndex(i, 'cache').map((h) => h.id), ['in-title', 'in-text']);
    assert.deepStrictEqual(searchIndex(i, 'cache feed').map((h) => h.id), ['in-text']);
  });

  it('answers nothing to an empty query, respects the limit, and keeps the first of repeated ids', () => {
    assert.deepStrictEqual(ids('   '), []);
    assert.strictEqual(ids('design', 2).length, 2);
    const i = buildSearchIndex([doc('a', { title: 'first' }), doc('a', { title: 'second' })]);
    assert.strictEqual(i.size, 1);
    assert.deepStrictEqual(searchIndex(i, 'first').map((h) => h.id), ['a']);
  });

  it('handles 2,000 problems', () => {
    const many = Array.from({ length: 2000 }, (_, n) => doc(`p${n}`, { title: `Design service ${n}`, tags: [`tag${n % 37}`], text: `${'lorem ipsum dolor '.repeat(50)} unique${n}` }));
    const i = buildSearchIndex(many);
    assert.strictEqual(i.size, 2000);
    assert.strictEqual(searchIndex(i, 'unique1234')[0].id, 'p1234');
    assert.strictEqual(searchIndex(i, 'tag5', 5000).length, many.filter((d) => d.tags[0] === 'tag5').length);
  });
});
