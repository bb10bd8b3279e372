/**
 * One validation of a plan, shared by every host (the CLI over ExcelJS, the add-in over
 * Office.js): a host describes its workbook through `PlanTargets` and refuses or skips the
 * edits this returns.
 */
import { address, decodeAddress, parseRange, rangeAddress, type CellAt, type MergedArea, type WorkbookGrid } from './grid';
import { INDICATOR_TEXT_ROLES, type NumberCell, type TableLayout } from './layout/types';
import { CellTable, NONE } from './cell-table';
import { mergeLookup } from './merges';
import type { CellEdit } from './plan';

export type EditProblemCode = 'missing-sheet' | 'bad-edit' | 'protected-sheet' | 'merged-cell' | 'formula-cell' | 'outside-table' | 'table-input';

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
  if (edit.table !== undefined) {
    const t = parseRange(edit.table);
    if (!t || edit.row < t.top || edit.row > t.bottom || edit.col < t.left || edit.col > t.right) {
      return problem('outside-table', `${where} 不在计算它的表（${edit.table}）范围内，拒绝写入`);
    }
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

/** Several tables write the cell. */
const MANY_EDITORS = -2;

/** A cell a table reads: its address, and its row and column when it carries them. */
interface ReadCell {
  readonly cell: string;
  readonly row?: number;
  readonly col?: number;
}

/** Called with the cell's row and column (NaN, NaN when its address is malformed). */
type CellVisitor = (c: ReadCell, row: number, col: number) => void;

/**
 * Visit the cells a table reads (issue 12 item 1): `input` for those it must never write
 * itself (targets, actuals, texts, weights, budget amounts), `stated` for the stated figures
 * it reads and may correct (scores, rates, totals, grade). A neighbour writes neither.
 * Cells that carry their row and column (number cells) are not asked for their address: a
 * long table's cells make it on demand.
 */
function visitTableCells(l: TableLayout, input: CellVisitor, stated: CellVisitor): void {
  const at: CellAt = { row: 0, col: 0 };
  const visit = (c: ReadCell | null | undefined, to: CellVisitor): void => {
    if (!c) return;
    const { row, col } = c;
    if (typeof row === 'number' && typeof col === 'number') to(c, row, col);
    else if (decodeAddress(c.cell, at)) to(c, at.row, at.col);
    else to(c, NaN, NaN);
  };
  for (const r of l.indicators) {
    for (const k of INDICATOR_TEXT_ROLES) visit(r.texts[k], input);
    visit(r.weight, input);
    visit(r.refWeight, input);
    visit(r.score, stated);
    visit(r.completion, stated);
  }
  for (const sub of l.subtotals) {
    visit(sub.weight, input);
    visit(sub.refWeight, input);
    visit(sub.score, stated);
  }
  for (const b of l.budget?.rows ?? []) {
    const a = b.amounts as Readonly<Partial<Record<string, NumberCell>>>;
    for (const role of ['initialBudget', 'budget', 'executed', 'weight']) visit(a[role], input);
    for (const role of ['rate', 'score', 'deduction']) visit(a[role], stated);
  }
  for (const list of l.budget?.breakdowns ?? []) for (const item of list.items) visit(item.amount, input);
  visit(l.total?.score, stated);
  visit(l.grade, stated);
}

/**
 * The plan check across the tables of one sheet (issue 12 item 1): an edit must lie inside
 * its own table's rectangle, never on one of its own inputs, and never on a cell another
 * table on the sheet reads. Returns the edits kept and the problems of those refused; the
 * engine turns each problem into a `write-refused` finding (never silently dropped). Memory
 * stays proportional to the plan: only the cells the plan names are looked up.
 */
export function guardTableEdits(edits: readonly CellEdit[], layouts: readonly TableLayout[]): { kept: CellEdit[]; refused: EditProblem[] } {
  if (!edits.length) return { kept: [], refused: [] };
  const ranges = layouts.map((l) => rangeAddress(l.top, l.left, l.bottom, l.right));
  // Edited cell → the table writing it (its index; MANY_EDITORS when several do), by row and
  // column: numbers, no string hashing. A million-row table visits millions of cells, and
  // most lie in columns nothing is written to.
  const rows = new Float64Array(edits.length);
  const cols = new Float64Array(edits.length);
  // Read from each edit's address (the key the plan check has always used); a malformed one
  // (column 0, no row) is no cell of the table.
  const at: CellAt = { row: 0, col: 0 };
  edits.forEach((e, i) => {
    const ok = decodeAddress(e.cell, at);
    rows[i] = ok ? at.row : NaN;
    cols[i] = ok ? at.col : NaN;
  });
  const editors = new CellTable(edits.length, (i) => rows[i], (i) => cols[i]);
  edits.forEach((e, i) => {
    const row = rows[i];
    const col = cols[i];
    const k = e.table === undefined ? -1 : ranges.indexOf(e.table);
    const was = editors.get(row, col);
    editors.set(row, col, was === NONE || was === k ? k : MANY_EDITORS);
  });
  // Edited cell → the tables (by index) that read it as an input / as a stated figure. Only
  // possible conflicts are listed (few): a table reading a stated figure it alone corrects
  // (every score of a long table) is no conflict and makes no entry.
  const inputOf = new Map<string, number[]>();
  const readBy = new Map<string, number[]>();
  const add = (map: Map<string, number[]>, cell: string, k: number): void => {
    const list = map.get(cell);
    if (list) list.push(k);
    else map.set(cell, [k]);
  };
  layouts.forEach((l, k) =>
    visitTableCells(
      l,
      (c, row, col) => {
        if (editors.get(row, col) !== NONE) add(inputOf, c.cell, k);
      },
      (c, row, col) => {
        const editor = editors.get(row, col);
        if (editor !== NONE && editor !== k) add(readBy, c.cell, k);
      },
    ),
  );
  const kept: CellEdit[] = [];
  const refused: EditProblem[] = [];
  // Edits come table by table: the rectangle and index of the last one are reused.
  let table: string | undefined;
  let own = -1;
  let t: ReturnType<typeof parseRange>;
  for (const e of edits) {
    if (e.table !== table || t === undefined) {
      table = e.table;
      own = table === undefined ? -1 : ranges.indexOf(table);
      t = table !== undefined ? parseRange(table) : undefined;
    }
    const where = (): string => `工作表「${e.sheet}」${e.cell}`;
    if (!t || e.row < t.top || e.row > t.bottom || e.col < t.left || e.col > t.right) {
      refused.push({ code: 'outside-table', edit: e, message: `${where()} 不在计算它的表（${e.table ?? '未知'}）范围内，拒绝写入` });
      continue;
    }
    const inputs = inputOf.get(e.cell);
    if (inputs?.includes(own)) {
      refused.push({ code: 'table-input', edit: e, message: `${where()} 是本表（${e.table}）读取的指标值、完成值、分值或金额，拒绝写入` });
      continue;
    }
    const other = inputs?.find((k) => k !== own) ?? readBy.get(e.cell)?.find((k) => k !== own);
    if (other !== undefined) {
      refused.push({ code: 'table-input', edit: e, message: `${where()} 是另一张表（${ranges[other]}）读取的单元格，拒绝写入` });
      continue;
    }
    kept.push(e);
  }
  return { kept, refused };
}
