import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { printErr, printOut } from '../../src/cli/output';
import { ROOT, fill } from '../fixtures/feedback/fill';

// The modules themselves, not the namespace copies an import makes: the output module reads their
// functions at each call, so replacing them here is what it sees.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeFs = require('fs') as typeof import('fs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const nodeTty = require('tty') as typeof import('tty');

describe('CLI output (src/cli/output.ts)', () => {
  it('writes to a terminal through the stream (Windows consoles garble UTF-8 written straight to it), elsewhere straight to the descriptor', () => {
    const streamed: string[] = [];
    const direct: [number, string][] = [];
    const { isatty } = nodeTty;
    const { writeSync } = nodeFs;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- put back as it was, never called apart from its stream
    const write = process.stdout.write;
    nodeTty.isatty = (fd) => fd === 1;
    process.stdout.write = (chunk: string | Uint8Array) => {
      streamed.push(String(chunk));
      return true;
    };
    nodeFs.writeSync = ((fd: number, buffer: Buffer, offset?: number | null) => {
      direct.push([fd, buffer.subarray(offset ?? 0).toString()]);
      return buffer.length - (offset ?? 0);
    }) as typeof nodeFs.writeSync;
    try {
      printOut('9.5 – 10 … −0.25\n');
      printErr('Calibration: 3 feedback files – 1 unread\n');
    } finally {
      nodeTty.isatty = isatty;
      nodeFs.writeSync = writeSync;
      process.stdout.write = write;
    }
    assert.deepStrictEqual(streamed, ['9.5 – 10 … −0.25\n']);
    assert.deepStrictEqual(direct, [[2, 'Calibration: 3 feedback files – 1 unread\n']]);
  });

  it('prints a whole report to a terminal as to a pipe, its − and × included', function () {
    const cli = path.join(ROOT, 'dist', 'cli.js');
    // util-linux `script` runs the CLI on a pseudo-terminal.
    if (process.platform !== 'linux' || spawnSync('script', ['--version']).status !== 0) this.skip();
    assert.ok(fs.existsSync(cli), `${cli} is missing: build first (node esbuild.mjs)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdi-tty-'));
    try {
      fs.writeFileSync(path.join(dir, 'a.md'), fill({ candidate: 'Ada', interviewer: 'Alice', date: '2024-03-01', scores: [4, 4, 4, 4, 4] }));
      fs.writeFileSync(path.join(dir, 'b.md'), fill({ candidate: 'Ada', interviewer: 'Bob', date: '2024-03-02', scores: [2, 2, 2, 2, 2] }));
      const args = [cli, '--report', '--min-n', '1', dir];
      const piped = spawnSync(process.execPath, args, { encoding: 'utf8' });
      assert.match(piped.stdout, /\u2212/, 'the report has a minus sign to print');
      const command = [process.execPath, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const onTerminal = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8' });
      assert.strictEqual(onTerminal.status, piped.status);
      // The terminal turns each line break into CR LF.
      assert.strictEqual(onTerminal.stdout.replace(/\r\n/g, '\n'), piped.stdout);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
