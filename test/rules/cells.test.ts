import { sheetFromRows } from '../../src/core';
import { analyze, book, findingsOf, projectSheet } from '../helpers/testbed';

describe('text-number', () => {
  it('is info, one per cell, on numbers stored as text in budget and indicator columns (seed 002: ` 6` in C5)', () => {
    const r = analyze(
      book(
        projectSheet({
          budget: [['其中：当年财政拨款', ' 6', 6, 3.4, null, '56.67%', null], ['年度资金总额', 6, 6, 3.4, 10, 0.5667, 5.67]],
          indicators: [{ l3: '人数', target: '≥100人', actual: '100人', weight: '90分', score: 90 }],
        }),
      ),
    );
    expect(findingsOf(r, 'text-number')).toEqual([
      { rule: 'text-number', severity: 'info', cell: 'C4', message: '年初预算数单元格 C4 的「 6」是以文本存储的数字，应改为数值 6' },
      { rule: 'text-number', severity: 'info', cell: 'G7', message: '分值单元格 G7 的「90分」是以文本存储的数字，应改为数值 90' },
    ]);
  });

  it('reports a merged text cell shared by two rows once', () => {
    const sheet = projectSheet({
      indicators: [
        { l3: '人数', target: '≥100人', actual: '100人', weight: ' 45', score: 45 },
        { l3: '户数', target: '≥50户', actual: '50户', weight: null, score: 45 },
      ],
    });
    const merged = sheetFromRows(sheet.name, sheet.cells.slice(1).map((row) => (row ?? []).slice(1)), [...sheet.merges, { top: 4, left: 7, bottom: 5, right: 7 }]);
    expect(findingsOf(analyze(book(merged)), 'text-number').map((f) => f.cell)).toEqual(['G4']);
  });

  it('stays quiet on real numbers and on a rate typed as a percentage text', () => {
    const r = analyze(
      book(
        projectSheet({
          budget: [['年度资金总额', 6, 6, 3.4, 10, '56.67%', 5.67]],
          indicators: [{ l3: '人数', target: '≥100人', actual: '100人', weight: 90, score: 90 }],
        }),
      ),
    );
    expect(findingsOf(r, 'text-number')).toEqual([]);
  });
});
