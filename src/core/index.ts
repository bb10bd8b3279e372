/** Public surface of the engine: hosts import from here only. */
export { analyzeWorkbook, type EngineOptions, type WorkbookResult } from './engine';
export * from './grid';
export type { CellEdit, EditRole, Plan } from './plan';
export { BUILT_IN_PROFILES, DEFAULT_PROFILE, profileFromJson, type Profile } from './profiles';
export type { ExecutionResult, IndicatorResult, TableResult } from './result';
export { RULES, type Finding, type Rule, type Severity } from './rules';
export { fmt, fmtPct } from './num';
export { cellNotes, type CellNote } from './notes';
export * as cleanup from './cleanup';
