/**
 * Loads the built-in guide (`content/` under the extension) through the kit loader, as a kit and
 * as the validated content the guide's own tree reads. Throws `ContentError` when the shipped
 * content is broken.
 */
import type { GuideContent } from '../core/content';
import { guideContentOf } from '../core/kit/loader';
import type { LoadedKit } from '../core/kit/types';
import { loadBuiltInKitFolder } from './fsKitReader';

/** The built-in guide, both ways: the content the guide's own tree reads, and the kit every team kit falls back on. */
export interface BuiltInGuide {
  content: GuideContent;
  kit: LoadedKit;
}

export function loadBuiltInGuide(contentDir: string): BuiltInGuide {
  const kit = loadBuiltInKitFolder(contentDir);
  return { kit, content: guideContentOf(kit) };
}
