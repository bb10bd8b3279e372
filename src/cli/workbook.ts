/**
 * ExcelJS <-> host-neutral grid adapter for the CLI: reading lives in ./read, writing in
 * ./write. This module is the CLI's (and the tests') single import point.
 */
export { readWorkbook, workbookToGrid, worksheetToGrid, convertValue, type LoadedWorkbook } from './read';
export { writeScored } from './write';
export { WorkbookReadError, WorkbookWriteError } from './errors';
export type { ReadFailure, WriteFailure } from './errors';
