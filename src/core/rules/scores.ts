import { belowZero, cmp, fmt, fmtPct } from '../num';
import { withinTolerance } from '../scoring/table';
import { quote, rowLabel } from './describe';
import { rule } from './types';
import { dict } from '../dict';

const METHOD_LABEL: Readonly<Record<string, string>> = dict({
  positive: '正向指标，实际 ÷ 目标 × 分值',
  negative: '反向指标，目标 ÷ 实际 × 分值',
  equal: '等于目标值，按正向计分',
  zero: '目标为零，实际不超过 0 得满分',
  date: '时限指标，按期完成得满分',
  rule: '按指标值中的扣分规则计分',
  qualitative: '定性指标，按达成档次取分',
});


/** SPEC §9 `score-mismatch`: a stated row score differs from the computed one beyond tolerance. */
export const scoreMismatch = rule('score-mismatch', 'warning', (t) =>
  t.indicators
    // A qualitative score outside its band is `qualitative-band`'s finding, with the band in the message.
    // A score with a remark (`9（扣1分）`) is `score-annotated`'s: one finding per cell.
    .filter((i) => i.stated !== null && i.score !== null && i.method !== 'stated' && !i.statedOutsideBand && !i.statedAnnotated && !withinTolerance(i.stated, i.score, t.profile))
    .map((i) => ({
      cell: i.row.score?.cell ?? null,
      message: `${rowLabel(i)}得分应为 ${fmt(i.score)}（${METHOD_LABEL[i.method ?? ''] ?? ''}，分值 ${fmt(i.weight)}），表中为 ${fmt(i.stated)}`,
    })),
  { fixedByWrite: true },
);

/** SPEC §9 `score-exceeds-weight`. */
export const scoreExceedsWeight = rule('score-exceeds-weight', 'error', (t) =>
  t.indicators
    // Against a negative weight every score "exceeds" it: that row is `weight-negative`'s.
    .filter((i) => i.stated !== null && i.weight !== null && !belowZero(i.weight) && cmp(i.stated, i.weight) > 0)
    .map((i) => ({ cell: i.row.score?.cell ?? null, message: `${rowLabel(i)}得分 ${fmt(i.stated)} 超过分值 ${fmt(i.weight)}` })),
  { fixedByWrite: true },
);

/** SPEC §9 `score-negative`. */
export const scoreNegative = rule('score-negative', 'error', (t) =>
  t.indicators
    .filter((i) => i.stated !== null && belowZero(i.stated))
    .map((i) => ({
      cell: i.row.score?.cell ?? null,
      message: `${rowLabel(i)}得分 ${fmt(i.stated)} 为负数，得分不能低于 0${i.score === null ? '；该得分不计入总分，总分未写入' : `；已按计算得分 ${fmt(i.score)} 计`}`,
    })),
  { fixedByWrite: true },
);

/**
 * `score-annotated` (warning): the score cell holds a number with a remark (`9（扣1分）`). The
 * number is read as the stated score; the cell is the user's and is never overwritten. When
 * the computed score differs, the finding says what would have been written.
 */
export const scoreAnnotated = rule('score-annotated', 'warning', (t) =>
  t.indicators
    .filter((i) => i.statedAnnotated && i.stated !== null && i.score !== null && !withinTolerance(i.stated, i.score, t.profile))
    .map((i) => {
      const c = i.row.score!;
      const text = c.raw.t === 'text' ? c.raw.v.trim() : '';
      return {
        cell: c.cell,
        message: `${rowLabel(i)}得分单元格为「${quote(text)}」，按 ${fmt(i.stated)} 分读取；计算得分为 ${fmt(i.score)}（分值 ${fmt(i.weight)}），应写入 ${fmt(i.score)}。单元格含文字说明，未改写，请核对后手工修改`,
      };
    }),
);

const ROLE_LABEL: Readonly<Record<string, string>> = dict({
  score: '得分',
  'execution-rate': '执行率',
  'execution-score': '执行率得分',
  deduction: '扣分',
  total: '总分',
});

/**
 * `text-kept` (warning, issue 12 item 5): a cell the plan would write holds the user's words
 * (`扣2分`, `见说明`), not a figure nor a blank placeholder (—, /, 无). The words stay; the
 * finding says what would have been written. Grades are `grade-mismatch`'s, numbers with a
 * remark `score-annotated`'s / `total-mismatch`'s.
 */
export const textKept = rule('text-kept', 'warning', (t) =>
  t.writes
    .filter((w) => w.keptText && w.role !== 'grade' && w.current.t === 'text')
    .map((w) => {
      const text = w.current.t === 'text' ? w.current.v.trim() : '';
      const value = typeof w.value === 'string' ? w.value : w.role === 'execution-rate' ? fmtPct(w.value) : fmt(w.value);
      return {
        cell: w.cell,
        message: `${ROLE_LABEL[w.role] ?? ''}单元格 ${w.cell} 为文字「${quote(text)}」，未改写；计算结果为 ${value}，请核对后手工填写`,
      };
    }),
);
