import { address } from '../grid';
import { headerStatedWeight, normalizeHeader } from '../values/normalize';
import { isBlankNumber, readNumber } from './cells';
import {
  BUDGET_HEADERS,
  BUDGET_TOTAL_LABELS,
  EXPENSE_LIST_LABEL,
  INCOME_LIST_LABEL,
  INDICATOR_HEADERS,
  roleOf,
  type BudgetRole,
} from './headers';
import type { BreakdownItem, BudgetBlock, BudgetRow, NumberCell } from './types';
import type { SheetView } from './view';

const AMOUNT_ROLES: readonly BudgetRole[] = ['initialBudget', 'budget', 'executed'];
const STOP_WORDS = ['年度总体目标', '总体目标', '预期目标', '绩效指标', '实际完成情况'];

/** Budget roles of a header row; the first column claiming a role keeps it. */
export function budgetRoles(view: SheetView, r: number): Map<number, BudgetRole> {
  const roles = new Map<number, BudgetRole>();
  const taken = new Set<BudgetRole>();
  for (const c of view.cols(r)) {
    if (view.isCovered(r, c)) continue;
    const role = roleOf(BUDGET_HEADERS, view.header(r, c));
    if (role && !taken.has(role)) {
      roles.set(c, role);
      taken.add(role);
    }
  }
  return roles;
}

/** Outline depth of a budget row label: (一) 0, 1. 1, (1) 2, 其中 1; unmarked -1. */
export function outlineDepth(label: string): number {
  if (/^[(（][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+[、.]/.test(label)) return 0;
  if (/^其中/.test(label) || /^\d+[、.．]/.test(label)) return 1;
  if (/^[(（]\d+[)）]/.test(label)) return 2;
  return -1;
}

/** Label without outline markers and colons: `其中：当年财政拨款` → `当年财政拨款`. */
export function plainLabel(label: string): string {
  return normalizeHeader(label)
    .replace(/^其中[:：]?/, '')
    .replace(/^[(（]?[一二三四五六七八九十\d]+[)）、.．]?/, '')
    .replace(/[:：]$/, '');
}

function isTotalLabel(label: string): boolean {
  const p = plainLabel(label);
  return BUDGET_TOTAL_LABELS.includes(p) || /总额$/.test(p);
}

/**
 * Read the budget block whose header is row `headerRow` (SPEC §6). The block ends at
 * the bottom of the section label merged down its left side, or else at the first row
 * that opens another section.
 */
export function readBudgetBlock(view: SheetView, headerRow: number, roles: Map<number, BudgetRole>, limit: number): BudgetBlock {
  const columns: Partial<Record<BudgetRole, number>> = {};
  for (const [c, role] of roles) columns[role] = c;
  const amountCols = AMOUNT_ROLES.map((r) => columns[r]).filter((c): c is number => c !== undefined);
  const firstAmount = Math.min(...amountCols);
  const labelCol = Math.max(view.left, firstAmount - 1);

  // Bottom: the vertical merge of the section label (A4:A8 项目资金), else scan.
  let last = headerRow;
  for (let c = view.left; c < labelCol; c++) {
    const m = view.merge(headerRow, c);
    if (m && m.bottom > headerRow) last = Math.max(last, m.bottom);
  }
  if (last === headerRow) {
    for (let r = headerRow + 1; r <= limit; r++) {
      if (view.rowIsEmpty(r) || opensSection(view, r)) break;
      last = r;
    }
  }
  last = Math.min(last, limit);

  const rows: BudgetRow[] = [];
  const breakdowns: { name: string; cell: string; col: number; items: BreakdownItem[] }[] = [];
  let reason: BudgetBlock['reason'] = null;
  for (let r = headerRow + 1; r <= last; r++) {
    // Side-by-side lists: 按收入性质分 / 按支出性质分 open two columns of items.
    const markers = listMarkers(view, r);
    if (markers.length) {
      for (const m of markers) breakdowns.push({ ...m, items: [] });
      continue;
    }
    if (breakdowns.length) {
      breakdowns.forEach((b, i) => {
        const end = i + 1 < breakdowns.length ? breakdowns[i + 1].col - 1 : view.colCount;
        const item = readListItem(view, r, b.col, end);
        if (!item) return;
        if (roleOf(BUDGET_HEADERS, normalizeHeader(item.label)) === 'reason') {
          reason = reasonCellRightOf(view, r, item.col);
        } else b.items.push({ label: item.label, row: r, amount: item.amount });
      });
      continue;
    }
    const rawLabel = view.text(r, labelCol).trim();
    const amounts: Partial<Record<BudgetRole, NumberCell>> = {};
    for (const [c, role] of roles) {
      if (role === 'reason') continue;
      const a = view.anchor(r, c);
      if (a.row !== r && a.row <= headerRow) continue;
      amounts[role] = readNumber(view, r, c);
    }
    // A reason label inside the block (偏差原因分析及改进措施 beside 其他资金).
    for (const c of view.cols(r)) {
      if (c < labelCol || view.isCovered(r, c)) continue;
      const h = normalizeHeader(view.text(r, c));
      if (c !== labelCol && (roleOf(BUDGET_HEADERS, h) === 'reason' || INDICATOR_HEADERS.reason.includes(h))) {
        reason = reasonCellRightOf(view, r, c);
      }
    }
    if (!rawLabel && AMOUNT_ROLES.every((k) => isBlankNumber(amounts[k]))) continue;
    rows.push({ row: r, label: rawLabel, depth: outlineDepth(normalizeHeader(rawLabel)), amounts });
  }
  if (columns.reason !== undefined && !reason && rows.length) {
    const tr = rows.find((x) => isTotalLabel(x.label)) ?? rows[0];
    const a = view.anchor(tr.row, columns.reason);
    reason = { cell: address(a.row, a.col), text: view.text(tr.row, columns.reason).trim() };
  }
  // A weight stated in the 得分/分值 header (`得分(20分*执行率)`, issue 12 item 9).
  let headerWeight: BudgetBlock['headerWeight'] = null;
  for (const [c, role] of roles) {
    if (role !== 'score' && role !== 'weight') continue;
    const text = view.text(headerRow, c).trim();
    const value = headerStatedWeight(text);
    if (value && value.gt(0) && value.lte(100) && !headerWeight) headerWeight = { value, cell: address(headerRow, c), text };
  }
  const labelled = rows.find((x) => isTotalLabel(x.label));
  const totalRow = labelled ?? rows[0] ?? { row: headerRow + 1, label: '', depth: -1, amounts: {} };
  return {
    headerRow,
    firstRow: headerRow + 1,
    lastRow: last,
    columns,
    rows,
    totalRow,
    totalLabelled: !!labelled,
    breakdowns: breakdowns.map((b) => ({ name: b.name, cell: b.cell, items: b.items })),
    reason,
    headerWeight,
  };
}

function opensSection(view: SheetView, r: number): boolean {
  for (const c of view.cols(r)) {
    if (view.isCovered(r, c)) continue;
    const h = normalizeHeader(view.text(r, c));
    if (STOP_WORDS.includes(h) || roleOf(INDICATOR_HEADERS, h) === 'level1') return true;
  }
  return false;
}

function listMarkers(view: SheetView, r: number): { name: string; cell: string; col: number }[] {
  const out: { name: string; cell: string; col: number }[] = [];
  for (const c of view.cols(r)) {
    if (view.isCovered(r, c)) continue;
    const h = normalizeHeader(view.text(r, c));
    if (h === INCOME_LIST_LABEL || h === EXPENSE_LIST_LABEL) out.push({ name: h, cell: address(r, c), col: c });
  }
  return out;
}

/** A list item in columns [from, to]: its label and the first number after it. */
function readListItem(view: SheetView, r: number, from: number, to: number) {
  let label = '';
  let col = from;
  for (const c of view.cols(r)) {
    if (c < from) continue;
    if (c > to) break;
    if (view.isCovered(r, c)) continue;
    const n = readNumber(view, r, c);
    if (!label) {
      if (n.value === null && !view.isEmpty(r, c)) {
        label = view.text(r, c).trim();
        col = c;
      }
      continue;
    }
    if (n.value !== null) return { label, col, amount: n };
    if (!view.isEmpty(r, c)) break; // another label: no amount for this item
  }
  return label ? { label, col, amount: null as NumberCell | null } : null;
}

function reasonCellRightOf(view: SheetView, r: number, c: number): { cell: string; text: string } {
  const m = view.merge(r, c);
  const col = (m ? m.right : c) + 1;
  const a = view.anchor(r, col);
  return { cell: address(a.row, a.col), text: view.text(r, col).trim() };
}
