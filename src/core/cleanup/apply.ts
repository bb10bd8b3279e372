/**
 * Apply a clean-up plan to a grid (pure), in the host order documented in ./types. The
 * add-in's fake host and the tests use it; the CLI applies the same plan to ExcelJS.
 * Marks are not part of the grid and are ignored here.
 */
import { parseRange, rangeAddress, type Cell, type MergedArea, type SheetGrid, type WorkbookGrid } from '../grid';
import { shiftFormula, shiftRow } from './refs';
import type { CleanupPlan } from './types';

export function applyCleanup(grid: WorkbookGrid, plan: CleanupPlan): WorkbookGrid {
  const bySheet = new Map<string, { cells: (Cell | undefined)[][]; merges: MergedArea[]; removed: Set<string>; added: MergedArea[]; deleted: number[] }>();
  const get = (name: string) => {
    let s = bySheet.get(name);
    if (!s) {
      const sheet = grid.sheets.find((x) => x.name === name)!;
      s = { cells: sheet.cells.map((r) => (r ? [...r] : [])) as (Cell | undefined)[][], merges: [...sheet.merges], removed: new Set(), added: [], deleted: [] };
      bySheet.set(name, s);
    }
    return s;
  };
  const gone = new Set<string>();
  for (const ch of plan.changes) {
    if (ch.op === 'set') {
      const s = get(ch.place.sheet);
      const row = (s.cells[ch.place.row] ??= []);
      const old = row[ch.place.col];
      const v = ch.after.value;
      if (v.t === 'empty' && ch.after.numFmt === undefined) row[ch.place.col] = undefined;
      else {
        const next: Cell = { ...(old ?? {}), value: v };
        if (ch.after.numFmt === undefined) delete (next as { numFmt?: string }).numFmt;
        else (next as { numFmt?: string }).numFmt = ch.after.numFmt;
        row[ch.place.col] = next;
      }
    } else if (ch.op === 'unmerge' || ch.op === 'resize-merge') {
      const s = get(ch.place.sheet);
      s.removed.add(ch.place.address);
      if (ch.op === 'resize-merge' && ch.after) s.added.push(parseRange(ch.after)!);
    } else if (ch.op === 'delete-row') get(ch.place.sheet).deleted.push(ch.place.row);
    else if (ch.op === 'delete-sheet') gone.add(ch.place.sheet);
  }
  // Formulas on every sheet follow the rows deleted on any sheet.
  const deletions = [...bySheet].filter(([, s]) => s.deleted.length).map(([name, s]) => ({ name, rows: [...s.deleted].sort((a, b) => a - b) }));
  const sheets: SheetGrid[] = [];
  for (const sheet of grid.sheets) {
    if (gone.has(sheet.name)) continue;
    const s = bySheet.get(sheet.name);
    if (!s && !deletions.length) {
      sheets.push(sheet);
      continue;
    }
    let cells = s ? s.cells : sheet.cells.map((r) => (r ? [...r] : [])) as (Cell | undefined)[][];
    if (deletions.length) {
      cells = cells.map((row) =>
        row.map((cell) => {
          if (!cell?.formula) return cell;
          let f = cell.formula;
          for (const d of deletions) f = shiftFormula(f, sheet.name, d.name, d.rows);
          return f === cell.formula ? cell : { ...cell, formula: f };
        }),
      );
    }
    let merges = s ? s.merges.filter((m) => !s.removed.has(rangeKey(m))) : [...sheet.merges];
    let rowCount = sheet.rowCount;
    const deleted = s ? [...s.deleted].sort((a, b) => a - b) : [];
    if (deleted.length) {
      const out: (Cell | undefined)[][] = [];
      cells.forEach((row, r) => {
        const n = shiftRow(r, deleted);
        if (n !== null && row) out[n] = row;
      });
      cells = out;
      merges = merges.map((m) => ({ ...m, top: shiftRow(m.top, deleted)!, bottom: shiftRow(m.bottom, deleted)! }));
      rowCount = Math.max(0, rowCount - deleted.filter((r) => r <= sheet.rowCount).length);
    }
    if (s) merges = merges.concat(s.added);
    merges.sort((a, b) => a.top - b.top || a.left - b.left);
    sheets.push({ ...sheet, cells, merges, rowCount });
  }
  return { sheets };
}

function rangeKey(m: MergedArea): string {
  return rangeAddress(m.top, m.left, m.bottom, m.right);
}
