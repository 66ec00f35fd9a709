/**
 * Issue 23 item 1: while the workspace kit's rubric file does not load, feedback that would be
 * checked against it is checked against no other rubric: one `kit-rubric-invalid` error pointing at
 * the kit's error, in the core, the calibration rows and the CLI alike.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { feedbackRows, kitRubricResolver } from '../../src/core/calibration';
import { FEEDBACK_CODES } from '../../src/core/feedback';
import { rubricRecordLine } from '../../src/core/kit/record';
import { KIT_RUBRIC_INVALID_TITLE, resolveRubric } from '../../src/core/kit/rubricSource';
import type { LoadedKit } from '../../src/core/kit/types';
import { ROOT, fill } from '../fixtures/feedback/fill';
import { SIX_DIMENSION_RUBRIC, writeKit } from '../fixtures/feedback/kits';
import { builtInKit, exampleFiles, lineOf, loadExample, replaceIn } from '../fixtures/kits/memoryKit';

const FEEDBACK = '### Scores (Weighted)\n- Requirements (15%): 3 / 5\n';
const TOP = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The example kit with one weight lowered: its weights sum to 95. */
function weightsSumTo95(): LoadedKit {
  return loadExample((f) => { f['rubric.yaml'] = replaceIn(f['rubric.yaml'], 'weight: 25', 'weight: 20'); });
}

describe("a workspace kit whose rubric does not load (kit-rubric-invalid)", () => {
  it('the loader keeps the rubric file\'s first error, and gives the kit no rubric (not the built-in one)', () => {
    const kit = weightsSumTo95();
    assert.strictEqual(kit.ok, true);
    assert.strictEqual(kit.rubric, undefined);
    assert.strictEqual(kit.rubricError?.file, 'rubric.yaml');
    assert.strictEqual(kit.rubricError?.severity, 'error');
    assert.match(kit.rubricError.message, /sum to 95/);
    assert.ok(kit.rubricError.range, 'located');
  });

  it('a rubric.yaml that cannot be read as text is an error too, never the built-in rubric', () => {
    const kit = loadExample((f) => { f['rubric.yaml'] = new Uint8Array([0x76, 0x65, 0x72, 0xff, 0x0a]); });
    assert.strictEqual(kit.rubric, undefined);
    assert.strictEqual(kit.rubricError?.code, 'kit-not-utf8');
    assert.strictEqual(resolveRubric(FEEDBACK, [builtInKit(), kit], kit).error?.code, 'kit-rubric-invalid');
  });

  it('a kit without rubric.yaml (by design) uses the built-in rubric', () => {
    const kit = loadExample((f) => { delete f['rubric.yaml']; });
    assert.strictEqual(kit.rubricError, undefined);
    assert.strictEqual(kit.rubric?.rubric, builtInKit().rubric!.rubric);
    assert.strictEqual(resolveRubric(FEEDBACK, [builtInKit(), kit], kit).kit, kit);
  });

  it('a feedback without a record line: one error at the top naming the kit file and line, with the place as related information', () => {
    const kit = weightsSumTo95();
    const r = resolveRubric(FEEDBACK, [builtInKit(), kit], kit);
    assert.strictEqual(r.rubric, undefined, 'not checked against any rubric');
    const d = r.error;
    assert.strictEqual(d.code, 'kit-rubric-invalid');
    assert.strictEqual(d.severity, FEEDBACK_CODES['kit-rubric-invalid'].severity);
    assert.deepStrictEqual(d.range, TOP);
    const line = kit.rubricError!.range!.start.line;
    assert.ok(d.message.startsWith(KIT_RUBRIC_INVALID_TITLE), d.message);
    assert.ok(d.message.includes(`rubric.yaml:${line + 1}: `), d.message);
    assert.match(d.message, /sum to 95/);
    assert.deepStrictEqual(d.related, [{ path: `${kit.root}/rubric.yaml`, range: kit.rubricError!.range, message: `rubric.yaml:${line + 1}: ${kit.rubricError!.message}` }]);
  });

  it("a feedback recording the kit: the same error on its record line; an archived version that loads still checks", () => {
    const files = exampleFiles();
    const archivedYaml = replaceIn(files['rubric.yaml'], 'version: "2.1"', 'version: "2.0"');
    const kit = loadExample((f) => {
      f['rubrics/2.0.yaml'] = archivedYaml;
      f['rubric.yaml'] = replaceIn(f['rubric.yaml'], 'weight: 25', 'weight: 20');
    });
    const current = `# Feedback\n${rubricRecordLine(kit.id, { version: '2.1', fingerprint: '00000000' })}\n${FEEDBACK}`;
    const r = resolveRubric(current, [builtInKit(), kit], kit);
    assert.strictEqual(r.error?.code, 'kit-rubric-invalid');
    assert.strictEqual(r.error?.range.start.line, 1);
    const archived = resolveRubric(`${rubricRecordLine(kit.id, { version: '2.0', fingerprint: kit.archivedRubrics[0].fingerprint })}\n${FEEDBACK}`, [builtInKit(), kit], kit);
    assert.strictEqual(archived.rubric, kit.archivedRubrics[0]);
    // A record of the built-in guide names its own rubric, which loads.
    const builtIn = resolveRubric(`${rubricRecordLine('builtin', builtInKit().rubric!)}\n${FEEDBACK}`, [builtInKit(), kit], kit);
    assert.strictEqual(builtIn.kit, builtInKit());
  });

  it('a YAML syntax error is named with its line the same way', () => {
    const kit = loadExample((f) => { f['rubric.yaml'] = replaceIn(f['rubric.yaml'], 'weight: 25', 'weight: [25'); });
    const r = resolveRubric(FEEDBACK, [builtInKit(), kit], kit);
    assert.strictEqual(r.error?.code, 'kit-rubric-invalid');
    assert.strictEqual(kit.rubricError?.code, 'kit-yaml-syntax');
    assert.ok(r.error.message.includes(`rubric.yaml:${kit.rubricError.range!.start.line + 1}`), r.error.message);
  });

  it('calibration rows: a feedback document is a file not read with the same message; other Markdown is neither', () => {
    const kit = weightsSumTo95();
    const resolve = kitRubricResolver([builtInKit(), kit], kit);
    const read = feedbackRows('a.md', fill({ scores: [3, 3, 3, 3, 3] }), resolve);
    assert.deepStrictEqual(read.rows, []);
    assert.strictEqual(read.error, resolveRubric(FEEDBACK, [builtInKit(), kit], kit).error!.message);
    assert.deepStrictEqual(feedbackRows('README.md', '# About this folder\n', resolve), { rows: [] });
  });
});

describe('sdi-feedback with a kit whose rubric does not load', () => {
  const CLI = path.join(ROOT, 'dist', 'cli.js');
  let dir: string;
  let kitDir: string;
  let repo: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  before(() => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built (node esbuild.mjs)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-kit-rubric-invalid-'));
    kitDir = writeKit(path.join(dir, 'kit'), { rubric: { ...SIX_DIMENSION_RUBRIC, dimensions: SIX_DIMENSION_RUBRIC.dimensions.map((d, i) => (i === 0 ? { ...d, weight: d.weight - 5 } : d)) } });
    repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(repo, 'ada.md'), fill({ candidate: 'Ada', interviewer: 'Bob', date: '2024-03-15', scores: [3, 3, 3, 3, 3] }));
    fs.writeFileSync(path.join(repo, 'README.md'), '# Feedback of the loop\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('FILE --kit DIR: the file gets one kit-rubric-invalid error naming rubric.yaml and its line, no built-in checks', () => {
    const line = lineOf(fs.readFileSync(path.join(kitDir, 'rubric.yaml'), 'utf8'), 'dimensions:');
    const r = run('--kit', kitDir, path.join(repo, 'ada.md'));
    assert.strictEqual(r.code, 2, 'a kit error');
    const out = r.stdout.trim().split('\n');
    assert.strictEqual(out.length, 1, r.stdout);
    assert.match(out[0], /ada\.md:1:1 error kit-rubric-invalid Not checked: the kit's rubric has errors \(rubric\.yaml:(\d+): .*sum to 95/);
    assert.ok(Number(/rubric\.yaml:(\d+)/.exec(out[0])![1]) >= line + 1, out[0]);
  });

  it('--report --kit DIR: the feedback is under "Files not read" with the same message; the README is not', () => {
    const single = run('--kit', kitDir, path.join(repo, 'ada.md')).stdout;
    const message = single.slice(single.indexOf('Not checked')).trim();
    const r = run('--report', '--json', '--kit', kitDir, repo);
    assert.strictEqual(r.code, 2);
    const j = JSON.parse(r.stdout) as { rows: unknown[]; unreadable: { file: string; error: string }[] };
    assert.deepStrictEqual(j.rows, []);
    assert.deepStrictEqual(j.unreadable, [{ file: path.join(repo, 'ada.md'), error: message }]);
    assert.match(run('--report', '--kit', kitDir, repo).stdout, /Could not be read \(1\):\n.*ada\.md[\s\S]*Not checked: the kit's rubric has errors/i);
  });
});
