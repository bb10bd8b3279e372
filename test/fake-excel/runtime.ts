/**
 * Microsoft's Office.js client (the `OfficeExtension` runtime and the `Excel` namespace: proxies,
 * `load`, `sync`, `*OrNullObject`, `PropertyNotLoaded`, request building, requirement-set checks)
 * exactly as `@microsoft/office-js` publishes it, run without Excel. Browser-safe: the text of the
 * runtime file is handed in (Node: ./runtime-node.ts reads it; the browser build bundles it).
 *
 * What is taken from the file: everything from the `OfficeExtension` runtime to the end of the
 * `Excel` namespace (`_EndExcel`), the part identical in excel-web-16.00 and excel-win32-16.01.
 * What is left out: the OSF host layer before it (Office.initialize, the host handshake) and the
 * OfficeRuntime bundle after it. The host is ours: `OSF.DDA.RichApi.executeRichApiRequestAsync`
 * (every batch) and `OSF.DDA.RichApi.richApiMessageManager` (events), see ./executor.ts, and the
 * host's `Office.context` (requirement sets, platform), see ./fake.ts.
 */

/** Which runtime file: Excel on the web's (the add-in's strictest host). */
export const RUNTIME_FILE = '@microsoft/office-js/dist/excel-web-16.00.debug.js';

/** What the runtime reads from its `window` (ours: the host side of Office). */
export interface RuntimeWindow {
  Office: unknown;
  OSF: RuntimeOsf;
  [key: string]: unknown;
}

/** The host seam the client calls (OSF's RichApi). */
export interface RuntimeOsf {
  DDA: {
    RichApi: {
      executeRichApiRequestAsync(message: unknown[], callback: (result: HostResult) => void): void;
      richApiMessageManager: {
        register(handler: (args: unknown) => void): Promise<void>;
        removeHandlerAsync(type: string, options: { handler: unknown }, callback?: (r: { status: string }) => void): void;
      };
    };
  };
  _OfficeAppFactory: { getHostInfo(): { hostPlatform: string; hostType: string } };
}

/** What `executeRichApiRequestAsync`'s callback takes (OSF's AsyncResult shape). */
export type HostResult =
  | { status: 'succeeded'; value: { data: [number, string[], string] } }
  | { status: 'failed'; error: { code: number; message: string } };

/** The client: the runtime's own namespaces. */
export interface Runtime {
  readonly Excel: typeof Excel;
  readonly OfficeExtension: typeof OfficeExtension;
  /**
   * The ExcelApi minor version of every member above 1.1, as the runtime's own metadata gives it
   * (its `_throwIfApiNotSupported("Range.getMergedAreasOrNullObject", …, "1.13", …)` calls), by
   * `Type.member`. The host answers ApiNotFound for a member above the version it supports.
   */
  readonly apiVersions: ReadonlyMap<string, number>;
}

type Factory = (this: RuntimeWindow, window: RuntimeWindow, OSF: RuntimeOsf) => Runtime;

const START = '\nvar OfficeExtension;\n(function (OfficeExtension) {\n    var _Internal;';
const END = '\nvar _EndExcel = "_EndExcel";';

/**
 * The client part of a runtime file: from the `__extends` helper before the `OfficeExtension`
 * runtime to `_EndExcel` (the file's own markers; an unexpected file is refused, not guessed).
 */
export function sliceRuntime(text: string): string {
  const src = text.replace(/\r\n/g, '\n');
  const start = src.indexOf(START);
  const end = src.indexOf(END, start);
  if (start < 0 || end < 0) throw new Error('fake excel: not an Office.js Excel runtime file (markers OfficeExtension/_EndExcel not found)');
  const head = src.lastIndexOf('\nvar __extends = ', start);
  return src.slice(head < 0 ? start + 1 : head + 1, end + END.length) + '\n';
}

let source: (() => string) | null = null;
let factory: Factory | null = null;
let versions: Map<string, number> | null = null;

/** `Type.member` → ExcelApi minor version, from the Excel namespace's own checks. */
export function apiVersionsOf(code: string): Map<string, number> {
  const out = new Map<string, number>();
  const excel = code.indexOf('var _BeginExcel');
  const re = /_throwIfApiNotSupported\("(\w+)\.(\w+)", _defaultApiSetName, "1\.(\d+)"/g;
  re.lastIndex = excel < 0 ? 0 : excel;
  for (let m = re.exec(code); m; m = re.exec(code)) out.set(`${m[1]}.${m[2]}`, Number(m[3]));
  // ExcelApi 1.18, added below (./runtime.ts installNotesApi).
  for (const k of ['Workbook.notes', 'Worksheet.notes', 'NoteCollection.add', 'NoteCollection.getItem', 'NoteCollection.getItemOrNullObject', 'NoteCollection.getItemAt', 'NoteCollection.getCount', 'Note.delete', 'Note.getLocation']) out.set(k, 18);
  return out;
}

/** Where the runtime file's text comes from (Node: fs; the browser build: the bundle). */
export function setRuntimeSource(get: () => string): void {
  if (source === get) return;
  source = get;
  factory = null;
  versions = null;
}

function compile(): Factory {
  if (factory) return factory;
  if (!source) throw new Error('fake excel: no Office.js runtime source (import test/fake-excel/runtime-node in Node)');
  const code = sliceRuntime(source());
  versions = apiVersionsOf(code);
  // The file's own last statement, kept as shipped. It does not turn the client-side checks on:
  // it sets `Utility._doApiNotSupportedCheck`, while `throwIfApiNotSupported` reads
  // `CommonUtility._doApiNotSupportedCheck`, which stays false. So requirement sets are the host's.
  const tail = '\nOfficeExtension.Utility._doApiNotSupportedCheck = true;\nreturn { Excel: Excel, OfficeExtension: OfficeExtension };';
  factory = new Function('window', 'OSF', code + tail) as Factory;
  return factory;
}

/**
 * A fresh client over `window` (each fake workbook gets its own: its own `Excel`, its own
 * `OSF` host seam, its own requirement sets). Same realm as the caller, so errors are `Error`s
 * and arrays are `Array`s for the add-in and the tests.
 */
export function createRuntime(window: RuntimeWindow): Runtime {
  const rt = compile().call(window, window, window.OSF);
  installNotesApi(rt.Excel, rt.OfficeExtension);
  return { ...rt, apiVersions: versions! };
}

type Rec = Record<string, unknown>;
type ClientCtor = new (...args: unknown[]) => Rec;

/**
 * ExcelApi 1.18's notes (`Workbook.notes`, `Worksheet.notes`, `NoteCollection`, `Note`) are not
 * in the npm runtime (1.1.110 knows ExcelApi up to 1.15 only; Office.js from the CDN has them).
 * They are added here in the runtime's own generated pattern, on its own helpers
 * (`BatchApiHelper`, `Utility.load`, `throwIfNotLoaded`, `throwIfApiNotSupported`, off as for
 * every other member), so loading,
 * syncing, `isNullObject` and `PropertyNotLoaded` are the runtime's. Wire names follow the
 * generator's convention (`Notes`, `Add`, `GetItemOrNullObject`, `Content`, `Delete`).
 */
function installNotesApi(xl: typeof Excel, oe: typeof OfficeExtension): void {
  const X = xl as unknown as Rec & { Range: unknown; Workbook: { prototype: object }; Worksheet: { prototype: object } };
  const O = oe as unknown as {
    ClientObject: ClientCtor;
    Utility: {
      throwIfNotLoaded(name: string, value: unknown, type: string, isNull: unknown): void;
      throwIfApiNotSupported(api: string, set: string, version: string, host: string): void;
      load(obj: unknown, options: unknown): unknown;
      toJson(obj: unknown, scalars: Rec, navigations: Rec, items?: unknown): unknown;
      fixObjectPathIfNecessary(obj: unknown, value: unknown): void;
    };
    BatchApiHelper: {
      createMethodObject(type: unknown, parent: unknown, name: string, op: number, args: unknown[], isCollection: boolean, invalidAfterRequest: boolean, getById: unknown, flags: number): unknown;
      createIndexerObject(type: unknown, parent: unknown, args: unknown[]): unknown;
      createPropertyObject(type: unknown, parent: unknown, name: string, isCollection: boolean, flags: number): unknown;
      createChildItemObject(type: unknown, hasIndexer: boolean, parent: unknown, data: unknown, index: number): Rec & { _handleResult(v: unknown): void };
      invokeMethod(obj: unknown, name: string, op: number, args: unknown[], flags: number, process: number): unknown;
      invokeSetProperty(obj: unknown, name: string, value: unknown, flags: number): void;
    };
  };
  if (X.NoteCollection) return; // a runtime that has them already
  const U = O.Utility;
  const B = O.BatchApiHelper;
  const Base = O.ClientObject;
  const SCALARS: ReadonlyArray<readonly [string, string, boolean]> = [
    ['authorName', 'AuthorName', false],
    ['content', 'Content', true],
    ['height', 'Height', true],
    ['visible', 'Visible', true],
    ['width', 'Width', true],
  ];

  class Note extends Base {
    get _className(): string {
      return 'Note';
    }
    get _scalarPropertyNames(): string[] {
      return SCALARS.map((s) => s[0]);
    }
    get _scalarPropertyOriginalNames(): string[] {
      return SCALARS.map((s) => s[1]);
    }
    get _scalarPropertyUpdateable(): boolean[] {
      return SCALARS.map((s) => s[2]);
    }
    delete(): void {
      B.invokeMethod(this, 'Delete', 0, [], 0, 0);
    }
    getLocation(): unknown {
      return B.createMethodObject(X.Range, this, 'GetLocation', 1, [], false, true, null, 4);
    }
    _handleResult(value: unknown): void {
      (Base.prototype as unknown as { _handleResult(this: unknown, v: unknown): void })._handleResult.call(this, value);
      if (value === null || value === undefined) return;
      U.fixObjectPathIfNecessary(this, value);
      for (const [js, wire] of SCALARS) if ((value as Rec)[wire] !== undefined) this[`m_${js}`] = (value as Rec)[wire];
    }
    load(options?: unknown): unknown {
      return U.load(this, options);
    }
    toJSON(): unknown {
      return U.toJson(this, Object.fromEntries(SCALARS.map(([js]) => [js, this[`m_${js}`]])), {});
    }
  }
  for (const [js, wire, writable] of SCALARS) {
    Object.defineProperty(Note.prototype, js, {
      get(this: Rec) {
        U.throwIfNotLoaded(js, this[`m_${js}`], 'Note', this._isNull);
        return this[`m_${js}`];
      },
      ...(writable
        ? {
            set(this: Rec, v: unknown) {
              this[`m_${js}`] = v;
              B.invokeSetProperty(this, wire, v, 0);
            },
          }
        : {}),
      enumerable: true,
      configurable: true,
    });
  }

  class NoteCollection extends Base {
    get _className(): string {
      return 'NoteCollection';
    }
    get _isCollection(): boolean {
      return true;
    }
    get items(): unknown {
      U.throwIfNotLoaded('items', this.m__items, 'NoteCollection', this._isNull);
      return this.m__items;
    }
    add(cellAddress: unknown, content: unknown): unknown {
      return B.createMethodObject(Note, this, 'Add', 0, [cellAddress, content], false, true, null, 0);
    }
    getCount(): unknown {
      return B.invokeMethod(this, 'GetCount', 1, [], 4, 0);
    }
    getItem(key: string): unknown {
      return B.createIndexerObject(Note, this, [key]);
    }
    getItemAt(index: number): unknown {
      return B.createMethodObject(Note, this, 'GetItemAt', 1, [index], false, false, null, 4);
    }
    getItemOrNullObject(key: string): unknown {
      return B.createMethodObject(Note, this, 'GetItemOrNullObject', 1, [key], false, false, null, 4);
    }
    _handleResult(value: unknown): void {
      (Base.prototype as unknown as { _handleResult(this: unknown, v: unknown): void })._handleResult.call(this, value);
      if (value === null || value === undefined) return;
      U.fixObjectPathIfNecessary(this, value);
      const data = (value as Rec)._Items;
      if (Array.isArray(data)) {
        this.m__items = data.map((d, i) => {
          const item = B.createChildItemObject(Note, true, this, d, i);
          item._handleResult(d);
          return item;
        });
      }
    }
    load(options?: unknown): unknown {
      return U.load(this, options);
    }
    toJSON(): unknown {
      return U.toJson(this, {}, {}, this.m__items);
    }
  }
  X.Note = Note;
  X.NoteCollection = NoteCollection;
  const notes = (api: string) =>
    function (this: Rec): unknown {
      U.throwIfApiNotSupported(api, 'ExcelApi', '1.18', 'Excel');
      if (!this._Notes18) this._Notes18 = B.createPropertyObject(NoteCollection, this, 'Notes', true, 4);
      return this._Notes18;
    };
  Object.defineProperty(X.Workbook.prototype, 'notes', { get: notes('Workbook.notes'), enumerable: true, configurable: true });
  Object.defineProperty(X.Worksheet.prototype, 'notes', { get: notes('Worksheet.notes'), enumerable: true, configurable: true });
}
