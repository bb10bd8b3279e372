import { jsonPieces, writeJson } from '../../src/cli/json';

/** `--json` in pieces must be byte for byte what JSON.stringify(value, null, 2) gives. */
describe('jsonPieces / writeJson', () => {
  const long = (n: number) => Array.from({ length: n }, (_, i) => ({ row: i + 5, level1: '产出指标', weight: i % 3 ? 0.01 : null, note: undefined, f: () => 1, text: `指标${i}\n"引号"` }));
  const docs: [string, unknown][] = [
    ['a table with a long indicator list', { files: [{ file: 'a.xlsx', tables: [{ sheet: '表', indicators: long(200), findings: [], total: { score: 95.5, cell: 'H20' } }], notes: ['x'] }] }],
    ['empty containers and odd members', { a: [], b: {}, c: [undefined, () => 1, Symbol('s'), NaN, Infinity, -0, null], d: { toJSON: (k: string) => `json:${k}` }, e: new Date(Date.UTC(2026, 0, 2)) }],
    ['a long array of arrays', Array.from({ length: 100 }, (_, i) => [i, [i, { k: long(i % 70) }]])],
    ['nested long arrays', { outer: [{ inner: long(65) }, { inner: long(2) }], s: 'tail' }],
    ['a bare string', '文本'],
  ];
  it.each(docs)('%s: the same text as JSON.stringify(value, null, 2)', (_name, doc) => {
    expect([...jsonPieces(doc)].join('')).toBe(JSON.stringify(doc, null, 2));
  });

  it('writeJson hands over whole lines, about a megabyte at a time, that join back to the document', () => {
    const doc = { files: [{ tables: [{ indicators: long(30000) }] }] };
    const lines: string[] = [];
    writeJson(doc, (s) => lines.push(s));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.slice(0, -1).every((l) => l.length >= 1 << 20 && l.length < (1 << 20) + 4096)).toBe(true);
    expect(lines.join('\n')).toBe(JSON.stringify(doc, null, 2));
  });
});
