import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { isQuestionListIntro, MAX_QUESTION_LENGTH, questionText } from '../../src/core/notes/questions';
import { hostMessage, MAX_NOTE_LENGTH, panelState, webviewMessage } from '../../src/protocol';
import { renderMarkdown } from '../../src/core/renderMarkdown';

const ROOT = path.resolve(__dirname, '../../..');

/** Tags stripped and entities decoded, as an element's `textContent` reads. */
const textOf = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * What the panel does with rendered HTML, without a DOM: every list whose element right before it
 * (a paragraph or a heading) introduces questions, with the intro's text and the items' texts.
 */
function questionLists(html: string): { intro: string; items: string[] }[] {
  const out: { intro: string; items: string[] }[] = [];
  const re = /<(p|h[1-6])(?: [^>]*)?>((?:(?!<\/?(?:p|h[1-6])[ >])[\s\S])*)<\/\1>\n<(ul|ol)>\n([\s\S]*?)<\/\3>/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const intro = textOf(m[2]);
    if (!isQuestionListIntro(intro)) continue;
    const items = [...m[4].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => questionText(textOf(li[1])));
    out.push({ intro, items });
  }
  return out;
}

describe('notes: which lists are questions', () => {
  it('takes the introductions the guide uses, bold or not, with or without the colon, in any case', () => {
    for (const t of ['Follow-up Questions:', 'Follow-up:', 'Probe Areas:', 'Key Discussion Points:', 'Follow-up Questions', 'follow-up questions',
      '  Key   Discussion\nPoints : ', '**Probe Areas:**', 'Follow\u2011up:', 'Follow-ups', 'FOLLOW-UP']) {
      assert.strictEqual(isQuestionListIntro(t), true, t);
    }
  });

  it('takes a deep-dive area title with its minutes', () => {
    for (const t of ['3. Consistency and Availability (7 minutes)', '1. Fan-out (1 minute)', '2. Sharding (2.5 min)', '12. X (10 mins)']) {
      assert.strictEqual(isQuestionListIntro(t), true, t);
    }
  });

  it('refuses every other paragraph or heading', () => {
    for (const t of ['', ':', 'Key Challenges:', 'Response:', 'Excellent (4):', 'Strongest Areas:', 'Follow-up Questions we skip:', 'Follow', 'Questions:',
      'Consistency and Availability (7 minutes)', '3. Consistency and Availability', '3. (7 minutes) later', 'Probe', 'Key Discussion Points: caching']) {
      assert.strictEqual(isQuestionListIntro(t), false, JSON.stringify(t));
    }
  });

  it('finds exactly the question lists of the built-in guide', () => {
    const guide = readFileSync(path.join(ROOT, 'content/guide.md'), 'utf8');
    const lists = questionLists(renderMarkdown(guide).html);
    const intros = lists.map((l) => l.intro);
    // Common Scenarios and the deep dives' discussion points (lists right after a diagram are not introduced by a title).
    assert.deepStrictEqual(intros.filter((t) => !/^\d+\./.test(t)), ['Key Discussion Points:', 'Follow-up Questions:', 'Probe Areas:', 'Follow-up:']);
    assert.ok(intros.includes('3. Consistency and Availability (7 minutes)'), intros.join(' | '));
    assert.ok(intros.includes('2. Fraud Detection Pipeline (8 minutes)'), intros.join(' | '));
    assert.ok(intros.every((t) => !/^(Key Challenges|Response|Excellent|Good|Poor)/.test(t)), intros.join(' | '));
    const followUps = lists.find((l) => l.intro === 'Follow-up Questions:')!;
    assert.deepStrictEqual(followUps.items, [
      'How would you handle the operational complexity?',
      "What's your strategy for service discovery and inter-service communication?",
      'How would you ensure data consistency across services?',
    ]);
    assert.deepStrictEqual(lists.find((l) => l.intro === 'Key Discussion Points:')!.items[1], 'How to handle celebrities with millions of followers');
  });

  it("finds a kit problem's follow-ups and deep-dive points (as the kit page renders them)", () => {
    // The shape of problemMarkdown's output (src/core/kit/loader.ts).
    const md = '# Rate limiter\n\n> Design one.\n\n## Deep Dives (10 minutes)\n\n**1. Token buckets (6 minutes)**\n\n- Where the counters live\n- Clock skew\n\n' +
      '**2. Limits per tenant (4 minutes)**\n\n- Hot keys\n\n## Follow-up Questions\n\n- "What if Redis is down?"\n- How do you test it?\n\n## Signals\n\n### Communication\n\n**Strong:**\n\n- Clear\n';
    const lists = questionLists(renderMarkdown(md).html);
    assert.deepStrictEqual(lists.map((l) => l.intro), ['1. Token buckets (6 minutes)', '2. Limits per tenant (4 minutes)', 'Follow-up Questions']);
    assert.deepStrictEqual(lists[2].items, ['What if Redis is down?', 'How do you test it?']);
  });

  it('logs an item as one line without its own quotes', () => {
    assert.strictEqual(questionText('  "How would you\n   shard it?" '), 'How would you shard it?');
    assert.strictEqual(questionText('\u201cCurly?\u201d'), 'Curly?');
    assert.strictEqual(questionText("'Single?'"), 'Single?');
    assert.strictEqual(questionText('"a" or "b"'), '"a" or "b"');
    assert.strictEqual(questionText('Say "hi" first'), 'Say "hi" first');
    assert.strictEqual(questionText('"'), '"');
    assert.strictEqual(questionText(' \n '), '');
  });

  it('cuts a very long item, never inside a surrogate pair', () => {
    const long = 'x'.repeat(MAX_QUESTION_LENGTH + 20);
    const cut = questionText(long);
    assert.strictEqual(cut.length, MAX_QUESTION_LENGTH);
    assert.ok(cut.endsWith('…'));
    const emoji = `${'x'.repeat(MAX_QUESTION_LENGTH - 3)}😀😀😀`;
    const cutEmoji = questionText(emoji);
    assert.ok(!/[\uD800-\uDBFF]…$/.test(cutEmoji), 'no lone high surrogate before the ellipsis');
    assert.ok(cutEmoji.length <= MAX_QUESTION_LENGTH);
    assert.strictEqual(questionText('x'.repeat(MAX_QUESTION_LENGTH)), 'x'.repeat(MAX_QUESTION_LENGTH));
  });
});

describe('notes: the panel\'s messages', () => {
  it('takes a note and an asked question from the webview, with an optional id', () => {
    assert.deepStrictEqual(webviewMessage.parse({ type: 'note', text: '+scale shards by user' }), { type: 'note', text: '+scale shards by user' });
    assert.deepStrictEqual(webviewMessage.parse({ type: 'note', text: 'How?', asked: true, id: 3 }), { type: 'note', text: 'How?', asked: true, id: 3 });
  });

  it('refuses a blank, too long or malformed note', () => {
    for (const bad of [
      { type: 'note', text: '' },
      { type: 'note', text: ' \n\t' },
      { type: 'note', text: 'x'.repeat(MAX_NOTE_LENGTH + 1) },
      { type: 'note' },
      { type: 'note', text: 42 },
      { type: 'note', text: 'ok', asked: 'yes' },
      { type: 'note', text: 'ok', id: -1 },
      { type: 'note', text: 'ok', id: 1.5 },
    ]) assert.strictEqual(webviewMessage.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 80));
    assert.strictEqual(webviewMessage.safeParse({ type: 'note', text: 'x'.repeat(MAX_NOTE_LENGTH) }).success, true);
  });

  it('takes a note result from the host and refuses a malformed one', () => {
    assert.deepStrictEqual(hostMessage.parse({ type: 'noteResult', ok: true, message: 'Note added at 01:02.', id: 7 }), { type: 'noteResult', ok: true, message: 'Note added at 01:02.', id: 7 });
    assert.deepStrictEqual(hostMessage.parse({ type: 'noteResult', ok: false, message: 'No interview is running.' }), { type: 'noteResult', ok: false, message: 'No interview is running.' });
    for (const bad of [{ type: 'noteResult', ok: 'true', message: '' }, { type: 'noteResult', ok: true }, { type: 'noteResult', ok: true, message: 'x'.repeat(2001) }]) {
      assert.strictEqual(hostMessage.safeParse(bad).success, false, JSON.stringify(bad).slice(0, 80));
    }
  });

  it('keeps the questions asked in the panel\'s state, which older states without them still pass', () => {
    assert.deepStrictEqual(panelState.parse({ itemId: 'problem:feed' }), { itemId: 'problem:feed' });
    assert.deepStrictEqual(panelState.parse({ itemId: 'problem:feed', asked: ['How?'] }), { itemId: 'problem:feed', asked: ['How?'] });
    assert.strictEqual(panelState.safeParse({ itemId: 'problem:feed', asked: [1] }).success, false);
  });
});
