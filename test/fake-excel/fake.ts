/**
 * The fake Excel host: Microsoft's own Office.js client (./runtime.ts) over a fixture-backed
 * workbook (./model.ts), joined at the one seam the client has to its host,
 * `OSF.DDA.RichApi.executeRichApiRequestAsync` (./executor.ts). Proxies, `load`, `sync`,
 * pass-through values, `PropertyNotLoaded`, `*OrNullObject`, request bodies and their sizes,
 * client-side requirement-set checks: all Microsoft's. Ours: the workbook, the host's answers
 * (including every documented throw, listed in ./README.md), and the host's `Office` context
 * (requirement sets, platform, document settings, ribbon `actions.associate`, `addin`).
 *
 * Browser-safe: Node tests get the runtime file through ./runtime-node.ts (imported by ./load.ts
 * and ./index.ts); the browser build bundles it (./browser.ts).
 */
import { FakeExecutor } from './executor';
import { FakeWorkbook, type FakeOptions, type FakePlatform, type FakeRunOptions } from './model';
import { createRuntime, type RuntimeOsf, type RuntimeWindow } from './runtime';
import type { WorkbookSnapshot } from './snapshot';

export * from './model';

/**
 * Leniencies: things Excel does not do that the first adapter (src/excel at a35d62c) or its
 * tests relied on. Each is shown strictly by a test of the fake (test/fake-excel/strict.test.ts).
 * The adapter was fixed (issue 11), so none is on by default: the fake is as strict as Excel,
 * and a test opts in only to reproduce the old defect.
 *
 * - `sync-pass-through` (adapter defect): the adapter replaced `context.sync` with a counter that
 *   dropped its argument, so `Excel.run` resolved `undefined` instead of the batch's result.
 *   Lenient: `Excel.run` gives back the batch function's own result when the runtime resolved
 *   `undefined`.
 * - `run-held-batches` (test assumption): a `delayForCellEdit` batch awaited while the user is
 *   still editing; Excel holds it until the edit ends. Lenient: a held batch runs at once.
 * - `delete-very-hidden` (adapter defect): very-hidden backup sheets deleted directly; Excel
 *   refuses that with InvalidOperation (Worksheet.delete reference; office-js #365). Lenient:
 *   the delete succeeds.
 */
export type Leniency = 'sync-pass-through' | 'run-held-batches' | 'delete-very-hidden';
/** @deprecated name kept for callers of the first version; use Leniency. */
export type AdapterDefect = Leniency;
export const TOLERATED_BY_DEFAULT: readonly Leniency[] = [];

export interface FakeHostOptions extends FakeOptions {
  /** `Office.onReady` waits for this (the browser build: the snapshot loaded). */
  readonly ready?: Promise<void>;
  /** Leniencies to reproduce an old defect (default none: as strict as Excel). */
  readonly tolerate?: readonly Leniency[];
  /** The Office theme the user chose (File › Account › Office Theme); default Colorful. */
  readonly theme?: FakeThemeId;
}

/** `Office.ThemeId` (reference: Office.ThemeId enum). */
export type FakeThemeId = 'Colorful' | 'DarkGray' | 'Black' | 'White';
export const FAKE_THEME_IDS: readonly FakeThemeId[] = ['Colorful', 'DarkGray', 'Black', 'White'];

/**
 * `Office.context.officeTheme` as Excel reports it: four `#RRGGBB` colours, `themeId` and
 * `isDarkTheme` (Office.OfficeTheme reference; its example calls `isDarkTheme()`, the typings
 * declare a property, so the pane reads neither and decides from `bodyBackgroundColor`). The
 * reference gives no colour values: Colorful, Dark Gray and White are those reported in
 * office-ui-fabric-core #732; Black's are ours (no published values).
 */
export interface FakeOfficeTheme {
  readonly bodyBackgroundColor: string;
  readonly bodyForegroundColor: string;
  readonly controlBackgroundColor: string;
  readonly controlForegroundColor: string;
  readonly themeId: FakeThemeId;
  isDarkTheme(): boolean;
}

const THEME_COLOURS: Readonly<Record<FakeThemeId, readonly [string, string, string, string]>> = {
  Colorful: ['#E6E6E6', '#444444', '#FDFDFD', '#444444'],
  DarkGray: ['#6A6A6A', '#F0F0F0', '#D4D4D4', '#262626'],
  Black: ['#262626', '#FFFFFF', '#333333', '#FFFFFF'],
  White: ['#FFFFFF', '#444444', '#FDFDFD', '#444444'],
};

export function officeThemeOf(id: FakeThemeId): FakeOfficeTheme {
  const [bodyBackgroundColor, bodyForegroundColor, controlBackgroundColor, controlForegroundColor] = THEME_COLOURS[id];
  return { bodyBackgroundColor, bodyForegroundColor, controlBackgroundColor, controlForegroundColor, themeId: id, isDarkTheme: () => id === 'DarkGray' || id === 'Black' };
}

export interface FakeOfficeNamespace {
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  context: {
    platform: FakePlatform;
    officeTheme: FakeOfficeTheme;
    requirements: { isSetSupported(name: string, version?: string | number): boolean };
    document: { settings: { get(name: string): unknown; set(name: string, value: unknown): void; remove(name: string): void; saveAsync(cb?: (r: { status: string }) => void): void } };
  };
  addin: { showAsTaskpane(): Promise<void>; hide(): Promise<void>; visible: boolean };
  actions: { associate(name: string, fn: (...args: unknown[]) => unknown): void };
  HostType: { Excel: string };
  ThemeId: Readonly<Record<FakeThemeId, FakeThemeId>>;
  PlatformType: { OfficeOnline: string; PC: string; Mac: string };
  AsyncResultStatus: { Succeeded: string; Failed: string };
  /** Test handle: the functions registered with `actions.associate`. */
  readonly associated: Map<string, (...args: unknown[]) => unknown>;
}

/** The runtime's own `Excel` namespace (its `run` observed: options recorded in `state.runs`). */
export type FakeExcelNamespace = typeof Excel;

export interface FakeHost {
  readonly state: FakeWorkbook;
  readonly Excel: FakeExcelNamespace;
  readonly Office: FakeOfficeNamespace;
  /** The runtime's `OfficeExtension` (its `Error`, `ErrorCodes`, `ClientResult`…). */
  readonly OfficeExtension: typeof OfficeExtension;
  readonly executor: FakeExecutor;
}

/** The requirement sets the host reports: ExcelApi up to the configured version. */
function requirements(state: FakeWorkbook): (name: string, version?: string | number) => boolean {
  return (name, version) => {
    const minor = version === undefined ? 0 : Number(String(version).split('.')[1] ?? 0);
    switch (name) {
      case 'ExcelApi':
        return minor <= state.apiVersion;
      case 'ExcelApiOnline':
        return state.platform === 'OfficeOnline' && minor <= 1;
      // Sets a current Excel reports that the client consults for request flags and retrieve().
      case 'DelayForCellEdit':
      case 'RichApiRuntimeFlag':
      case 'RichApiRuntime':
      case 'ExcelApiUndo':
      case 'SharedRuntime':
      case 'RibbonApi':
      case 'AddinCommands':
        return true;
      default:
        return false;
    }
  };
}

function officeNamespace(state: FakeWorkbook, ready: Promise<void>, theme: FakeThemeId): FakeOfficeNamespace {
  const docSettings = new Map<string, unknown>();
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const info = { host: 'Excel', platform: state.platform };
  return {
    onReady: (cb) =>
      ready.then(() => {
        cb?.(info);
        return info;
      }),
    context: {
      platform: state.platform,
      officeTheme: officeThemeOf(theme),
      requirements: { isSetSupported: requirements(state) },
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
    ThemeId: { Colorful: 'Colorful', DarkGray: 'DarkGray', Black: 'Black', White: 'White' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    associated,
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Microsoft's client over one fake workbook. `window` (the browser build passes the page's):
 * where the runtime finds `Office` and `OSF`; Node tests get a plain object.
 */
export function createFakeHost(snapshot: WorkbookSnapshot, options: FakeHostOptions = {}, window: Record<string, unknown> = {}): FakeHost {
  const state = new FakeWorkbook(snapshot, options);
  const Office = officeNamespace(state, options.ready ?? Promise.resolve(), options.theme ?? 'Colorful');
  // The executor is created before the runtime (the runtime needs its seam) and learns the
  // runtime's API versions once the file is compiled.
  const versions = new Map<string, number>();
  const executor = new FakeExecutor(state, versions);
  const hostPlatform = state.platform === 'OfficeOnline' ? 'web' : state.platform === 'Mac' ? 'mac' : 'win32';
  const OSF: RuntimeOsf = {
    DDA: { RichApi: { executeRichApiRequestAsync: executor.execute, richApiMessageManager: executor.messages } },
    _OfficeAppFactory: { getHostInfo: () => ({ hostPlatform, hostType: 'excel' }) },
  };
  const win = window as RuntimeWindow;
  win.Office = Office;
  win.OSF = OSF;
  // What a browser window has and the runtime reads at load: with `window.Promise` it uses the
  // platform's promises (without, its bundled es6-promise polyfill), after a user-agent check.
  win.Promise ??= Promise;
  win.navigator ??= { userAgent: 'Mozilla/5.0 (Node.js) jixiao-fake-excel' };
  const rt = createRuntime(win);
  for (const [k, v] of rt.apiVersions) versions.set(k, v);
  // Excel on the web's runtime turns on preview execution (the file's own code after _EndExcel).
  if (hostPlatform === 'web') (rt.OfficeExtension as unknown as { _internalConfig: { enablePreviewExecution: boolean } })._internalConfig.enablePreviewExecution = true;
  const tolerate = new Set(options.tolerate ?? TOLERATED_BY_DEFAULT);
  state.runHeldBatches = tolerate.has('run-held-batches');
  state.deleteVeryHidden = tolerate.has('delete-very-hidden');
  const realRun = rt.Excel.run as (...args: unknown[]) => Promise<unknown>;
  const run = (...args: unknown[]): Promise<unknown> => {
    const opts = args.length > 1 && isPlainObject(args[0]) ? args[0] : {};
    state.runs.push({
      ...(opts.delayForCellEdit !== undefined ? { delayForCellEdit: !!opts.delayForCellEdit } : {}),
      ...(opts.mergeUndoGroup !== undefined ? { mergeUndoGroup: !!opts.mergeUndoGroup } : {}),
    } as FakeRunOptions);
    const last = args.length - 1;
    if (!tolerate.has('sync-pass-through') || typeof args[last] !== 'function') return realRun(...args);
    const batch = args[last] as (ctx: unknown) => unknown;
    let out: { v: unknown } | null = null;
    const seen = [...args];
    seen[last] = (ctx: unknown) => {
      const r = batch(ctx);
      return r && typeof (r as Promise<unknown>).then === 'function' ? (r as Promise<unknown>).then((v) => ((out = { v }), v)) : r;
    };
    return realRun(...seen).then((r) => (r === undefined && out ? (out as { v: unknown }).v : r));
  };
  const Excel = Object.create(rt.Excel, { run: { value: run, enumerable: true, writable: true, configurable: true } }) as FakeExcelNamespace;
  return { state, Excel, Office, OfficeExtension: rt.OfficeExtension, executor };
}
