/**
 * Every slug the extension makes, in one place. Dependency-free. They differ on purpose:
 * - `slugify`: a heading's GitHub-style anchor (any script's letters kept), as the guide's links use;
 * - `candidateSlug`, `problemSlug`: ASCII file-name stems / problem ids (accents folded, at most 60 characters);
 * - `phaseId`: a `sdi.timer.phases` entry's default id (ASCII, no folding, so stored ids stay stable);
 * - `kitIdOf`: `kit.yaml`'s default id (the anchor slug reduced to ASCII, at most 48 characters).
 */

/** GitHub-style anchor slug of a heading text, as the guide's table of contents uses. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

/** Lowercase ASCII kebab case: every run of other characters one `-`, none at either end, at most `max` characters. */
function kebab(text: string, max = Infinity): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** Accents dropped: `Zoë` → `Zoe`. */
function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

/** A file-name-safe slug of a candidate's name: `Zoë O'Brien` → `zoe-o-brien`; `candidate` when nothing is left. */
export function candidateSlug(name: string): string {
  return kebab(foldAccents(name), 60) || 'candidate';
}

/** A problem id from a title: lowercase kebab case, at most 60 characters; `problem` when nothing is left. */
export function problemSlug(title: string): string {
  return kebab(foldAccents(title).toLowerCase().replace(/^design (an?|the) /, ''), 60) || 'problem';
}

/** A timer phase's default id from its title; `phase` when nothing is left. */
export function phaseId(title: string): string {
  return kebab(title) || 'phase';
}

/** `kit.yaml`'s id rule: its `id`, else a slug of its name. */
export function kitIdOf(name: string): string {
  return slugify(name).replace(/[^a-z0-9-]/g, '').replace(/-+/g, '-').slice(0, 48).replace(/^-|-$/g, '') || 'kit';
}
