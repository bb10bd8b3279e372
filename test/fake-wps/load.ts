/**
 * The fake WPS host over the same fixtures as the fake Excel host: a workbook snapshot
 * (test/fake-excel/snapshot.ts, built from an .xlsx by test/fake-excel/load.ts) becomes a
 * FakeBook, and back. Browser-safe (no Node APIs): ./browser.ts uses it on fetched snapshots.
 */
import { EXCEL_ERRORS, parseRange } from '../../src/core';
import type { SnapCell, SnapSheet, WorkbookSnapshot } from '../fake-excel/snapshot';
import { FakeBook, FakeSheet, XL_SHEET_HIDDEN, XL_SHEET_VERY_HIDDEN, a1, type FakeCell } from './model';

/** `#RRGGBB` → the BGR integer `Interior.Color` gives. */
export function rgbToBgr(hex: string): number {
  const n = parseInt(hex.replace(/^#/, '').slice(-6), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

export function bgrToRgb(bgr: number): string {
  const r = bgr & 0xff;
  const g = (bgr >> 8) & 0xff;
  const b = (bgr >> 16) & 0xff;
  return '#' + [r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('').toUpperCase();
}

export function bookFromSnapshot(snap: WorkbookSnapshot, name = 'workbook.xlsx'): FakeBook {
  const book = new FakeBook(name);
  for (const s of snap.sheets) {
    const sheet = new FakeSheet(s.name);
    for (const [address, c] of Object.entries(s.cells)) {
      const area = parseRange(address);
      if (!area) continue;
      const cell: FakeCell = { v: c.v };
      if (typeof c.v === 'string' && EXCEL_ERRORS.has(c.v)) cell.error = true;
      if (c.f !== undefined) cell.f = c.f;
      if (c.nf !== undefined && c.nf !== 'General') cell.nf = c.nf;
      if (c.fill !== undefined) cell.fill = rgbToBgr(c.fill);
      sheet.set(area.top, area.left, cell);
    }
    sheet.merges = s.merges.map((m) => parseRange(m)).filter((m): m is NonNullable<typeof m> => !!m && (m.top !== m.bottom || m.left !== m.right));
    for (const [address, text] of Object.entries(s.notes ?? {})) {
      const area = parseRange(address);
      if (area) sheet.setComment(area.top, area.left, text);
    }
    if (s.protected) sheet.protectContents = true;
    if (s.visibility === 'Hidden') sheet.visible = XL_SHEET_HIDDEN;
    if (s.visibility === 'VeryHidden') sheet.visible = XL_SHEET_VERY_HIDDEN;
    for (const [r, h] of Object.entries(s.rowHeights ?? {})) sheet.rowHeights.set(Number(r), h);
    book.sheets.push(sheet);
  }
  return book;
}

/** The book as a snapshot again (to compare with what `jixiao` wrote, or with the original). */
export function snapshotOfBook(book: FakeBook): WorkbookSnapshot {
  return {
    sheets: book.sheets.map((s): SnapSheet => {
      const cells: Record<string, SnapCell> = {};
      const keys = [...s.cells.keys()].map((k) => k.split(',').map(Number)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      for (const [r, c] of keys) {
        const cell = s.get(r, c)!;
        cells[a1(r, c)] = {
          v: cell.v,
          ...(cell.f !== undefined ? { f: cell.f } : {}),
          ...(cell.nf !== undefined ? { nf: cell.nf } : {}),
          ...(cell.fill !== undefined ? { fill: bgrToRgb(cell.fill) } : {}),
        };
      }
      const notes: Record<string, string> = {};
      for (const [k, text] of s.comments) {
        const [r, c] = k.split(',').map(Number);
        notes[a1(r, c)] = text;
      }
      const rowHeights: Record<string, number> = {};
      for (const [r, h] of s.rowHeights) rowHeights[String(r)] = h;
      return {
        name: s.name,
        ...(s.protectContents ? { protected: true } : {}),
        cells,
        merges: s.merges.map((m) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`),
        ...(Object.keys(notes).length ? { notes } : {}),
        ...(s.visible === XL_SHEET_HIDDEN ? { visibility: 'Hidden' as const } : s.visible === XL_SHEET_VERY_HIDDEN ? { visibility: 'VeryHidden' as const } : {}),
        ...(Object.keys(rowHeights).length ? { rowHeights } : {}),
      };
    }),
  };
}
