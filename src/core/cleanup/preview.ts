/** The clean-up preview as text (the CLI's --dry-run; the pane shows the same strings). */
import type { CellValue } from '../grid';
import { DEFAULT_NOTES_WORD, fillName, type NotesWord } from '../marks';
import { CLEANUP_KINDS, KIND_LABELS, type CellState, type CleanupChange, type CleanupKind, type CleanupPlan } from './types';

const MAX_SHOWN = 40;

/** Make invisible characters visible: line break ↵, full-width space □, NBSP ·, zero-width ¤. */
function visible(s: string): string {
  return s
    .replace(/\r?\n/g, '↵')
    .replace(/\u3000/g, '□')
    .replace(/\u00A0/g, '·')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '¤');
}

function shorten(s: string, max = MAX_SHOWN): string {
  const chars = [...s];
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : s;
}

export function showCellValue(v: CellValue): string {
  switch (v.t) {
    case 'empty':
      return '（空）';
    case 'text':
      return `「${shorten(visible(v.v))}」`;
    case 'number':
      return String(v.v);
    default:
      return String(v.v);
  }
}

function showState(s: CellState, other?: CellState): string {
  const fmt = s.numFmt !== undefined && s.numFmt !== other?.numFmt ? `（格式 ${s.numFmt}）` : '';
  return showCellValue(s.value) + fmt;
}

/**
 * `before → after` of one change, as the preview prints it: fills by their colour's name
 * (`底色 浅红色（错误标记）`, never `FFFFCCD1`), notes by the host's word.
 */
export function describeChange(c: CleanupChange, notesWord: NotesWord = DEFAULT_NOTES_WORD): { place: string; before: string; after: string } {
  switch (c.op) {
    case 'set':
      return { place: c.place.address, before: showState(c.before, c.after), after: showState(c.after, c.before) };
    case 'delete-row':
      return { place: `第 ${c.place.row} 行`, before: shorten(c.before.cells.map((x) => visible(x.value.t === 'empty' ? '' : String(x.value.v))).join(' | ')) || '（空行）', after: '（删除该行）' };
    case 'resize-merge':
      return { place: c.place.address, before: `合并 ${c.before}`, after: c.after ? `合并 ${c.after}` : '（取消合并）' };
    case 'unmerge':
      return { place: c.place.address, before: `合并 ${c.before}`, after: '（取消合并）' };
    case 'delete-sheet':
      return { place: `工作表「${c.before}」`, before: '空白模板', after: '（删除工作表）' };
    case 'remove-fill':
      return { place: c.place.address, before: `底色 ${fillName(c.before)}`, after: '（无底色）' };
    case 'remove-note':
      return { place: c.place.address, before: `${notesWord}「${shorten(visible(c.before))}」`, after: `（删除${notesWord}）` };
  }
}

/** One line per kind with its count, for summaries. */
export function countsLine(counts: Readonly<Record<CleanupKind, number>>): string {
  const parts = CLEANUP_KINDS.filter((k) => counts[k] > 0).map((k) => `${KIND_LABELS[k]} ${counts[k]} 处`);
  return parts.length ? parts.join('，') : '无需清理';
}

/**
 * The preview: changes grouped by sheet, then by kind with counts, each `place：before →
 * after`. Fill-in hints come last in each sheet, marked as keepable (`--keep-hints`).
 */
export function formatPreview(plan: CleanupPlan, options: { readonly limitPerKind?: number; readonly notesWord?: NotesWord } = {}): string {
  const { limitPerKind = 20, notesWord = DEFAULT_NOTES_WORD } = options;
  if (!plan.changes.length) return '无需清理：没有发现需要处理的内容。';
  const lines: string[] = [`共 ${plan.changes.length} 处：${countsLine(plan.counts)}`];
  const sheets = new Map<string, CleanupChange[]>();
  for (const c of plan.changes) {
    const list = sheets.get(c.place.sheet) ?? [];
    list.push(c);
    sheets.set(c.place.sheet, list);
  }
  const order: CleanupKind[] = [...CLEANUP_KINDS.filter((k) => k !== 'hint'), 'hint'];
  for (const [sheet, list] of sheets) {
    lines.push('', `工作表「${sheet}」（${list.length} 处）`);
    for (const kind of order) {
      const of = list.filter((c) => c.kind === kind);
      if (!of.length) continue;
      const note = kind === 'hint' ? '（单独列出：如需保留请用 --keep-hints）' : '';
      lines.push(`  ${KIND_LABELS[kind]}：${of.length} 处${note}`);
      for (const c of of.slice(0, limitPerKind)) {
        const d = describeChange(c, notesWord);
        lines.push(`    ${d.place}：${d.before} → ${d.after}`);
      }
      if (of.length > limitPerKind) lines.push(`    …另有 ${of.length - limitPerKind} 处`);
    }
  }
  return lines.join('\n');
}
