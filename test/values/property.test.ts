import fc from 'fast-check';
import { classifyQualitative, normalizeHeader, normalizeText, parseActual, parseTarget, yearsMentioned } from '../../src/core/values';

/** Characters the parsers care about, to reach deep paths more often than random Unicode. */
const DOMAIN = [
  ...'0123456789.,%％‰≥≤=<>＞＜＝-—~()（）〔〕【】《》[]:：;，。、 \u3000\n&#;',
  ...'万亿元人次场个年月日底前之号分扣每少下降满是否有无未不没超额指标事故完成基本部分满意达到以上以内大于小于等于控制在内百千十一两三半含',
  'nbsp', '<p>', '</p>', '[bookmark: x]', '是否', '不超', '得满分', '100%-80%(含)', '2023年12月31日', '冀工发〔2005〕35号',
];
const domainString = (maxLength: number) => fc.string({ unit: fc.constantFrom(...DOMAIN), maxLength });

function exercise(s: string): void {
  const t = parseTarget(s);
  parseTarget(s, { operatorColumn: s.slice(0, 3), unitColumn: s.slice(-2) });
  const a = parseActual(s, { unitColumn: s.slice(0, 2), targetUnit: t.kind === 'quantity' ? t.unit : null });
  classifyQualitative(s, t);
  classifyQualitative(s, s);
  classifyQualitative(a.text);
  yearsMentioned(s);
  normalizeHeader(s);
}

describe('parsers never throw', () => {
  it('on arbitrary Unicode strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        exercise(s);
      }),
      { numRuns: 300 },
    );
  });

  it('on strings built from domain characters', () => {
    fc.assert(
      fc.property(domainString(80), (s) => {
        exercise(s);
      }),
      { numRuns: 1000 },
    );
  });

  it('on 10,000-character strings, quickly', () => {
    fc.assert(
      fc.property(fc.oneof(domainString(10000), fc.string({ unit: 'binary', minLength: 10000, maxLength: 10000 })), (s) => {
        const padded = s.length >= 10000 ? s : s.padEnd(10000, '≥9%');
        const started = Date.now();
        exercise(padded);
        expect(Date.now() - started).toBeLessThan(2000);
      }),
      { numRuns: 10 },
    );
  });

  it('on non-string input from a careless caller', () => {
    for (const bad of [undefined, null, 42, {}] as unknown as string[]) {
      expect(() => parseTarget(bad)).not.toThrow();
      expect(() => parseActual(bad)).not.toThrow();
      expect(() => classifyQualitative(bad, bad)).not.toThrow();
      expect(() => normalizeText(bad)).not.toThrow();
    }
  });
});

describe('normalizeText', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(domainString(60), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });
});
