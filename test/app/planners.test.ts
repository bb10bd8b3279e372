/** The application layer's planners, host-free: what a write, an undo and a clean-up undo will do. */
import {
  AddinError,
  DEFAULT_SETTINGS,
  MARK_FILLS,
  OUR_NOTE,
  analyzeWorkbook,
  cellStep,
  markKey,
  planWrite,
  profileOf,
  sheetFromRows,
  type CellMarkState,
  type ProbeResult,
  type WorkbookGrid,
} from '../../src/core';
import { planUndo } from '../../src/core/app/undo';
import { planCleanupUndo } from '../../src/core/app/cleanup';

const rows = [
  ['项目支出绩效自评表'],
  ['项目名称', '测试项目'],
  ['项目资金(万元)', '资金来源', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  ['', '年度资金总额', 100, 100, 80, 10, '', ''],
  ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ['', '产出指标', '数量指标', '培训人数', '≥100人', '120人', 50, 10, ''],
  ['', '效益指标', '社会效益指标', '群众满意', '≥90%', '95%', 40, 40, ''],
  ['总分', '', '', '', '', '', 100, '', ''],
];
const grid: WorkbookGrid = { sheets: [sheetFromRows('表', rows as never)] };
const cell = (_s: string, r: number, c: number) => ({ value: (rows[r - 1]?.[c - 1] ?? '') as string | number, numFmt: 'General' });
const input = (over: Partial<Parameters<typeof planWrite>[0]> = {}) => {
  const settings = { ...DEFAULT_SETTINGS, highlight: true, notes: true, ...(over.settings ?? {}) };
  return { grid, cell, result: analyzeWorkbook(grid), profile: profileOf(settings), settings, notes: true, marks: new Map<string, CellMarkState>(), ...over };
};

describe('planWrite', () => {
  test('edits become steps from the raw value read; the workbook as written needs nothing more; corrected cells are marked 已更正 with a note', () => {
    const plan = planWrite(input());
    expect(plan.edits.map((e) => e.cell)).toEqual(['H6', 'G4', 'H4', 'H8']);
    expect(plan.after.plan).toEqual([]);
    const h6 = plan.steps.find((s) => s.cell === 'H6')!;
    expect(h6.before).toEqual({ value: 10, fill: null, note: null });
    expect(h6.after).toEqual({ value: 50, fill: MARK_FILLS.corrected, note: '【绩效自评助手】\n[已更正] 原为 10，已改为 50' });
    const g4 = plan.steps.find((s) => s.cell === 'G4')!;
    expect(g4.after).toMatchObject({ value: 0.8, numFmt: '0.00%' });
    expect(g4.before).toMatchObject({ value: '', numFmt: 'General' });
    // 执行率 80% < 90% without a reason: still a warning after the write, so G4 wears the warning colour.
    expect(g4.after.fill).toBe(MARK_FILLS.warning);
    expect(plan.corrected.map((c) => c.cell)).toEqual(['H6', 'H4', 'H8']);
  });

  test('更正此项: only that cell is written; the marks still follow the workbook as it will be', () => {
    const plan = planWrite(input({ only: [{ sheet: '表', cell: 'H6' }] }));
    expect(plan.edits.map((e) => e.cell)).toEqual(['H6']);
    expect(plan.corrected).toEqual([{ sheet: '表', cell: 'H6' }]);
    expect(plan.after.plan.map((e) => e.cell)).toEqual(['G4', 'H4', 'H8']);
  });

  test('highlighting and notes off: our earlier marks come off; a host without notes gets no note step', () => {
    const marks = new Map<string, CellMarkState>([[markKey('表', 'F7'), { kind: 'error', note: 'abcd' }]]);
    const off = planWrite(input({ marks, settings: { ...DEFAULT_SETTINGS, highlight: false, notes: false } }));
    expect(off.steps.find((s) => s.cell === 'F7')).toEqual(cellStep('表', 'F7', { fill: MARK_FILLS.error, note: OUR_NOTE }, { fill: null, note: null }));
    expect(off.marksAfter.size).toBe(0);
    const noNotes = planWrite(input({ marks, notes: false }));
    expect(noNotes.steps.every((s) => s.after.note === undefined)).toBe(true);
    expect(noNotes.marksAfter.get(markKey('表', 'F7'))).toEqual({ kind: null, note: 'abcd' }); // still ours, left for a host with notes
  });

  test('a 已更正 from an earlier write stays while the cell has no finding; a protected sheet is left alone', () => {
    const marks = new Map<string, CellMarkState>([[markKey('表', 'D6'), { kind: 'corrected', note: null }]]);
    expect(planWrite(input({ marks })).marksAfter.get(markKey('表', 'D6'))).toEqual({ kind: 'corrected', note: null });
    const locked: WorkbookGrid = { sheets: [{ ...grid.sheets[0], protected: true }] };
    const plan = planWrite(input({ grid: locked, result: analyzeWorkbook(locked), marks }));
    expect(plan.steps).toEqual([]);
    expect(plan.blocked.map((e) => e.cell)).toEqual(['H6', 'G4', 'H4', 'H8']);
    expect(plan.marksAfter.get(markKey('表', 'D6'))).toEqual({ kind: 'corrected', note: null });
  });
});

const probe = (states: ProbeResult['states'], sheets = [{ name: '表', position: 0, visibility: 'visible' as const, protected: false }]): ProbeResult => ({ sheets, states, stored: {}, active: null, formulas: [] });

describe('planUndo', () => {
  const step = cellStep('表', 'H6', { value: 10, fill: null, note: null }, { value: 50, fill: MARK_FILLS.corrected, note: OUR_NOTE });
  const none = new Map<string, CellMarkState>();

  test('a cell still as the write left it is put back; one already back needs nothing (an undo finishing after a failure)', () => {
    const plan = planUndo({ steps: [step] }, probe([{ value: 50, formula: null, fill: MARK_FILLS.corrected, note: '【绩效自评助手】…' }]), none, none, true);
    expect(plan.steps).toEqual([cellStep('表', 'H6', { value: 50, fill: MARK_FILLS.corrected, note: OUR_NOTE }, { value: 10, fill: null, note: null })]);
    expect(plan.restored).toBe(1);
    const again = planUndo({ steps: [step] }, probe([{ value: 10, formula: null, fill: null, note: null }]), none, none, true);
    expect(again).toMatchObject({ steps: [], restored: 1, skipped: [] });
  });

  test('a value the user changed since is theirs: listed, left; our fill there still comes off', () => {
    const plan = planUndo({ steps: [step] }, probe([{ value: 77, formula: null, fill: MARK_FILLS.corrected, note: null }]), none, none, true);
    expect(plan.skipped).toEqual([{ sheet: '表', cell: 'H6', message: '工作表「表」H6 在写回后又被修改，未撤销' }]);
    expect(plan.steps).toEqual([cellStep('表', 'H6', { fill: MARK_FILLS.corrected }, { fill: null })]);
  });

  test('without the notes API: no note step, the notes left are counted', () => {
    const plan = planUndo({ steps: [step] }, probe([{ value: 50, formula: null, fill: MARK_FILLS.corrected }]), none, none, false);
    expect(plan.steps.every((s) => s.after.note === undefined)).toBe(true);
    expect(plan.notesLeft).toBe(1);
  });
});

describe('planCleanupUndo: planned from the sheets as they are, so an interrupted undo finishes', () => {
  const record = { at: '', backups: [{ sheet: '劳模服务', backup: '绩效助手清理备份_1', position: 1, visibility: 'visible' }], steps: [], formulas: [], marksBefore: new Map() };
  const sheets = (...names: string[]) => names.map((name, position) => ({ name, position, visibility: 'visible' as const, protected: false }));
  const ops = (names: string[]) => planCleanupUndo(record, probe([], sheets(...names)), true).steps.map((s) => s.op);

  test('backup and cleaned sheet both there: show, delete, rename, place', () => {
    expect(ops(['部门整体', '劳模服务', '绩效助手清理备份_1'])).toEqual(['sheet-visibility', 'delete-sheet', 'rename-sheet', 'move-sheet', 'sheet-visibility']);
  });
  test('the cleaned sheet already deleted: rename and place', () => {
    expect(ops(['部门整体', '绩效助手清理备份_1'])).toEqual(['sheet-visibility', 'rename-sheet', 'move-sheet', 'sheet-visibility']);
  });
  test('already swapped back: only placed', () => {
    expect(ops(['部门整体', '劳模服务'])).toEqual(['move-sheet', 'sheet-visibility']);
  });
  test('neither there: refused before anything is done', () => {
    expect(() => planCleanupUndo(record, probe([], sheets('部门整体')), true)).toThrow(AddinError);
  });
});
