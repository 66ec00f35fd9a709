/**
 * The activation shell's bundle (`dist/extension.js`) with its features failing, in plain Node: a
 * copy of the shell beside a `features.js` of the test's, and a `vscode` module of stand-ins whose
 * command registry refuses a second registration and answers an unknown command with "not found",
 * as VS Code's does. (test/e2e/installed.e2e.mjs breaks the installed features.js in the real host.)
 */
import * as assert from 'assert';
import * as fs from 'fs';
import Module from 'module';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../..');

type Handler = (...args: unknown[]) => unknown;

/** A `vscode` with what the shell uses; `errors` are the error messages shown. */
function fakeVscode() {
  const commands = new Map<string, Handler>();
  const errors: string[] = [];
  class Disposable {
    constructor(private readonly onDispose: () => void = () => {}) {}
    dispose(): void { this.onDispose(); }
  }
  class EventEmitter {
    event = () => new Disposable();
    fire(): void {}
    dispose(): void {}
  }
  const none = () => new Disposable();
  const vscode = {
    Disposable, EventEmitter,
    Uri: { file: (fsPath: string) => ({ fsPath }) },
    commands: {
      registerCommand(id: string, handler: Handler) {
        if (commands.has(id)) throw new Error(`command '${id}' already exists`);
        commands.set(id, handler);
        return new Disposable(() => commands.delete(id));
      },
      executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
        if (id === 'setContext') return Promise.resolve();
        const handler = commands.get(id);
        return handler ? Promise.resolve(handler(...args)) : Promise.reject(new Error(`command '${id}' not found`));
      },
    },
    window: {
      createTreeView: none,
      registerWebviewPanelSerializer: none,
      showErrorMessage: (message: string) => { errors.push(message); return Promise.resolve(undefined); },
    },
    workspace: { textDocuments: [], workspaceFolders: undefined, onDidOpenTextDocument: none, registerTextDocumentContentProvider: none, fs: { stat: () => Promise.reject(new Error('none')) } },
  };
  return { vscode, errors };
}

/** Node's module loader, whose `_load` answers `require`. */
const loader = Module as unknown as { _load: (this: unknown, request: string, ...rest: unknown[]) => unknown };

/** Activates a copy of the shell in `dir` beside `features` (a features.js's source). */
function activateShell(dir: string, features: string) {
  fs.copyFileSync(path.join(ROOT, 'dist/extension.js'), path.join(dir, 'extension.js'));
  fs.writeFileSync(path.join(dir, 'features.js'), features);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const shell = require(path.join(dir, 'extension.js')) as typeof import('../../src/extension');
  const context = {
    subscriptions: [] as { dispose(): void }[],
    extension: { packageJSON: { contributes: { commands: [{ command: 't.one' }, { command: 't.two' }] }, activationEvents: [] } },
    workspaceState: { get: () => undefined },
  };
  return shell.activate(context as never);
}

describe('activation shell, its features failing', () => {
  // The shell and the features' files require `vscode`: the current test's, while these tests run.
  const load = loader._load;
  let current: ReturnType<typeof fakeVscode>['vscode'] | undefined;
  const dirs: string[] = [];
  before(() => {
    loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
      return request === 'vscode' ? current : load.call(this, request, ...rest);
    };
  });
  after(() => {
    loader._load = load;
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  const start = (features: string) => {
    const { vscode, errors } = fakeVscode();
    current = vscode;
    dirs.push(fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-shell-')));
    const api = activateShell(dirs[dirs.length - 1], features);
    return { api, errors, run: (id: string, ...args: unknown[]) => vscode.commands.executeCommand(id, ...args) };
  };

  it('a features.js that throws: every command says why, every time, and the API\'s parts are undefined', async () => {
    const { api, errors, run } = start("throw new Error('broken on purpose');\n");
    const said = 'System Design Interview Kit could not start: its features did not load. broken on purpose';
    await run('t.one');
    assert.deepStrictEqual(errors, [said]);
    await run('t.two');
    await run('t.one');
    assert.deepStrictEqual(errors, [said, said, said]);
    assert.strictEqual(api.library, undefined);
    assert.strictEqual(api.timer, undefined);
  });

  it('features that throw while starting: the commands they registered are theirs, the others say why', async () => {
    const { errors, run } = start(`const vscode = require('vscode');
exports.activateFeatures = () => {
  vscode.commands.registerCommand('t.one', (x) => 'one ran with ' + x);
  throw new Error('start failed');
};
`);
    await run('t.two');
    const said = 'System Design Interview Kit could not start: its features did not start. start failed';
    assert.deepStrictEqual(errors, [said]);
    assert.strictEqual(await run('t.one', 7), 'one ran with 7');
    await run('t.two');
    assert.deepStrictEqual(errors, [said, said]);
  });

  it('features that load: a stand-in runs their command with its arguments, and the API hands out their parts', async () => {
    const { api, errors, run } = start(`const vscode = require('vscode');
exports.activateFeatures = () => {
  for (const id of ['t.one', 't.two']) vscode.commands.registerCommand(id, (x) => id + ' ran with ' + x);
  return { api: { library: 'the library', tree: { onDidChangeTreeData: () => ({ dispose() {} }) } } };
};
`);
    assert.strictEqual(await run('t.two', 'x'), 't.two ran with x');
    assert.strictEqual(await run('t.one', 'y'), 't.one ran with y');
    assert.strictEqual(api.library, 'the library' as never);
    assert.deepStrictEqual(errors, []);
  });
});
