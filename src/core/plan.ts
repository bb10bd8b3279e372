import type { CellValue } from './grid';

/** What a written cell means; hosts may show it, undo uses it. */
export type EditRole = 'score' | 'execution-rate' | 'execution-score' | 'deduction' | 'total' | 'grade';

/**
 * One cell edit. A plan is the complete list of writes a scoring run wants; hosts apply
 * it verbatim (one batch) and can undo it from `previous`.
 */
export interface CellEdit {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  /** A1 address on the sheet. */
  readonly cell: string;
  readonly role: EditRole;
  /** New value: a number, or text for a grade. */
  readonly value: number | string;
  /** Number format to apply with the value (e.g. `0.00%` for a rate), if any. */
  readonly numFmt?: string;
  /** The value before the edit, for undo. */
  readonly previous: CellValue;
}

export type Plan = readonly CellEdit[];
