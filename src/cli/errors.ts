/**
 * Errors the CLI shows to the user. Their `message` is one line of simplified Chinese,
 * already naming the file, and is safe to print as is (no stack trace, no English jargon
 * beyond a short technical detail in a few cases).
 */

/** Base class: an error whose message is meant for the user (exit status 2). */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(oneLine(message));
    this.name = new.target.name;
  }
}

/** Why a workbook could not be read. */
export type ReadFailure =
  | 'missing'
  | 'directory'
  | 'not-a-file'
  | 'no-permission'
  | 'io'
  | 'empty'
  | 'not-a-workbook'
  | 'legacy-xls'
  | 'encrypted'
  | 'no-worksheets'
  | 'corrupt';

export class WorkbookReadError extends UserFacingError {
  /** The path as the user gave it. */
  readonly file: string;
  readonly reason: ReadFailure;

  constructor(file: string, reason: ReadFailure, message: string) {
    super(`${file}：${message}`);
    this.file = file;
    this.reason = reason;
  }
}

/** Why a scored workbook was not written. */
export type WriteFailure =
  | 'missing-sheet'
  | 'protected-sheet'
  | 'formula-cell'
  | 'merged-cell'
  | 'bad-edit'
  /** An edit outside its own table's rectangle, or on a cell a table reads (core/validate.ts). */
  | 'outside-table'
  | 'table-input'
  | 'no-permission'
  | 'missing-directory'
  | 'busy'
  | 'no-space'
  /** The output appeared after the checks (another run wrote it) and `--force` was not given. */
  | 'exists'
  | 'io';

export class WorkbookWriteError extends UserFacingError {
  /** The output path the write was aimed at. */
  readonly file: string;
  readonly reason: WriteFailure;

  constructor(file: string, reason: WriteFailure, message: string) {
    super(`${file}：${message}`);
    this.file = file;
    this.reason = reason;
  }
}

/** Collapse whitespace runs (including newlines) so a message always fits on one line. */
export function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** A one-line message for any thrown value: the user message, or a short internal-error line. */
export function describeError(e: unknown): string {
  if (e instanceof UserFacingError) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  return oneLine(`内部错误：${detail}`);
}

/** One line of an unknown error, for a technical detail in a message. */
export function errorText(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return oneLine(raw) || '未知错误';
}

export function errnoCode(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'code' in e) {
    const code = (e as { code: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
