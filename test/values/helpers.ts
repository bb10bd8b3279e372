import Decimal from 'decimal.js';
import type { Unit } from '../../src/core/values';

/** A unit as a short string: `%`, `万人→人×10000`. */
export function unitStr(u: Unit | null | undefined): string | null {
  if (!u) return null;
  return u.written === u.base && u.factor.equals(1) ? u.written : `${u.written}→${u.base}×${u.factor.toString()}`;
}

/** A parse result with Decimals as strings and units as unitStr, for exact comparisons. */
export function plain(x: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(x)) {
    if (k === 'text') continue;
    if (Decimal.isDecimal(v)) out[k] = (v as Decimal).toString();
    else if (k === 'unit') out[k] = unitStr(v as Unit | null);
    else out[k] = v;
  }
  return out;
}
