/// <reference types="office-js" />
/**
 * The host port over Office.js: reads and applies, nothing else (every decision is in
 * src/core/app). Each method is one `Excel.run`.
 */
import { toBase64, type HostPort, type SelectOutcome } from '../core';
import { applySteps } from './apply';
import { toAddinError } from './errors';
import { probeCells } from './probe';
import { readWorkbook } from './read';
import { createRunner, type ExcelEnv, type Runner } from './run';

export interface ExcelPortOptions extends ExcelEnv {
  /** Request bytes per write batch (tests pass a small one to see the split). */
  readonly writeBudget?: number;
}

/** Change-event registration per `Excel` namespace: once per runtime, whatever the number of hosts. */
const watchers = new WeakMap<object, { listeners: Set<() => void>; registered: boolean }>();

export function createExcelPort(options: ExcelPortOptions = {}): HostPort & { readonly runner: Runner } {
  const runner = createRunner(options);
  const port: HostPort & { readonly runner: Runner } = {
    runner,
    capabilities: () => runner.capabilities(),
    syncs: () => runner.syncs(),
    read: (request) => runner.run('read', (context) => readWorkbook(context, request)),
    probe: (request) => runner.run('read', (context) => probeCells(context, request, runner.supports(18))),
    apply: (steps, applyOptions) =>
      runner.run('write', (context) => applySteps(context, steps, { ...applyOptions, notes: runner.supports(18), budget: options.writeBudget })),
    store: (entries) => runner.run('write', (context) => applySteps(context, [], { guard: false, storeAfter: entries, notes: false })).then(() => undefined),
    select: (sheet, cell) =>
      runner.run('read', async (context): Promise<SelectOutcome> => {
        const ws = context.workbook.worksheets.getItemOrNullObject(sheet).load('visibility');
        await context.sync();
        if (ws.isNullObject) return 'missing-sheet';
        if (ws.visibility !== 'Visible') return 'hidden-sheet';
        ws.activate();
        ws.getRange(cell).select();
        await context.sync();
        return 'ok';
      }),
    workbookName: () =>
      runner.run('read', async (context) => {
        const wb = context.workbook.load('name');
        await context.sync();
        return wb.name;
      }),
    // One batch: the core's package, inserted after the last sheet (ExcelApi 1.13, the manifest's minimum).
    addSheets: (book) =>
      runner.run('write', async (context) => {
        context.workbook.insertWorksheetsFromBase64(toBase64(book.xlsx), { positionType: 'End' });
        await context.sync();
      }),
    // Excel opens the new workbook itself (ExcelApi 1.8); the add-in cannot write to it afterwards.
    newWorkbook: async (book) => {
      try {
        await runner.excel().createWorkbook(toBase64(book.xlsx));
      } catch (e) {
        throw toAddinError(e);
      }
    },
    watch(onUserEdit) {
      const key = runner.excel() as unknown as object;
      let w = watchers.get(key);
      if (!w) watchers.set(key, (w = { listeners: new Set(), registered: false }));
      const entry = w;
      entry.listeners.add(onUserEdit);
      if (!entry.registered) {
        entry.registered = true;
        runner
          .run('read', async (context) => {
            context.workbook.worksheets.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
              // triggerSource needs ExcelApi 1.14; older Excel: our own writes are known by `writing`.
              if (e.triggerSource === 'ThisLocalAddin' || runner.writing()) return;
              for (const l of entry.listeners) l();
            });
            await context.sync();
          })
          .catch(() => undefined); // an Excel without the event: no staleness notice
      }
      return () => void entry.listeners.delete(onUserEdit);
    },
  };
  return port;
}
