/**
 * A snapshot of the built-in kit as loaded and validated at build time (`dist/builtin-kit.json`),
 * so activation parses one JSON file instead of running the YAML parser and the schemas over the
 * shipped content. It is used only while its key matches the content it was made from; anything
 * else (another format, another key, a malformed file) reads as no snapshot, and the content is
 * loaded the full way.
 */
import { MarkdownOutline } from '../markdownSections';
import type { LoadedKit } from './types';

/** Bumped when the snapshot's shape changes. */
export const SNAPSHOT_FORMAT = 1;

/** The kit as plain JSON: the guide's outline (a class over its text) is kept as the text. */
type PlainKit = Omit<LoadedKit, 'guide'> & { guide?: string };

interface Snapshot {
  format: number;
  key: string;
  kit: PlainKit;
}

/** The snapshot text of `kit`, made from content whose key is `key`. */
export function kitSnapshot(kit: LoadedKit, key: string): string {
  const s: Snapshot = { format: SNAPSHOT_FORMAT, key, kit: { ...kit, guide: kit.guide?.text } };
  return JSON.stringify(s);
}

/** The kit a snapshot holds, when it is one of this format made from content with key `key`; else undefined. */
export function kitFromSnapshot(text: string, key: string): LoadedKit | undefined {
  let s: unknown;
  try {
    s = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!s || typeof s !== 'object') return undefined;
  const { format, key: made, kit } = s as Partial<Snapshot>;
  if (format !== SNAPSHOT_FORMAT || made !== key || !kit || typeof kit !== 'object') return undefined;
  if (kit.builtIn !== true || kit.ok !== true || !kit.rubric || typeof kit.guide !== 'string' || !kit.outline || !Array.isArray(kit.problems)) return undefined;
  return { ...kit, guide: new MarkdownOutline(kit.guide) };
}
