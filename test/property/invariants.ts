/** Invariants the property suite checks on every analysed grid (SPEC §5–§10). */
import { address, type CellEdit, type CellValue, type MergedArea, type SheetGrid, type WorkbookGrid, type WorkbookResult } from '../../src/core';
import type { StructuredMeta } from './arbitraries';

const EMPTY: CellValue = { t: 'empty' };

export class InvariantError extends Error {}

function fail(message: string): never {
  throw new InvariantError(message);
}

/** Every number anywhere in the result (tables, findings, plan) is finite; absent values are null. */
export function assertFiniteNumbers(value: unknown, path = 'result'): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(`${path} is ${value}`);
    return;
  }
  if (value === undefined && !path.endsWith('.numFmt')) {
    // Plan edits may leave numFmt out; nothing else should be undefined.
    fail(`${path} is undefined (absent values should be null)`);
  }
  if (Array.isArray(value)) value.forEach((v, i) => assertFiniteNumbers(v, `${path}[${i}]`));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) assertFiniteNumbers(v, `${path}.${k}`);
}

/** SPEC §5–6: scores within [0, weight] for a positive weight; rates finite. */
export function assertScoreBounds(result: WorkbookResult): void {
  for (const t of result.tables) {
    for (const i of t.indicators) {
      if (i.weight !== null && i.weight > 0 && i.score !== null && (i.score < 0 || i.score > i.weight)) {
        fail(`${t.sheet}!${i.scoreCell ?? `row ${i.row}`}: score ${i.score} outside [0, ${i.weight}] (method ${i.method})`);
      }
    }
    const e = t.execution;
    if (e) {
      for (const [k, v] of [['rate', e.rate], ['statedRate', e.statedRate]] as const) {
        if (v !== null && !Number.isFinite(v)) fail(`${t.sheet} execution.${k} is ${v}`);
      }
      if (e.weight > 0 && e.score !== null && (e.score < 0 || e.score > e.weight)) fail(`${t.sheet}: execution score ${e.score} outside [0, ${e.weight}]`);
      if (e.weight > 0 && e.deduction !== null && (e.deduction < 0 || e.deduction > e.weight)) {
        fail(`${t.sheet}: execution deduction ${e.deduction} outside [0, ${e.weight}]`);
      }
    }
  }
}

export function mergesOverlap(merges: readonly MergedArea[]): boolean {
  for (let i = 0; i < merges.length; i++) {
    for (let j = i + 1; j < merges.length; j++) {
      const a = merges[i];
      const b = merges[j];
      if (a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right) return true;
    }
  }
  return false;
}

function coveredBy(s: SheetGrid, row: number, col: number): MergedArea | undefined {
  return s.merges.find((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right && (m.top !== row || m.left !== col));
}

const describeEdit = (e: CellEdit) => `${e.sheet}!${e.cell} (${e.role} = ${JSON.stringify(e.value)})`;

/**
 * SPEC §10 on any grid: every edit is inside its sheet's used range, on an unprotected
 * sheet, never on a formula or a covered cell of a merged area (when the merges do not
 * overlap, so that "covered" means something), at most once per cell, and `previous`
 * is what the grid holds there.
 */
export function assertPlanSafe(grid: WorkbookGrid, result: WorkbookResult): void {
  const seen = new Set<string>();
  for (const e of result.plan) {
    const s = grid.sheets.find((x) => x.name === e.sheet);
    if (!s) fail(`edit on unknown sheet: ${describeEdit(e)}`);
    if (s.protected) fail(`edit on protected sheet: ${describeEdit(e)}`);
    if (!(e.row >= 1 && e.row <= s.rowCount && e.col >= 1 && e.col <= s.colCount)) {
      fail(`edit outside the used range ${s.rowCount}×${s.colCount}: ${describeEdit(e)}`);
    }
    if (e.cell !== address(e.row, e.col)) fail(`cell ${e.cell} ≠ row/col ${e.row}/${e.col}`);
    const cell = s.cells[e.row]?.[e.col];
    if (cell?.formula !== undefined) fail(`edit overwrites formula =${cell.formula}: ${describeEdit(e)}`);
    if (!mergesOverlap(s.merges)) {
      const m = coveredBy(s, e.row, e.col);
      if (m) fail(`edit on a covered cell of merge ${JSON.stringify(m)}: ${describeEdit(e)}`);
    }
    const key = `${e.sheet}!${e.cell}`;
    if (seen.has(key) && !mergesOverlap(s.merges)) fail(`two edits to ${key}: ${JSON.stringify(result.plan.filter((x) => `${x.sheet}!${x.cell}` === key))}`);
    seen.add(key);
    const current = cell?.value ?? EMPTY;
    if (JSON.stringify(e.previous) !== JSON.stringify(current)) fail(`previous ${JSON.stringify(e.previous)} ≠ grid value ${JSON.stringify(current)} at ${describeEdit(e)}`);
    if (e.role === 'grade' ? typeof e.value !== 'string' : typeof e.value !== 'number') fail(`wrong value type: ${describeEdit(e)}`);
  }
  for (const e of result.blockedByProtection) {
    if (!grid.sheets.find((x) => x.name === e.sheet)?.protected) fail(`blocked edit on an unprotected sheet: ${describeEdit(e)}`);
  }
}

/** On a structured sheet: every edit goes to a cell the layout names for its role. */
export function assertPlanRoles(plan: readonly CellEdit[], meta: StructuredMeta): void {
  for (const e of plan) {
    if (!meta.allowed[e.role].has(e.cell)) {
      const other = (Object.keys(meta.allowed) as (keyof StructuredMeta['allowed'])[]).filter((r) => meta.allowed[r].has(e.cell));
      fail(`edit to a cell that is not a ${e.role} cell${other.length ? ` (it is a ${other.join('/')} cell)` : ''}: ${describeEdit(e)}`);
    }
  }
}
