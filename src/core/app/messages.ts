/** The add-in's sentences (简体中文), one place for every host. */
import type { NotesWord } from '../marks';
import type { ChangedCell, WriteReport } from './host';

export const where = (sheet: string, cell: string): string => `工作表「${sheet}」${cell}`;

export function changedSinceRead(sheet: string, cell: string, now: string): ChangedCell {
  return { sheet, cell, message: `${where(sheet, cell)} 在读取后被修改（现为 ${now}），未覆盖` };
}

export function changedSinceWrite(sheet: string, cell: string): ChangedCell {
  return { sheet, cell, message: `${where(sheet, cell)} 在写回后又被修改，未撤销` };
}

export function sheetGoneForUndo(sheet: string, cell: string, protectedNow: boolean): ChangedCell {
  return { sheet, cell, message: `${where(sheet, cell)} ${protectedNow ? '所在工作表已受保护' : '所在工作表已不存在'}，未撤销` };
}

/** Only Excel lacks a notes API (before ExcelApi 1.18); the word is still the host's. */
export function notesUnavailable(word: NotesWord): string {
  return `当前 Excel 不支持${word}接口（需要 ExcelApi 1.18，即 Microsoft 365 较新版本或 Excel 网页版），未添加${word}`;
}

export function notesLeft(n: number, word: NotesWord): string {
  return `当前 Excel 不支持${word}接口，加载项添加的 ${n} 条${word}未删除；可在 Microsoft 365 或 Excel 网页版中清除标记`;
}

export function undoTooLarge(cells: number): string {
  return `本次写回涉及 ${cells} 个单元格，撤销记录超过上限，无法用“撤销本次写回”恢复；如需恢复，请关闭工作簿且不保存`;
}

export const NOTHING_TO_UNDO = '没有可撤销的写回';
export const NOTHING_TO_UNDO_CLEANUP = '没有可撤销的清理';

export function selectFailed(sheet: string, cell: string, why: 'missing-sheet' | 'hidden-sheet'): string {
  return why === 'missing-sheet'
    ? `找不到工作表「${sheet}」（可能已被删除或重命名），无法定位到 ${cell}；请重新检查`
    : `工作表「${sheet}」已隐藏，无法定位到 ${cell}；请先取消隐藏该工作表（右键单击工作表标签 → 取消隐藏）`;
}

/** A value as a sentence shows it. */
export function showRaw(v: unknown): string {
  return v === '' || v === null || v === undefined ? '空白' : String(v);
}

type WriteFacts = Pick<WriteReport, 'written' | 'changedSinceRead' | 'protectedSheets' | 'highlighted' | 'notesAdded'> & {
  readonly blocked: number;
  readonly corrected: number;
  readonly refused: number;
  readonly empty: boolean;
  readonly emptyTitle?: string;
  readonly notesWord: NotesWord;
};

/** What a write did, in one sentence: never "nothing to write" when cells were left unwritten. */
export function writeSummary(r: WriteFacts): string {
  if (r.empty) return r.emptyTitle ?? '未找到可识别的绩效自评表';
  const left: string[] = [];
  if (r.blocked) left.push(`${r.blocked} 个需要更正的单元格在受保护的工作表（${r.protectedSheets.join('、')}）中，未写入；请撤销工作表保护后再点“计分并写回”`);
  if (r.changedSinceRead.length) left.push(`${r.changedSinceRead.length} 个单元格在计算后被修改，未覆盖，请再点“计分并写回”`);
  if (r.refused) left.push(`${r.refused} 个单元格不能写入（公式或合并单元格），见问题列表`);
  if (r.written === 0) return left.length ? `未写入任何单元格：${left.join('；')}。` : '工作簿中的得分与计算结果一致，没有需要写入的单元格。';
  const done = [`已写入 ${r.written} 个单元格`];
  if (r.corrected) done.push(`其中 ${r.corrected} 个已更正`);
  if (r.highlighted) done.push(`标记 ${r.highlighted} 个问题单元格`);
  if (r.notesAdded) done.push(`添加或更新 ${r.notesAdded} 条${r.notesWord}`);
  return `${done.join('，')}。${left.length ? left.join('；') + '。' : ''}`;
}

/** 导出审核汇总 on a workbook without a recognisable table: nothing is made. */
export function exportNoTables(sheets: number): string {
  return `未找到可识别的绩效自评表（已检查 ${sheets} 个工作表），未导出审核汇总`;
}
