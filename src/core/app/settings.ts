/**
 * The add-in's per-workbook settings and the profile they name: one parser, one year range,
 * one list of profiles (the engine's built-in table), for every host and the CLI.
 * Adding a built-in profile touches src/core/profiles.ts only.
 */
import { BUILT_IN_PROFILES, DEFAULT_PROFILE, type Profile } from '../profiles';

/**
 * A built-in profile's key (SPEC §12): a key of `BUILT_IN_PROFILES`. A string, checked at
 * run time by `isProfileName`, so that the table stays the one list.
 */
export type ProfileName = string;

/** Per-workbook settings, stored in the workbook (Excel: `context.workbook.settings`). */
export interface AddinSettings {
  readonly profile: ProfileName;
  /** Evaluation year used when a table states none (SPEC §8); null: none. */
  readonly year: number | null;
  /** 写回时标记问题单元格: fill finding cells by severity, corrected cells 已更正. */
  readonly highlight: boolean;
  /** 添加备注 (WPS: 添加批注; `Capabilities.notesWord`): a note on each marked cell (needs the host's notes API). */
  readonly notes: boolean;
}

export const DEFAULT_SETTINGS: AddinSettings = Object.freeze({
  profile: DEFAULT_PROFILE.name,
  year: null,
  highlight: true,
  notes: false,
});

/** The evaluation years a user may give (`--year`, the pane's 年度). */
export const YEAR_RANGE = Object.freeze({ min: 2000, max: 2100 });

export function isYear(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= YEAR_RANGE.min && v <= YEAR_RANGE.max;
}

/** `'2023'` → 2023; `''` → null (none); anything else → undefined (invalid). */
export function parseYear(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d{4}$/.test(t)) return undefined;
  const y = Number(t);
  return isYear(y) ? y : undefined;
}

/** The Chinese sentence for an invalid year. */
export const YEAR_HINT = `请输入 ${YEAR_RANGE.min}–${YEAR_RANGE.max} 之间的四位年份，或留空。`;

export const PROFILE_NAMES: readonly ProfileName[] = Object.freeze(Object.keys(BUILT_IN_PROFILES));

export function isProfileName(v: unknown): v is ProfileName {
  return typeof v === 'string' && PROFILE_NAMES.includes(v);
}

/** The profiles a user can pick, with their Chinese labels, in the table's order. */
export function profileOptions(): Array<{ readonly name: ProfileName; readonly label: string }> {
  return PROFILE_NAMES.map((name) => ({ name, label: BUILT_IN_PROFILES[name].label }));
}

export function profileLabel(name: ProfileName): string {
  return BUILT_IN_PROFILES[name]?.label ?? name;
}

/** The profile the engine runs with: the named built-in, with the settings' year. */
export function profileOf(settings: Pick<AddinSettings, 'profile' | 'year'>): Profile {
  const base = BUILT_IN_PROFILES[settings.profile] ?? DEFAULT_PROFILE;
  return settings.year === null ? base : { ...base, year: settings.year };
}

/** A stored settings value (object or JSON text), field by field; anything odd takes the default. */
export function parseSettings(v: unknown): AddinSettings {
  const o = (typeof v === 'string' ? safeJson(v) : v) as Partial<Record<keyof AddinSettings, unknown>> | null;
  if (!o || typeof o !== 'object') return DEFAULT_SETTINGS;
  return {
    profile: isProfileName(o.profile) ? o.profile : DEFAULT_SETTINGS.profile,
    year: isYear(o.year) ? o.year : null,
    highlight: typeof o.highlight === 'boolean' ? o.highlight : DEFAULT_SETTINGS.highlight,
    notes: typeof o.notes === 'boolean' ? o.notes : DEFAULT_SETTINGS.notes,
  };
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
