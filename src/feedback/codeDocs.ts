/**
 * Where a feedback diagnostic's code links: a short read-only Markdown page per code,
 * `sdi-code:/<code>.md`, written from the same table as `docs/diagnostics.md`, whose section it names.
 *
 * Why a page of our own: VS Code's hover and F8 widget open a code's link with the opener service
 * without allowing commands (only the Problems panel allows them), so a `command:` link that would
 * open the docs' preview at its anchor does nothing from a hover; a `file:` link to the docs
 * opens its source at line 1 (the opener only understands `#L<line>` fragments); and a web link needs
 * a repository and a network. Any URI with a content provider opens in an editor everywhere, offline,
 * in the desktop and in the browser alike; and the page is Markdown, so its preview is one click away.
 */
import * as vscode from 'vscode';
import { CODE_DOCS_SCHEME } from '../core/activation';
import { FEEDBACK_CODE_ALIASES, FEEDBACK_CODES, type FeedbackCode } from '../core/feedback';
import { KIT_ISSUE_CODES } from '../core/kit/codes';
import { LOOP_ISSUE_CODES } from '../core/loop/codes';
import type { LoopIssueCode } from '../core/loop/types';
import type { KitIssueCode } from '../core/kit/types';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

/** The scheme of the code pages (in `core/activation`: the activation shell serves it). */
export { CODE_DOCS_SCHEME };

/** The page of a code: `sdi-code:/score-invalid.md`. */
export function codeDocUri(code: string): vscode.Uri {
  return vscode.Uri.from({ scheme: CODE_DOCS_SCHEME, path: `/${code}.md` });
}

/** What to do about a code, where the table's one line is not enough. */
const MORE: Partial<Record<FeedbackCode, string>> = {
  'score-without-evidence':
    'Tag the notes that support the score in the `## Interview Notes` section: `+tag` for a strong signal, `-tag` for a concern, `#tag` for a neutral mention, ' +
    "where the tag is the dimension's `tag` in the rubric (else its id). The score line's CodeLens counts the tagged notes. " +
    'To turn the check off, set `sdi.feedback.evidence` to `false`. See *Evidence* in `docs/user-guide.md`.',
  'feedback-edited-after-submit':
    'If the change was meant, submit the feedback again (**Interview: Submit Feedback**, the **Submit again** CodeLens, or `sdi-feedback --submit FILE`): ' +
    'the record line gets the new time and digest. Otherwise undo the change. Line endings do not count. See *Submitting feedback* in `docs/user-guide.md`.',
  'unknown-note-tag':
    "A tag is `+`, `-` or `#` directly followed by a tag name of the rubric, at the start of the note's text or after white space or an opening bracket. " +
    "Fix the name (completion after `+`, `-` or `#` offers the rubric's tags), or write the word without the sign. See *Evidence* in `docs/user-guide.md`.",
};

/** The Markdown of a code's page (an old name's page explains the code it became); undefined for an unknown code. */
export function codeDocMarkdown(name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(KIT_ISSUE_CODES, name)) {
    return filePage(name, 'team kit files', KIT_ISSUE_CODES[name as KitIssueCode], 'the whole kit format: `docs/kit-format.md`');
  }
  if (Object.prototype.hasOwnProperty.call(LOOP_ISSUE_CODES, name)) {
    return filePage(name, 'interview loop files', LOOP_ISSUE_CODES[name as LoopIssueCode], 'the loop format: `docs/loops.md`');
  }
  const code = (Object.prototype.hasOwnProperty.call(FEEDBACK_CODES, name) ? name : FEEDBACK_CODE_ALIASES[name]) as FeedbackCode | undefined;
  if (!code) return undefined;
  const info = FEEDBACK_CODES[code];
  const formerly = Object.entries(FEEDBACK_CODE_ALIASES).filter(([, to]) => to === code).map(([from]) => `\`${from}\``);
  return [
    `# \`${name}\``,
    '',
    ...(name !== code ? [`The former name of \`${code}\`; diagnostics carry the new name.`, ''] : []),
    `**Severity:** ${info.severity} \u00b7 **Source:** ${DIAGNOSTIC_SOURCE} (feedback documents)`,
    '',
    info.summary,
    '',
    ...(MORE[code] ? [MORE[code], ''] : []),
    ...(formerly.length && !info.summary.includes('Formerly') ? [`Formerly ${formerly.join(', ')}.`, ''] : []),
    '---',
    '',
    `What it means and how to fix it: \`docs/diagnostics.md#${name}\` in the extension's folder.`,
    '',
  ].join('\n');
}

/** The page of a code of kit or loop files: its summary and where the docs say more. */
function filePage(name: string, files: string, summary: string, format: string): string {
  return [
    `# \`${name}\``,
    '',
    `**Source:** ${DIAGNOSTIC_SOURCE} (${files})`,
    '',
    summary,
    '',
    '---',
    '',
    `What it means and how to fix it: \`docs/diagnostics.md#${name}\`; ${format} (both in the extension's folder).`,
    '',
  ].join('\n');
}

/** Serves the code pages; the activation shell registers the scheme and asks it (`Features.codeDocs`). */
export class CodeDocsProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    const name = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    return codeDocMarkdown(name) ?? `# \`${name}\`\n\nNo diagnostic of ${DIAGNOSTIC_SOURCE} has this code.\n`;
  }
}
