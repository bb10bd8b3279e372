import Decimal from 'decimal.js';
import type { Rounding } from './num';
import { dict } from './dict';

/**
 * A scoring profile (SPEC §12): plain data, so users can save their own as JSON.
 * Percent thresholds are fractions of the weight (0.8 = 80%).
 */
export interface Profile {
  readonly name: string;
  readonly label: string;
  /** Execution weight when the budget block has no 分值 (SPEC §6). */
  readonly executionWeight: number;
  /** Qualitative bands: achieved ≥ upper·w, partial ≥ lower·w (SPEC §5). */
  readonly bands: { readonly upper: number; readonly lower: number };
  /** Band defaults when no stated score lies inside the band, as fractions of w. */
  readonly bandDefaults: { readonly achieved: number; readonly partial: number; readonly notAchieved: number };
  /** Negative indicators: `ratio` (A/B) or `linear` (national budget system). */
  readonly negativeFormula: 'ratio' | 'linear';
  readonly rounding: Rounding;
  readonly decimals: number;
  /** A stated score within this of the computed one is a rounding difference. */
  readonly tolerance: number;
  /** Grade thresholds, highest first, with the default labels. */
  readonly grades: ReadonlyArray<{ readonly min: number; readonly label: string }>;
  /** Execution rate below this needs a reason (`low-execution-no-reason`). */
  readonly lowExecution: number;
  /** Positive indicator with actual ≥ ratio × target and no reason: `over-achievement`. */
  readonly overAchievement: number;
  /** Evaluation year when neither the table nor the sheet names one. */
  readonly year?: number;
}

const MOF_2020: Profile = {
  name: 'mof-2020',
  label: '财政部 2020 版（默认）',
  executionWeight: 10,
  bands: { upper: 0.8, lower: 0.6 },
  bandDefaults: { achieved: 1, partial: 0.7, notAchieved: 0.3 },
  negativeFormula: 'ratio',
  rounding: 'half-up',
  decimals: 2,
  tolerance: 0.01,
  grades: [
    { min: 90, label: '优' },
    { min: 80, label: '良' },
    { min: 60, label: '中' },
    { min: 0, label: '差' },
  ],
  lowExecution: 0.9,
  overAchievement: 1.3,
};

export const BUILT_IN_PROFILES: Readonly<Record<string, Profile>> = dict({
  'mof-2020': MOF_2020,
  'mof-2017': { ...MOF_2020, name: 'mof-2017', label: '财政部 2017 版（等级 80/50）', bands: { upper: 0.8, lower: 0.5 } },
  'linear-reverse': {
    ...MOF_2020,
    name: 'linear-reverse',
    label: '预算管理一体化系统反向指标线性扣分',
    negativeFormula: 'linear',
  },
  hubei: { ...MOF_2020, name: 'hubei', label: '湖北（预算执行率 20 分）', executionWeight: 20 },
});

export const DEFAULT_PROFILE = MOF_2020;

/**
 * Validate a user profile (parsed JSON): missing fields come from `mof-2020`, wrong types
 * are refused with a Chinese message.
 */
export function profileFromJson(data: unknown, source = 'profile'): Profile {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`${source}：配置文件应为 JSON 对象`);
  }
  const d = data as Partial<Profile> & { base?: unknown; name?: unknown };
  checkKeys(d, PROFILE_KEYS, '', source);
  if (isObject(d.bands)) checkKeys(d.bands, BAND_KEYS, 'bands.', source);
  if (isObject(d.bandDefaults)) checkKeys(d.bandDefaults, BAND_DEFAULT_KEYS, 'bandDefaults.', source);
  if (Array.isArray(d.grades)) {
    d.grades.forEach((g: unknown, i) => {
      if (isObject(g)) checkKeys(g, GRADE_KEYS, `grades[${i}].`, source);
    });
  }
  if (d.base !== undefined && (typeof d.base !== 'string' || !BUILT_IN_PROFILES[d.base])) {
    const names = Object.keys(BUILT_IN_PROFILES);
    const near = typeof d.base === 'string' ? `，最接近的是 ${nearestName(d.base, names)}` : '';
    throw new Error(`${source}：base 指定的内置配置 ${JSON.stringify(d.base)} 不存在${near}（内置：${names.join('、')}）`);
  }
  const start = typeof d.base === 'string' ? BUILT_IN_PROFILES[d.base] : MOF_2020;
  // Nested settings merge field by field: `{"bands": {"lower": 0.5}}` keeps upper from the base.
  const p: Profile = {
    ...start,
    ...d,
    name: String(d.name ?? source),
    bands: { ...start.bands, ...(isObject(d.bands) ? d.bands : {}) },
    bandDefaults: { ...start.bandDefaults, ...(isObject(d.bandDefaults) ? d.bandDefaults : {}) },
  };
  const fail = (what: string): never => {
    throw new Error(`${source}：${what}`);
  };
  const numbers: Array<[string, unknown]> = [
    ['executionWeight', p.executionWeight],
    ['tolerance', p.tolerance],
    ['lowExecution', p.lowExecution],
    ['overAchievement', p.overAchievement],
    ['bands.upper', p.bands.upper],
    ['bands.lower', p.bands.lower],
    ['bandDefaults.achieved', p.bandDefaults.achieved],
    ['bandDefaults.partial', p.bandDefaults.partial],
    ['bandDefaults.notAchieved', p.bandDefaults.notAchieved],
  ];
  for (const [k, v] of numbers) if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${k} 应为非负数`);
  if (!Number.isInteger(p.decimals) || p.decimals < 0 || p.decimals > 6) fail('decimals 应为 0 到 6 的整数');
  if (p.bands.upper > 1 || p.bands.lower > p.bands.upper) fail('bands 应满足 0 ≤ lower ≤ upper ≤ 1');
  for (const v of Object.values(p.bandDefaults)) if (v > 1) fail('bandDefaults 应在 0 到 1 之间');
  if (p.year !== undefined && (!Number.isInteger(p.year) || p.year < 2000 || p.year > 2100)) fail('year 应为 2000 到 2100 的整数');
  if (p.rounding !== 'half-up' && p.rounding !== 'truncate') fail('rounding 只能是 half-up 或 truncate');
  if (p.negativeFormula !== 'ratio' && p.negativeFormula !== 'linear') fail('negativeFormula 只能是 ratio 或 linear');
  if (!Array.isArray(p.grades) || !p.grades.length || p.grades.some((g) => !isObject(g) || typeof g.min !== 'number' || typeof g.label !== 'string')) {
    fail('grades 应为非空的 [{min, label}] 列表');
  }
  return { ...p, grades: [...p.grades].sort((a, b) => b.min - a.min) };
}

/** Keys a profile file may use (SPEC §12), besides `base`, the built-in profile it starts from. */
const PROFILE_KEYS = [
  'name',
  'label',
  'base',
  'executionWeight',
  'bands',
  'bandDefaults',
  'negativeFormula',
  'rounding',
  'decimals',
  'tolerance',
  'grades',
  'lowExecution',
  'overAchievement',
  'year',
] as const;
const BAND_KEYS = ['upper', 'lower'] as const;
const BAND_DEFAULT_KEYS = ['achieved', 'partial', 'notAchieved'] as const;
const GRADE_KEYS = ['min', 'label'] as const;

/** A misspelt key silently falls back to the default: refuse it, naming the nearest valid key. */
function checkKeys(obj: object, valid: readonly string[], prefix: string, source: string): void {
  for (const key of Object.keys(obj)) {
    if (!valid.includes(key)) {
      throw new Error(`${source}：未知的配置项 ${prefix}${key}（最接近的有效名称是 ${prefix}${nearestName(key, valid)}）`);
    }
  }
}

/** Levenshtein distance, case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length];
}

/**
 * The candidate nearest to `name` by edit distance (the first listed on a tie). A name
 * that is the start of a candidate (`linear` for `linear-reverse`) counts as one edit away.
 */
export function nearestName(name: string, candidates: readonly string[]): string {
  let best = candidates[0];
  let bestD = Infinity;
  for (const c of candidates) {
    const d = Math.min(editDistance(name, c), editDistance(name, c.slice(0, name.length)) + 1);
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Grade of a total (SPEC §7). */
export function gradeOf(total: Decimal, profile: Profile): string {
  for (const g of profile.grades) if (total.gte(g.min)) return g.label;
  return profile.grades[profile.grades.length - 1].label;
}

/** Label sets recognised when reading a stated grade, mapped to the rank (0 = best). */
const GRADE_SYNONYMS: ReadonlyArray<readonly string[]> = [
  ['优', '优秀', 'A'],
  ['良', '良好', 'B'],
  ['中', '一般', '合格', 'C'],
  ['差', '较差', '不合格', 'D'],
];

/** Rank of a stated grade label (0 = best), or null when it is not a grade. */
export function gradeRank(label: string): number | null {
  // `优(90分以上)`, `优秀（≥90分）`, `优等`: the grade word, without a note or suffix.
  const s = label.replace(/\s+/g, '').replace(/[(（].*$/, '').replace(/[等级次]$/, '');
  const i = GRADE_SYNONYMS.findIndex((set) => set.includes(s));
  return i < 0 ? null : i;
}

/** `优`, `良好`, `优等`: a grade word and nothing else (no remark, no score range). */
export function isBareGrade(label: string): boolean {
  const s = label.replace(/\s+/g, '').replace(/[等级次]$/, '');
  return GRADE_SYNONYMS.some((set) => set.includes(s));
}

/** The label of rank `rank` in the same label set as `like` (keeps 优秀/良好 sheets in their style). */
export function gradeLabelLike(rank: number, like: string | null, profile: Profile): string {
  if (like) {
    const s = like.replace(/\s+/g, '');
    for (const col of [1, 0]) {
      if (GRADE_SYNONYMS.some((set) => set[col] === s)) return GRADE_SYNONYMS[rank][col];
    }
  }
  return profile.grades[rank]?.label ?? GRADE_SYNONYMS[rank][0];
}
