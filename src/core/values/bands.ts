/**
 * Band labels written instead of a value (SPEC §4 band row; seed 004 writes `100%-80%(含)` as
 * every qualitative actual). The national template's labels are
 * `100%-80%(含)` 达成, `80%-60%(含)` 部分达成, `60%-0%` 未达成; the pre-2020 template's
 * `80%-50%(含)` / `50%-0%` are recognised too. Either order, `-`/`~`/`—`/`至`/`到` between,
 * `(含)` anywhere, `%` optional.
 */
import type { Band } from './types';
import { normalizeText } from './normalize';

/** [upper, lower] bound of a label → band. */
const BAND_LABELS: ReadonlyArray<readonly [number, number, Band]> = [
  [100, 80, 'achieved'],
  [80, 60, 'partial'],
  [80, 50, 'partial'],
  [60, 0, 'not-achieved'],
  [50, 0, 'not-achieved'],
];

const LABEL = /^(\d{1,3})%?(?:\(含\))?(?:-|~|—|——|–|至|到)(\d{1,3})%?(?:\(含\))?$/;

/** The band a label names, or null when the text is not exactly a band label. */
export function parseBandLabel(s: string): Band | null {
  const m = LABEL.exec(normalizeText(s));
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const hi = Math.max(a, b);
  const lo = Math.min(a, b);
  const hit = BAND_LABELS.find(([h, l]) => h === hi && l === lo);
  return hit ? hit[2] : null;
}
