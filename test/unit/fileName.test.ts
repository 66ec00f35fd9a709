import * as assert from 'assert';
import * as fc from 'fast-check';
import { candidateFileStem, FALLBACK_STEM, MAX_STEM_BYTES } from '../../src/core/fileName';

const RESERVED = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])(\..*)?$/i;

/** Why a stem is unsafe as a file name on Windows, macOS or Linux; undefined when it is safe. */
function unsafe(stem: string): string | undefined {
  if (!stem) return 'empty';
  if (/[<>:"/\\|?*]/.test(stem)) return 'a reserved character';
  if (/\p{Cc}/u.test(stem)) return 'a control character';
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(stem)) return 'a lone surrogate';
  if (/[. ]$/.test(stem)) return 'a trailing dot or space';
  if (/^[-.]/.test(stem)) return 'a leading dash or dot';
  if (RESERVED.test(stem)) return 'a Windows device name';
  if (Buffer.byteLength(stem, 'utf8') > MAX_STEM_BYTES) return 'too long';
  if (stem.normalize('NFC') !== stem) return 'not NFC';
  return undefined;
}

describe('candidate file stems', () => {
  it('keeps letters of any script, lowercased and in NFC', () => {
    assert.strictEqual(candidateFileStem('王伟'), '王伟');
    assert.strictEqual(candidateFileStem('Алексей Петров'), 'алексей-петров');
    assert.strictEqual(candidateFileStem("Zoë O'Brien"), 'zoë-o-brien');
    assert.strictEqual(candidateFileStem('Zoe\u0308'), 'zoë', 'a decomposed ë is composed');
    assert.strictEqual(candidateFileStem('Ada Lovelace'), 'ada-lovelace', 'a Latin name reads as before');
    assert.strictEqual(candidateFileStem('محمد رضا'), 'محمد-رضا');
    assert.strictEqual(candidateFileStem('देवनागरी नाम'), 'देवनागरी-नाम', 'combining vowel signs stay with their letters');
    assert.strictEqual(candidateFileStem('می\u200cخواهم'), 'می\u200cخواهم', 'a zero-width non-joiner inside a word stays');
  });

  it('replaces characters unsafe on any file system and collapses runs to one dash', () => {
    assert.strictEqual(candidateFileStem('a<b>c:d"e/f\\g|h?i*j'), 'a-b-c-d-e-f-g-h-i-j');
    assert.strictEqual(candidateFileStem('  Ada \t\n Lovelace...  '), 'ada-lovelace');
    assert.strictEqual(candidateFileStem('bell\u0007tab\u0000nul\u202eevil'), 'bell-tab-nul-evil');
    assert.strictEqual(candidateFileStem('..'), FALLBACK_STEM);
    assert.strictEqual(candidateFileStem(''), FALLBACK_STEM);
    assert.strictEqual(candidateFileStem('😀 ???'), FALLBACK_STEM);
  });

  it('never gives a Windows device name', () => {
    for (const n of ['CON', 'nul', 'Com1', 'LPT9', 'aux', 'PRN', 'com\u00b9']) assert.strictEqual(unsafe(candidateFileStem(n)), undefined, n);
    assert.strictEqual(candidateFileStem('Con'), 'con-candidate');
    assert.strictEqual(candidateFileStem('Connie'), 'connie');
  });

  it('is at most 100 UTF-8 bytes, cut between characters', () => {
    assert.strictEqual(candidateFileStem('x'.repeat(300)), 'x'.repeat(100));
    assert.strictEqual(candidateFileStem('王'.repeat(50)), '王'.repeat(33), '3 bytes each');
    assert.strictEqual(candidateFileStem('e\u0301'.repeat(40)), '\u00e9'.repeat(40), 'composed: 2 bytes each');
    const devanagari = candidateFileStem('कि'.repeat(40));
    assert.ok(Buffer.byteLength(devanagari) <= 100 && devanagari.endsWith('कि'), 'no vowel sign cut from its letter');
    assert.strictEqual(candidateFileStem(`${'a'.repeat(99)} b`), 'a'.repeat(99), 'no dash left at the end');
  });

  it('properties: never unsafe, never empty, idempotent', () => {
    const anyName = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 80 }),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      fc.string({ maxLength: 40 }),
      fc.constantFrom('CON', 'nul.txt', 'com1', ' . ', '...', 'a'.repeat(200), '\u0301\u0301', 'a\u200d', '\u200cb'),
    );
    fc.assert(
      fc.property(anyName, (name) => {
        const stem = candidateFileStem(name);
        assert.strictEqual(unsafe(stem), undefined, `${JSON.stringify(name)} -> ${JSON.stringify(stem)}`);
        assert.strictEqual(candidateFileStem(stem), stem, 'idempotent');
      }),
      { numRuns: 3000 },
    );
  });
});
