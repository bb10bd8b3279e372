/**
 * Node-only: .xlsx -> fake-Excel snapshot through ExcelJS (dates become Excel serials, as
 * Office.js returns them; merge slaves stay empty; formulas keep their cached results).
 */
import ExcelJS from 'exceljs';
import './runtime-node';
import { dateToSerial } from '../../src/core';
import { createFakeHost, type FakeHost, type FakeHostOptions } from './fake';
import type { SnapCell, SnapSheet, SnapValue, WorkbookSnapshot } from './snapshot';

const VT = ExcelJS.ValueType;

export async function snapshotFromFile(file: string): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return snapshotFromWorkbook(wb);
}

export async function snapshotFromBuffer(buf: ArrayBuffer | Buffer): Promise<WorkbookSnapshot> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  return snapshotFromWorkbook(wb);
}

export function snapshotFromWorkbook(wb: ExcelJS.Workbook): WorkbookSnapshot {
  return { sheets: wb.worksheets.map(sheetSnapshot) };
}

/** A fake Excel with `file` open. */
export async function fakeFromXlsx(file: string, options: FakeHostOptions = {}): Promise<FakeHost> {
  return createFakeHost(await snapshotFromFile(file), options);
}

function sheetSnapshot(ws: ExcelJS.Worksheet): SnapSheet {
  const cells: Record<string, SnapCell> = {};
  const notes: Record<string, string> = {};
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: true }, (cell) => {
      const snap = cellSnapshot(cell);
      if (snap) cells[cell.address] = snap;
      const note = noteText(cell.note);
      if (note !== null) notes[cell.address] = note;
    });
  });
  const merges = Object.keys((ws as unknown as { _merges?: Record<string, unknown> })._merges ?? {})
    .map((k) => (ws as unknown as { _merges: Record<string, { range: string } | undefined> })._merges[k]?.range)
    .filter((r): r is string => typeof r === 'string');
  const prot = (ws as unknown as { sheetProtection?: { sheet?: unknown } | null }).sheetProtection;
  return {
    name: ws.name,
    ...(prot && prot.sheet ? { protected: true } : {}),
    cells,
    merges,
    ...(Object.keys(notes).length ? { notes } : {}),
  };
}

function noteText(note: unknown): string | null {
  if (note === undefined || note === null) return null;
  if (typeof note === 'string') return note;
  const texts = (note as { texts?: Array<{ text?: string }> }).texts;
  return Array.isArray(texts) ? texts.map((t) => t.text ?? '').join('') : null;
}

function cellSnapshot(cell: ExcelJS.Cell): SnapCell | null {
  const nf = numFmt(cell);
  const fill = fillOf(cell);
  const extra = { ...(nf ? { nf } : {}), ...(fill ? { fill } : {}) };
  if (cell.type === VT.Merge) return Object.keys(extra).length ? { v: '', ...extra } : null;
  let v: SnapValue = '';
  let f: string | undefined;
  if (cell.type === VT.Formula) {
    f = `=${String(cell.formula ?? '').replace(/^=/, '')}`;
    v = plain(cell.result);
  } else if (cell.type === VT.Hyperlink) {
    const raw = (cell.model as { formula?: unknown }).formula;
    if (typeof raw === 'string' && raw !== '') f = `=${raw.replace(/^=/, '')}`;
    v = plain(cell.value);
  } else v = plain(cell.value);
  if (v === '' && f === undefined && !Object.keys(extra).length) return null;
  return { v, ...(f !== undefined ? { f } : {}), ...extra };
}

/** ExcelJS value -> what Office.js `values` would hold. */
function plain(v: unknown): SnapValue {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateToSerial(v);
  const o = v as Record<string, unknown>;
  if (typeof o.error === 'string') return o.error;
  if (Array.isArray(o.richText)) return (o.richText as Array<{ text?: string }>).map((r) => r.text ?? '').join('');
  if ('text' in o) return plain(o.text);
  if ('result' in o) return plain(o.result);
  return '';
}

function numFmt(cell: ExcelJS.Cell): string | undefined {
  const f = (cell.style as Partial<ExcelJS.Style> | undefined)?.numFmt;
  return typeof f === 'string' && f !== '' && f !== 'General' ? f : undefined;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = (cell.style as Partial<ExcelJS.Style> | undefined)?.fill;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return undefined;
  const argb = (fill.fgColor as { argb?: string } | undefined)?.argb;
  return typeof argb === 'string' && argb.length === 8 ? `#${argb.slice(2).toUpperCase()}` : undefined;
}
