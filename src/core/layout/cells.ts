import Decimal from 'decimal.js';
import { address, EMPTY, type CellValue } from '../grid';
import { normalizeText } from '../values/normalize';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from '../values/numerals';
import type { NumberCell, TextCell } from './types';
import { trimNumber, type SheetView } from './view';

/** Unit and score suffixes tolerated after a number typed as text: `20分`, `6万元`, `10 元`. */
const NUMBER_TEXT = /^([+-]?\d+(?:\.\d+)?)(%|分|万元|元)?$/;

/** A figure in Chinese numerals (`三十`, `九十万元`, `一百分`), with the same suffixes (issue 12 item 4). */
const NUMERAL_TEXT = new RegExp(`^([${CHINESE_NUMERAL_CHARS}]+)(分|万元|元)?$`);

/** Decimals are immutable: share one per distinct cell number (weights repeat down a sheet). */
const decimals = new Map<number, Decimal>();
function decimalOf(n: number): Decimal {
  let d = decimals.get(n);
  if (!d) {
    if (decimals.size > 50000) decimals.clear();
    d = new Decimal(trimNumber(n));
    decimals.set(n, d);
  }
  return d;
}

/**
 * Read the cell at (r, c) (merged areas resolve to their top-left) as a number.
 * Numbers typed as text are accepted and flagged `fromText`; anything else (dates,
 * booleans, errors, prose) reads as null but keeps its raw value for the findings.
 */
export function readNumber(view: SheetView, r: number, c: number): NumberCell {
  const a = view.anchor(r, c);
  const cell = view.raw(a.row, a.col);
  const raw = cell?.value ?? EMPTY;
  let value: Decimal | null = null;
  let fromText = false;
  let percent = false;
  if (raw.t === 'number') {
    value = Number.isFinite(raw.v) ? decimalOf(raw.v) : null;
    percent = !!cell?.numFmt?.includes('%');
  } else if (raw.t === 'date' && raw.serial !== undefined && Number.isFinite(raw.serial)) {
    // 95 under `yyyy-mm-dd` shows 1900-04-04 but is 95: formats only change display (issue 12 item 6).
    value = decimalOf(raw.serial);
  } else if (raw.t === 'text') {
    const m = NUMBER_TEXT.exec(normalizeText(raw.v));
    if (m) {
      value = new Decimal(m[1]);
      fromText = true;
      percent = m[2] === '%';
    } else {
      // `三十`: unambiguous Chinese numerals are the figure; anything else stays unread.
      const w = NUMERAL_TEXT.exec(normalizeText(raw.v));
      const n = w ? parseChineseNumber(w[1]) : null;
      if (n !== null) {
        value = n;
        fromText = true;
      }
    }
  }
  const n: NumberCell = { row: a.row, col: a.col, cell: address(a.row, a.col), raw, formula: cell?.formula, numFmt: cell?.numFmt, value, fromText, percent };
  if (cell?.formulaWithoutResult) (n as { formulaWithoutResult?: boolean }).formulaWithoutResult = true;
  return a.col === c ? n : { ...n, offColumn: true };
}

/** True when the cell holds nothing a person would read (empty or whitespace). */
export function isBlankNumber(n: NumberCell | null | undefined): boolean {
  return !n || (n.raw.t === 'empty' || (n.raw.t === 'text' && normalizeText(n.raw.v) === ''));
}

/** Texts that mean "nothing here yet" in a cell the plan may write: —, /, 无 and the like. */
const BLANK_PLACEHOLDERS: ReadonlySet<string> = new Set(['', '/', '\\', '-', '--', '—', '——', '-/-', '无', '暂无', '待填', '待定', 'N/A', 'n/a']);

/** A recognised blank placeholder (issue 12 item 5): a plan may write over it. */
export function isBlankPlaceholder(text: string): boolean {
  return BLANK_PLACEHOLDERS.has(normalizeText(text).replace(/\s+/g, ''));
}

/**
 * The user's words in a cell the plan would write (`扣2分`, `良（自评）`): text that is no
 * figure and no blank placeholder. Such a cell is never written (issue 12 item 5).
 */
export function isUserText(raw: CellValue): boolean {
  return raw.t === 'text' && !isBlankPlaceholder(raw.v);
}

export function readText(view: SheetView, r: number, c: number): TextCell {
  const a = view.anchor(r, c);
  return { text: view.text(r, c), cell: address(a.row, a.col) };
}

/**
 * Readings of a stated percentage (执行率, 完成率) in percent, likeliest first: `95.93%` text
 * reads as written, a `%`-formatted 0.9593 times 100; a plain number may be a fraction
 * (0.9593) or a percentage (95.93) — the caller takes whichever agrees (SPEC §6).
 */
export function percentReadings(c: NumberCell): Decimal[] {
  const v = c.value;
  if (v === null) return [];
  if (c.percent) return [c.fromText ? v : v.times(100)];
  return v.abs().lte(1.5) ? [v.times(100), v] : [v, v.times(100)];
}
