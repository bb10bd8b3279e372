/**
 * A fake WPS 表格 (ET) host: the part of WPS's JavaScript object model the add-in uses, with the
 * semantics the WPS 加载项 / ET API documentation gives it (and, where WPS says it follows it,
 * Excel's VBA object model). Node tests drive it directly; ./browser.ts installs it as
 * `window.wps` / `window.Application` for the end-to-end test and the preview.
 *
 * Modelled (each member is listed in src/wps/README.md with its source):
 *  - collections with `Count` and a 1-based `Item(i)` (or `Item(name)`), not callable;
 *  - `Range.Value2` of one cell a scalar (`undefined` when empty), of several cells a 0-based
 *    JS array of rows; `Value` a method (`Value()` reads, `Value(null, x)` writes);
 *    `Formula` a string / array of strings (a constant reads as its text, empty as '');
 *    `NumberFormat`, `Interior.Color`, `Interior.Pattern`, `MergeCells` of several cells
 *    `null` when the cells differ (VBA's Null);
 *  - merged cells: only the top-left holds the value; `MergeArea` of any cell of a merge is
 *    the whole area, of any other cell the cell itself;
 *  - `Interior.Color` BGR (`0xBBGGRR`); no fill reads Pattern xlNone (-4142), Color white;
 *  - `Worksheet.Visible` -1 / 0 / 2; the last visible sheet cannot be hidden;
 *  - `Address()` a method giving `$A$1`; `UsedRange` from the first used cell (A1 when blank);
 *  - protection: on a sheet with `ProtectContents`, writes, formats, merges, comments and
 *    row deletion throw; `Workbook.ReadOnly`;
 *  - `Application.Ready` false while a cell is being edited (and then every call that changes
 *    the workbook throws);
 *  - `Worksheet.Delete()` with `DisplayAlerts` on would ask the user: the fake refuses it so
 *    that a test catches a forgotten `DisplayAlerts = false`;
 *  - `Worksheet.Copy(Before, After)` returns nothing; the copy is named `名称 (2)` and
 *    becomes the active sheet;
 *  - a misspelt property reads as `undefined` (plain JavaScript objects);
 *  - `ApiEvent.AddApiEventListener('SheetChange', fn)` called for every change, the add-in's
 *    own included; `PluginStorage` shared by every page of the add-in;
 *  - `wps.CreateTaskPane(url)` / `GetTaskPane(id)` (`ID`, `Visible`, `DockPosition`).
 *
 * Every property read or method call counts as one call across the process boundary
 * (`app.calls`): the tests bound how many the adapter makes.
 */
import {
  FakeBook,
  FakeSheet,
  FakeWpsError,
  MAX_COLS,
  MAX_ROWS,
  XL_SHEET_HIDDEN,
  XL_SHEET_VERY_HIDDEN,
  XL_SHEET_VISIBLE,
  a1,
  areaA1,
  contains,
  intersects,
  parseArea,
  type Area,
  type FakeCell,
  type Scalar,
  type Visibility,
} from './model';

export const XL_NONE = -4142;
export const XL_SOLID = 1;
export const XL_SHIFT_UP = -4162;
const WHITE = 0xffffff;

export type Value2 = Scalar | undefined;

export interface ChangeEvent {
  readonly sheet: string;
  readonly address: string;
  /** 'api' for a change made through the object model, 'user' for a simulated edit. */
  readonly source: 'api' | 'user';
}

export interface FakeOptions {
  /** `Application.Version` (default '12.1.0.17827'). */
  readonly version?: string;
  readonly build?: number;
  /** Members this (older) WPS lacks, e.g. ['Range.AddComment']: they read as undefined. */
  readonly missing?: readonly string[];
}

/** The process behind the object model: counters, events, storage shared by the add-in's pages. */
export class FakeApp {
  calls = 0;
  /** Values written through the API, in order. */
  readonly writes: Array<{ sheet: string; cell: string; value: Value2 }> = [];
  screenUpdating = true;
  displayAlerts = true;
  enableEvents = true;
  /** A cell is being edited: Application.Ready is false. */
  editing = false;
  readonly books: FakeBook[] = [];
  activeBook: FakeBook | null = null;
  readonly storage = new Map<string, string>();
  readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  readonly changes: ChangeEvent[] = [];
  readonly panes: FakeTaskPane[] = [];
  /** Called when the add-in opens or shows a task pane (the browser build renders it). */
  onPane: ((pane: FakeTaskPane) => void) | null = null;
  readonly version: string;
  readonly build: number;
  readonly missing: ReadonlySet<string>;
  /** Every change listener (tests, the preview's redraw). */
  readonly watchers = new Set<() => void>();

  constructor(options: FakeOptions = {}) {
    this.version = options.version ?? '12.1.0.17827';
    this.build = options.build ?? 17827;
    this.missing = new Set(options.missing ?? []);
  }

  tick(): void {
    this.calls++;
  }

  book(): FakeBook {
    if (!this.activeBook) throw new FakeWpsError(91, '没有打开的工作簿');
    return this.activeBook;
  }

  changed(sheet: FakeSheet, area: Area, source: 'api' | 'user'): void {
    const address = areaA1(area);
    this.changes.push({ sheet: sheet.name, address, source });
    for (const fn of this.listeners.get('SheetChange') ?? []) {
      try {
        fn(new FakeWorksheet(this, this.book(), sheet), new FakeRange(this, this.book(), sheet, area));
      } catch {
        // a listener's failure is not the caller's
      }
    }
    for (const w of this.watchers) w();
  }

  /** Writes are refused while a cell is edited, on a protected sheet, and when alerts would show. */
  guardWrite(sheet: FakeSheet | null): void {
    if (this.editing) throw new FakeWpsError(1004, '正在编辑单元格，无法执行此操作');
    if (sheet?.protectContents) throw new FakeWpsError(1004, '您试图更改的单元格或图表位于受保护的工作表中');
  }

  resetCounters(): void {
    this.calls = 0;
    this.writes.length = 0;
    this.changes.length = 0;
  }
}

/** Counts every read of the listed properties and calls of the listed methods. */
function counted<T extends object>(app: FakeApp, target: T): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      if (typeof prop === 'string' && prop !== 'constructor' && !prop.startsWith('_') && prop in t) {
        const cls = (t as { constructor: { name: string } }).constructor.name.replace(/^Fake/, '');
        if (app.missing.has(`${cls}.${prop}`)) return undefined;
        app.tick();
      }
      return Reflect.get(t, prop, receiver);
    },
  });
}

export class FakeApplication {
  constructor(readonly _app: FakeApp) {
    return counted(_app, this);
  }
  get ActiveWorkbook(): FakeWorkbook | null {
    const b = this._app.activeBook;
    return b ? new FakeWorkbook(this._app, b) : null;
  }
  /** `Workbooks.Add()`: a new book 工作簿N with one sheet Sheet1, made active (as WPS does). */
  get Workbooks(): FakeCollection<FakeWorkbook> {
    const app = this._app;
    return new FakeCollection(
      app,
      () => app.books.map((b) => new FakeWorkbook(app, b)),
      (w) => w.Name,
      () => {
        let n = app.books.length + 1;
        while (app.books.some((b) => b.name === `工作簿${n}`)) n++;
        const b = new FakeBook(`工作簿${n}`);
        const s = new FakeSheet('Sheet1');
        b.sheets.push(s);
        b.activeSheet = s;
        app.books.push(b);
        app.activeBook = b;
        return new FakeWorkbook(app, b);
      },
    );
  }
  get ActiveSheet(): FakeWorksheet | null {
    const b = this._app.activeBook;
    return b?.activeSheet ? new FakeWorksheet(this._app, b, b.activeSheet) : null;
  }
  get ActiveWindow(): FakeWindow | null {
    const b = this._app.activeBook;
    return b ? new FakeWindow(this._app, b) : null;
  }
  get Worksheets(): FakeCollection<FakeWorksheet> {
    return new FakeWorkbook(this._app, this._app.book()).Worksheets;
  }
  get Sheets(): FakeCollection<FakeWorksheet> {
    return this.Worksheets;
  }
  get Selection(): FakeRange | null {
    const b = this._app.activeBook;
    return b?.activeSheet ? new FakeRange(this._app, b, b.activeSheet, b.selection) : null;
  }
  get ActiveCell(): FakeRange | null {
    const b = this._app.activeBook;
    return b?.activeSheet ? new FakeRange(this._app, b, b.activeSheet, { top: b.selection.top, left: b.selection.left, bottom: b.selection.top, right: b.selection.left }) : null;
  }
  Range(ref: string): FakeRange {
    const b = this._app.book();
    if (!b.activeSheet) throw new FakeWpsError(1004, '没有活动工作表');
    return new FakeRange(this._app, b, b.activeSheet, parseArea(ref));
  }
  get ScreenUpdating(): boolean {
    return this._app.screenUpdating;
  }
  set ScreenUpdating(v: boolean) {
    this._app.screenUpdating = !!v;
  }
  get DisplayAlerts(): boolean {
    return this._app.displayAlerts;
  }
  set DisplayAlerts(v: boolean) {
    this._app.displayAlerts = !!v;
  }
  get EnableEvents(): boolean {
    return this._app.enableEvents;
  }
  set EnableEvents(v: boolean) {
    this._app.enableEvents = !!v;
  }
  /** False while the user is editing a cell (VBA's Application.Ready). */
  get Ready(): boolean {
    return !this._app.editing;
  }
  get Version(): string {
    return this._app.version;
  }
  get Build(): number {
    return this._app.build;
  }
  get Name(): string {
    return 'WPS 表格';
  }
  get PluginStorage(): FakePluginStorage {
    return new FakePluginStorage(this._app);
  }
  get ApiEvent(): FakeApiEvent {
    return new FakeApiEvent(this._app);
  }
  CreateTaskPane(url: string, title?: string): FakeTaskPane {
    const pane = new FakeTaskPane(this._app, this._app.panes.length + 1, url, title ?? '');
    this._app.panes.push(pane);
    return pane;
  }
  GetTaskPane(id: number): FakeTaskPane {
    const pane = this._app.panes.find((p) => p.ID === Number(id));
    if (!pane) throw new FakeWpsError(1004, `找不到任务窗格 ${id}`);
    return pane;
  }
  /** Set by the add-in's OnAddinLoad, as the wpsjs template does. */
  ribbonUI: unknown = null;
  Enum: Record<string, number> | undefined = undefined;
}

export class FakeTaskPane {
  private visible = false;
  DockPosition = 2;
  Width = 360;
  constructor(
    private readonly app: FakeApp,
    readonly ID: number,
    public url: string,
    readonly title: string,
  ) {}
  get Visible(): boolean {
    return this.visible;
  }
  set Visible(v: boolean) {
    this.visible = !!v;
    if (this.visible) this.app.onPane?.(this);
  }
  Navigate(url: string): void {
    this.url = url;
    if (this.visible) this.app.onPane?.(this);
  }
  Delete(): void {
    const i = this.app.panes.indexOf(this);
    if (i >= 0) this.app.panes.splice(i, 1);
  }
}

export class FakePluginStorage {
  constructor(readonly _app: FakeApp) {
    return counted(_app, this);
  }
  setItem(key: string, value: string | number | boolean): void {
    this._app.storage.set(String(key), String(value));
  }
  /** Like localStorage: null for a missing key. */
  getItem(key: string): string | null {
    return this._app.storage.get(String(key)) ?? null;
  }
  removeItem(key: string): void {
    this._app.storage.delete(String(key));
  }
  clear(): void {
    this._app.storage.clear();
  }
  get length(): number {
    return this._app.storage.size;
  }
}

export class FakeApiEvent {
  constructor(readonly _app: FakeApp) {
    return counted(_app, this);
  }
  AddApiEventListener(name: string, fn: (...args: unknown[]) => void): void {
    let set = this._app.listeners.get(name);
    if (!set) this._app.listeners.set(name, (set = new Set()));
    set.add(fn);
  }
  RemoveApiEventListener(name: string, fn?: (...args: unknown[]) => void): void {
    if (fn) this._app.listeners.get(name)?.delete(fn);
    else this._app.listeners.delete(name);
  }
}

/** A COM-style collection: `Count`, `Item(1-based index | name)`; not callable, not an array. */
export class FakeCollection<T> {
  constructor(
    readonly _app: FakeApp,
    private readonly _items: () => T[],
    private readonly _name: (t: T) => string,
    private readonly _add?: (before?: unknown, after?: unknown) => T,
  ) {
    return counted(_app, this);
  }
  get Count(): number {
    return this._items().length;
  }
  Item(index: number | string): T {
    const items = this._items();
    if (typeof index === 'number') {
      if (!Number.isInteger(index) || index < 1 || index > items.length) throw new FakeWpsError(9, `下标越界：${index}`);
      return items[index - 1];
    }
    const lower = String(index).toLowerCase();
    const found = items.find((t) => this._name(t).toLowerCase() === lower);
    if (!found) throw new FakeWpsError(9, `下标越界：${index}`);
    return found;
  }
  Add(before?: unknown, after?: unknown): T {
    if (!this._add) throw new FakeWpsError(438, '对象不支持该属性或方法');
    return this._add(before, after);
  }
}

export class FakeWorkbook {
  constructor(
    readonly _app: FakeApp,
    readonly _book: FakeBook,
  ) {
    return counted(_app, this);
  }
  get Name(): string {
    return this._book.name;
  }
  get FullName(): string {
    return this._book.name;
  }
  get ReadOnly(): boolean {
    return this._book.readOnly;
  }
  get Worksheets(): FakeCollection<FakeWorksheet> {
    const app = this._app;
    const book = this._book;
    return new FakeCollection(
      app,
      () => book.sheets.map((s) => new FakeWorksheet(app, book, s)),
      (w) => w._sheet.name,
      (before, after) => {
        app.guardWrite(null);
        let n = book.sheets.length + 1;
        while (book.sheet(`Sheet${n}`)) n++;
        const s = new FakeSheet(`Sheet${n}`);
        insertSheet(book, s, before, after);
        book.activeSheet = s;
        return new FakeWorksheet(app, book, s);
      },
    );
  }
  get Sheets(): FakeCollection<FakeWorksheet> {
    return this.Worksheets;
  }
  get ActiveSheet(): FakeWorksheet | null {
    return this._book.activeSheet ? new FakeWorksheet(this._app, this._book, this._book.activeSheet) : null;
  }
  get CustomDocumentProperties(): FakeCollection<FakeDocumentProperty> {
    const app = this._app;
    const book = this._book;
    const coll = new FakeCollection(
      app,
      () => [...book.customProperties.keys()].map((k) => new FakeDocumentProperty(app, book, k)),
      (p) => p._key,
    );
    // DocumentProperties.Add(Name, LinkToContent, Type, Value)
    (coll as unknown as { Add: unknown }).Add = (name: string, _link: boolean, _type: number, value: Scalar) => {
      app.tick();
      if (book.customProperties.has(name)) throw new FakeWpsError(-2147467259, `属性已存在：${name}`);
      book.customProperties.set(name, value);
      return new FakeDocumentProperty(app, book, name);
    };
    return coll;
  }
}

export class FakeDocumentProperty {
  constructor(
    readonly _app: FakeApp,
    readonly _book: FakeBook,
    readonly _key: string,
  ) {
    return counted(_app, this);
  }
  get Name(): string {
    return this._key;
  }
  get Value(): Scalar {
    return this._book.customProperties.get(this._key) ?? '';
  }
  set Value(v: Scalar) {
    this._book.customProperties.set(this._key, v);
  }
  Delete(): void {
    this._book.customProperties.delete(this._key);
  }
}

function insertSheet(book: FakeBook, s: FakeSheet, before?: unknown, after?: unknown): void {
  const target = (before ?? after) as FakeWorksheet | undefined;
  if (target instanceof Object && '_sheet' in target) {
    const i = book.sheets.indexOf((target as FakeWorksheet)._sheet);
    book.sheets.splice(before ? i : i + 1, 0, s);
  } else book.sheets.push(s);
}

export class FakeWorksheet {
  constructor(
    readonly _app: FakeApp,
    readonly _book: FakeBook,
    readonly _sheet: FakeSheet,
  ) {
    return counted(_app, this);
  }
  private _alive(): FakeSheet {
    if (!this._book.sheets.includes(this._sheet)) throw new FakeWpsError(-2147221080, '对象已被删除');
    return this._sheet;
  }
  get Name(): string {
    return this._alive().name;
  }
  set Name(name: string) {
    const s = this._alive();
    this._app.guardWrite(null);
    if (!name || name.length > 31 || /[\\/?*[\]:]/.test(name)) throw new FakeWpsError(1004, `工作表名称无效：${name}`);
    const other = this._book.sheet(name);
    if (other && other !== s) throw new FakeWpsError(1004, `工作表名称已被占用：${name}`);
    s.name = name;
  }
  get Index(): number {
    return this._book.sheets.indexOf(this._alive()) + 1;
  }
  get Visible(): Visibility {
    return this._alive().visible;
  }
  set Visible(input: Visibility) {
    const s = this._alive();
    const v = input as unknown;
    const value = v === true || v === XL_SHEET_VISIBLE || v === 1 ? XL_SHEET_VISIBLE : v === false ? XL_SHEET_HIDDEN : v;
    if (value !== XL_SHEET_VISIBLE && value !== XL_SHEET_HIDDEN && value !== XL_SHEET_VERY_HIDDEN) throw new FakeWpsError(1004, `Visible 取值无效：${v}`);
    if (value !== XL_SHEET_VISIBLE && s.visible === XL_SHEET_VISIBLE && this._book.sheets.filter((x) => x.visible === XL_SHEET_VISIBLE).length === 1) {
      throw new FakeWpsError(1004, '工作簿中至少要有一张可见的工作表');
    }
    s.visible = value as Visibility;
    if (value !== XL_SHEET_VISIBLE && this._book.activeSheet === s) {
      this._book.activeSheet = this._book.sheets.find((x) => x.visible === XL_SHEET_VISIBLE) ?? null;
    }
  }
  get ProtectContents(): boolean {
    return this._alive().protectContents;
  }
  Protect(): void {
    this._alive().protectContents = true;
  }
  Unprotect(): void {
    this._alive().protectContents = false;
  }
  get UsedRange(): FakeRange {
    return new FakeRange(this._app, this._book, this._alive(), this._alive().usedArea());
  }
  Range(ref: string): FakeRange {
    return new FakeRange(this._app, this._book, this._alive(), parseArea(ref));
  }
  get Cells(): FakeRange {
    return new FakeRange(this._app, this._book, this._alive(), { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS });
  }
  get Rows(): FakeLines {
    return this.Cells.Rows;
  }
  get Comments(): FakeCollection<FakeComment> {
    const s = this._alive();
    return new FakeCollection(
      this._app,
      () =>
        [...s.comments.keys()]
          .map((k) => k.split(',').map(Number))
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([r, c]) => new FakeComment(this._app, this._book, s, r, c)),
      (c) => c._address,
    );
  }
  get PageSetup(): FakePageSetup {
    return new FakePageSetup(this._app, this._alive());
  }
  Activate(): void {
    const s = this._alive();
    if (s.visible !== XL_SHEET_VISIBLE) throw new FakeWpsError(1004, '无法激活隐藏的工作表');
    if (this._book.activeSheet !== s) this._book.selection = { top: 1, left: 1, bottom: 1, right: 1 };
    this._book.activeSheet = s;
    for (const w of this._app.watchers) w();
  }
  Select(): void {
    this.Activate();
  }
  /** Copies the sheet before/after another one (default: a new workbook, not modelled). Returns nothing. */
  Copy(Before?: FakeWorksheet, After?: FakeWorksheet): void {
    const s = this._alive();
    this._app.guardWrite(null);
    if (!Before && !After) throw new FakeWpsError(1004, '复制到新工作簿不受支持（测试替身）');
    const base = s.name.replace(/ \(\d+\)$/, '');
    let n = 2;
    while (this._book.sheet(`${base} (${n})`)) n++;
    const copy = s.clone(`${base} (${n})`.slice(0, 31));
    insertSheet(this._book, copy, Before, After);
    this._book.activeSheet = copy;
  }
  Move(Before?: FakeWorksheet, After?: FakeWorksheet): void {
    const s = this._alive();
    this._app.guardWrite(null);
    const i = this._book.sheets.indexOf(s);
    this._book.sheets.splice(i, 1);
    insertSheet(this._book, s, Before, After);
  }
  Delete(): void {
    const s = this._alive();
    this._app.guardWrite(null);
    if (this._app.displayAlerts) throw new FakeWpsError(1004, '删除工作表会弹出确认对话框：请先设置 Application.DisplayAlerts = false（测试替身）');
    if (this._book.sheets.length === 1) throw new FakeWpsError(1004, '工作簿中至少要有一张工作表');
    if (s.visible === XL_SHEET_VISIBLE && this._book.sheets.filter((x) => x.visible === XL_SHEET_VISIBLE).length === 1) {
      throw new FakeWpsError(1004, '工作簿中至少要有一张可见的工作表');
    }
    this._book.sheets.splice(this._book.sheets.indexOf(s), 1);
    if (this._book.activeSheet === s) this._book.activeSheet = this._book.sheets.find((x) => x.visible === XL_SHEET_VISIBLE) ?? null;
  }
  get Parent(): FakeWorkbook {
    return new FakeWorkbook(this._app, this._book);
  }
}

export class FakeComment {
  constructor(
    readonly _app: FakeApp,
    readonly _book: FakeBook,
    readonly _sheet: FakeSheet,
    readonly _row: number,
    readonly _col: number,
  ) {
    return counted(_app, this);
  }
  get _address(): string {
    return a1(this._row, this._col);
  }
  /** A method: `Text()` reads, `Text(s)` replaces. */
  Text(text?: string): string {
    if (text !== undefined) {
      this._app.guardWrite(this._sheet);
      this._sheet.setComment(this._row, this._col, String(text));
    }
    return this._sheet.comment(this._row, this._col) ?? '';
  }
  Delete(): void {
    this._app.guardWrite(this._sheet);
    this._sheet.setComment(this._row, this._col, undefined);
  }
  get Parent(): FakeRange {
    return new FakeRange(this._app, this._book, this._sheet, { top: this._row, left: this._col, bottom: this._row, right: this._col });
  }
  get Author(): string {
    return '';
  }
}

/** `FormatConditions.Add(Type, Operator, Formula1)`: xlCellValue (1) needs an operator; xlExpression (2) none (V). */
export class FakeFormatConditions {
  constructor(
    readonly _app: FakeApp,
    readonly _range: FakeRange,
  ) {
    return counted(_app, this);
  }
  get Count(): number {
    const ref = areaA1(this._range._area);
    return this._range._sheet.layout.formatConditions.filter((c) => c.startsWith(`${ref} `)).length;
  }
  Add(type: number, operator?: number, formula1?: string): FakeFormatCondition {
    this._app.guardWrite(this._range._sheet);
    if (type !== 1 && type !== 2) throw new FakeWpsError(5, `FormatConditions.Add 类型无效：${type}`);
    if (type === 1 && (operator === undefined || operator < 1 || operator > 8)) throw new FakeWpsError(5, 'xlCellValue 需要运算符');
    if (typeof formula1 !== 'string' || !formula1.startsWith('=')) throw new FakeWpsError(5, `Formula1 无效：${formula1}`);
    const list = this._range._sheet.layout.formatConditions;
    const index = list.length;
    list.push(`${areaA1(this._range._area)} ${type} ${operator ?? '-'} ${formula1}`);
    return new FakeFormatCondition(this._app, list, index);
  }
}

export class FakeFormatCondition {
  private readonly base: string;
  private fill = '-';
  private font = '-';
  constructor(
    readonly _app: FakeApp,
    private readonly list: string[],
    private readonly index: number,
  ) {
    this.base = list[index];
    return counted(_app, this);
  }
  private colour(which: 'fill' | 'font'): { Color: number } {
    const get = (): number => Number(this[which]);
    const set = (v: number): void => {
      this[which] = String(Number(v) & 0xffffff);
      this.list[this.index] = `${this.base} ${this.fill} ${this.font}`;
    };
    return Object.defineProperty({} as { Color: number }, 'Color', { get, set, enumerable: true });
  }
  get Interior(): { Color: number } {
    return this.colour('fill');
  }
  get Font(): { Color: number } {
    return this.colour('font');
  }
}

/** `Worksheet.PageSetup`: the members the add-in sets, recorded; Zoom false means fit to pages (V). */
export class FakePageSetup {
  constructor(
    readonly _app: FakeApp,
    readonly _sheet: FakeSheet,
  ) {
    return new Proxy(this, {
      set: (t, prop, value) => {
        if (typeof prop === 'string' && !prop.startsWith('_')) {
          const known = ['Orientation', 'PaperSize', 'Zoom', 'FitToPagesWide', 'FitToPagesTall', 'PrintTitleRows'];
          if (!known.includes(prop)) throw new FakeWpsError(438, `对象不支持该属性或方法：PageSetup.${prop}（测试替身）`);
          if (prop === 'Orientation' && value !== 1 && value !== 2) throw new FakeWpsError(1004, `Orientation 取值无效：${value}`);
          if (prop === 'Zoom' && value !== false && !(typeof value === 'number' && value >= 10 && value <= 400)) throw new FakeWpsError(1004, `Zoom 取值无效：${value}`);
          t._app.guardWrite(t._sheet);
          t._sheet.layout.pageSetup[prop] = value;
          return true;
        }
        return Reflect.set(t, prop, value);
      },
      get: (t, prop) => (typeof prop === 'string' && !prop.startsWith('_') && prop in t._sheet.layout.pageSetup ? t._sheet.layout.pageSetup[prop] : Reflect.get(t, prop)),
    });
  }
}

/** `Application.ActiveWindow`: freezing panes at `SplitRow` of the active sheet (V `Window.FreezePanes`). */
export class FakeWindow {
  private split = 0;
  SplitColumn = 0;
  constructor(
    readonly _app: FakeApp,
    readonly _book: FakeBook,
  ) {}
  get SplitRow(): number {
    return this.split;
  }
  set SplitRow(n: number) {
    this.split = Number(n);
    if (this._book.activeSheet && this._book.activeSheet.layout.frozenRows) this._book.activeSheet.layout.frozenRows = this.split;
  }
  get FreezePanes(): boolean {
    return !!this._book.activeSheet?.layout.frozenRows;
  }
  set FreezePanes(on: boolean) {
    const s = this._book.activeSheet;
    if (!s) throw new FakeWpsError(91, '没有活动工作表');
    s.layout.frozenRows = on ? this.split : 0;
  }
}

export class FakeFont {
  constructor(
    readonly _app: FakeApp,
    readonly _range: FakeRange,
  ) {
    return counted(_app, this);
  }
  get Bold(): boolean | null {
    return this._range._uniform((c) => !!c?.bold);
  }
  set Bold(b: boolean) {
    this._range._write((s, r, c) => (b ? s.update(r, c, { bold: true }) : s.update(r, c, {}, ['bold'])));
  }
  get Color(): number | null {
    return null; // font colours of cells are not modelled
  }
  set Color(_c: number) {
    throw new FakeWpsError(438, 'Range.Font.Color 未建模（测试替身）');
  }
}

export class FakeInterior {
  constructor(
    readonly _app: FakeApp,
    readonly _range: FakeRange,
  ) {
    return counted(_app, this);
  }
  /** BGR integer; white for no fill; null when the cells differ. */
  get Color(): number | null {
    return this._range._uniform((c) => c?.fill ?? WHITE);
  }
  set Color(bgr: number) {
    this._range._write((s, r, c) => s.update(r, c, { fill: Number(bgr) & 0xffffff }));
  }
  /** xlSolid (1) with a fill, xlNone (-4142) without; null when the cells differ. */
  get Pattern(): number | null {
    return this._range._uniform((c) => (c?.fill === undefined ? XL_NONE : XL_SOLID));
  }
  set Pattern(p: number) {
    if (Number(p) === XL_NONE) this._range._write((s, r, c) => s.update(r, c, {}, ['fill']));
    else this._range._write((s, r, c) => s.update(r, c, { fill: s.get(r, c)?.fill ?? WHITE }));
  }
  get ColorIndex(): number | null {
    return this._range._uniform((c) => (c?.fill === undefined ? XL_NONE : 0));
  }
  set ColorIndex(i: number) {
    if (Number(i) === XL_NONE) this._range._write((s, r, c) => s.update(r, c, {}, ['fill']));
    else throw new FakeWpsError(1004, 'ColorIndex 仅支持 xlNone（测试替身）');
  }
}

/** Rows or Columns of a range: `Count` and 1-based `Item(i)`. */
export class FakeLines {
  constructor(
    readonly _app: FakeApp,
    readonly _range: FakeRange,
    readonly _rows: boolean,
  ) {
    return counted(_app, this);
  }
  get Count(): number {
    const a = this._range._area;
    return this._rows ? a.bottom - a.top + 1 : a.right - a.left + 1;
  }
  Item(i: number): FakeRange {
    const a = this._range._area;
    const n = this.Count;
    if (!Number.isInteger(i) || i < 1 || i > n) throw new FakeWpsError(9, `下标越界：${i}`);
    const area = this._rows ? { ...a, top: a.top + i - 1, bottom: a.top + i - 1 } : { ...a, left: a.left + i - 1, right: a.left + i - 1 };
    return new FakeRange(this._app, this._range._book, this._range._sheet, area);
  }
}

export class FakeRange {
  constructor(
    readonly _app: FakeApp,
    readonly _book: FakeBook,
    readonly _sheet: FakeSheet,
    readonly _area: Area,
  ) {
    return counted(_app, this);
  }

  /** The cells of the area (refused past a million, as a guard against whole-sheet loops). */
  _each(fn: (r: number, c: number) => void): void {
    const a = this._area;
    if ((a.bottom - a.top + 1) * (a.right - a.left + 1) > 4_000_000) throw new FakeWpsError(7, '内存不足（测试替身：区域过大）');
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) fn(r, c);
  }

  /** A property over the cells: its value when all agree, else null (VBA's Null). */
  _uniform<T>(get: (c: FakeCell | undefined, r: number, col: number) => T): T | null {
    let first: T | undefined;
    let same = true;
    let seen = false;
    const a = this._area;
    // Cells never written are alike: look at the stored ones and one blank if any exist.
    const total = (a.bottom - a.top + 1) * (a.right - a.left + 1);
    let stored = 0;
    const look = (cell: FakeCell, r: number, c: number): void => {
      stored++;
      const v = get(cell, r, c);
      if (!seen) {
        first = v;
        seen = true;
      } else if (v !== first) same = false;
    };
    if (total < this._sheet.cells.size) {
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) {
          const cell = this._sheet.get(r, c);
          if (cell) look(cell, r, c);
        }
    } else {
      for (const [k, cell] of this._sheet.cells) {
        const [r, c] = k.split(',').map(Number);
        if (r >= a.top && r <= a.bottom && c >= a.left && c <= a.right) look(cell, r, c);
      }
    }
    if (stored < total) {
      const v = get(undefined, 0, 0);
      if (!seen) first = v;
      else if (v !== first) same = false;
    }
    return same ? (first as T) : null;
  }

  /** A change to every cell (guarded), then the change event. */
  _write(fn: (s: FakeSheet, r: number, c: number) => void): void {
    this._app.guardWrite(this._sheet);
    this._each((r, c) => fn(this._sheet, r, c));
    this._app.changed(this._sheet, this._area, 'api');
  }

  private _single(): boolean {
    const a = this._area;
    return a.top === a.bottom && a.left === a.right;
  }

  /** The value a merged cell other than the top-left shows: none (only the top-left holds it). */
  private _value2At(r: number, c: number): Value2 {
    const cell = this._sheet.get(r, c);
    if (!cell || cell.v === '') return undefined;
    return cell.v;
  }

  get Value2(): Value2 | Value2[][] {
    if (this._single()) return this._value2At(this._area.top, this._area.left);
    const rows: Value2[][] = [];
    const a = this._area;
    if ((a.bottom - a.top + 1) * (a.right - a.left + 1) > 4_000_000) throw new FakeWpsError(7, '内存不足（测试替身：区域过大）');
    for (let r = a.top; r <= a.bottom; r++) {
      const row: Value2[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(this._value2At(r, c));
      rows.push(row);
    }
    return rows;
  }

  set Value2(v: Value2 | Value2[][]) {
    this._setValues(v);
  }

  /** `Value()` reads (dates too come back as serial numbers here: the adapter uses Value2); `Value(type, x)` writes. */
  Value(_type?: number | null, rhs?: Value2 | Value2[][]): Value2 | Value2[][] | undefined {
    if (arguments.length >= 2) {
      this._setValues(rhs);
      return undefined;
    }
    return this.Value2;
  }

  private _setValues(v: Value2 | Value2[][]): void {
    const a = this._area;
    const at = (r: number, c: number): Value2 => (Array.isArray(v) ? (v[r - a.top]?.[c - a.left] as Value2) : v);
    this._write((s, r, c) => {
      const raw = at(r, c);
      const merge = s.mergeAt(r, c);
      if (merge && (merge.top !== r || merge.left !== c)) return; // covered cells hold nothing
      const { value, formula, nf } = typed(raw);
      const keepNf = nf !== undefined && (s.get(r, c)?.nf ?? 'General') === 'General' ? { nf } : {};
      s.update(r, c, { v: value, ...(formula !== undefined ? { f: formula } : {}), ...keepNf }, formula === undefined ? ['f', 'error'] : ['error']);
      this._app.writes.push({ sheet: s.name, cell: a1(r, c), value: raw });
    });
  }

  get Formula(): string | string[][] {
    const at = (r: number, c: number): string => {
      const cell = this._sheet.get(r, c);
      if (!cell) return '';
      if (cell.f !== undefined) return cell.f;
      return cell.v === '' ? '' : typeof cell.v === 'boolean' ? (cell.v ? 'TRUE' : 'FALSE') : String(cell.v);
    };
    if (this._single()) return at(this._area.top, this._area.left);
    const a = this._area;
    const rows: string[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: string[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(at(r, c));
      rows.push(row);
    }
    return rows;
  }

  set Formula(v: string | string[][]) {
    this._setValues(v as Value2 | Value2[][]);
  }

  get HasFormula(): boolean | null {
    return this._uniform((c) => c?.f !== undefined);
  }

  get NumberFormat(): string | null {
    return this._uniform((c) => c?.nf ?? 'General');
  }

  set NumberFormat(nf: string) {
    const value = String(nf);
    this._write((s, r, c) => (value === 'General' ? s.update(r, c, {}, ['nf']) : s.update(r, c, { nf: value })));
  }

  get Text(): string | null {
    return this._uniform((c) => (c ? String(c.v) : ''));
  }

  get Interior(): FakeInterior {
    return new FakeInterior(this._app, this);
  }

  get Font(): FakeFont {
    return new FakeFont(this._app, this);
  }

  /** `AutoFilter()` without arguments: filter arrows on the range (one filter per sheet, V). */
  AutoFilter(...args: unknown[]): boolean {
    if (args.length) throw new FakeWpsError(1004, 'AutoFilter 仅支持无参数调用（测试替身）');
    this._app.guardWrite(this._sheet);
    this._sheet.layout.autoFilter = this._sheet.layout.autoFilter ? null : areaA1(this._area);
    return true;
  }

  get FormatConditions(): FakeFormatConditions {
    return new FakeFormatConditions(this._app, this);
  }

  /** The columns' width (characters); null when they differ. Setting: 0–255, as Excel documents. */
  get ColumnWidth(): number | null {
    const a = this._area;
    const ws = new Set<number>();
    for (let c = a.left; c <= a.right; c++) ws.add(this._sheet.columnWidths.get(c) ?? 8.43);
    return ws.size === 1 ? [...ws][0] : null;
  }
  set ColumnWidth(w: number) {
    const n = Number(w);
    if (!Number.isFinite(n) || n < 0 || n > 255) throw new FakeWpsError(1004, `ColumnWidth 取值无效：${w}`);
    this._app.guardWrite(this._sheet);
    for (let c = this._area.left; c <= this._area.right; c++) this._sheet.columnWidths.set(c, n);
  }

  get MergeCells(): boolean | null {
    let any = false;
    let all = true;
    this._each((r, c) => {
      if (this._sheet.mergeAt(r, c)) any = true;
      else all = false;
    });
    return all ? true : any ? null : false;
  }

  /** The merged area containing this (single) cell, or the cell itself. */
  get MergeArea(): FakeRange {
    const a = this._area;
    const m = this._sheet.mergeAt(a.top, a.left);
    return new FakeRange(this._app, this._book, this._sheet, m ? { ...m } : { top: a.top, left: a.left, bottom: a.top, right: a.left });
  }

  Merge(): void {
    this._app.guardWrite(this._sheet);
    const a = this._area;
    if (this._single()) return;
    if (this._sheet.merges.some((m) => intersects(m, a) && !contains(a, m))) throw new FakeWpsError(1004, '无法对合并单元格执行此操作');
    // Only the top-left value is kept (WPS asks first; with DisplayAlerts off it keeps the top-left).
    this._sheet.merges = this._sheet.merges.filter((m) => !contains(a, m));
    this._each((r, c) => {
      if (r === a.top && c === a.left) return;
      const cell = this._sheet.get(r, c);
      if (cell && cell.v !== '') this._sheet.update(r, c, { v: '' }, ['f', 'error']);
    });
    this._sheet.merges.push({ ...a });
    this._app.changed(this._sheet, a, 'api');
  }

  UnMerge(): void {
    this._app.guardWrite(this._sheet);
    const a = this._area;
    this._sheet.merges = this._sheet.merges.filter((m) => !intersects(m, a));
    this._app.changed(this._sheet, a, 'api');
  }

  /** `$A$1` / `$A$1:$C$3` (absolute unless asked otherwise). */
  Address(rowAbsolute = true, columnAbsolute = true): string {
    const cell = (r: number, c: number): string => {
      const col = a1(1, c).replace(/\d+$/, '');
      return `${columnAbsolute ? '$' : ''}${col}${rowAbsolute ? '$' : ''}${r}`;
    };
    const a = this._area;
    return this._single() ? cell(a.top, a.left) : `${cell(a.top, a.left)}:${cell(a.bottom, a.right)}`;
  }

  get Row(): number {
    return this._area.top;
  }
  get Column(): number {
    return this._area.left;
  }
  get Count(): number {
    const a = this._area;
    return (a.bottom - a.top + 1) * (a.right - a.left + 1);
  }
  get Rows(): FakeLines {
    return new FakeLines(this._app, this, true);
  }
  get Columns(): FakeLines {
    return new FakeLines(this._app, this, false);
  }
  get Cells(): FakeRange {
    return this;
  }
  /** `Item(row, col)`, 1-based relative to the range's top-left. */
  Item(row: number, col = 1): FakeRange {
    const a = this._area;
    const r = a.top + row - 1;
    const c = a.left + col - 1;
    if (r < 1 || c < 1 || r > MAX_ROWS || c > MAX_COLS) throw new FakeWpsError(1004, '引用无效');
    return new FakeRange(this._app, this._book, this._sheet, { top: r, left: c, bottom: r, right: c });
  }
  Resize(rows: number, cols: number): FakeRange {
    const a = this._area;
    return new FakeRange(this._app, this._book, this._sheet, { top: a.top, left: a.left, bottom: a.top + rows - 1, right: a.left + cols - 1 });
  }
  get EntireRow(): FakeRange {
    return new FakeRange(this._app, this._book, this._sheet, { top: this._area.top, bottom: this._area.bottom, left: 1, right: MAX_COLS });
  }
  get Worksheet(): FakeWorksheet {
    return new FakeWorksheet(this._app, this._book, this._sheet);
  }

  Select(): void {
    if (this._book.activeSheet !== this._sheet) throw new FakeWpsError(1004, 'Range 类的 Select 方法无效：工作表未激活');
    this._book.selection = { ...this._area };
    for (const w of this._app.watchers) w();
  }
  Activate(): void {
    this.Select();
  }

  /** Whole rows only (what the add-in deletes): shifts up. */
  Delete(shift?: number): void {
    this._app.guardWrite(this._sheet);
    const a = this._area;
    if (a.left !== 1 || a.right !== MAX_COLS) throw new FakeWpsError(1004, `只支持删除整行（测试替身），shift=${shift}`);
    this._sheet.deleteRows(a.top, a.bottom);
    this._app.changed(this._sheet, a, 'api');
  }

  /** The comment (批注) of the range's first cell, or null. */
  get Comment(): FakeComment | null {
    const a = this._area;
    return this._sheet.comment(a.top, a.left) === undefined ? null : new FakeComment(this._app, this._book, this._sheet, a.top, a.left);
  }
  /** Adds a comment; fails when the cell already has one (as in Excel). */
  AddComment(text?: string): FakeComment {
    this._app.guardWrite(this._sheet);
    const a = this._area;
    if (this._sheet.comment(a.top, a.left) !== undefined) throw new FakeWpsError(1004, '该单元格已有批注');
    this._sheet.setComment(a.top, a.left, text ?? '');
    this._app.changed(this._sheet, { top: a.top, left: a.left, bottom: a.top, right: a.left }, 'api');
    return new FakeComment(this._app, this._book, this._sheet, a.top, a.left);
  }
  ClearComments(): void {
    this._app.guardWrite(this._sheet);
    this._each((r, c) => this._sheet.setComment(r, c, undefined));
  }
  get RowHeight(): number | null {
    const a = this._area;
    const hs = new Set<number>();
    for (let r = a.top; r <= Math.min(a.bottom, a.top + 10000); r++) hs.add(this._sheet.rowHeights.get(r) ?? 13.5);
    return hs.size === 1 ? [...hs][0] : null;
  }
  set RowHeight(h: number) {
    this._app.guardWrite(this._sheet);
    const a = this._area;
    for (let r = a.top; r <= a.bottom; r++) this._sheet.rowHeights.set(r, Number(h));
  }
}

/**
 * What a written raw value becomes, as when typed: `=…` a formula (value left for
 * recalculation), `'…` text without the apostrophe, a numeric string a number, `12%` a number
 * with a percentage format (on a General cell), TRUE/FALSE a boolean. (Dates typed as text
 * are parsed too by WPS; the fake leaves them text.)
 */
function typed(raw: Value2): { value: Scalar; formula?: string; nf?: string } {
  if (raw === undefined || raw === null) return { value: '' };
  if (typeof raw === 'string') {
    if (raw.startsWith("'")) return { value: raw.slice(1) };
    if (raw.startsWith('=') && raw.length > 1) return { value: '', formula: raw };
    const t = raw.trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return { value: Number(t) };
    const pct = /^([-+]?(\d+\.?\d*|\.\d+))%$/.exec(t);
    if (pct) {
      const decimals = pct[1].split('.')[1]?.length ?? 0;
      return { value: Number(pct[1]) / 100, nf: decimals ? `0.${'0'.repeat(decimals)}%` : '0%' };
    }
    if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
    return { value: raw };
  }
  if (typeof raw === 'number' || typeof raw === 'boolean') return { value: raw };
  throw new FakeWpsError(13, `类型不匹配：${String(raw)}`);
}

/** The handle a test holds: the state plus the globals a page sees. */
export interface FakeWps {
  readonly app: FakeApp;
  /** `window.Application` / `window.wps` as a WPS page sees them. */
  readonly Application: FakeApplication;
  readonly book: FakeBook;
  /** A user typing into a cell (fires SheetChange). */
  userEdit(sheet: string, address: string, value: Scalar): void;
  /** The user starts or ends editing a cell (Application.Ready false while on). */
  setCellEditMode(on: boolean): void;
}

export function createFakeWps(book: FakeBook, options: FakeOptions = {}): FakeWps {
  const app = new FakeApp(options);
  app.books.push(book);
  app.activeBook = book;
  if (!book.activeSheet) book.activeSheet = book.sheets.find((s) => s.visible === XL_SHEET_VISIBLE) ?? book.sheets[0] ?? null;
  const Application = new FakeApplication(app);
  return {
    app,
    Application,
    book,
    userEdit(sheet, address, value) {
      const s = book.sheet(sheet);
      if (!s) throw new Error(`no sheet ${sheet}`);
      const area = parseArea(address);
      s.update(area.top, area.left, { v: value }, ['f', 'error']);
      app.changed(s, area, 'user');
    },
    setCellEditMode(on) {
      app.editing = on;
    },
  };
}
