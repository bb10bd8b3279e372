/**
 * How the engine scored an indicator row (`IndicatorResult.method`, SPEC §5), in the
 * engine's own words: every host (the task pane, reports) shows the same explanation.
 */
import { dict } from './dict';
export const METHOD_TEXT: Readonly<Record<string, string>> = dict({
  positive: '正向指标：实际值 ÷ 目标值 × 分值，最高得满分',
  negative: '反向指标（越低越好）：不超过目标值得满分，超出按方案扣分',
  equal: '等于型指标：实际值与目标值一致得满分',
  zero: '零目标指标：实际为零得满分，否则不得分',
  date: '时间指标：按期或提前完成得满分，逾期按“部分达成”档计分',
  rule: '按指标中写明的扣分规则：每差一个单位扣相应分数，扣完为止',
  qualitative: '定性指标：按完成情况分档（达成/部分达成/未达成）计分',
  stated: '无法自动计算，保留表中填写的得分',
});

/** The explanation of a method code; a row without one could not be scored. */
export function describeMethod(method: string | null): string {
  return method ? (METHOD_TEXT[method] ?? method) : '无法计算：缺少实际完成值或分值';
}
