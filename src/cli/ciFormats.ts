/**
 * The checker's outputs for CI, beside its text and JSON: SARIF 2.1.0 for code scanning, and GitHub
 * workflow commands, which the runner turns into annotations on the pull request's diff. Pure: the
 * working folder and the path rules (POSIX or Windows) are given, so both are testable anywhere.
 */
import * as path from 'path';
import { FEEDBACK_CODES, FEEDBACK_CODE_LIST, type FeedbackDiagnostic, type FeedbackSeverity } from '../core/feedback';

/** The path functions the outputs use: `path` on this machine, `path.win32` or `path.posix` in tests. */
export type PathRules = Pick<path.PlatformPath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/** A file's findings, for the outputs that list every file's together. */
export interface FileDiagnostics {
  file: string;
  diagnostics: readonly FeedbackDiagnostic[];
}

const SARIF_LEVEL: Record<FeedbackSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note' };
const GITHUB_COMMAND: Record<FeedbackSeverity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice' };

/**
 * The address of docs/diagnostics.md on the repository the package names (its `homepage` or
 * `repository` URL, a GitHub repository's `.git` and `git+` dropped); undefined when it names none.
 */
export function packageDocsUrl(repository: string): string | undefined {
  const base = repository.replace(/^git\+/, '').replace(/\.git$/, '').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(base)) return undefined;
  return `${base}/blob/HEAD/docs/diagnostics.md`;
}

/**
 * The address of docs/diagnostics.md in the action's own repository at the ref the workflow named
 * (`uses: owner/repo@ref`): the runner sets `GITHUB_SERVER_URL`, `GITHUB_ACTION_REPOSITORY` and
 * `GITHUB_ACTION_REF` for a step that runs an action. Undefined outside one.
 */
export function actionDocsUrl(env: Record<string, string | undefined>): string | undefined {
  const server = env.GITHUB_SERVER_URL?.replace(/\/+$/, '');
  const repository = env.GITHUB_ACTION_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF;
  if (!server || !/^https?:\/\//.test(server) || !repository || !ref) return undefined;
  return `${server}/${repository}/blob/${encodeURI(ref)}/docs/diagnostics.md`;
}

/** A path relative to the working folder with `/` separators, or the path resolved when it lies outside (another drive on Windows, or above the folder). */
function relativeOrResolved(file: string, cwd: string, rules: PathRules): { relative: boolean; segments: string[] } {
  const resolved = rules.resolve(cwd, file);
  const rel = rules.relative(cwd, resolved);
  const outside = rel === '' || rules.isAbsolute(rel) || rel === '..' || rel.startsWith(`..${rules.sep}`);
  return outside ? { relative: false, segments: resolved.split(/[\\/]/) } : { relative: true, segments: rel.split(/[\\/]/) };
}

/**
 * A file's `artifactLocation.uri`: relative to the working folder, `/`-separated and percent-encoded;
 * a file outside it as a `file:` URI (`file:///C:/x/y.md` for a Windows drive).
 */
export function artifactUri(file: string, cwd: string, rules: PathRules = path): string {
  const { relative, segments } = relativeOrResolved(file, cwd, rules);
  const encoded = segments.map((s, i) => (i <= 1 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s))).join('/');
  if (relative) return encoded;
  // A POSIX path starts with '/', so its first segment is empty; a Windows one starts with its drive.
  return encoded.startsWith('/') ? `file://${encoded}` : `file:///${encoded}`;
}

/** A file's path for an annotation: relative to the working folder (the repository's root in a workflow) with `/` separators. */
export function annotationPath(file: string, cwd: string, rules: PathRules = path): string {
  return relativeOrResolved(file, cwd, rules).segments.join('/');
}

/** The SARIF 2.1.0 log of a run: one run, a rule per diagnostic code, a result per diagnostic. */
export function sarifLog(files: readonly FileDiagnostics[], tool: { version: string; docsUrl?: string; cwd: string; rules?: PathRules }) {
  const ruleIndex = new Map(FEEDBACK_CODE_LIST.map((code, i) => [code, i]));
  const rules = FEEDBACK_CODE_LIST.map((code) => {
    const { summary, severity } = FEEDBACK_CODES[code];
    return {
      id: code,
      shortDescription: { text: summary },
      // The help a viewer shows beside a result, offline too; helpUri links the code's section when the docs' address is known.
      help: { text: `${summary} How to fix it: the section ${code} of docs/diagnostics.md.` },
      ...(tool.docsUrl ? { helpUri: `${tool.docsUrl}#${code}` } : {}),
      defaultConfiguration: { level: SARIF_LEVEL[severity] },
    };
  });
  const results = files.flatMap(({ file, diagnostics }) => {
    const uri = artifactUri(file, tool.cwd, tool.rules);
    return diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
        },
      }],
    }));
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'sdi-feedback', version: tool.version, rules } }, results }],
  };
}

/** A workflow command's message, escaped as GitHub documents: `%`, CR and LF. */
export const escapeCommandData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** A workflow command's property value: as its message, and `:` and `,` too. */
export const escapeCommandProperty = (s: string): string => escapeCommandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One diagnostic as a workflow command (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<code>::<message>`), without its line break. */
export function githubCommand(file: string, d: FeedbackDiagnostic, cwd: string, rules: PathRules = path): string {
  const properties = [
    `file=${escapeCommandProperty(annotationPath(file, cwd, rules))}`,
    `line=${d.range.start.line + 1}`,
    `col=${d.range.start.character + 1}`,
    `endLine=${d.range.end.line + 1}`,
    `endColumn=${d.range.end.character + 1}`,
    `title=${escapeCommandProperty(d.code)}`,
  ];
  return `::${GITHUB_COMMAND[d.severity]} ${properties.join(',')}::${escapeCommandData(d.message)}`;
}
