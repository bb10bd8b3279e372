import { address } from '../grid';
import type { IndicatorRow } from '../layout/types';
import { normalizeText } from '../values';
import { isKind, levelStem, quote, rowLabel, SCORED_KINDS } from './describe';
import { rule, type Hit } from './types';
import { dict } from '../dict';

/**
 * Rules about the indicator framework (SPEC §9): the 一级/二级 taxonomy of the national
 * templates, the level-1 groups a scored table needs, and repeated indicators.
 */

/** The standard 二级 of each standard 一级 (财政部 2020 templates), as stems. */
const STANDARD_LEVEL2: Readonly<Record<string, readonly string[]>> = dict({
  产出: ['数量', '质量', '时效', '成本'],
  效益: ['经济效益', '社会效益', '生态效益', '可持续影响'],
  满意度: ['服务对象满意度'],
  成本: ['经济成本', '社会成本', '生态环境成本'],
});

/** Older or local spellings of a standard 二级 that mean the same thing: accepted silently. */
const SAME_MEANING: Readonly<Record<string, readonly string[]>> = dict({
  效益: ['生态环境效益'],
  满意度: ['社会公众或服务对象满意度', '社会公众满意度'],
});

/**
 * The end (exclusive) of the run of consecutive rows from `start` sharing one 一级 and 二级: the
 * merged 二级 cell, anchored at the first row.
 */
function level2RunEnd(rows: readonly IndicatorRow[], start: number): number {
  const first = rows[start];
  let end = start + 1;
  while (end < rows.length && rows[end].level1 === first.level1 && rows[end].level2 === first.level2) end++;
  return end;
}

/**
 * SPEC §9 `level2-misplaced`: a 二级 outside the standard set of its 一级, compared after
 * dropping whitespace and the `指标` suffix. Only tables whose 一级 is one of 产出/效益/满意度/成本
 * (other frameworks such as seed 004's 部门管理/履职效果/能力建设 have their own 二级). One
 * finding per 二级 cell (a merged 二级 over several rows is one cell); placeholder rows
 * (`无`) alone do not raise it: clean-up deletes them.
 */
export const level2Misplaced = rule('level2-misplaced', 'warning', (t) => {
  if (!isKind(t, [...SCORED_KINDS, 'target'])) return [];
  const col = t.layout.columns.level2;
  if (col === undefined) return [];
  const rows = t.layout.indicators;
  const out: Hit[] = [];
  for (let start = 0, end = 0; start < rows.length; start = end) {
    end = level2RunEnd(rows, start);
    const first = rows[start];
    const l1 = levelStem(first.level1);
    const l2 = levelStem(first.level2);
    // Own keys only: a 一级 cell reading `valueOf` must not find Object.prototype's.
    const standard = Object.hasOwn(STANDARD_LEVEL2, l1) ? STANDARD_LEVEL2[l1] : undefined;
    if (!standard || !l2 || standard.includes(l2) || (Object.hasOwn(SAME_MEANING, l1) && SAME_MEANING[l1].includes(l2))) continue;
    if (rows.slice(start, end).every((r) => r.placeholder)) continue;
    const home = Object.keys(STANDARD_LEVEL2).find((k) => STANDARD_LEVEL2[k].includes(l2));
    out.push({
      cell: address(first.row, col),
      message: `二级指标「${quote(first.level2)}」不属于一级指标「${quote(first.level1)}」的标准二级指标（${standard.join('、')}）${
        home ? `，应归入「${quote(home)}指标」` : ''
      }`,
    });
  }
  return out;
});

/** What counts as having each required group: the word in any level's name. */
const REQUIRED: ReadonlyArray<readonly [string, RegExp]> = [
  ['产出', /产出/],
  ['效益', /效益|效果/],
  ['满意度', /满意/],
];

/**
 * SPEC §9 `missing-level1`: a scored project/department table without 产出, 效益 or 满意度
 * indicators (placeholder rows do not count). Only for tables built on the standard
 * framework — at least one 一级 is 产出/效益/满意度/成本. Seed 004's Gansu department framework
 * (部门管理/履职效果/服务对象满意度/能力建设) is another standard set: not checked. A group
 * counts as present when its word appears at any level (满意度 as a 二级 under 效益, as older
 * templates have it).
 */
export const missingLevel1 = rule('missing-level1', 'warning', (t) => {
  if (!isKind(t, SCORED_KINDS) || !t.indicators.length) return [];
  // One pass each, stopping at the first hit: a long table repeats the same few names.
  let last: string | null = null;
  const standard = t.layout.indicators.some((r) => {
    if (r.level1 === last) return false;
    last = r.level1;
    return normalizeText(r.level1) !== '' && levelStem(r.level1) in STANDARD_LEVEL2;
  });
  if (!standard) return [];
  // The words are tested on each level's name (none of them spans two names).
  const found = REQUIRED.map(() => false);
  let left = REQUIRED.length;
  for (const i of t.indicators) {
    for (let k = 0; k < REQUIRED.length; k++) {
      if (found[k]) continue;
      const re = REQUIRED[k][1];
      if (re.test(i.row.level1) || re.test(i.row.level2) || re.test(i.row.level3)) {
        found[k] = true;
        left--;
      }
    }
    if (!left) return [];
  }
  const missing = REQUIRED.filter((_, k) => !found[k]).map(([k]) => `${k}指标`);
  const present = [...new Set(t.indicators.map((i) => quote(i.row.level1)).filter(Boolean))];
  return [
    {
      cell: null,
      message: `表中没有${missing.join('、')}（现有一级指标：${present.join('、') || '无'}）；项目和部门整体自评表应设置产出、效益、满意度指标`,
    },
  ];
});

/**
 * SPEC §9 `duplicate-indicator`: the same 三级 twice under the same 一级/二级 (names compared
 * without whitespace and full-width differences). The finding sits on the repeat's 三级 cell.
 */
export const duplicateIndicator = rule('duplicate-indicator', 'warning', (t) => {
  if (!isKind(t, [...SCORED_KINDS, 'evaluation', 'target'])) return [];
  const col = t.layout.columns.level3;
  if (col === undefined) return [];
  // The first rows of each 三级, one per 一级|二级 stems. Most names occur once: until one
  // repeats, a set of the names suffices (one hash operation a row) and no stems key is built.
  const stemsOf = (r: IndicatorRow) => `${levelStem(r.level1)}|${levelStem(r.level2)}`;
  const nameOf = (r: IndicatorRow) => {
    const l3 = normalizeText(r.level3);
    return l3 && l3 !== '无' ? l3 : null;
  };
  const names = new Set<string>();
  let firsts: Map<string, IndicatorRow | IndicatorRow[]> | null = null;
  const out: Hit[] = [];
  const rows = t.indicators;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    const l3 = nameOf(i.row);
    if (l3 === null) continue;
    if (firsts === null) {
      const before = names.size;
      names.add(l3);
      if (names.size > before) continue;
      // The first repeat: index the rows before it (their names are all different).
      firsts = new Map();
      for (const j of rows.slice(0, k)) {
        const name = nameOf(j.row);
        if (name !== null) firsts.set(name, j.row);
      }
    }
    const seen = firsts.get(l3);
    if (seen === undefined) {
      firsts.set(l3, i.row);
      continue;
    }
    const stems = stemsOf(i.row);
    const list = Array.isArray(seen) ? seen : [seen];
    const first = list.find((r) => stemsOf(r) === stems)?.row;
    if (first === undefined) {
      list.push(i.row);
      firsts.set(l3, list);
      continue;
    }
    out.push({
      cell: address(i.row.row, col),
      message: `${rowLabel(i)}与第 ${first} 行重复（同在二级指标「${quote(i.row.level2) || '—'}」下）`,
    });
  }
  return out;
});
