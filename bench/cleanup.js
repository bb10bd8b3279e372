#!/usr/bin/env node
// `npm run build && node bench/cleanup.js`: the clean-up plan for the 5,000-row bench
// workbook (same generator as bench/run.js), read with the CLI's reader, with debris in
// one row in ten. Target: plan ≤ 100 ms. Prints figures, asserts nothing. Uses dist/.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const ExcelJS = require('exceljs');
const { cleanup, analyzeWorkbook } = require('../dist/core');
const { readWorkbook } = require('../dist/cli/workbook');

const LEVEL2 = [
  ['产出指标', '数量指标', (i) => [`≥${100 + (i % 50)}人`, `${95 + (i % 60)}人`]],
  ['产出指标', '质量指标', (i) => ['≥95%', `${90 + (i % 10)}%`]],
  ['产出指标', '时效指标', () => ['2023年12月31日之前', '按时完成']],
  ['产出指标', '成本指标', (i) => [`≤${4000 + (i % 500)}元`, `${3900 + (i % 700)}元`]],
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
    // Debris in one row in ten: HTML, full-width notation, a text number, a placeholder row.
    if (i % 10 === 1) a = `<p>${a}</p>`;
    if (i % 10 === 3) t = t.replace(/≥/g, '＞＝').replace(/%/g, '％');
    if (i % 10 === 5) weight = ' 0.01';
    if (i % 10 === 7) [name, t, a, weight] = ['无', '', '', ''];
    rows.push(['', l1, l2, name, t, a, weight, '', '']);
  }
  rows.push(['总分', '', '', '', '', '', '', '']);
  return rows;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-clean-'));
  const file = path.join(dir, 'bench-5000.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  for (const r of rowsFor(5000)) ws.addRow(r);
  ws.mergeCells('A5:A5005');
  await wb.xlsx.writeFile(file);
  const { grid } = await readWorkbook(file);
  let plan = cleanup.planCleanup(grid);
  const times = [];
  for (let i = 0; i < 9; i++) {
    const t0 = performance.now();
    plan = cleanup.planCleanup(grid);
    times.push(performance.now() - t0);
  }
  const engine = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    analyzeWorkbook(grid);
    engine.push(performance.now() - t0);
  }
  console.log(`清理计划（5,000 行指标）：中位数 ${median(times).toFixed(1)} ms（最快 ${Math.min(...times).toFixed(1)} ms，目标 ≤ 100 ms）`);
  console.log(`  同一工作表的审核（analyzeWorkbook）：中位数 ${median(engine).toFixed(1)} ms，供对照机器负载`);
  console.log(`  ${plan.changes.length} 处：${cleanup.countsLine(plan.counts)}`);
  fs.rmSync(dir, { recursive: true, force: true });
})();
