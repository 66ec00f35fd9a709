import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse as parseYaml } from 'yaml';
import type { Rubric } from '../../src/core/content';
import { FEEDBACK_CODES, generateFeedbackTemplate } from '../../src/core/feedback';
import { KIT_ISSUE_CODES } from '../../src/core/kit';
import { LOOP_ISSUE_CODES } from '../../src/core/loop/codes';
import { installCli } from '../fixtures/cliPackage';

const ROOT = path.resolve(__dirname, '../../..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

/** The pages whose links must resolve: the README and every page of docs/. */
const PAGES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The page's lines with fenced code blanked (CommonMark: a closing fence of the same character, at least as long). */
function proseLines(text: string): string[] {
  let fence: string | undefined;
  return text.split(/\r\n|\r|\n/).map((line) => {
    const m = FENCE.exec(line);
    if (fence === undefined) {
      if (m) fence = m[1];
      return fence === undefined ? line : '';
    }
    if (m && m[1][0] === fence[0] && m[1].length >= fence.length && line.slice(m[0].length).trim() === '') fence = undefined;
    return '';
  });
}

/** A heading's anchor as GitHub makes it: its text lowercased, punctuation dropped, spaces as dashes. */
function slugOf(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    .replace(/[`*]/g, '');
  return text.trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
}

/** Every anchor a page offers: its headings' slugs (a repeated one gets -1, -2...) and its `<a id>` / `<a name>` anchors. */
function anchorsOf(text: string): Set<string> {
  const out = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const h = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (h) {
      const slug = slugOf(h[1]);
      const n = seen.get(slug) ?? 0;
      seen.set(slug, n + 1);
      out.add(n ? `${slug}-${n}` : slug);
    }
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) out.add(a[1]);
  }
  return out;
}

/** The targets of a page's Markdown links and images outside code. */
function linksOf(text: string): string[] {
  const out: string[] = [];
  for (const line of proseLines(text)) {
    const prose = line.replace(/`[^`]*`/g, '');
    for (const m of prose.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push(m[1]);
  }
  return out;
}

/** What is wrong with each relative link of `page` (a file that is not there, an anchor its page lacks). */
function brokenLinks(page: string): string[] {
  const broken: string[] = [];
  for (const target of linksOf(read(page))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:, command:: not a file of this repository
    const hash = target.indexOf('#');
    const file = hash < 0 ? target : target.slice(0, hash);
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = file ? path.join(path.dirname(page), decodeURIComponent(file)) : page;
    if (!fs.existsSync(path.join(ROOT, resolved))) {
      broken.push(`${page}: ${target} (no ${resolved})`);
      continue;
    }
    if (anchor !== undefined && resolved.endsWith('.md') && !anchorsOf(read(resolved)).has(anchor)) broken.push(`${page}: ${target} (${resolved} has no heading #${anchor})`);
  }
  return broken;
}

/** A section of docs/diagnostics.md: from its `### \`code\`` heading to the next heading. */
function diagnosticsSection(code: string): string | undefined {
  const docs = read('docs/diagnostics.md');
  return docs.split(/^(?=#{2,3} )/m).find((s) => s.startsWith(`### \`${code}\`\n`));
}

describe('documentation moves with the code', () => {
  const readme = read('README.md');
  const pkg = JSON.parse(read('package.json')) as { contributes: { commands: { command: string; title: string }[]; configuration: { properties: Record<string, { default: unknown }> } } };
  const nls = JSON.parse(read('package.nls.json')) as Record<string, string>;

  it('keeps the README to at most 300 lines', () => {
    const lines = readme.split('\n').length - (readme.endsWith('\n') ? 1 : 0);
    assert.ok(lines <= 300, `README.md has ${lines} lines`);
  });

  it('makes anchors as GitHub does', () => {
    assert.strictEqual(slugOf('`score-invalid`'), 'score-invalid');
    assert.strictEqual(slugOf('problems/&lt;id&gt;.md'), 'problemsidmd');
    assert.strictEqual(slugOf('Why plain HTML and not the webview UI toolkit'), 'why-plain-html-and-not-the-webview-ui-toolkit');
    assert.strictEqual(slugOf('The command line: `sdi-feedback`'), 'the-command-line-sdi-feedback');
    assert.deepStrictEqual([...anchorsOf('# A\n```\n# not a heading\n```\n## A\n<a id="x"></a>\n')], ['a', 'a-1', 'x']);
    assert.deepStrictEqual(linksOf('[a](b.md) `[c](d.md)` ![e](f.png)\n````\n[g](h.md)\n```\n[i](j.md)\n````\n'), ['b.md', 'f.png']);
  });

  it('resolves every relative link and anchor of the README and docs/', () => {
    assert.ok(PAGES.length >= 7, `docs/ holds ${PAGES.length - 1} pages`);
    assert.deepStrictEqual(PAGES.flatMap(brokenLinks), []);
  });

  it('documents every feedback code in docs/diagnostics.md with its severity and summary', () => {
    for (const [code, info] of Object.entries(FEEDBACK_CODES)) {
      const section = diagnosticsSection(code);
      assert.ok(section, `docs/diagnostics.md has no section for ${code}`);
      assert.ok(section.includes(`**Severity:** ${info.severity}\n`), `the section of ${code} gives its severity ${info.severity}`);
      assert.ok(section.includes(info.summary), `the section of ${code} gives its summary from codes.ts`);
      assert.ok(section.includes('**Fix:**'), `the section of ${code} says how to fix it`);
    }
  });

  it('documents every kit and loop code in docs/diagnostics.md with its summary and fix', () => {
    for (const [code, summary] of [...Object.entries(KIT_ISSUE_CODES), ...Object.entries(LOOP_ISSUE_CODES)]) {
      const section = diagnosticsSection(code);
      assert.ok(section, `docs/diagnostics.md has no section for ${code}`);
      assert.ok(section.includes(summary), `the section of ${code} gives its summary from codes.ts`);
      assert.ok(section.includes('**Fix:**'), `the section of ${code} says how to fix it`);
    }
  });

  it('lists every command with its title, and every setting with its default, in the README', () => {
    const rows = readme.split('\n').filter((l) => l.startsWith('| `sdi.'));
    for (const c of pkg.contributes.commands) {
      const title = nls[c.title.slice(1, -1)];
      assert.ok(rows.some((r) => r.startsWith(`| \`${c.command}\` | Interview: ${title}`)), `the README's commands table lacks ${c.command} (Interview: ${title})`);
    }
    for (const [key, setting] of Object.entries(pkg.contributes.configuration.properties)) {
      assert.ok(rows.some((r) => r.startsWith(`| \`${key}\` | \`${JSON.stringify(setting.default)}\` |`)), `the README's settings table lacks ${key} with its default`);
    }
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
    assert.deepStrictEqual(lines, ['npm ci && npm start', 'npm ci && npm test'], 'the quick start is the two commands');
    const ci = read('.ci/run');
    for (const part of lines[1].split('&&').map((s) => s.trim())) assert.ok(ci.includes(part), `.ci/run does not run "${part}"`);
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    assert.ok(scripts.start && scripts.test && scripts.package, 'package.json has the start, test and package scripts the README names');
  });
});

describe('the reference pages hold what the code does', () => {
  let tmp = '';
  let cli = '';
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-docs-'));
    cli = installCli(path.join(tmp, 'pkg'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** The files of kit-format.md's complete example: each fenced block after a `<!-- kit-example: path -->` line. */
  function exampleKit(): Record<string, string> {
    const files: Record<string, string> = {};
    const page = read('docs/kit-format.md');
    for (const m of page.matchAll(/<!-- kit-example: (\S+) -->\n(`{3,})[a-z]*\n([\s\S]*?)\n\2\n/g)) files[m[1]] = `${m[3]}\n`;
    return files;
  }

  it("kit-format.md's complete example is a kit with no issue", () => {
    const files = exampleKit();
    assert.deepStrictEqual(Object.keys(files).sort(), ['feedback-template.md', 'kit.yaml', 'problems/job-scheduler.md', 'rubric.yaml']);
    const kit = path.join(tmp, 'example-kit');
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(kit, file)), { recursive: true });
      fs.writeFileSync(path.join(kit, file), text);
    }
    const r = spawnSync(process.execPath, [cli, '--check-kit', kit, '--json'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as { problems: number; issues: unknown[] };
    assert.deepStrictEqual({ problems: out.problems, issues: out.issues }, { problems: 1, issues: [] });
  });

  it('kit-format.md shows the template generated from the example rubric as it is generated', () => {
    const rubric = parseYaml(exampleKit()['rubric.yaml']) as Rubric;
    const generated = generateFeedbackTemplate(rubric, { name: 'Platform Team Interview Kit' });
    const page = read('docs/kit-format.md');
    assert.ok(page.includes(`\`\`\`markdown\n${generated.trimEnd()}\n\`\`\`\n`), 'the generated template on the page differs from generateFeedbackTemplate');
  });

  it('cli.md documents every flag the usage names', () => {
    const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0);
    const flags = [...new Set(r.stdout.match(/--[a-z][a-z-]*/g) ?? [])];
    assert.ok(flags.length >= 9, `the usage names ${flags.join(' ')}`);
    const page = read('docs/cli.md');
    for (const f of flags) assert.ok(page.includes(`| \`${f}`), `docs/cli.md has no row for ${f}`);
    // The usage lines are quoted as the CLI prints them.
    const usage = r.stdout.split('\n').filter((l) => /^\s*(usage: )?sdi-feedback /.test(l));
    for (const l of usage) assert.ok(page.includes(l), `docs/cli.md does not quote the usage line "${l.trim()}"`);
  });
});
