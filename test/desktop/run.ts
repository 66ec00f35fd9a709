/**
 * `npm run test:desktop`: the same integration tests in a desktop VS Code, downloaded by
 * @vscode/test-electron. Needs a network that reaches VS Code's download site and a display
 * (or xvfb-run); CI here uses the offline code-server host instead (`test/host/run.mjs`).
 */
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  try {
    await runTests({
      version: process.env.VSCODE_VERSION ?? '1.139.0',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/integration/index.js'),
      launchArgs: [path.join(root, 'test/fixtures/workspace'), '--disable-extensions', '--skip-welcome'],
    });
  } catch (e) {
    console.error(`Desktop integration tests failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

void main();
