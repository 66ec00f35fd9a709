import * as assert from 'assert';
import { formatZodIssues } from '../../src/core/content';
import { formatClock, formatMinutes, localDate, planOriginText } from '../../src/core/format';
import { candidateSlug, kitIdOf, phaseId, problemSlug, slugify } from '../../src/core/slug';

describe('shared formats (core/format, core/slug, formatZodIssues)', () => {
  it('localDate is the local YYYY-MM-DD', () => {
    assert.strictEqual(localDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
    assert.strictEqual(localDate(new Date(999, 11, 31)), '999-12-31');
  });

  it('formatClock is m:ss under an hour, h:mm:ss from an hour, floored, never negative', () => {
    assert.strictEqual(formatClock(0), '0:00');
    assert.strictEqual(formatClock(-5000), '0:00');
    assert.strictEqual(formatClock(61_999), '1:01');
    assert.strictEqual(formatClock(3_600_000 + 5 * 60_000 + 7000), '1:05:07');
  });

  it('formatMinutes has at most one decimal', () => {
    assert.strictEqual(formatMinutes(120_000), '2');
    assert.strictEqual(formatMinutes(150_000), '2.5');
    assert.strictEqual(formatMinutes(100_000), '1.7');
  });

  it('names a team kit\'s phase plan "the kit\'s plan", the built-in guide\'s "the guide\'s plan"', () => {
    assert.strictEqual(planOriginText('kit'), "the kit's plan");
    assert.strictEqual(planOriginText('guide'), "the guide's plan");
    assert.strictEqual(planOriginText('settings'), 'your plan from the settings');
  });

  it('each slug keeps its own rule', () => {
    assert.strictEqual(slugify('Zoë & Co: Ünïcode 2'), 'zoë--co-ünïcode-2');
    assert.strictEqual(candidateSlug("Zoë O'Brien"), 'zoe-o-brien');
    assert.strictEqual(candidateSlug('!!'), 'candidate');
    assert.strictEqual(problemSlug('Design the Rate Limiter!'), 'rate-limiter');
    assert.strictEqual(problemSlug('x'.repeat(59) + ' yy'), 'x'.repeat(59));
    assert.strictEqual(phaseId('Zoë Deep Dive'), 'zo-deep-dive');
    assert.strictEqual(phaseId('??'), 'phase');
    assert.strictEqual(kitIdOf('Zoë Kit'), 'zo-kit');
    assert.strictEqual(kitIdOf('***'), 'kit');
  });

  it('formatZodIssues names each field path under its root', () => {
    const issues = [
      { path: [1, 'minutes'], message: 'too small' },
      { path: ['title'], message: 'required' },
      { path: [], message: 'bad' },
    ];
    assert.strictEqual(formatZodIssues(issues, 'sdi.timer.phases'), 'sdi.timer.phases[1].minutes: too small; sdi.timer.phases.title: required; sdi.timer.phases: bad');
    assert.strictEqual(formatZodIssues(issues, '', 'state'), '[1].minutes: too small; title: required; state: bad');
  });
});
