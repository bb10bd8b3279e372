import Decimal from 'decimal.js';
import { rangeAddress, type SheetGrid, type WorkbookGrid } from './grid';
import { CellTable, NONE } from './cell-table';
import { fmt } from './num';
import { guardTableEdits, type EditProblem } from './validate';
import { detectTables } from './layout/detect';
import { marksOfFindings } from './marks';
import { cellNotes, type CellNote } from './notes';
import type { CellEdit, CellMark, Plan } from './plan';
import { DEFAULT_PROFILE, type Profile } from './profiles';
import { toTableResult, type TableResult } from './result';
import { formulasReadingWrites, type FormulaCell } from './formula-reads';
import { runRules, type Finding } from './rules';
import { skipReason, type SkippedSheet } from './sheets';
import { analyzeTable, type TableAnalysis } from './scoring/table';

export interface EngineOptions {
  readonly profile?: Profile;
  /**
   * Read and write hidden and very-hidden sheets too (`--include-hidden`). Default false:
   * they are listed in `skippedSheets`. The add-in's own sheets are skipped whatever this says.
   */
  readonly includeHidden?: boolean;
}

export interface WorkbookResult {
  readonly tables: readonly TableResult[];
  /** Cell edits that bring the workbook in line with the computed figures (SPEC §10). */
  readonly plan: Plan;
  /** Sheets with no recognisable table (skipped sheets not included). */
  readonly sheetsWithoutTables: readonly string[];
  /**
   * Formula cells (any sheet) whose formula references a cell the plan writes: their cached
   * results are stale until the workbook recalculates (the written package asks for that).
   */
  readonly formulasReadingWrites: readonly FormulaCell[];
  /** Sheets not read as tables nor written, and why (hidden, very hidden, the add-in's own). */
  readonly skippedSheets: readonly SkippedSheet[];
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
  const skippedSheets: SkippedSheet[] = [];
  for (const sheet of grid.sheets) {
    const skipped = skipReason(sheet, !!options.includeHidden);
    if (skipped) {
      skippedSheets.push({ name: sheet.name, reason: skipped });
      continue;
    }
    const layouts = detectTables(sheet);
    if (!layouts.length) sheetsWithoutTables.push(sheet.name);
    const analyses = layouts.map((layout) => analyzeTable(layout, profile, layouts));
    // Every edit carries its table's rectangle; the plan check refuses one that leaves it or
    // lands on a cell a table reads (issue 12 item 1). A refused edit becomes a finding.
    const guarded = guardTableEdits(analyses.flatMap((a) => planEdits(a, sheet)), layouts);
    const edits = guarded.kept;
    const findings: Finding[] = [];
    for (const analysis of analyses) {
      const range = rangeAddress(analysis.layout.top, analysis.layout.left, analysis.layout.bottom, analysis.layout.right);
      const found = [...runRules(analysis), ...refusedFindings(guarded.refused.filter((p) => p.edit.table === range))];
      tables.push(toTableResult(analysis, found));
      // Loops, not push(...xs): a spread passes every element on the stack, and a large
      // table's findings (150,000+) overflow it.
      for (const f of found) findings.push(f);
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
  return {
    tables,
    plan,
    sheetsWithoutTables,
    skippedSheets,
    formulasReadingWrites: formulasReadingWrites(grid, plan),
    blockedByProtection: blocked,
    marks,
    notes: cellNotes(grid, tables),
  };
}

/** `write-refused` (warning): an edit the plan check refused, with the figure it would have written. */
function refusedFindings(problems: readonly EditProblem[]): Finding[] {
  return problems.map((p) => ({
    rule: 'write-refused',
    severity: 'warning' as const,
    cell: p.edit.cell,
    message: `${p.message}；计算结果 ${typeof p.edit.value === 'number' ? fmt(new Decimal(p.edit.value)) : p.edit.value} 未写入`,
  }));
}

/** Only cells that disagree, never a formula (SPEC §10): a second run plans nothing. */
function planEdits(t: TableAnalysis, sheet: SheetGrid): CellEdit[] {
  const table = rangeAddress(t.layout.top, t.layout.left, t.layout.bottom, t.layout.right);
  // A cell claimed by two writes (得分 merged over two rows, total and grade merged) is
  // ambiguous: write neither. Counted by row and column: a long table's writes make their
  // addresses on demand, and a map keyed by a million fresh strings is slow.
  const writes = t.writes;
  const claims = new CellTable(writes.length, (i) => writes[i].row, (i) => writes[i].col);
  for (const w of t.writes) {
    const n = claims.get(w.row, w.col);
    claims.set(w.row, w.col, n === NONE ? 1 : 2);
  }
  // One pass, each Decimal converted once.
  const out: CellEdit[] = [];
  for (const w of t.writes) {
    if (w.agrees || w.formula !== undefined || claims.get(w.row, w.col) !== 1) continue;
    const value = typeof w.value === 'string' ? w.value : w.value.toNumber();
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    out.push({
      sheet: t.layout.sheet,
      table,
      row: w.row,
      col: w.col,
      cell: w.cell,
      role: w.role,
      value,
      numFmt: w.numFmt,
      previous: w.current,
      previousNumFmt: sheet.cells[w.row]?.[w.col]?.numFmt ?? null,
      severity: null,
      note: null,
    });
  }
  return out;
}

export type { Finding, TableResult };
