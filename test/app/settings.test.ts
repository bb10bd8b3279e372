/** Settings, profiles and the mark legend: one definition in the core for every host. */
import {
  BUILT_IN_PROFILES,
  DEFAULT_SETTINGS,
  MARK_FILLS,
  PROFILE_NAMES,
  YEAR_RANGE,
  isMarkFill,
  markLegend,
  markOfFill,
  parseSettings,
  parseYear,
  profileOf,
  profileOptions,
} from '../../src/core';

test('the profiles offered are the built-in table, with its labels', () => {
  expect(PROFILE_NAMES).toEqual(Object.keys(BUILT_IN_PROFILES));
  expect(profileOptions()).toEqual(PROFILE_NAMES.map((name) => ({ name, label: BUILT_IN_PROFILES[name].label })));
  expect(profileOptions().find((p) => p.name === 'hubei')?.label).toBe('湖北（预算执行率 20 分）');
});

test('one year range: 2000–2100', () => {
  expect(YEAR_RANGE).toEqual({ min: 2000, max: 2100 });
  expect(parseYear('2023')).toBe(2023);
  expect(parseYear(' ')).toBeNull();
  expect(parseYear('1999')).toBeUndefined();
  expect(parseYear('2101')).toBeUndefined();
  expect(parseYear('23')).toBeUndefined();
  expect(parseSettings({ ...DEFAULT_SETTINGS, year: 1995 }).year).toBeNull();
  expect(parseSettings({ ...DEFAULT_SETTINGS, year: 2100 }).year).toBe(2100);
});

test('stored settings are parsed field by field; anything odd takes the default', () => {
  expect(parseSettings(JSON.stringify({ profile: 'hubei', year: 2023, highlight: false, notes: true }))).toEqual({ profile: 'hubei', year: 2023, highlight: false, notes: true });
  expect(parseSettings({ profile: 'nonsense', year: 'x', highlight: 1 })).toEqual(DEFAULT_SETTINGS);
  expect(parseSettings({ profile: 'valueOf' }).profile).toBe('mof-2020');
  expect(parseSettings('{not json')).toEqual(DEFAULT_SETTINGS);
  expect(parseSettings(null)).toEqual(DEFAULT_SETTINGS);
});

test('profileOf: the named profile with the settings year', () => {
  expect(profileOf({ profile: 'hubei', year: null }).executionWeight).toBe(20);
  expect(profileOf({ profile: 'mof-2020', year: 2023 }).year).toBe(2023);
  expect(profileOf({ profile: 'gone', year: null }).name).toBe('mof-2020');
});

test('the mark legend: four colours in ARGB with Chinese names, 已更正 distinct from the severities', () => {
  expect(markLegend()).toEqual([
    { kind: 'error', label: '错误', argb: 'FFFFCCD1', hex: '#FFCCD1', colour: '浅红色' },
    { kind: 'warning', label: '警告', argb: 'FFFFEDB8', hex: '#FFEDB8', colour: '浅黄色' },
    { kind: 'info', label: '提示', argb: 'FFDCEAF7', hex: '#DCEAF7', colour: '浅蓝色' },
    { kind: 'corrected', label: '已更正', argb: 'FFD3EEDB', hex: '#D3EEDB', colour: '浅绿色' },
  ]);
  expect(new Set(Object.values(MARK_FILLS)).size).toBe(4);
  expect(markOfFill('ffd3eedb')).toBe('corrected');
  expect(isMarkFill(MARK_FILLS.corrected)).toBe(true); // 清除标记 and clean-up remove 已更正 fills too
  expect(markOfFill('FF00B050')).toBeNull();
});
