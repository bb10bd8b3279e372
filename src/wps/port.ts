/**
 * The WPS 表格 host port (core/app/port.ts): reads grids in bulk, applies the core's steps,
 * keeps the add-in's records in the document, selects, reports user edits. It decides nothing:
 * every workflow is `createAddinHost(port)` in the core, as for Excel.
 *
 * WPS's object model is synchronous, so a "round trip" here is one port operation (read,
 * probe, apply, store, select); `calls()` counts the object-model calls behind them for the
 * bench and the tests. Writes run with `ScreenUpdating` and `DisplayAlerts` off (deleting or
 * merging would otherwise ask the user) and are refused up front, with a Chinese message,
 * while a cell is being edited and when the workbook was opened read-only; a protected sheet
 * is never written (the core leaves it out and names it).
 */
import { isAddinSheet, type Capabilities, type CellState, type HostPort, type PortRead, type ProbeResult, type SheetInfo, type SheetVisibility, type Step } from '../core';
import { mismatches, parseAddress } from '../core';
import { readAspects, writeAspects, bgrToArgb, type AspectName } from './cells';
import { EDIT_MODE, NO_WORKBOOK, READ_ONLY, toAddinError, tooOld, wpsError } from './errors';
import { readSheet, rawValue, normalFormat, type SheetRead } from './read';
import { isStoreSheet, readStore, writeStore } from './store';
import { writeReviewSheets } from './review';
import { XL, type WpsApplication, type WpsRange, type WpsWorkbook, type WpsWorksheet } from './types';

export interface WpsPortOptions {
  /** Counts object-model calls (the fake's counter in tests); default none. */
  readonly calls?: () => number;
}

export interface WpsPort extends HostPort {
  /** Object-model calls made so far (0 when not counted). */
  calls(): number;
}

const VISIBLE: Readonly<Record<SheetVisibility, number>> = { visible: XL.sheetVisible, hidden: XL.sheetHidden, veryHidden: XL.sheetVeryHidden };

function visibilityOf(v: number): SheetVisibility {
  return Number(v) === XL.sheetVeryHidden ? 'veryHidden' : Number(v) === XL.sheetHidden ? 'hidden' : 'visible';
}

/** Interfaces the adapter needs, checked on the objects WPS hands out (a missing one reads undefined). */
function need(app: WpsApplication, member: string, present: unknown): void {
  if (present === undefined || present === null) throw tooOld(app, member);
}

export function createWpsPort(app: WpsApplication, options: WpsPortOptions = {}): WpsPort {
  let ops = 0;
  /** Our own write is running: its SheetChange events are not the user's. */
  let writing = 0;

  const book = (): WpsWorkbook => {
    const b = app.ActiveWorkbook;
    if (!b) throw wpsError('NoWorkbook', NO_WORKBOOK);
    return b;
  };
  /** The user's sheets and our backups, in order; the store sheet is the port's own business. */
  const sheetList = (b: WpsWorkbook): WpsWorksheet[] => {
    const ws = b.Worksheets;
    need(app, 'Workbook.Worksheets', ws);
    const out: WpsWorksheet[] = [];
    for (let i = 1; i <= ws.Count; i++) {
      const s = ws.Item(i);
      if (!isStoreSheet(s.Name)) out.push(s);
    }
    return out;
  };
  const infoOf = (s: WpsWorksheet, position: number): SheetInfo => ({ name: s.Name, position, visibility: visibilityOf(s.Visible), protected: !!s.ProtectContents });
  const byName = (sheets: WpsWorksheet[], name: string): WpsWorksheet | undefined => sheets.find((s) => s.Name.toLowerCase() === name.toLowerCase());

  /**
   * One port operation: counted, errors in Chinese. A member an older WPS lacks reads as
   * undefined, so calling it throws a TypeError: that is a WPS too old, named by its version.
   */
  const op = <T>(body: () => T): Promise<T> => {
    ops++;
    try {
      return Promise.resolve(body());
    } catch (e) {
      return Promise.reject(e instanceof TypeError ? tooOld(app, e.message) : toAddinError(e));
    }
  };
  /** A write: refused in edit mode and on a read-only workbook; screen and alerts off meanwhile. */
  const write = <T>(body: (b: WpsWorkbook) => T): Promise<T> =>
    op(() => {
      if (app.Ready === false) throw wpsError('InvalidOperationInCellEditMode', EDIT_MODE);
      const b = book();
      if (b.ReadOnly) throw wpsError('ReadOnly', READ_ONLY);
      const screen = app.ScreenUpdating;
      const alerts = app.DisplayAlerts;
      writing++;
      try {
        app.ScreenUpdating = false;
        app.DisplayAlerts = false;
        return body(b);
      } finally {
        app.ScreenUpdating = screen;
        app.DisplayAlerts = alerts;
        // SheetChange events of our own writes may arrive after the call returns.
        setTimeout(() => writing--, 0);
      }
    });
  const readOp = <T>(body: (b: WpsWorkbook) => T): Promise<T> =>
    op(() => {
      if (app.Ready === false) throw wpsError('InvalidOperationInCellEditMode', EDIT_MODE);
      return body(book());
    });

  const port: WpsPort = {
    capabilities(): Capabilities {
      // Comments (批注, as WPS calls them) are part of every WPS 表格 with add-ins; one host undo step is not offered.
      return { notes: true, mergeUndo: false, notesWord: '批注' };
    },

    syncs: () => ops,
    calls: () => options.calls?.() ?? 0,

    read(request) {
      return readOp((b) => {
        const sheets = sheetList(b);
        const infos = sheets.map(infoOf);
        const reads: SheetRead[] = [];
        if (request.grids !== false) {
          const wanted = sheets.filter((s) => !isAddinSheet(s.Name));
          wanted.forEach((s, i) => {
            reads.push(readSheet(s, { fills: !!request.fills }));
            request.onProgress?.(i + 1, wanted.length);
          });
        }
        const raw = new Map(reads.map((r) => [r.name, r.raw]));
        const fills: Array<{ sheet: string; row: number; col: number; fill: string }> = [];
        if (request.fills) {
          for (const r of reads) {
            for (const [address, cell] of r.raw) {
              if (!cell.fill) continue;
              const { row, col } = parseAddress(address);
              fills.push({ sheet: r.name, row, col, fill: 'FF' + cell.fill.slice(1) });
            }
          }
        }
        const out: PortRead = {
          sheets: infos,
          grid: { sheets: reads.map((r) => r.grid) },
          cell(sheet, row, col) {
            const c = raw.get(sheet)?.get(`${columnOf(col)}${row}`);
            return { value: c?.value ?? '', numFmt: c?.numberFormat ?? 'General' };
          },
          fills,
          stored: readStore(b, request.keys),
        };
        return out;
      });
    },

    probe(request) {
      return readOp((b) => {
        const sheets = sheetList(b);
        const aspects = request.aspects as readonly AspectName[];
        const states = request.cells.map(({ sheet, cell }) => {
          const ws = byName(sheets, sheet);
          return ws ? (readAspects(ws.Range(cell), aspects) as CellState) : null;
        });
        const formulas: Array<{ sheet: string; cell: string; formula: string }> = [];
        if (request.formulas) {
          const except = new Set(request.formulas.except.map((s) => s.toLowerCase()));
          for (const ws of sheets) {
            if (except.has(ws.Name.toLowerCase())) continue;
            for (const f of formulaCells(ws)) formulas.push(f);
          }
        }
        const active = b.ActiveSheet;
        const out: ProbeResult = {
          sheets: sheets.map(infoOf),
          states,
          stored: readStore(b, request.keys ?? []),
          active: active && !isStoreSheet(active.Name) ? active.Name : null,
          formulas,
        };
        return out;
      });
    },

    apply(steps, options) {
      return write((b) => {
        if (options.storeBefore) writeStore(b, options.storeBefore);
        const conflicts: Array<{ index: number; aspects: AspectName[]; actual: CellState }> = [];
        const cache = new SheetCache(b);
        steps.forEach((step, index) => {
          const found = applyStep(app, b, cache, step, options.guard);
          if (found) conflicts.push({ index, ...found });
          options.onProgress?.(index + 1, steps.length);
        });
        if (options.storeAfter) writeStore(b, options.storeAfter);
        return { conflicts };
      });
    },

    store(entries) {
      return write((b) => writeStore(b, entries));
    },

    workbookName() {
      return readOp((b) => b.Name);
    },

    addSheets(book) {
      return write((b) => {
        writeReviewSheets(app, b, book.sheets);
        // The summary is left showing its first sheet, as Excel shows inserted sheets' workbook.
        const first = b.Worksheets.Item(book.sheets[0].name);
        first.Activate();
      });
    },

    newWorkbook(book) {
      return op(() => {
        need(app, 'Workbooks', app.Workbooks);
        const created = app.Workbooks.Add();
        writeReviewSheets(app, created, book.sheets, true);
        created.Worksheets.Item(1).Activate();
      });
    },

    select(sheet, cell) {
      return readOp((b) => {
        const ws = byName(sheetList(b), sheet);
        if (!ws) return 'missing-sheet' as const;
        if (Number(ws.Visible) !== XL.sheetVisible) return 'hidden-sheet' as const;
        ws.Activate();
        ws.Range(cell).Select();
        return 'ok' as const;
      });
    },

    watch(onUserEdit) {
      const events = app.ApiEvent;
      if (!events || typeof events.AddApiEventListener !== 'function') return () => undefined; // an old WPS: no staleness notice
      const listener = (): void => {
        if (writing > 0) return;
        onUserEdit();
      };
      events.AddApiEventListener('SheetChange', listener);
      return () => events.RemoveApiEventListener('SheetChange', listener);
    },
  };
  return port;
}

const columnOf = (col: number): string => {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** The formula cells of a sheet's used range (one `Formula` read). */
function formulaCells(ws: WpsWorksheet): Array<{ sheet: string; cell: string; formula: string }> {
  const used = ws.UsedRange;
  const rows = used.Rows.Count;
  const cols = used.Columns.Count;
  const f = used.Formula;
  const v = used.Value2;
  const grid = rows === 1 && cols === 1 ? [[f as string]] : (f as string[][]);
  const values = rows === 1 && cols === 1 ? [[v]] : (v as unknown[][]);
  const out: Array<{ sheet: string; cell: string; formula: string }> = [];
  const name = ws.Name;
  grid.forEach((row, i) =>
    row.forEach((formula, j) => {
      if (typeof formula === 'string' && formula.startsWith('=') && formula.length > 1 && formula !== rawValue(values[i]?.[j])) {
        out.push({ sheet: name, cell: `${columnOf(used.Column + j)}${used.Row + i}`, formula });
      }
    }),
  );
  return out;
}

/**
 * The workbook's sheets by name during one apply, with their protection: listed once, listed
 * again only after a step that adds, removes, renames or moves a sheet (each listing costs a
 * few calls per sheet, which a long list of cell steps would otherwise pay per step).
 */
class SheetCache {
  private list: Array<{ ws: WpsWorksheet; name: string; protected?: boolean }> | null = null;
  constructor(private readonly book: WpsWorkbook) {}
  private entries(): Array<{ ws: WpsWorksheet; name: string; protected?: boolean }> {
    if (!this.list) {
      const all = this.book.Worksheets;
      this.list = [];
      for (let i = 1; i <= all.Count; i++) {
        const ws = all.Item(i);
        const name = ws.Name;
        if (!isStoreSheet(name)) this.list.push({ ws, name });
      }
    }
    return this.list;
  }
  sheets(): WpsWorksheet[] {
    return this.entries().map((e) => e.ws);
  }
  find(name: string): { ws: WpsWorksheet; name: string; protected?: boolean } | undefined {
    const lower = name.toLowerCase();
    return this.entries().find((e) => e.name.toLowerCase() === lower);
  }
  reset(): void {
    this.list = null;
  }
}

/** Apply one step; a guarded cell step whose `before` does not match reports a conflict. */
function applyStep(app: WpsApplication, b: WpsWorkbook, cache: SheetCache, step: Step, guard: boolean): { aspects: AspectName[]; actual: CellState } | null {
  const sheets = (): WpsWorksheet[] => cache.sheets();
  const sheet = (name: string): WpsWorksheet => {
    const e = cache.find(name);
    if (!e) throw wpsError('ItemNotFound', `找不到工作表「${name}」（可能已被删除或重命名），请重新检查`);
    return e.ws;
  };
  if (step.op !== 'cell' && step.op !== 'delete-row' && step.op !== 'merge' && step.op !== 'unmerge' && step.op !== 'activate') {
    try {
      return applySheetStep(app, b, sheet, sheets, step);
    } finally {
      cache.reset();
    }
  }
  switch (step.op) {
    case 'cell': {
      const ws = writableByName(cache, step.sheet);
      const range = ws.Range(step.cell);
      if (guard) {
        const names = aspectNames(step.before);
        let bad = mismatches(step.before, readAspects(range, names) as CellState) as AspectName[];
        // A changed value or formula: value, formula and number format are all left as found.
        if (bad.includes('value') || bad.includes('formula')) bad = [...new Set<AspectName>([...bad, 'value', 'formula', 'numFmt'])];
        if (bad.length) {
          const actual = readAspects(range, [...new Set<AspectName>([...names, ...bad])]) as CellState;
          const rest = omitAspects(step.after, bad);
          if (Object.keys(rest).length) writeAspects(range, rest);
          return { aspects: bad, actual };
        }
      }
      writeAspects(range, step.after);
      return null;
    }
    case 'delete-row':
      writableByName(cache, step.sheet).Range(`${step.row}:${step.row}`).Delete(XL.shiftUp);
      return null;
    case 'unmerge':
      writableByName(cache, step.sheet).Range(step.area).UnMerge();
      return null;
    case 'merge':
      writableByName(cache, step.sheet).Range(step.area).Merge();
      return null;
    case 'activate': {
      const ws = sheets().find((s) => s.Name.toLowerCase() === step.sheet.toLowerCase());
      if (ws && Number(ws.Visible) === XL.sheetVisible) ws.Activate();
      return null;
    }
    default:
      throw tooOld(app, `step ${(step as { op: string }).op}`);
  }
}

function writableByName(cache: SheetCache, name: string): WpsWorksheet {
  const e = cache.find(name);
  if (!e) throw wpsError('ItemNotFound', `找不到工作表「${name}」（可能已被删除或重命名），请重新检查`);
  e.protected ??= !!e.ws.ProtectContents;
  if (e.protected) throw wpsError('AccessDenied', `工作表「${e.name}」受保护，未写入；请撤销工作表保护后重试`);
  return e.ws;
}

/** Steps that add, remove, rename, hide or move a sheet. */
function applySheetStep(app: WpsApplication, b: WpsWorkbook, sheet: (name: string) => WpsWorksheet, sheets: () => WpsWorksheet[], step: Step): null {
  switch (step.op) {
    case 'copy-sheet': {
      const all = b.Worksheets;
      const src = sheet(step.sheet);
      const last = all.Item(all.Count);
      src.Copy(undefined, last);
      // Copy returns nothing: the copy is the sheet after the one it was placed after.
      const copy = all.Item(last.Index + 1);
      copy.Name = step.to;
      copy.Visible = XL.sheetVeryHidden;
      return null;
    }
    case 'delete-sheet':
      sheet(step.sheet).Delete();
      return null;
    case 'rename-sheet':
      sheet(step.sheet).Name = step.to;
      return null;
    case 'sheet-visibility':
      sheet(step.sheet).Visible = VISIBLE[step.visibility];
      return null;
    case 'move-sheet': {
      const ws = sheet(step.sheet);
      const others = sheets().filter((s) => s.Name !== ws.Name);
      if (step.position < others.length) ws.Move(others[step.position]);
      else ws.Move(undefined, others[others.length - 1]);
      return null;
    }
    default:
      throw tooOld(app, `step ${(step as { op: string }).op}`);
  }
}

function aspectNames(state: CellState): AspectName[] {
  return (['value', 'formula', 'numFmt', 'fill', 'note'] as const).filter((a) => state[a] !== undefined);
}

function omitAspects(state: CellState, aspects: readonly AspectName[]): CellState {
  const out: Record<string, unknown> = {};
  for (const a of aspectNames(state)) if (!aspects.includes(a)) out[a] = state[a];
  return out as CellState;
}

export { bgrToArgb, normalFormat };
export type { WpsRange };
