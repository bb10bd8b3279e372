import Decimal from 'decimal.js';
import type { SheetGrid, WorkbookGrid } from './grid';
import { detectTables } from './layout/detect';
import { marksOfFindings } from './marks';
import { cellNotes, type CellNote } from './notes';
import type { CellEdit, CellMark, Plan } from './plan';
import { DEFAULT_PROFILE, type Profile } from './profiles';
import { toTableResult, type TableResult } from './result';
import { runRules, type Finding } from './rules';
import { analyzeTable, type TableAnalysis } from './scoring/table';

export interface EngineOptions {
  readonly profile?: Profile;
}

export interface WorkbookResult {
  readonly tables: readonly TableResult[];
  /** Cell edits that bring the workbook in line with the computed figures (SPEC §10). */
  readonly plan: Plan;
  /** Sheets with no recognisable table. */
  readonly sheetsWithoutTables: readonly string[];
  /** Planned writes left out because their sheet is protected. */
  readonly blockedByProtection: readonly CellEdit[];
  /**
   * Finding cells the plan does not write (highlight / note only). Plan cells carry their
   * own `severity` and `note`. Marks on protected sheets are listed too: hosts skip them.
   */
  readonly marks: readonly CellMark[];
  /** Odd cells inside tables read as empty (error values, formulas without a result …). */
  readonly notes: readonly CellNote[];
}

/**
 * The engine's single entry point: recognise every table on every sheet, score it, run
 * the rules, and plan the writes. Pure: the grid is not modified.
 */
export function analyzeWorkbook(grid: WorkbookGrid, options: EngineOptions = {}): WorkbookResult {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const tables: TableResult[] = [];
  const plan: CellEdit[] = [];
  const blocked: CellEdit[] = [];
  const marks: CellMark[] = [];
  const sheetsWithoutTables: string[] = [];
  for (const sheet of grid.sheets) {
    const layouts = detectTables(sheet);
    if (!layouts.length) sheetsWithoutTables.push(sheet.name);
    const edits: CellEdit[] = [];
    const findings: Finding[] = [];
    for (const layout of layouts) {
      const analysis = analyzeTable(layout, profile);
      const found = runRules(analysis);
      tables.push(toTableResult(analysis, found));
      // Loops, not push(...xs): a spread passes every element on the stack, and a large
      // table's findings (150,000+) overflow it.
      for (const f of found) findings.push(f);
      for (const e of planEdits(analysis, sheet)) edits.push(e);
    }
    const sheetMarks = marksOfFindings(sheet, findings);
    const byCell = new Map(sheetMarks.map((m) => [m.cell, m]));
    for (const e of edits) {
      const m = byCell.get(e.cell);
      byCell.delete(e.cell);
      (sheet.protected ? blocked : plan).push(m ? { ...e, severity: m.severity, note: m.note } : e);
    }
    for (const m of byCell.values()) marks.push(m);
  }
  return { tables, plan, sheetsWithoutTables, blockedByProtection: blocked, marks, notes: cellNotes(grid, tables) };
}

/** Only cells that disagree, never a formula (SPEC §10): a second run plans nothing. */
function planEdits(t: TableAnalysis, sheet: SheetGrid): CellEdit[] {
  // A cell claimed by two writes (得分 merged over two rows, total and grade merged) is
  // ambiguous: write neither.
  const claims = new Map<string, number>();
  for (const w of t.writes) claims.set(w.cell, (claims.get(w.cell) ?? 0) + 1);
  return t.writes
    .filter((w) => !w.agrees && w.formula === undefined && claims.get(w.cell) === 1)
    .filter((w) => typeof w.value === 'string' || Number.isFinite(w.value.toNumber()))
    .map((w) => ({
      sheet: t.layout.sheet,
      row: w.row,
      col: w.col,
      cell: w.cell,
      role: w.role,
      value: w.value instanceof Decimal ? w.value.toNumber() : w.value,
      numFmt: w.numFmt,
      previous: w.current,
      previousNumFmt: sheet.cells[w.row]?.[w.col]?.numFmt ?? null,
      severity: null,
      note: null,
    }));
}

export type { Finding, TableResult };
