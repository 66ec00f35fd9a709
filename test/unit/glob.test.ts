import * as assert from 'assert';
import { globMatcher } from '../../src/core/glob';

/** Asserts which of `paths` the glob matches, and that it matches none of the others. */
function matches(glob: string, yes: string[], no: string[]): void {
  const test = globMatcher(glob);
  for (const p of yes) assert.ok(test(p), `${glob} should match ${p}`);
  for (const p of no) assert.ok(!test(p), `${glob} should not match ${p}`);
}

describe('globs as VS Code reads them (the calibration report\'s feedback glob)', () => {
  it('reads [0-9] as a class of characters, not as the text "[0-9]"', () => {
    matches('2024-0[0-9]/*.md', ['2024-01/ada.md', '2024-09/ada.md'], ['2024-0[0-9]/ada.md', '2024-0a/ada.md', '2024-10/ada.md']);
    matches('[!0-9]*.md', ['ada.md'], ['1-ada.md']);
  });

  it('reads {a,b} as alternatives', () => {
    matches('feedback/*.{md,markdown}', ['feedback/ada.md', 'feedback/ada.markdown'], ['feedback/ada.txt', 'feedback/ada.{md,markdown}']);
    matches('{loops,onsite}/**/*.md', ['loops/ada.md', 'onsite/2024/ada.md'], ['other/ada.md']);
  });

  it('takes a comma outside braces, parentheses and | as themselves', () => {
    matches('feedback/smith,john.md', ['feedback/smith,john.md'], ['feedback/smith.md', 'feedback/john.md']);
    matches('x,{a,b}.md', ['x,a.md', 'x,b.md'], ['x.md', 'a.md']);
    matches('ada(loop|onsite).md', ['ada(loop|onsite).md'], ['adaloop.md', 'adaonsite.md']);
    matches('ada+(x).md', ['ada+(x).md'], ['adax.md', 'adaxx.md']);
    matches('!draft.md', ['!draft.md'], ['other.md']);
  });

  it('reads ** as any number of folders, none included, and * and ? within one name', () => {
    matches('**/interview-feedback/**/*.md', ['interview-feedback/ada.md', 'team/interview-feedback/2024/03/ada.md', '.hidden/interview-feedback/ada.md'], ['interview-feedback.md', 'team/feedback/ada.md', 'interview-feedback/ada.txt']);
    matches('feedback/*.md', ['feedback/ada.md', 'feedback/.ada.md'], ['feedback/2024/ada.md', 'ada.md']);
    matches('feedback/??.md', ['feedback/ab.md'], ['feedback/a.md', 'feedback/a/b.md']);
  });

  it('matches names as written, case included', () => {
    matches('Feedback/*.md', ['Feedback/ada.md'], ['feedback/ada.md', 'Feedback/ada.MD']);
  });
});
