import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { rubricRecordLine } from '../../src/core/kit/record';
import { installCli } from '../fixtures/cliPackage';
import { ROOT, fill } from '../fixtures/feedback/fill';
import { builtInKit } from '../fixtures/kits/memoryKit';

/** `sdi-feedback --submit` in a scratch folder: sealing, the refusal, the warning after an edit, and the report's row. */
describe('sdi-feedback --submit', () => {
  let dir: string;
  let cli: string;
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  const CLEAN = () => fill({ candidate: 'Ada Lovelace', interviewer: 'Grace', date: '2026-12-01', scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] });
  const SEALED_LINE = /^(<!-- sdi-kit: kit=builtin rubric=\S+ fingerprint=[0-9a-f]{8}) submitted=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) digest=(sha256:[0-9a-f]{64}) -->$/;

  before(() => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'cli.js')), 'dist/cli.js is missing: build first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-submit-cli-'));
    cli = installCli(path.join(dir, 'pkg'));
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('seals a feedback without a record line: the record of its rubric first, nothing else changed; then it checks clean', () => {
    write('ada.md', CLEAN());
    const r = run('--submit', 'ada.md');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(r.stderr, '');
    const [first, ...rest] = read('ada.md').split('\n');
    const m = SEALED_LINE.exec(first);
    assert.ok(m, first);
    assert.strictEqual(m[1], rubricRecordLine('builtin', builtInKit().rubric!).replace(' -->', ''), 'the record of the rubric it was checked against');
    assert.strictEqual(rest.join('\n'), CLEAN());
    assert.strictEqual(r.stdout, `ada.md: submitted ${m[2]} ${m[3]}\n`);
    assert.ok(Math.abs(Date.parse(m[2]) - Date.now()) < 60_000, 'now, in UTC');
    const check = run('ada.md');
    assert.deepStrictEqual([check.code, check.stdout], [0, '']);
  });

  it('an edit afterwards is a warning of the checker and of the report\'s row; submitting again updates the seal and clears it', () => {
    write('edit.md', CLEAN());
    assert.strictEqual(run('--submit', 'edit.md').code, 0);
    const sealed = read('edit.md');
    write('edit.md', sealed.replace('Some production experience', 'Some production experience, in payments'));
    const check = run('edit.md');
    assert.strictEqual(check.code, 0, 'a warning');
    assert.match(check.stdout, /^edit\.md:1:1 warning feedback-edited-after-submit This feedback was changed after it was submitted \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\): submit it again, or undo the change\n$/);
    assert.strictEqual(run('--fail-on', 'warning', 'edit.md').code, 1);
    const rows = () => (JSON.parse(run('--report', '--json', 'edit.md').stdout) as { rows: { submitted: string | null; editedAfterSubmit: boolean; warnings: number }[] }).rows;
    const [row] = rows();
    assert.deepStrictEqual([row.submitted, row.editedAfterSubmit, row.warnings], [SEALED_LINE.exec(sealed.split('\n')[0])![2], true, 1]);
    const again = run('--submit', 'edit.md');
    assert.strictEqual(again.code, 0, again.stderr);
    const resealed = read('edit.md');
    assert.notStrictEqual(SEALED_LINE.exec(resealed.split('\n')[0])![3], SEALED_LINE.exec(sealed.split('\n')[0])![3], 'a new digest');
    assert.strictEqual(resealed.split('\n').slice(1).join('\n'), sealed.replace('Some production experience', 'Some production experience, in payments').split('\n').slice(1).join('\n'));
    assert.deepStrictEqual([run('edit.md').stdout, rows()[0].editedAfterSubmit, rows()[0].warnings], ['', false, 0]);
  });

  it('refuses a file with errors (printed as the checker prints them, exit 1) and leaves it; seals the other files named', () => {
    const broken = fill({ scores: [3, 3, 'five', 3, 9] });
    write('broken.md', broken);
    write('fine.md', CLEAN());
    const checker = run('broken.md');
    const r = run('--submit', 'broken.md', 'fine.md');
    assert.strictEqual(r.code, 1);
    const errors = checker.stdout.split('\n').filter((l) => / error /.test(l));
    assert.strictEqual(errors.length, 2);
    assert.strictEqual(r.stdout.split('\n')[0] + '\n' + r.stdout.split('\n')[1], errors.join('\n'));
    assert.match(r.stdout, /^fine\.md: submitted \S+ sha256:[0-9a-f]{64}$/m);
    assert.strictEqual(r.stderr, 'sdi-feedback: broken.md is not submitted: 2 errors\n');
    assert.strictEqual(read('broken.md'), broken);
    assert.match(read('fine.md').split('\n')[0], SEALED_LINE);
  });

  it('keeps a byte-order mark and CRLF line breaks, and replaces an earlier seal in place', () => {
    const crlf = `\uFEFF${rubricRecordLine('builtin', builtInKit().rubric!)}\r\n${CLEAN().replace(/\n/g, '\r\n')}`;
    write('crlf.md', crlf);
    assert.strictEqual(run('--submit', 'crlf.md').code, 0);
    const sealed = read('crlf.md');
    assert.ok(sealed.startsWith('\uFEFF<!-- sdi-kit:'));
    assert.strictEqual(sealed.split('\r\n').length, crlf.split('\r\n').length);
    assert.strictEqual(sealed.slice(sealed.indexOf('\r\n')), crlf.slice(crlf.indexOf('\r\n')));
    assert.match(sealed.slice(1, sealed.indexOf('\r\n')), SEALED_LINE);
    write('crlf.md', sealed.replace(/\r\n/g, '\n'));
    assert.strictEqual(run('crlf.md').stdout, '', 'LF for CRLF is no edit');
  });

  it('exit 2 on a missing file or a usage error', () => {
    const missing = run('--submit', 'nothing.md');
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /cannot read nothing\.md/);
    for (const args of [['--submit'], ['--submit', '--json', 'x.md'], ['--submit', '--report', 'x.md'], ['--submit', '--fix', 'x.md'], ['--submit', '--fail-on', 'warning', 'x.md']]) {
      const r = run(...args);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^sdi-feedback: (no FILE given|--submit takes only --kit and --allow-half-points)\n/, args.join(' '));
    }
  });
});
