import { address, parseRange, type SheetGrid } from './grid';
import type { CellMark } from './plan';
import { SEVERITY_LABEL as LABEL } from './labels';
import type { Finding, Severity } from './rules/types';

const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The first line of every note the add-in writes: how 清除标记 knows a note is ours. */
export const NOTE_HEADER = '绩效自评助手：';

/**
 * Findings grouped by cell (the top-left cell of its merge when it lies inside one): the
 * worst severity and a note listing every message, most severe first. Findings about a
 * whole table (no cell) are not marked.
 */
export function marksOfFindings(sheet: SheetGrid, findings: readonly Finding[]): CellMark[] {
  const byCell = new Map<string, { row: number; col: number; found: Finding[] }>();
  for (const f of findings) {
    if (!f.cell) continue;
    const area = parseRange(f.cell);
    if (!area) continue;
    let row = area.top;
    let col = area.left;
    const merge = sheet.merges.find((m) => row >= m.top && row <= m.bottom && col >= m.left && col <= m.right);
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
    const note = [NOTE_HEADER, ...sorted.map((f) => `[${LABEL[f.severity]}] ${f.message}（${f.rule}）`)].join('\n');
    out.push({ sheet: sheet.name, row, col, cell, severity: sorted[0].severity, note });
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}
