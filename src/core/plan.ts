import type { CellValue } from './grid';
import type { Severity } from './rules/types';

/** What a written cell means; hosts may show it, undo uses it. */
export type EditRole = 'score' | 'execution-rate' | 'execution-score' | 'deduction' | 'total' | 'grade';

/**
 * One cell edit. A plan is the complete list of writes a scoring run wants; hosts apply
 * it verbatim (one batch) and can undo it from `previous` / `previousNumFmt`.
 *
 * A host that marks problem cells (fill by severity, a note) applies `severity` / `note`
 * of the edits and the `marks` of the result (finding cells that are not written).
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
  /** The value before the edit, for undo (and for the host's changed-since-read check). */
  readonly previous: CellValue;
  /**
   * The number format before the edit, as the grid knows it; null: General (none). The
   * engine always sets this and the two below; optional only so hand-built edits stay valid.
   */
  readonly previousNumFmt?: string | null;
  /** Worst severity of the findings on this cell; null: none. */
  readonly severity?: Severity | null;
  /** The findings' messages on this cell, one per line (a cell note); null: none. */
  readonly note?: string | null;
  /**
   * The rectangle (`A1:I12`) of the table that planned this edit. The engine always sets it;
   * `validateEdit` refuses an edit outside it (issue 12 item 1).
   */
  readonly table?: string;
}

/**
 * A finding cell the plan does not write: hosts that mark problem cells fill it by
 * `severity` and may add `note`. A cell is either in the plan or among the marks, never
 * both.
 */
export interface CellMark {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly cell: string;
  readonly severity: Severity;
  readonly note: string;
}

export type Plan = readonly CellEdit[];

/** Every cell a marking host highlights: the plan's cells with findings plus the marks. */
export function markedCells(plan: Plan, marks: readonly CellMark[]): CellMark[] {
  const out: CellMark[] = [];
  for (const e of plan) {
    if (e.severity) out.push({ sheet: e.sheet, row: e.row, col: e.col, cell: e.cell, severity: e.severity, note: e.note ?? '' });
  }
  return out.concat(marks);
}
