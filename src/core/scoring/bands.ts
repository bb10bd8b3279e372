import Decimal from 'decimal.js';
import type { Profile } from '../profiles';
import type { Band } from '../values/types';

/** Score range of a qualitative band as [low, high) of the weight (achieved includes w). */
export function bandRange(band: Band, w: Decimal, p: Profile): { low: Decimal; high: Decimal } {
  switch (band) {
    case 'achieved':
      return { low: w.times(p.bands.upper), high: w };
    case 'partial':
      return { low: w.times(p.bands.lower), high: w.times(p.bands.upper) };
    case 'not-achieved':
      return { low: new Decimal(0), high: w.times(p.bands.lower) };
  }
}

export function inBand(score: Decimal, band: Band, w: Decimal, p: Profile): boolean {
  const { low, high } = bandRange(band, w, p);
  return band === 'achieved' ? score.gte(low) && score.lte(high) : score.gte(low) && score.lt(high);
}

export function bandDefault(band: Band, w: Decimal, p: Profile): Decimal {
  const f = band === 'achieved' ? p.bandDefaults.achieved : band === 'partial' ? p.bandDefaults.partial : p.bandDefaults.notAchieved;
  return w.times(f);
}

export const BAND_LABEL: Readonly<Record<Band, string>> = {
  achieved: '达成',
  partial: '部分达成',
  'not-achieved': '未达成',
};
