/**
 * The pre-commit hook (`.pre-commit-hooks.yaml`) tried with the pre-commit framework, as a hiring
 * repository uses it: `pre-commit try-repo` on a scratch repository with staged feedback. Debian's
 * `pre-commit` must be on the PATH (test/host/install.sh installs it, and `npm test` runs that first).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, fill } from '../fixtures/feedback/fill';

describe('the pre-commit hook, tried with the pre-commit framework', function () {
  this.timeout(120_000);
  let dir: string;
  const repo = () => path.join(dir, 'hiring');
  const run = (cmd: string, args: string[]) => {
    // pre-commit's own cache in the scratch folder; git without the user's configuration.
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(dir, 'cache'), GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1' };
    return spawnSync(cmd, args, { cwd: repo(), encoding: 'utf8', env });
  };
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo(), rel)), { recursive: true });
    fs.writeFileSync(path.join(repo(), rel), text);
  };
  const tryHook = (...files: string[]) => run('pre-commit', ['try-repo', ROOT, 'sdi-feedback', '--files', ...files]);

  before(function () {
    const found = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.strictEqual(found.status, 0, 'pre-commit is not on the PATH: test/host/install.sh installs Debian\'s package (apt-get install pre-commit)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-pre-commit-'));
    fs.mkdirSync(repo());
    assert.strictEqual(run('git', ['init', '-q']).status, 0);
    write('interview-feedback/good.md', fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'], candidate: 'Ada', interviewer: 'Grace' }));
    write('interview-feedback/bad.md', fill({ scores: [3, 3, 7, 3, 3], weighted: '3.20', recommend: ['hire'], candidate: 'Ada', interviewer: 'Linus' }));
    write('interview-feedback/2026 panel/bad too.md', fill({ scores: [3, 3, 9, 3, 3], weighted: '3.20', recommend: ['hire'], candidate: 'Bob', interviewer: 'Linus' }));
    write('README.md', '# Hiring\n');
    assert.strictEqual(run('git', ['add', '.']).status, 0);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('passes a repository whose staged feedback is right', () => {
    const r = tryHook('interview-feedback/good.md', 'README.md');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /sdi-feedback \(interview feedback\)\.+Passed/);
  });

  it('fails a commit with a wrong score, naming the file, line and code', () => {
    const r = tryHook('interview-feedback/good.md', 'interview-feedback/bad.md');
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /sdi-feedback \(interview feedback\)\.+Failed/);
    assert.match(r.stdout, /::error file=interview-feedback\/bad\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=score-invalid::/);
    assert.doesNotMatch(r.stdout, /file=interview-feedback\/good\.md/);
  });

  it('checks a staged file whose path holds spaces as one file', () => {
    const r = tryHook('interview-feedback/2026 panel/bad too.md', 'interview-feedback/good.md');
    assert.strictEqual(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /::error file=interview-feedback\/2026 panel\/bad too\.md,line=\d+,.*title=score-invalid::/);
    assert.doesNotMatch(r.stdout, /cannot read/);
  });

  it('leaves files outside the feedback folder alone', () => {
    const r = tryHook('README.md');
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /sdi-feedback \(interview feedback\)\.+\(no files to check\)Skipped/);
  });
});
