/**
 * fast-check generators for the engine's property suite (test/property).
 *
 * Two families:
 * - fully random sheets: any cell kind, header words mixed with noise, random merges
 *   (overlapping, partly outside the used range, even inverted);
 * - structured 项目支出绩效自评表 sheets laid out like `projectSheet` (test/helpers/testbed.ts)
 *   but with random budget columns, synonyms, merges, formulas and realistic targets/actuals.
 *   A structured sheet comes with `StructuredMeta`: which cells the engine may write, per role.
 */
import fc from 'fast-check';
import { address, BUILT_IN_PROFILES, type Cell, type CellValue, type EditRole, type MergedArea, type Profile, type SheetGrid } from '../../src/core';

// ---------------------------------------------------------------------------------------------
// Cell values
// ---------------------------------------------------------------------------------------------

/** Header and label words the layout recogniser looks for. */
export const HEADER_WORDS = [
  '一级指标',
  '二级指标',
  '三级指标',
  '指标名称',
  '年度指标值',
  '指标值',
  '实际完成值',
  '完成值',
  '分值',
  '权重',
  '得分',
  '自评得分',
  '总分',
  '合计',
  '年度资金总额',
  '年初预算数',
  '全年预算数',
  '全年执行数',
  '执行数',
  '执行率',
  '扣分',
  '评价等级',
  '等级',
  '项目名称',
  '预算部门名称',
  '参考分值',
  '设定分值',
  '计算分析情况',
  '偏差原因分析及改进措施',
  '指标性质',
  '计量单位',
  '完成率',
  '项目支出绩效自评表',
  '部门整体支出绩效自评表',
  '产出指标',
  '效益指标（30分）',
  '满意度指标',
  '成本指标',
  '数量指标',
  '其中：当年财政拨款',
  '按收入性质分',
  '按支出性质分',
  '（2023年度）',
  '无',
  '优',
  '良好',
];

/** Characters the value parsers care about (as in test/values/property.test.ts). */
const DOMAIN_UNITS = [
  ...'0123456789.,%％‰≥≤=<>＞＜＝-—~()（）【】:：;，。、 \u3000\n',
  ...'万亿元人次场个年月日底前之分扣每少下降满是否有无未不没超指标事故完成基本部分满意达到以上以内大于小于等于控制在内含',
  '<p>',
  '&nbsp;',
  '100%-80%(含)',
  '2023年12月31日',
];
export const domainString = (maxLength: number) => fc.string({ unit: fc.constantFrom(...DOMAIN_UNITS), maxLength });

const ERRORS = ['#DIV/0!', '#N/A', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!'];
const FORMULAS = ['SUM(H5:H9)', 'E4/D4', 'G7*F7', 'IF(H8>=90,"优","良")', 'ROUND(F4*G4,2)', '#REF!+1'];
const NUM_FMTS = [undefined, undefined, '0.00%', '0%', '0.00', 'General', '@', 'yyyy-mm-dd'];

const extremeNumber = fc.constantFrom(0, -0, 1e308, -1e308, 1.7976931348623157e308, 5e-324, -5e-324, 1e-300, 1e21, 123456789012345680000, 0.1 + 0.2, 2.675, -1);
export const anyNumber = fc.oneof(
  { weight: 3, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -1000, max: 100000 }) },
  { weight: 2, arbitrary: fc.integer({ min: -100000, max: 10000000 }).map((n) => n / 100) },
  { weight: 2, arbitrary: extremeNumber },
);

const isoDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const tenThousand = fc.constantFrom('≥9%', '完成', '分值', 'a', '一级指标', '\u3000').map((s) => s.repeat(Math.ceil(10000 / s.length)).slice(0, 10000));

export const anyText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HEADER_WORDS) },
  { weight: 3, arbitrary: domainString(16) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: tenThousand },
);

export const anyValue: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 8, arbitrary: anyText.map((v): CellValue => ({ t: 'text', v })) },
  { weight: 6, arbitrary: anyNumber.map((v): CellValue => ({ t: 'number', v })) },
  { weight: 1, arbitrary: fc.boolean().map((v): CellValue => ({ t: 'boolean', v })) },
  { weight: 1, arbitrary: isoDate.map((v): CellValue => ({ t: 'date', v })) },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS).map((v): CellValue => ({ t: 'error', v })) },
  { weight: 1, arbitrary: fc.constant<CellValue>({ t: 'empty' }) },
);

/** Any cell a host could hand the engine, including formulas with and without a cached result. */
export const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ value: anyValue, numFmt: fc.constantFrom(...NUM_FMTS) }).map(({ value, numFmt }) => (numFmt ? { value, numFmt } : { value })) },
  { weight: 2, arbitrary: fc.record({ value: anyValue, formula: fc.constantFrom(...FORMULAS) }) },
  { weight: 1, arbitrary: fc.constantFrom(...FORMULAS).map((formula): Cell => ({ value: { t: 'empty' }, formula, formulaWithoutResult: true })) },
);

// ---------------------------------------------------------------------------------------------
// Fully random sheets
// ---------------------------------------------------------------------------------------------

function mergeArb(rows: number, cols: number): fc.Arbitrary<MergedArea> {
  const r = fc.integer({ min: 1, max: rows + 3 });
  const c = fc.integer({ min: 1, max: cols + 3 });
  const normal = fc.tuple(r, c, r, c).map(([a, b, x, y]) => ({ top: Math.min(a, x), left: Math.min(b, y), bottom: Math.max(a, x), right: Math.max(b, y) }));
  // Not something a host produces, but the engine must not fall over on it either.
  const odd = fc.record({
    top: fc.integer({ min: -2, max: rows + 3 }),
    left: fc.integer({ min: -2, max: cols + 3 }),
    bottom: fc.integer({ min: -2, max: rows + 3 }),
    right: fc.integer({ min: -2, max: cols + 3 }),
  });
  return fc.oneof({ weight: 9, arbitrary: normal }, { weight: 1, arbitrary: odd });
}

export interface RandomSheetOptions {
  readonly maxRows?: number;
  readonly maxCols?: number;
  /** Allow inverted / non-positive merges (outside what hosts produce). */
  readonly oddMerges?: boolean;
}

/** A sheet of random cells (about half empty) and random merges. */
export function randomSheet(name: string, opts: RandomSheetOptions = {}): fc.Arbitrary<SheetGrid> {
  const maxRows = opts.maxRows ?? 14;
  const maxCols = opts.maxCols ?? 10;
  return fc
    .tuple(fc.integer({ min: 0, max: maxRows }), fc.integer({ min: 0, max: maxCols }))
    .chain(([rows, cols]) =>
      fc.record({
        rows: fc.constant(rows),
        cols: fc.constant(cols),
        cells: fc.array(fc.array(fc.option(anyCell, { freq: 2, nil: undefined }), { minLength: cols, maxLength: cols }), {
          minLength: rows,
          maxLength: rows,
        }),
        merges: fc.array(opts.oddMerges === false ? mergeArb(rows, cols).filter(isProperMerge) : mergeArb(rows, cols), { maxLength: 5 }),
      }),
    )
    .map(({ rows, cols, cells, merges }) => {
      const grid: (Cell | undefined)[][] = [];
      cells.forEach((row, i) => {
        const r: (Cell | undefined)[] = [];
        row.forEach((cell, j) => {
          if (cell) r[j + 1] = cell;
        });
        grid[i + 1] = r;
      });
      return { name, rowCount: rows, colCount: cols, cells: grid, merges };
    });
}

function isProperMerge(m: MergedArea): boolean {
  return m.top >= 1 && m.left >= 1 && m.top <= m.bottom && m.left <= m.right;
}

// ---------------------------------------------------------------------------------------------
// Structured 项目支出绩效自评表 sheets
// ---------------------------------------------------------------------------------------------

type V = string | number | boolean | null | Cell;

const formulaCell = (v: number | null): Cell =>
  v === null ? { value: { t: 'empty' }, formula: 'SUM(H5:H9)', formulaWithoutResult: true } : { value: { t: 'number', v }, formula: 'SUM(H5:H9)' };

const UNITS = ['', '', '%', '‰', '元', '万元', '亿元', '人', '万人', '人次', '场', '场次', '次', '个', '家', '户', '篇', '天', '小时', '平方米', '㎡', '公里', '百分比', '分'];
const OPS = ['', '≥', '≤', '=', '>=', '<=', '>', '<', '＞＝', '≧', '大于', '不少于', '不低于', '达到', '至少', '小于', '不超过', '不高于', '小于等于', '控制在'];

const smallNumber = fc.oneof(
  fc.integer({ min: 0, max: 1000 }),
  fc.integer({ min: 0, max: 100000 }).map((n) => n / 100),
  fc.integer({ min: -50, max: 0 }),
  fc.constantFrom(0, 1, 1.5, 90, 100, 4500, 20000, 1e6, 0.001),
);
const numberText = smallNumber.map((n) => String(n));

/** `≥90%`, `不少于400人`, `控制在450元内`, `85%以上`, … */
const quantityText = fc.tuple(fc.constantFrom(...OPS), numberText, fc.constantFrom(...UNITS), fc.constantFrom('', '', '以上', '以内', '以下', '内')).map(([op, n, u, suffix]) =>
  op === '控制在' ? `${op}${n}${u}内` : `${op}${n}${u}${op ? '' : suffix}`,
);

export const REALISTIC_TARGETS = [
  '≥90%',
  '≥ 735 人次',
  '>=98%',
  '=100%',
  '<=0%',
  '不少于400人',
  '不低于85%',
  '达到1.5万人',
  '大于150场',
  '85%以上',
  '≤4500元',
  '小于等于4500元',
  '控制在450元内',
  '帮扶39人',
  '100',
  '43.2',
  '20万元',
  '为零',
  '事故事件为零',
  '0',
  '2023年12月31日之前',
  '2023年12月底',
  '12月底前',
  '2023年12月',
  '2024年12月31日之前',
  '100%-80%(含)',
  '80%-60%(含)',
  '60%-0%',
  '健全',
  '规范',
  '及时',
  '有效',
  '显著提升',
  '效果明显',
  '基本达成预期',
  '是否按时完成',
  '是否超指标',
  '有无促会社会稳定发展',
  '是否获得好评',
  '宣传次数大于等于5次得满分，下降一次扣一分',
  '每少1人扣0.5分',
  '全面完成',
  '按年初计划完成劳模服务任务34人',
  '215,457.6元',
  '≥９０％',
];

export const REALISTIC_ACTUALS = [
  '95%',
  '81%',
  '100%',
  '0%',
  '380人',
  '12000人',
  '1.2万人',
  '39人',
  '5000元',
  '4000元',
  '0',
  '1',
  '3次',
  '5次',
  '按时完成',
  '提前完成',
  '未按时完成',
  '全面完成',
  '已完成',
  '完成',
  '基本完成',
  '部分完成',
  '未完成',
  '未超指标',
  '超指标',
  '是',
  '否',
  '有',
  '无',
  '满意',
  '不满意',
  '100%-80%(含)',
  '80%-60%(含)',
  '60%-0%',
  '2023年12月20日',
  '2024年3月',
  '2023年11月',
  '≥266米',
  '-3次',
  '宣传国家政策',
  '效果明显',
  '有效',
];

const garbage = fc.oneof({ weight: 3, arbitrary: domainString(12) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) });

/** A target or actual cell: realistic forms, random quantities, numbers, garbage, empty. */
function targetOrActual(realistic: readonly string[]): fc.Arbitrary<V> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...realistic) },
    { weight: 4, arbitrary: quantityText },
    { weight: 2, arbitrary: smallNumber },
    { weight: 1, arbitrary: smallNumber.map((v): Cell => ({ value: { t: 'number', v: v / 100 }, numFmt: '0.00%' })) },
    { weight: 2, arbitrary: garbage },
    { weight: 1, arbitrary: isoDate.map((v): Cell => ({ value: { t: 'date', v } })) },
    { weight: 2, arbitrary: fc.constant(null) },
  );
}
export const targetArb = targetOrActual(REALISTIC_TARGETS);
export const actualArb = targetOrActual(REALISTIC_ACTUALS);

export const weightArb: fc.Arbitrary<V> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 50 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 9999 }).map((n) => n / 1000) },
  { weight: 1, arbitrary: fc.constantFrom<V>(null, 0, ' 6', '6分', '５', '10 ', '-5', -5, '二十', '') },
);

export const statedScoreArb: fc.Arbitrary<V> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: fc.integer({ min: -1000, max: 6000 }).map((n) => n / 100) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 50 }) },
  { weight: 1, arbitrary: fc.constantFrom<V>(' 6', '5分', '满分', '-', '/', '#DIV/0!', '', 1e308, -1e308, 1e-300) },
  { weight: 1, arbitrary: fc.option(fc.integer({ min: 0, max: 50 }), { nil: null }).map(formulaCell) },
  { weight: 1, arbitrary: fc.constantFrom(...ERRORS).map((v): Cell => ({ value: { t: 'error', v } })) },
);

const L1 = ['产出指标', '产出指标', '效益指标', '满意度指标', '成本指标', '产出指标（50分）', '效益指标(30分)', '满意度指标（10分）', ''];
const L2 = ['数量指标', '质量指标', '时效指标', '成本指标', '经济成本指标', '社会效益指标', '可持续影响指标', '服务对象满意度指标', ''];
const L3 = ['人数', '培训场次', '覆盖率', '人均救助标准', '人均体检费', '办公经费', '满意度', '宣传次数', '完成时间', '工作效率', '安全事故', '无', '', '/'];
/** Random indicator names from characters that spell no header, total or grade label. */
const nameChars = [...'甲乙丙丁戊己庚辛壬癸人数覆盖培训宣传活动帮扶困难职工劳模体检救助'];
const l3Arb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...L3) }, { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...nameChars), minLength: 1, maxLength: 6 }) });

export interface IndicatorRowSpec {
  readonly l1: string;
  readonly l2: string;
  readonly l3: string;
  readonly target: V;
  readonly actual: V;
  readonly weight: V;
  readonly score: V;
  readonly reason: V;
}

export const indicatorArb: fc.Arbitrary<IndicatorRowSpec> = fc.record({
  l1: fc.constantFrom(...L1),
  l2: fc.constantFrom(...L2),
  l3: l3Arb,
  target: targetArb,
  actual: actualArb,
  weight: weightArb,
  score: statedScoreArb,
  reason: fc.constantFrom<V>(null, null, '无', '0', '受疫情影响，活动延期', '原因分析'),
});

export type BudgetCol = 'initialBudget' | 'budget' | 'executed' | 'weight' | 'rate' | 'score' | 'deduction';
const BUDGET_ORDER: readonly BudgetCol[] = ['initialBudget', 'budget', 'executed', 'weight', 'rate', 'score', 'deduction'];
const BUDGET_HEADER_TEXT: Readonly<Record<BudgetCol, readonly string[]>> = {
  initialBudget: ['年初预算数', '年初预算数(万元)', '年初预算\n数'],
  budget: ['全年预算数', '调整后预算数', '全年预\n算数', '全年预算数(A)'],
  executed: ['全年执行数', '全年执行数(B)', '执行数', '实际支出'],
  weight: ['分值', '权重'],
  rate: ['执行率', '执行率(B/A)', '预算执行率'],
  score: ['得分'],
  deduction: ['扣分'],
};
const BUDGET_LABELS = ['年度资金总额', '年度资金总额', '其中：当年财政拨款', '上年结转资金', '其他资金', '合计', '1.专项资金', '(一)基本支出', '', '财政拨款'];

const moneyArb: fc.Arbitrary<V> = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: 1, max: 1000000 }).map((n) => n / 100) },
  { weight: 2, arbitrary: fc.constant(null) },
  // Magnitudes stop at 1e9 / 0.01 here: a rate past ~1e12 cannot be written back as a double at
  // 0.01-point precision, so idempotence is not promised for it. Extreme amounts still reach
  // budget cells through the mutated and fully random grids (never-throws, finite numbers).
  { weight: 1, arbitrary: fc.constantFrom<V>(0, ' 6', '3.4', '-2', -2, '215,457.6', '无', 1e9, 0.01) },
  { weight: 1, arbitrary: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }).map(formulaCell) },
);
const rateArb: fc.Arbitrary<V> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 12000 }).map((n) => n / 10000) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 12000 }).map((n) => `${n / 100}%`) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 12000 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 12000 }).map((n): Cell => ({ value: { t: 'number', v: n / 10000 }, numFmt: '0.00%' })) },
  { weight: 1, arbitrary: fc.option(fc.integer({ min: 0, max: 100 }).map((n) => n / 100), { nil: null }).map(formulaCell) },
  { weight: 1, arbitrary: fc.constantFrom<V>('#DIV/0!', '/', '') },
);
const budgetWeightArb: fc.Arbitrary<V> = fc.constantFrom<V>(10, 10, 20, null, ' 10', 0, 5.5, '十');
const budgetScoreArb: fc.Arbitrary<V> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 2, arbitrary: fc.integer({ min: -100, max: 2500 }).map((n) => n / 100) },
  { weight: 1, arbitrary: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }).map(formulaCell) },
  { weight: 1, arbitrary: fc.constantFrom<V>(' 8', '/', '') },
);

export interface BudgetRowSpec {
  readonly label: string;
  readonly values: Readonly<Record<BudgetCol, V>>;
}

const budgetRowArb: fc.Arbitrary<BudgetRowSpec> = fc.record({
  label: fc.constantFrom(...BUDGET_LABELS),
  values: fc.record({
    initialBudget: moneyArb,
    budget: moneyArb,
    executed: moneyArb,
    weight: budgetWeightArb,
    rate: rateArb,
    score: budgetScoreArb,
    deduction: budgetScoreArb,
  }),
});

export interface BudgetSpec {
  /** Columns present, in sheet order (C onwards); 全年执行数 and a budget column always. */
  readonly columns: readonly BudgetCol[];
  readonly headers: readonly string[];
  readonly rows: readonly BudgetRowSpec[];
  /** 项目资金 merged down column A over the block (as in seed 002). */
  readonly labelMerged: boolean;
  /** 执行率/得分/扣分 merged vertically over the block's data rows. */
  readonly mergeStated: boolean;
}

const budgetArb: fc.Arbitrary<BudgetSpec> = fc
  .record({
    initialBudget: fc.boolean(),
    budget: fc.boolean(),
    weight: fc.boolean(),
    rate: fc.boolean(),
    score: fc.boolean(),
    deduction: fc.boolean(),
    headerPick: fc.array(fc.nat(3), { minLength: 7, maxLength: 7 }),
    rows: fc.array(budgetRowArb, { minLength: 1, maxLength: 4 }),
    labelMerged: fc.boolean(),
    mergeStated: fc.boolean(),
  })
  .map((b) => {
    const want: Record<BudgetCol, boolean> = {
      initialBudget: b.initialBudget,
      budget: b.budget || !b.initialBudget,
      executed: true,
      weight: b.weight,
      rate: b.rate,
      score: b.score,
      deduction: b.deduction,
    };
    const columns = BUDGET_ORDER.filter((c) => want[c]);
    const headers = columns.map((c, i) => BUDGET_HEADER_TEXT[c][b.headerPick[i] % BUDGET_HEADER_TEXT[c].length]);
    return { columns, headers, rows: b.rows, labelMerged: b.labelMerged, mergeStated: b.mergeStated && b.rows.length > 1 };
  });

const HEADER_SYNONYMS = {
  level3: ['三级指标', '指标名称'],
  target: ['年度指标值', '指标值', '目标值', '年度\n指标值'],
  actual: ['实际完成值', '全年实际值', '完成值', '实际完值'],
  weight: ['分值', '权重', '指标分值', '分 值'],
  score: ['得分', '自评得分', '指标得分', '得　分'],
  reason: ['偏差原因分析及改进措施', '偏差原因', '原因分析'],
};

export interface StructuredSpec {
  readonly title: string | null;
  readonly name: string | null;
  readonly budget: BudgetSpec | null;
  readonly headers: { readonly [K in keyof typeof HEADER_SYNONYMS]: string };
  readonly indicators: readonly IndicatorRowSpec[];
  readonly mergeL1: boolean;
  readonly total: { readonly value: V; readonly labelMerged: boolean } | null;
  readonly grade: { readonly value: V; readonly labelMerged: boolean } | null;
}

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

/**
 * Mostly scorable rows: realistic target/actual pairs and positive numeric weights, so that
 * tables often get a total (properties about totals need them).
 */
export const cleanIndicatorArb: fc.Arbitrary<IndicatorRowSpec> = fc.record({
  l1: fc.constantFrom(...L1),
  l2: fc.constantFrom(...L2),
  l3: l3Arb,
  target: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...REALISTIC_TARGETS) }, { weight: 2, arbitrary: quantityText }, { weight: 1, arbitrary: smallNumber }),
  actual: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...REALISTIC_ACTUALS) }, { weight: 2, arbitrary: quantityText }, { weight: 1, arbitrary: smallNumber }),
  weight: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 50 }) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 5000 }).map((n) => n / 100) }),
  score: fc.oneof({ weight: 3, arbitrary: fc.constant<V>(null) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: 5000 }).map((n) => n / 100) }),
  reason: fc.constantFrom<V>(null, '无', '受疫情影响，活动延期'),
});

export const structuredSpecArb: fc.Arbitrary<StructuredSpec> = fc.record({
  title: fc.option(pick(['项目支出绩效自评表', '项目支出绩效自评表（2023年度）', '2023年度项目支出绩效自评表', '绩效自评表']), { freq: 6, nil: null }),
  name: fc.option(pick(['劳模服务', '双联工作', '省级困难帮扶和送温暖', '专项业务培训', '测试项目']), { freq: 6, nil: null }),
  budget: fc.option(budgetArb, { freq: 4, nil: null }),
  headers: fc.record({
    level3: pick(HEADER_SYNONYMS.level3),
    target: pick(HEADER_SYNONYMS.target),
    actual: pick(HEADER_SYNONYMS.actual),
    weight: pick(HEADER_SYNONYMS.weight),
    score: pick(HEADER_SYNONYMS.score),
    reason: pick(HEADER_SYNONYMS.reason),
  }),
  indicators: fc.oneof(fc.array(indicatorArb, { minLength: 1, maxLength: 7 }), fc.array(cleanIndicatorArb, { minLength: 1, maxLength: 7 })),
  mergeL1: fc.boolean(),
  total: fc.option(
    fc.record({
      value: fc.oneof(
        { weight: 3, arbitrary: fc.constant<V>(null) },
        { weight: 3, arbitrary: fc.integer({ min: 0, max: 11000 }).map((n) => n / 100) },
        { weight: 1, arbitrary: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }).map(formulaCell) },
        { weight: 1, arbitrary: fc.constantFrom<V>(' 90', '九十', '#VALUE!') },
      ),
      labelMerged: fc.boolean(),
    }),
    { freq: 5, nil: null },
  ),
  grade: fc.option(
    fc.record({
      value: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom<V>(null, '优', '良', '中', '差', '优秀', '良好', '一般', '较差', 'A', '不知道', 95) },
        // A grade computed by a formula from the total (=IF(H12>=90,"优",…)), with or without its cached result.
        { weight: 1, arbitrary: fc.constantFrom<V>(...['优', '良', '中', '差'].map((v): Cell => ({ value: { t: 'text', v }, formula: 'IF(H12>=90,"优",IF(H12>=80,"良",IF(H12>=60,"中","差")))' }))) },
        { weight: 1, arbitrary: fc.constant<V>({ value: { t: 'empty' }, formula: 'IF(H12>=90,"优","良")', formulaWithoutResult: true }) },
      ),
      labelMerged: fc.boolean(),
    }),
    { freq: 3, nil: null },
  ),
});

/** Where the engine may write on a structured sheet, per role (A1 addresses of top-left cells). */
export interface StructuredMeta {
  readonly allowed: Readonly<Record<EditRole, ReadonlySet<string>>>;
  /** Rows of the indicator block, the budget block's data rows, and the total/grade rows. */
  readonly indicatorRows: readonly number[];
  readonly budgetRows: readonly number[];
  readonly totalCell: string | null;
  readonly gradeCell: string | null;
}

export interface Structured {
  readonly sheet: SheetGrid;
  readonly meta: StructuredMeta;
  readonly spec: StructuredSpec;
}

function toCell(v: V): Cell | undefined {
  if (v === null || v === '') return undefined;
  if (typeof v === 'string') return { value: { t: 'text', v } };
  if (typeof v === 'number') return { value: { t: 'number', v } };
  if (typeof v === 'boolean') return { value: { t: 'boolean', v } };
  return v;
}

/**
 * Lay a spec out like `projectSheet` (columns A–I): title, 项目名称, budget header and rows
 * (columns chosen by the spec, from C), indicator header, indicator rows, 总分, 评价等级.
 */
export function buildStructured(spec: StructuredSpec, name = 'Sheet1'): Structured {
  const rows: V[][] = [];
  const merges: MergedArea[] = [];
  const allowed: Record<EditRole, Set<string>> = {
    score: new Set(),
    'execution-rate': new Set(),
    'execution-score': new Set(),
    deduction: new Set(),
    total: new Set(),
    grade: new Set(),
  };
  const width = Math.max(9, spec.budget ? 2 + spec.budget.columns.length : 0);
  if (spec.title !== null) {
    rows.push([spec.title]);
    merges.push({ top: 1, left: 1, bottom: 1, right: width });
  }
  if (spec.name !== null) rows.push(['项目名称', spec.name]);

  const budgetRows: number[] = [];
  if (spec.budget) {
    const b = spec.budget;
    const headerRow = rows.length + 1;
    rows.push(['项目资金(万元)', '资金来源', ...b.headers]);
    const first = headerRow + 1;
    const last = headerRow + b.rows.length;
    b.rows.forEach((br, i) => {
      const r = first + i;
      budgetRows.push(r);
      const row: V[] = ['', br.label];
      b.columns.forEach((col) => {
        const mergedCol = b.mergeStated && (col === 'rate' || col === 'score' || col === 'deduction');
        row.push(mergedCol && i > 0 ? null : br.values[col]);
      });
      rows.push(row);
    });
    if (b.labelMerged) merges.push({ top: headerRow, left: 1, bottom: last, right: 1 });
    b.columns.forEach((col, i) => {
      const c = 3 + i;
      const role: EditRole | null = col === 'rate' ? 'execution-rate' : col === 'score' ? 'execution-score' : col === 'deduction' ? 'deduction' : null;
      if (!role) return;
      if (b.mergeStated) {
        merges.push({ top: first, left: c, bottom: last, right: c });
        allowed[role].add(address(first, c));
      } else for (const r of budgetRows) allowed[role].add(address(r, c));
    });
  }

  const h = spec.headers;
  rows.push(['绩效指标', '一级指标', '二级指标', h.level3, h.target, h.actual, h.weight, h.score, h.reason]);
  const indicatorRows: number[] = [];
  let groupStart = -1;
  spec.indicators.forEach((ind, i) => {
    const r = rows.length + 1;
    indicatorRows.push(r);
    const prev = spec.indicators[i - 1];
    const continues = spec.mergeL1 && i > 0 && prev.l1 === ind.l1 && ind.l1 !== '';
    if (!continues) {
      if (groupStart > 0 && r - 1 > groupStart) merges.push({ top: groupStart, left: 2, bottom: r - 1, right: 2 });
      groupStart = r;
    }
    rows.push(['', continues ? null : ind.l1, ind.l2, ind.l3, ind.target, ind.actual, ind.weight, ind.score, ind.reason]);
    allowed.score.add(address(r, 8));
  });
  const lastInd = rows.length;
  if (spec.mergeL1 && groupStart > 0 && lastInd > groupStart) merges.push({ top: groupStart, left: 2, bottom: lastInd, right: 2 });

  let totalCell: string | null = null;
  if (spec.total) {
    const r = rows.length + 1;
    rows.push(['总分', '', '', '', '', '', '', spec.total.value]);
    if (spec.total.labelMerged) merges.push({ top: r, left: 1, bottom: r, right: 7 });
    totalCell = address(r, 8);
    allowed.total.add(totalCell);
  }
  let gradeCell: string | null = null;
  if (spec.grade) {
    const r = rows.length + 1;
    rows.push(['评价等级', '', '', '', '', '', '', spec.grade.value]);
    if (spec.grade.labelMerged) merges.push({ top: r, left: 1, bottom: r, right: 7 });
    gradeCell = address(r, 8);
    allowed.grade.add(gradeCell);
  }

  const cells: (Cell | undefined)[][] = [];
  rows.forEach((row, i) => {
    const r: (Cell | undefined)[] = [];
    row.forEach((v, j) => {
      const cell = toCell(v);
      if (cell) r[j + 1] = cell;
    });
    cells[i + 1] = r;
  });
  const sheet: SheetGrid = { name, rowCount: rows.length, colCount: width, cells, merges };
  return { sheet, meta: { allowed, indicatorRows, budgetRows, totalCell, gradeCell }, spec };
}

export const structuredArb = (name = 'Sheet1'): fc.Arbitrary<Structured> => structuredSpecArb.map((s) => buildStructured(s, name));

/**
 * A structured sheet with a few random cells overwritten and random merges added: deep
 * coverage of the layout recogniser with inputs no template produces.
 */
export const mutatedStructuredArb = (name = 'Sheet1'): fc.Arbitrary<SheetGrid> =>
  structuredArb(name).chain(({ sheet }) =>
    fc
      .record({
        edits: fc.array(fc.tuple(fc.integer({ min: 1, max: sheet.rowCount + 1 }), fc.integer({ min: 1, max: sheet.colCount + 1 }), fc.option(anyCell, { nil: undefined })), {
          minLength: 1,
          maxLength: 6,
        }),
        merges: fc.array(mergeArb(sheet.rowCount, sheet.colCount), { maxLength: 2 }),
      })
      .map(({ edits, merges }) => {
        const cells = sheet.cells.map((r) => (r ? [...r] : r));
        let rowCount = sheet.rowCount;
        let colCount = sheet.colCount;
        for (const [r, c, cell] of edits) {
          const row = (cells[r] ??= []) as (Cell | undefined)[];
          row[c] = cell;
          if (cell) {
            rowCount = Math.max(rowCount, r);
            colCount = Math.max(colCount, c);
          }
        }
        return { ...sheet, cells, rowCount, colCount, merges: [...sheet.merges, ...merges] };
      }),
  );

export const profileArb: fc.Arbitrary<Profile> = fc.constantFrom(...Object.values(BUILT_IN_PROFILES));
