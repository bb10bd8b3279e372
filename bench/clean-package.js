#!/usr/bin/env node
// `npm run build && node bench/clean-package.js`: applying the clean-up plan of the 5,000-row
// bench workbook (bench/cleanup.js's generator: debris in one row in ten, 500 placeholder
// rows) by patching the package (`writeCleaned`), beside the ExcelJS load + write the CLI
// used before (issue 13). Prints figures, asserts nothing. Uses dist/.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const ExcelJS = require('exceljs');
const { readGridAndBytes } = require('../dist/cli/read');
const { planCleanupOf } = require('../dist/cli/package/plan');
const { writeCleaned } = require('../dist/cli/package/clean');

const LEVEL2 = [
  ['产出指标', '数量指标', (i) => [`≥${100 + (i % 50)}人`, `${95 + (i % 60)}人`]],
  ['产出指标', '质量指标', () => ['≥95%', '96%']],
  ['效益指标', '社会效益指标', () => ['效果明显', '全面完成']],
  ['满意度指标', '服务对象满意度指标', () => ['≥90%', '95%']],
];

function rowsFor(n) {
  const rows = [
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
    let weight = 0.01;
    if (i % 10 === 1) a = `<p>${a}</p>`;
    if (i % 10 === 3) t = t.replace(/≥/g, '＞＝').replace(/%/g, '％');
    if (i % 10 === 5) weight = ' 0.01';
    if (i % 10 === 7) [name, t, a, weight] = ['无', '', '', ''];
    rows.push(['', l1, l2, name, t, a, weight, '', '']);
  }
  rows.push(['总分', '', '', '', '', '', { formula: `SUM(G6:G${n + 5})` }, '']);
  return rows;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-clean-pkg-'));
  const file = path.join(dir, 'bench-5000.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  for (const r of rowsFor(5000)) ws.addRow(r);
  ws.mergeCells('A5:A5005');
  await wb.xlsx.writeFile(file);
  const { grid, bytes } = await readGridAndBytes(file);
  const { plan } = await planCleanupOf(file, bytes, grid, {});
  const patch = [];
  const exceljs = [];
  for (let i = 0; i < 5; i++) {
    const out = path.join(dir, `out-${i}.xlsx`);
    let t0 = performance.now();
    await writeCleaned(bytes, plan, out);
    patch.push(performance.now() - t0);
    t0 = performance.now();
    const round = new ExcelJS.Workbook();
    await round.xlsx.load(bytes);
    await round.xlsx.writeFile(path.join(dir, `exceljs-${i}.xlsx`));
    exceljs.push(performance.now() - t0);
  }
  const changes = plan.changes.length;
  const rows = plan.changes.filter((c) => c.op === 'delete-row').length;
  console.log(`清理写回（5,000 行指标，${changes} 处改动，其中删除 ${rows} 行）：修补文件包 中位数 ${median(patch).toFixed(0)} ms`);
  console.log(`  对照：ExcelJS 整体载入再写出（旧做法，不含应用改动）中位数 ${median(exceljs).toFixed(0)} ms`);
  fs.rmSync(dir, { recursive: true, force: true });
})();
