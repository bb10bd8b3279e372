import { fmt, fmtPct, roundTo } from '../num';
import { annotatedNumber } from '../scoring/indicator';
import { withinTolerance } from '../scoring/table';
import { quote } from './describe';
import { rule, type Hit } from './types';

const AMOUNT_LABEL = { initialBudget: '年初预算数', budget: '全年预算数', executed: '全年执行数' } as const;

/** A sub-row as named in a message: its label less the 其中 marker. */
const subRowName = (label: string, row: number) => label.replace(/\s+/g, '').replace(/^其中[:：]?/, '') || `第 ${row} 行`;

/** SPEC §9 `execution-rate-mismatch`: stated 执行率 ≠ 执行数 ÷ 预算数 at its own precision. */
export const executionRateMismatch = rule('execution-rate-mismatch', 'error', (t) => {
  const e = t.execution;
  if (!e || e.rate === null || !e.statedRate || e.statedRate.matches) return [];
  return [
    {
      cell: e.statedRate.cell.cell,
      message: `预算执行率应为 ${fmtPct(e.rate)}（全年执行数 ${fmt(e.executed)} ÷ ${e.usedInitial ? '年初预算数' : '全年预算数'} ${fmt(e.budget)}），表中为 ${fmtPct(e.statedRate.value)}`,
    },
  ];
}, { fixedByWrite: true });

/** SPEC §9 `execution-score-mismatch`: stated execution score (or 扣分) ≠ computed. */
export const executionScoreMismatch = rule('execution-score-mismatch', 'error', (t) => {
  const e = t.execution;
  if (!e || e.score === null) return [];
  const out: Hit[] = [];
  const annotated = annotatedNumber(e.statedScore);
  const s = e.statedScore?.value ?? annotated;
  if (e.statedScore && s != null && !withinTolerance(s, e.score, t.profile)) {
    const raw = e.statedScore.raw;
    out.push({
      cell: e.statedScore.cell,
      message:
        annotated !== null && raw.t === 'text'
          ? `预算执行率得分应为 ${fmt(e.score)}（分值 ${fmt(e.weight)} × 执行率 ${fmtPct(e.rate)}），表中为「${quote(raw.v)}」（按 ${fmt(s)} 读取）；单元格含文字说明，未改写，请核对后手工修改`
          : `预算执行率得分应为 ${fmt(e.score)}（分值 ${fmt(e.weight)} × 执行率 ${fmtPct(e.rate)}），表中为 ${fmt(s)}`,
    });
  }
  const d = e.statedDeduction?.value;
  if (e.statedDeduction && d != null && e.deduction !== null && !withinTolerance(d, e.deduction, t.profile)) {
    out.push({
      cell: e.statedDeduction.cell,
      message: `预算执行率扣分应为 ${fmt(e.deduction)}（分值 ${fmt(e.weight)} − 得分 ${fmt(e.score)}），表中为 ${fmt(d)}`,
    });
  }
  return out;
}, { fixedByWrite: true });

/** SPEC §9 `execution-missing`: the block is there but its rate, score or total row is empty. */
export const executionMissing = rule('execution-missing', 'warning', (t) => {
  const e = t.execution;
  if (!e) return [];
  const out: Hit[] = [];
  const totalRowCell = e.rateCell?.cell ?? e.block.totalRow.amounts.executed?.cell ?? null;
  if (e.fromSubRows) {
    out.push({
      cell: e.block.totalRow.amounts.executed?.cell ?? totalRowCell,
      message: `资金总额行未填写金额，已按明细行合计计算：全年预算数 ${fmt(e.budget)}，全年执行数 ${fmt(e.executed)}`,
    });
  }
  if (e.filledFromSubRows.length) {
    const parts = e.filledFromSubRows.map((k) => {
      const items = e.children.filter((r) => r.amounts[k]?.value != null).map((r) => `${subRowName(r.label, r.row)} ${fmt(r.amounts[k]!.value)}`);
      return `${AMOUNT_LABEL[k]} ${fmt(k === 'executed' ? e.executed : k === 'budget' && !e.usedInitial ? e.budget : e.initialBudget)}（${items.join(' + ')}）`;
    });
    out.push({
      cell: e.block.totalRow.amounts[e.filledFromSubRows[0]]?.cell ?? totalRowCell,
      message: `资金总额行未填写${e.filledFromSubRows.map((k) => AMOUNT_LABEL[k]).join('、')}，已按明细行合计计算：${parts.join('；')}`,
    });
  }
  // A formula cell (even one never calculated) is `formula-result-mismatch`'s: one finding per cell.
  if (e.rate !== null && !e.statedRate && e.block.columns.rate !== undefined && e.rateCell?.formula === undefined) {
    out.push({ cell: e.rateCell?.cell ?? null, message: `预算执行率未填写，应为 ${fmtPct(e.rate)}` });
  }
  if (e.score !== null && !e.statedScore && e.block.columns.score !== undefined && e.scoreCell?.formula === undefined) {
    out.push({ cell: e.scoreCell?.cell ?? null, message: `预算执行率得分未填写，应为 ${fmt(e.score)}（分值 ${fmt(e.weight)}）` });
  }
  return out;
}, { fixedByWrite: true });

/** SPEC §9 `execution-over-budget`. */
export const executionOverBudget = rule('execution-over-budget', 'warning', (t) => {
  const e = t.execution;
  if (!e || e.budget === null || e.executed === null || e.budget.isZero() || !e.executed.gt(e.budget)) return [];
  return [
    {
      cell: e.block.totalRow.amounts.executed?.cell ?? null,
      message: `全年执行数 ${fmt(e.executed)} 超过${e.usedInitial ? '年初预算数' : '全年预算数'} ${fmt(e.budget)}，执行率 ${fmtPct(e.rate)}`,
    },
  ];
});

/** SPEC §9 `execution-denominator`: 年初预算数 used because 全年预算数 is empty. */
export const executionDenominator = rule('execution-denominator', 'warning', (t) => {
  const e = t.execution;
  if (!e || !e.usedInitial) return [];
  return [
    {
      cell: e.block.totalRow.amounts.budget?.cell ?? e.block.totalRow.amounts.initialBudget?.cell ?? null,
      message: `全年预算数未填写，已用年初预算数 ${fmt(e.initialBudget)} 计算执行率`,
    },
  ];
});

/** SPEC §9 `execution-no-budget`: spending against a zero or empty budget. */
export const executionNoBudget = rule('execution-no-budget', 'error', (t) => {
  const e = t.execution;
  if (!e || !e.noBudget) return [];
  return [
    {
      cell: e.block.totalRow.amounts.budget?.cell ?? null,
      message: `预算数为 ${e.budget === null ? '空' : fmt(e.budget)}，但全年执行数为 ${fmt(e.executed)}，无法计算执行率`,
    },
  ];
});

/**
 * Issue 12 item 2 `rate-percent-number` (info): the table writes its rates as percent numbers
 * (95.93 in a General cell, not 95.93%): computed rates are written the same way, and the
 * finding says so and where the convention was read.
 */
export const ratePercentNumber = rule('rate-percent-number', 'info', (t) => {
  const e = t.execution;
  if (!e || e.rateConvention.kind !== 'percent-number' || e.block.columns.rate === undefined) return [];
  const c = e.rateConvention;
  const where = c.source === 'table' ? `本表 ${c.cells.join('、')}` : `同一工作表其他表格的 ${c.cells.join('、')}`;
  const written = e.rate !== null ? `计算所得执行率按同一写法写入 ${fmt(roundTo(e.rate.times(100), 2))}（不加 % 格式）` : '计算所得执行率按同一写法写入';
  return [
    {
      cell: e.rateCell?.cell ?? c.cells[0] ?? null,
      message: `执行率以百分数数值填写（依据：${where}，如 95.93 即 95.93%）；${written}，引用该单元格并除以 100 的公式仍然正确`,
    },
  ];
});

/**
 * Issue 12 item 9 `execution-weight-from-header` (info): the 得分/分值 header states the
 * execution weight (`得分(20分*执行率)`): it is this table's, overriding the profile default.
 */
export const executionWeightFromHeader = rule('execution-weight-from-header', 'info', (t) => {
  const e = t.execution;
  if (!e || e.weightSource !== 'header' || !e.block.headerWeight) return [];
  const h = e.block.headerWeight;
  return [
    {
      cell: h.cell,
      message: `预算执行率分值按表头「${quote(h.text)}」取 ${fmt(h.value)} 分（未用默认的 ${t.profile.executionWeight} 分）`,
    },
  ];
});
