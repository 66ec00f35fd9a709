import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { isStepId, readWalkthrough, runsFeedbackCli, splitButton, STEP_DONE_KEYS } from '../../src/core/walkthrough';

const ROOT = path.resolve(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]>; keybindings: { command: string; key: string; mac?: string }[] };
};
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
const declared = new Set(manifest.contributes.commands.map((c) => c.command));

describe('walkthrough (getting started)', () => {
  const w = readWalkthrough(manifest, 'sdi.firstInterview', nls);

  it('is contributed with four to six steps, each titled, described and with one button', () => {
    assert.ok(w, 'no walkthrough sdi.firstInterview in package.json');
    assert.equal(w.title, 'Run a system design interview');
    assert.ok(w.steps.length >= 4 && w.steps.length <= 6, `${w.steps.length} steps`);
    for (const s of w.steps) {
      assert.ok(s.title && !s.title.startsWith('%'), `${s.id}: title ${s.title}`);
      assert.ok(s.description && !s.description.startsWith('%'), `${s.id}: description`);
      assert.ok(!s.description.includes('](command:'), `${s.id}: more than one button`);
      assert.ok(s.button, `${s.id}: no button`);
    }
  });

  it('runs the extension\'s own commands from its buttons, in the order of a first interview', () => {
    const commands = w!.steps.map((s) => s.button!.command);
    assert.deepEqual(commands, ['sdi.openItem', 'sdi.startInterview', 'sdi.addNote', 'sdi.newFeedback', 'sdi.newProblem', 'workbench.action.terminal.new']);
    for (const c of commands) if (c.startsWith('sdi.')) assert.ok(declared.has(c), `${c} is not a contributed command`);
  });

  it('ticks each step off by a completion event naming a contributed command, view or context key the extension sets', () => {
    const src = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }).filter((f) => String(f).endsWith('.ts'))
      .map((f) => fs.readFileSync(path.join(ROOT, 'src', String(f)), 'utf8')).join('\n');
    const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
    for (const s of w!.steps) {
      assert.ok(s.completionEvents.length > 0, `${s.id}: no completion event`);
      for (const e of s.completionEvents) {
        const [kind, name] = [e.slice(0, e.indexOf(':')), e.slice(e.indexOf(':') + 1)];
        if (kind === 'onCommand') assert.ok(declared.has(name) || name.startsWith('workbench.'), `${s.id}: ${e}`);
        else if (kind === 'onView') assert.ok(views.has(name), `${s.id}: ${e}`);
        else if (kind === 'onContext') assert.ok(src.includes(`'${name}'`), `${s.id}: ${e} names a context key the extension never sets`);
        else assert.fail(`${s.id}: unexpected completion event ${e}`);
      }
    }
  });

  it('completes each step only on its context key, which says the step\'s thing has been done (no button\'s command ticks a step)', () => {
    assert.deepStrictEqual(w!.steps.map((s) => s.id), Object.keys(STEP_DONE_KEYS));
    for (const s of w!.steps) {
      assert.ok(isStepId(s.id), s.id);
      assert.deepStrictEqual(s.completionEvents, [`onContext:${STEP_DONE_KEYS[s.id]}`], s.id);
    }
    // Issue 23, item 3: New Problem without a kit only offers to create kit.yaml; the step waits for a kit to load.
    assert.deepStrictEqual(w!.steps.find((s) => s.id === 'sdi.teamKit')!.completionEvents, ['onContext:sdi.kitLoaded']);
    assert.ok(!isStepId('toString') && !isStepId('sdi.nope') && !isStepId(3));
  });

  it('knows a terminal command line that runs the feedback checker', () => {
    for (const line of ['npx sdi-feedback interview-feedback/*.md', 'sdi-feedback --check-kit .interview-kit', './node_modules/.bin/sdi-feedback x.md', 'npx --yes sdi-feedback; echo $?', '"sdi-feedback" --json a.md']) {
      assert.ok(runsFeedbackCli(line), line);
    }
    for (const line of ['npm install sdi-feedbacks', 'cat my-sdi-feedback.md', 'echo sdi-feedback-notes', 'ls']) assert.ok(!runsFeedbackCli(line), line);
  });

  it('shows media files that exist; SVGs follow the theme through --vscode-* colours', () => {
    for (const s of w!.steps) {
      assert.ok(s.media, `${s.id}: no media`);
      const file = path.join(ROOT, s.media);
      assert.ok(fs.existsSync(file), `${s.id}: ${s.media} is missing`);
      if (file.endsWith('.svg')) {
        const svg = fs.readFileSync(file, 'utf8');
        assert.match(svg, /var\(--vscode-foreground/);
        assert.doesNotMatch(svg, /fill="#|stroke="#/, `${s.media} has a fixed colour outside a var() fallback`);
      }
    }
  });

  it('names the keyboard shortcuts of the interview\'s actions as the manifest binds them', () => {
    const take = w!.steps.find((s) => s.button?.command === 'sdi.addNote')!;
    const label = (k: string) => k.split('+').map((p) => (p.length === 1 ? p.toUpperCase() : p[0].toUpperCase() + p.slice(1))).join('+');
    for (const c of ['sdi.addNote', 'sdi.nextPhase', 'sdi.pauseResumeTimer']) {
      const kb = manifest.contributes.keybindings.find((k) => k.command === c);
      assert.ok(kb, `${c} has no keybinding`);
      assert.ok(take.description.includes(label(kb.key)), `${c}: ${label(kb.key)} not in "${take.description}"`);
      if (kb.mac) assert.ok(take.description.includes(label(kb.mac)), `${c}: ${label(kb.mac)} not in "${take.description}"`);
    }
  });

  it('splits a button line off a description, with its arguments', () => {
    assert.deepEqual(splitButton('Open it.\n[Open](command:sdi.openItem?%5B%22problem%3Ax%22%5D)'), { text: 'Open it.', button: { label: 'Open', command: 'sdi.openItem', args: ['problem:x'] } });
    assert.deepEqual(splitButton('No button here.'), { text: 'No button here.' });
    assert.deepEqual(splitButton('[Go](command:a.b?not-json)\nafter'), { text: 'after', button: { label: 'Go', command: 'a.b' } });
  });

  it('is undefined for a manifest without that walkthrough, and keeps an unknown %key% as written', () => {
    assert.equal(readWalkthrough({}, 'x'), undefined);
    assert.equal(readWalkthrough({ contributes: { walkthroughs: [{ id: 'y' }] } }, 'x'), undefined);
    const t = readWalkthrough({ contributes: { walkthroughs: [{ id: 'x', title: '%nope%', steps: [{ id: 's', description: '%nope%' }] }] } }, 'x');
    assert.equal(t?.title, '%nope%');
    assert.equal(t?.steps[0].completionEvents.length, 0);
  });
});
