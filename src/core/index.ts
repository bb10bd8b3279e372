/** Public surface of the engine: hosts import from here only. */
export { analyzeWorkbook, type EngineOptions, type WorkbookResult } from './engine';
export { formulasReadingLine, formulasReadingWrites, type FormulaCell } from './formula-reads';
export * from './grid';
export { mergeLookup } from './merges';
export { markedCells, type CellEdit, type CellMark, type EditRole, type Plan } from './plan';
export {
  MARK_FILLS,
  MARK_KINDS,
  MARK_LABEL,
  MARK_COLOUR_NAME,
  MARK_NOTE_PREFIX,
  NOTE_HEADER,
  markLegend,
  markOfFill,
  isMarkFill,
  isMarkNote,
  findingLine,
  fillName,
  DEFAULT_NOTES_WORD,
  type MarkKind,
  type NotesWord,
  type MarkLegendEntry,
} from './marks';
export { BUILT_IN_PROFILES, DEFAULT_PROFILE, profileFromJson, type Profile } from './profiles';
export type { ExecutionResult, IndicatorResult, TableResult } from './result';
export { ENGINE_FINDING_IDS, FIXED_BY_WRITE, RULES, type Finding, type Rule, type Severity } from './rules';
export { fmt, fmtPct } from './num';
export { cellNotes, type CellNote } from './notes';
export * as cleanup from './cleanup';
export {
  validateEdit,
  validatePlan,
  gridTargets,
  type EditProblem,
  type EditProblemCode,
  type PlanTargets,
  type TargetSheet,
} from './validate';
export { isDateFormat, isoDateOf, serialToDate, dateToSerial, toGridDate, fromExcelValue, EXCEL_ERRORS } from './host-values';
export { describeMethod, METHOD_TEXT } from './methods';
export { SEVERITIES, SEVERITY_LABEL, KIND_LABEL, RULE_NAMES, ruleName } from './labels';
export { BACKUP_PREFIX, REVIEW_SHEETS, SHEET_NAME_MAX, STORE_SHEET, isAddinSheet, isBackupSheet, isReviewSheet, hiddenSheetsLine, skipReason, skippedSheetLine, uniqueSheetName, type SkipReason, type SkippedSheet } from './sheets';
export * from './app';
export { buildSummary, crc32, displayWidth, HEADER_FILL, SUMMARY_LAYOUT, summaryParts, toBase64, utf8, zipStored, type PackageParts, NUMBER_FORMATS, STATUS_LABEL, SUMMARY_GUIDE, SUMMARY_SHEETS, type ReviewSummary, type SummaryColumn, type SummaryCounts, type SummaryFile, type SummaryHighlight, type SummaryKind, type SummaryLink, type SummaryOptions, type SummarySheet, type SummaryValue } from './review';
export {
  ASPECTS,
  OUR_NOTE,
  aspectsOf,
  cellStep,
  invert,
  isCellStep,
  matches,
  mergeSteps,
  mismatches,
  pick,
  sameValue,
  type Aspect,
  type CellState,
  type CellStep,
  type RawValue,
  type SheetStep,
  type Step,
} from './changes';
