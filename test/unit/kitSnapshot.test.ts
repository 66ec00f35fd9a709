// The built-in kit's build-time snapshot (issue 10: cheap activation): it gives back exactly the kit
// the full load gives, and only while it was made from the same content.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kitFromSnapshot, kitSnapshot, SNAPSHOT_FORMAT } from '../../src/core/kit/snapshot';
import type { LoadedKit } from '../../src/core/kit/types';
import { MarkdownOutline } from '../../src/core/markdownSections';
import { contentKey, loadBuiltInGuide, writeBuiltInSnapshot } from '../../src/node/builtIn';
import { loadBuiltInKitFolder } from '../../src/node/fsKitReader';
import { ROOT } from '../fixtures/kits/memoryKit';

const CONTENT = path.join(ROOT, 'content');

/** The kit as comparable data: the outline by its text and headings, everything else as it is. */
const comparable = (k: LoadedKit): unknown => JSON.parse(JSON.stringify({ ...k, guide: k.guide && { text: k.guide.text, headings: k.guide.headings } }));

/** Paths of values that are not plain JSON data (a Map, a class instance...), which a snapshot would lose. */
function notPlain(v: unknown, at: string, out: string[] = []): string[] {
  if (v === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof v)) return out;
  if (Array.isArray(v)) v.forEach((x, i) => notPlain(x, `${at}[${i}]`, out));
  else if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) for (const [k, x] of Object.entries(v)) notPlain(x, `${at}.${k}`, out);
  else out.push(`${at}: ${Object.prototype.toString.call(v)}`);
  return out;
}

describe('built-in kit snapshot', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-snapshot-'));
    fs.cpSync(CONTENT, path.join(dir, 'content'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds only plain data besides the guide outline, which it rebuilds from its text', () => {
    const kit = loadBuiltInKitFolder(CONTENT);
    assert.deepStrictEqual(notPlain({ ...kit, guide: undefined }, 'kit'), []);
    const back = kitFromSnapshot(kitSnapshot(kit, 'k'), 'k');
    assert.ok(back);
    assert.ok(back.guide instanceof MarkdownOutline);
    assert.deepStrictEqual(back.guide.section('Evaluation Rubric'), kit.guide!.section('Evaluation Rubric'));
  });

  it('gives back the same kit and guide content as loading the content', () => {
    const content = path.join(dir, 'content');
    const file = path.join(dir, 'builtin-kit.json');
    writeBuiltInSnapshot(content, file);
    const fast = loadBuiltInGuide(content, file);
    const full = loadBuiltInGuide(content);
    assert.strictEqual(fast.fromSnapshot, true);
    assert.strictEqual(full.fromSnapshot, false);
    assert.deepStrictEqual(comparable(fast.kit), comparable(full.kit));
    assert.deepStrictEqual(fast.content.problems, full.content.problems);
    assert.deepStrictEqual(fast.content.rubric, full.content.rubric);
    assert.strictEqual(fast.content.guide.text, full.content.guide.text);
  });

  it('is not used once a content file changes, is added or is removed: the content is loaded again', () => {
    const content = path.join(dir, 'content');
    const file = path.join(dir, 'builtin-kit.json');
    writeBuiltInSnapshot(content, file);
    const phases = path.join(content, 'phases.json');
    fs.writeFileSync(phases, fs.readFileSync(phases, 'utf8').replace('"Problem Introduction"', '"Introductions"'));
    const changed = loadBuiltInGuide(content, file);
    assert.strictEqual(changed.fromSnapshot, false);
    assert.strictEqual(changed.kit.phases.phases[0].title, 'Introductions');
    writeBuiltInSnapshot(content, file);
    assert.strictEqual(loadBuiltInGuide(content, file).fromSnapshot, true);
    fs.writeFileSync(path.join(content, 'notes.txt'), 'x');
    assert.strictEqual(loadBuiltInGuide(content, file).fromSnapshot, false);
  });

  it('is no snapshot when missing, malformed, of another format or another key', () => {
    const kit = loadBuiltInKitFolder(CONTENT);
    const key = contentKey(CONTENT);
    const good = kitSnapshot(kit, key);
    assert.ok(kitFromSnapshot(good, key));
    assert.strictEqual(kitFromSnapshot(good, 'other'), undefined);
    assert.strictEqual(kitFromSnapshot(good.slice(0, 100), key), undefined);
    assert.strictEqual(kitFromSnapshot('null', key), undefined);
    assert.strictEqual(kitFromSnapshot(JSON.stringify({ ...JSON.parse(good), format: SNAPSHOT_FORMAT + 1 }), key), undefined);
    assert.strictEqual(kitFromSnapshot(JSON.stringify({ ...JSON.parse(good), kit: { ...kit, guide: undefined } }), key), undefined);
    assert.strictEqual(loadBuiltInGuide(CONTENT, path.join(dir, 'missing.json')).fromSnapshot, false);
  });
});
