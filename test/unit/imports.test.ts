import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

/** Every .ts file under the folders, relative to ROOT with `/` separators. */
function sources(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const d of dirs) walk(d);
  return out.sort();
}

// Static imports and re-exports (type-only ones included: a cycle of types is still a cycle of
// modules that must be read together), dynamic `import()` and `require()`.
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The project files a file imports (bare package names left out), and the bare packages apart. */
function importsOf(file: string): { files: string[]; packages: string[] } {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const files: string[] = [];
  const packages: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (!spec.startsWith('.')) { packages.push(spec); continue; }
    const base = path.posix.join(path.posix.dirname(file), spec).replace(/\.js$/, '');
    const found = [`${base}.ts`, `${base}/index.ts`].find((f) => fs.existsSync(path.join(ROOT, f)));
    // `require('./features.js')` in the activation shell names the bundle, which is the module beside it.
    if (found) files.push(found);
  }
  return { files, packages };
}

const graph = new Map(sources('src', 'webview').map((f) => [f, importsOf(f)]));

/** The strongly connected components of more than one file (Tarjan), each sorted. */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.files ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || graph.get(v)!.files.includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('the layers of src/ and webview/', () => {
  it('have no import cycle (type-only imports included)', () => {
    assert.deepStrictEqual(cycles(), []);
  });

  it('finds a cycle when there is one (the walker itself can fail)', () => {
    graph.set('src/core/x-a.ts', { files: ['src/core/x-b.ts'], packages: [] });
    graph.set('src/core/x-b.ts', { files: ['src/core/x-a.ts'], packages: [] });
    try {
      assert.ok(cycles().some((c) => c.join() === 'src/core/x-a.ts,src/core/x-b.ts'), 'the injected cycle is not found');
    } finally {
      graph.delete('src/core/x-a.ts');
      graph.delete('src/core/x-b.ts');
    }
  });

  it('keep the core plain TypeScript: no vscode, nothing outside src/core', () => {
    for (const [file, { files, packages }] of graph) {
      if (!file.startsWith('src/core/')) continue;
      assert.ok(!packages.includes('vscode'), `${file} imports vscode`);
      for (const f of files) assert.ok(f.startsWith('src/core/'), `${file} imports ${f}`);
    }
  });

  it('let the CLI use the core and the Node-side readers, never a feature folder', () => {
    for (const [file, { files, packages }] of graph) {
      if (!file.startsWith('src/cli/')) continue;
      assert.ok(!packages.includes('vscode'), `${file} imports vscode`);
      for (const f of files) assert.ok(/^src\/(core|node|cli)\//.test(f), `${file} imports ${f}`);
    }
  });

  it('let the webview import only the protocol and the core (its test hooks also the test protocol)', () => {
    for (const [file, { files }] of graph) {
      if (!file.startsWith('webview/')) continue;
      const testing = file.startsWith('webview/testing/');
      for (const f of files) assert.ok(f.startsWith('webview/') || f === 'src/protocol.ts' || f.startsWith('src/core/') || (testing && f.startsWith('src/testing/')), `${file} imports ${f}`);
    }
  });
});
