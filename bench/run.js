#!/usr/bin/env node
// `npm run bench`: prints figures, asserts nothing (see README). Uses the built dist/.
//  1. engine time on a synthetic grid of 10,000 indicator rows (target ≤ 100 ms);
//  2. `jixiao check` on a generated 5,000-row workbook against a bare ExcelJS read of the
//     same file (target ≤ 1.5×).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { performance } = require('perf_hooks');
const ExcelJS = require('exceljs');
const { analyzeWorkbook, sheetFromRows } = require('../dist/core');
const { run } = require('../dist/cli/main.js');

const LEVEL2 = [
  ['产出指标', '数量指标', (i) => [`≥${100 + (i % 50)}人`, `${95 + (i % 60)}人`]],
  ['产出指标', '质量指标', (i) => ['≥95%', `${90 + (i % 10)}%`]],
  ['产出指标', '时效指标', () => ['2023年12月31日之前', '按时完成']],
  ['产出指标', '成本指标', (i) => [`≤${4000 + i % 500}元`, `${3900 + (i % 700)}元`]],
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
    const [t, a] = f(i);
    rows.push(['', l1, l2, `指标${i + 1}`, t, a, 0.01, '', '']);
  }
  rows.push(['总分', '', '', '', '', '', '', '']);
  return rows;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

(async () => {
  // 1. Engine on 10,000 rows.
  // As in real sheets, the 绩效指标 label is merged down the whole indicator block.
  const grid = { sheets: [sheetFromRows('基准', rowsFor(10000), [{ top: 5, left: 1, bottom: 10005, right: 1 }])] };
  const warm = analyzeWorkbook(grid);
  const tables = warm.tables.length;
  const indicators = warm.tables[0].indicators.length;
  analyzeWorkbook(grid);
  const engine = await time(() => analyzeWorkbook(grid), 15);
  console.log(`引擎（${indicators} 行指标，${tables} 张表）：中位数 ${median(engine).toFixed(1)} ms（最快 ${Math.min(...engine).toFixed(1)} ms，目标 ≤ 100 ms）`);

  // 2. jixiao check vs bare ExcelJS read, 5,000 rows.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-'));
  const file = path.join(dir, 'bench-5000.xlsx');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  for (const r of rowsFor(5000)) ws.addRow(r);
  ws.mergeCells('A5:A5005');
  await wb.xlsx.writeFile(file);
  const quiet = { stdout: () => {}, stderr: () => {} };
  const bareRead = async () => {
    const w = new ExcelJS.Workbook();
    await w.xlsx.readFile(file);
  };
  const checkRun = () => run(['check', file, '--json'], quiet);
  await bareRead();
  await checkRun();
  // Interleave the two so machine noise hits both alike.
  const bare = [];
  const check = [];
  for (let i = 0; i < 9; i++) {
    bare.push(...(await time(bareRead, 1)));
    check.push(...(await time(checkRun, 1)));
  }
  const ratio = median(check) / median(bare);
  console.log(`ExcelJS 读取 5,000 行工作簿：中位数 ${median(bare).toFixed(0)} ms`);
  console.log(`jixiao check 同一文件：中位数 ${median(check).toFixed(0)} ms，为 ExcelJS 读取的 ${ratio.toFixed(2)} 倍（目标 ≤ 1.5 倍）`);
  fs.rmSync(dir, { recursive: true, force: true });
})();
