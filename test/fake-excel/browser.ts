/**
 * Browser build of the fake Excel host: bundled by webpack and served in place of
 * office.js (e2e test, `npm run preview`). It carries Microsoft's Excel runtime file
 * (@microsoft/office-js, excel-web-16.00.debug.js, as text through ./raw-loader.js) and runs it
 * over the fake workbook: `window.Excel` and `window.OfficeExtension` are the runtime's own;
 * `window.Office` is the host's context (requirement sets, settings, ribbon actions); the
 * runtime's requests go to ./executor.ts. Then it loads the workbook snapshot
 * `fake/<name>.json` (relative to the page; `?workbook=<name>`, default seed002-shigu;
 * `?api=17` pretends an older ExcelApi; `?platform=PC` a desktop Excel without the 5 MB limit;
 * `?theme=Black` the Office theme, one of `Office.ThemeId`: Colorful (default), DarkGray, Black, White).
 * `Office.onReady` resolves once the snapshot is loaded. `window.fakeExcel` is the test handle.
 */
import { createFakeHost, a1, FAKE_THEME_IDS, type CellView, type FakePlatform, type FakeWorkbook } from './fake';
import { setRuntimeSource } from './runtime';
import type { SnapValue } from './snapshot';

interface PreviewCell {
  /** Value as Office.js returns it ('' when empty). */
  readonly value: SnapValue;
  /** What the grid shows (numbers under a % format as percentages). */
  readonly text: string;
  readonly numberFormat: string;
  readonly fill: string | null;
  readonly formula: string | null;
  readonly note: string | null;
}

export interface PreviewSheet {
  readonly name: string;
  readonly protected: boolean;
  /** Rows 1..rowCount, columns 1..colCount (`rows[r-1][c-1]`). */
  readonly rows: PreviewCell[][];
  readonly merges: string[];
}

export interface FakeExcelHandle {
  readonly ready: Promise<void>;
  readonly workbook: string;
  /** Set when the snapshot could not be loaded. */
  error: string | null;
  cell(sheet: string, address: string): CellView;
  /** The selected range (`cell` = `address`, both names kept for the pane's tests). */
  readonly selection: { sheet: string; address: string; cell: string };
  readonly activeSheet: string;
  sheets(): PreviewSheet[];
  sheetNames(): string[];
  /** Non-empty cells of a sheet. */
  cells(sheet: string): Array<{ address: string; row: number; col: number; value: SnapValue; text: string; fill: string | null; note: string | null; numberFormat: string }>;
  /** Every value written through the API, in order. */
  readonly writes: ReadonlyArray<{ sheet: string; cell: string; value: SnapValue }>;
  /** Alias of userEdit. */
  edit(sheet: string, cell: string, value: SnapValue): void;
  readonly syncCount: number;
  /** Called after every change (writes, selection, reload); returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** Simulate the user typing into a cell (fires the worksheet change event). */
  userEdit(sheet: string, address: string, value: SnapValue): void;
  setCellEditMode(on: boolean): void;
  /** The function names registered with Office.actions.associate. */
  associated(): string[];
  readonly state: FakeWorkbook;
}

export function displayText(value: SnapValue, numberFormat: string): string {
  if (typeof value === 'number') {
    const pct = /^0(\.(0+))?%$/.exec(numberFormat);
    if (pct) return `${(value * 100).toFixed(pct[2]?.length ?? 0)}%`;
    const fixed = /^0\.(0+)$/.exec(numberFormat);
    if (fixed) return value.toFixed(fixed[1].length);
    return String(Math.round(value * 1e10) / 1e10);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return value;
}

function previewSheets(state: FakeWorkbook): PreviewSheet[] {
  // Very-hidden sheets (清理模板's backups) are not shown by Excel either.
  return state.sheets.filter((s) => s.visibility !== 'VeryHidden').map((s) => {
    const area = s.usedArea(false);
    const rows: PreviewCell[][] = [];
    const rowCount = Math.min(area?.bottom ?? 0, 2000);
    const colCount = Math.min(area?.right ?? 0, 100);
    for (let r = 1; r <= rowCount; r++) {
      const row: PreviewCell[] = [];
      for (let c = 1; c <= colCount; c++) {
        const v = state.cell(s.name, a1(r, c));
        row.push({ ...v, text: displayText(v.value, v.numberFormat) });
      }
      rows.push(row);
    }
    return { name: s.name, protected: s.protected, rows, merges: s.toSnapshot().merges as string[] };
  });
}

interface BrowserGlobals {
  location?: { search: string; href: string };
  fetch?: (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;
  Office?: unknown;
  Excel?: unknown;
  OfficeExtension?: unknown;
  fakeExcel?: FakeExcelHandle;
}

export function install(g: BrowserGlobals = globalThis as unknown as BrowserGlobals): FakeExcelHandle {
  const params = new URLSearchParams(g.location?.search ?? '');
  const name = params.get('workbook') ?? 'seed002-shigu';
  const api = Number(params.get('api') ?? 20);
  const platform = (['OfficeOnline', 'PC', 'Mac'] as const).find((p) => p === params.get('platform')) ?? ('OfficeOnline' satisfies FakePlatform);
  const theme = FAKE_THEME_IDS.find((t) => t === params.get('theme')) ?? 'Colorful';
  let loaded!: () => void;
  const ready = new Promise<void>((resolve) => (loaded = resolve));
  const host = createFakeHost({ sheets: [] }, { ready, apiVersion: api, platform, theme }, g as unknown as Record<string, unknown>);
  const state = host.state;
  g.Office = host.Office;
  g.Excel = host.Excel;
  g.OfficeExtension = host.OfficeExtension;
  const handle: FakeExcelHandle = {
    ready,
    workbook: name,
    error: null,
    cell: (sheet, address) => state.cell(sheet, address),
    get selection() {
      return { ...state.selection, cell: state.selection.address };
    },
    sheetNames: () => state.sheets.filter((s) => s.visibility !== 'VeryHidden').map((s) => s.name),
    cells: (sheet) => {
      const s = state.sheet(sheet);
      if (!s) return [];
      const snap = s.toSnapshot();
      return Object.entries(snap.cells).map(([address, c]) => {
        const m = /^([A-Z]+)(\d+)$/.exec(address)!;
        let col = 0;
        for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
        const nf = c.nf ?? 'General';
        return { address, row: Number(m[2]), col, value: c.v, text: displayText(c.v, nf), fill: c.fill ?? null, note: state.notes.get(`${sheet}!${address}`) ?? null, numberFormat: nf };
      });
    },
    get writes() {
      return state.writeLog;
    },
    edit: (sheet, cell, value) => state.userEdit(sheet, cell, value),
    get activeSheet() {
      return state.activeSheet;
    },
    sheets: () => previewSheets(state),
    get syncCount() {
      return state.syncCount;
    },
    onChange: (l) => state.onChange(l),
    userEdit: (sheet, address, value) => state.userEdit(sheet, address, value),
    setCellEditMode: (on) => void (state.cellEditMode = on),
    associated: () => [...host.Office.associated.keys()],
    state,
  };
  g.fakeExcel = handle;
  const url = new URL(`fake/${encodeURIComponent(name)}.json`, g.location?.href ?? 'http://localhost/').toString();
  const fetchFn = g.fetch;
  (fetchFn ? fetchFn.call(g, url) : Promise.reject(new Error('no fetch')))
    .then((r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      return r.json();
    })
    .then((snap) => state.reset(snap as Parameters<FakeWorkbook['reset']>[0]))
    .catch((e: unknown) => {
      handle.error = `无法加载示例工作簿 ${name}：${e instanceof Error ? e.message : String(e)}`;
    })
    .finally(() => loaded());
  return handle;
}

declare const __webpack_require__: unknown;

// Installed on load in a page built by webpack (which inlines the runtime file's text); a Node
// test imports this module and calls install() itself, the runtime file read by ./runtime-node.
if (typeof __webpack_require__ === 'function' && typeof (globalThis as { window?: unknown }).window !== 'undefined') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const text = require('!!./raw-loader.js!@microsoft/office-js/dist/excel-web-16.00.debug.js') as string;
  setRuntimeSource(() => text);
  install();
}
