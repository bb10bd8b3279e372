/** Public API of the value parsers (SPEC §4). */
export type { Band, DateValue, Operator, ParsedActual, ParsedTarget, Unit } from './types';
export { normalizeHeader, normalizeText, parseDeclaredWeight, type DeclaredWeight } from './normalize';
export { PERCENT, UNITS, fromBase, matchUnit, parseUnit, sameBase, toBase, type UnitMatch } from './units';
export { datesWithYear, findDates, lastDayOfMonth, onOrBefore, parseDate, yearsMentioned, type DateMatch } from './dates';
export { parseOperatorColumn } from './operators';
export { parseBandLabel } from './bands';
export { parseChineseNumber } from './numerals';
export { isNegativeEvent } from './events';
export { parseTarget, unitFromColumn, type TargetOptions } from './target';
export { parseActual, type ActualOptions } from './actual';
export { classifyQualitative } from './classify';
