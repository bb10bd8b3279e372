/**
 * The workbook behind the fake Excel: sheets, cells, merges, row heights, notes, settings,
 * protection, visibility, the active sheet and selection, and the host's own state (limits,
 * cell-edit mode, requirement sets, counters). Browser-safe (no Node APIs).
 *
 * Every documented rule of the APIs the add-in calls is enforced here, with the error code the
 * documentation gives (the table in test/fake-excel/README.md); ./host-objects.ts maps Office.js
 * requests onto these operations and ./executor.ts answers Microsoft's client with the result.
 */
import { shiftFormula } from '../../src/core/cleanup/refs';
import { columnLetters } from '../../src/core/grid';
import type { SnapCell, SnapSheet, SnapValue, WorkbookSnapshot } from './snapshot';

/** Excel on the web's payload limit for requests and responses (5 MB). */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** On all platforms a range read is limited to five million cells. */
export const READ_CELL_LIMIT = 5_000_000;
/** `getMergedAreasOrNullObject` fails above this many merged areas. */
export const MERGED_AREAS_LIMIT = 512;
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

// ---------------------------------------------------------------------------------------
// Errors

/** An error the host returns: its code is what `OfficeExtension.Error.code` becomes. */
export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export const ERROR_CODES = {
  accessDenied: 'AccessDenied',
  apiNotFound: 'ApiNotFound',
  generalException: 'GeneralException',
  invalidArgument: 'InvalidArgument',
  invalidOperation: 'InvalidOperation',
  invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
  invalidReference: 'InvalidReference',
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  invalidObjectPath: 'InvalidObjectPath',
  itemAlreadyExists: 'ItemAlreadyExists',
  notImplemented: 'NotImplemented',
} as const;

/**
 * The messages of "Error handling with the application-specific JavaScript APIs"
 * (learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
 */
export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  AccessDenied: 'You cannot perform the requested operation.',
  ApiNotFound: 'The API you are trying to use could not be found. It may be available in a newer version of the Office application.',
  GeneralException: 'There was an internal error while processing the request.',
  InvalidArgument: 'The argument is invalid or missing or has an incorrect format.',
  InvalidOperation: 'The operation attempted is invalid on the object.',
  InvalidReference: 'This reference is not valid for the current operation.',
  ItemAlreadyExists: 'The resource being created already exists.',
  ItemNotFound: "The requested resource doesn't exist.",
  NotImplemented: "The requested feature isn't implemented.",
};

/** A host error with the documented message (plus what went wrong, for the test reader). */
export function hostError(code: string, detail?: string, location?: string): FakeOfficeError {
  const base = ERROR_MESSAGES[code] ?? code;
  return new FakeOfficeError(code, detail ? `${base} (${detail})` : base, location);
}

/** HTTP status the host reports with each code (what `OfficeExtension.Error.httpStatusCode` says). */
export function httpStatusOf(code: string): number {
  switch (code) {
    case 'AccessDenied':
      return 403;
    case 'ItemNotFound':
    case 'ApiNotFound':
      return 404;
    case 'ItemAlreadyExists':
      return 409;
    case 'GeneralException':
      return 500;
    case 'NotImplemented':
      return 501;
    default:
      return 400;
  }
}

// ---------------------------------------------------------------------------------------
// Addresses

/** Column letters, as the engine spells them. */
export const colLetters = columnLetters;

export function a1(row: number, col: number): string {
  return colLetters(col) + row;
}

export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function parseCell(s: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(s);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS || col > MAX_COLS) return null;
  return { row, col };
}

/** `A1`, `A1:C4`, `A:C`, `3:5`, with or without a `Sheet!` prefix. */
export function parseArea(ref: string): { sheet: string | null; area: Area } | null {
  let sheet: string | null = null;
  let body = ref.trim();
  const bang = body.lastIndexOf('!');
  if (bang >= 0) {
    sheet = body.slice(0, bang);
    if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    body = body.slice(bang + 1);
  }
  const [p, q = p] = body.split(':');
  const a = parseCell(p);
  const b = parseCell(q);
  if (a && b) {
    return { sheet, area: { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) } };
  }
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(body);
  if (rows) {
    const t = Number(rows[1]);
    const u = Number(rows[2]);
    if (t < 1 || u < 1 || t > MAX_ROWS || u > MAX_ROWS) return null;
    return { sheet, area: { top: Math.min(t, u), left: 1, bottom: Math.max(t, u), right: MAX_COLS } };
  }
  const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(body);
  if (cols) {
    const l = parseCell(`${cols[1]}1`);
    const r = parseCell(`${cols[2]}1`);
    if (!l || !r) return null;
    return { sheet, area: { top: 1, left: Math.min(l.col, r.col), bottom: MAX_ROWS, right: Math.max(l.col, r.col) } };
  }
  return null;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function areaAddress(a: Area): string {
  return a.top === a.bottom && a.left === a.right ? a1(a.top, a.left) : `${a1(a.top, a.left)}:${a1(a.bottom, a.right)}`;
}

export function overlaps(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function cellCount(a: Area): number {
  return (a.bottom - a.top + 1) * (a.right - a.left + 1);
}

// ---------------------------------------------------------------------------------------
// The workbook state

export interface FakeCell {
  value: SnapValue;
  formula?: string;
  numberFormat: string;
  fill: string | null;
}

const key = (row: number, col: number): number => row * (MAX_COLS + 1) + col;

/** Excel's default row height (points). */
export const DEFAULT_ROW_HEIGHT = 15;

function toFakeCell(c: SnapCell): FakeCell {
  return { value: c.v, formula: c.f, numberFormat: c.nf ?? 'General', fill: c.fill ?? null };
}

export class FakeSheet {
  readonly id: string;
  name: string;
  protected: boolean;
  readonly cells = new Map<number, FakeCell>();
  merges: Area[];
  formattedTo: { rows: number; cols: number } | null;
  /** 'Visible' | 'Hidden' | 'VeryHidden' (Excel.SheetVisibility). */
  visibility: string;
  /** Row heights in points that differ from the default. */
  readonly rowHeights = new Map<number, number>();

  constructor(snap: SnapSheet, index: number) {
    this.id = `{00000000-0001-0000-0000-${String(index).padStart(12, '0')}}`;
    this.name = snap.name;
    this.protected = !!snap.protected;
    this.visibility = snap.visibility ?? 'Visible';
    for (const [r, h] of Object.entries(snap.rowHeights ?? {})) this.rowHeights.set(Number(r), h);
    for (const [addr, c] of Object.entries(snap.cells)) {
      const p = parseCell(addr);
      if (!p) throw new Error(`fake excel: bad cell address ${addr}`);
      this.cells.set(key(p.row, p.col), toFakeCell(c));
    }
    this.merges = snap.merges.map((m) => parseArea(m)!.area);
    this.formattedTo = snap.formattedTo ? { ...snap.formattedTo } : null;
  }

  get(row: number, col: number): FakeCell | undefined {
    return this.cells.get(key(row, col));
  }

  cellFor(row: number, col: number): FakeCell {
    let c = this.cells.get(key(row, col));
    if (!c) this.cells.set(key(row, col), (c = { value: '', numberFormat: 'General', fill: null }));
    return c;
  }

  /** Bounding box of cells with a value (valuesOnly) or with anything at all. */
  usedArea(valuesOnly: boolean): Area | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    for (const [k, c] of this.cells) {
      const hasValue = c.value !== '' || c.formula !== undefined;
      if (!hasValue && (valuesOnly || (c.numberFormat === 'General' && c.fill === null))) continue;
      const row = Math.floor(k / (MAX_COLS + 1));
      const col = k % (MAX_COLS + 1);
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    if (!valuesOnly && this.formattedTo) {
      top = Math.min(top, 1);
      left = Math.min(left, 1);
      bottom = Math.max(bottom, this.formattedTo.rows);
      right = Math.max(right, this.formattedTo.cols);
    }
    return bottom === 0 ? null : { top, left, bottom, right };
  }

  toSnapshot(): SnapSheet {
    const cells: Record<string, SnapCell> = {};
    const ordered = [...this.cells.entries()].sort((a, b) => a[0] - b[0]);
    for (const [k, c] of ordered) {
      const row = Math.floor(k / (MAX_COLS + 1));
      const col = k % (MAX_COLS + 1);
      if (c.value === '' && c.formula === undefined && c.numberFormat === 'General' && c.fill === null) continue;
      cells[a1(row, col)] = {
        v: c.value,
        ...(c.formula !== undefined ? { f: c.formula } : {}),
        ...(c.numberFormat !== 'General' ? { nf: c.numberFormat } : {}),
        ...(c.fill !== null ? { fill: c.fill } : {}),
      };
    }
    const heights = [...this.rowHeights.entries()].sort((a, b) => a[0] - b[0]);
    return {
      name: this.name,
      protected: this.protected,
      cells,
      merges: this.merges.map(areaAddress),
      ...(this.visibility !== 'Visible' ? { visibility: this.visibility as SnapSheet['visibility'] } : {}),
      ...(heights.length ? { rowHeights: Object.fromEntries(heights) } : {}),
    };
  }

  /** A copy (Worksheet.copy): cells, merges, heights, protection; visible; a new id. */
  cloneAs(name: string, id: string): FakeSheet {
    const c = Object.create(FakeSheet.prototype) as FakeSheet;
    Object.assign(c, { id, name, protected: this.protected, visibility: 'Visible', merges: this.merges.map((m) => ({ ...m })), formattedTo: this.formattedTo ? { ...this.formattedTo } : null });
    (c as { cells: Map<number, FakeCell> }).cells = new Map([...this.cells].map(([k, v]) => [k, { ...v }]));
    (c as { rowHeights: Map<number, number> }).rowHeights = new Map(this.rowHeights);
    return c;
  }

  /** Delete rows top..bottom, shifting cells, merges and heights below up (Range.delete('Up')). */
  deleteRows(top: number, bottom: number): void {
    const n = bottom - top + 1;
    const moved = new Map<number, FakeCell>();
    for (const [k, c] of this.cells) {
      const row = Math.floor(k / (MAX_COLS + 1));
      const col = k % (MAX_COLS + 1);
      if (row < top) moved.set(k, c);
      else if (row > bottom) moved.set(key(row - n, col), c);
    }
    this.cells.clear();
    for (const [k, c] of moved) this.cells.set(k, c);
    // Merges: those inside go, those spanning shrink, those below move up (as Excel does).
    this.merges = this.merges.flatMap((m) => {
      const t = m.top < top ? m.top : m.top > bottom ? m.top - n : top;
      const b = m.bottom > bottom ? m.bottom - n : m.bottom < top ? m.bottom : top - 1;
      if (b < t || (t === b && m.left === m.right)) return [];
      return [{ ...m, top: t, bottom: b }];
    });
    const heights = [...this.rowHeights];
    this.rowHeights.clear();
    for (const [r, h] of heights) {
      if (r < top) this.rowHeights.set(r, h);
      else if (r > bottom) this.rowHeights.set(r - n, h);
    }
  }
}

export interface CellView {
  readonly value: SnapValue;
  readonly formula: string | null;
  readonly numberFormat: string;
  readonly fill: string | null;
  readonly note: string | null;
}

export interface FakeRunOptions {
  readonly delayForCellEdit?: boolean;
  readonly mergeUndoGroup?: boolean;
}

export interface ChangedEvent {
  readonly type: 'WorksheetChanged';
  readonly worksheetId: string;
  readonly address: string;
  readonly changeType: 'RangeEdited';
  readonly source: 'Local';
  readonly triggerSource: 'ThisLocalAddin' | 'Unknown';
}

/** Where the add-in runs: Excel on the web (the default) or a desktop Excel. */
export type FakePlatform = 'OfficeOnline' | 'PC' | 'Mac';

export interface FakeOptions {
  /** Highest ExcelApi minor version supported (1.<n>); default 20. */
  readonly apiVersion?: number;
  /**
   * Payload limit for a request body and for a response body, in UTF-8 bytes. Default: Excel on
   * the web's documented 5 MB; on a desktop platform no limit (none is documented there).
   */
  readonly payloadLimit?: number;
  /** Default 'OfficeOnline' (Excel on the web: the add-in's strictest host). */
  readonly platform?: FakePlatform;
}

/** A range the host keeps for the client (`_KeepReference`), adjusted when rows are deleted. */
export interface TrackedRange {
  sheet: FakeSheet;
  area: Area;
  /** Its rows were deleted: using it again is an invalid reference. */
  gone?: boolean;
}

/** One request that reached the host. */
export interface RequestRecord {
  /** Length of the request body in UTF-8 bytes (the size Excel's limit applies to). */
  readonly bytes: number;
  /** The runtime's own clean-up after an Excel.run (only `_RemoveReference`). */
  readonly cleanup: boolean;
  /** Length of the response body in UTF-8 bytes (0 when the request failed). */
  responseBytes: number;
  /** Request flags the client sent (bit 64: delayForCellEdit). */
  readonly flags: number;
  readonly actions: number;
  /** The error code the host answered with, if it failed. */
  error: string | null;
}

/** The whole fake application: one open workbook. */
import { importXlsx, type ImportedLayout, type ImportedSheet } from './xlsx-import';

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  /** Notes by `Sheet!A1` (sheet name unquoted). */
  readonly notes = new Map<string, string>();
  apiVersion: number;
  payloadLimit: number;
  readonly platform: FakePlatform;
  activeSheet: string;
  selection: { sheet: string; address: string };
  /** The user has a chart sheet active (not a worksheet): getActiveWorksheet fails. */
  chartSheetActive = false;

  /** One-shot error thrown by the next request. */
  failNextSync: FakeOfficeError | null = null;
  /** Called before each request runs (tests simulate a user edit between batches). */
  beforeSync: ((n: number) => void) | null = null;

  /** Requests that reached the host (a `context.sync()` with nothing queued sends none). */
  syncCount = 0;
  /** The runtime's own clean-up requests (`_RemoveReference` after each Excel.run), not in syncCount. */
  cleanupRequests = 0;
  /** Requests refused as over the payload limit. */
  refused = 0;
  readonly requestBytes: number[] = [];
  readonly responseBytes: number[] = [];
  readonly requests: RequestRecord[] = [];
  /** Options of every `Excel.run` (recorded by fake.Excel.run, passed on unchanged). */
  readonly runs: FakeRunOptions[] = [];
  /** Cells written by batches (values, formulas or formats), for tests. */
  writes = 0;
  /** Every value or formula written through the API, in order. */
  readonly writeLog: Array<{ sheet: string; cell: string; value: SnapValue }> = [];
  /** Ranges kept by reference for the client (`_KeepReference`), by reference id. */
  readonly tracked = new Map<string, TrackedRange>();

  /** Leniency (see fake.ts `Leniency`): a delayed batch runs at once instead of waiting for the edit to end. */
  runHeldBatches = false;
  /** Leniency: Worksheet.delete of a very hidden sheet succeeds (Excel refuses it). */
  deleteVeryHidden = false;
  private editMode = false;
  /** Requests held while the user edits a cell (delayForCellEdit). */
  private readonly held: Array<() => void> = [];
  private readonly listeners = new Set<() => void>();
  private readonly changeSinks = new Set<(changes: ReadonlyArray<{ sheet: FakeSheet; area: Area }>, trigger: 'ThisLocalAddin' | 'Unknown') => void>();

  constructor(snapshot: WorkbookSnapshot, options: FakeOptions = {}) {
    this.apiVersion = options.apiVersion ?? 20;
    this.platform = options.platform ?? 'OfficeOnline';
    this.payloadLimit = options.payloadLimit ?? (this.platform === 'OfficeOnline' ? PAYLOAD_LIMIT : Infinity);
    this.activeSheet = '';
    this.selection = { sheet: '', address: 'A1' };
    this.reset(snapshot);
  }

  /**
   * The user is editing a cell: a request without `delayForCellEdit` fails with
   * InvalidOperationInCellEditMode; one with it waits until the edit ends (RunOptions reference).
   */
  get cellEditMode(): boolean {
    return this.editMode;
  }
  set cellEditMode(on: boolean) {
    this.editMode = on;
    if (!on) for (const run of this.held.splice(0)) run();
  }
  /** Hold a request until the cell edit ends. */
  holdUntilEditEnds(run: () => void): void {
    this.held.push(run);
  }
  get heldRequests(): number {
    return this.held.length;
  }

  /** Replace the open workbook (the browser build loads its snapshot after start-up). */
  reset(snapshot: WorkbookSnapshot): void {
    this.sheets.splice(0, this.sheets.length, ...snapshot.sheets.map((s, i) => new FakeSheet(s, i)));
    this.settings.clear();
    this.notes.clear();
    this.tracked.clear();
    for (const [k, v] of Object.entries(snapshot.settings ?? {})) this.settings.set(k, v);
    snapshot.sheets.forEach((s) => {
      for (const [addr, text] of Object.entries(s.notes ?? {})) this.notes.set(`${s.name}!${addr}`, text);
    });
    this.activeSheet = this.sheets.find((s) => s.visibility === 'Visible')?.name ?? this.sheets[0]?.name ?? '';
    this.selection = { sheet: this.activeSheet, address: 'A1' };
    for (const l of this.listeners) l();
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  sheetById(id: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  private nextId = 1000;
  newSheetId(): string {
    return `{00000000-0001-0000-0000-${String(this.nextId++).padStart(12, '0')}}`;
  }

  private nextRef = 1;
  newReferenceId(): string {
    return `{${String(this.nextRef++).padStart(8, '0')}-FAKE-4E58-8C6C-000000000000}`;
  }

  /** Notes of one sheet moved by `f` (null: dropped). */
  moveNotes(sheet: string, f: (row: number, col: number) => { sheet: string; row: number; col: number } | null, keepOld = false): void {
    for (const [k, text] of [...this.notes]) {
      const bang = k.lastIndexOf('!');
      if (k.slice(0, bang) !== sheet) continue;
      const p = parseCell(k.slice(bang + 1))!;
      if (!keepOld) this.notes.delete(k);
      const to = f(p.row, p.col);
      if (to) this.notes.set(`${to.sheet}!${a1(to.row, to.col)}`, text);
    }
  }

  /** Range.delete('Up') over whole rows: cells, merges, heights, notes, kept ranges, and formulas everywhere. */
  deleteRows(sheet: FakeSheet, top: number, bottom: number): void {
    const rows: number[] = [];
    for (let r = top; r <= bottom; r++) rows.push(r);
    sheet.deleteRows(top, bottom);
    const n = bottom - top + 1;
    this.moveNotes(sheet.name, (r, c) => (r < top ? { sheet: sheet.name, row: r, col: c } : r > bottom ? { sheet: sheet.name, row: r - n, col: c } : null));
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (cell.formula === undefined) continue;
        cell.formula = '=' + shiftFormula(cell.formula.slice(1), s.name, sheet.name, rows);
      }
    }
    // A kept range moves with its cells; one whose rows all went is no longer valid.
    for (const t of this.tracked.values()) {
      if (t.sheet !== sheet || t.gone || t.area.bottom < top) continue;
      if (t.area.top > bottom) {
        t.area = { ...t.area, top: t.area.top - n, bottom: t.area.bottom - n };
        continue;
      }
      const newTop = t.area.top < top ? t.area.top : top;
      const newBottom = t.area.bottom > bottom ? t.area.bottom - n : top - 1;
      if (newBottom < newTop) t.gone = true;
      else t.area = { ...t.area, top: newTop, bottom: newBottom };
    }
  }

  /** A test's view of one cell. */
  cell(sheet: string, address: string): CellView {
    const s = this.sheet(sheet);
    const p = parseCell(address);
    if (!s || !p) throw new Error(`fake excel: no cell ${sheet}!${address}`);
    const c = s.get(p.row, p.col);
    return {
      value: c?.value ?? '',
      formula: c?.formula ?? null,
      numberFormat: c?.numberFormat ?? 'General',
      fill: c?.fill ?? null,
      note: this.notes.get(`${s.name}!${a1(p.row, p.col)}`) ?? null,
    };
  }

  /** The user types into a cell (between batches): fires the change event as Excel does. */
  userEdit(sheet: string, address: string, value: SnapValue): void {
    const s = this.sheet(sheet)!;
    const p = parseCell(address)!;
    const c = s.cellFor(p.row, p.col);
    if (typeof value === 'string' && value.startsWith('=')) c.formula = value;
    else {
      c.value = value;
      c.formula = undefined;
    }
    this.emit([{ sheet: s, area: { top: p.row, left: p.col, bottom: p.row, right: p.col } }], 'Unknown');
  }

  toSnapshot(): WorkbookSnapshot {
    const notesBySheet = new Map<string, Record<string, string>>();
    for (const [k, text] of this.notes) {
      const bang = k.lastIndexOf('!');
      const rec = notesBySheet.get(k.slice(0, bang)) ?? {};
      rec[k.slice(bang + 1)] = text;
      notesBySheet.set(k.slice(0, bang), rec);
    }
    return {
      sheets: this.sheets.map((s) => {
        const n = notesBySheet.get(s.name);
        return { ...s.toSnapshot(), ...(n ? { notes: n } : {}) };
      }),
      settings: Object.fromEntries(this.settings),
    };
  }

  largestRequest(): number {
    return Math.max(0, ...this.requestBytes);
  }
  largestPayload(): number {
    return Math.max(0, ...this.requestBytes, ...this.responseBytes);
  }
  resetCounters(): void {
    this.syncCount = 0;
    this.cleanupRequests = 0;
    this.refused = 0;
    this.requestBytes.length = 0;
    this.responseBytes.length = 0;
    this.requests.length = 0;
    this.runs.length = 0;
    this.writes = 0;
    this.writeLog.length = 0;
  }

  /** Redraw hook for the preview grid: called after every change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Where change events go (the host's event channel to the client, ./executor.ts). */
  onCellsChanged(sink: (changes: ReadonlyArray<{ sheet: FakeSheet; area: Area }>, trigger: 'ThisLocalAddin' | 'Unknown') => void): () => void {
    this.changeSinks.add(sink);
    return () => this.changeSinks.delete(sink);
  }

  emit(changes: ReadonlyArray<{ sheet: FakeSheet; area: Area }>, triggerSource: 'ThisLocalAddin' | 'Unknown'): void {
    for (const l of this.listeners) l();
    if (changes.length) for (const s of this.changeSinks) s(changes, triggerSource);
  }

  // -------------------------------------------------------------------------------------
  // Operations with their documented rules (the host side of each API).

  /** Writes anywhere on a protected sheet are refused. */
  assertWritable(sheet: FakeSheet, what: string): void {
    if (sheet.protected) throw hostError(ERROR_CODES.accessDenied, `${what}: worksheet '${sheet.name}' is protected`);
  }

  private visibleOthers(sheet: FakeSheet): number {
    return this.sheets.filter((s) => s !== sheet && s.visibility === 'Visible').length;
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    if (typeof name !== 'string' || !name.trim() || name.length > 31 || /[\\/?*[\]:]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history') {
      throw hostError(ERROR_CODES.invalidArgument, `worksheet name '${String(name)}'`);
    }
    const clash = this.sheet(name);
    if (clash && clash !== sheet) throw hostError(ERROR_CODES.itemAlreadyExists, `worksheet '${name}'`);
    const old = sheet.name;
    sheet.name = name;
    this.moveNotes(old, (row, col) => ({ sheet: name, row, col }));
    if (this.activeSheet === old) this.activeSheet = name;
    if (this.selection.sheet === old) this.selection = { ...this.selection, sheet: name };
  }

  moveSheet(sheet: FakeSheet, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) throw hostError(ERROR_CODES.invalidArgument, `position ${position}`);
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.sheets.splice(position, 0, sheet);
  }

  /** A workbook keeps at least one visible sheet. */
  setVisibility(sheet: FakeSheet, v: string): void {
    if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw hostError(ERROR_CODES.invalidArgument, `visibility '${v}'`);
    if (v !== 'Visible' && sheet.visibility === 'Visible' && this.visibleOthers(sheet) === 0) {
      throw hostError(ERROR_CODES.invalidOperation, 'a workbook must keep at least one visible worksheet');
    }
    sheet.visibility = v;
    if (v !== 'Visible' && this.activeSheet === sheet.name) this.activate(this.sheets.find((s) => s.visibility === 'Visible')!);
  }

  /**
   * Worksheet.delete: a very hidden sheet fails with InvalidOperation (its visibility must be
   * changed first); the last visible sheet cannot go either.
   */
  deleteSheet(sheet: FakeSheet): void {
    if (sheet.visibility === 'VeryHidden' && !this.deleteVeryHidden) throw hostError(ERROR_CODES.invalidOperation, `worksheet '${sheet.name}' is very hidden; change its visibility before deleting it`);
    if (sheet.visibility === 'Visible' && this.visibleOthers(sheet) === 0) throw hostError(ERROR_CODES.invalidOperation, 'a workbook must keep at least one visible worksheet');
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    this.moveNotes(sheet.name, () => null);
    for (const t of this.tracked.values()) if (t.sheet === sheet) t.gone = true;
    if (this.activeSheet === sheet.name) this.activate(this.sheets.find((s) => s.visibility === 'Visible')!);
    this.emit([], 'ThisLocalAddin');
  }

  /**
   * Worksheet.copy: the copy is named 'Name (2)' (first free n) and placed per positionType; the
   * default "None" inserts it at the beginning (Worksheet.copy reference).
   */
  copySheet(sheet: FakeSheet, positionType: string, relativeTo: FakeSheet | null): FakeSheet {
    const types = ['None', 'Before', 'After', 'Beginning', 'End'];
    if (!types.includes(positionType)) throw hostError(ERROR_CODES.invalidArgument, `positionType '${positionType}'`);
    if ((positionType === 'Before' || positionType === 'After') && !relativeTo) throw hostError(ERROR_CODES.invalidArgument, 'relativeTo is required for Before/After');
    let k = 2;
    const base = sheet.name.replace(/ \(\d+\)$/, '');
    const nameFor = (i: number): string => {
      const suffix = ` (${i})`;
      return base.slice(0, 31 - suffix.length) + suffix;
    };
    while (this.sheet(nameFor(k))) k++;
    const copy = sheet.cloneAs(nameFor(k), this.newSheetId());
    const list = this.sheets;
    const rel = relativeTo ?? sheet;
    const at = positionType === 'Beginning' || positionType === 'None' ? 0 : positionType === 'End' ? list.length : positionType === 'Before' ? list.indexOf(rel) : list.indexOf(rel) + 1;
    list.splice(at, 0, copy);
    this.moveNotes(sheet.name, (row, col) => ({ sheet: copy.name, row, col }), true);
    this.emit([], 'ThisLocalAddin');
    return copy;
  }

  /** Sheet-level layout of sheets inserted from a package, by sheet id (what the tests inspect). */
  readonly imported = new Map<string, ImportedLayout>();
  /** Workbooks `Excel.createWorkbook` opened, as their sheets (the add-in has no context on them). */
  readonly createdWorkbooks: ImportedSheet[][] = [];

  /**
   * Workbook.insertWorksheetsFromBase64 (ExcelApi 1.13): the package's sheets (or those named
   * in `sheetNamesToInsert`), at `positionType`; returns their ids. Documented: Before/After need
   * `relativeTo`. Undocumented and refused here so the add-in never relies on it: a name
   * already in the workbook (ItemAlreadyExists).
   */
  insertWorksheets(base64: string, options: { sheetNamesToInsert?: string[]; positionType?: string; relativeTo?: string } = {}): string[] {
    const types = ['None', 'Before', 'After', 'Beginning', 'End'];
    const position = options.positionType ?? 'End';
    if (!types.includes(position)) throw hostError(ERROR_CODES.invalidArgument, `positionType '${position}'`);
    const rel = options.relativeTo !== undefined ? this.sheet(options.relativeTo) ?? this.sheetById(options.relativeTo) : undefined;
    if ((position === 'Before' || position === 'After') && !rel) throw hostError(ERROR_CODES.invalidArgument, 'relativeTo is required for Before/After');
    const wanted = options.sheetNamesToInsert?.length ? options.sheetNamesToInsert : null;
    const sheets = importXlsx(base64).filter((x) => !wanted || wanted.includes(x.snap.name));
    for (const x of sheets) if (this.sheet(x.snap.name)) throw hostError(ERROR_CODES.itemAlreadyExists, `worksheet '${x.snap.name}' exists`);
    let at = position === 'Beginning' ? 0 : position === 'Before' ? this.sheets.indexOf(rel!) : position === 'After' ? this.sheets.indexOf(rel!) + 1 : this.sheets.length;
    const ids: string[] = [];
    for (const x of sheets) {
      const sheet = new FakeSheet(x.snap, 0);
      (sheet as { id: string }).id = this.newSheetId();
      this.sheets.splice(at++, 0, sheet);
      this.imported.set(sheet.id, x.layout);
      ids.push(sheet.id);
    }
    this.emit([], 'ThisLocalAddin');
    return ids;
  }

  /** Excel.createWorkbook (ExcelApi 1.8): opens a new workbook; this one is unchanged. */
  createWorkbook(base64?: string | null): void {
    this.createdWorkbooks.push(base64 ? importXlsx(base64) : [{ snap: { name: 'Sheet1', cells: {}, merges: [] }, layout: { frozenRows: 0, autoFilter: null, widths: [], conditionalFormats: [], pageSetup: {}, printTitles: null, boldCells: [] } }]);
  }

  /** Worksheet.activate / Range.select: only a visible sheet can become active. */
  activate(sheet: FakeSheet): void {
    if (sheet.visibility !== 'Visible') throw hostError(ERROR_CODES.invalidOperation, `worksheet '${sheet.name}' is hidden`);
    this.chartSheetActive = false;
    if (this.activeSheet !== sheet.name) this.selection = { sheet: sheet.name, address: 'A1' };
    this.activeSheet = sheet.name;
  }

  select(sheet: FakeSheet, area: Area): void {
    this.activate(sheet);
    this.selection = { sheet: sheet.name, address: areaAddress(area) };
    this.emit([], 'ThisLocalAddin');
  }

  activeWorksheet(): FakeSheet {
    if (this.chartSheetActive) throw hostError(ERROR_CODES.generalException, 'the active sheet is a chart sheet, not a worksheet');
    return this.sheet(this.activeSheet) ?? this.sheets[0];
  }
}
