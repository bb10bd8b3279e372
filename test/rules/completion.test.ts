import type { Cell } from '../../src/core';
import { analyze, book, completionSheet, findingsOf, type CompletionRowSpec } from '../helpers/testbed';

const band: CompletionRowSpec = { l3: '财务管理制度健全', target: '健全', actual: '100%-80%(含)', weight: 2, score: 1.8 };
const pct = (v: number): Cell => ({ value: { t: 'number', v }, numFmt: '0.00%' });
const run = (completion: CompletionRowSpec['completion'], extra: Partial<CompletionRowSpec> = {}) =>
  findingsOf(analyze(book(completionSheet([{ ...band, completion, ...extra }]))), 'completion-mismatch');

describe('completion-mismatch', () => {
  it('is info on the 完成率 cell when it is not score ÷ weight (seed 004: 100 for 1.8 of 2)', () => {
    expect(run(100)).toEqual([
      {
        rule: 'completion-mismatch',
        severity: 'info',
        cell: 'H4',
        message: '第 4 行「财务管理制度健全」完成率应为 90.00%（得分 1.8 ÷ 分值 2），表中为 100',
      },
    ]);
    expect(run(pct(1)).map((f) => f.message)).toEqual(['第 4 行「财务管理制度健全」完成率应为 90.00%（得分 1.8 ÷ 分值 2），表中为 100%']);
    expect(run('100%').map((f) => f.message)).toEqual(['第 4 行「财务管理制度健全」完成率应为 90.00%（得分 1.8 ÷ 分值 2），表中为 100%']);
  });

  it('accepts 90, 0.9, 90% and a %-formatted 0.9, and 100 / 1 / 100% at full score', () => {
    for (const c of [90, 0.9, '90%', pct(0.9), '90.00%']) expect(run(c)).toEqual([]);
    for (const c of [100, 1, '100%', pct(1)]) expect(run(c, { score: 2 })).toEqual([]);
    expect(run(90, { weight: 7.14, score: 6.43 })).toEqual([]);
  });
});
