/**
 * `npx ts-node --transpile-only bench/addin-cleanup.ts`: 清理模板 in the add-in over the fake
 * Excel host. Prints the syncs of applying the clean-up plan of the 5,000-row bench workbook
 * (debris in one row in ten, as bench/cleanup.js) against a small workbook (the dirty
 * example): the number is the same, whatever the number of changes. Also the largest
 * request, the preview and apply times, and the syncs of undo. Figures, not assertions.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import ExcelJS from 'exceljs';
import { cleanup } from '../src/core';
import { createExcelHost } from '../src/excel/host';
import { createFakeHost, type WorkbookSnapshot } from '../test/fake-excel';
import { snapshotFromFile } from '../test/fake-excel/load';

const LEVEL2: Array<[string, string, (i: number) => [string, string]]> = [
  ['产出指标', '数量指标', (i) => [`≥${100 + (i % 50)}人`, `${95 + (i % 60)}人`]],
  ['产出指标', '质量指标', (i) => ['≥95%', `${90 + (i % 10)}%`]],
  ['产出指标', '时效指标', () => ['2023年12月31日之前', '按时完成']],
  ['产出指标', '成本指标', (i) => [`≤${4000 + (i % 500)}元`, `${3900 + (i % 700)}元`]],
  ['效益指标', '社会效益指标', () => ['效果明显', '全面完成']],
  ['满意度指标', '服务对象满意度指标', () => ['≥90%', '95%']],
];

/** bench/cleanup.js's generator: the 5,000-row workbook with debris in one row in ten. */
function rowsFor(n: number): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [
    ['项目支出绩效自评表'],
    ['项目名称', '基准测试项目'],
    ['项目资金(万元)', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['', '年度资金总额', 100, 120, 110.5, 10, '', ''],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
  for (let i = 0; i < n; i++) {
    const [l1, l2, f] = LEVEL2[i % LEVEL2.length];
    let [t, a] = f(i);
    let name = `指标${i + 1}`;
    let weight: string | number = 0.01;
    if (i % 10 === 1) a = `<p>${a}</p>`;
    if (i % 10 === 3) t = t.replace(/≥/g, '＞＝').replace(/%/g, '％');
    if (i % 10 === 5) weight = ' 0.01';
    if (i % 10 === 7) [name, t, a, weight] = ['无', '', '', ''];
    rows.push(['', l1, l2, name, t, a, weight, '', '']);
  }
  rows.push(['总分', '', '', '', '', '', '', '']);
  return rows;
}

async function bigSnapshot(dir: string): Promise<WorkbookSnapshot> {
  const file = path.join(dir, 'bench-5000-dirty.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  for (const r of rowsFor(5000)) ws.addRow(r);
  ws.mergeCells('A5:A5005');
  await wb.xlsx.writeFile(file);
  return snapshotFromFile(file);
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

async function measure(label: string, snap: WorkbookSnapshot): Promise<void> {
  const fake = createFakeHost(snap, { tolerate: [] });
  const host = createExcelHost({ excel: fake.Excel as unknown as typeof Excel, office: fake.Office as unknown as typeof Office });
  let t0 = performance.now();
  const preview = await host.previewCleanup();
  const previewMs = performance.now() - t0;
  fake.state.resetCounters();
  t0 = performance.now();
  const applied = await host.applyCleanup(preview.plan, {});
  const applyMs = performance.now() - t0;
  const largest = fake.state.largestRequest();
  const undone = await host.undoCleanup();
  console.log(
    `${label}：${preview.plan.changes.length} 处（${cleanup.countsLine(preview.plan.counts)}）；` +
      `预览 ${preview.syncs} 次 sync（${previewMs.toFixed(0)} ms）；应用 ${applied.syncs} 次 sync（最大请求 ${kb(largest)}，${applyMs.toFixed(0)} ms，备份 ${applied.backedUp.length} 个工作表）；` +
      `撤销清理 ${undone.syncs} 次 sync`,
  );
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-addin-clean-bench-'));
  try {
    await measure('小工作簿（examples/seed002-shigu.dirty.xlsx）', await snapshotFromFile(path.join(__dirname, '..', 'examples', 'seed002-shigu.dirty.xlsx')));
    await measure('5,000 行指标的工作簿（每 10 行一处残留）', await bigSnapshot(dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
})().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
