/**
 * Units of measure (SPEC §4). Each written unit maps to a comparable base unit and a factor:
 * `万元` → 元 × 10000, `‰` → % × 0.1, `公里` → 米 × 1000, `百分比` → % × 1.
 *
 * Decisions where the spec is silent (an accountant compares these without hesitation):
 * - `名` and `位` count people, so their base is `人`; `人次` stays its own base (visits).
 * - `场次` is `场` (a 场 is counted in 场次); `次` stays separate.
 * - `日` is `天`; `个月` is `月`; `公里`/`千米` are 1000 `米`; `平方米`/`㎡` share base `㎡`.
 * - A per-something unit (`元/人`, `次/年`) compares by its numerator: base `元`, written `元/人`.
 * - `个百分点` / `百分点` are `%`.
 * - Count words (只, 头, 株, 栋 …) are units of their own (issue 12): `192只` is a quantity.
 * Anything else with a different base is a `unit-mismatch`, never converted.
 */
import Decimal from 'decimal.js';
import type { Unit } from './types';
import { normalizeText } from './normalize';

/** [written, base, factor] for the units used without a 万/亿 prefix. */
const PLAIN_UNITS: ReadonlyArray<readonly [string, string, string]> = [
  ['%', '%', '1'],
  ['百分比', '%', '1'],
  ['百分点', '%', '1'],
  ['个百分点', '%', '1'],
  ['‰', '%', '0.1'],
  ['元', '元', '1'],
  ['千元', '元', '1000'],
  ['万元', '元', '10000'],
  ['百万元', '元', '1000000'],
  ['亿元', '元', '100000000'],
  ['分', '分', '1'],
  ['天', '天', '1'],
  ['日', '天', '1'],
  ['工作日', '工作日', '1'],
  ['个工作日', '工作日', '1'],
  ['周', '周', '1'],
  ['月', '月', '1'],
  ['个月', '月', '1'],
  ['年', '年', '1'],
  ['小时', '小时', '1'],
  ['分钟', '分钟', '1'],
  ['课时', '课时', '1'],
  ['学时', '学时', '1'],
  ['米', '米', '1'],
  ['公里', '米', '1000'],
  ['千米', '米', '1000'],
];

/** [written, base] for counted things; these also take a 万 / 亿 prefix. */
const COUNT_UNITS: ReadonlyArray<readonly [string, string]> = [
  ['人', '人'],
  ['名', '人'],
  ['位', '人'],
  ['人次', '人次'],
  ['场', '场'],
  ['场次', '场'],
  ['次', '次'],
  ['个', '个'],
  ['家', '家'],
  ['户', '户'],
  ['篇', '篇'],
  ['条', '条'],
  ['期', '期'],
  ['份', '份'],
  ['项', '项'],
  ['件', '件'],
  ['所', '所'],
  ['台', '台'],
  ['套', '套'],
  ['种', '种'],
  ['例', '例'],
  ['起', '起'],
  ['册', '册'],
  ['本', '本'],
  ['幅', '幅'],
  ['支', '支'],
  ['处', '处'],
  ['批', '批'],
  ['批次', '批次'],
  ['座', '座'],
  ['辆', '辆'],
  ['张', '张'],
  ['间', '间'],
  ['平方米', '㎡'],
  ['㎡', '㎡'],
  ['亩', '亩'],
  ['吨', '吨'],
  ['公斤', '公斤'],
  ['千克', '公斤'],
  // Count words of animals, plants, buildings and goods (issue 12: 192只, 80头, 120株).
  ['只', '只'],
  ['头', '头'],
  ['羽', '羽'],
  ['尾', '尾'],
  ['匹', '匹'],
  ['株', '株'],
  ['棵', '棵'],
  ['栋', '栋'],
  ['幢', '幢'],
  ['架', '架'],
  ['艘', '艘'],
  ['盏', '盏'],
  ['块', '块'],
  ['枚', '枚'],
  ['箱', '箱'],
  ['袋', '袋'],
  ['瓶', '瓶'],
  ['盒', '盒'],
  ['眼', '眼'],
  ['公顷', '公顷'],
  ['立方米', '立方米'],
];

const PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['万', '10000'],
  ['亿', '100000000'],
];

/**
 * Words that start with a unit character but are not that unit: in `≥200人均标准` the `人`
 * belongs to 人均, in `3项目` to 项目. A unit match followed by one of these is rejected.
 */
const UNIT_GUARD_WORDS: readonly string[] = [
  '人均', '人员', '人民', '人数', '人口', '人才', '人群', '人社', '人力', '人事', '人身',
  '名单', '名额', '名称', '位于', '个人', '个体', '个别', '个性', '家庭', '家属', '家风',
  '家园', '家长', '户外', '户籍', '项目', '件事', '所有', '所属', '所在', '所得', '台账',
  '条件', '条例', '期间', '期限', '期末', '期初', '场地', '场所', '场馆', '场景', '本年',
  '本级', '本单位', '本部门', '本次', '本项目', '支出', '支付', '支持', '支援', '处理',
  '处置', '处罚', '起草', '起步', '起到', '分配', '分别', '分析', '分类', '分解', '分管',
  '分享', '年度', '年初', '年底', '年末', '月份', '月底', '月末', '日常', '周年', '种植',
  '例如', '批准', '批复', '座谈', '张贴', '间隔', '次数', '天数', '户数', '件数', '元旦',
  '只有', '只要', '只能', '头部', '块状', '眼科', '架构', '架设', '尾款', '箱式',
];

function freeze(written: string, base: string, factor: string): Unit {
  return Object.freeze({ written, base, factor: new Decimal(factor) });
}

function buildTable(): ReadonlyMap<string, Unit> {
  const table = new Map<string, Unit>();
  for (const [w, b, f] of PLAIN_UNITS) table.set(w, freeze(w, b, f));
  for (const [w, b] of COUNT_UNITS) {
    table.set(w, freeze(w, b, '1'));
    for (const [p, f] of PREFIXES) if (!table.has(p + w)) table.set(p + w, freeze(p + w, b, f));
  }
  return table;
}

/** Every known written unit → its Unit. */
export const UNITS: ReadonlyMap<string, Unit> = buildTable();

const MAX_UNIT_LENGTH = Math.max(...[...UNITS.keys()].map((k) => k.length));

/** The percent unit, shared by callers that need to build one. */
export const PERCENT: Unit = UNITS.get('%') as Unit;

function perUnit(numerator: Unit, written: string): Unit {
  return numerator.written === written ? numerator : freeze(written, numerator.base, numerator.factor.toString());
}

export interface UnitMatch {
  readonly unit: Unit;
  /** Characters consumed from `at`. */
  readonly length: number;
}

/**
 * The longest known unit starting at `text[at]` (万人次 before 人次 before 人), extended by a
 * `/人`, `/年` denominator. `text` must already be normalised. Null when nothing matches or
 * the match is the head of an unrelated word (UNIT_GUARD_WORDS).
 */
export function matchUnit(text: string, at: number): UnitMatch | null {
  let found: Unit | null = null;
  let length = 0;
  for (let len = Math.min(MAX_UNIT_LENGTH, text.length - at); len > 0; len--) {
    const u = UNITS.get(text.slice(at, at + len));
    if (u) {
      found = u;
      length = len;
      break;
    }
  }
  if (!found) return null;
  for (const g of UNIT_GUARD_WORDS) {
    if (g.length > length && g.startsWith(found.written) && text.startsWith(g, at)) return null;
  }
  if (text[at + length] === '/') {
    for (let len = Math.min(MAX_UNIT_LENGTH, text.length - at - length - 1); len > 0; len--) {
      const denom = text.slice(at + length + 1, at + length + 1 + len);
      if (UNITS.has(denom)) {
        const total = length + 1 + len;
        return { unit: perUnit(found, text.slice(at, at + total)), length: total };
      }
    }
  }
  return { unit: found, length };
}

/**
 * A whole cell (or unit column) as a unit: `万元`, `(万元)`, `单位:万元`, `元/人`, `百分比`.
 * Null for anything that is not exactly a known unit.
 */
export function parseUnit(s: string): Unit | null {
  let text = normalizeText(s);
  const bracketed = /^\((.*)\)$/.exec(text);
  if (bracketed) text = bracketed[1];
  text = text.replace(/^单位:?/, '');
  if (text.length === 0) return null;
  const m = matchUnit(text, 0);
  return m && m.length === text.length ? m.unit : null;
}

/** True when both units exist and share a base (so values in base units compare). */
export function sameBase(a: Unit | null | undefined, b: Unit | null | undefined): boolean {
  return !!a && !!b && a.base === b.base;
}

/** A value written in `unit` expressed in the unit's base (`1.5` 万人 → 15000). */
export function toBase(value: Decimal, unit: Unit | null | undefined): Decimal {
  return unit ? value.times(unit.factor) : value;
}

/** A base-unit value expressed back in the written unit (15000 人 in 万人 → 1.5). */
export function fromBase(value: Decimal, unit: Unit | null | undefined): Decimal {
  return unit ? value.dividedBy(unit.factor) : value;
}
