/** The browser build's entry (served in place of office.js): globals, snapshot loading, test handle. */
import * as path from 'path';
import { createExcelHost } from '../../src/excel/host';
import { install } from '../fake-excel/browser';
import { snapshotFromFile } from '../fake-excel/load';
import type { WorkbookSnapshot } from '../fake-excel';
import { CLI_LIKE } from './helpers';

let seed: WorkbookSnapshot;
beforeAll(async () => {
  seed = await snapshotFromFile(path.join(__dirname, '..', '..', 'examples', 'seed002-shigu.xlsx'));
});

function page(search: string, respond: (url: string) => { ok: boolean; status: number; body?: unknown }) {
  const urls: string[] = [];
  const g = {
    location: { search, href: `https://localhost:3000/taskpane.html${search}` },
    fetch(this: unknown, url: string) {
      if (this !== g) throw new TypeError('Illegal invocation');
      urls.push(url);
      const r = respond(url);
      return Promise.resolve({ ok: r.ok, status: r.status, json: () => Promise.resolve(r.body) });
    },
  } as Record<string, unknown>;
  const handle = install(g as never);
  return { g, handle, urls };
}

test('loads fake/<name>.json relative to the page; Office.onReady resolves after it; the pane host works over it', async () => {
  const { g, handle, urls } = page('?workbook=seed002-shigu', () => ({ ok: true, status: 200, body: seed }));
  const office = g.Office as typeof Office;
  let readyBeforeLoad = true;
  const onReady = office.onReady().then((info) => {
    readyBeforeLoad = handle.sheetNames().length === 0;
    return info;
  });
  expect(await onReady).toEqual({ host: 'Excel', platform: 'OfficeOnline' });
  expect(readyBeforeLoad).toBe(false);
  expect(urls).toEqual(['https://localhost:3000/fake/seed002-shigu.json']);
  expect(handle.error).toBeNull();
  expect(office.context.requirements.isSetSupported('ExcelApi', '1.18')).toBe(true);

  const host = createExcelHost({ excel: g.Excel as typeof Excel, office });
  const r = await host.score(CLI_LIKE);
  expect(r.written).toBe(8);
  expect(handle.cell('劳模服务', 'H23')).toMatchObject({ value: 95.67 });
  expect(handle.writes).toContainEqual({ sheet: '劳模服务', cell: 'H23', value: 95.67 });
  expect(handle.syncCount).toBe(3);
  await host.select('劳模服务', 'H23');
  expect(handle.selection).toEqual({ sheet: '劳模服务', address: 'H23', cell: 'H23' });
  expect(handle.activeSheet).toBe('劳模服务');
  const sheet = handle.sheets().find((s) => s.name === '劳模服务')!;
  expect(sheet.rows[7][6]).toMatchObject({ value: 0.5667, text: '56.67%', numberFormat: '0.00%' });
  expect(handle.cells('劳模服务').find((c) => c.address === 'G8')).toMatchObject({ row: 8, col: 7, text: '56.67%' });

  const seen: string[] = [];
  host.subscribe((e) => seen.push(e.type));
  await new Promise((res) => setTimeout(res, 0));
  let redraws = 0;
  handle.onChange(() => redraws++);
  handle.edit('劳模服务', 'F10', '改了');
  await new Promise((res) => setTimeout(res, 5));
  expect(redraws).toBe(1);
  expect(seen).toContain('stale');

  const associate = (office as unknown as { actions: { associate(n: string, f: () => void): void } }).actions;
  associate.associate('scoreWorkbook', () => undefined);
  expect(handle.associated()).toEqual(['scoreWorkbook']);
});

test('default workbook seed002-shigu; a missing snapshot still resolves onReady and reports why', async () => {
  const { g, handle, urls } = page('', () => ({ ok: false, status: 404 }));
  await (g.Office as typeof Office).onReady();
  expect(urls).toEqual(['https://localhost:3000/fake/seed002-shigu.json']);
  expect(handle.error).toBe('无法加载示例工作簿 seed002-shigu：HTTP 404');
  expect(handle.sheetNames()).toEqual([]);
});

test('?api=17 pretends an Excel without notes', async () => {
  const { g } = page('?api=17', () => ({ ok: true, status: 200, body: seed }));
  const office = g.Office as typeof Office;
  await office.onReady();
  const host = createExcelHost({ excel: g.Excel as typeof Excel, office });
  expect(await host.capabilities()).toEqual({ notes: false, mergeUndo: false, notesWord: '备注' });
});

test('the built fake-office.js carries Microsoft\'s runtime and runs a batch through the fake host (webpack --env fakeOnly)', async () => {
  const fs = await import('fs');
  const os = await import('os');
  const vm = await import('vm');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const webpack = require('webpack') as typeof import('webpack');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require('../../webpack.config.js') as (env: unknown, argv: unknown) => Promise<import('webpack').Configuration>;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-fake-office-'));
  try {
    const config = await makeConfig({ fakeOnly: true, outDir: out }, { mode: 'development' });
    await new Promise<void>((resolve, reject) =>
      webpack({ ...config, devtool: false }, (err, stats) => (err ? reject(err) : stats?.hasErrors() ? reject(new Error(stats.toString({ all: false, errors: true }))) : resolve())),
    );
    const bundle = fs.readFileSync(path.join(out, 'fake-office.js'), 'utf8');
    expect(bundle).toContain('OfficeJsRequestExecutor'); // Microsoft's client, as text for the runtime loader
    expect(bundle).toContain('_EndExcel');
    // Run it as a page would: a window with location and fetch (the snapshot).
    const sandbox: Record<string, unknown> = {
      location: { search: '?workbook=seed002-shigu', href: 'http://127.0.0.1/taskpane.html?workbook=seed002-shigu' },
      fetch: () => Promise.resolve({ ok: true, status: 200, json: () => Promise.resolve(JSON.parse(JSON.stringify(seed))) }),
      URL,
      URLSearchParams,
      TextEncoder,
      setTimeout,
      clearTimeout,
      console,
      navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/120' },
    };
    sandbox.window = sandbox;
    vm.createContext(sandbox);
    vm.runInContext(bundle, sandbox);
    const g = sandbox as { Excel: typeof Excel; OfficeExtension: typeof OfficeExtension; fakeExcel: { ready: Promise<void>; syncCount: number } };
    await g.fakeExcel.ready;
    expect(typeof (g.OfficeExtension as unknown as { ClientRequestContext: unknown }).ClientRequestContext).toBe('function');
    const names = await g.Excel.run(async (c) => {
      const ws = c.workbook.worksheets.load('items/name');
      await c.sync();
      return ws.items.map((w) => w.name);
    });
    expect(names).toEqual(seed.sheets.map((s) => s.name));
    expect(g.fakeExcel.syncCount).toBe(1);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 300000);
