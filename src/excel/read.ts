/// <reference types="office-js" />
/**
 * Reading: every sheet's values-only used range (values, formulas, number formats and,
 * when highlighting, fills) and its merged areas, for all sheets in ONE sync after the
 * sync that lists the sheets. Only when Excel refuses that batch as over 5 MB are the
 * ranges read again in row blocks sized to stay under the limit.
 */
import { columnLetters, fromExcelValue, type Cell, type MergedArea, type SheetGrid, type WorkbookGrid } from '../core';
import { BACKUP_PREFIX } from '../core';
import { isPayloadError } from './errors';

export type RawValue = string | number | boolean;

export interface RawCell {
  /** As `Range.values` gives it. */
  readonly value: RawValue;
  /** With its `=`, or null. */
  readonly formula: string | null;
  readonly numberFormat: string;
  /** Solid fill `#RRGGBB`, null for none; undefined when fills were not read. */
  readonly fill?: string | null;
}

export interface SheetRead {
  readonly name: string;
  readonly protected: boolean;
  readonly grid: SheetGrid;
  /** Raw state of every cell of the used range by A1 address (what undo restores). */
  readonly raw: ReadonlyMap<string, RawCell>;
}

export interface WorkbookRead {
  readonly grid: WorkbookGrid;
  readonly sheets: readonly SheetRead[];
}

export interface ReadOptions {
  /** Read fills too (for highlighting and its undo). */
  readonly fills: boolean;
  readonly onSheet?: (done: number, total: number) => void;
}

interface Block {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly values: RawValue[][];
  readonly formulas: RawValue[][];
  readonly numberFormat: string[][];
  readonly fills: Array<Array<{ format?: { fill?: { color?: string; pattern?: string } } }>> | null;
}

const DATA = 'rowIndex,columnIndex,rowCount,columnCount,values,formulas,numberFormat';
const MERGES = 'areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount';
const FILL_PROPS = { format: { fill: { color: true, pattern: true } } };
/** Bytes a cell costs in a response, generously (value + formula + format + fill JSON). */
export const BYTES_PER_CELL = 160;
/** What one read batch aims for, well under Excel's 5 MB. */
export const READ_BUDGET = 4 * 1024 * 1024;

/** Sync 1 (list) and sync 2 (read all); more only when a read would pass 5 MB. */
export async function readWorkbook(context: Excel.RequestContext, options: ReadOptions): Promise<WorkbookRead> {
  const worksheets = context.workbook.worksheets;
  worksheets.load('items/name,items/protection/protected');
  await context.sync();
  // 清理模板's very-hidden backups are not part of the workbook the user sees.
  const sheets = worksheets.items.filter((ws) => !ws.name.startsWith(BACKUP_PREFIX));
  options.onSheet?.(0, sheets.length);

  // Merged areas over the whole sheet: getMergedAreasOrNullObject only reports merges whose
  // top-left cell lies inside the range it is called on.
  const loadMerges = (): Excel.RangeAreas[] => sheets.map((ws) => ws.getRange().getMergedAreasOrNullObject().load(MERGES));
  let mergeAreas = loadMerges();
  let blocks: Block[][];
  try {
    blocks = await readAllAtOnce(context, sheets, options.fills);
  } catch (e) {
    if (!isPayloadError(e)) throw e;
    // A refused batch returns nothing: the merges go again with the sizes.
    mergeAreas = loadMerges();
    blocks = await readInBlocks(context, sheets, options.fills);
  }
  const out: SheetRead[] = sheets.map((ws, i) => {
    const merges = mergeAreas[i].isNullObject ? [] : mergeAreas[i].areas.items.map(areaOf);
    options.onSheet?.(i + 1, sheets.length);
    return toSheet(ws.name, ws.protection.protected, blocks[i], merges);
  });
  return { grid: { sheets: out.map((s) => s.grid) }, sheets: out };
}

function areaOf(r: Excel.Range): MergedArea {
  return { top: r.rowIndex + 1, left: r.columnIndex + 1, bottom: r.rowIndex + r.rowCount, right: r.columnIndex + r.columnCount };
}

async function readAllAtOnce(context: Excel.RequestContext, sheets: Excel.Worksheet[], fills: boolean): Promise<Block[][]> {
  // getUsedRange(true), not …OrNullObject: a blank sheet gives A1, so getCellProperties can
  // be chained in the same batch without calling a method on a null object.
  const reads = sheets.map((ws) => {
    const used = ws.getUsedRange(true).load(DATA);
    return { used, fills: fills ? used.getCellProperties(FILL_PROPS) : null };
  });
  await context.sync();
  return reads.map((r) => [blockOf(r.used, r.fills)]);
}

function blockOf(range: Excel.Range, fills: OfficeExtension.ClientResult<Excel.CellProperties[][]> | null): Block {
  return {
    rowIndex: range.rowIndex,
    columnIndex: range.columnIndex,
    values: range.values as RawValue[][],
    formulas: range.formulas as RawValue[][],
    numberFormat: range.numberFormat as string[][],
    fills: fills ? (fills.value as Block['fills']) : null,
  };
}

/** The fallback: used-range sizes first, then row blocks, several blocks per sync up to the budget. */
async function readInBlocks(context: Excel.RequestContext, sheets: Excel.Worksheet[], fills: boolean): Promise<Block[][]> {
  const dims = sheets.map((ws) => ws.getUsedRange(true).load('rowIndex,columnIndex,rowCount,columnCount'));
  await context.sync();
  let budget = Math.max(1, Math.floor(READ_BUDGET / BYTES_PER_CELL));
  interface Piece {
    sheet: number;
    row: number;
    col: number;
    rows: number;
    cols: number;
  }
  // Row blocks in sheet order; a batch Excel still refuses (long texts) is split in halves.
  let todo: Piece[] = [];
  dims.forEach((d, sheet) => {
    const rowsPerBlock = Math.max(1, Math.floor(budget / d.columnCount));
    for (let r = 0; r < d.rowCount; r += rowsPerBlock) {
      todo.push({ sheet, row: d.rowIndex + r, col: d.columnIndex, rows: Math.min(rowsPerBlock, d.rowCount - r), cols: d.columnCount });
    }
  });
  const out: Block[][] = sheets.map(() => []);
  while (todo.length) {
    const batch: Piece[] = [];
    let cells = 0;
    while (todo.length && (batch.length === 0 || cells + todo[0].rows * todo[0].cols <= budget)) {
      const p = todo.shift()!;
      batch.push(p);
      cells += p.rows * p.cols;
    }
    const pending = batch.map((b) => {
      const range = sheets[b.sheet].getRangeByIndexes(b.row, b.col, b.rows, b.cols).load(DATA);
      return { piece: b, range, fills: fills ? range.getCellProperties(FILL_PROPS) : null };
    });
    try {
      // One sync per batch is the point here: each stays under Excel's payload limit.
      await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop
    } catch (e) {
      if (!isPayloadError(e) || batch.every((b) => b.rows === 1)) throw e;
      budget = Math.max(1, Math.floor(budget / 2));
      const halves = batch.flatMap((b) => {
        if (b.rows === 1) return [b];
        const top = Math.ceil(b.rows / 2);
        return [
          { ...b, rows: top },
          { ...b, row: b.row + top, rows: b.rows - top },
        ];
      });
      todo = [...halves, ...todo];
      continue;
    }
    for (const p of pending) out[p.piece.sheet].push(blockOf(p.range, p.fills));
  }
  return out;
}

function fillOf(p: { format?: { fill?: { color?: string; pattern?: string } } } | undefined): string | null {
  const f = p?.format?.fill;
  if (!f || f.pattern === 'None' || !f.color) return null;
  return f.color.toUpperCase();
}


function toSheet(name: string, isProtected: boolean, blocks: readonly Block[], merges: MergedArea[]): SheetRead {
  const cells: (Cell | undefined)[][] = [];
  const raw = new Map<string, RawCell>();
  let rowCount = 0;
  let colCount = 0;
  for (const b of blocks) {
    const letters = b.values[0]?.map((_, j) => columnLetters(b.columnIndex + j + 1)) ?? [];
    b.values.forEach((vals, i) => {
      const r = b.rowIndex + i + 1;
      vals.forEach((v, j) => {
        const c = b.columnIndex + j + 1;
        const f = b.formulas[i][j];
        // A text constant that starts with '=' reports itself as its formula: not a formula.
        const formula = typeof f === 'string' && f.startsWith('=') && f !== v ? f : null;
        const nf = b.numberFormat[i][j];
        const fill = b.fills ? fillOf(b.fills[i][j]) : undefined;
        if (v !== '' || formula !== null || nf !== 'General' || fill) {
          raw.set(letters[j] + r, { value: v, formula, numberFormat: nf, ...(fill !== undefined ? { fill } : {}) });
        }
        const value = fromExcelValue(v, nf);
        if (value.t === 'empty' && formula === null) return;
        const cell: Cell = {
          value,
          ...(formula !== null ? { formula: formula.slice(1) } : {}),
          ...(nf !== 'General' && nf !== '' ? { numFmt: nf } : {}),
        };
        (cells[r] ??= [])[c] = cell;
        if (r > rowCount) rowCount = r;
        if (c > colCount) colCount = c;
      });
    });
  }
  for (const m of merges) {
    if (m.bottom > rowCount) rowCount = m.bottom;
    if (m.right > colCount) colCount = m.right;
  }
  merges.sort((a, b) => a.top - b.top || a.left - b.left);
  return { name, protected: isProtected, raw, grid: { name, rowCount, colCount, cells, merges, protected: isProtected } };
}
