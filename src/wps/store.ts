/**
 * Where the add-in keeps its records in a WPS workbook (settings, the undo record, marks, the
 * clean-up record): a very hidden worksheet, so they travel with the file and are invisible to
 * the user (a very hidden sheet is not listed by 取消隐藏). Column A holds the keys, columns
 * B… the JSON text in pieces of at most 30,000 characters (a cell holds 32,767): a record of
 * any size is written and read with one `Value2` array each.
 *
 * Why not custom document properties: Office limits their text to 255 characters, and an undo
 * record for a large write runs to megabytes (thousands of properties, one call each).
 */
import { STORE_SHEET } from '../core';
import { XL, type WpsWorkbook, type WpsWorksheet } from './types';
import { areaAddress } from './read';

/** The store sheet's name is core policy (src/core/sheets.ts): every host and jixiao skip it. */
export { STORE_SHEET };

/** Characters per cell (a cell holds 32,767). */
export const PIECE = 30000;

export function isStoreSheet(name: string): boolean {
  return name === STORE_SHEET;
}

export function findStore(book: WpsWorkbook): WpsWorksheet | null {
  const sheets = book.Worksheets;
  for (let i = sheets.Count; i >= 1; i--) {
    const ws = sheets.Item(i);
    if (isStoreSheet(ws.Name)) return ws;
  }
  return null;
}

type Table = Map<string, string>;

function readTable(ws: WpsWorksheet): Table {
  const used = ws.UsedRange;
  const rows = used.Rows.Count;
  const cols = used.Columns.Count;
  const v = used.Value2;
  const grid = rows === 1 && cols === 1 ? [[v]] : (v as unknown[][]);
  const out: Table = new Map();
  // The store is written from A1; a used range elsewhere means it holds nothing of ours.
  if (used.Row !== 1 || used.Column !== 1) return out;
  for (const row of grid) {
    const key = row[0];
    if (typeof key !== 'string' || key === '') continue;
    out.set(key, row.slice(1).map((p) => (typeof p === 'string' ? p : p === undefined || p === null ? '' : String(p))).join(''));
  }
  return out;
}

/** The stored entries asked for (a missing or unreadable entry is absent). */
export function readStore(book: WpsWorkbook, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!keys.length) return out;
  const ws = findStore(book);
  if (!ws) return out;
  const table = readTable(ws);
  for (const k of keys) {
    const text = table.get(k);
    if (text === undefined) continue;
    try {
      out[k] = JSON.parse(text);
    } catch {
      // a damaged entry reads as missing
    }
  }
  return out;
}

/** Write entries (null deletes); creates the very hidden sheet on first use. */
export function writeStore(book: WpsWorkbook, entries: Readonly<Record<string, unknown>>): void {
  const keys = Object.keys(entries);
  if (!keys.length) return;
  let ws = findStore(book);
  if (!ws && keys.every((k) => entries[k] === null)) return;
  const table = ws ? readTable(ws) : new Map<string, string>();
  const oldRows = table.size;
  const oldCols = ws ? Math.max(1, ws.UsedRange.Columns.Count) : 1;
  for (const k of keys) {
    if (entries[k] === null || entries[k] === undefined) table.delete(k);
    else table.set(k, JSON.stringify(entries[k]));
  }
  if (!ws) ws = createStore(book);
  const rows = [...table.entries()].map(([k, text]) => {
    const pieces: string[] = [];
    for (let i = 0; i < text.length; i += PIECE) pieces.push(text.slice(i, i + PIECE));
    // An apostrophe keeps text that looks like a number or a formula as text.
    return ["'" + k, ...pieces.map((p) => "'" + p)];
  });
  const cols = Math.max(1, ...rows.map((r) => r.length));
  const height = Math.max(rows.length, oldRows, 1);
  const width = Math.max(cols, oldCols);
  const grid = Array.from({ length: height }, (_, i) => Array.from({ length: width }, (_, j) => rows[i]?.[j] ?? ''));
  ws.Range(areaAddress({ top: 1, left: 1, bottom: height, right: width })).Value2 = grid;
}

function createStore(book: WpsWorkbook): WpsWorksheet {
  const sheets = book.Worksheets as unknown as { Add(before?: unknown, after?: unknown): WpsWorksheet; Count: number; Item(i: number): WpsWorksheet };
  const active = book.ActiveSheet;
  const ws = sheets.Add(undefined, sheets.Item(sheets.Count));
  ws.Name = STORE_SHEET;
  ws.Visible = XL.sheetVeryHidden;
  // Adding a sheet activates it: give the user their sheet back.
  active?.Activate();
  return ws;
}
