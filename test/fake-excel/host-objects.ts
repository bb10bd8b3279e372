/**
 * The objects of the Excel object model as the host sees them, over the fake workbook
 * (./model.ts): what an object path in a RichApi request resolves to, and what each property,
 * method and navigation does. Names are the wire names Microsoft's client sends (`GetRange`,
 * `Values`, `Format`); query results use them too (`{ Values: [[…]] }`). A member the fake does
 * not model fails loudly with NotImplemented, never silently.
 */
import {
  ERROR_CODES,
  MAX_COLS,
  MAX_ROWS,
  MERGED_AREAS_LIMIT,
  READ_CELL_LIMIT,
  DEFAULT_ROW_HEIGHT,
  a1,
  areaAddress,
  cellCount,
  hostError,
  overlaps,
  parseArea,
  parseCell,
  quoteSheet,
  type Area,
  type FakeCell,
  type FakeSheet,
  type FakeWorkbook,
  type TrackedRange,
} from './model';
import type { SnapValue } from './snapshot';

/** What a request sees of the host while it runs. */
export interface HostContext {
  readonly wb: FakeWorkbook;
  /** Cells changed by this request (change events after it). */
  readonly changes: Array<{ sheet: FakeSheet; area: Area }>;
  /** A read of `cells` cells is about to be put in the response (the 5 MB check before building it). */
  reading(cells: number, bytesPerCell: number): void;
  /** Objects the client holds by reference id (`_KeepReference`), across requests. */
  readonly refs: Map<string, HostObject>;
}

type Rec = Record<string, unknown>;

const wire = (js: string): string => (js.startsWith('_') ? js : js[0].toUpperCase() + js.slice(1));

function notModelled(type: string, member: string): Error {
  return hostError(ERROR_CODES.notImplemented, `fake excel: ${type}.${member} is not modelled`);
}

/** Base: every member unknown unless a subclass answers it. */
export abstract class HostObject {
  abstract readonly type: string;
  /** Scalar properties a bare `load()` returns. */
  readonly scalars: readonly string[] = [];
  /** Navigation properties (JS names) a `Select` may go through. */
  readonly navigations: readonly string[] = [];
  constructor(readonly ctx: HostContext) {}
  /** The object's identity in results: `Id`, `_Id` or `_ReferenceId`. */
  identity(): Rec {
    return {};
  }
  /** A scalar property by its JS name (the client's `Select` uses those). */
  get(name: string): unknown {
    throw notModelled(this.type, name);
  }
  set(name: string, _value: unknown): void {
    throw notModelled(this.type, `${name} (set)`);
  }
  /** Navigation property (ObjectPathType 4). */
  nav(name: string): HostObject {
    throw notModelled(this.type, name);
  }
  /** A method that returns an object (ObjectPathType 3); null: a null object. */
  method(name: string, _args: unknown[]): HostObject | null {
    throw notModelled(this.type, `${name}()`);
  }
  /** A method action (ActionType 3); its return value goes into the result. */
  call(name: string, _args: unknown[]): unknown {
    throw notModelled(this.type, `${name}()`);
  }
  /** Indexer (ObjectPathType 5, `getItem(key)`). */
  index(_args: unknown[]): HostObject | null {
    throw notModelled(this.type, 'getItem()');
  }
  /** Items of a collection. */
  items(): HostObject[] | null {
    return null;
  }
  /** `_KeepReference`: an object that can be tracked gets a reference id (null: not trackable). */
  keepReference(): string | null {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// Workbook

export class WorkbookObj extends HostObject {
  readonly type = 'Workbook';
  override readonly scalars = ['name'];
  override readonly navigations = ['worksheets', 'settings', 'notes'];
  override get(name: string): unknown {
    if (name === 'name') return 'Book1.xlsx';
    return super.get(name);
  }
  override nav(name: string): HostObject {
    switch (name) {
      case 'Application':
        return new ApplicationObj(this.ctx);
      case 'Worksheets':
        return new WorksheetCollectionObj(this.ctx);
      case 'Settings':
        return new SettingCollectionObj(this.ctx);
      case 'Notes':
        return new NoteCollectionObj(this.ctx, null);
      default:
        return super.nav(name);
    }
  }
  override method(name: string, args: unknown[]): HostObject | null {
    if (name === 'GetSelectedRange') {
      const wb = this.ctx.wb;
      if (wb.chartSheetActive) throw hostError('InvalidSelection', 'a chart sheet is active');
      const s = wb.sheet(wb.selection.sheet);
      if (!s) throw hostError(ERROR_CODES.itemNotFound, 'no selection');
      return new RangeObj(this.ctx, { sheet: s, area: parseArea(wb.selection.address)!.area });
    }
    return super.method(name, args);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'InsertWorksheetsFromBase64') return this.ctx.wb.insertWorksheets(String(args[0]), (args[1] ?? {}) as Parameters<FakeWorkbook['insertWorksheets']>[1]);
    if (name === 'CreateAndOpenWorkbook') {
      // Excel on the web: the runtime sends this on its WacWorkbook root (Excel.createWorkbook).
      this.ctx.wb.createWorkbook(args[0] as string | null);
      return null;
    }
    if (name === '_RemoveReference') {
      this.ctx.wb.tracked.delete(String(args[0]));
      this.ctx.refs.delete(String(args[0]));
      return null;
    }
    return super.call(name, args);
  }
}

/** Desktop `Excel.createWorkbook`: `workbook.application.createWorkbook(base64).open()`. */
export class ApplicationObj extends HostObject {
  readonly type = 'Application';
  override method(name: string, args: unknown[]): HostObject | null {
    if (name === 'CreateWorkbook') return new WorkbookCreatedObj(this.ctx, (args[0] as string | null) ?? null);
    return super.method(name, args);
  }
}

export class WorkbookCreatedObj extends HostObject {
  readonly type = 'WorkbookCreated';
  constructor(
    ctx: HostContext,
    private readonly base64: string | null,
  ) {
    super(ctx);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'Open') {
      this.ctx.wb.createWorkbook(this.base64);
      return null;
    }
    return super.call(name, args);
  }
}

// ---------------------------------------------------------------------------------------
// Worksheets

function sheetAlive(ctx: HostContext, sheet: FakeSheet): FakeSheet {
  if (!ctx.wb.sheets.includes(sheet)) throw hostError(ERROR_CODES.itemNotFound, `worksheet '${sheet.name}' was deleted`);
  return sheet;
}

export class WorksheetCollectionObj extends HostObject {
  readonly type = 'WorksheetCollection';
  private find(key: unknown): FakeSheet | undefined {
    const k = String(key);
    return this.ctx.wb.sheetById(k) ?? this.ctx.wb.sheet(k);
  }
  override index(args: unknown[]): HostObject {
    const s = this.find(args[0]);
    if (!s) throw hostError(ERROR_CODES.itemNotFound, `worksheet '${String(args[0])}'`);
    return new WorksheetObj(this.ctx, s);
  }
  override method(name: string, args: unknown[]): HostObject | null {
    switch (name) {
      case 'GetItemOrNullObject': {
        const s = this.find(args[0]);
        return s ? new WorksheetObj(this.ctx, s) : null;
      }
      case 'GetActiveWorksheet':
        return new WorksheetObj(this.ctx, this.ctx.wb.activeWorksheet());
      case 'GetItemAt': {
        const s = this.ctx.wb.sheets[Number(args[0])];
        if (!s) throw hostError(ERROR_CODES.itemNotFound, `worksheet #${String(args[0])}`);
        return new WorksheetObj(this.ctx, s);
      }
      default:
        return super.method(name, args);
    }
  }
  override call(name: string, args: unknown[]): unknown {
    switch (name) {
      case 'GetCount':
        return this.ctx.wb.sheets.length;
      case '_RegisterDataChangedEvent':
      case '_UnregisterDataChangedEvent':
        return null; // the host always reports changes; the client routes them to its handlers
      default:
        return super.call(name, args);
    }
  }
  override items(): HostObject[] {
    return this.ctx.wb.sheets.map((s) => new WorksheetObj(this.ctx, s));
  }
}

export class WorksheetObj extends HostObject {
  readonly type = 'Worksheet';
  override readonly scalars = ['id', 'name', 'position', 'visibility'];
  override readonly navigations = ['protection', 'notes'];
  constructor(
    ctx: HostContext,
    readonly sheet: FakeSheet,
  ) {
    super(ctx);
  }
  private get s(): FakeSheet {
    return sheetAlive(this.ctx, this.sheet);
  }
  /** The private id the host gives for addressing (`_Id`); `id` itself only when loaded. */
  override identity(): Rec {
    return { _Id: this.sheet.id };
  }
  override get(name: string): unknown {
    const s = this.s;
    switch (name) {
      case 'id':
        return s.id;
      case 'name':
        return s.name;
      case 'position':
        return this.ctx.wb.sheets.indexOf(s);
      case 'visibility':
        return s.visibility;
      default:
        return super.get(name);
    }
  }
  override set(name: string, value: unknown): void {
    const s = this.s;
    switch (name) {
      case 'Name':
        return this.ctx.wb.renameSheet(s, value as string);
      case 'Position':
        return this.ctx.wb.moveSheet(s, value as number);
      case 'Visibility':
        return this.ctx.wb.setVisibility(s, value as string);
      default:
        return super.set(name, value);
    }
  }
  override nav(name: string): HostObject {
    if (name === 'Protection') return new ProtectionObj(this.ctx, this.s);
    if (name === 'Notes') return new NoteCollectionObj(this.ctx, this.s);
    return super.nav(name);
  }
  override method(name: string, args: unknown[]): HostObject | null {
    const s = this.s;
    switch (name) {
      case 'GetRange': {
        const address = args[0];
        if (address === null || address === undefined || address === '') return new RangeObj(this.ctx, { sheet: s, area: { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS } });
        // Documented: an address over 8192 characters is InvalidArgument (and so is a malformed one).
        if (typeof address === 'string' && address.length > 8192) throw hostError(ERROR_CODES.invalidArgument, 'the address has more than 8192 characters');
        const p = typeof address === 'string' ? parseArea(address) : null;
        if (!p || (p.sheet !== null && p.sheet.toLowerCase() !== s.name.toLowerCase())) throw hostError(ERROR_CODES.invalidArgument, `address '${String(address)}'`);
        return new RangeObj(this.ctx, { sheet: s, area: p.area });
      }
      case 'GetRangeByIndexes': {
        const [r, c, rc, cc] = args.map(Number);
        if (![r, c, rc, cc].every(Number.isInteger) || r < 0 || c < 0 || rc < 1 || cc < 1 || r + rc > MAX_ROWS || c + cc > MAX_COLS) {
          throw hostError(ERROR_CODES.invalidArgument, `getRangeByIndexes(${args.join(', ')})`);
        }
        return new RangeObj(this.ctx, { sheet: s, area: { top: r + 1, left: c + 1, bottom: r + rc, right: c + cc } });
      }
      case 'GetCell': {
        const [r, c] = args.map(Number);
        if (!Number.isInteger(r) || !Number.isInteger(c) || r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLS) throw hostError(ERROR_CODES.invalidArgument, `getCell(${args.join(', ')})`);
        return new RangeObj(this.ctx, { sheet: s, area: { top: r + 1, left: c + 1, bottom: r + 1, right: c + 1 } });
      }
      case 'GetUsedRange': {
        // Documented: a blank worksheet gives its top-left cell (no error).
        const area = s.usedArea(!!args[0]) ?? { top: 1, left: 1, bottom: 1, right: 1 };
        return new RangeObj(this.ctx, { sheet: s, area });
      }
      case 'GetUsedRangeOrNullObject': {
        const area = s.usedArea(!!args[0]);
        return area ? new RangeObj(this.ctx, { sheet: s, area }) : null;
      }
      case 'Copy': {
        const rel = args[1] instanceof WorksheetObj ? args[1].s : null;
        return new WorksheetObj(this.ctx, this.ctx.wb.copySheet(s, (args[0] as string | undefined) ?? 'None', rel));
      }
      default:
        return super.method(name, args);
    }
  }
  override call(name: string, args: unknown[]): unknown {
    const s = this.s;
    switch (name) {
      case 'Delete':
        this.ctx.wb.deleteSheet(s);
        return null;
      case 'Activate':
        this.ctx.wb.activate(s);
        return null;
      default:
        return super.call(name, args);
    }
  }
}

export class ProtectionObj extends HostObject {
  readonly type = 'WorksheetProtection';
  override readonly scalars = ['protected'];
  constructor(
    ctx: HostContext,
    readonly sheet: FakeSheet,
  ) {
    super(ctx);
  }
  override get(name: string): unknown {
    if (name === 'protected') return sheetAlive(this.ctx, this.sheet).protected;
    return super.get(name);
  }
}

// ---------------------------------------------------------------------------------------
// Ranges

function valueType(cell: FakeCell | undefined): string {
  const v = cell?.value ?? '';
  if (v === '') return 'Empty';
  if (typeof v === 'number') return 'Double';
  if (typeof v === 'boolean') return 'Boolean';
  return /^#[A-Z0-9/_]+[!?]?$|^#N\/A$/.test(v) ? 'Error' : 'String';
}

function textOf(cell: FakeCell | undefined): string {
  const v = cell?.value ?? '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') {
    const pct = /^0(\.(0+))?%$/.exec(cell?.numberFormat ?? '');
    if (pct) return `${(v * 100).toFixed(pct[2]?.length ?? 0)}%`;
    const fixed = /^0\.(0+)$/.exec(cell?.numberFormat ?? '');
    if (fixed) return v.toFixed(fixed[1].length);
    return String(Math.round(v * 1e10) / 1e10);
  }
  return v;
}

/** Excel's named colours the fill setter accepts besides `#RRGGBB` (a few; others: InvalidArgument). */
const NAMED_COLOURS: Readonly<Record<string, string>> = {
  white: '#FFFFFF',
  black: '#000000',
  red: '#FF0000',
  yellow: '#FFFF00',
  blue: '#0000FF',
  green: '#008000',
  orange: '#FFA500',
};

export class RangeObj extends HostObject {
  readonly type = 'Range';
  override readonly scalars = ['address', 'addressLocal', 'cellCount', 'columnCount', 'columnIndex', 'formulas', 'numberFormat', 'rowCount', 'rowIndex', 'text', 'valueTypes', 'values'];
  override readonly navigations = ['format', 'worksheet'];
  private refId: string | null = null;
  constructor(
    ctx: HostContext,
    private readonly target: TrackedRange,
    refId?: string,
  ) {
    super(ctx);
    this.refId = refId ?? null;
  }
  /** The sheet and area now (a kept range follows its cells). */
  get t(): TrackedRange {
    if (this.target.gone) throw hostError(ERROR_CODES.invalidReference, 'the range was deleted');
    sheetAlive(this.ctx, this.target.sheet);
    return this.target;
  }
  override identity(): Rec {
    return this.refId ? { _ReferenceId: this.refId } : {};
  }
  override keepReference(): string {
    if (!this.refId) {
      this.refId = this.ctx.wb.newReferenceId();
      this.ctx.wb.tracked.set(this.refId, this.target);
    }
    return this.refId;
  }
  private matrix(f: (c: FakeCell | undefined) => unknown, bytesPerCell: number): unknown[][] | null {
    const { sheet, area: a } = this.t;
    const n = cellCount(a);
    // On all platforms a read is limited to five million cells: values come back null (#4783, #6781).
    if (n > READ_CELL_LIMIT) return null;
    this.ctx.reading(n, bytesPerCell);
    const out: unknown[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: unknown[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(f(sheet.get(r, c)));
      out.push(row);
    }
    return out;
  }
  override get(name: string): unknown {
    const { sheet, area: a } = this.t;
    switch (name) {
      case 'address':
      case 'addressLocal':
        return `${quoteSheet(sheet.name)}!${areaAddress(a)}`;
      case 'rowIndex':
        return a.top - 1;
      case 'columnIndex':
        return a.left - 1;
      case 'rowCount':
        return a.bottom - a.top + 1;
      case 'columnCount':
        return a.right - a.left + 1;
      case 'cellCount':
        return cellCount(a);
      case 'values':
        return this.matrix((c) => c?.value ?? '', 3);
      case 'formulas':
        return this.matrix((c) => c?.formula ?? c?.value ?? '', 3);
      case 'numberFormat':
        return this.matrix((c) => c?.numberFormat ?? 'General', 10);
      case 'valueTypes':
        return this.matrix(valueType, 8);
      case 'text':
        return this.matrix(textOf, 3);
      default:
        return super.get(name);
    }
  }
  /** values / formulas / numberFormat: a matrix of the range's size, or one value for every cell. */
  private write(name: 'Values' | 'Formulas' | 'NumberFormat', input: unknown): void {
    const { sheet, area: a } = this.t;
    const rows = a.bottom - a.top + 1;
    const cols = a.right - a.left + 1;
    const isMatrix = Array.isArray(input);
    if (isMatrix && ((input as unknown[]).length !== rows || (input as unknown[]).some((r) => !Array.isArray(r) || r.length !== cols))) {
      throw hostError(ERROR_CODES.invalidArgument, `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rows}×${cols})`);
    }
    this.ctx.wb.assertWritable(sheet, `Range.${name[0].toLowerCase()}${name.slice(1)}`);
    const wb = this.ctx.wb;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = (isMatrix ? (input as unknown[][])[r][c] : input) as SnapValue | null;
        if (v === null || v === undefined) continue; // null leaves the cell as it is
        const cell = sheet.cellFor(a.top + r, a.left + c);
        if (name === 'NumberFormat') cell.numberFormat = String(v);
        else {
          wb.writeLog.push({ sheet: sheet.name, cell: a1(a.top + r, a.left + c), value: v });
          if (typeof v === 'string' && v.startsWith("'")) {
            // A leading apostrophe stores the rest as text (it is not part of the value).
            cell.formula = undefined;
            cell.value = v.slice(1);
          } else if (typeof v === 'string' && v.startsWith('=') && v.length > 1) {
            // The fake cannot calculate: a formula keeps the cached value it had.
            cell.formula = v;
          } else if (name === 'Values' && typeof v === 'string' && /^[+-]./.test(v)) {
            // Documented (Range.values): a value starting with "+" or "-" is taken as a formula.
            const n = Number(v);
            if (v.trim() !== '' && Number.isFinite(n)) {
              cell.formula = undefined;
              cell.value = n;
            } else {
              cell.formula = `=${v}`;
              cell.value = '#NAME?';
            }
          } else {
            cell.formula = undefined;
            cell.value = v;
          }
        }
        wb.writes++;
      }
    }
    this.ctx.changes.push({ sheet, area: { ...a } });
  }
  override set(name: string, value: unknown): void {
    if (name === 'Values' || name === 'Formulas' || name === 'NumberFormat') return this.write(name, value);
    return super.set(name, value);
  }
  override nav(name: string): HostObject {
    if (name === 'Format') return new FormatObj(this.ctx, this);
    if (name === 'Worksheet') return new WorksheetObj(this.ctx, this.t.sheet);
    return super.nav(name);
  }
  private sub(area: Area): RangeObj {
    return new RangeObj(this.ctx, { sheet: this.t.sheet, area });
  }
  override method(name: string, args: unknown[]): HostObject | null {
    const { sheet, area: a } = this.t;
    switch (name) {
      case 'GetCell': {
        const [r, c] = args.map(Number);
        const top = a.top + r;
        const left = a.left + c;
        if (!Number.isInteger(r) || !Number.isInteger(c) || top < 1 || left < 1 || top > MAX_ROWS || left > MAX_COLS) throw hostError(ERROR_CODES.invalidArgument, `getCell(${args.join(', ')})`);
        return this.sub({ top, left, bottom: top, right: left });
      }
      case 'GetRow': {
        const r = Number(args[0]);
        if (!Number.isInteger(r) || r < 0 || a.top + r > MAX_ROWS) throw hostError(ERROR_CODES.invalidArgument, `getRow(${String(args[0])})`);
        return this.sub({ ...a, top: a.top + r, bottom: a.top + r });
      }
      case 'GetBoundingRect': {
        const other = args[0] instanceof RangeObj ? args[0].t : null;
        if (!other || other.sheet !== sheet) throw hostError(ERROR_CODES.invalidArgument, 'getBoundingRect: a range on the same worksheet');
        const b = other.area;
        return this.sub({ top: Math.min(a.top, b.top), left: Math.min(a.left, b.left), bottom: Math.max(a.bottom, b.bottom), right: Math.max(a.right, b.right) });
      }
      case 'GetUsedRange':
      case 'GetUsedRangeOrNullObject': {
        const used = sheet.usedArea(!!args[0]);
        const inter = used && overlaps(used, a) ? { top: Math.max(used.top, a.top), left: Math.max(used.left, a.left), bottom: Math.min(used.bottom, a.bottom), right: Math.min(used.right, a.right) } : null;
        if (inter) return this.sub(inter);
        if (name === 'GetUsedRangeOrNullObject') return null;
        throw hostError(ERROR_CODES.itemNotFound, 'the range has no used cells');
      }
      case 'GetMergedAreasOrNullObject': {
        // Only merges whose top-left cell lies inside the range (office-js #3611).
        const inside = sheet.merges.filter((m) => m.top >= a.top && m.top <= a.bottom && m.left >= a.left && m.left <= a.right);
        if (inside.length > MERGED_AREAS_LIMIT) throw hostError(ERROR_CODES.generalException, `more than ${MERGED_AREAS_LIMIT} merged areas in the range (${inside.length})`);
        return inside.length ? new RangeAreasObj(this.ctx, sheet, inside) : null;
      }
      default:
        return super.method(name, args);
    }
  }
  override call(name: string, args: unknown[]): unknown {
    const { sheet, area: a } = this.t;
    const wb = this.ctx.wb;
    switch (name) {
      case '_ValidateArraySize': {
        const [rows, cols] = args.map(Number);
        if (rows !== a.bottom - a.top + 1 || cols !== a.right - a.left + 1) {
          throw hostError(ERROR_CODES.invalidArgument, `The number of rows or columns in the input array doesn't match the size or dimensions of the range`);
        }
        return null;
      }
      case 'GetCellProperties': {
        const want = ((args[0] as Rec | undefined)?.format as Rec | undefined)?.fill as Rec | undefined;
        return this.matrix((c) => {
          const fill = c?.fill ?? null;
          const f: Rec = {};
          if (want?.color) f.color = fill ?? '#FFFFFF';
          if (want?.pattern) f.pattern = fill === null ? 'None' : 'Solid';
          return { format: { fill: f } };
        }, 40);
      }
      case 'Delete': {
        const shift = args[0];
        wb.assertWritable(sheet, 'Range.delete');
        if (shift !== 'Up' || a.left !== 1 || a.right !== MAX_COLS) throw hostError(ERROR_CODES.notImplemented, 'fake excel: only whole rows deleted with shift Up are modelled');
        wb.deleteRows(sheet, a.top, a.bottom);
        this.ctx.changes.push({ sheet, area: { ...a } });
        return null;
      }
      case 'Merge': {
        wb.assertWritable(sheet, 'Range.merge');
        const across = !!args[0];
        const parts = across ? Array.from({ length: a.bottom - a.top + 1 }, (_, i) => ({ ...a, top: a.top + i, bottom: a.top + i })) : [{ ...a }];
        for (const m of parts) {
          if (m.top === m.bottom && m.left === m.right) continue;
          sheet.merges = sheet.merges.filter((x) => !overlaps(x, m));
          for (let r = m.top; r <= m.bottom; r++) {
            for (let c = m.left; c <= m.right; c++) {
              if (r === m.top && c === m.left) continue;
              const cell = sheet.get(r, c);
              if (cell) {
                cell.value = '';
                cell.formula = undefined;
              }
            }
          }
          sheet.merges.push(m);
        }
        this.ctx.changes.push({ sheet, area: { ...a } });
        return null;
      }
      case 'Unmerge':
        wb.assertWritable(sheet, 'Range.unmerge');
        sheet.merges = sheet.merges.filter((x) => !overlaps(x, a));
        this.ctx.changes.push({ sheet, area: { ...a } });
        return null;
      case 'Select':
        wb.select(sheet, a);
        return null;
      case 'Activate':
        wb.activate(sheet);
        return null;
      default:
        return super.call(name, args);
    }
  }
  /** For notes.add(range): the single cell it names. */
  cellKey(): string | null {
    const { sheet, area: a } = this.t;
    return a.top === a.bottom && a.left === a.right ? `${sheet.name}!${a1(a.top, a.left)}` : null;
  }
  /** For the format objects. */
  eachCell(what: string, f: (c: FakeCell) => void): void {
    const { sheet, area: a } = this.t;
    this.ctx.wb.assertWritable(sheet, what);
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(sheet.cellFor(r, c));
    this.ctx.changes.push({ sheet, area: { ...a } });
  }
}

export class RangeAreasObj extends HostObject {
  readonly type = 'RangeAreas';
  override readonly scalars = ['address', 'addressLocal', 'areaCount', 'cellCount'];
  override readonly navigations = ['areas'];
  private refId: string | null = null;
  constructor(
    ctx: HostContext,
    private readonly sheet: FakeSheet,
    private readonly areas: readonly Area[],
  ) {
    super(ctx);
  }
  override identity(): Rec {
    return this.refId ? { _ReferenceId: this.refId } : {};
  }
  override keepReference(): string {
    return (this.refId ??= this.ctx.wb.newReferenceId());
  }
  override get(name: string): unknown {
    switch (name) {
      case 'address':
      case 'addressLocal':
        return this.areas.map((x) => `${quoteSheet(this.sheet.name)}!${areaAddress(x)}`).join(',');
      case 'areaCount':
        return this.areas.length;
      case 'cellCount':
        return this.areas.reduce((n, x) => n + cellCount(x), 0);
      default:
        return super.get(name);
    }
  }
  override nav(name: string): HostObject {
    if (name === 'Areas') return new RangeCollectionObj(this.ctx, this.areas.map((area) => new RangeObj(this.ctx, { sheet: this.sheet, area })));
    return super.nav(name);
  }
}

export class RangeCollectionObj extends HostObject {
  readonly type = 'RangeCollection';
  constructor(
    ctx: HostContext,
    private readonly list: RangeObj[],
  ) {
    super(ctx);
  }
  override items(): HostObject[] {
    return this.list;
  }
  override method(name: string, args: unknown[]): HostObject | null {
    if (name === 'GetItemAt') {
      const r = this.list[Number(args[0])];
      if (!r) throw hostError(ERROR_CODES.itemNotFound, `range #${String(args[0])}`);
      return r;
    }
    return super.method(name, args);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'GetCount') return this.list.length;
    return super.call(name, args);
  }
}

export class FormatObj extends HostObject {
  readonly type = 'RangeFormat';
  override readonly scalars = ['rowHeight'];
  override readonly navigations = ['fill'];
  constructor(
    ctx: HostContext,
    private readonly range: RangeObj,
  ) {
    super(ctx);
  }
  override get(name: string): unknown {
    if (name === 'rowHeight') {
      const { sheet, area: a } = this.range.t;
      const hs = new Set<number>();
      for (let r = a.top; r <= a.bottom && hs.size < 2; r++) hs.add(sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT);
      return hs.size === 1 ? [...hs][0] : null;
    }
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    if (name === 'RowHeight') {
      const { sheet, area: a } = this.range.t;
      this.ctx.wb.assertWritable(sheet, 'RangeFormat.rowHeight');
      // Excel's row height is 0 to 409 points.
      if (typeof value !== 'number' || !(value >= 0 && value <= 409)) throw hostError(ERROR_CODES.invalidArgument, `rowHeight ${String(value)}`);
      for (let r = a.top; r <= a.bottom; r++) {
        if (value === DEFAULT_ROW_HEIGHT) sheet.rowHeights.delete(r);
        else sheet.rowHeights.set(r, value);
      }
      return;
    }
    return super.set(name, value);
  }
  override nav(name: string): HostObject {
    if (name === 'Fill') return new FillObj(this.ctx, this.range);
    return super.nav(name);
  }
}

export class FillObj extends HostObject {
  readonly type = 'RangeFill';
  override readonly scalars = ['color', 'pattern'];
  constructor(
    ctx: HostContext,
    private readonly range: RangeObj,
  ) {
    super(ctx);
  }
  override get(name: string): unknown {
    if (name !== 'color' && name !== 'pattern') return super.get(name);
    // Excel reports white and "None" for no fill, null when the cells differ.
    const { sheet, area: a } = this.range.t;
    const fills = new Set<string | null>();
    for (let r = a.top; r <= a.bottom && fills.size < 2; r++) {
      for (let c = a.left; c <= a.right && fills.size < 2; c++) fills.add(sheet.get(r, c)?.fill ?? null);
    }
    if (fills.size > 1) return null;
    const fill = [...fills][0] ?? null;
    return name === 'color' ? (fill ?? '#FFFFFF') : fill === null ? 'None' : 'Solid';
  }
  override set(name: string, value: unknown): void {
    if (name === 'Color') {
      const v = typeof value === 'string' ? value.trim() : '';
      const hex = /^#?[0-9a-f]{6}$/i.test(v) ? `#${v.replace('#', '').toUpperCase()}` : NAMED_COLOURS[v.toLowerCase()];
      if (!hex) throw hostError(ERROR_CODES.invalidArgument, `fill colour '${String(value)}'`);
      this.range.eachCell('RangeFill.color', (c) => (c.fill = hex));
      return;
    }
    return super.set(name, value);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'Clear') {
      this.range.eachCell('RangeFill.clear', (c) => (c.fill = null));
      return null;
    }
    return super.call(name, args);
  }
}

// ---------------------------------------------------------------------------------------
// Settings

export class SettingCollectionObj extends HostObject {
  readonly type = 'SettingCollection';
  override index(args: unknown[]): HostObject {
    const k = String(args[0]);
    if (!this.ctx.wb.settings.has(k)) throw hostError(ERROR_CODES.itemNotFound, `setting '${k}'`);
    return new SettingObj(this.ctx, k);
  }
  override method(name: string, args: unknown[]): HostObject | null {
    switch (name) {
      case 'GetItemOrNullObject': {
        const k = String(args[0]);
        return this.ctx.wb.settings.has(k) ? new SettingObj(this.ctx, k) : null;
      }
      case 'Add': {
        const k = args[0];
        if (typeof k !== 'string' || k === '') throw hostError(ERROR_CODES.invalidArgument, 'setting key');
        // Stored as JSON, as Excel keeps settings in the file.
        this.ctx.wb.settings.set(k, JSON.parse(JSON.stringify(args[1] ?? null)));
        return new SettingObj(this.ctx, k);
      }
      default:
        return super.method(name, args);
    }
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'GetCount') return this.ctx.wb.settings.size;
    return super.call(name, args);
  }
  override items(): HostObject[] {
    return [...this.ctx.wb.settings.keys()].map((k) => new SettingObj(this.ctx, k));
  }
}

export class SettingObj extends HostObject {
  readonly type = 'Setting';
  override readonly scalars = ['key', 'value'];
  constructor(
    ctx: HostContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  private alive(): void {
    if (!this.ctx.wb.settings.has(this.key)) throw hostError(ERROR_CODES.itemNotFound, `setting '${this.key}'`);
  }
  override identity(): Rec {
    return { _Id: this.key };
  }
  override get(name: string): unknown {
    this.alive();
    if (name === 'key') return this.key;
    if (name === 'value') return this.ctx.wb.settings.get(this.key);
    return super.get(name);
  }
  override set(name: string, value: unknown): void {
    this.alive();
    if (name === 'Value') {
      this.ctx.wb.settings.set(this.key, JSON.parse(JSON.stringify(value ?? null)));
      return;
    }
    return super.set(name, value);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'Delete') {
      this.alive();
      this.ctx.wb.settings.delete(this.key);
      return null;
    }
    return super.call(name, args);
  }
}

// ---------------------------------------------------------------------------------------
// Notes (ExcelApi 1.18)

export class NoteCollectionObj extends HostObject {
  readonly type = 'NoteCollection';
  constructor(
    ctx: HostContext,
    private readonly scope: FakeSheet | null,
  ) {
    super(ctx);
    if (ctx.wb.apiVersion < 18) throw hostError(ERROR_CODES.apiNotFound, 'notes need ExcelApi 1.18');
  }
  /** `Sheet!A1` for an address (a workbook-level one names its sheet; a sheet's own may not). */
  private keyOf(address: unknown, code: string): string {
    const p = typeof address === 'string' ? parseArea(address) : null;
    const wb = this.ctx.wb;
    const sheet = p?.sheet !== null && p?.sheet !== undefined ? wb.sheet(p.sheet) : this.scope ?? wb.sheet(wb.activeSheet);
    if (!p || !sheet || p.area.top !== p.area.bottom || p.area.left !== p.area.right || (this.scope && sheet !== this.scope)) {
      throw hostError(code, `cell address '${String(address)}'`);
    }
    return `${sheet.name}!${a1(p.area.top, p.area.left)}`;
  }
  private list(): string[] {
    const keys = [...this.ctx.wb.notes.keys()];
    return this.scope ? keys.filter((k) => k.slice(0, k.lastIndexOf('!')) === this.scope!.name) : keys;
  }
  override index(args: unknown[]): HostObject {
    const k = this.keyOf(args[0], ERROR_CODES.invalidArgument);
    if (!this.ctx.wb.notes.has(k)) throw hostError(ERROR_CODES.itemNotFound, `note at '${String(args[0])}'`);
    return new NoteObj(this.ctx, k);
  }
  override method(name: string, args: unknown[]): HostObject | null {
    const wb = this.ctx.wb;
    switch (name) {
      case 'GetItemOrNullObject': {
        const k = this.keyOf(args[0], ERROR_CODES.invalidArgument);
        return wb.notes.has(k) ? new NoteObj(this.ctx, k) : null;
      }
      case 'GetItemAt': {
        const k = this.list()[Number(args[0])];
        if (!k) throw hostError(ERROR_CODES.itemNotFound, `note #${String(args[0])}`);
        return new NoteObj(this.ctx, k);
      }
      case 'Add': {
        // Documented: an invalid address or a range that is not one cell is InvalidCellAddress.
        let k: string | null;
        if (args[0] instanceof RangeObj) {
          k = args[0].cellKey();
          if (!k) throw hostError('InvalidCellAddress', 'the range is not a single cell');
        } else k = this.keyOf(args[0], 'InvalidCellAddress');
        const sheet = wb.sheet(k.slice(0, k.lastIndexOf('!')))!;
        wb.assertWritable(sheet, 'NoteCollection.add');
        // Not documented: a cell holds one note; the fake refuses a second rather than guess.
        if (wb.notes.has(k)) throw hostError(ERROR_CODES.invalidArgument, `cell ${k} already has a note`);
        wb.notes.set(k, String(args[1] ?? ''));
        return new NoteObj(this.ctx, k);
      }
      default:
        return super.method(name, args);
    }
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'GetCount') return this.list().length;
    return super.call(name, args);
  }
  override items(): HostObject[] {
    return this.list().map((k) => new NoteObj(this.ctx, k));
  }
}

export class NoteObj extends HostObject {
  readonly type = 'Note';
  override readonly scalars = ['authorName', 'content', 'height', 'visible', 'width'];
  constructor(
    ctx: HostContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  private alive(): FakeSheet {
    if (!this.ctx.wb.notes.has(this.key)) throw hostError(ERROR_CODES.itemNotFound, `note at ${this.key}`);
    return this.ctx.wb.sheet(this.key.slice(0, this.key.lastIndexOf('!')))!;
  }
  override get(name: string): unknown {
    this.alive();
    switch (name) {
      case 'content':
        return this.ctx.wb.notes.get(this.key);
      case 'authorName':
        return '';
      case 'visible':
        return false;
      case 'height':
        return 59.25;
      case 'width':
        return 96;
      default:
        return super.get(name);
    }
  }
  override set(name: string, value: unknown): void {
    const sheet = this.alive();
    if (name === 'Content') {
      this.ctx.wb.assertWritable(sheet, 'Note.content');
      this.ctx.wb.notes.set(this.key, String(value ?? ''));
      return;
    }
    return super.set(name, value);
  }
  override method(name: string, args: unknown[]): HostObject | null {
    const sheet = this.alive();
    if (name === 'GetLocation') {
      const p = parseCell(this.key.slice(this.key.lastIndexOf('!') + 1))!;
      return new RangeObj(this.ctx, { sheet, area: { top: p.row, left: p.col, bottom: p.row, right: p.col } });
    }
    return super.method(name, args);
  }
  override call(name: string, args: unknown[]): unknown {
    if (name === 'Delete') {
      const sheet = this.alive();
      this.ctx.wb.assertWritable(sheet, 'Note.delete');
      this.ctx.wb.notes.delete(this.key);
      return null;
    }
    return super.call(name, args);
  }
}

export { wire as wireName };
