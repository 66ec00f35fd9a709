import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { scratchRepository } from '../fixtures/cliPackage';
import { ROOT } from '../fixtures/feedback/fill';

/** `sdi-feedback --check-loop` in a scratch hiring repository: the example kit, the docs' loop, an old feedback. */
describe('sdi-feedback --check-loop', () => {
  let repo: string;
  let run: ReturnType<typeof scratchRepository>['run'];

  before(() => {
    ({ repo, run } = scratchRepository('sdi-loop-cli-'));
    fs.cpSync(path.join(ROOT, 'examples', 'kit'), path.join(repo, '.interview-kit'), { recursive: true });
    const loop = /```yaml\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(ROOT, 'docs', 'loops.md'), 'utf8'))![1];
    fs.mkdirSync(path.join(repo, 'loops'));
    fs.writeFileSync(path.join(repo, 'loops', 'priya.loop.yaml'), loop);
    const filled = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'editor', 'filled.md'), 'utf8');
    fs.mkdirSync(path.join(repo, 'interview-feedback'));
    fs.writeFileSync(path.join(repo, 'interview-feedback', 'old.md'), filled.replace('Ada Lovelace', 'priya  RAMAN').replace('2026-11-20', '2025-03-02').replace('Design a Global Social Media Feed', 'Rate-Limiter'));
    fs.writeFileSync(path.join(repo, 'README.md'), '# Hiring\n');
  });

  it('checks every loop under a folder against the feedback there: the problem the candidate had, as a located warning (exit 0)', () => {
    const r = run('--check-loop', '--kit', '.interview-kit', '.');
    assert.strictEqual(r.stdout, 'loops/priya.loop.yaml:9:14 warning loop-problem-repeat interviews[0].problem: Priya Raman already had rate-limiter: interview-feedback/old.md (2025-03-02)\n');
    assert.strictEqual(r.stderr, '');
    assert.strictEqual(r.code, 0);
    assert.strictEqual(run('--check-loop', '--kit', '.interview-kit', '--fail-on', 'warning', '.').code, 1);
  });

  it('prints JSON with each loop\'s candidate, date and issues', () => {
    const r = run('--check-loop', '--kit', '.interview-kit', '--json', 'loops/priya.loop.yaml', 'interview-feedback/old.md');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(JSON.parse(r.stdout), [{
      file: 'loops/priya.loop.yaml', candidate: 'Priya Raman', date: '2026-12-10',
      issues: [{ code: 'loop-problem-repeat', severity: 'warning', path: 'interviews[0].problem', line: 9, column: 14, endLine: 9, endColumn: 26, message: 'interviews[0].problem: Priya Raman already had rate-limiter: interview-feedback/old.md (2025-03-02)' }],
    }]);
  });

  it('without the kit, the loop\'s kit is unknown: an error (exit 1); a missing file or no loop at all exits 2', () => {
    const r = run('--check-loop', 'loops');
    assert.match(r.stdout, /^loops\/priya\.loop\.yaml:4:6 error loop-kit-unknown kit: names no kit of this workspace \("acme-backend"\)/);
    assert.strictEqual(r.code, 1);
    const missing = run('--check-loop', 'nothing.loop.yaml');
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nothing\.loop\.yaml: cannot read: ENOENT/);
    const none = run('--check-loop', 'interview-feedback');
    assert.strictEqual(none.code, 2);
    assert.match(none.stderr, /no loop file \(\*\.loop\.yaml\) was found/);
    assert.match(run('--check-loop', '--report', '.').stderr, /--check-loop takes only --kit, --json, --format and --fail-on/);
  });
});
