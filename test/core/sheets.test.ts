import { analyzeWorkbook, hiddenSheetsLine, isAddinSheet, skippedSheetLine, skipReason, uniqueSheetName, type SheetGrid } from '../../src/core';

const sheet = (name: string, visibility?: SheetGrid['visibility']): SheetGrid => ({ name, rowCount: 0, colCount: 0, cells: [], merges: [], visibility });

describe('sheet policy (core/sheets.ts)', () => {
  it('skips the add-in’s own sheets always, hidden ones unless asked', () => {
    expect(skipReason(sheet('绩效助手清理备份_自评表'), true)).toBe('addin');
    expect(skipReason(sheet('绩效助手数据', 'veryHidden'), true)).toBe('addin');
    expect(skipReason(sheet('审核汇总 (2)'), false)).toBe('addin');
    expect(skipReason(sheet('旧表', 'hidden'), false)).toBe('hidden');
    expect(skipReason(sheet('旧表', 'veryHidden'), false)).toBe('veryHidden');
    expect(skipReason(sheet('旧表', 'hidden'), true)).toBeNull();
    expect(skipReason(sheet('自评表'), false)).toBeNull();
    expect(isAddinSheet('审核汇总表')).toBe(false);
  });

  it('says why in Chinese; only the host that has a way to include hidden sheets names it', () => {
    expect(skippedSheetLine({ name: '旧表', reason: 'hidden' })).toBe('工作表「旧表」为隐藏工作表，未审核、未写入');
    expect(skippedSheetLine({ name: '旧表', reason: 'hidden' }, '加 --include-hidden')).toBe('工作表「旧表」为隐藏工作表，未审核、未写入（需要时加 --include-hidden）');
    expect(skippedSheetLine({ name: '绩效助手数据', reason: 'addin' }, '加 --include-hidden')).not.toContain('--include-hidden');
  });

  it('gives the pane one line naming the hidden sheets an analysis left out', () => {
    const result = analyzeWorkbook({ sheets: [sheet('自评表'), sheet('旧表', 'hidden'), sheet('底稿', 'veryHidden'), sheet('绩效助手数据', 'veryHidden')] });
    expect(result.skippedSheets.map((s) => s.reason)).toEqual(['hidden', 'veryHidden', 'addin']);
    expect(hiddenSheetsLine(result.skippedSheets)).toBe('隐藏的工作表未审核、未写入：旧表、底稿');
    expect(hiddenSheetsLine([{ name: '绩效助手数据', reason: 'addin' }])).toBeNull();
  });

  it('picks a free sheet name within 31 characters', () => {
    expect(uniqueSheetName('审核汇总', ['审核汇总', '审核汇总 (2)'])).toBe('审核汇总 (3)');
    expect(uniqueSheetName('x'.repeat(40), []).length).toBe(31);
  });
});
