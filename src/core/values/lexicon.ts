/**
 * Word tables for classifying a qualitative actual (SPEC §4.2). Pure data; the algorithm
 * is in classify.ts. Words are in normalised form (no spaces, half-width punctuation).
 *
 * Beyond the spec's lists (same meaning, seen in real forms): 全部完成, 圆满完成, 顺利完成,
 * 超额完成, 超预期, 达标, 合格, 实现, 优秀, 完善 (achieved); 基本达到, 基本实现, 比较满意 …
 * (partial); 逾期, 拖延, 不合格, 不达标 (not achieved).
 */
import type { Band } from './types';
import { NEGATIVE_EVENTS, NOT_NEGATIVE } from './events';
import { dict } from '../dict';

export const ACHIEVED_WORDS: readonly string[] = [
  '完成', '全面完成', '已完成', '按时完成', '提前完成', '全部完成', '圆满完成', '顺利完成', '超额完成',
  '达成', '达成预期', '达成预期指标', '达成目标', '全部达成', '全部达成预期', '达到', '达到预期',
  '超预期', '超过预期', '超出预期', '实现', '达标', '合格', '满意', '非常满意', '满意度高',
  '满意度较高', '满意度很高', '按时', '及时', '健全', '规范', '合规', '有效', '良好', '优秀', '准确',
  '到位', '落实', '符合', '正常', '显著', '明显', '提升', '提高', '改善', '完善', '全面发挥', '全面促进',
];

export const PARTIAL_WORDS: readonly string[] = [
  '基本完成', '基本达成', '基本达成预期', '基本达到', '基本实现', '部分完成', '部分达成', '部分实现',
  '大部分完成', '基本满意', '比较满意', '较满意', '较好', '基本落实', '基本到位', '基本符合',
];

export const NOT_ACHIEVED_WORDS: readonly string[] = [
  '未完成', '未达成', '未达到', '未实现', '不满意', '非常不满意', '滞后', '延期', '逾期', '拖延',
  '未按时', '较差', '很差', '不合格', '不达标', '未达标', '满意度低', '满意度较低',
];

/** Flip the next achieved / not-achieved word or negative event in the same clause. */
export const NEGATION_WORDS: readonly string[] = [
  '未', '没有', '没', '不', '无', '零', '未能', '没能', '不能', '无法', '未曾', '从未', '从没', '并未',
  '尚未', '杜绝', '避免', '防止',
];

/** `基本` + achieved word → partial (`基本按时完成`). */
export const PARTIAL_MODIFIERS: readonly string[] = ['基本', '基本上', '部分', '大部分', '大体', '大致', '初步'];

/** Cancel the next polar word: `有待提高` is not an achievement (nor a failure). */
export const HEDGE_WORDS: readonly string[] = [
  '有待', '有待进一步', '亟待', '亟需', '仍需', '尚需', '还需', '需要进一步', '需进一步', '不够',
];

/** Words that contain a negation or polar character but are neither. */
export const NEUTRAL_WORDS: readonly string[] = [
  '不断', '不仅', '不但', '不懈', '不论', '不管', '不停', '不少', '不同', '不久', '不遗余力', '无论',
  '无私', '无偿', '无缝', '无一例外', '未来', '是否', '有无', '有没有', '是不是', '能否', '可否',
  ...NOT_NEGATIVE.filter((w) => !ACHIEVED_WORDS.includes(w)),
];

/** A polar word directly followed by one of these names a measure (完成率, 及时性, 满意度). */
export const MEASURE_SUFFIXES = '率性度值数';

/** Clause punctuation: negation and modifiers do not reach across it. */
export const CLAUSE_BREAKS = ',;。!?、:';

/**
 * Whole-cell answers to a yes/no question. `has`/`none` are about existence (有 / 无) and
 * matter when the question or statement is about a negative event.
 */
export type Answer = 'yes' | 'no' | 'has' | 'none';

export const WHOLE_ANSWERS: Readonly<Record<string, Answer>> = dict({
  是: 'yes',
  是的: 'yes',
  对: 'yes',
  已: 'yes',
  已经: 'yes',
  能: 'yes',
  可以: 'yes',
  有: 'has',
  有的: 'has',
  发生: 'has',
  有发生: 'has',
  出现: 'has',
  否: 'no',
  不是: 'no',
  不: 'no',
  不对: 'no',
  未: 'no',
  不能: 'no',
  无: 'none',
  没有: 'none',
  没: 'none',
  未发生: 'none',
  没有发生: 'none',
  无发生: 'none',
  未出现: 'none',
  没有出现: 'none',
  零: 'none',
});

/** Whole-cell grades: too short to look for inside a sentence (一般公共预算, 差旅费). */
export const WHOLE_BANDS: Readonly<Record<string, Band>> = dict({
  优: 'achieved',
  优秀: 'achieved',
  良: 'achieved',
  好: 'achieved',
  很好: 'achieved',
  中: 'partial',
  中等: 'partial',
  一般: 'partial',
  及格: 'partial',
  差: 'not-achieved',
  不及格: 'not-achieved',
});

export type TokenKind = 'achieved' | 'partial' | 'not-achieved' | 'event' | 'negation' | 'modifier' | 'hedge' | 'neutral';

/** Every scanned word with its kind; when a word is in two tables the earlier kind wins. */
export const LEXICON: ReadonlyMap<string, TokenKind> = (() => {
  const map = new Map<string, TokenKind>();
  const add = (words: readonly string[], kind: TokenKind) => {
    for (const w of words) if (!map.has(w)) map.set(w, kind);
  };
  add(NEUTRAL_WORDS, 'neutral');
  add(HEDGE_WORDS, 'hedge');
  add(NOT_ACHIEVED_WORDS, 'not-achieved');
  add(PARTIAL_WORDS, 'partial');
  add(ACHIEVED_WORDS, 'achieved');
  add(NEGATIVE_EVENTS, 'event');
  add(PARTIAL_MODIFIERS, 'modifier');
  add(NEGATION_WORDS, 'negation');
  return map;
})();
