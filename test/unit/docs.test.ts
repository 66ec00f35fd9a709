import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { FEEDBACK_CODES } from '../../src/core/feedback';
import { KIT_ISSUE_CODES } from '../../src/core/kit';

const ROOT = path.resolve(__dirname, '../../..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('documentation moves with the code', () => {
  const readme = read('README.md');
  const pkg = JSON.parse(read('package.json')) as { contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, unknown> } } };
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;

  it('documents every diagnostic code with its severity and an anchor the diagnostics link to', () => {
    for (const [code, info] of Object.entries(FEEDBACK_CODES)) {
      assert.ok(readme.includes(`| <a id="${code}"></a>\`${code}\` | ${info.severity} |`), `README lacks the row of ${code} (${info.severity})`);
    }
  });

  it('documents every kit code with an anchor the kit diagnostics link to', () => {
    for (const code of Object.keys(KIT_ISSUE_CODES)) {
      assert.ok(readme.includes(`| <a id="${code}"></a>\`${code}\` |`), `README lacks the row of ${code}`);
    }
  });

  it('documents every command and setting', () => {
    for (const c of pkg.contributes.commands) assert.ok(readme.includes(`\`${c.command}\``), `README lacks ${c.command}`);
    for (const k of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes(`\`${k}\``), `README lacks ${k}`);
  });

  it('has every user-visible manifest string in package.nls.json', () => {
    const refs = JSON.stringify(pkg).match(/"%[^"%]+%"/g) ?? [];
    for (const r of refs) assert.ok(r.slice(2, -2) in nls, `package.nls.json lacks ${r}`);
    for (const c of pkg.contributes.commands) assert.match(c.title, /^%.+%$/, `${c.command} title is not localized`);
  });

  it('runs in CI the test command the README gives', () => {
    const quick = /## Quick start[\s\S]*?```sh\n([\s\S]*?)```/.exec(readme);
    assert.ok(quick, 'README has no quick start');
    const lines = quick[1].trim().split('\n').map((l) => l.replace(/\s+#.*$/, '').trim());
    assert.strictEqual(lines.length, 2, 'the quick start is two commands');
    const ci = read('.ci/run');
    const testCommand = lines[1];
    for (const part of testCommand.split('&&').map((s) => s.trim())) assert.ok(ci.includes(part), `.ci/run does not run "${part}"`);
  });
});
