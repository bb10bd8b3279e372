import { jsonBlocks } from '../../src/cli/json';

const text = (v: unknown): string => [...jsonBlocks(v)].join('\n');

describe('jsonBlocks', () => {
  it('joined with newlines, is JSON.stringify(value, null, 2)', () => {
    const row = (i: number) => ({ row: i, level1: '产出指标', target: '≥100人\n"引号"', weight: i % 3 ? 1.5 : null, method: undefined, f: () => 1 });
    const docs: unknown[] = [
      { files: [] },
      { files: [{ file: 'a.xlsx', tables: [{ indicators: Array.from({ length: 300 }, (_, i) => row(i)), findings: [], total: { score: 1, stated: null } }] }], report: 'x.xlsx' },
      Array.from({ length: 100 }, (_, i) => (i % 10 ? [i, undefined, () => 1, { a: [1, 2, { b: i }] }] : Array.from({ length: 70 }, () => ({ deep: [] })))),
      { big: Array.from({ length: 65 }, (_, i) => i), skip: undefined, fn: () => 0, date: new Date(Date.UTC(2024, 0, 1)), nested: { big: Array.from({ length: 65 }, () => 'x') } },
      Array.from({ length: 65 }, () => undefined),
      'plain',
      42,
    ];
    for (const d of docs) expect(text(d)).toBe(JSON.stringify(d, null, 2));
  });

  it('cuts a large document into blocks of whole lines', () => {
    const doc = { indicators: Array.from({ length: 20000 }, (_, i) => ({ row: i, name: `指标${i}` })) };
    const blocks = [...jsonBlocks(doc)];
    expect(blocks.length).toBeGreaterThan(5);
    expect(blocks.join('\n')).toBe(JSON.stringify(doc, null, 2));
    for (const b of blocks.slice(0, -1)) expect(b.length).toBeLessThan(1 << 17);
  });
});
