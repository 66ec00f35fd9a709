/**
 * The activation shell's rules (src/core/activation.ts) against the real manifest, and the shell's
 * bundle: `dist/extension.js` holds the shell alone (the features, zod and their schemas are in
 * `dist/features.js`), so activation compiles and runs a few kilobytes.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { contributedCommands, EDITABLE_SCHEMES, mayBeFeedback, revivedPanelTypes } from '../../src/core/activation';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { activationEvents: string[]; contributes: { commands: { command: string }[] } };

describe('activation shell', () => {
  it('answers every command the manifest contributes', () => {
    const ids = contributedCommands(manifest);
    assert.strictEqual(ids.length, manifest.contributes.commands.length);
    for (const id of ['sdi.openItem', 'sdi.startInterview', 'sdi.addNote', 'sdi.showCalibration', 'sdi.newFeedback']) assert.ok(ids.includes(id), id);
    assert.deepStrictEqual(contributedCommands(undefined), []);
    assert.deepStrictEqual(contributedCommands({ contributes: { commands: 'x' } }), []);
    assert.deepStrictEqual(contributedCommands({ contributes: { commands: [{ command: 3 }, null, { command: 'a' }] } }), ['a']);
  });

  it('revives the guide, calibration and debrief panels the manifest activates on', () => {
    assert.deepStrictEqual(revivedPanelTypes(manifest.activationEvents).sort(), ['sdi.calibration', 'sdi.debrief', 'sdi.guidePanel']);
    assert.deepStrictEqual(revivedPanelTypes(undefined), []);
  });

  it('loads the features for Markdown a user writes, not for other documents', () => {
    for (const scheme of EDITABLE_SCHEMES) assert.ok(mayBeFeedback({ languageId: 'markdown', uri: { scheme } }), scheme);
    assert.ok(!mayBeFeedback({ languageId: 'markdown', uri: { scheme: 'git' } }));
    assert.ok(!mayBeFeedback({ languageId: 'markdown', uri: { scheme: 'output' } }));
    assert.ok(!mayBeFeedback({ languageId: 'typescript', uri: { scheme: 'file' } }));
  });

  it('bundles the shell without the features', () => {
    const shell = fs.readFileSync(path.join(ROOT, 'dist/extension.js'), 'utf8');
    const features = fs.readFileSync(path.join(ROOT, 'dist/features.js'), 'utf8');
    assert.ok(shell.includes('./features.js'), 'the shell does not require the features file');
    // Strings of zod, the feedback engine and the guide panel: each in the features, none in the shell.
    for (const marker of ['$ZodType', 'weighted-score-stale', 'sdi.panel.lastItem']) {
      assert.ok(features.includes(marker), `the features lack ${marker}: pick another marker`);
      assert.ok(!shell.includes(marker), `the shell bundles ${marker}`);
    }
    assert.ok(shell.length < features.length / 20, `the shell is ${shell.length} bytes`);
  });
});
