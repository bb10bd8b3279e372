import { analyzeWorkbook, sheetFromRows, type Cell, type MergedArea, type Plan, type Profile, type SheetGrid, type WorkbookGrid } from '../../src/core';

type V = string | number | boolean | null | Cell;

export interface IndicatorSpec {
  l1?: string;
  l2?: string;
  l3: string;
  target?: V;
  actual?: V;
  weight?: V;
  score?: V;
  reason?: V;
}

export interface ProjectSpec {
  name?: string;
  /** Budget rows: [label, 年初, 全年, 执行, 分值, 执行率, 得分]. */
  budget?: V[][];
  indicators: IndicatorSpec[];
  total?: V;
  grade?: V;
}

/**
 * A standard 项目支出绩效自评表 laid out like seed 002 (columns A–I), built from data:
 * row 1 title, 2 项目名称, 3 budget header, budget rows, indicator header, rows, 总分, 等级.
 */
export function projectSheet(spec: ProjectSpec, name = 'Sheet1'): SheetGrid {
  const rows: V[][] = [['项目支出绩效自评表'], ['项目名称', spec.name ?? '测试项目']];
  const merges: MergedArea[] = [{ top: 1, left: 1, bottom: 1, right: 9 }];
  if (spec.budget) {
    const top = rows.length + 1;
    rows.push(['项目资金(万元)', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分']);
    for (const b of spec.budget) rows.push(['', ...b]);
    merges.push({ top, left: 1, bottom: rows.length, right: 1 });
  }
  rows.push(['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']);
  for (const i of spec.indicators) {
    rows.push(['', i.l1 ?? '产出指标', i.l2 ?? '数量指标', i.l3, i.target ?? null, i.actual ?? null, i.weight ?? null, i.score ?? null, i.reason ?? null]);
  }
  if (spec.total !== undefined) rows.push(['总分', '', '', '', '', '', '', spec.total]);
  if (spec.grade !== undefined) rows.push(['评价等级', '', '', '', '', '', '', spec.grade]);
  return sheetFromRows(name, rows, merges);
}

export function book(...sheets: SheetGrid[]): WorkbookGrid {
  return { sheets };
}

/** Apply a plan to a grid the way a host would (values and formats, top-left cells only). */
export function applyPlan(grid: WorkbookGrid, plan: Plan): WorkbookGrid {
  return {
    sheets: grid.sheets.map((s) => {
      const edits = plan.filter((e) => e.sheet === s.name);
      if (!edits.length) return s;
      const cells = s.cells.map((r) => (r ? [...r] : r));
      for (const e of edits) {
        const row = (cells[e.row] ??= []) as (Cell | undefined)[];
        const old = row[e.col];
        row[e.col] = {
          value: typeof e.value === 'number' ? { t: 'number', v: e.value } : { t: 'text', v: e.value },
          numFmt: e.numFmt ?? old?.numFmt,
        };
      }
      return { ...s, cells, rowCount: Math.max(s.rowCount, ...edits.map((e) => e.row)) };
    }),
  };
}

export function analyze(grid: WorkbookGrid, profile?: Profile) {
  return analyzeWorkbook(grid, { profile });
}

/** Stack sheets vertically onto one sheet with `gap` blank rows between them (merges shifted). */
export function stackSheets(name: string, sheets: readonly SheetGrid[], gap = 2): SheetGrid {
  const cells: (Cell | undefined)[][] = [];
  const merges: MergedArea[] = [];
  let offset = 0;
  let colCount = 0;
  for (const s of sheets) {
    for (let r = 1; r <= s.rowCount; r++) {
      const row = s.cells[r];
      if (row) cells[r + offset] = [...row];
    }
    for (const m of s.merges) merges.push({ top: m.top + offset, bottom: m.bottom + offset, left: m.left, right: m.right });
    colCount = Math.max(colCount, s.colCount);
    offset += s.rowCount + gap;
  }
  return { name, rowCount: offset - gap, colCount, cells, merges };
}
