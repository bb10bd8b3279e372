/**
 * What a check, a write, an undo or a clean-up of marks did, in the accountant's words. The
 * pane shows these for its own buttons and for the ribbon's commands alike, so both say the
 * same thing with the same counts.
 */
import type { CheckReport, NotesWord, UndoReport, WriteReport } from '../core';
import type { Notice } from './outcomes';

/** `错误 4 处、警告 9 处、提示 4 处`, or `没有发现问题`. */
export function countsText(counts: CheckReport['counts']): string {
  const parts = [['错误', counts.error], ['警告', counts.warning], ['提示', counts.info]].filter(([, n]) => Number(n) > 0).map(([w, n]) => `${w} ${n} 处`);
  return parts.length ? parts.join('、') : '没有发现问题';
}

export function checkNotice(r: CheckReport): Notice {
  const tables = r.result.tables.length;
  if (tables === 0) return { intent: 'info', title: '检查完成：没有找到可识别的自评表。', lines: [] };
  return {
    intent: r.counts.error ? 'warning' : 'success',
    title: `检查完成：识别出 ${tables} 张表，${countsText(r.counts)}。`,
    lines: [],
  };
}

/** What a write did: the host's own sentence (`summary`) when it gives one, and the cells left alone. */
export function writeNotice(r: WriteReport): Notice {
  const lines: string[] = [];
  let title: string;
  if (r.summary) title = r.summary;
  else if (r.result.tables.length === 0) title = '没有找到可识别的自评表，没有写入任何单元格。';
  else if (r.written === 0) title = '工作簿中的得分与计算结果一致，没有需要写入的单元格。';
  else {
    const parts = [`已写入 ${r.written} 个单元格`];
    if (r.highlighted) parts.push(`标记 ${r.highlighted} 个问题单元格`);
    if (r.notesAdded) parts.push(`添加 ${r.notesAdded} 条备注`);
    title = `${parts.join('，')}。`;
  }
  if (r.changedSinceRead.length) {
    lines.push(`以下 ${r.changedSinceRead.length} 个单元格在计算后被修改，未覆盖，请再点“计分并写回”：`);
    for (const c of r.changedSinceRead) lines.push(`${c.sheet}!${c.cell}：${c.message}`);
  }
  if (r.protectedSheets.length) lines.push(`工作表受保护，未写入：${r.protectedSheets.join('、')}。请撤销工作表保护后再点“计分并写回”。`);
  // The host's own sentence, in its word for notes.
  if (r.notesUnavailable) lines.push(r.notesUnavailable);
  const intent = r.changedSinceRead.length || r.protectedSheets.length ? 'warning' : r.result.tables.length ? 'success' : 'info';
  return { intent, title, lines };
}

/**
 * What an undo did. Its count covers every cell the write touched — the values written and the
 * cells marked — so it says so, to agree with the write's `已写入 8 个单元格，标记 13 个…`.
 */
export function undoNotice(r: UndoReport): Notice {
  const lines = r.skipped.map((c) => `${c.sheet}!${c.cell}：${c.message}`);
  if (lines.length) lines.unshift(`以下 ${lines.length} 个单元格在写回后又被修改，保留现值：`);
  if (r.notice) lines.push(r.notice);
  return { intent: lines.length ? 'warning' : 'success', title: `已撤销本次写回：${r.restored} 个单元格（写入的值和标记）恢复到写回前。`, lines };
}

/** `notesWord`: the host's (`Capabilities.notesWord`). */
export function marksClearedNotice(count: number, notesWord: NotesWord): Notice {
  return count
    ? { intent: 'success', title: `已清除 ${count} 处本加载项添加的标记（底色和${notesWord}）。`, lines: [] }
    : { intent: 'info', title: '工作簿中没有本加载项添加的标记。', lines: [] };
}
