import * as assert from 'assert';
import fc from 'fast-check';
import { readRubricRecord, rubricFingerprint, rubricRecordLine } from '../../src/core/kit/record';
import { resolveRubric } from '../../src/core/kit/rubricSource';
import type { KitRubric, LoadedKit } from '../../src/core/kit/types';
import { builtInKit, exampleFiles, loadExample, replaceIn } from '../fixtures/kits/memoryKit';

describe('rubric record of a feedback file', () => {
  it('round-trips kit, version and fingerprint, on a line Markdown does not show', () => {
    const kr = { version: '2.1', fingerprint: 'a1b2c3d4' };
    const line = rubricRecordLine('acme-backend', kr);
    assert.strictEqual(line, '<!-- sdi-kit: kit=acme-backend rubric=2.1 fingerprint=a1b2c3d4 -->');
    const r = readRubricRecord(`${line}\n## Feedback\n`)!;
    assert.deepStrictEqual(r, { kit: 'acme-backend', version: '2.1', fingerprint: 'a1b2c3d4', range: { start: { line: 0, character: 0 }, end: { line: 0, character: line.length } } });
  });

  it('round-trips any version text (property)', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 20 }).filter((v) => v.trim() !== '' && !/[\r\n]/.test(v)), (version) => {
      const line = rubricRecordLine('k', { version, fingerprint: '00000000' });
      assert.ok(!/\s-->.*-->/.test(line));
      assert.strictEqual(readRubricRecord(line)?.version, version);
    }), { numRuns: 300 });
  });

  it('is read from the first five lines only, and needs kit and rubric', () => {
    const line = rubricRecordLine('k', { version: '1', fingerprint: 'ffffffff' });
    assert.strictEqual(readRubricRecord(`a\nb\nc\nd\n${line}\n`)?.range.start.line, 4);
    assert.strictEqual(readRubricRecord(`a\nb\nc\nd\ne\n${line}\n`), undefined);
    assert.strictEqual(readRubricRecord('<!-- sdi-kit: kit=k -->'), undefined);
    assert.deepStrictEqual(readRubricRecord('<!-- sdi-kit: kit=k rubric=3 fingerprint=nothex -->'), { kit: 'k', version: '3', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 51 } } });
  });

  it('fingerprints what scoring reads: a weight, band min or scale changes it, a label does not', () => {
    const r = builtInKit().rubric!.rubric;
    const f = rubricFingerprint(r);
    assert.match(f, /^[0-9a-f]{8}$/);
    const weights = structuredClone(r);
    weights.dimensions[0].weight = 25;
    weights.dimensions[1].weight = 30;
    assert.notStrictEqual(rubricFingerprint(weights), f);
    const band = structuredClone(r);
    band.bands[0].min = 3.6;
    assert.notStrictEqual(rubricFingerprint(band), f);
    const scale = structuredClone(r);
    scale.scale.max = 5;
    assert.notStrictEqual(rubricFingerprint(scale), f);
    const label = structuredClone(r);
    label.dimensions[0].name = 'Architecture';
    label.bands[0].label = 'Yes!';
    assert.strictEqual(rubricFingerprint(label), f);
  });
});

describe('which rubric checks a feedback file', () => {
  let kit: LoadedKit;
  let archived: KitRubric;
  let builtIn: LoadedKit;
  before(() => {
    builtIn = builtInKit();
    const files = exampleFiles();
    kit = loadExample((f) => { f['rubrics/2.0.yaml'] = replaceIn(replaceIn(files['rubric.yaml'], 'version: "2.1"', 'version: "2.0"'), 'weight: 25', 'weight: 35').replace('weight: 10', 'weight: 0').replace(/ {2}- id: communication[\s\S]*?(?=bands:)/, ''); });
    assert.deepStrictEqual(kit.issues, []);
    archived = kit.archivedRubrics[0];
    assert.strictEqual(archived.version, '2.0');
  });
  const kits = () => [builtIn, kit];
  const withRecord = (kitId: string, version: string, fingerprint?: string) =>
    `# Notes\n<!-- sdi-kit: kit=${kitId} rubric=${version}${fingerprint ? ` fingerprint=${fingerprint}` : ''} -->\n### Scores (Weighted)\n`;

  it('no record: the workspace kit\'s rubric, else the built-in one', () => {
    const a = resolveRubric('### Scores (Weighted)\n', kits(), kit);
    assert.strictEqual(a.kit, kit);
    assert.strictEqual(a.rubric, kit.rubric);
    const b = resolveRubric('### Scores (Weighted)\n', kits());
    assert.strictEqual(b.kit, builtIn);
    assert.strictEqual(b.rubric, builtIn.rubric);
    assert.strictEqual(b.error, undefined);
  });

  it('a record of the current version: that rubric, no warning', () => {
    const r = resolveRubric(withRecord('acme-backend', '2.1', kit.rubric!.fingerprint), kits(), undefined);
    assert.strictEqual(r.rubric, kit.rubric);
    assert.strictEqual(r.warning, undefined);
    assert.strictEqual(r.record!.range.start.line, 1);
  });

  it('a record of an archived version: the archived rubric, so old feedback keeps its scores', () => {
    const r = resolveRubric(withRecord('acme-backend', '2.0', archived.fingerprint), kits(), kit);
    assert.strictEqual(r.rubric, archived);
    assert.strictEqual(r.kit, kit);
    assert.strictEqual(r.rubric.rubric.dimensions.length, 5);
  });

  it('a record of a kit or version the workspace does not have: one rubric-unknown error on the record line', () => {
    const a = resolveRubric(withRecord('other-team', '1'), kits(), kit);
    assert.strictEqual(a.rubric, undefined);
    assert.deepStrictEqual({ ...a.error, message: '' }, { code: 'rubric-unknown', severity: 'error', message: '', range: { start: { line: 1, character: 0 }, end: { line: 1, character: '<!-- sdi-kit: kit=other-team rubric=1 -->'.length } } });
    assert.match(a.error.message, /kit "other-team", which this workspace does not have/);
    const b = resolveRubric(withRecord('acme-backend', '1.0'), kits(), kit);
    assert.strictEqual(b.error!.code, 'rubric-unknown');
    assert.match(b.error!.message, /has no rubric version "1\.0" \(it has "2\.1", "2\.0"\)/);
  });

  it('a fingerprint that differs: the rubric of that version, with a rubric-changed warning', () => {
    const r = resolveRubric(withRecord('acme-backend', '2.1', '00000000'), kits(), kit);
    assert.strictEqual(r.rubric, kit.rubric);
    assert.strictEqual(r.warning!.code, 'rubric-changed');
    assert.strictEqual(r.warning!.severity, 'warning');
    assert.match(r.warning!.message, /changed without a new version/);
    assert.strictEqual(r.warning!.range.start.line, 1);
  });

  it('a workspace kit whose rubric is broken: kit-rubric-invalid, never the built-in rubric in its place', () => {
    const broken = loadExample((f) => { f['rubric.yaml'] = replaceIn(f['rubric.yaml'], 'weight: 25', 'weight: 20'); });
    const r = resolveRubric('### Scores (Weighted)\n', [builtIn, broken], broken);
    assert.strictEqual(r.error!.code, 'kit-rubric-invalid');
  });
});
