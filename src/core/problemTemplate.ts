/**
 * What **Interview: New Problem** writes: a kit problem file with every front-matter field filled
 * with a placeholder the author replaces, and a Mermaid diagram to start from.
 */
import type { LoadedKit } from './kit/types';

/** A problem id from a title (in `./slug`). */
export { problemSlug } from './slug';

/** YAML double-quoted scalar. */
function q(s: string): string {
  return JSON.stringify(s);
}

/** The text of a new problem file `problems/<id>.md` for `kit`. */
export function problemTemplate(kit: LoadedKit, id: string, title: string): string {
  const categories = kit.categories.map((c) => c.id);
  const dims = kit.rubric?.rubric.dimensions ?? [];
  const deepDive = kit.phases.phases.find((p) => p.deepDive)?.minutes;
  const minutes = Math.max(1, Math.min(10, Math.floor((deepDive ?? 20) / 2)));
  const lines = [
    '---',
    `id: ${id}`,
    `title: ${q(title)}`,
    `category: ${categories[0] ?? 'general'}${categories.length > 1 ? `  # one of: ${categories.join(', ')}` : categories.length ? '' : '  # add this category to kit.yaml'}`,
    'levels: [senior]  # e.g. mid, senior, staff',
    'tags: []  # e.g. [caching, sharding]',
    'statement: >-',
    '  What the candidate is asked to design, with its scale: users, requests per second, data size.',
    'deepDives:',
    '  - title: First deep-dive area',
    `    minutes: ${minutes}`,
    '    points:',
    '      - A question to probe',
    '      - Another point to discuss',
    'followUps:',
    '  - A follow-up question for a strong candidate',
    'signals:',
  ];
  if (dims.length) {
    for (const d of dims) {
      lines.push(`  ${d.id}:  # ${d.name.replace(/\r?\n/g, ' ')}`, '    strong:', '      - What a strong answer shows', '    weak:', '      - What a weak answer shows');
    }
  } else {
    lines.push('  {}  # per rubric dimension id: { strong: [...], weak: [...] }');
  }
  lines.push(
    '---',
    '',
    `## Reference architecture`,
    '',
    'A sketch of a good answer; the panel draws the diagram.',
    '',
    '```mermaid',
    'flowchart LR',
    '  Client[Client] --> LB[Load balancer]',
    '  LB --> API[API service]',
    '  API --> Cache[(Cache)]',
    '  API --> DB[(Database)]',
    '```',
    '',
    '## Notes for the interviewer',
    '',
    '- What to listen for in the first minutes',
    '',
  );
  return lines.join('\n');
}

/** The `kit.yaml` of a new, empty kit. */
export function newKitYaml(name: string): string {
  return [
    `name: ${q(name)}`,
    'version: 1',
    'description: Our team\'s system design problems, rubric and interview plan.',
    'includeBuiltIn: true',
    'categories:',
    '  - id: general',
    '    title: General',
    '',
  ].join('\n');
}
