/**
 * Reading a WPS 表格 worksheet into the engine's grid, in bulk: the used range's `Value2` and
 * `Formula` once each (arrays), number formats, fills and merged areas by splitting the range
 * only where its cells differ (`NumberFormat`, `Interior.*`, `MergeCells` read `null` over
 * cells that differ, as in VBA). A sheet of uniform blocks thus costs a handful of calls,
 * never one per cell; every call crosses WPS's process boundary.
 */
import { EXCEL_ERRORS, columnLetters, fromExcelValue, type Cell, type MergedArea, type SheetGrid, type SheetVisibility } from '../core';
import { XL, type WpsRange, type WpsScalar, type WpsWorksheet } from './types';

export type RawValue = string | number | boolean;

/** A cell as the object model gives it, for undo records. */
export interface RawCell {
  readonly value: RawValue;
  /** With its '=', or null. */
  readonly formula: string | null;
  readonly numberFormat: string;
  /** `#RRGGBB`, null for none; undefined when fills were not read. */
  readonly fill?: string | null;
}

export interface SheetRead {
  readonly name: string;
  readonly protected: boolean;
  readonly visibility: SheetVisibility;
  readonly grid: SheetGrid;
  /** Every non-blank cell of the used range by A1 address. */
  readonly raw: ReadonlyMap<string, RawCell>;
  /** Calls made on the object model for this sheet (bench, tests). */
  readonly calls: number;
}

export interface ReadOptions {
  /** Read fills too (for highlighting, clean-up and their undo). */
  readonly fills: boolean;
}

export type Area = MergedArea;

/** Excel's COM error codes (`CVErr`) as some bridges hand them over: 0x800A07D0 + xlErr. */
const COM_ERRORS: ReadonlyMap<number, string> = new Map([
  [-2146826288, '#NULL!'],
  [-2146826281, '#DIV/0!'],
  [-2146826273, '#VALUE!'],
  [-2146826265, '#REF!'],
  [-2146826259, '#NAME?'],
  [-2146826252, '#NUM!'],
  [-2146826246, '#N/A'],
]);

/**
 * One `Value2` entry as a raw value. Empty reads as undefined, null or '' depending on the
 * bridge; an error as its literal or as a COM error code (WPS does not document which: both
 * are accepted).
 */
export function rawValue(v: WpsScalar | unknown): RawValue {
  if (v === undefined || v === null) return '';
  if (typeof v === 'number') return COM_ERRORS.get(v) ?? (Number.isFinite(v) ? v : '');
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime() / 86400000 + 25569;
  return String(v);
}

/** WPS may name the General format in Chinese (`G/通用格式`, NumberFormatLocal's spelling). */
export function normalFormat(nf: string | null | undefined): string {
  if (nf === null || nf === undefined || nf === '' || nf === 'G/通用格式' || nf === 'General') return 'General';
  return nf;
}

/** BGR integer (Interior.Color) → `#RRGGBB`. */
export function bgrToHex(bgr: number): string {
  const n = Number(bgr) & 0xffffff;
  const r = n & 0xff;
  const g = (n >> 8) & 0xff;
  const b = (n >> 16) & 0xff;
  return '#' + [r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
}

/** `#RRGGBB` (or ARGB `FFRRGGBB`) → BGR integer for Interior.Color. */
export function hexToBgr(hex: string): number {
  const n = parseInt(hex.replace(/^#/, '').slice(-6), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

export function areaAddress(a: Area): string {
  const tl = columnLetters(a.left) + a.top;
  return a.top === a.bottom && a.left === a.right ? tl : `${tl}:${columnLetters(a.right)}${a.bottom}`;
}

const cellsOf = (a: Area): number => (a.bottom - a.top + 1) * (a.right - a.left + 1);

/**
 * Halves of an area: columns first (a table's formats differ by column: a percentage column,
 * a text column), then rows (a header row above the data).
 */
function halves(a: Area): [Area, Area] {
  const rows = a.bottom - a.top + 1;
  const cols = a.right - a.left + 1;
  if (cols === 1) {
    const mid = a.top + Math.floor(rows / 2) - 1;
    return [
      { ...a, bottom: mid },
      { ...a, top: mid + 1 },
    ];
  }
  const mid = a.left + Math.floor(cols / 2) - 1;
  return [
    { ...a, right: mid },
    { ...a, left: mid + 1 },
  ];
}

/**
 * The area split into blocks over which `get` is uniform (non-null), by halving wherever the
 * object model answers null. Calls: about 2 × blocks × log2(cells / blocks).
 */
export function uniformBlocks<T>(ws: WpsWorksheet, area: Area, get: (r: WpsRange) => T | null | undefined, whole?: WpsRange): Array<{ area: Area; value: T }> {
  const out: Array<{ area: Area; value: T }> = [];
  const visit = (a: Area, range?: WpsRange): void => {
    const v = get(range ?? ws.Range(areaAddress(a)));
    if (v !== null && v !== undefined) {
      out.push({ area: a, value: v });
      return;
    }
    if (cellsOf(a) === 1) return; // a single cell answering null: nothing to record
    for (const h of halves(a)) visit(h);
  };
  visit(area, whole);
  return out;
}

/** `$A$5:$B$12` / `$C$3` → an area. */
export function parseAddressArea(address: string): Area | null {
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(address.replace(/^.*!/, '').trim());
  if (!m) return null;
  const col = (letters: string): number => [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const a = { row: Number(m[2]), col: col(m[1]) };
  const b = m[3] ? { row: Number(m[4]), col: col(m[3]) } : a;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/**
 * Merged areas within `area`: blocks whose `MergeCells` is false are dropped (two calls), a
 * block inside an area already found costs nothing, a block wholly merged asks the `MergeArea`
 * of its top-left cell (which may cover it all); the rest is halved, columns first.
 *
 * `blank(r, c)` (from the values already read) prunes for free: every merge has at least one
 * covered cell, and covered cells are blank, so a block without a blank cell is skipped; a
 * merge is then found from one of its covered cells.
 */
export function mergedAreas(ws: WpsWorksheet, area: Area, blank: (r: number, c: number) => boolean = () => true): Area[] {
  const found: Area[] = [];
  const inside = (a: Area, m: Area): boolean => a.top >= m.top && a.bottom <= m.bottom && a.left >= m.left && a.right <= m.right;
  const hasBlank = (a: Area): boolean => {
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) if (blank(r, c) && !found.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right)) return true;
    return false;
  };
  const visit = (a: Area): void => {
    if (found.some((m) => inside(a, m)) || !hasBlank(a)) return;
    const mc = ws.Range(areaAddress(a)).MergeCells;
    if (mc === false) return;
    const single = cellsOf(a) === 1;
    if (mc === true || single) {
      const corner = { top: a.top, left: a.left, bottom: a.top, right: a.left };
      const m = found.find((f) => inside(corner, f)) ?? parseAddressArea(ws.Range(areaAddress(corner)).MergeArea.Address());
      if (m && (m.bottom > m.top || m.right > m.left)) {
        if (!found.some((f) => f.top === m.top && f.left === m.left)) found.push(m);
        if (inside(a, m)) return;
      }
      if (single) return;
    }
    for (const h of halves(a)) visit(h);
  };
  visit(area);
  return found.sort((x, y) => x.top - y.top || x.left - y.left);
}

/** A 2-D read normalised to rows × cols (one cell gives a scalar). */
function matrix<T>(v: T | T[][], rows: number, cols: number): T[][] {
  if (rows === 1 && cols === 1 && !Array.isArray(v)) return [[v as T]];
  if (!Array.isArray(v)) throw new Error(`expected ${rows}×${cols} array`);
  return v as T[][];
}

const VISIBILITY: Readonly<Record<number, SheetVisibility>> = { [XL.sheetVisible]: 'visible', [XL.sheetHidden]: 'hidden', [XL.sheetVeryHidden]: 'veryHidden' };

export function readSheet(ws: WpsWorksheet, options: ReadOptions, calls: () => number = () => 0): SheetRead {
  const start = calls();
  const name = ws.Name;
  const isProtected = !!ws.ProtectContents;
  const visibility = VISIBILITY[Number(ws.Visible)] ?? 'visible';
  const used = ws.UsedRange;
  const top = used.Row;
  const left = used.Column;
  const rows = used.Rows.Count;
  const cols = used.Columns.Count;
  const area: Area = { top, left, bottom: top + rows - 1, right: left + cols - 1 };
  const values = matrix<WpsScalar>(used.Value2, rows, cols);
  const formulas = matrix<string>(used.Formula, rows, cols);
  const formats = uniformBlocks(ws, area, (r) => r.NumberFormat, used);
  const merges = mergedAreas(ws, area, (r, c) => rawValue(values[r - top]?.[c - left]) === '' && !String(formulas[r - top]?.[c - left] ?? '').startsWith('='));
  const fills = options.fills ? readFills(ws, area, used) : null;

  const nf: string[][] = Array.from({ length: rows }, () => new Array<string>(cols).fill('General'));
  for (const b of formats) for (let r = b.area.top; r <= b.area.bottom; r++) for (let c = b.area.left; c <= b.area.right; c++) nf[r - top][c - left] = normalFormat(b.value);
  const fill: (string | null)[][] | null = fills ? Array.from({ length: rows }, () => new Array<string | null>(cols).fill(null)) : null;
  if (fills && fill) for (const b of fills) for (let r = b.area.top; r <= b.area.bottom; r++) for (let c = b.area.left; c <= b.area.right; c++) fill[r - top][c - left] = b.value;

  const cells: (Cell | undefined)[][] = [];
  const raw = new Map<string, RawCell>();
  let rowCount = 0;
  let colCount = 0;
  const letters = Array.from({ length: cols }, (_, j) => columnLetters(left + j));
  for (let i = 0; i < rows; i++) {
    const r = top + i;
    for (let j = 0; j < cols; j++) {
      const c = left + j;
      const v = rawValue(values[i]?.[j]);
      const f = formulas[i]?.[j];
      // A text constant that starts with '=' reads as its own Formula: not a formula.
      const formula = typeof f === 'string' && f.startsWith('=') && f.length > 1 && f !== v ? f : null;
      const format = nf[i][j];
      const cellFill = fill ? fill[i][j] : undefined;
      if (v !== '' || formula !== null || format !== 'General' || cellFill) {
        raw.set(letters[j] + r, { value: v, formula, numberFormat: format, ...(cellFill !== undefined ? { fill: cellFill } : {}) });
      }
      const value = typeof v === 'string' && EXCEL_ERRORS.has(v) ? { t: 'error' as const, v } : fromExcelValue(v, format);
      if (value.t === 'empty' && formula === null) continue;
      const cell: Cell = { value, ...(formula !== null ? { formula: formula.slice(1) } : {}), ...(format !== 'General' ? { numFmt: format } : {}) };
      (cells[r] ??= [])[c] = cell;
      rowCount = Math.max(rowCount, r);
      colCount = Math.max(colCount, c);
    }
  }
  for (const m of merges) {
    rowCount = Math.max(rowCount, m.bottom);
    colCount = Math.max(colCount, m.right);
  }
  const grid: SheetGrid = { name, rowCount, colCount, cells, merges, protected: isProtected, ...(visibility !== 'visible' ? { visibility } : {}) };
  return { name, protected: isProtected, visibility, grid, raw, calls: calls() - start };
}

/** Solid fills as `#RRGGBB`: blocks of one pattern, then of one colour inside the solid ones. */
function readFills(ws: WpsWorksheet, area: Area, used: WpsRange): Array<{ area: Area; value: string }> {
  const out: Array<{ area: Area; value: string }> = [];
  for (const p of uniformBlocks(ws, area, (r) => r.Interior.Pattern, used)) {
    if (p.value === XL.none) continue;
    for (const c of uniformBlocks(ws, p.area, (r) => r.Interior.Color)) out.push({ area: c.area, value: bgrToHex(c.value) });
  }
  return out;
}

export interface WorkbookRead {
  readonly grid: { readonly sheets: readonly SheetGrid[] };
  readonly sheets: readonly SheetRead[];
}

/**
 * Every worksheet the user works with (the add-in's own sheets, named by `skip`, left out), in
 * workbook order.
 */
export function readWorksheets(sheets: readonly WpsWorksheet[], options: ReadOptions, calls?: () => number): WorkbookRead {
  const out = sheets.map((ws) => readSheet(ws, options, calls));
  return { grid: { sheets: out.map((s) => s.grid) }, sheets: out };
}
