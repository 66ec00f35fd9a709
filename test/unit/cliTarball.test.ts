import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, fill } from '../fixtures/feedback/fill';

/**
 * The package of the command line alone (`sdi-feedback-<version>.tgz`, written by cli-package.mjs),
 * installed as a hiring repository would: into an empty folder, offline, with the registry pointed at
 * an address nothing answers on, so an install that needed the network would fail.
 */
describe('sdi-feedback-<version>.tgz installed offline in an empty repository', function () {
  this.timeout(120_000);
  let dir: string;
  let bin: string;
  const repo = () => path.join(dir, 'hiring');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { cwd: repo(), encoding: 'utf8' });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  before(function () {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-tarball-'));
    const packed = spawnSync(process.execPath, [path.join(ROOT, 'cli-package.mjs'), '--out', dir], { cwd: ROOT, encoding: 'utf8' });
    assert.strictEqual(packed.status, 0, packed.stderr);
    const tarball = packed.stdout.trim();
    fs.mkdirSync(repo());
    fs.writeFileSync(path.join(repo(), 'package.json'), '{ "name": "hiring", "private": true }\n');
    const env = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/', npm_config_cache: path.join(dir, 'npm-cache'), npm_config_update_notifier: 'false' };
    const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: repo(), encoding: 'utf8', env });
    assert.strictEqual(install.status, 0, install.stdout + install.stderr);
    bin = path.join(repo(), 'node_modules', '.bin', 'sdi-feedback');
    fs.mkdirSync(path.join(repo(), 'interview-feedback'));
    fs.writeFileSync(path.join(repo(), 'interview-feedback', 'a.md'), fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }));
    fs.writeFileSync(path.join(repo(), 'interview-feedback', 'b.md'), fill({ scores: [3, 3, 7, 3, 3], weighted: '3.20', recommend: ['hire'] }));
    fs.cpSync(path.join(ROOT, 'examples', 'kit'), path.join(repo(), '.interview-kit'), { recursive: true });
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it('holds the bin, the bundles, the content, a README and the license, and no dependencies', () => {
    const pkg = path.join(repo(), 'node_modules', 'sdi-feedback');
    const manifest = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.deepStrictEqual(manifest.bin, { 'sdi-feedback': 'dist/cli.js' });
    assert.strictEqual(manifest.dependencies, undefined);
    for (const f of ['dist/cli.js', 'dist/cli-kits.js', 'dist/builtin-kit.json', 'content/kit.yaml', 'README.md', 'LICENSE']) assert.ok(fs.existsSync(path.join(pkg, f)), f);
    assert.deepStrictEqual(fs.readdirSync(path.join(repo(), 'node_modules')).filter((f) => !f.startsWith('.')), ['sdi-feedback']);
  });

  it('checks feedback (a folder), and exits 1 on the error', () => {
    const r = run('interview-feedback');
    assert.match(r.stdout, /^interview-feedback[\\/]b\.md:\d+:\d+ error score-invalid /);
    assert.strictEqual(r.stdout.trimEnd().split('\n').length, 1, r.stdout);
    assert.strictEqual(r.code, 1);
  });

  it('checks against a team kit (--kit) and checks the kit (--check-kit)', () => {
    const kit = run('--check-kit', '.interview-kit', '--json');
    assert.strictEqual(kit.code, 0, kit.stdout + kit.stderr);
    assert.strictEqual((JSON.parse(kit.stdout) as { id: string }).id, 'acme-backend');
    const r = run('--kit', '.interview-kit', '--json', 'interview-feedback/a.md');
    assert.strictEqual(r.stderr, '');
    // The built-in template's dimensions are not the team rubric's: the kit's rubric is the one checked against.
    assert.ok((JSON.parse(r.stdout) as { diagnostics: { code: string }[] }[])[0].diagnostics.some((d) => d.code === 'score-missing' || d.code === 'dimension-unknown'), r.stdout);
  });

  it('prints the calibration report (--report)', () => {
    const r = run('--report', '--json', 'interview-feedback');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual((JSON.parse(r.stdout) as { rows: unknown[] }).rows.length, 2);
  });

  it('runs as a local pre-commit hook from the installed package: a commit of wrong feedback fails with its annotation', function () {
    // The hook a hiring repository writes itself, needing nothing of this repository (docs/cli.md, "The pre-commit hook").
    if (spawnSync('pre-commit', ['--version']).status !== 0) assert.fail('pre-commit is not on the PATH: test/host/install.sh installs Debian\'s package');
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(dir, 'pre-commit-cache'), GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', NO_COLOR: '1', npm_config_registry: 'http://127.0.0.1:9/', npm_config_offline: 'true' };
    const git = (...args: string[]) => assert.strictEqual(spawnSync('git', args, { cwd: repo(), env }).status, 0, `git ${args.join(' ')}`);
    fs.writeFileSync(path.join(repo(), '.pre-commit-config.yaml'), [
      'repos:',
      '  - repo: local',
      '    hooks:',
      '      - id: sdi-feedback',
      '        name: sdi-feedback',
      '        entry: npx --no-install sdi-feedback --format github',
      '        language: system',
      '        files: ^interview-feedback/.*\\.md$',
      '',
    ].join('\n'));
    git('init', '-q');
    git('add', '.pre-commit-config.yaml', 'interview-feedback');
    const hook = (...files: string[]) => spawnSync('pre-commit', ['run', '--files', ...files], { cwd: repo(), encoding: 'utf8', env });
    const good = hook('interview-feedback/a.md');
    assert.strictEqual(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /sdi-feedback\.+Passed/);
    const bad = hook('interview-feedback/a.md', 'interview-feedback/b.md');
    assert.strictEqual(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /::error file=interview-feedback\/b\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=score-invalid::/);
  });

  it('prints the debrief (--debrief): one candidate, its feedback not fully scored left out of the figures', () => {
    const r = run('--debrief', '--json', 'interview-feedback');
    assert.strictEqual(r.code, 0, r.stderr);
    const { candidates } = JSON.parse(r.stdout) as { candidates: { candidate: string; feedbacks: { counted: boolean }[]; combined: { n: number } }[] };
    assert.deepStrictEqual(candidates.map((c) => [c.candidate, c.feedbacks.map((f) => f.counted), c.combined.n]), [['Ada Lovelace', [true, false], 1]]);
  });
});
