/**
 * Calibration across feedback files (issue 9): rows read from feedback documents with the same
 * core parser and checks as the editor and the CLI, and the report's statistics over them
 * (per interviewer with the offset from the panel, per dimension, per problem, agreement with
 * Krippendorff's alpha). Pure TypeScript, no `vscode`; the editor report (`src/calibration/`) and
 * `sdi-feedback --report` are both built on these exports. The definitions are issue 9's.
 */
export type {
  CalibrationRow,
  ReportRow,
  Unreadable,
  CalibrationOptions,
  RubricResolver,
  ResolvedRubric,
  InterviewerStats,
  DimensionStats,
  ProblemStats,
  AgreementStats,
  CalibrationGroup,
  CalibrationReport,
  Placement,
  AlphaMetric,
  RubricInfo,
  RowEvidence,
} from './types';
export { DEFAULT_CALIBRATION_OPTIONS } from './types';
export { feedbackRows, kitRubricInfo, kitRubricResolver, rubricKeyOf, normalizeKey, rubricInfo } from './rows';
export { calibrationReport, compareText, dateChains, dayNumber, placement, reportRowsOfFile, ReportState, roundFigure } from './report';
export { reportCsv, csvField } from './csv';
export { krippendorffAlpha, alphaFromUnits, alphas } from './alpha';
export { reportText } from './text';
export { applyRowsDelta, reportFigures, rowKey, rowKeysByFile, rowsDelta, sortedIndex, updateSorted, type ReportFigures, type RowsDelta } from './delta';
export { anonymiseReport } from './anonymise';
