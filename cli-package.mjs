// Writes `sdi-feedback-<version>.tgz`: the command line alone as an npm package, for a hiring
// repository to install without this extension (`npm install --save-dev ./sdi-feedback-<version>.tgz`).
// It is packed (`npm pack`) from a folder generated under dist/ (dist/sdi-feedback/) from the build:
// the CLI's bundles and what they load (the kit loader, the built-in guide's snapshot and its
// content/ folder), a README of its own and the license. No runtime dependencies: the bundles hold
// them. Run after `node esbuild.mjs` (`npm run package` does, after the production build).
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));
/** What dist/cli.js loads from dist/: the kit loader when first needed, and the built-in guide's snapshot. */
const DIST_FILES = ['cli.js', 'cli-kits.js', 'builtin-kit.json'];

/** Stages the package in dist/sdi-feedback/ and packs it into `outDir`; returns the tarball's path. */
export function packCli(outDir = ROOT) {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const stage = join(ROOT, 'dist', 'sdi-feedback');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'dist'), { recursive: true });
  for (const f of DIST_FILES) {
    if (!existsSync(join(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: build first (node esbuild.mjs)`);
    copyFileSync(join(ROOT, 'dist', f), join(stage, 'dist', f));
  }
  cpSync(join(ROOT, 'content'), join(stage, 'content'), { recursive: true });
  copyFileSync(join(ROOT, 'src', 'cli', 'package-README.md'), join(stage, 'README.md'));
  copyFileSync(join(ROOT, 'LICENSE'), join(stage, 'LICENSE'));
  const manifest = {
    name: 'sdi-feedback',
    version: pkg.version,
    description: 'Checks interview feedback documents against the System Design Interview Kit rubric (or your team kit\'s), checks kits, and prints the calibration report: the command line of the System Design Interview Kit.',
    license: pkg.license,
    bin: { 'sdi-feedback': 'dist/cli.js' },
    files: ['dist/', 'content/'],
    engines: { node: pkg.engines.node },
    ...(pkg.repository ? { repository: pkg.repository } : {}),
    ...(pkg.homepage ? { homepage: pkg.homepage } : {}),
  };
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(outDir, { recursive: true });
  const r = spawnSync('npm', ['pack', '--silent', '--pack-destination', resolve(outDir)], { cwd: stage, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stdout}${r.stderr}`);
  return join(resolve(outDir), `sdi-feedback-${pkg.version}.tgz`);
}

// `node cli-package.mjs [--out DIR]` prints the tarball's path (written to the repository's root by default).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  console.log(packCli(at > 0 ? process.argv[at + 1] : ROOT));
}
