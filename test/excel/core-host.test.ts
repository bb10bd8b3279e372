/** The engine changes the add-in needs: plan fields, marks, folded notes, one validation, one date conversion. */
import {
  analyzeWorkbook,
  fromExcelValue,
  gridTargets,
  isDateFormat,
  markedCells,
  sheetFromRows,
  toGridDate,
  validatePlan,
  type CellEdit,
  type WorkbookGrid,
} from '../../src/core';
import { convertValue } from '../../src/cli/read';

const edit = (over: Partial<CellEdit> = {}): CellEdit => ({
  sheet: 'S',
  row: 2,
  col: 2,
  cell: 'B2',
  role: 'score',
  value: 5,
  previous: { t: 'empty' },
  ...over,
});

describe('validatePlan (shared by both hosts)', () => {
  const grid: WorkbookGrid = {
    sheets: [
      { ...sheetFromRows('S', [[1, 2, 3], [4, null, { value: { t: 'number', v: 1 }, formula: 'A1' }], [7, 8, 9]], [{ top: 3, left: 1, bottom: 3, right: 2 }]) },
      { ...sheetFromRows('P', [[1]]), protected: true },
    ],
  };
  const targets = gridTargets(grid);
  test.each([
    [edit(), null],
    [edit({ sheet: '无' }), 'missing-sheet'],
    [edit({ cell: 'C2' }), 'bad-edit'],
    [edit({ row: 0, cell: 'B0' }), 'bad-edit'],
    [edit({ value: Number.NaN }), 'bad-edit'],
    [edit({ value: Infinity }), 'bad-edit'],
    [edit({ sheet: 'P' }), 'protected-sheet'],
    [edit({ row: 2, col: 3, cell: 'C2' }), 'formula-cell'],
    [edit({ row: 3, col: 2, cell: 'B3' }), 'merged-cell'],
    [edit({ row: 3, col: 1, cell: 'A3' }), null],
  ])('%o → %s', (e, code) => {
    const problems = validatePlan([e], targets);
    expect(problems.map((p) => p.code)).toEqual(code === null ? [] : [code]);
  });
  test('messages name sheet and cell in Chinese', () => {
    expect(validatePlan([edit({ row: 3, col: 2, cell: 'B3' })], targets)[0].message).toBe(
      '工作表「S」B3 位于合并单元格 A3:B3 中，只能写入其左上角单元格 A3，拒绝写入',
    );
    expect(validatePlan([edit({ sheet: 'P' })], targets)[0].message).toBe('工作表「P」受保护，拒绝写入 B2；请先撤销工作表保护');
  });
});

describe('dates from both hosts, converted in core', () => {
  test('an Excel serial under a date format and the ExcelJS Date of the same cell are the same grid date', () => {
    // The stored number rides along (issue 12 item 6): a figure cell reads it, not the date.
    expect(fromExcelValue(45291, 'yyyy-mm-dd')).toEqual({ t: 'date', v: '2023-12-31', serial: 45291 });
    expect(fromExcelValue(45291, 'yyyy"年"m"月"d"日"')).toEqual({ t: 'date', v: '2023-12-31', serial: 45291 });
    expect(toGridDate(new Date(Date.UTC(2023, 11, 31)))).toEqual({ t: 'date', v: '2023-12-31', serial: 45291 });
    expect(convertValue(new Date(Date.UTC(2023, 11, 31)))).toEqual(toGridDate(45291));
    expect(fromExcelValue(45291.75, 'yyyy/m/d h:mm')).toEqual({ t: 'date', v: '2023-12-31', serial: 45291.75 });
  });
  test('one isDateFormat for every host and the engine (issue 11, issue 12 item 6)', () => {
    const dates = ['yyyy-mm-dd', 'YYYY', 'YYYY/MM/DD', 'h:mm', '[h]:mm:ss', '[mm]:ss', '[ss]', 'bbbb', 'm/d/yy h:mm AM/PM', '[$-804]yyyy"年"m"月"', 'yyyy"年"m"月"d"日"'];
    const numbers = [null, '', 'General', '@', '\\d0', '0.00%', '0.00E+00', '#,##0"元"', '[Red]0.00', '0_);(0)', '[DBNum1][$-804]General', '"截至"0"天"', '#,##0.00_);[Red](#,##0.00)'];
    expect(dates.filter((f) => !isDateFormat(f))).toEqual([]);
    expect(numbers.filter((f) => isDateFormat(f))).toEqual([]);
  });
  test('numbers under number formats stay numbers; errors and empties are recognised', () => {
    expect(fromExcelValue(0.95, '0.00%')).toEqual({ t: 'number', v: 0.95 });
    expect(fromExcelValue(12, 'General')).toEqual({ t: 'number', v: 12 });
    expect(fromExcelValue(12, '#,##0.00_);[Red](#,##0.00)')).toEqual({ t: 'number', v: 12 });
    expect(fromExcelValue('#DIV/0!', 'General')).toEqual({ t: 'error', v: '#DIV/0!' });
    expect(fromExcelValue('', 'General')).toEqual({ t: 'empty' });
    expect(fromExcelValue('95%', 'General')).toEqual({ t: 'text', v: '95%' });
    expect(isDateFormat('[$-804]yyyy"年"m"月"')).toBe(true);
    expect(isDateFormat('0.00"元"')).toBe(false);
  });
});

describe('the plan carries what a host applies and undoes', () => {
  const rows = [
    ['项目支出绩效自评表'],
    ['项目名称', '测试项目'],
    ['项目资金(万元)', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['', '年度资金总额', 100, 100, 80, 10, { value: { t: 'text', v: '—' }, numFmt: '@' }, ''],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['', '产出指标', '数量指标', '培训人数', '≥100人', '120人', 50, 10, ''],
    ['', '效益指标', '社会效益指标', '群众满意', '≥90%', '95%', 40, 40, ''],
    ['总分', '', '', '', '', '', 100, '', ''],
  ] as const;
  const grid: WorkbookGrid = { sheets: [sheetFromRows('表', rows as never)] };
  const result = analyzeWorkbook(grid);

  test('edits: previous value and format, severity and note of the findings on the cell', () => {
    const g4 = result.plan.find((e) => e.cell === 'G4')!;
    expect(g4).toMatchObject({ role: 'execution-rate', value: 0.8, numFmt: '0.00%', previous: { t: 'text', v: '—' }, previousNumFmt: '@' });
    const h6 = result.plan.find((e) => e.cell === 'H6')!;
    expect(h6).toMatchObject({ previous: { t: 'number', v: 10 }, previousNumFmt: null, value: 50 });
    expect(h6.severity).toBe('warning');
    expect(h6.note).toBe('【绩效自评助手】\n[警告] 第 6 行「培训人数」得分应为 50（正向指标，实际 ÷ 目标 × 分值，分值 50），表中为 10（score-mismatch）');
    // Two findings on one cell: both lines, one note.
    expect(result.plan.find((e) => e.cell === 'G4')!.note!.split('\n')).toHaveLength(3);
    // The total has no finding: no mark.
    expect(result.plan.find((e) => e.cell === 'H8')).toMatchObject({ severity: null, note: null });
  });

  test('marks: finding cells that are not written; none doubles a plan cell', () => {
    const planned = new Set(result.plan.map((e) => e.cell));
    expect(result.marks.every((m) => !planned.has(m.cell))).toBe(true);
    const all = markedCells(result.plan, result.marks);
    const findingCells = new Set(result.tables.flatMap((t) => t.findings.map((f) => f.cell)).filter((c): c is string => c !== null));
    expect(new Set(all.map((m) => m.cell))).toEqual(findingCells);
  });

  test('cell notes are folded into the result', () => {
    const withError: WorkbookGrid = {
      sheets: [sheetFromRows('表', rows.map((r, i) => (i === 5 ? [...r.slice(0, 5), { value: { t: 'error', v: '#REF!' } }, ...r.slice(6)] : r)) as never)],
    };
    expect(analyzeWorkbook(withError).notes).toEqual([{ sheet: '表', cell: 'F6', message: '单元格为错误值 #REF!，按空白处理' }]);
    expect(result.notes).toEqual([]);
  });
});
