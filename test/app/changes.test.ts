/** The change language and the records: one vocabulary for edits, marks and clean-up; small records. */
import {
  MARK_FILLS,
  OUR_NOTE,
  cellStep,
  compressCells,
  decodeCleanup,
  decodeMarks,
  decodeWrite,
  encodeCleanup,
  encodeMarks,
  encodeWrite,
  expandCells,
  invert,
  markKey,
  matches,
  mergeSteps,
  mismatches,
  noteHash,
  recordSize,
  type CellMarkState,
} from '../../src/core';

describe('steps', () => {
  test('invert swaps before and after; applying a step then its inverse is where we began', () => {
    const s = cellStep('表', 'H8', { value: '', numFmt: 'General', fill: null }, { value: 5.67, numFmt: '0.00', fill: MARK_FILLS.corrected });
    expect(invert(s)).toEqual(cellStep('表', 'H8', s.after, s.before));
    expect(invert(invert(s))).toEqual(s);
  });

  test('a cell is compared on the aspects a step names; a formula there is never a constant', () => {
    expect(mismatches({ value: 90 }, { value: 90, formula: null, numFmt: '0.00', fill: 'FF00B050' })).toEqual([]);
    expect(mismatches({ value: 90 }, { value: 90, formula: '=SUM(H1:H7)' })).toEqual(['value']);
    expect(mismatches({ value: 0.1 + 0.2 }, { value: 0.3, formula: null })).toEqual([]);
    expect(mismatches({ numFmt: 'General' }, { numFmt: '' })).toEqual([]);
    expect(mismatches({ fill: 'ffffccd1' }, { fill: 'FFFFCCD1' })).toEqual([]);
    expect(mismatches({ fill: null }, { fill: 'FF00B050' })).toEqual(['fill']);
    // OUR_NOTE matches any note of ours, never a person's.
    expect(matches({ note: OUR_NOTE }, { note: '【绩效自评助手】\n[错误] …' })).toBe(true);
    expect(matches({ note: OUR_NOTE }, { note: '财务科：请核对' })).toBe(false);
    expect(matches({ note: null }, { note: null })).toBe(true);
  });

  test('mergeSteps: one step per cell, first before to last after; a round trip is dropped', () => {
    const merged = mergeSteps([
      cellStep('表', 'H8', { value: '' }, { value: 5.67 }),
      cellStep('表', 'H8', { fill: null }, { fill: MARK_FILLS.corrected }),
      cellStep('表', 'G8', { fill: MARK_FILLS.error }, { fill: null }),
      cellStep('表', 'G8', { fill: null }, { fill: MARK_FILLS.error }),
    ]);
    expect(merged).toEqual([cellStep('表', 'H8', { value: '', fill: null }, { value: 5.67, fill: MARK_FILLS.corrected })]);
  });
});

describe('records', () => {
  test('cell runs down a column compress into ranges, and expand back', () => {
    const cells = ['H10', 'H8', 'H9', 'C3', 'H12', 'AA1', 'AA2'];
    expect(compressCells(cells)).toBe('C3,H8:H10,H12,AA1:AA2');
    expect(expandCells(compressCells(cells)).sort()).toEqual([...cells].sort());
  });

  test('the marks record: kinds by compressed ranges, note hashes; the first version is read too', () => {
    const marks = new Map<string, CellMarkState>([
      [markKey('劳模服务', 'H8'), { kind: 'corrected', note: null }],
      [markKey('劳模服务', 'H9'), { kind: 'corrected', note: null }],
      [markKey('劳模服务', 'H23'), { kind: 'error', note: noteHash('【绩效自评助手】\n[错误] x') }],
      [markKey('双联工作', 'G8'), { kind: null, note: '' }],
    ]);
    const enc = encodeMarks(marks);
    expect(enc).toEqual({ v: 2, sheets: { 劳模服务: { c: 'H8:H9', e: 'H23', n: { H23: noteHash('【绩效自评助手】\n[错误] x') } }, 双联工作: { n: { G8: '' } } } });
    expect(decodeMarks(JSON.parse(JSON.stringify(enc)))).toEqual(marks);
    const v1 = { v: 1, cells: [{ sheet: '表', cell: 'B2', fill: '#FFEDB8', fillBefore: null, note: '【绩效自评助手】\n[警告] y' }] };
    expect(decodeMarks(v1)).toEqual(new Map([[markKey('表', 'B2'), { kind: 'warning', note: noteHash('【绩效自评助手】\n[警告] y') }]]));
    expect(decodeMarks('nonsense').size).toBe(0);
  });

  test('the write record keeps steps as compact tuples and reads back exactly', () => {
    const steps = [
      cellStep('劳模服务', 'G8', { value: '', numFmt: 'General', fill: null, note: null }, { value: 0.5667, numFmt: '0.00%', fill: MARK_FILLS.warning, note: OUR_NOTE }),
      cellStep('劳模服务', 'H23', { value: 90 }, { value: 95.67 }),
      cellStep('双联工作', 'C3', { fill: 'FF00B050' }, { fill: null }),
    ];
    const enc = encodeWrite({ at: '2024-01-01T00:00:00.000Z', steps, marksBefore: new Map() });
    expect(JSON.stringify(enc)).toContain('["劳模服务","双联工作"]');
    expect(JSON.stringify(enc)).toContain('[0,"G8",{"v":"","n":"General","k":null,"m":null},{"v":0.5667,"n":"0.00%","k":"w","m":1}]');
    expect(decodeWrite(JSON.parse(JSON.stringify(enc)))).toEqual({ at: '2024-01-01T00:00:00.000Z', steps, marksBefore: new Map() });
    expect(recordSize(enc)).toBeLessThan(300);
    expect(decodeWrite({ v: 1, cells: [] })).toBeNull();
  });

  test('the clean-up record: backups, value steps with full note texts, formulas, marks before', () => {
    const r = {
      at: 'now',
      backups: [{ sheet: '劳模服务', backup: '绩效助手清理备份_1', position: 1, visibility: 'visible' }],
      steps: [cellStep('部门整体', 'B2', { note: '【绩效自评助手】上次的问题' }, { note: null })],
      formulas: [{ sheet: '汇总', cell: 'B3', formula: "='劳模服务'!H23" }],
      marksBefore: new Map([[markKey('部门整体', 'B2'), { kind: null, note: 'abc' }]]),
    };
    expect(decodeCleanup(JSON.parse(JSON.stringify(encodeCleanup(r))))).toEqual(r);
  });
});
