/**
 * The benchmark workbooks' rows, in one place: a project table whose indicator block cycles
 * through six 二级指标 (`rowsFor`), the same with debris in one row in ten for the clean-up
 * benches (`dirtyRowsFor`, `writeDirty`), and the single rows `bench/million.js` streams.
 */
'use strict';
const ExcelJS = require('exceljs');

const LEVEL2 = [
  ['产出指标', '数量指标', (i) => [`≥${100 + (i % 50)}人`, `${95 + (i % 60)}人`]],
  ['产出指标', '质量指标', (i) => ['≥95%', `${90 + (i % 10)}%`]],
  ['产出指标', '时效指标', () => ['2023年12月31日之前', '按时完成']],
  ['产出指标', '成本指标', (i) => [`≤${4000 + (i % 500)}元`, `${3900 + (i % 700)}元`]],
  ['效益指标', '社会效益指标', () => ['效果明显', '全面完成']],
  ['满意度指标', '服务对象满意度指标', () => ['≥90%', '95%']],
];

/** Title, project, budget block and the indicator header (5 rows). */
function head(project = '基准测试项目') {
  return [
    ['项目支出绩效自评表'],
    ['项目名称', project],
    ['项目资金(万元)', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['', '年度资金总额', 100, 120, 110.5, 10, '', ''],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ];
}

/** Indicator row `i` (0-based). */
function indicatorRow(i) {
  const [l1, l2, f] = LEVEL2[i % LEVEL2.length];
  const [t, a] = f(i);
  return ['', l1, l2, `指标${i + 1}`, t, a, 0.01, '', ''];
}

/** A clean table of `n` indicator rows and an empty 总分 row. */
function rowsFor(n) {
  const rows = head();
  for (let i = 0; i < n; i++) rows.push(indicatorRow(i));
  rows.push(['总分', '', '', '', '', '', '', '']);
  return rows;
}

/**
 * Debris in one row in ten: HTML, full-width notation, a text number, a placeholder row.
 * `total` is the 总分 row's weight cell (e.g. a SUM formula), empty by default.
 */
function dirtyRowsFor(n, total = '') {
  const rows = head();
  for (let i = 0; i < n; i++) {
    const row = indicatorRow(i);
    if (i % 10 === 1) row[5] = `<p>${row[5]}</p>`;
    if (i % 10 === 3) row[4] = row[4].replace(/≥/g, '＞＝').replace(/%/g, '％');
    if (i % 10 === 5) row[6] = ' 0.01';
    if (i % 10 === 7) [row[3], row[4], row[5], row[6]] = ['无', '', '', ''];
    rows.push(row);
  }
  rows.push(['总分', '', '', '', '', '', total, '']);
  return rows;
}

/** The dirty table of `n` rows on sheet 基准, 绩效指标 merged down the block, written to `file`. */
async function writeDirty(file, n = 5000, total = '') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('基准');
  for (const r of dirtyRowsFor(n, total)) ws.addRow(r);
  ws.mergeCells(`A5:A${n + 5}`);
  await wb.xlsx.writeFile(file);
}

module.exports = { LEVEL2, head, indicatorRow, rowsFor, dirtyRowsFor, writeDirty };
