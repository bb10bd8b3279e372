/**
 * An in-memory Excel with the Office.js semantics the add-in relies on (browser-safe: no
 * Node APIs, so webpack can bundle it for the e2e test and `npm run preview`):
 *
 * - proxy objects: reading a property that was not loaded and synced throws
 *   `PropertyNotLoaded`, as Office.js does;
 * - every `load`, setter and method call is queued and runs, in order, at `context.sync()`;
 *   a load queued before a setter in the same batch sees the old value;
 * - collections expose `items` after `load`; `*OrNullObject` methods give objects whose
 *   `isNullObject` is true;
 * - `getMergedAreasOrNullObject` returns only the merges whose top-left cell lies inside
 *   the range (as Excel does);
 * - a batch over 5 MB (request or response JSON) fails with Excel's payload error codes;
 * - injectable cell-edit mode (fails unless `delayForCellEdit`) and protected sheets
 *   (writes fail with `AccessDenied`), and one-shot injected errors;
 * - counts of syncs and of request / response bytes per batch.
 */
import { shiftFormula } from '../../src/core/cleanup/refs';
import { columnLetters } from '../../src/core/grid';
import type { SnapCell, SnapSheet, SnapValue, WorkbookSnapshot } from './snapshot';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

// ---------------------------------------------------------------------------------------
// Errors

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
  itemNotFound: 'ItemNotFound',
  propertyNotLoaded: 'PropertyNotLoaded',
  requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
  responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
  invalidObjectPath: 'InvalidObjectPath',
  itemAlreadyExists: 'ItemAlreadyExists',
} as const;

function notLoaded(name: string): FakeOfficeError {
  return new FakeOfficeError(
    ERROR_CODES.propertyNotLoaded,
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
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

function parseCell(s: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(s);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), col };
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
  if (rows) return { sheet, area: { top: Number(rows[1]), left: 1, bottom: Number(rows[2]), right: MAX_COLS } };
  return null;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][A-Za-z0-9_.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function areaAddress(a: Area): string {
  return a.top === a.bottom && a.left === a.right ? a1(a.top, a.left) : `${a1(a.top, a.left)}:${a1(a.bottom, a.right)}`;
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

  /** A copy (Worksheet.copy): cells, merges, heights; a new id. */
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

/** Excel's default row height (points). */
export const DEFAULT_ROW_HEIGHT = 15;

function toFakeCell(c: SnapCell): FakeCell {
  return { value: c.v, formula: c.f, numberFormat: c.nf ?? 'General', fill: c.fill ?? null };
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

type ChangedHandler = (e: ChangedEvent) => Promise<unknown> | unknown;

export interface FakeOptions {
  /** Highest ExcelApi minor version supported (1.<n>); default 20. */
  readonly apiVersion?: number;
  /** Payload limit per batch (request and response); default Excel's 5 MB. */
  readonly payloadLimit?: number;
}

/** The whole fake application: one open workbook. */
export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  /** Notes by `Sheet!A1` (sheet name unquoted). */
  readonly notes = new Map<string, string>();
  apiVersion: number;
  payloadLimit: number;
  activeSheet: string;
  selection: { sheet: string; address: string };

  /** While true, batches fail with InvalidOperationInCellEditMode (unless delayForCellEdit). */
  cellEditMode = false;
  /** One-shot error thrown by the next sync. */
  failNextSync: FakeOfficeError | null = null;
  /** Called before each sync runs its batch (tests simulate a user edit between batches). */
  beforeSync: ((n: number) => void) | null = null;

  syncCount = 0;
  /** Batches refused as over the payload limit. */
  refused = 0;
  readonly requestBytes: number[] = [];
  readonly responseBytes: number[] = [];
  readonly runs: FakeRunOptions[] = [];
  /** Cells written by batches (values, formulas or formats), for tests. */
  writes = 0;
  /** Every value or formula written through the API, in order. */
  readonly writeLog: Array<{ sheet: string; cell: string; value: SnapValue }> = [];

  private readonly handlers = new Set<ChangedHandler>();
  private readonly listeners = new Set<() => void>();

  constructor(snapshot: WorkbookSnapshot, options: FakeOptions = {}) {
    this.apiVersion = options.apiVersion ?? 20;
    this.payloadLimit = options.payloadLimit ?? PAYLOAD_LIMIT;
    this.activeSheet = '';
    this.selection = { sheet: '', address: 'A1' };
    this.reset(snapshot);
  }

  /** Replace the open workbook (the browser build loads its snapshot after start-up). */
  reset(snapshot: WorkbookSnapshot): void {
    this.sheets.splice(0, this.sheets.length, ...snapshot.sheets.map((s, i) => new FakeSheet(s, i)));
    this.settings.clear();
    this.notes.clear();
    for (const [k, v] of Object.entries(snapshot.settings ?? {})) this.settings.set(k, v);
    snapshot.sheets.forEach((s) => {
      for (const [addr, text] of Object.entries(s.notes ?? {})) this.notes.set(`${s.name}!${addr}`, text);
    });
    this.activeSheet = this.sheets[0]?.name ?? '';
    this.selection = { sheet: this.activeSheet, address: 'A1' };
    for (const l of this.listeners) l();
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  private nextId = 1000;
  newSheetId(): string {
    return `{00000000-0001-0000-0000-${String(this.nextId++).padStart(12, '0')}}`;
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

  /** Range.delete('Up') over whole rows: cells, merges, heights, notes, and formulas everywhere. */
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
      note: this.notes.get(`${sheet}!${a1(p.row, p.col)}`) ?? null,
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
    this.refused = 0;
    this.requestBytes.length = 0;
    this.responseBytes.length = 0;
    this.runs.length = 0;
    this.writes = 0;
    this.writeLog.length = 0;
  }

  /** Redraw hook for the preview grid: called after every change. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  addHandler(h: ChangedHandler): void {
    this.handlers.add(h);
  }
  removeHandler(h: ChangedHandler): void {
    this.handlers.delete(h);
  }

  emit(changes: ReadonlyArray<{ sheet: FakeSheet; area: Area }>, triggerSource: 'ThisLocalAddin' | 'Unknown'): void {
    for (const l of this.listeners) l();
    for (const { sheet, area } of changes) {
      const e: ChangedEvent = {
        type: 'WorksheetChanged',
        worksheetId: sheet.id,
        address: areaAddress(area),
        changeType: 'RangeEdited',
        source: 'Local',
        triggerSource,
      };
      for (const h of this.handlers) void Promise.resolve().then(() => h(e));
    }
  }
}

// ---------------------------------------------------------------------------------------
// Request context and batches

interface Op {
  readonly desc: unknown;
  /** Runs the op against the state; returns the response piece and what to commit. */
  readonly run: () => { response?: unknown; commit?: () => void };
}

const encoder = new TextEncoder();
const byteLength = (v: unknown): number => encoder.encode(JSON.stringify(v) ?? '').length;

export class FakeRequestContext {
  readonly workbook: WorkbookProxy;
  private queue: Op[] = [];
  /** Sheets and areas changed by the batch being run. */
  changes: Array<{ sheet: FakeSheet; area: Area }> = [];

  constructor(
    readonly state: FakeWorkbook,
    readonly runOptions: FakeRunOptions = {},
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** Estimated size of the batch queued so far (what `sync` would send). */
  pendingBytes(): number {
    return byteLength(this.queue.map((o) => o.desc));
  }

  async sync(): Promise<void> {
    const state = this.state;
    const queue = this.queue;
    this.queue = [];
    state.syncCount++;
    state.beforeSync?.(state.syncCount);
    const requestBytes = byteLength(queue.map((o) => o.desc));
    state.requestBytes.push(requestBytes);
    await Promise.resolve();
    if (state.failNextSync) {
      const e = state.failNextSync;
      state.failNextSync = null;
      state.responseBytes.push(0);
      throw e;
    }
    if (state.cellEditMode && !this.runOptions.delayForCellEdit) {
      state.responseBytes.push(0);
      throw new FakeOfficeError(ERROR_CODES.invalidOperationInCellEditMode, 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.');
    }
    if (requestBytes > state.payloadLimit) {
      state.responseBytes.push(0);
      state.refused++;
      throw new FakeOfficeError(ERROR_CODES.requestPayloadSizeLimitExceeded, 'The request payload size has exceeded the limit.');
    }
    this.changes = [];
    const responses: unknown[] = [];
    const commits: Array<() => void> = [];
    let failure: unknown = null;
    for (const op of queue) {
      try {
        const r = op.run();
        if (r.response !== undefined) responses.push(r.response);
        if (r.commit) commits.push(r.commit);
      } catch (e) {
        failure = e;
        break; // the rest of the batch does not run; what ran stays applied (no rollback)
      }
    }
    const responseBytes = failure ? 0 : byteLength(responses);
    // A refused batch carries nothing back: it is counted, not measured.
    if (responseBytes > state.payloadLimit) state.refused++;
    state.responseBytes.push(responseBytes > state.payloadLimit ? 0 : responseBytes);
    const changes = this.changes;
    this.changes = [];
    if (changes.length) state.emit(changes, 'ThisLocalAddin');
    if (failure) throw failure;
    if (responseBytes > state.payloadLimit) {
      throw new FakeOfficeError(ERROR_CODES.responsePayloadSizeLimitExceeded, 'The response payload size has exceeded the limit.');
    }
    for (const c of commits) c();
  }

  /** Reads a lot of cells? Refuse before materialising an impossible response. */
  checkResponseCells(cells: number): void {
    if (cells * 3 > this.state.payloadLimit) {
      this.state.refused++;
      throw new FakeOfficeError(ERROR_CODES.responsePayloadSizeLimitExceeded, 'The response payload size has exceeded the limit.');
    }
  }
}

function parseLoad(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (typeof spec === 'string') return spec.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(spec)) return spec.flatMap(parseLoad);
  if (typeof spec === 'object' && spec !== null && 'select' in spec) return parseLoad((spec as { select: unknown }).select);
  throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'bad load argument');
}

/** Base of every proxy: path, lazy resolution at sync time, loaded properties. */
abstract class ClientObject<T> {
  protected readonly loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(
    readonly context: FakeRequestContext,
    protected readonly path: string,
    protected readonly resolve: () => T | null,
    protected readonly orNull = false,
  ) {}

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded('isNullObject');
    return this.nullState;
  }

  load(spec?: unknown): this {
    const props = parseLoad(spec);
    this.context.enqueue({ desc: { load: this.path, props }, run: () => this.loadNow(props) });
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }

  protected target(): T | null {
    const t = this.resolve();
    if (t === null && !this.orNull) throw new FakeOfficeError(ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (${this.path})`, this.path);
    return t;
  }

  /** Load now (inside a running batch): response piece and commit. */
  loadNow(props: readonly string[]): { response: unknown; commit: () => void } {
    const t = this.target();
    const response: Record<string, unknown> = {};
    const commits: Array<() => void> = [() => (this.nullState = t === null)];
    if (t !== null) {
      const own = props.length ? props : this.defaultProps();
      const nested = new Map<string, string[]>();
      for (const p of own) {
        const slash = p.indexOf('/');
        if (slash >= 0) {
          const head = p.slice(0, slash);
          nested.set(head, [...(nested.get(head) ?? []), p.slice(slash + 1)]);
          continue;
        }
        const v = this.read(t, p);
        response[p] = v;
        commits.push(() => this.loaded.set(p, v));
      }
      for (const [head, rest] of nested) {
        const child = this.nav(head);
        const r = child.loadNow(rest);
        response[head] = r.response;
        commits.push(r.commit);
      }
    }
    return { response, commit: () => commits.forEach((c) => c()) };
  }

  protected prop<V>(name: string): V {
    if (!this.loaded.has(name)) throw notLoaded(name);
    return this.loaded.get(name) as V;
  }

  /** Queue a write or a method call. */
  protected queue(desc: Record<string, unknown>, apply: (t: T) => void): void {
    this.context.enqueue({
      desc: { path: this.path, ...desc },
      run: () => {
        const t = this.target();
        if (t !== null) apply(t);
        return {};
      },
    });
  }

  protected defaultProps(): string[] {
    return [];
  }
  protected abstract read(t: T, name: string): unknown;
  protected nav(name: string): ClientObject<unknown> {
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown navigation property ${name}`);
  }
}

/** Collections: `load('items/name')` or `load('name')`, then `items`. */
abstract class CollectionObject<E, P extends ClientObject<E>> extends ClientObject<E[]> {
  private itemProxies: P[] | undefined;

  get items(): P[] {
    if (!this.itemProxies) throw notLoaded('items');
    return this.itemProxies;
  }

  protected abstract wrap(e: E, index: number): P;

  override loadNow(props: readonly string[]): { response: unknown; commit: () => void } {
    const list = this.target() ?? [];
    const proxies = list.map((e, i) => this.wrap(e, i));
    const itemProps = props.map((p) => (p.startsWith('items/') ? p.slice(6) : p)).filter((p) => p !== 'items');
    const results = proxies.map((p) => p.loadNow(itemProps));
    return {
      response: { items: results.map((r) => r.response) },
      commit: () => {
        results.forEach((r) => r.commit());
        this.itemProxies = proxies;
      },
    };
  }

  protected read(): unknown {
    return undefined;
  }
}

/** `OfficeExtension.ClientResult`: `value` readable after the sync. */
export class ClientResult<T> {
  private v: { value: T } | null = null;
  get value(): T {
    if (!this.v) throw notLoaded('value');
    return this.v.value;
  }
  set(value: T): void {
    this.v = { value };
  }
}

// ---------------------------------------------------------------------------------------
// Workbook, worksheets, settings, notes

class WorkbookProxy extends ClientObject<FakeWorkbook> {
  readonly worksheets: WorksheetCollection;
  readonly settings: SettingCollection;
  readonly notes: NoteCollection;

  constructor(context: FakeRequestContext) {
    super(context, 'workbook', () => context.state);
    this.worksheets = new WorksheetCollection(context);
    this.settings = new SettingCollection(context);
    this.notes = new NoteCollection(context);
  }

  protected read(t: FakeWorkbook, name: string): unknown {
    if (name === 'name') return 'Book1.xlsx';
    void t;
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property ${name}`);
  }

  getSelectedRange(): RangeProxy {
    const state = this.context.state;
    return new RangeProxy(this.context, 'workbook.getSelectedRange()', () => {
      const s = state.sheet(state.selection.sheet)!;
      return { sheet: s, area: parseArea(state.selection.address)!.area };
    });
  }
}

class EventHandlers {
  constructor(private readonly context: FakeRequestContext) {}
  add(handler: ChangedHandler): { remove(): void; context: FakeRequestContext } {
    const state = this.context.state;
    this.context.enqueue({ desc: { addHandler: 'worksheets.onChanged' }, run: () => ({ commit: () => state.addHandler(handler) }) });
    return {
      context: this.context,
      remove: () => {
        this.context.enqueue({ desc: { removeHandler: 'worksheets.onChanged' }, run: () => ({ commit: () => state.removeHandler(handler) }) });
      },
    };
  }
}

class WorksheetCollection extends CollectionObject<FakeSheet, WorksheetProxy> {
  readonly onChanged: EventHandlers;

  constructor(context: FakeRequestContext) {
    super(context, 'workbook.worksheets', () => context.state.sheets);
    this.onChanged = new EventHandlers(context);
  }

  protected wrap(e: FakeSheet, i: number): WorksheetProxy {
    return new WorksheetProxy(this.context, `workbook.worksheets.items[${i}]`, () => e);
  }

  getItem(name: string): WorksheetProxy {
    const state = this.context.state;
    return new WorksheetProxy(this.context, `workbook.worksheets.getItem(${JSON.stringify(name)})`, () => state.sheet(name) ?? null);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    const state = this.context.state;
    return new WorksheetProxy(this.context, `workbook.worksheets.getItemOrNullObject(${JSON.stringify(name)})`, () => state.sheet(name) ?? null, true);
  }

  getActiveWorksheet(): WorksheetProxy {
    const state = this.context.state;
    return new WorksheetProxy(this.context, 'workbook.worksheets.getActiveWorksheet()', () => state.sheet(state.activeSheet) ?? null);
  }
}

class WorksheetProxy extends ClientObject<FakeSheet> {
  get name(): string {
    return this.prop('name');
  }
  get id(): string {
    return this.prop('id');
  }
  set name(v: string) {
    this.queue({ set: 'name', value: v }, (t) => {
      const state = this.context.state;
      const clash = state.sheet(v);
      if (clash && clash !== t) throw new FakeOfficeError(ERROR_CODES.itemAlreadyExists, 'The resource already exists.');
      if (!v || v.length > 31 || /[\\/?*[\]:]/.test(v)) throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'The argument is invalid or missing or has an incorrect format.');
      const old = t.name;
      t.name = v;
      state.moveNotes(old, (row, col) => ({ sheet: v, row, col }));
      if (state.activeSheet === old) state.activeSheet = v;
    });
  }
  get position(): number {
    return this.prop('position');
  }
  set position(v: number) {
    this.queue({ set: 'position', value: v }, (t) => {
      const list = this.context.state.sheets;
      if (!Number.isInteger(v) || v < 0 || v >= list.length) throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'The argument is invalid or missing or has an incorrect format.');
      list.splice(list.indexOf(t), 1);
      list.splice(v, 0, t);
    });
  }
  get visibility(): string {
    return this.prop('visibility');
  }
  set visibility(v: string) {
    this.queue({ set: 'visibility', value: v }, (t) => {
      if (!['Visible', 'Hidden', 'VeryHidden'].includes(v)) throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'The argument is invalid or missing or has an incorrect format.');
      const state = this.context.state;
      // Excel keeps at least one visible sheet.
      if (v !== 'Visible' && !state.sheets.some((s) => s !== t && s.visibility === 'Visible')) {
        throw new FakeOfficeError(ERROR_CODES.invalidOperation, 'The operation is not allowed: a workbook must contain at least one visible worksheet.');
      }
      t.visibility = v;
      if (v !== 'Visible' && state.activeSheet === t.name) state.activeSheet = state.sheets.find((s) => s.visibility === 'Visible')!.name;
    });
  }
  /** Worksheet.copy (ExcelApi 1.7): the copy is named 'Name (2)' and placed per positionType. */
  copy(positionType: string = 'None', relativeTo?: WorksheetProxy): WorksheetProxy {
    const state = this.context.state;
    let made: FakeSheet | null = null;
    this.context.enqueue({
      desc: { path: this.path, call: 'copy', positionType, relativeTo: relativeTo ? 'sheet' : null },
      run: () => {
        const t = this.target()!;
        let k = 2;
        const base = t.name.replace(/ \(\d+\)$/, '');
        const nameFor = (i: number): string => {
          const suffix = ` (${i})`;
          return base.slice(0, 31 - suffix.length) + suffix;
        };
        while (state.sheet(nameFor(k))) k++;
        const copy = t.cloneAs(nameFor(k), state.newSheetId());
        const list = state.sheets;
        const rel = relativeTo ? relativeTo.resolveNow() : t;
        if (!rel) throw new FakeOfficeError(ERROR_CODES.itemNotFound, "The requested resource doesn't exist.");
        const at =
          positionType === 'Beginning' ? 0 : positionType === 'End' ? list.length : positionType === 'Before' ? list.indexOf(rel) : list.indexOf(rel) + 1; // None, After
        list.splice(at, 0, copy);
        state.moveNotes(t.name, (row, col) => ({ sheet: copy.name, row, col }), true);
        made = copy;
        state.emit([], 'ThisLocalAddin');
        return {};
      },
    });
    return new WorksheetProxy(this.context, `${this.path}.copy()`, () => made);
  }
  /** Worksheet.delete: not the last visible sheet. */
  delete(): void {
    this.queue({ call: 'delete' }, (t) => {
      const state = this.context.state;
      if (t.visibility === 'Visible' && !state.sheets.some((s) => s !== t && s.visibility === 'Visible')) {
        throw new FakeOfficeError(ERROR_CODES.invalidOperation, 'The operation is not allowed: a workbook must contain at least one visible worksheet.');
      }
      state.sheets.splice(state.sheets.indexOf(t), 1);
      state.moveNotes(t.name, () => null);
      // Formulas elsewhere that named it become #REF! (the plan never deletes such a sheet).
      if (state.activeSheet === t.name) state.activeSheet = state.sheets.find((s) => s.visibility === 'Visible')!.name;
      state.emit([], 'ThisLocalAddin');
    });
  }
  resolveNow(): FakeSheet | null {
    return this.target();
  }
  /** Like Office.js: once resolved, the proxy stays bound to that sheet (rename keeps it). */
  private bound: FakeSheet | null = null;
  protected override target(): FakeSheet | null {
    if (this.bound) {
      if (this.context.state.sheets.includes(this.bound)) return this.bound;
      throw new FakeOfficeError(ERROR_CODES.itemNotFound, `The requested resource doesn't exist. (${this.path}: deleted)`, this.path);
    }
    const t = super.target();
    if (t) this.bound = t;
    return t;
  }
  get protection(): ProtectionProxy {
    return this.nav('protection');
  }

  private protectionProxy: ProtectionProxy | undefined;

  protected override defaultProps(): string[] {
    return ['name', 'id', 'position', 'visibility'];
  }

  protected read(t: FakeSheet, name: string): unknown {
    switch (name) {
      case 'name':
        return t.name;
      case 'id':
        return t.id;
      case 'position':
        return this.context.state.sheets.indexOf(t);
      case 'visibility':
        return t.visibility;
      default:
        throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property Worksheet.${name}`);
    }
  }

  protected override nav(name: string): ProtectionProxy {
    if (name !== 'protection') return super.nav(name) as never;
    return (this.protectionProxy ??= new ProtectionProxy(this.context, `${this.path}.protection`, () => this.resolve()));
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getRange(${address === undefined ? '' : JSON.stringify(address)})`, () => {
      const s = this.target();
      if (!s) return null;
      if (address === undefined) return { sheet: s, area: { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS } };
      const p = parseArea(address);
      if (!p) throw new FakeOfficeError(ERROR_CODES.invalidArgument, `bad address ${address}`);
      return { sheet: s, area: p.area };
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getRangeByIndexes(${startRow},${startColumn},${rowCount},${columnCount})`, () => {
      const s = this.target();
      if (!s) return null;
      if (rowCount < 1 || columnCount < 1) throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'bad range size');
      return { sheet: s, area: { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount } };
    });
  }

  /** Like Excel: a blank sheet's used range is A1. */
  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getUsedRange(${valuesOnly})`, () => {
      const s = this.target();
      if (!s) return null;
      return { sheet: s, area: s.usedArea(valuesOnly) ?? { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    return new RangeProxy(
      this.context,
      `${this.path}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => {
        const s = this.target();
        const area = s?.usedArea(valuesOnly);
        return s && area ? { sheet: s, area } : null;
      },
      true,
    );
  }

  activate(): void {
    this.queue({ call: 'activate' }, (t) => {
      this.context.state.activeSheet = t.name;
    });
  }
}

class ProtectionProxy extends ClientObject<FakeSheet> {
  get protected(): boolean {
    return this.prop('protected');
  }
  protected read(t: FakeSheet, name: string): unknown {
    if (name === 'protected') return t.protected;
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property WorksheetProtection.${name}`);
  }
}

interface SettingEntry {
  key: string;
}

class SettingCollection extends CollectionObject<SettingEntry, SettingProxy> {
  constructor(context: FakeRequestContext) {
    super(context, 'workbook.settings', () => [...context.state.settings.keys()].map((k) => ({ key: k })));
  }
  protected wrap(e: SettingEntry, i: number): SettingProxy {
    return new SettingProxy(this.context, `workbook.settings.items[${i}]`, () => e);
  }
  add(key: string, value: unknown): SettingProxy {
    const state = this.context.state;
    const stored = JSON.parse(JSON.stringify(value ?? null)) as unknown;
    this.context.enqueue({
      desc: { path: 'workbook.settings', call: 'add', key, value: stored },
      run: () => {
        state.settings.set(key, stored);
        return {};
      },
    });
    return this.getItemOrNullObject(key);
  }
  getItemOrNullObject(key: string): SettingProxy {
    const state = this.context.state;
    return new SettingProxy(this.context, `workbook.settings.getItemOrNullObject(${JSON.stringify(key)})`, () => (state.settings.has(key) ? { key } : null), true);
  }
}

class SettingProxy extends ClientObject<SettingEntry> {
  get key(): string {
    return this.prop('key');
  }
  get value(): unknown {
    return this.prop('value');
  }
  protected read(t: SettingEntry, name: string): unknown {
    if (name === 'key') return t.key;
    if (name === 'value') return this.context.state.settings.get(t.key);
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property Setting.${name}`);
  }
  delete(): void {
    this.queue({ call: 'delete' }, (t) => this.context.state.settings.delete(t.key));
  }
}

function noteKey(state: FakeWorkbook, ref: string | RangeProxy): string {
  if (typeof ref !== 'string') {
    const t = ref.targetNow();
    if (!t) throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'note on a null range');
    return `${t.sheet.name}!${a1(t.area.top, t.area.left)}`;
  }
  const p = parseArea(ref);
  if (!p || !p.sheet) throw new FakeOfficeError(ERROR_CODES.invalidArgument, `bad note address ${ref}`);
  if (!state.sheet(p.sheet)) throw new FakeOfficeError(ERROR_CODES.itemNotFound, `no sheet ${p.sheet}`);
  return `${p.sheet}!${a1(p.area.top, p.area.left)}`;
}

class NoteCollection extends ClientObject<FakeWorkbook> {
  constructor(context: FakeRequestContext) {
    super(context, 'workbook.notes', () => context.state);
  }
  private requireApi(): void {
    if (this.context.state.apiVersion < 18) throw new FakeOfficeError(ERROR_CODES.apiNotFound, 'The API you are trying to use could not be found. (ExcelApi 1.18)');
  }
  protected read(): unknown {
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'NoteCollection has no scalar properties');
  }
  add(cellAddress: string | RangeProxy, content: string): NoteProxy {
    const state = this.context.state;
    this.context.enqueue({
      desc: { path: 'workbook.notes', call: 'add', cellAddress: typeof cellAddress === 'string' ? cellAddress : 'range', content },
      run: () => {
        this.requireApi();
        const k = noteKey(state, cellAddress);
        const sheet = state.sheet(k.slice(0, k.lastIndexOf('!')))!;
        if (sheet.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, 'The sheet is protected.');
        if (state.notes.has(k)) throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'The cell already has a note.');
        state.notes.set(k, content);
        return {};
      },
    });
    return new NoteProxy(this.context, 'workbook.notes.add()', () => null, true);
  }
  getItem(key: string): NoteProxy {
    const state = this.context.state;
    return new NoteProxy(this.context, `workbook.notes.getItem(${JSON.stringify(key)})`, () => {
      this.requireApi();
      const k = noteKey(state, key);
      return state.notes.has(k) ? k : null;
    });
  }
  getItemOrNullObject(key: string): NoteProxy {
    const state = this.context.state;
    return new NoteProxy(
      this.context,
      `workbook.notes.getItemOrNullObject(${JSON.stringify(key)})`,
      () => {
        this.requireApi();
        const k = noteKey(state, key);
        return state.notes.has(k) ? k : null;
      },
      true,
    );
  }
}

class NoteProxy extends ClientObject<string> {
  get content(): string {
    return this.prop('content');
  }
  protected read(t: string, name: string): unknown {
    if (name === 'content') return this.context.state.notes.get(t);
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property Note.${name}`);
  }
  delete(): void {
    this.queue({ call: 'delete' }, (t) => {
      const sheet = this.context.state.sheet(t.slice(0, t.lastIndexOf('!')));
      if (sheet?.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, 'The sheet is protected.');
      this.context.state.notes.delete(t);
    });
  }
}

// ---------------------------------------------------------------------------------------
// Ranges

interface RangeTarget {
  sheet: FakeSheet;
  area: Area;
}

type Matrix<V> = V[][];

class RangeProxy extends ClientObject<RangeTarget> {
  private formatProxy: FormatProxy | undefined;

  get address(): string {
    return this.prop('address');
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get values(): Matrix<SnapValue> {
    return this.prop('values');
  }
  set values(v: Matrix<SnapValue>) {
    this.write('values', v);
  }
  get formulas(): Matrix<SnapValue> {
    return this.prop('formulas');
  }
  set formulas(v: Matrix<SnapValue>) {
    this.write('formulas', v);
  }
  get numberFormat(): Matrix<string> {
    return this.prop('numberFormat');
  }
  set numberFormat(v: Matrix<string>) {
    this.write('numberFormat', v);
  }
  get valueTypes(): Matrix<string> {
    return this.prop('valueTypes');
  }
  get format(): FormatProxy {
    return (this.formatProxy ??= new FormatProxy(this.context, `${this.path}.format`, () => this.resolve()));
  }

  /** Resolve now (used by notes.add(range) inside a running batch). */
  targetNow(): RangeTarget | null {
    return this.target();
  }

  protected override defaultProps(): string[] {
    return ['address', 'rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'values', 'formulas', 'numberFormat'];
  }

  protected override nav(name: string): ClientObject<unknown> {
    if (name === 'format') return this.format as ClientObject<unknown>;
    return super.nav(name);
  }

  protected read(t: RangeTarget, name: string): unknown {
    const a = t.area;
    switch (name) {
      case 'address':
        return `${quoteSheet(t.sheet.name)}!${areaAddress(a)}`;
      case 'rowIndex':
        return a.top - 1;
      case 'columnIndex':
        return a.left - 1;
      case 'rowCount':
        return a.bottom - a.top + 1;
      case 'columnCount':
        return a.right - a.left + 1;
      case 'values':
      case 'formulas':
      case 'numberFormat':
      case 'valueTypes': {
        this.context.checkResponseCells((a.bottom - a.top + 1) * (a.right - a.left + 1));
        const out: unknown[][] = [];
        for (let r = a.top; r <= a.bottom; r++) {
          const row: unknown[] = [];
          for (let c = a.left; c <= a.right; c++) {
            const cell = t.sheet.get(r, c);
            if (name === 'values') row.push(cell?.value ?? '');
            else if (name === 'formulas') row.push(cell?.formula ?? cell?.value ?? '');
            else if (name === 'numberFormat') row.push(cell?.numberFormat ?? 'General');
            else row.push(valueType(cell));
          }
          out.push(row);
        }
        return out;
      }
      default:
        throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property Range.${name}`);
    }
  }

  private write(name: 'values' | 'formulas' | 'numberFormat', matrix: Matrix<SnapValue>): void {
    const copy = matrix.map((r) => [...r]);
    this.queue({ set: name, value: copy }, (t) => {
      const a = t.area;
      const rows = a.bottom - a.top + 1;
      const cols = a.right - a.left + 1;
      if (copy.length !== rows || copy.some((r) => r.length !== cols)) {
        throw new FakeOfficeError(ERROR_CODES.invalidArgument, `The number of rows or columns in the input array doesn't match the size or dimensions of the range.`);
      }
      if (t.sheet.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, 'The cell or chart you\'re trying to change is on a protected sheet.');
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < cols; c++) {
          const v = copy[r][c];
          const cell = t.sheet.cellFor(a.top + r, a.left + c);
          if (name !== 'numberFormat') this.context.state.writeLog.push({ sheet: t.sheet.name, cell: a1(a.top + r, a.left + c), value: v });
          if (name === 'numberFormat') cell.numberFormat = String(v);
          else if (typeof v === 'string' && v.startsWith("'")) {
            // Excel: a leading apostrophe stores the rest as text (and is not part of the value).
            cell.formula = undefined;
            cell.value = v.slice(1);
          } else if (typeof v === 'string' && v.startsWith('=')) {
            // The fake cannot calculate: a formula keeps the cached value it had.
            cell.formula = v;
          } else {
            cell.formula = undefined;
            cell.value = v;
          }
          this.context.state.writes++;
        }
      }
      this.context.changes.push({ sheet: t.sheet, area: { ...a } });
    });
  }

  getCell(row: number, column: number): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getCell(${row},${column})`, () => {
      const t = this.target();
      return t && { sheet: t.sheet, area: { top: t.area.top + row, left: t.area.left + column, bottom: t.area.top + row, right: t.area.left + column } };
    }, this.orNull);
  }

  /** Only `format.fill.color` / `format.fill.pattern` are modelled. */
  getCellProperties(options: { format?: { fill?: { color?: boolean; pattern?: boolean } } }): ClientResult<unknown[][]> {
    const result = new ClientResult<unknown[][]>();
    const want = options.format?.fill ?? {};
    this.context.enqueue({
      desc: { path: this.path, call: 'getCellProperties', options },
      run: () => {
        const t = this.target();
        if (!t) return {};
        const a = t.area;
        this.context.checkResponseCells((a.bottom - a.top + 1) * (a.right - a.left + 1) * 10);
        const out: unknown[][] = [];
        for (let r = a.top; r <= a.bottom; r++) {
          const row: unknown[] = [];
          for (let c = a.left; c <= a.right; c++) {
            const fill = t.sheet.get(r, c)?.fill ?? null;
            const f: Record<string, unknown> = {};
            if (want.color) f.color = fill ?? '#FFFFFF';
            if (want.pattern) f.pattern = fill === null ? 'None' : 'Solid';
            row.push({ format: { fill: f } });
          }
          out.push(row);
        }
        return { response: out, commit: () => result.set(out) };
      },
    });
    return result;
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(
      this.context,
      `${this.path}.getMergedAreasOrNullObject()`,
      () => {
        const t = this.target();
        if (!t) return null;
        const a = t.area;
        // Like Excel: only merges whose top-left cell lies inside this range.
        const inside = t.sheet.merges.filter((m) => m.top >= a.top && m.top <= a.bottom && m.left >= a.left && m.left <= a.right);
        return inside.length ? inside.map((area) => ({ sheet: t.sheet, area })) : null;
      },
      true,
    );
  }

  /** Range.delete: only whole-row deletion with shift 'Up' is modelled (what clean-up uses). */
  delete(shift: string): void {
    this.queue({ call: 'delete', shift }, (t) => {
      if (t.sheet.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, "The cell or chart you're trying to change is on a protected sheet.");
      if (shift !== 'Up' || t.area.left !== 1 || t.area.right !== MAX_COLS) {
        throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'fake excel: only whole rows deleted with shift Up are modelled');
      }
      this.context.state.deleteRows(t.sheet, t.area.top, t.area.bottom);
      this.context.changes.push({ sheet: t.sheet, area: { ...t.area } });
    });
  }

  /** Range.merge(across = false): keeps the top-left value, clears the rest, as Excel does. */
  merge(across = false): void {
    this.queue({ call: 'merge', across }, (t) => {
      if (t.sheet.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, "The cell or chart you're trying to change is on a protected sheet.");
      const a = t.area;
      const rows = across ? Array.from({ length: a.bottom - a.top + 1 }, (_, i) => ({ ...a, top: a.top + i, bottom: a.top + i })) : [{ ...a }];
      for (const m of rows) {
        if (m.top === m.bottom && m.left === m.right) continue;
        t.sheet.merges = t.sheet.merges.filter((x) => !overlaps(x, m));
        for (let r = m.top; r <= m.bottom; r++) {
          for (let c = m.left; c <= m.right; c++) {
            if (r === m.top && c === m.left) continue;
            const cell = t.sheet.get(r, c);
            if (cell) {
              cell.value = '';
              cell.formula = undefined;
            }
          }
        }
        t.sheet.merges.push(m);
      }
      this.context.changes.push({ sheet: t.sheet, area: { ...a } });
    });
  }

  /** Range.unmerge: every merged area overlapping the range is split. */
  unmerge(): void {
    this.queue({ call: 'unmerge' }, (t) => {
      if (t.sheet.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, "The cell or chart you're trying to change is on a protected sheet.");
      t.sheet.merges = t.sheet.merges.filter((x) => !overlaps(x, t.area));
      this.context.changes.push({ sheet: t.sheet, area: { ...t.area } });
    });
  }

  select(): void {
    this.queue({ call: 'select' }, (t) => {
      const state = this.context.state;
      state.activeSheet = t.sheet.name;
      state.selection = { sheet: t.sheet.name, address: areaAddress(t.area) };
      state.emit([], 'ThisLocalAddin');
    });
  }
}

function overlaps(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

function valueType(cell: FakeCell | undefined): string {
  const v = cell?.value ?? '';
  if (v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return /^#[A-Z0-9/_]+[!?]?$|^#N\/A$/.test(v) ? 'Error' : 'String';
}

class RangeAreasProxy extends ClientObject<RangeTarget[]> {
  private areasProxy: RangeCollectionProxy | undefined;
  get address(): string {
    return this.prop('address');
  }
  get areaCount(): number {
    return this.prop('areaCount');
  }
  get areas(): RangeCollectionProxy {
    return (this.areasProxy ??= new RangeCollectionProxy(this.context, `${this.path}.areas`, () => this.resolve()));
  }
  protected override nav(name: string): ClientObject<unknown> {
    if (name === 'areas') return this.areas as ClientObject<unknown>;
    return super.nav(name);
  }
  protected read(t: RangeTarget[], name: string): unknown {
    if (name === 'address') return t.map((x) => `${quoteSheet(x.sheet.name)}!${areaAddress(x.area)}`).join(',');
    if (name === 'areaCount') return t.length;
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property RangeAreas.${name}`);
  }
}

class RangeCollectionProxy extends CollectionObject<RangeTarget, RangeProxy> {
  protected wrap(e: RangeTarget, i: number): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.items[${i}]`, () => e);
  }
}

class FormatProxy extends ClientObject<RangeTarget> {
  private fillProxy: FillProxy | undefined;
  get fill(): FillProxy {
    return (this.fillProxy ??= new FillProxy(this.context, `${this.path}.fill`, () => this.resolve()));
  }
  protected override nav(name: string): ClientObject<unknown> {
    if (name === 'fill') return this.fill as ClientObject<unknown>;
    return super.nav(name);
  }
  /** Row height in points; null when the rows differ (as Excel reports). */
  get rowHeight(): number | null {
    return this.prop('rowHeight');
  }
  set rowHeight(v: number | null) {
    this.queue({ set: 'rowHeight', value: v }, (t) => {
      if (t.sheet.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, 'The sheet is protected.');
      if (typeof v !== 'number' || v < 0 || v > 409) throw new FakeOfficeError(ERROR_CODES.invalidArgument, 'The argument is invalid or missing or has an incorrect format.');
      for (let r = t.area.top; r <= t.area.bottom; r++) {
        if (v === DEFAULT_ROW_HEIGHT) t.sheet.rowHeights.delete(r);
        else t.sheet.rowHeights.set(r, v);
      }
    });
  }
  protected read(t: RangeTarget, name: string): unknown {
    if (name === 'rowHeight') {
      const hs = new Set<number>();
      for (let r = t.area.top; r <= t.area.bottom && hs.size < 2; r++) hs.add(t.sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT);
      return hs.size === 1 ? [...hs][0] : null;
    }
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property RangeFormat.${name}`);
  }
}

class FillProxy extends ClientObject<RangeTarget> {
  get color(): string | null {
    return this.prop('color');
  }
  set color(v: string | null) {
    this.queue({ set: 'color', value: v }, (t) => this.each(t, (c) => (c.fill = v === null ? null : v.toUpperCase())));
  }
  get pattern(): string | null {
    return this.prop('pattern');
  }
  clear(): void {
    this.queue({ call: 'clear' }, (t) => this.each(t, (c) => (c.fill = null)));
  }
  private each(t: RangeTarget, f: (c: FakeCell) => void): void {
    if (t.sheet.protected) throw new FakeOfficeError(ERROR_CODES.accessDenied, 'The sheet is protected.');
    for (let r = t.area.top; r <= t.area.bottom; r++) for (let c = t.area.left; c <= t.area.right; c++) f(t.sheet.cellFor(r, c));
    this.context.changes.push({ sheet: t.sheet, area: { ...t.area } });
  }
  protected read(t: RangeTarget, name: string): unknown {
    // Excel reports white and "None" for no fill, null when the cells differ.
    const fills = new Set<string | null>();
    for (let r = t.area.top; r <= t.area.bottom && fills.size < 2; r++) {
      for (let c = t.area.left; c <= t.area.right && fills.size < 2; c++) fills.add(t.sheet.get(r, c)?.fill ?? null);
    }
    if (fills.size > 1) return null;
    const fill = [...fills][0] ?? null;
    if (name === 'color') return fill ?? '#FFFFFF';
    if (name === 'pattern') return fill === null ? 'None' : 'Solid';
    throw new FakeOfficeError(ERROR_CODES.invalidArgument, `unknown property RangeFill.${name}`);
  }
}

// ---------------------------------------------------------------------------------------
// The namespaces

export interface FakeExcelNamespace {
  run<T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  run<T>(options: FakeRunOptions, batch: (context: FakeRequestContext) => Promise<T>): Promise<T>;
  RequestContext: new () => FakeRequestContext;
  ErrorCodes: typeof ERROR_CODES;
  SheetVisibility: { visible: 'Visible'; hidden: 'Hidden'; veryHidden: 'VeryHidden' };
  WorksheetPositionType: { none: 'None'; before: 'Before'; after: 'After'; beginning: 'Beginning'; end: 'End' };
  DeleteShiftDirection: { up: 'Up'; left: 'Left' };
}

export interface FakeOfficeNamespace {
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  context: {
    requirements: { isSetSupported(name: string, version?: string): boolean };
    document: { settings: { get(name: string): unknown; set(name: string, value: unknown): void; remove(name: string): void; saveAsync(cb?: (r: { status: string }) => void): void } };
  };
  addin: { showAsTaskpane(): Promise<void>; hide(): Promise<void>; visible: boolean };
  actions: { associate(name: string, fn: (...args: unknown[]) => unknown): void };
  HostType: { Excel: string };
  PlatformType: { OfficeOnline: string; PC: string; Mac: string };
  AsyncResultStatus: { Succeeded: string; Failed: string };
  /** Test handle: the functions registered with `actions.associate`. */
  readonly associated: Map<string, (...args: unknown[]) => unknown>;
}

export interface FakeHost {
  readonly state: FakeWorkbook;
  readonly Excel: FakeExcelNamespace;
  readonly Office: FakeOfficeNamespace;
}

/** Build `Excel` and `Office` namespaces over one fake workbook. */
export function createFakeHost(snapshot: WorkbookSnapshot, options: FakeOptions & { ready?: Promise<void> } = {}): FakeHost {
  const state = new FakeWorkbook(snapshot, options);
  const ready = options.ready ?? Promise.resolve();
  const Excel: FakeExcelNamespace = {
    run<T>(a: FakeRunOptions | ((c: FakeRequestContext) => Promise<T>), b?: (c: FakeRequestContext) => Promise<T>): Promise<T> {
      const opts = typeof a === 'function' ? {} : a;
      const batch = typeof a === 'function' ? a : b!;
      state.runs.push({ ...opts });
      const context = new FakeRequestContext(state, opts);
      return Promise.resolve().then(() => batch(context));
    },
    RequestContext: class extends FakeRequestContext {
      constructor() {
        super(state);
      }
    },
    ErrorCodes: ERROR_CODES,
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    WorksheetPositionType: { none: 'None', before: 'Before', after: 'After', beginning: 'Beginning', end: 'End' },
    DeleteShiftDirection: { up: 'Up', left: 'Left' },
  };
  const docSettings = new Map<string, unknown>();
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const info = { host: 'Excel', platform: 'OfficeOnline' };
  const Office: FakeOfficeNamespace = {
    onReady: (cb) =>
      ready.then(() => {
        cb?.(info);
        return info;
      }),
    context: {
      requirements: {
        isSetSupported(name: string, version?: string): boolean {
          if (name === 'ExcelApi') return !version || Number(version.split('.')[1] ?? 0) <= state.apiVersion;
          if (name === 'SharedRuntime' || name === 'RibbonApi' || name === 'AddinCommands') return true;
          return false;
        },
      },
      document: {
        settings: {
          get: (n) => docSettings.get(n) ?? null,
          set: (n, v) => void docSettings.set(n, v),
          remove: (n) => void docSettings.delete(n),
          saveAsync: (cb) => cb?.({ status: 'succeeded' }),
        },
      },
    },
    addin: {
      visible: false,
      showAsTaskpane() {
        this.visible = true;
        return Promise.resolve();
      },
      hide() {
        this.visible = false;
        return Promise.resolve();
      },
    },
    actions: { associate: (name, fn) => void associated.set(name, fn) },
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    associated,
  };
  return { state, Excel, Office };
}
