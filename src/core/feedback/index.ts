/**
 * The feedback checker's public API: parse a feedback Markdown document with a template spec,
 * validate it against a (compiled) rubric, and compute the edits of its quick fixes. Pure
 * TypeScript with no dependency on `vscode`; the editor adapter (`src/feedback/`) and the
 * `sdi-feedback` CLI are both built on these exports and nothing else.
 */
export type {
  Position,
  Range,
  TextEdit,
  FeedbackSeverity,
  FeedbackCode,
  FeedbackFix,
  FeedbackDiagnostic,
  FeedbackRelated,
  FeedbackOptions,
  ParsedField,
  ParsedScoreLine,
  ParsedCheckbox,
  CheckboxGroupId,
  ParsedCheckboxGroup,
  ParsedFeedbackPart,
  ParsedFeedback,
  DimensionScore,
  FeedbackSummary,
  FeedbackValidation,
  FeedbackNotes,
} from './types';
export { FEEDBACK_CODES, FEEDBACK_CODE_LIST, FEEDBACK_CODE_ALIASES, type FeedbackCodeInfo } from './codes';
export {
  BUILTIN_TEMPLATE_SPEC,
  BUILTIN_TEMPLATE,
  templateSpecFromMarkdown,
  kitTemplateSpec,
  generateFeedbackTemplate,
  compileTemplate,
  scorePlaceholder,
  fieldRole,
  type TemplateSpec,
  type TemplateField,
  type TemplateFieldRole,
  type TemplateGroup,
  type TemplateHints,
  type CheckboxGroupKind,
  type CompiledTemplate,
} from './template';
export { CompiledRubric, compileRubric, asCompiled, type BandPlacement } from './compiled';
export { normalizeName } from './names';
export { documentLines } from './lines';
export { candidatesNamed, isFeedbackDocument, parseFeedback, CHECKBOX_GROUP_HEADINGS, type TemplateLike } from './parse';
export { findDimension, readScore, computeWeightedScore, formatWeightedScore, formatMilli, bandOf, bandsDescending, validScoreValues, type WeightedScore, type ScoreReading, type RubricLike } from './score';
export {
  validateFeedback,
  validateParsed,
  recommendationBand,
  summarizeFeedback,
  analyzeFeedback,
  FEEDBACK_RULES,
  type FeedbackRule,
  type RuleContext,
  type FeedbackFacts,
  type ScoreLineReading,
  type SummaryOptions,
} from './validate';
export { notesOfFeedbacks, partOfLine, noteTagSlot, tagCountsOfFeedbacks, type NoteTagSlot } from './evidence';
export { weightedScoreEdits, weightedScoreEditsForSave, recommendationEdits, scoreValueEdits, weightEdits, fixAll, applyEdits } from './fixes';
