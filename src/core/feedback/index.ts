/**
 * The feedback checker's public API: parse a feedback Markdown document, validate it
 * against the rubric from `content/`, and compute the edits of its quick fixes. Pure
 * TypeScript with no dependency on `vscode`; the editor adapter (`src/feedback/`) and
 * the `sdi-feedback` CLI are both built on these exports and nothing else.
 */
export type {
  Position,
  Range,
  TextEdit,
  FeedbackSeverity,
  FeedbackCode,
  FeedbackFix,
  FeedbackDiagnostic,
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
} from './types';
export { FEEDBACK_CODES, FEEDBACK_CODE_LIST, type FeedbackCodeInfo } from './codes';
export { isFeedbackDocument, parseFeedback, CHECKBOX_GROUP_HEADINGS } from './parse';
export { findDimension, normalizeName, readScore, computeWeightedScore, formatWeightedScore, bandOf, validScoreValues, type WeightedScore, type BandPlacement, type ScoreReading } from './score';
export { validateFeedback, validateParsed, recommendationBand } from './validate';
export { weightedScoreEdits, recommendationEdits, scoreValueEdits, weightEdits, fixAll, applyEdits } from './fixes';
