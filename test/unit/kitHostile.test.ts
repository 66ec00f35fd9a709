// A kit comes from whatever repository the user opened: every hostile input must end as a clear,
// located issue (or inert text), with the rest of the kit loaded and nothing thrown.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadKit, problemMarkdown, KIT_LIMITS } from '../../src/core/kit/loader';
import type { KitIssue, LoadedKit } from '../../src/core/kit/types';
import { fsKitReader, loadKitFolder } from '../../src/node/fsKitReader';
import { builtInKit, EXAMPLE_KIT, exampleFiles, lineOf, loadExample, memoryReader, replaceIn } from '../fixtures/kits/memoryKit';

const show = (issues: KitIssue[]) => issues.map((i) => `${i.file}:${i.range ? i.range.start.line + 1 : '-'}: [${i.code}] ${i.message}`).join('\n');
const codes = (k: LoadedKit) => k.issues.map((i) => `${i.file} ${i.code}`);

const BOMB = [
  'version: "9"',
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
  'h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
  'i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  '',
].join('\n');

describe('hostile kits', () => {
  it('script tags and event handlers in front matter and body are loaded as plain text', () => {
    const k = loadExample((f) => {
      f['problems/xss.md'] = [
        '---',
        'title: "<script>alert(1)</script><img src=x onerror=alert(2)>"',
        'category: data-pipelines',
        'tags: ["<svg onload=alert(3)>"]',
        'statement: "<a href=\\"javascript:alert(4)\\">click</a> [x](command:workbench.action.quit)"',
        'deepDives: [{ title: "<b onmouseover=alert(5)>", minutes: 1, points: ["<iframe src=javascript:alert(6)>"] }]',
        '---',
        '<script>alert(7)</script>',
        '<div onclick="alert(8)">x</div>',
        '```mermaid',
        'flowchart LR',
        '  A["<img src=x onerror=alert(9)>"] --> B',
        '```',
        '',
      ].join('\n');
    });
    assert.deepStrictEqual(k.issues, [], show(k.issues));
    const p = k.problems.find((x) => x.id === 'xss')!;
    assert.strictEqual(p.title, '<script>alert(1)</script><img src=x onerror=alert(2)>');
    const md = problemMarkdown(k, p);
    assert.ok(md.includes('<script>alert(7)</script>'), 'kept as text: the panel renders Markdown with html: false');
    assert.ok(md.includes('onerror=alert(9)'));
  });

  it('a YAML alias bomb: a clear issue on that file, the rest of the kit loads', () => {
    const k = loadExample((f) => { f['rubric.yaml'] = BOMB; });
    const i = k.issues.find((x) => x.code === 'kit-alias-limit');
    assert.ok(i, show(k.issues));
    assert.strictEqual(i.file, 'rubric.yaml');
    assert.match(i.message, /expands more than 100 aliases/);
    assert.ok(i.range && i.range.start.line === 2, 'on the first alias');
    assert.strictEqual(k.rubric, undefined);
    assert.strictEqual(k.problems.length, 2);
  });

  it('an alias bomb in a problem\'s front matter leaves the other problems', () => {
    const k = loadExample((f) => { f['problems/bomb.md'] = `---\n${BOMB}---\nbody\n`; });
    assert.deepStrictEqual(codes(k), ['problems/bomb.md kit-alias-limit']);
    assert.strictEqual(k.problems.length, 2);
  });

  it('a 5 MB problem file is refused unread, with an issue on it', () => {
    let read = false;
    const files = exampleFiles((f) => { f['problems/huge.md'] = `---\ntitle: x\n---\n${'a'.repeat(5 * 1024 * 1024)}`; });
    const reader = memoryReader(files);
    const k = loadKit({ ...reader, read: (p) => { if (p === 'problems/huge.md') read = true; return reader.read(p); } }, { builtIn: builtInKit() });
    assert.deepStrictEqual(k.issues.map((i) => [i.file, i.code, i.message]), [['problems/huge.md', 'kit-too-large', 'is 5.0 MiB; a kit file may be at most 1 MiB']]);
    assert.strictEqual(read, false);
    assert.strictEqual(k.problems.length, 2);
  });

  it('a file that grows past the limit after listing is refused when read', () => {
    const files = exampleFiles();
    const reader = memoryReader(files);
    const big = new Uint8Array(KIT_LIMITS.maxFileBytes + 1).fill(0x61);
    const k = loadKit({ ...reader, read: (p) => (p === 'problems/rate-limiter.md' ? big : reader.read(p)) }, { builtIn: builtInKit() });
    assert.deepStrictEqual(codes(k), ['problems/rate-limiter.md kit-too-large']);
  });

  it('2,000 problems load', function () {
    this.timeout(60000);
    const base = exampleFiles()['problems/rate-limiter.md'] as string;
    const k = loadExample((f) => {
      for (let i = 0; i < 2000; i++) f[`problems/gen-${i}.md`] = base.replace('id: rate-limiter', `id: gen-${i}`);
    });
    assert.deepStrictEqual(k.issues, []);
    assert.strictEqual(k.problems.length, 2002);
  });

  for (const [name, yaml] of [
    ['flow collections nested 10,000 deep', `deepDives: ${'['.repeat(10000)}${']'.repeat(10000)}`],
    ['block sequences nested 10,000 deep', `deepDives:\n  ${'- '.repeat(10000)}x`],
    ['flow maps nested 10,000 deep', `signals: ${'{a: '.repeat(10000)}1${'}'.repeat(10000)}`],
    ['collections nested 65 deep', `deepDives: ${'['.repeat(65)}${']'.repeat(65)}`],
  ] as const) {
    it(`YAML with ${name}: kit-too-deep on that file, the kit still loads`, () => {
      const text = `---\ntitle: Deep\ncategory: data-pipelines\nstatement: s\n${yaml}\n---\n`;
      const k = loadExample((f) => { f['problems/deep.md'] = text; });
      const deep = k.issues.filter((i) => i.code === 'kit-too-deep');
      assert.ok(deep.length >= 1, show(k.issues));
      assert.ok(deep.every((i) => i.file === 'problems/deep.md' && i.range && [4, 5].includes(i.range.start.line)), show(deep));
      assert.strictEqual(k.problems.length, 2);
    });
  }

  it('64 levels of nesting are still read (and then checked by the schema)', () => {
    const k = loadExample((f) => { f['problems/deep.md'] = `---\ntitle: Deep\ncategory: data-pipelines\nstatement: s\nfollowUps: ${'['.repeat(63)}${']'.repeat(63)}\n---\n`; });
    assert.deepStrictEqual(codes(k), ['problems/deep.md kit-invalid']);
  });

  it('invalid UTF-8: an issue at the first bad byte\'s line', () => {
    const text = exampleFiles()['problems/rate-limiter.md'] as string;
    const line = lineOf(text, 'statement:');
    const enc = new TextEncoder().encode(text);
    const at = text.split('\n').slice(0, line).join('\n').length + 1 + 3;
    const bytes = new Uint8Array(enc);
    bytes[at] = 0xff;
    const k = loadExample((f) => { f['problems/rate-limiter.md'] = bytes; });
    const i = k.issues.find((x) => x.code === 'kit-not-utf8')!;
    assert.ok(i, show(k.issues));
    assert.strictEqual(i.file, 'problems/rate-limiter.md');
    assert.deepStrictEqual(i.range!.start, { line, character: 3 });
    assert.match(i.message, /is not valid UTF-8 \(first bad byte at line \d+\)/);
    assert.deepStrictEqual(k.problems.map((p) => p.id), ['collaborative-editor']);
  });

  it('a truncated multi-byte sequence and overlong encodings are caught too', () => {
    for (const bad of [[0x61, 0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]]) {
      const k = loadExample((f) => { f['kit.yaml'] = new Uint8Array([...new TextEncoder().encode(f['kit.yaml'] as string), ...bad]); });
      assert.deepStrictEqual(codes(k), ['kit.yaml kit-not-utf8'], String(bad));
      assert.strictEqual(k.ok, false);
    }
  });

  it('a BOM and CRLF line ends are read, issues still on the right lines', () => {
    const k = loadExample((f) => {
      f['problems/rate-limiter.md'] = `\uFEFF${replaceIn(f['problems/rate-limiter.md'], 'category: traffic-and-reliability', 'category: nope').replace(/\n/g, '\r\n')}`;
    });
    const i = k.issues.find((x) => x.code === 'kit-unknown-category')!;
    assert.ok(i, show(k.issues));
    assert.strictEqual(i.range!.start.line, 3);
    assert.deepStrictEqual(i.range!.start, { line: 3, character: 10 });
    assert.deepStrictEqual(i.range!.end, { line: 3, character: 14 });
  });

  describe('on disk', () => {
    let dir: string;
    let outside: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-kit-'));
      outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-outside-'));
      fs.cpSync(EXAMPLE_KIT, dir, { recursive: true });
    });
    afterEach(() => {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    });

    it('a symlink out of the kit folder is an issue, not read; the rest loads', function () {
      fs.writeFileSync(path.join(outside, 'secret.md'), '---\ntitle: Secret\ncategory: data-pipelines\nstatement: s\n---\n');
      try {
        fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'problems', 'secret.md'));
        fs.symlinkSync(outside, path.join(dir, 'rubrics'));
      } catch {
        this.skip();
      }
      const k = loadKitFolder(dir, builtInKit());
      assert.deepStrictEqual(k.issues.map((i) => [i.file, i.code, i.message]).sort(), [
        ['problems/secret.md', 'kit-symlink-outside', 'is a link to a file outside the kit folder; it is not read'],
        ['rubrics', 'kit-symlink-outside', 'is a link to a file outside the kit folder; it is not read'],
      ]);
      assert.deepStrictEqual(k.problems.map((p) => p.id).sort(), ['collaborative-editor', 'rate-limiter']);
      assert.throws(() => fsKitReader(dir).read('problems/secret.md'), /outside the kit folder/);
      assert.throws(() => fsKitReader(dir).read('../x'), /leaves the kit folder/);
    });

    it('a symlink inside the kit folder is followed', function () {
      try {
        fs.mkdirSync(path.join(dir, 'shared'));
        fs.renameSync(path.join(dir, 'problems', 'rate-limiter.md'), path.join(dir, 'shared', 'rate-limiter.md'));
        fs.symlinkSync(path.join(dir, 'shared', 'rate-limiter.md'), path.join(dir, 'problems', 'rate-limiter.md'));
      } catch {
        this.skip();
      }
      const k = loadKitFolder(dir, builtInKit());
      assert.deepStrictEqual(k.issues, []);
      assert.strictEqual(k.problems.length, 2);
    });

    it('a 5 MB file on disk is refused by its listed size', () => {
      fs.writeFileSync(path.join(dir, 'problems', 'huge.md'), Buffer.alloc(5 * 1024 * 1024, 0x61));
      const k = loadKitFolder(dir, builtInKit());
      assert.deepStrictEqual(codes(k), ['problems/huge.md kit-too-large']);
    });

    it('a missing folder is a kit that is not ok, not a crash', () => {
      const k = loadKitFolder(path.join(dir, 'nope'), builtInKit());
      assert.strictEqual(k.ok, false);
      assert.ok(k.issues.length >= 1);
    });
  });
});
