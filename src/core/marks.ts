/**
 * Marks: the fills and notes the add-in puts on cells, and how every host and clean-up
 * recognises them as its own. One fill table (ARGB, as OOXML and the grid spell colours;
 * each host converts at its edge), one note prefix, one grouping of findings by cell.
 *
 * A fill or note is ours when
 *  - the add-in recorded it when it wrote it, or
 *  - it is a solid fill of exactly one of `MARK_FILLS` (colours chosen off Excel's palette
 *    and its cell-style presets, so a person is unlikely to pick them by hand), or
 *  - it is a note whose text starts with `MARK_NOTE_PREFIX`.
 * 清除标记 and clean-up kind 7 remove exactly those, and nothing a person added.
 */
import { address, parseRange, type SheetGrid } from './grid';
import type { CellMark } from './plan';
import { SEVERITY_LABEL } from './labels';
import { mergeLookup } from './merges';
import type { Finding, Severity } from './rules/types';

/** What a mark says: the worst severity of the findings on a cell, or 已更正 (the write fixed it). */
export type MarkKind = Severity | 'corrected';

/** Most severe first; 已更正 last. */
export const MARK_KINDS: readonly MarkKind[] = ['error', 'warning', 'info', 'corrected'];

/** Fill colours (ARGB) of the add-in's marks. */
export const MARK_FILLS: Readonly<Record<MarkKind, string>> = {
  error: 'FFFFCCD1',
  warning: 'FFFFEDB8',
  info: 'FFDCEAF7',
  corrected: 'FFD3EEDB',
};

export const MARK_LABEL: Readonly<Record<MarkKind, string>> = { ...SEVERITY_LABEL, corrected: '已更正' };

/** The colours' names, for a legend a person reads. */
export const MARK_COLOUR_NAME: Readonly<Record<MarkKind, string>> = {
  error: '浅红色',
  warning: '浅黄色',
  info: '浅蓝色',
  corrected: '浅绿色',
};

export interface MarkLegendEntry {
  readonly kind: MarkKind;
  /** 错误 / 警告 / 提示 / 已更正. */
  readonly label: string;
  /** `FFFFCCD1`. */
  readonly argb: string;
  /** `#FFCCD1`, for CSS. */
  readonly hex: string;
  /** 浅红色. */
  readonly colour: string;
}

/** The legend of the marks, in display order. */
export function markLegend(): MarkLegendEntry[] {
  return MARK_KINDS.map((kind) => ({
    kind,
    label: MARK_LABEL[kind],
    argb: MARK_FILLS[kind],
    hex: '#' + MARK_FILLS[kind].slice(2),
    colour: MARK_COLOUR_NAME[kind],
  }));
}

/**
 * What the host's Chinese interface calls the cell notes the add-in writes: Excel says 备注
 * (its 批注 are the threaded comments), WPS 表格 says 批注. A host declares its word in its
 * capabilities; a file opened in Excel (the CLI's output) gets Excel's.
 */
export type NotesWord = '备注' | '批注';
export const DEFAULT_NOTES_WORD: NotesWord = '备注';

/**
 * Names of other fills a person or an earlier version may have left, as Excel's Chinese
 * colour picker names its standard colours (and the light fills of its 好/差/适中 styles and
 * of earlier versions of this add-in).
 */
const FILL_NAMES: Readonly<Record<string, string>> = {
  FFC00000: '深红',
  FFFF0000: '红色',
  FFFFC000: '橙色',
  FFFFFF00: '黄色',
  FF92D050: '浅绿',
  FF00B050: '绿色',
  FF00B0F0: '浅蓝',
  FF0070C0: '蓝色',
  FF002060: '深蓝',
  FF7030A0: '紫色',
  FFFFC7CE: '浅红色',
  FFFFEB9C: '浅黄色',
  FFC6EFCE: '浅绿色',
  FFDDEBF7: '浅蓝色',
};

/** A fill colour (ARGB) in words: `浅红色（错误标记）` for a mark, `黄色`, or `其他颜色`; never the code. */
export function fillName(argb: string): string {
  const kind = markOfFill(argb);
  if (kind) return `${MARK_COLOUR_NAME[kind]}（${MARK_LABEL[kind]}标记）`;
  return FILL_NAMES[argb.toUpperCase()] ?? '其他颜色';
}

/** Every note the add-in writes starts with this line. */
export const MARK_NOTE_PREFIX = '【绩效自评助手】';

/** The first line of every note the add-in writes (the same prefix; kept for older imports). */
export const NOTE_HEADER = MARK_NOTE_PREFIX;

const FILL_KIND = new Map<string, MarkKind>(MARK_KINDS.map((k) => [MARK_FILLS[k], k]));

/** The mark a fill colour (ARGB, any case) stands for; null for any other colour or none. */
export function markOfFill(argb: string | null | undefined): MarkKind | null {
  return argb ? (FILL_KIND.get(argb.toUpperCase()) ?? null) : null;
}

export function isMarkFill(argb: string | null | undefined): boolean {
  return markOfFill(argb) !== null;
}

export function isMarkNote(text: string | null | undefined): boolean {
  return typeof text === 'string' && text.trimStart().startsWith(MARK_NOTE_PREFIX);
}

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] <= RANK[b] ? a : b;
}

/** A note's lines after the prefix, one per finding: `[错误] message（rule-id）`. */
export function findingLine(f: Pick<Finding, 'severity' | 'message' | 'rule'>): string {
  return `[${SEVERITY_LABEL[f.severity]}] ${f.message}（${f.rule}）`;
}

/**
 * Findings grouped by cell (the top-left cell of its merge when it lies inside one): the
 * worst severity and a note listing every message, most severe first. Findings about a
 * whole table (no cell) are not marked.
 */
export function marksOfFindings(sheet: SheetGrid, findings: readonly Finding[]): CellMark[] {
  const byCell = new Map<string, { row: number; col: number; found: Finding[] }>();
  const mergeAt = mergeLookup(sheet.merges);
  for (const f of findings) {
    if (!f.cell) continue;
    const area = parseRange(f.cell);
    if (!area) continue;
    let row = area.top;
    let col = area.left;
    const merge = mergeAt(row, col);
    if (merge) {
      row = merge.top;
      col = merge.left;
    }
    const key = address(row, col);
    const entry = byCell.get(key) ?? { row, col, found: [] };
    if (!entry.found.some((x) => x.rule === f.rule && x.message === f.message)) entry.found.push(f);
    byCell.set(key, entry);
  }
  const out: CellMark[] = [];
  for (const [cell, { row, col, found }] of byCell) {
    const sorted = [...found].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
    const note = [MARK_NOTE_PREFIX, ...sorted.map(findingLine)].join('\n');
    out.push({ sheet: sheet.name, row, col, cell, severity: sorted[0].severity, note });
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}
