import * as assert from 'assert';
import { createHash } from 'crypto';
import fc from 'fast-check';
import { readRubricRecord, rubricRecordLine } from '../../src/core/kit/record';
import { resolveRubric } from '../../src/core/kit/rubricSource';
import { feedbackDigest, sealFeedback, submissionOf, submissionTime } from '../../src/core/kit/seal';
import { builtInKit } from '../fixtures/kits/memoryKit';
import { fill } from '../fixtures/feedback/fill';

const RECORD = '<!-- sdi-kit: kit=builtin rubric=1 fingerprint=a1b2c3d4 -->';
const AT = '2026-12-07T09:30:00Z';
const sha256 = (s: string) => `sha256:${createHash('sha256').update(s, 'utf8').digest('hex')}`;

describe('the seal of a submitted feedback', () => {
  const text = `${RECORD}\n# Feedback\n\n**Candidate:** Ada\n`;

  it('digests the text without the seal fields, with LF line breaks and no byte-order mark', () => {
    assert.strictEqual(feedbackDigest(text), sha256(text));
    assert.match(feedbackDigest(text), /^sha256:[0-9a-f]{64}$/);
    const sealedLine = RECORD.replace(' -->', ` submitted=${AT} digest=sha256:${'0'.repeat(64)} -->`);
    assert.strictEqual(feedbackDigest(text.replace(RECORD, sealedLine)), sha256(text), 'the seal fields are not digested');
    assert.strictEqual(feedbackDigest(text.replace(/\n/g, '\r\n')), sha256(text), 'CRLF reads as LF');
    assert.strictEqual(feedbackDigest(`\uFEFF${text}`), sha256(text));
    assert.notStrictEqual(feedbackDigest(text.replace('Ada', 'Ada L')), sha256(text));
  });

  it('writes submitted= and digest= at the end of the record line and changes nothing else', () => {
    const s = sealFeedback(text, AT, 'unused');
    assert.strictEqual(s.digest, sha256(text));
    assert.strictEqual(s.text, text.replace(RECORD, `<!-- sdi-kit: kit=builtin rubric=1 fingerprint=a1b2c3d4 submitted=${AT} digest=${s.digest} -->`));
    assert.deepStrictEqual(s.edit, { range: { start: { line: 0, character: 0 }, end: { line: 0, character: RECORD.length } }, newText: s.text.split('\n')[0] });
    const r = readRubricRecord(s.text)!;
    assert.deepStrictEqual([r.kit, r.version, r.fingerprint, r.submitted, r.digest], ['builtin', '1', 'a1b2c3d4', AT, s.digest], 'the record keeps its fields');
    assert.deepStrictEqual(submissionOf(s.text), { submitted: AT, edited: false, range: r.range });
    assert.strictEqual(submissionOf(text), undefined, 'never submitted');
  });

  it('is idempotent, and a second Submit updates the time and digest in place', () => {
    const once = sealFeedback(text, AT, 'unused').text;
    assert.strictEqual(sealFeedback(once, AT, 'unused').text, once);
    const edited = once.replace('Ada', 'Ada Lovelace');
    assert.strictEqual(submissionOf(edited)?.edited, true);
    const again = sealFeedback(edited, '2026-12-08T10:00:00Z', 'unused');
    assert.strictEqual(again.text.split('\n').length, once.split('\n').length);
    assert.match(again.text.split('\n')[0], /fingerprint=a1b2c3d4 submitted=2026-12-08T10:00:00Z digest=sha256:[0-9a-f]{64} -->$/);
    assert.deepStrictEqual(submissionOf(again.text), { submitted: '2026-12-08T10:00:00Z', edited: false, range: readRubricRecord(again.text)!.range });
    assert.strictEqual(again.text.slice(again.text.indexOf('\n')), edited.slice(edited.indexOf('\n')));
  });

  it('keeps CRLF line breaks, and a checkout that turns them into LF (or back) is no edit', () => {
    const crlf = text.replace(/\n/g, '\r\n');
    const sealed = sealFeedback(crlf, AT, 'unused').text;
    assert.strictEqual(sealed.split('\r\n').length, crlf.split('\r\n').length);
    assert.strictEqual(sealed.replace(/\r\n/g, '\n').split('\n').slice(1).join('\n'), text.split('\n').slice(1).join('\n'));
    assert.strictEqual(submissionOf(sealed)?.edited, false);
    assert.strictEqual(submissionOf(sealed.replace(/\r\n/g, '\n'))?.edited, false);
    assert.strictEqual(submissionOf(sealed.replace(/\r\n/g, '\r'))?.edited, false);
  });

  it('tells an edit anywhere, and a tampered or missing digest, as edited', () => {
    const sealed = sealFeedback(text, AT, 'unused').text;
    assert.strictEqual(submissionOf(sealed.replace('Ada', 'Adb'))?.edited, true);
    assert.strictEqual(submissionOf(`${sealed}\n`)?.edited, true, 'a line added at the end');
    assert.strictEqual(submissionOf(sealed.replace('rubric=1', 'rubric=2'))?.edited, true, 'the rubric the record names is content');
    assert.strictEqual(submissionOf(sealed.replace(/digest=\S+/, 'digest=sha256:00'))?.edited, true);
    assert.strictEqual(submissionOf(sealed.replace(/ digest=\S+/, ''))?.edited, true);
  });

  it('gives a file without a record line the record of the rubric it was checked against, first, so it is checked the same way', () => {
    const kit = builtInKit();
    const feedback = fill({ scores: [3, 3, 4, 3, 3], weighted: '3.20', recommend: ['hire'] }).replace(/\n/g, '\r\n');
    assert.strictEqual(readRubricRecord(feedback), undefined);
    const before = resolveRubric(feedback, [kit]);
    const s = sealFeedback(feedback, AT, rubricRecordLine(kit.id, kit.rubric!));
    assert.strictEqual(s.text, `${s.edit.newText}${feedback}`, 'inserted, nothing else changed');
    assert.strictEqual(s.edit.newText, `${rubricRecordLine(kit.id, kit.rubric!).replace(' -->', ` submitted=${AT} digest=${s.digest} -->`)}\r\n`, 'in the file\'s line break');
    assert.deepStrictEqual(s.edit.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const after = resolveRubric(s.text, [kit]);
    assert.ok(!before.error && !after.error);
    assert.strictEqual(after.kit, before.kit);
    assert.strictEqual(after.rubric, before.rubric);
    assert.strictEqual(after.warning, undefined, 'no rubric-changed');
    assert.strictEqual(submissionOf(s.text)?.edited, false);
  });

  it('writes the time in UTC to the second', () => {
    assert.strictEqual(submissionTime(new Date(Date.UTC(2026, 11, 7, 9, 30, 0, 456))), AT);
  });

  const eol = fc.constantFrom('\n', '\r\n', '\r');
  const line = fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, ''));
  /** Any text: some lines in one line break, sometimes with a record line among its first lines. */
  const anyText = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.tuple(fc.array(line, { maxLength: 8 }), eol, fc.option(fc.nat(4)), fc.option(fc.constantFrom(` submitted=${AT}`, ' digest=sha256:00', ' fingerprint=00000000'))).map(([lines, br, at, extra]) => {
      if (at !== null) lines.splice(Math.min(at, lines.length), 0, RECORD.replace(' -->', `${extra ?? ''} -->`));
      return lines.join(br);
    }),
  );

  it('property: any sealed text reads as submitted and not edited, and sealing it again changes nothing', () => {
    fc.assert(fc.property(anyText, (t) => {
      const s = sealFeedback(t, AT, RECORD);
      assert.deepStrictEqual(submissionOf(s.text), { submitted: AT, edited: false, range: readRubricRecord(s.text)!.range });
      assert.strictEqual(sealFeedback(s.text, AT, RECORD).text, s.text);
    }));
  });

  it('property: any change outside the record line (line breaks aside) reads as edited', () => {
    const insert = fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !/[\r\n]/.test(s));
    fc.assert(fc.property(anyText, insert, fc.nat(), (t, added, where) => {
      const sealed = sealFeedback(t, AT, RECORD).text;
      const recordLine = readRubricRecord(sealed)!.range.start.line;
      // Where the line after the record line starts; a text that ends with the record line gets a new line.
      const breaks = /\r\n|\r|\n/g;
      let after = sealed.length;
      let seen = 0;
      for (let m = breaks.exec(sealed); m; m = breaks.exec(sealed)) {
        if (seen++ === recordLine) {
          after = m.index + m[0].length;
          break;
        }
      }
      if (seen <= recordLine) added = `\n${added}`;
      const at = after + (where % (sealed.length - after + 1));
      const changed = sealed.slice(0, at) + added + sealed.slice(at);
      assert.strictEqual(submissionOf(changed)?.edited, true);
    }));
  });
});
