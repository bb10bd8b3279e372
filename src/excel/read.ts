/// <reference types="office-js" />
/**
 * Reading a workbook for the port: two syncs whatever the number of sheets —
 *
 *  1. the sheets (name, position, visibility, protection) and the stored settings asked for;
 *  2. every sheet's values-only used range (values, formulas, number formats; fills when
 *     asked) and the merged areas whose top-left cell lies in it.
 *
 * Only when Excel refuses sync 2 — a response over 5 MB, or a sheet with more than 512 merged
 * areas (`getMergedAreasOrNullObject` fails above 512, as documented) — are the sizes read
 * (sync 3) and then the cells in row blocks sized to stay under the response limit and the
 * merged areas in tiles of at most 512 cells (sync 4, more for a very large workbook; a block
 * still refused is read again in halves). Merged areas are never asked of a whole sheet
 * (office-js #5758) and are reported only where their top-left cell lies in the range asked
 * (office-js #3611): an area starting above or left of every value covers only empty cells
 * and is not read.
 */
import { columnLetters, fromExcelValue, isAddinSheet, type Cell, type MergedArea, type RawValue, type SheetGrid, type SheetVisibility } from '../core';
import type { CellFill, PortRead, ReadRequest, SheetInfo } from '../core';
import { isPayloadError } from './errors';

const DATA = 'values,formulas,numberFormat';
const MERGES = 'areas/items/rowIndex,areas/items/columnIndex,areas/items/rowCount,areas/items/columnCount';
const FILL_PROPS = { format: { fill: { color: true, pattern: true } } };

/** Response bytes a cell costs (values, formulas, number formats as JSON), typically; long texts cost more and are retried smaller. */
export const BYTES_PER_CELL = 64;
export const FILL_BYTES_PER_CELL = 64;
/** What one read batch aims for, under Excel's 5 MB. */
export const READ_BUDGET = 4 * 1024 * 1024;
/** A merged-area query never covers more cells than this: at most 512 areas can start in it. */
export const MERGE_TILE = 512;

export function visibilityOf(v: string): SheetVisibility {
  return v === 'VeryHidden' ? 'veryHidden' : v === 'Hidden' ? 'hidden' : 'visible';
}

/** String literals, not `Excel.SheetVisibility`: the namespace is injected (tests, the preview), not global. */
export function excelVisibility(v: SheetVisibility): 'Visible' | 'Hidden' | 'VeryHidden' {
  return v === 'veryHidden' ? 'VeryHidden' : v === 'hidden' ? 'Hidden' : 'Visible';
}

/** Sync 1: the sheets and stored entries. */
export async function readSheets(context: Excel.RequestContext, keys: readonly string[]): Promise<{ sheets: SheetInfo[]; stored: Record<string, unknown> }> {
  const worksheets = context.workbook.worksheets.load('items/name,items/position,items/visibility,items/protection/protected');
  const items = keys.map((k) => context.workbook.settings.getItemOrNullObject(k).load('value'));
  await context.sync();
  const stored: Record<string, unknown> = {};
  items.forEach((item, i) => {
    if (!item.isNullObject) stored[keys[i]] = item.value;
  });
  const sheets = worksheets.items.map((w) => ({ name: w.name, position: w.position, visibility: visibilityOf(w.visibility), protected: w.protection.protected }));
  return { sheets, stored };
}

interface Dims {
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

interface Piece {
  readonly sheet: number;
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

interface Block extends Piece {
  readonly values: RawValue[][];
  readonly formulas: RawValue[][];
  readonly numberFormat: string[][];
  readonly fills: Array<Array<{ format?: { fill?: { color?: string; pattern?: string } } }>> | null;
}

export async function readWorkbook(context: Excel.RequestContext, request: ReadRequest): Promise<PortRead> {
  const { sheets, stored } = await readSheets(context, request.keys);
  const read = request.grids === false ? [] : sheets.filter((s) => !isAddinSheet(s.name));
  if (!read.length) return { sheets, grid: { sheets: [] }, cell: () => EMPTY_CELL, fills: [], stored };
  request.onProgress?.(0, read.length);
  const proxies = read.map((s) => context.workbook.worksheets.getItem(s.name));

  let blocks: Block[];
  let mergeAreas: MergedArea[][];
  try {
    // Sync 2: every sheet's cells and merged areas at once.
    ({ blocks, mergeAreas } = await readAllAtOnce(context, proxies, request.fills === true));
  } catch {
    // Refused: a response over 5 MB, or more than 512 merged areas on a sheet. Sizes first
    // (sync 3), then cells in blocks and merged areas in tiles sized to stay under both limits.
    // (Any other failure happens again there and is reported.)
    const used = proxies.map((ws) => ws.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount'));
    await context.sync();
    const dims: Array<Dims | null> = used.map((u) => (u.isNullObject ? null : { row: u.rowIndex, col: u.columnIndex, rows: u.rowCount, cols: u.columnCount }));
    const perCell = BYTES_PER_CELL + (request.fills ? FILL_BYTES_PER_CELL : 0);
    let merges: () => MergedArea[][] = () => dims.map(() => []);
    blocks = await readBlocks(context, proxies, dims, request.fills === true, perCell, () => (merges = queueMerges(proxies, dims)));
    mergeAreas = merges();
  }

  const raws = new Map<string, Map<number, RawCell[]>>();
  const fills: CellFill[] = [];
  const grids = read.map((s, i) => {
    request.onProgress?.(i + 1, read.length);
    const { grid, raw } = toSheet(s, blocks.filter((b) => b.sheet === i), mergeAreas[i], fills);
    raws.set(s.name, raw);
    return grid;
  });
  const cell = (sheet: string, row: number, col: number): RawCell => raws.get(sheet)?.get(row)?.[col] ?? EMPTY_CELL;
  return { sheets, grid: { sheets: grids }, cell, fills, stored };
}

async function readAllAtOnce(context: Excel.RequestContext, proxies: Excel.Worksheet[], withFills: boolean): Promise<{ blocks: Block[]; mergeAreas: MergedArea[][] }> {
  // getUsedRange(true), not …OrNullObject: a blank sheet gives A1, so methods can be chained
  // in the same batch without calling one on a null object.
  const reads = proxies.map((ws) => {
    const used = ws.getUsedRange(true).load(`${DATA},rowIndex,columnIndex,rowCount,columnCount`);
    return { used, fills: withFills ? used.getCellProperties(FILL_PROPS) : null, merges: used.getMergedAreasOrNullObject().load(MERGES) };
  });
  await context.sync();
  const blocks = reads.map(({ used, fills }, sheet): Block => ({
    sheet,
    row: used.rowIndex,
    col: used.columnIndex,
    rows: used.rowCount,
    cols: used.columnCount,
    values: used.values as RawValue[][],
    formulas: used.formulas as RawValue[][],
    numberFormat: used.numberFormat as string[][],
    fills: fills ? (fills.value as Block['fills']) : null,
  }));
  return { blocks, mergeAreas: reads.map((r) => areasOf(r.merges)) };
}

function areasOf(areas: Excel.RangeAreas): MergedArea[] {
  if (areas.isNullObject) return [];
  return areas.areas.items.map((a) => ({ top: a.rowIndex + 1, left: a.columnIndex + 1, bottom: a.rowIndex + a.rowCount, right: a.columnIndex + a.columnCount }));
}

/** Cells in row blocks; `withFirst` queues more reads (the merged areas) into the first batch. */
async function readBlocks(context: Excel.RequestContext, proxies: Excel.Worksheet[], dims: Array<Dims | null>, withFills: boolean, perCell: number, withFirst: () => void): Promise<Block[]> {
  let budget = Math.max(1, Math.floor(READ_BUDGET / perCell));
  let todo: Piece[] = [];
  dims.forEach((d, sheet) => {
    if (!d) return;
    const rowsPerBlock = Math.max(1, Math.floor(budget / d.cols));
    for (let r = 0; r < d.rows; r += rowsPerBlock) todo.push({ sheet, row: d.row + r, col: d.col, rows: Math.min(rowsPerBlock, d.rows - r), cols: d.cols });
  });
  const out: Block[] = [];
  let first = true; // no cells: no merged areas either
  while (todo.length) {
    if (first) withFirst();
    const batch: Piece[] = [];
    let cells = 0;
    while (todo.length && (batch.length === 0 || cells + todo[0].rows * todo[0].cols <= budget)) {
      const p = todo.shift()!;
      batch.push(p);
      cells += p.rows * p.cols;
    }
    const pending = batch.map((p) => {
      const range = proxies[p.sheet].getRangeByIndexes(p.row, p.col, p.rows, p.cols).load(DATA);
      return { p, range, fills: withFills ? range.getCellProperties(FILL_PROPS) : null };
    });
    try {
      // One sync per batch is the point: each stays under Excel's response limit.
      await context.sync(); // eslint-disable-line office-addins/no-context-sync-in-loop
    } catch (e) {
      if (!isPayloadError(e) || batch.every((b) => b.rows === 1)) throw e;
      budget = Math.max(1, Math.floor(budget / 2));
      todo = [...batch.flatMap(halves), ...todo];
      continue;
    }
    first = false;
    for (const { p, range, fills } of pending) {
      out.push({ ...p, values: range.values as RawValue[][], formulas: range.formulas as RawValue[][], numberFormat: range.numberFormat as string[][], fills: fills ? (fills.value as Block['fills']) : null });
    }
  }
  return out;
}

function halves(p: Piece): Piece[] {
  if (p.rows === 1) return [p];
  const top = Math.ceil(p.rows / 2);
  return [
    { ...p, rows: top },
    { ...p, row: p.row + top, rows: p.rows - top },
  ];
}

/**
 * Queue the merged areas whose top-left cell lies in the used range, in tiles of at most
 * `MERGE_TILE` cells (so at most 512 areas can start in one); the returned function collects
 * them after the sync.
 */
function queueMerges(proxies: Excel.Worksheet[], dims: Array<Dims | null>): () => MergedArea[][] {
  const queries: Array<{ sheet: number; areas: Excel.RangeAreas }> = [];
  dims.forEach((d, sheet) => {
    if (!d) return;
    const cols = Math.min(d.cols, MERGE_TILE);
    const rows = Math.max(1, Math.floor(MERGE_TILE / cols));
    for (let r = 0; r < d.rows; r += rows) {
      for (let c = 0; c < d.cols; c += cols) {
        const areas = proxies[sheet].getRangeByIndexes(d.row + r, d.col + c, Math.min(rows, d.rows - r), Math.min(cols, d.cols - c)).getMergedAreasOrNullObject().load(MERGES);
        queries.push({ sheet, areas });
      }
    }
  });
  return () => {
    const out: MergedArea[][] = dims.map(() => []);
    const seen = new Set<string>();
    for (const q of queries) {
      for (const m of areasOf(q.areas)) {
        const key = `${q.sheet}:${m.top}:${m.left}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out[q.sheet].push(m);
      }
    }
    return out;
  };
}

function fillOf(p: { format?: { fill?: { color?: string; pattern?: string } } } | undefined): string | null {
  const f = p?.format?.fill;
  if (!f || f.pattern === 'None' || !f.color) return null;
  return 'FF' + f.color.replace('#', '').toUpperCase();
}

interface RawCell {
  readonly value: RawValue;
  readonly numFmt: string;
}
const EMPTY_CELL: RawCell = Object.freeze({ value: '', numFmt: 'General' });

function toSheet(info: SheetInfo, blocks: readonly Block[], merges: MergedArea[], fills: CellFill[]): { grid: SheetGrid; raw: Map<number, RawCell[]> } {
  const cells: (Cell | undefined)[][] = [];
  const raw = new Map<number, RawCell[]>();
  let rowCount = 0;
  let colCount = 0;
  for (const b of blocks) {
    b.values.forEach((vals, i) => {
      const r = b.row + i + 1;
      vals.forEach((v, j) => {
        const c = b.col + j + 1;
        const f = b.formulas[i][j];
        // A text constant that starts with '=' reports itself as its formula: not a formula.
        const formula = typeof f === 'string' && f.startsWith('=') && f !== v ? f : null;
        const nf = b.numberFormat[i][j];
        const fill = b.fills ? fillOf(b.fills[i][j]) : null;
        if (fill) fills.push({ sheet: info.name, row: r, col: c, fill });
        if (v !== '' || (nf !== 'General' && nf !== '')) {
          let row = raw.get(r);
          if (!row) raw.set(r, (row = []));
          row[c] = { value: v, numFmt: nf || 'General' };
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
  const grid: SheetGrid = { name: info.name, rowCount, colCount, cells, merges, protected: info.protected, visibility: info.visibility };
  return { grid, raw };
}

/** `H8` of a block's column, for callers that name cells. */
export const letters = columnLetters;
