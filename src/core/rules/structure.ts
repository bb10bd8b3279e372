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

/** Consecutive rows sharing one 一级 and 二级: the merged 二级 cell, anchored at the first row. */
function level2Runs(rows: readonly IndicatorRow[]): IndicatorRow[][] {
  const runs: IndicatorRow[][] = [];
  for (const r of rows) {
    const last = runs[runs.length - 1];
    if (last && last[0].level1 === r.level1 && last[0].level2 === r.level2) last.push(r);
    else runs.push([r]);
  }
  return runs;
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
  const out: Hit[] = [];
  for (const run of level2Runs(t.layout.indicators)) {
    const l1 = levelStem(run[0].level1);
    const l2 = levelStem(run[0].level2);
    // Own keys only: a 一级 cell reading `valueOf` must not find Object.prototype's.
    const standard = Object.hasOwn(STANDARD_LEVEL2, l1) ? STANDARD_LEVEL2[l1] : undefined;
    if (!standard || !l2 || run.every((r) => r.placeholder)) continue;
    if (standard.includes(l2) || (Object.hasOwn(SAME_MEANING, l1) && SAME_MEANING[l1].includes(l2))) continue;
    const home = Object.keys(STANDARD_LEVEL2).find((k) => STANDARD_LEVEL2[k].includes(l2));
    out.push({
      cell: address(run[0].row, col),
      message: `二级指标「${quote(run[0].level2)}」不属于一级指标「${quote(run[0].level1)}」的标准二级指标（${standard.join('、')}）${
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
  const level1s = [...new Set(t.layout.indicators.map((r) => r.level1).filter((s) => normalizeText(s) !== ''))];
  if (!level1s.some((s) => levelStem(s) in STANDARD_LEVEL2)) return [];
  const names = t.indicators.map((i) => `${i.row.level1}|${i.row.level2}|${i.row.level3}`);
  const missing = REQUIRED.filter(([, re]) => !names.some((n) => re.test(n))).map(([k]) => `${k}指标`);
  if (!missing.length) return [];
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
  const seen = new Map<string, number>();
  const out: Hit[] = [];
  for (const i of t.indicators) {
    const l3 = normalizeText(i.row.level3);
    if (!l3 || l3 === '无') continue;
    const key = `${levelStem(i.row.level1)}|${levelStem(i.row.level2)}|${l3}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i.row.row);
      continue;
    }
    out.push({
      cell: address(i.row.row, col),
      message: `${rowLabel(i)}与第 ${first} 行重复（同在二级指标「${quote(i.row.level2) || '—'}」下）`,
    });
  }
  return out;
});
