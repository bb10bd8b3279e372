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

/* ---- Helpers for the rule tests (test/rules). ---- */

/**
 * A project spec whose budget block carries a reason cell: a first budget row `其他资金` with
 * `偏差原因分析及改进措施` in I and the reason in J (first, so that the label does not sit right
 * above the indicator header, where it would read as a header row).
 */
export function withBudgetReason(spec: ProjectSpec, reason: V): ProjectSpec {
  return { ...spec, budget: [['其他资金', null, null, null, null, null, null, '偏差原因分析及改进措施', reason], ...(spec.budget ?? [])] };
}

export interface CompletionRowSpec {
  l1?: string;
  l2?: string;
  l3: string;
  target?: V;
  actual?: V;
  unit?: V;
  weight?: V;
  completion?: V;
  score?: V;
}

/**
 * A department table with a 完成率 column, laid out like seed 004 (columns A–J): row 1 title,
 * 2 部门(单位名称), 3 header `一级指标 … 单位 分值 完成率 得分 未完成原因分析`, rows from 4.
 */
export function completionSheet(rows: CompletionRowSpec[], name = 'Sheet1'): SheetGrid {
  const out: V[][] = [
    ['部门整体支出绩效自评表'],
    ['部门(单位名称)', '测试单位'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '单位', '分值', '完成率', '得分', '未完成原因分析'],
  ];
  for (const r of rows) {
    out.push([r.l1 ?? '部门管理', r.l2 ?? '财务管理', r.l3, r.target ?? null, r.actual ?? null, r.unit ?? null, r.weight ?? null, r.completion ?? null, r.score ?? null, null]);
  }
  return sheetFromRows(name, out, [{ top: 1, left: 1, bottom: 1, right: 10 }]);
}

export interface EvaluationGroupSpec {
  /** 一级 name of the subtotal row (投入, 过程, 产出, 效果). */
  label: string;
  weight: V;
  score: V;
  rows: Array<{ l2: string; l3: string; weight: V; analysis?: V; score: V }>;
}

/**
 * A 部门整体支出绩效评价指标体系 like seed 003 (columns A–G): row 1 title, 2 单位名称,
 * 3 header `一级指标 二级指标 三级指标 参考分值 设定分值 计算分析情况 评价得分`, then per group
 * a subtotal row and its indicator rows (参考分值 = 设定分值), then 综合得分 when given.
 */
export function evaluationSheet(groups: EvaluationGroupSpec[], total?: V, name = 'Sheet1'): SheetGrid {
  const out: V[][] = [
    ['部门整体支出绩效自评表'],
    ['单位名称', '测试单位'],
    ['一级指标', '二级指标', '三级指标', '参考分值', '设定分值', '计算分析情况', '评价得分'],
  ];
  for (const g of groups) {
    out.push([g.label, null, null, g.weight, g.weight, '——', g.score]);
    for (const r of g.rows) out.push([null, r.l2, r.l3, r.weight, r.weight, r.analysis ?? null, r.score]);
  }
  if (total !== undefined) out.push(['综合得分', null, null, 100, 100, null, total]);
  return sheetFromRows(name, out, [{ top: 1, left: 1, bottom: 1, right: 7 }]);
}

/**
 * A 项目绩效目标表 (target table, seed 001 style; columns A–D): row 1 title, 2 header
 * `一级指标 二级指标 三级指标 指标值`, rows from 3. No actual or score: nothing is scored.
 */
export function targetSheet(indicators: Array<{ l1?: string; l2?: string; l3: string; target?: V }>, name = 'Sheet1'): SheetGrid {
  const out: V[][] = [['项目绩效目标表'], ['一级指标', '二级指标', '三级指标', '指标值']];
  for (const i of indicators) out.push([i.l1 ?? '产出指标', i.l2 ?? '数量指标', i.l3, i.target ?? null]);
  return sheetFromRows(name, out, [{ top: 1, left: 1, bottom: 1, right: 4 }]);
}

/** The findings of one rule across every table of an analysis. */
export function findingsOf(r: ReturnType<typeof analyze>, id: string) {
  return r.tables.flatMap((t) => t.findings).filter((f) => f.rule === id);
}
