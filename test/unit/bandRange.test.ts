import * as assert from 'assert';
import type { Band } from '../../src/core/content';
import { compileRubric } from '../../src/core/feedback';
import { escapeMarkdown } from '../../src/core/escape';
import { buildKitTree } from '../../src/core/guideTree';
import { bandMarkdown, rubricMarkdown } from '../../src/core/kitPages';
import { loadKit } from '../../src/core/kit/loader';
import { bandRange } from '../../src/core/rubric';
import { memoryReader, TEAM_KIT } from '../fixtures/teamKit';

/** The example kit's bands (examples/kit/rubric.yaml): no printedRange, the lowest without a min. */
const EXAMPLE: Band[] = [
  { id: 'strong-yes', label: 'Strong Yes', min: 4.2 },
  { id: 'yes', label: 'Yes', min: 3.4 },
  { id: 'no', label: 'No' },
];

describe('band ranges written from the mins', () => {
  it('writes the top band "≥ min", a middle one "min–next", the bottom one "< next"', () => {
    assert.deepStrictEqual(EXAMPLE.map((b) => bandRange(EXAMPLE, b)), ['\u2265 4.2', '3.4\u20134.2', '< 3.4']);
  });

  it('reads the bands in any order, and writes whole numbers with one decimal', () => {
    const bands: Band[] = [
      { id: 'no', label: 'No', min: null },
      { id: 'hire', label: 'Hire', min: 3 },
      { id: 'lean', label: 'Lean', min: 2.5 },
      { id: 'strong', label: 'Strong', min: 3.75 },
    ];
    assert.deepStrictEqual(bands.map((b) => bandRange(bands, b)), ['< 2.5', '3.0\u20133.75', '2.5\u20133.0', '\u2265 3.75']);
  });

  it('gives a lowest band with a min its min and the next band\'s, and a band alone "any score"', () => {
    const bands: Band[] = [{ id: 'yes', label: 'Yes', min: 3 }, { id: 'no', label: 'No', min: 1 }];
    assert.deepStrictEqual(bands.map((b) => bandRange(bands, b)), ['\u2265 3.0', '1.0\u20133.0']);
    const alone: Band = { id: 'any', label: 'Any' };
    assert.strictEqual(bandRange([alone], alone), 'any score');
  });

  it('keeps a printedRange as the rubric prints it', () => {
    const bands: Band[] = [{ id: 'yes', label: 'Yes', min: 3.5, printedRange: '3.5-4.0' }, { id: 'no', label: 'No' }];
    assert.deepStrictEqual(bands.map((b) => bandRange(bands, b)), ['3.5-4.0', '< 3.5']);
  });

  it('is what the tree, its tooltips, the band and rubric pages and the checks\' messages show', () => {
    const kit = loadKit(memoryReader(TEAM_KIT));
    const rubric = kit.rubric!.rubric;
    const want = ['\u2265 3.5', '2.5\u20133.5', '< 2.5'];
    const bandNodes = buildKitTree(kit).children.find((c) => c.label === 'Rubric')!.children.filter((c) => c.kind === 'band');
    assert.deepStrictEqual(bandNodes.map((n) => n.description), want);
    // Markdown (tooltips and pages) holds the range escaped: "&lt; 2\.5".
    const md = want.map(escapeMarkdown);
    bandNodes.forEach((n, i) => assert.ok(String(n.tooltip).includes(`(score ${md[i]})`), String(n.tooltip)));
    const highestFirst = [...rubric.bands].sort((a, b) => (b.min ?? -Infinity) - (a.min ?? -Infinity));
    highestFirst.forEach((b, i) => assert.ok(bandMarkdown(kit, rubric, b).includes(`*Weighted score ${md[i]} `), bandMarkdown(kit, rubric, b)));
    highestFirst.forEach((b, i) => assert.ok(rubricMarkdown(kit).includes(`| ${b.label} | ${md[i]} |`), rubricMarkdown(kit)));
    const compiled = compileRubric(rubric);
    assert.deepStrictEqual(highestFirst.map((b) => compiled.bandRange(b.id)), want);
  });
});
