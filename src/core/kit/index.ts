/** The kit core: types, loader, schemas, the rubric record of feedback files and rubric resolution. */
export * from './types';
export {
  BUILTIN_KIT_ID,
  KIT_FILE,
  KIT_LIMITS,
  KIT_DEFAULT_FILES,
  loadKit,
  loadBuiltInKit,
  callbackKitReader,
  guideContentOf,
  contentIssue,
  problemKey,
  kitIdOf,
  kitRubrics,
  problemMarkdown,
  firstInvalidUtf8,
  type LoadKitOptions,
} from './loader';
export { kitFileSchema, kitCategorySchema, kitFileRefSchema, kitPhaseListSchema, kitPhasePlanSchema, problemFrontMatterSchema, type KitFile, type ProblemFrontMatter } from './schema';
export { splitFrontMatter, type FrontMatterSplit } from './frontMatter';
export { YamlFile, YAML_LIMITS, parseYamlFile, parsePath, type YamlFileOptions } from './yamlFile';
export { readRubricRecord, rubricRecordLine, rubricFingerprint, RECORD_SEARCH_LINES, type RubricRecord } from './record';
export { KIT_RUBRIC_INVALID_TITLE, kitIssuePlace, resolveRubric, type RubricResolution } from './rubricSource';
export { KIT_ISSUE_CODES, KIT_ISSUE_CODE_LIST } from './codes';
