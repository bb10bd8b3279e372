import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { address, analyzeWorkbook, validateEdit, gridTargets, type CellEdit, type TableResult, type WorkbookResult } from '../../src/core';
import { detectTables } from '../../src/core/layout/detect';
import { guardTableEdits } from '../../src/core/validate';
import { readGrid } from '../../src/cli/read';
import { writeScored } from '../../src/cli/write';
import { jixiao } from '../helpers/cli';
import { fixture } from '../helpers/fixtures';

/**
 * Issue 12 (write safety), items 1 and 3–8, each on a real workbook built by
 * scripts/edge-cases/safety.ts: one 项目支出绩效自评表 in A1:I12 (budget 100, spent 90, rate 90%,
 * execution 9 of 10 on row 4; three indicators weighted 30 on rows 8–10; 总分 H11, 等级 H12).
 * With nothing wrong: 99, 优.
 */
const edge = (file: string) => fixture(`edge/${file}`);

async function analyze(file: string, includeHidden = false): Promise<WorkbookResult> {
  const { grid } = await readGrid(edge(file));
  return analyzeWorkbook(grid, { includeHidden });
}

async function only(file: string): Promise<{ r: WorkbookResult; t: TableResult }> {
  const r = await analyze(file);
  expect(r.tables).toHaveLength(1);
  return { r, t: r.tables[0] };
}

const planOf = (r: WorkbookResult) => r.plan.map((e) => [e.cell, e.role, e.value]);
const messageOf = (t: TableResult, rule: string, cell: string | null) => t.findings.find((f) => f.rule === rule && f.cell === cell)?.message;
const tmp = (name: string) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'safety-')), name);

describe('the builder itself', () => {
  it('a table with no defect: 99, 优, nothing written, no finding', async () => {
    const { r, t } = await only('safety-baseline.xlsx');
    expect(t.total).toEqual({ score: 99, stated: 99, cell: 'H11' });
    expect(t.grade).toEqual({ value: '优', stated: '优', cell: 'H12' });
    expect(t.findings).toEqual([]);
    expect(r.plan).toEqual([]);
  });
});

describe('item 1: every edit stays in its own table and off the cells tables read', () => {
  it('each engine edit carries its table rectangle and lies in it, off every other table’s cells (side-by-side tables, offset rows)', async () => {
    const r = await analyze('safety-offset-tables.xlsx');
    expect(r.plan.length).toBeGreaterThan(0);
    for (const e of r.plan) {
      const t = r.tables.find((x) => x.range === e.table)!;
      expect(t).toBeDefined();
      expect(validateEdit(e, { sheet: () => ({ protected: false, hasFormula: () => false, mergeAt: () => undefined }) })).toBeNull();
    }
  });

  it('the plan check refuses an edit outside its table, on its own inputs, or on a cell another table reads', async () => {
    const { grid } = await readGrid(edge('safety-offset-tables.xlsx'));
    const layouts = detectTables(grid.sheets[0]);
    const ranges = layouts.map((l) => `${l.top}:${l.left}-${l.bottom}:${l.right}`);
    expect(ranges.length).toBe(2);
    const [a, b] = layouts;
    const rangeA = `A${a.top}:${String.fromCharCode(64 + a.right)}${a.bottom}`;
    const edit = (cell: string, row: number, col: number, table: string): CellEdit => ({ sheet: '自评表', row, col, cell, role: 'score', value: 1, previous: { t: 'empty' }, table });
    // A weight cell of table b, an edit planned by table a (inside a's rectangle only if they overlap).
    const bWeight = b.indicators[0].weight!;
    const aWeight = a.indicators[0].weight!;
    const { kept, refused } = guardTableEdits(
      [
        edit('Z99', 99, 26, rangeA),
        edit(aWeight.cell, aWeight.row, aWeight.col, rangeA),
        edit(bWeight.cell, bWeight.row, bWeight.col, `A1:Z99`),
      ],
      [a, b],
    );
    expect(kept).toEqual([]);
    expect(refused.map((p) => p.code)).toEqual(['outside-table', 'table-input', 'table-input']);
    expect(refused[0].message).toBe(`工作表「自评表」Z99 不在计算它的表（${rangeA}）范围内，拒绝写入`);
  });

  it('a table may correct its own stated score, never another table’s', async () => {
    const { grid } = await readGrid(edge('safety-offset-tables.xlsx'));
    const [a, b] = detectTables(grid.sheets[0]);
    const range = (l: typeof a): string => `${address(l.top, l.left)}:${address(l.bottom, l.right)}`;
    const edit = (c: { cell: string; row: number; col: number }, table: string): CellEdit => ({ sheet: '自评表', row: c.row, col: c.col, cell: c.cell, role: 'score', value: 1, previous: { t: 'empty' }, table });
    const aScore = a.indicators[1].score!;
    const bScore = b.indicators[1].score!;
    // b's stated score written by b: kept; the same cell written by a (as if a's rectangle
    // took it in): refused, b reads it; a's own stated score: kept.
    const wide = `A1:${address(b.bottom, b.right)}`;
    const { kept, refused } = guardTableEdits([edit(bScore, range(b)), edit(aScore, range(a))], [a, b]);
    expect(kept.map((e) => e.cell)).toEqual([bScore.cell, aScore.cell]);
    expect(refused).toEqual([]);
    const crossed = guardTableEdits([edit(bScore, wide), edit(bScore, range(b))], [{ ...a, top: 1, left: 1, bottom: b.bottom, right: b.right }, b]);
    expect(crossed.refused.map((p) => [p.code, p.edit.table])).toEqual([['table-input', wide]]);
    expect(crossed.refused[0].message).toBe(`工作表「自评表」${bScore.cell} 是另一张表（${range(b)}）读取的单元格，拒绝写入`);
    expect(crossed.kept.map((e) => [e.cell, e.table])).toEqual([[bScore.cell, range(b)]]);
  });

  it('validateEdit (every host’s check) refuses an edit outside its table; the CLI package writer writes nothing', async () => {
    const { grid } = await readGrid(edge('safety-baseline.xlsx'));
    const e: CellEdit = { sheet: '自评表', row: 19, col: 8, cell: 'H19', role: 'total', value: 84.47, previous: { t: 'empty' }, table: 'A1:I12' };
    expect(validateEdit(e, gridTargets(grid))).toMatchObject({ code: 'outside-table', message: '工作表「自评表」H19 不在计算它的表（A1:I12）范围内，拒绝写入' });
    const out = tmp('outside.xlsx');
    await expect(writeScored(edge('safety-baseline.xlsx'), [e], out)).rejects.toMatchObject({ reason: 'outside-table' });
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe('item 3: formulas that read written cells are counted', () => {
  it('three formulas (same sheet range, another sheet’s cell and range) read H8; the one reading H9 does not count', async () => {
    const r = await analyze('safety-formulas-read-writes.xlsx');
    expect(planOf(r)).toEqual([['H8', 'score', 24]]);
    expect(r.formulasReadingWrites).toEqual([
      { sheet: '自评表', cell: 'H11' },
      { sheet: '汇总', cell: 'B2' },
      { sheet: '汇总', cell: 'B3' },
    ]);
  });

  it('score prints the count, --json carries it, and the package recalculates on open', async () => {
    const out = tmp('formulas.xlsx');
    const res = await jixiao('score', edge('safety-formulas-read-writes.xlsx'), '-o', out);
    expect(res.out).toContain('3 个公式引用了写入的单元格，打开时将重新计算');
    const json = await jixiao('check', edge('safety-formulas-read-writes.xlsx'), '--json');
    expect(JSON.parse(json.out).files[0].formulasReadingWrites).toBe(3);
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    expect(await zip.file('xl/workbook.xml')!.async('string')).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });
});

describe('item 4: a total (and grade) only from sound weights', () => {
  it('a weight of spaces: the row is unscored, partial 69 reported, nothing written (was: 95 → 69)', async () => {
    const { r, t } = await only('safety-weight-spaces.xlsx');
    expect(t.total).toEqual({ score: 69, stated: 95, cell: 'H11' });
    expect(t.grade.value).toBeNull();
    expect(messageOf(t, 'total-incomplete', 'H11')).toBe(
      '总分不完整：1 个指标未计分（分值无法读取为数字：第 8 行）。按已计分部分合计为 69（预算执行率得分 9 + 已计分指标 60）；表中总分 95 未核对，计算结果未写入',
    );
    expect(r.plan).toEqual([]);
  });

  it('a weight under a merge: total-incomplete, nothing written', async () => {
    const { r, t } = await only('safety-weight-merged.xlsx');
    expect(t.findings.map((f) => `${f.rule}@${f.cell ?? '-'}`)).toEqual(['total-incomplete@H11', 'weight-sum@-', 'weight-covered-by-merge@G8']);
    expect(messageOf(t, 'total-incomplete', 'H11')).toContain('分值单元格被合并单元格覆盖：第 8 行');
    expect(r.plan).toEqual([]);
  });

  it('a weight in words (三十) is read as 30: 80 of ≥100 scores 24, total 93', async () => {
    const { r, t } = await only('safety-weight-words.xlsx');
    expect(t.indicators[0]).toMatchObject({ weight: 30, score: 24 });
    expect(t.total).toEqual({ score: 93, stated: 95, cell: 'H11' });
    expect(planOf(r)).toEqual([
      ['H8', 'score', 24],
      ['H11', 'total', 93],
    ]);
  });

  it('a weight in words with no single figure (三十左右) is flagged, nothing written', async () => {
    const { r, t } = await only('safety-weight-unreadable.xlsx');
    expect(messageOf(t, 'total-incomplete', 'H11')).toContain('分值无法读取为数字：第 8 行');
    expect(r.plan).toEqual([]);
  });

  it('weights summing to 110: weight-sum gives the computed 109, total and grade not written (was: 109 written)', async () => {
    const { r, t } = await only('safety-weight-sum-110.xlsx');
    expect(t.total).toEqual({ score: 109, stated: 99, cell: 'H11' });
    expect(messageOf(t, 'weight-sum', null)).toBe('指标分值合计 100 + 预算执行率分值 10 = 110，应为 100；按现有分值计算总分为 109，总分和评价等级未写入');
    expect(t.findings.map((f) => f.rule)).not.toContain('total-mismatch');
    expect(planOf(r)).toEqual([['H8', 'score', 40]]);
  });

  it('an amount in words (九十) is read: rate 90%, score 9, total 99 agrees', async () => {
    const { r, t } = await only('safety-amount-words.xlsx');
    expect(t.execution).toMatchObject({ executed: 90, rate: 0.9, score: 9 });
    expect(t.total).toEqual({ score: 99, stated: 99, cell: 'H11' });
    expect(r.plan).toEqual([]);
  });
});

describe('item 5: the user’s words in a cell the plan would write stay', () => {
  it('a score `扣6分` stays (text-kept says 24); a placeholder `—` is written', async () => {
    const { r, t } = await only('safety-score-words.xlsx');
    expect(messageOf(t, 'text-kept', 'H8')).toBe('得分单元格 H8 为文字「扣6分」，未改写；计算结果为 24，请核对后手工填写');
    expect(planOf(r)).toEqual([['H10', 'score', 30]]);
  });

  it('a grade `良（自评）` stays; grade-mismatch says 优 would be written', async () => {
    const { r, t } = await only('safety-grade-words.xlsx');
    expect(messageOf(t, 'grade-mismatch', 'H12')).toBe('评价等级应为「优」（总分 99），表中为「良（自评）」；单元格含文字说明，未改写，请核对后手工修改');
    expect(r.plan).toEqual([]);
  });
});

describe('item 6: numbers under date or time formats', () => {
  it('a stated total 95 in a yyyy-mm-dd cell is 95: total-mismatch, 99 written with General, check exits 1', async () => {
    const { r, t } = await only('safety-date-total.xlsx');
    expect(t.total).toEqual({ score: 99, stated: 95, cell: 'H11' });
    expect(messageOf(t, 'total-mismatch', 'H11')).toBe('总分应为 99（指标得分 90 + 预算执行率得分 9），表中为 95');
    expect(r.plan.map((e) => [e.cell, e.value, e.numFmt])).toEqual([['H11', 99, 'General']]);
    expect((await jixiao('check', edge('safety-date-total.xlsx'))).code).toBe(1);
  });

  it('a score 8 under yyyy-mm-dd is 8 (30 due, written with General); 30 under [h]:mm:ss is 30, named by date-formatted-number', async () => {
    const { r, t } = await only('safety-date-score.xlsx');
    expect(t.indicators.map((i) => i.statedScore)).toEqual([30, 30, 8]);
    expect(r.plan.map((e) => [e.cell, e.value, e.numFmt ?? null])).toEqual([
      ['H10', 30, 'General'],
      ['H11', 99, null],
    ]);
    expect(messageOf(t, 'date-formatted-number', 'H8')).toBe(
      '得分单元格 H8 的数字 30 设置了日期或时间格式（[h]:mm:ss），显示为日期或时间；已按数字 30 读取，请改为常规或数值格式',
    );
  });

  it('a score written into an h:mm cell is a number in General in the package (never 576:00:00)', async () => {
    const out = tmp('time.xlsx');
    const res = await jixiao('score', edge('safety-time-format-written.xlsx'), '-o', out);
    expect(res.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const c = wb.getWorksheet('自评表')!.getCell('H8');
    expect([c.value, c.numFmt ?? 'General']).toEqual([24, 'General']);
  });
});

describe('item 7: hidden sheets and the add-in’s own', () => {
  it('by default only the visible sheet is read and written; the others are listed with their reason', async () => {
    const r = await analyze('safety-hidden-sheets.xlsx');
    expect(r.tables.map((t) => t.sheet)).toEqual(['可见']);
    expect(r.plan.map((e) => [e.sheet, e.cell, e.value])).toEqual([['可见', 'H11', 99]]);
    expect(r.skippedSheets).toEqual([
      { name: '隐藏', reason: 'hidden' },
      { name: '深度隐藏', reason: 'veryHidden' },
      { name: '绩效助手清理备份_20240101', reason: 'addin' },
      { name: '绩效助手数据', reason: 'addin' },
    ]);
  });

  it('includeHidden adds hidden and very hidden sheets, never the add-in’s own', async () => {
    const r = await analyze('safety-hidden-sheets.xlsx', true);
    expect(r.plan.map((e) => e.sheet)).toEqual(['可见', '隐藏', '深度隐藏']);
    expect(r.skippedSheets.map((s) => s.reason)).toEqual(['addin', 'addin']);
  });

  it('the CLI says which sheets were skipped and why (text and --json); --include-hidden writes them', async () => {
    const text = await jixiao('check', edge('safety-hidden-sheets.xlsx'));
    expect(text.out).toContain('工作表「隐藏」为隐藏工作表，未审核、未写入');
    expect(text.out).toContain('工作表「绩效助手清理备份_20240101」是绩效助手自己的工作表');
    const json = JSON.parse((await jixiao('check', edge('safety-hidden-sheets.xlsx'), '--json')).out);
    expect(json.files[0].skippedSheets.map((s: { reason: string }) => s.reason)).toEqual(['hidden', 'veryHidden', 'addin', 'addin']);
    const out = tmp('hidden.xlsx');
    const res = await jixiao('score', edge('safety-hidden-sheets.xlsx'), '--include-hidden', '-o', out, '--json');
    expect(JSON.parse(res.out).files[0].edits).toBe(3);
    const help = await jixiao('help');
    expect(help.out).toContain('--include-hidden');
  });
});

describe('item 8: text that only looks like data', () => {
  it('`=1+1` typed as text is words: the stated 30 stays, nothing written (was: 0.3 and total 69.3)', async () => {
    const { r, t } = await only('safety-text-formula-actual.xlsx');
    expect(t.indicators[0]).toMatchObject({ score: 30, method: 'stated' });
    expect(messageOf(t, 'actual-not-measured', 'F8')).toBe(
      '第 8 行「培训人数」年度指标值「≥100人」是数值指标，实际完成值「=1+1」不是实际数值，没有可计分的数值，保留表中得分 30；应填写实际完成的数值',
    );
    expect(r.plan).toEqual([]);
  });

  it('an actual with no figure gets no made-up full score: the row stays unscored, total incomplete, nothing written (was: 30 and 99)', async () => {
    const { r, t } = await only('safety-actual-no-figure.xlsx');
    expect(t.indicators[2]).toMatchObject({ score: null, statedScore: null });
    expect(messageOf(t, 'actual-not-measured', 'F10')).toBe(
      '第 10 行「学员满意度」年度指标值「≥90%」是数值指标，实际完成值「已完成（详见报告）」不是实际数值，没有可计分的数值，未计算得分；应填写实际完成的数值',
    );
    expect(messageOf(t, 'total-incomplete', 'H11')).toBe(
      '总分不完整：1 个指标未计分（实际完成值没有数值：第 10 行）。按已计分部分合计为 69（预算执行率得分 9 + 已计分指标 60）；表中总分 99 未核对，计算结果未写入',
    );
    expect(r.plan).toEqual([]);
  });
});
