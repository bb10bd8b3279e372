/**
 * `npx ts-node --transpile-only bench/addin.ts`: the add-in path over the fake Excel host.
 * Prints, for 1 sheet, 10 sheets and the 5,000-row workbook: syncs of a check, a recompute
 * (计分并写回 with marks) and its undo, the largest request and response of any batch (the
 * bodies Microsoft's Office.js client sends to the fake host; Excel on the web refuses 5 MB),
 * the size of the undo and marks records kept in the workbook, and the time of the add-in
 * path (read through the adapter + engine + write) against the engine alone on the same
 * grid. Figures, not assertions. The fake host runs in the same process, so the add-in time
 * includes Office.js's own request building and the fake's answers.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import ExcelJS from 'exceljs';
import { analyzeWorkbook } from '../src/core';
import { DEFAULT_SETTINGS, type AddinSettings } from '../src/core';
import { createExcelHost } from '../src/excel/host';
import { readWorkbook } from '../src/excel/read';
import { createFakeHost, type WorkbookSnapshot } from '../test/fake-excel';
import { snapshotFromFile } from '../test/fake-excel/load';

const SETTINGS: AddinSettings = { ...DEFAULT_SETTINGS, highlight: true, notes: false };

/** The workbook bench/run.js generates (bench/rows.js: one source for every bench). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rowsFor } = require('./rows.js') as { rowsFor: (n: number) => Array<Array<string | number>> };

async function bigSnapshot(dir: string): Promise<WorkbookSnapshot> {
  const file = path.join(dir, 'bench-5000.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  for (const r of rowsFor(5000)) ws.addRow(r);
  ws.mergeCells('A5:A5005');
  await wb.xlsx.writeFile(file);
  return snapshotFromFile(file);
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(label: string, snap: WorkbookSnapshot, runs: number): Promise<void> {
  // Syncs and payloads of one check and one recompute on a fresh copy.
  const fake = createFakeHost(snap, { tolerate: [] });
  const host = createExcelHost({ excel: fake.Excel as unknown as typeof Excel, office: fake.Office as unknown as typeof Office });
  const check = await host.check(SETTINGS);
  const checkReq = fake.state.largestRequest();
  const checkResp = Math.max(...fake.state.responseBytes);
  fake.state.resetCounters();
  const score = await host.score(SETTINGS);
  const scoreReq = fake.state.largestRequest();
  const scoreResp = Math.max(...fake.state.responseBytes);
  const recordBytes = (k: string): number => JSON.stringify(fake.state.settings.get(k) ?? null).length;
  const undoRecord = recordBytes('jixiao.undo');
  const marksRecord = recordBytes('jixiao.marks');
  fake.state.resetCounters();
  const undo = await host.undo();
  const undoSyncs = fake.state.syncCount;
  const undoReq = fake.state.largestRequest();

  // Time: the add-in path (fresh fake each run, so every run writes) against the engine on the grid it read.
  const grid = (await fake.Excel.run((context) => readWorkbook(context as unknown as Excel.RequestContext, { keys: [] }))).grid;
  const addin: number[] = [];
  const engine: number[] = [];
  for (let i = 0; i < runs; i++) {
    const f = createFakeHost(snap, { tolerate: [] });
    const h = createExcelHost({ excel: f.Excel as unknown as typeof Excel, office: f.Office as unknown as typeof Office });
    let t0 = performance.now();
    await h.score(SETTINGS);
    addin.push(performance.now() - t0);
    t0 = performance.now();
    analyzeWorkbook(grid);
    engine.push(performance.now() - t0);
  }
  const a = median(addin);
  const e = median(engine);
  console.log(
    `${label}（${snap.sheets.length} 个工作表，${check.result.tables.length} 张表）：` +
      `检查 ${check.syncs} 次 sync（最大请求 ${kb(checkReq)}，最大响应 ${kb(checkResp)}）；` +
      `重新计分 ${score.syncs} 次 sync，写入 ${score.written} 格、问题标记 ${score.highlighted} 格、已更正 ${score.corrected?.length ?? 0} 格（最大请求 ${kb(scoreReq)}，最大响应 ${kb(scoreResp)}；撤销记录 ${kb(undoRecord)}，标记记录 ${kb(marksRecord)}）；` +
      `撤销 ${undoSyncs} 次 sync，恢复 ${undo.restored} 格（最大请求 ${kb(undoReq)}）；` +
      `加载项路径 ${a.toFixed(0)} ms，引擎单独 ${e.toFixed(0)} ms（${(a / e).toFixed(1)} 倍）`,
  );
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-addin-bench-'));
  try {
    const seed = await snapshotFromFile(path.join(__dirname, '..', 'examples', 'seed002-shigu.xlsx'));
    const one = seed.sheets.find((s) => s.name === '劳模服务')!;
    await measure('1 个工作表（seed 002 劳模服务）', { sheets: [one] }, 9);
    await measure('10 个工作表（同一张表 ×10）', { sheets: Array.from({ length: 10 }, (_, i) => ({ ...one, name: `劳模服务${i + 1}` })) }, 9);
    await measure('5,000 行指标的工作簿（bench/run.js 的生成器）', await bigSnapshot(dir), 3);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
