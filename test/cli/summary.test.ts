/**
 * Issue 13: `jixiao check DIR --report 审核汇总.xlsx` writes the reviewer's summary workbook.
 * It is read back with ExcelJS (formats, links, panes, filter, conditional formats, print
 * set-up) and with the project's own reader (values), on a copy of the examples folder.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { buildSummary, displayWidth, type TableResult } from '../../src/core';
import { readGrid } from '../../src/cli/read';
import { jixiao, sha } from '../helpers/cli';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
let dir: string;
let report: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-summary-'));
  for (const f of fs.readdirSync(EXAMPLES)) if (f.endsWith('.xlsx')) fs.copyFileSync(path.join(EXAMPLES, f), path.join(dir, f));
  fs.writeFileSync(path.join(dir, '坏文件.xlsx'), '项目,得分\n');
  report = path.join(dir, '审核汇总.xlsx');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const HEADER = ['文件', '工作表', '单位或项目名称', '表类型', '全年预算数', '全年执行数', '执行率', '执行率得分', '指标得分', '总分（表中）', '总分（计算）', '差额（表中−计算）', '等级（表中）', '等级（计算）', '错误', '警告', '提示', '结论', '备注'];

async function load(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(report);
  return wb;
}

function rowValues(ws: ExcelJS.Worksheet, r: number, n: number): unknown[] {
  const out: unknown[] = [];
  for (let c = 1; c <= n; c++) {
    const v = ws.getCell(r, c).value;
    out.push(v === undefined ? null : v);
  }
  return out;
}

const link = (name: string) => ({ text: path.join(dir, name), hyperlink: name });

describe('check --report', () => {
  it('writes 汇总 / 问题 / 说明 with exact values, formats and links; the inputs are untouched', async () => {
    const before = fs.readdirSync(dir).map((f) => [f, sha(path.join(dir, f))]);
    const r = await jixiao('check', dir, '--report', report);
    expect(r.code).toBe(2); // 坏文件.xlsx cannot be read: as for check
    expect(r.err).toEqual([`${path.join(dir, '坏文件.xlsx')}：不是 Excel 工作簿（.xlsx）`]);
    expect(r.out.split('\n')).toEqual([
      '共 6 个文件、23 张表：错误 11，警告 42，提示 39；1 个无法处理',
      `审核汇总已写入 ${report}（7 个文件，其中 1 个无法读取；23 张表，其中 10 张有错误）`,
    ]);
    for (const [f, h] of before) expect(sha(path.join(dir, f))).toBe(h);

    const wb = await load();
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题', '说明']);
    const ws = wb.getWorksheet('汇总')!;
    expect(rowValues(ws, 1, 19)).toEqual(HEADER);
    expect(ws.rowCount).toBe(1 + 23 + 1);
    // The unreadable file is a row with its reason (never dropped).
    const bad = [...Array(ws.rowCount).keys()].map((i) => i + 1).find((r) => (ws.getCell(r, 1).value as { text?: string })?.text === path.join(dir, '坏文件.xlsx'))!;
    expect(rowValues(ws, bad, 19)).toEqual([link('坏文件.xlsx'), ...Array(16).fill(null), '无法读取', '不是 Excel 工作簿（.xlsx）']);
    const rows = [...Array(ws.rowCount - 1).keys()].map((i) => i + 2).filter((r) => r !== bad);
    // seed 000 专项业务培训: rate 83.49% (the report states 83.47%), one error.
    expect(rowValues(ws, rows[0], 19)).toEqual([link('seed000-shijiazhuang.xlsx'), '专项业务培训', '专项业务培训费', '项目支出绩效自评表', 10.42, 8.7, 0.8349, 8.35, 90, 98.35, 98.35, 0, null, '优', 1, 1, 0, '有错误', null]);
    // 劳模体检: the report's 99.97 is within tolerance of 99.98.
    expect(rowValues(ws, rows[1], 19)).toEqual([link('seed000-shijiazhuang.xlsx'), '劳模体检', '省部级以上劳模体检费', '项目支出绩效自评表', 20, 19.95, 0.9975, 9.98, 90, 99.97, 99.98, -0.01, null, '优', 0, 1, 0, '通过', null]);
    // A 绩效目标表 has no budget, total or grade.
    expect(rowValues(ws, rows[6], 19)).toEqual([link('seed001-boye.xlsx'), '项目绩效目标', '冀财行【2021】102号提前下达2022年困难职工及劳模帮扶救助专项资金', '绩效目标表', ...Array(10).fill(null), 0, 0, 1, '通过', null]);
    // seed 002 劳模服务 states 90 where 95.67 is computed.
    expect(rowValues(ws, rows[17], 19)).toEqual([link('seed002-shigu.xlsx'), '劳模服务', '劳模服务', '项目支出绩效自评表', 6, 3.4, 0.5667, 5.67, 90, 90, 95.67, -5.67, null, '优', 1, 4, 1, '有错误', null]);
    expect(rowValues(ws, rows[21], 19)).toEqual([link('seed003-jinzhong.xlsx'), '晋中', '晋中市总工会', '部门整体支出绩效评价指标体系', null, null, null, null, 91, 91, 91, 0, '优', '优', 0, 0, 0, '通过', null]);
    expect(rowValues(ws, rows[22], 12)).toEqual([link('seed004-liangzhou.xlsx'), '凉州', '凉州区总工会', '部门整体支出绩效自评表', 3002094.97, 2879927.69, 0.9593, 9.59, 83.03, 92.62, 92.62, 0]);

    // Number formats by column, on cells holding numbers.
    const fmt = (col: string) => ws.getCell(`${col}${rows[22]}`).numFmt;
    expect(['E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'O'].map(fmt)).toEqual(['#,##0.00', '#,##0.00', '0.00%', '0.00', '0.00', '0.00', '0.00', '+0.00;-0.00;0.00', '0']);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true });
    expect(ws.getCell(`A${rows[0]}`).font).toMatchObject({ underline: true });
    // Frozen header, filter over every row, print set-up.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:S25');
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    // Widths fit the Chinese text: 单位或项目名称 is capped at 36, 结论 fits 无法读取.
    expect(ws.getColumn(3).width).toBe(36);
    expect(ws.getColumn(18).width).toBe(10);
    expect(ws.getColumn(4).width).toBe(displayWidth('部门整体支出绩效评价指标体系') + 1);
    // Conditional colours: status and difference.
    const cf = (ws as unknown as { conditionalFormattings: { ref: string; rules: { type: string; formulae?: string[]; operator?: string; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[] }).conditionalFormattings;
    expect(cf.map((c) => [c.ref, c.rules[0].type, c.rules[0].operator ?? null, c.rules[0].formulae?.[0], c.rules[0].style?.fill?.bgColor?.argb])).toEqual([
      ['R2:R25', 'cellIs', 'equal', '"有错误"', 'FFFFC7CE'],
      ['R2:R25', 'cellIs', 'equal', '"无法读取"', 'FFFFEB9C'],
      ['R2:R25', 'cellIs', 'equal', '"通过"', 'FFC6EFCE'],
      ['L2:L25', 'expression', null, 'AND(ISNUMBER(L2),ABS(L2)>0.01)', 'FFFFC7CE'],
    ]);

    // 问题: one row per finding, as check --json has them.
    const doc = JSON.parse((await jixiao('check', dir, '--json')).out) as { files: { file: string; tables: TableResult[] }[] };
    const findings = doc.files.flatMap((f) => f.tables.flatMap((t) => t.findings.map((x) => [f.file, t.sheet, x])));
    const wp = wb.getWorksheet('问题')!;
    expect(rowValues(wp, 1, 7)).toEqual(['文件', '工作表', '单元格', '级别', '问题类型', '规则编号', '说明']);
    expect(wp.rowCount).toBe(1 + findings.length);
    expect(findings.length).toBe(11 + 42 + 39);
    expect(rowValues(wp, 2, 7)).toEqual([link('seed000-shijiazhuang.xlsx'), '专项业务培训', 'G8', '错误', '预算执行率不符', 'execution-rate-mismatch', '预算执行率应为 83.49%（全年执行数 8.7 ÷ 全年预算数 10.42），表中为 83.47%']);
    expect(wp.autoFilter).toBe(`A1:G${1 + findings.length}`);
    expect(wp.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    // 说明: profile, year, version, time, counts, how to read.
    const wa = wb.getWorksheet('说明')!;
    expect([2, 3, 4, 6, 7, 8, 9, 10, 11, 12].map((r) => rowValues(wa, r, 2))).toEqual([
      ['计分口径', 'mof-2020'],
      ['评价年度', '按各表所写年度'],
      ['工具版本', 'jixiao 0.1.0'],
      ['文件数', 7],
      ['无法读取的文件', 1],
      ['表数', 23],
      ['有错误的表', 10],
      ['错误数', 11],
      ['警告数', 42],
      ['提示数', 39],
    ]);
    expect(wa.getCell('A5').value).toBe('生成时间');
    expect(String(wa.getCell('B5').value)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    expect(wa.getCell('A13').value).toBe('如何阅读');
    expect(wa.autoFilter).toBeUndefined();

    // The project's own reader sees the same values.
    const { grid } = await readGrid(report);
    const sheet = grid.sheets[0];
    expect(sheet.cells[rows[17]]![11]).toMatchObject({ value: { t: 'number', v: 95.67 }, numFmt: '0.00' });
    expect(sheet.cells[rows[17]]![12]).toMatchObject({ value: { t: 'number', v: -5.67 }, numFmt: '+0.00;-0.00;0.00' });
    expect(sheet.cells[bad]![18]).toMatchObject({ value: { t: 'text', v: '无法读取' } });
  });

  it('an existing summary is replaced only with --force; the summary in the folder is not read as a submission', async () => {
    fs.writeFileSync(report, '旧的');
    const r = await jixiao('check', dir, '--report', report);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`jixiao：输出文件 ${report} 已存在，未写入任何文件；如需替换请加 --force`]);
    expect(fs.readFileSync(report, 'utf8')).toBe('旧的');
    const forced = await jixiao('check', dir, '--report', report, '--force', '--json');
    expect(JSON.parse(forced.out).report).toBe(report);
    expect(JSON.parse(forced.out).files.map((f: { file: string }) => path.basename(f.file))).not.toContain('审核汇总.xlsx');
    const again = await jixiao('check', dir, '--report', report, '--force');
    expect(again.out).toContain('（7 个文件，其中 1 个无法读取；23 张表');
  });

  it('refuses a summary that is not .xlsx, is a folder, or is one of the inputs', async () => {
    const input = path.join(dir, 'seed003-jinzhong.xlsx');
    expect((await jixiao('check', input, '--report', path.join(dir, 'x.csv'))).err[0]).toBe(`jixiao：审核汇总应保存为 .xlsx 文件，而 ${path.join(dir, 'x.csv')} 不是`);
    const r = await jixiao('check', input, '--report', input, '--force');
    expect(r.code).toBe(2);
    expect(r.err[0]).toBe(`jixiao：审核汇总 ${input} 与输入文件相同，未写入任何文件；请换一个文件名`);
    expect((await jixiao('score', input, '--report', report)).err[0]).toBe('jixiao：score 不支持参数 --report（--report 用于 check）');
  });

  it('.xls files that cannot be converted (no LibreOffice) are rows with the reason', async () => {
    process.env.JIXIAO_SOFFICE = '';
    try {
      fs.writeFileSync(path.join(dir, '旧表.xls'), 'legacy');
      const r = await jixiao('check', dir, '--report', report);
      expect(r.err).toContain(`jixiao：注意：${path.join(dir, '旧表.xls')} 不是 .xlsx 文件，未审核（请在 Excel 中另存为 .xlsx；未找到 LibreOffice（soffice），无法自动转换 .xls）`);
      const ws = (await load()).getWorksheet('汇总')!;
      expect(rowValues(ws, ws.rowCount, 19)).toEqual([link('旧表.xls'), ...Array(16).fill(null), '无法读取', '不是 .xlsx 文件，未审核（请在 Excel 中另存为 .xlsx；未找到 LibreOffice（soffice），无法自动转换 .xls）']);
    } finally {
      delete process.env.JIXIAO_SOFFICE;
    }
  });
});

describe('buildSummary (the core, host-neutral)', () => {
  it('keeps column definitions as data and fits widths to Chinese text', () => {
    const s = buildSummary([{ file: '甲.xlsx', tables: [], failed: '甲.xlsx：找不到文件' }], { profile: 'hubei', year: 2023, tool: 't', generatedAt: 'now' });
    const [sum, problems, about] = s.sheets;
    expect(sum.columns.map((c) => [c.key, c.kind, c.numFmt]).slice(4, 8)).toEqual([
      ['budget', 'amount', '#,##0.00'],
      ['executed', 'amount', '#,##0.00'],
      ['rate', 'rate', '0.00%'],
      ['executionScore', 'score', '0.00'],
    ]);
    expect(sum.rows).toEqual([['甲.xlsx', ...Array(16).fill(null), '无法读取', '找不到文件']]);
    expect(problems.rows).toEqual([]);
    expect(about.rows[1]).toEqual(['评价年度', '2023（表中未写年度时）']);
    expect(s.counts).toEqual({ files: 1, unreadable: 1, tables: 0, tablesWithErrors: 0, findings: { error: 0, warning: 0, info: 0 } });
    expect(displayWidth('总分（计算）')).toBe(12);
    expect(displayWidth('A1:S25')).toBe(6);
  });
});
