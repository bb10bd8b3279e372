/**
 * One validation of a plan, shared by every host (the CLI over ExcelJS, the add-in over
 * Office.js): a host describes its workbook through `PlanTargets` and refuses or skips the
 * edits this returns.
 */
import { address, rangeAddress, type MergedArea, type WorkbookGrid } from './grid';
import { mergeLookup } from './merges';
import type { CellEdit } from './plan';

export type EditProblemCode = 'missing-sheet' | 'bad-edit' | 'protected-sheet' | 'merged-cell' | 'formula-cell';

export interface EditProblem {
  readonly code: EditProblemCode;
  readonly edit: CellEdit;
  /** One line in Chinese naming the sheet and the cell. */
  readonly message: string;
}

/** What a host knows about a sheet it would write to. */
export interface TargetSheet {
  readonly protected: boolean;
  /** Does the cell hold a formula now? */
  hasFormula(row: number, col: number): boolean;
  /** The merged area containing the cell, if any. */
  mergeAt(row: number, col: number): MergedArea | undefined;
}

export interface PlanTargets {
  /** The sheet named exactly `name`, or undefined when there is none. */
  sheet(name: string): TargetSheet | undefined;
}

/** Why `edit` must not be applied, or null when it may. */
export function validateEdit(edit: CellEdit, targets: PlanTargets): EditProblem | null {
  const where = `工作表「${edit.sheet}」${edit.cell}`;
  const problem = (code: EditProblemCode, message: string): EditProblem => ({ code, edit, message });
  const sheet = targets.sheet(edit.sheet);
  if (!sheet) return problem('missing-sheet', `找不到工作表「${edit.sheet}」，未写入`);
  if (
    !Number.isInteger(edit.row) ||
    !Number.isInteger(edit.col) ||
    edit.row < 1 ||
    edit.col < 1 ||
    edit.row > 1048576 ||
    edit.col > 16384 ||
    edit.cell.replace(/\$/g, '').toUpperCase() !== address(edit.row, edit.col)
  ) {
    return problem('bad-edit', `${where} 的写入位置有误（第 ${edit.row} 行第 ${edit.col} 列），未写入`);
  }
  const v: unknown = edit.value;
  if (typeof v === 'number' ? !Number.isFinite(v) : typeof v !== 'string') {
    return problem('bad-edit', `${where} 的写入值无效，未写入`);
  }
  if (sheet.protected) {
    return problem('protected-sheet', `工作表「${edit.sheet}」受保护，拒绝写入 ${edit.cell}；请先撤销工作表保护`);
  }
  const merge = sheet.mergeAt(edit.row, edit.col);
  if (merge && (merge.top !== edit.row || merge.left !== edit.col)) {
    const range = rangeAddress(merge.top, merge.left, merge.bottom, merge.right);
    return problem(
      'merged-cell',
      `${where} 位于合并单元格 ${range} 中，只能写入其左上角单元格 ${address(merge.top, merge.left)}，拒绝写入`,
    );
  }
  if (sheet.hasFormula(edit.row, edit.col)) return problem('formula-cell', `${where} 含有公式，拒绝覆盖`);
  return null;
}

/** Every problem of a plan, in plan order. */
export function validatePlan(plan: readonly CellEdit[], targets: PlanTargets): EditProblem[] {
  const out: EditProblem[] = [];
  for (const edit of plan) {
    const p = validateEdit(edit, targets);
    if (p) out.push(p);
  }
  return out;
}

/** `PlanTargets` over a grid a host has just read (the add-in reads formulas and merges into it). */
export function gridTargets(grid: WorkbookGrid): PlanTargets {
  const byName = new Map(grid.sheets.map((s) => [s.name, s]));
  // One target per sheet, its merged areas indexed once: `validatePlan` asks for every edit.
  const targets = new Map<string, TargetSheet>();
  return {
    sheet(name) {
      const s = byName.get(name);
      if (!s) return undefined;
      let t = targets.get(name);
      if (!t) {
        t = { protected: !!s.protected, hasFormula: (row, col) => s.cells[row]?.[col]?.formula !== undefined, mergeAt: mergeLookup(s.merges) };
        targets.set(name, t);
      }
      return t;
    },
  };
}
