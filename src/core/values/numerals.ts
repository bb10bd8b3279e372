/**
 * Chinese numerals as they appear in targets and scoring rules: `一`, `两`, `十五`, `二十`,
 * `一百`, `半`, financial forms `壹贰叁`. Values up to 9999 (plus `半` = 0.5); larger amounts
 * in these forms are written with digits in practice.
 */
import Decimal from 'decimal.js';
import { dict } from '../dict';

const DIGITS: Readonly<Record<string, number>> = dict({
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
});

const SCALES: Readonly<Record<string, number>> = dict({
  十: 10,
  拾: 10,
  百: 100,
  佰: 100,
  千: 1000,
  仟: 1000,
});

/** Every character `parseChineseNumber` understands (for building scanners). */
export const CHINESE_NUMERAL_CHARS = Object.keys(DIGITS).join('') + Object.keys(SCALES).join('') + '半';

/** `十五` → 15, `两` → 2, `一百零五` → 105, `二零二三` → 2023 (digit by digit), `半` → 0.5. */
export function parseChineseNumber(s: string): Decimal | null {
  if (s.length === 0 || s.length > 12) return null;
  if (s === '半') return new Decimal('0.5');
  const chars = [...s];
  if (!chars.every((c) => c in DIGITS || c in SCALES)) return null;
  if (!chars.some((c) => c in SCALES)) {
    // `二零二三`, or a single digit
    return new Decimal(chars.map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let current: number | null = null;
  let lastScale = Infinity;
  for (const c of chars) {
    if (c in DIGITS) {
      current = DIGITS[c];
    } else {
      const scale = SCALES[c];
      if (scale >= lastScale) return null; // 十百, 百百: malformed
      total += (current ?? 1) * scale;
      current = null;
      lastScale = scale;
    }
  }
  return new Decimal(total + (current ?? 0));
}
