/**
 * The documented codes of kit findings. `docs/diagnostics.md` has a section for each, which the
 * editor's code pages name; `test/unit/docs.test.ts` keeps the two in step.
 */
import type { KitIssueCode } from './types';

/** Every kit code with a one-line summary of when it is reported. */
export const KIT_ISSUE_CODES: Readonly<Record<KitIssueCode, string>> = {
  'kit-invalid': 'A field breaks the kit format or a rule of the rubric (weights not summing to 100, a band min outside the scale, a level not described...); the message starts with the field path.',
  'kit-yaml-syntax': "A YAML file (or a problem's front matter) does not parse; the message is the YAML parser's own.",
  'kit-unreadable': 'A file of the kit cannot be read.',
  'kit-too-large': 'A file is over 1 MiB; it is not read.',
  'kit-too-deep': 'YAML nested more than 64 levels deep; the file is not read.',
  'kit-alias-limit': 'YAML with more than 100 aliases (an alias bomb); the file is not read.',
  'kit-not-utf8': 'A file is not valid UTF-8; the position of the first bad byte is given.',
  'kit-symlink-outside': 'A link that leads out of the kit folder; it is not followed.',
  'kit-listing-truncated': 'The kit folder holds more files, or deeper folders, than are read.',
  'kit-too-many-problems': 'More than 5,000 problems; the rest are not read.',
  'kit-front-matter': 'A problem file has no front matter between `---` lines, or it is not closed.',
  'kit-duplicate-id': 'Two problems share an id; the second is not loaded.',
  'kit-id-mismatch': "A problem's `id` is not its file name; the problem is not loaded.",
  'kit-unknown-category': "A problem names a category kit.yaml does not list.",
  'kit-unknown-dimension': 'A problem lists signals for a dimension the rubric does not have.',
  'kit-deep-dive-too-long': "A problem's deep dives take more minutes than the plan's deep-dive phase.",
  'kit-unknown-section': 'A guide section reference names no heading of the guide.',
  'kit-rubric-version': 'An archived rubric has no version, or one another rubric of the kit already has.',
  'kit-diagram': 'A Mermaid diagram of a problem does not parse (reported when the guide panel shows it).',
};

/** The kit codes, in table order. */
export const KIT_ISSUE_CODE_LIST = Object.keys(KIT_ISSUE_CODES) as KitIssueCode[];
