/**
 * Kind 3: numbers stored as text in numeric columns (预算数, 执行数, 分值, 得分, 执行率).
 */
import Decimal from 'decimal.js';
import type { CellState } from './types';
import { cleanText } from './text';

/**
 * A text that is exactly a number, after hygiene and width folding: ` 6`, `８０`,
 * `１２．５％`, `215,457.6`, `20分`. Amounts with a money unit (`6万元`) are left alone: the
 * column's unit may differ, and converting would change the figure.
 */
const NUMBER_TEXT = /^([+-]?)(\d+(?:\.\d+)?)(%|分)?$/;

function fold(s: string): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else out += ch;
  }
  return out;
}

/**
 * The number a text in a numeric column means, as the cell it becomes: `56.67%` →
 * 0.5667 with format `0.00%` (rate and completion columns only); `6` → 6 (a text format `@` becomes `General`). Null when the
 * text is not a plain number.
 */
export function textToNumber(text: string, numFmt: string | undefined, percentColumn: boolean): CellState | null {
  const t = fold(cleanText(text, true)).replace(/\s+/g, '');
  let body = t;
  if (/^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?:%|分)?$/.test(body)) body = body.replace(/,/g, '');
  const m = NUMBER_TEXT.exec(body);
  if (!m) return null;
  const digits = new Decimal(m[1] + m[2]);
  if (m[3] === '%') {
    // `10%` in a 分值 column reads as 10 today; as a number it would be 0.1: leave it.
    if (!percentColumn) return null;
    const decimals = m[2].includes('.') ? m[2].length - m[2].indexOf('.') - 1 : 0;
    const fmt = numFmt?.includes('%') ? numFmt : decimals === 0 ? '0%' : `0.${'0'.repeat(decimals)}%`;
    return { value: { t: 'number', v: digits.div(100).toNumber() }, numFmt: fmt };
  }
  // A text format (`@`) or a percent format would show the number differently: General.
  const fmt = numFmt === '@' || numFmt?.includes('%') ? 'General' : numFmt;
  return fmt === undefined ? { value: { t: 'number', v: digits.toNumber() } } : { value: { t: 'number', v: digits.toNumber() }, numFmt: fmt };
}
