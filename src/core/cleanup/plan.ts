/**
 * The clean-up planner: grid in, plan out (pure). Three phases:
 *
 *  1. cell changes on the grid as read (kinds text, notation, number, hint, reuse, unmerge),
 *     only inside recognised tables; every cell gets at most one change, under the most
 *     specific kind (reuse > hint > number > notation > text), whose `after` includes the
 *     hygiene;
 *  2. on the grid with those changes applied: placeholder rows (kind 4) and the merged
 *     areas they cut, then blank template sheets (kind 6);
 *  3. our own marks (kind 7), from the host's decorations.
 *
 * Layout detection is the engine's (`detectTables`); clean-up adds no rules of its own
 * about where tables are.
 */
import { address, EMPTY, rangeAddress, type Cell, type CellValue, type MergedArea, type SheetGrid, type WorkbookGrid } from '../grid';
import { detectTables } from '../layout/detect';
import { DEPARTMENT_NAME_LABELS, PROJECT_NAME_LABELS } from '../layout/headers';
import type { IndicatorRow, NumberCell, TableLayout } from '../layout/types';
import { normalizeHeader, normalizeText } from '../values/normalize';
import { DEFAULT_NOTES_WORD, isMarkFill, isMarkNote } from '../marks';
import { textToNumber } from './numbers';
import { formulaRefs, refersTo, shiftRow } from './refs';
import { cleanText, isHint, normalizeNotation } from './text';
import {
  CLEANUP_KINDS,
  DEFAULT_KINDS,
  type CellDecoration,
  type CellState,
  type CleanupChange,
  type CleanupKind,
  type CleanupOptions,
  type CleanupPlan,
} from './types';

export interface CleanupInput {
  readonly grid: WorkbookGrid;
  /** Fills and notes (CLI: read by ExcelJS; add-in: read plus the marks it recorded). */
  readonly decorations?: readonly CellDecoration[];
}

type Role = 'label' | 'target' | 'actual' | 'number' | 'percent' | 'text';

interface CellInfo {
  readonly role: Role;
  readonly reuse: boolean;
}

const ROLES: readonly Role[] = ['text', 'label', 'target', 'actual', 'number', 'percent'];
/** Role codes: index in ROLES + 1, plus 8 for a cell that 下年度重用 clears. */
const REUSE = 8;
const INFOS: readonly CellInfo[] = Array.from({ length: 16 }, (_, code) => ({ role: ROLES[Math.max(0, (code & 7) - 1)] ?? 'text', reuse: (code & REUSE) !== 0 }));

const PLACEHOLDER_TEXTS = new Set(['', '无', '/', '-', '—', '——', '\\', '略']);

/** Numeric cell key (no strings: this runs for every cell of a 5,000-row sheet). */
const COLS = 16384;
function key(r: number, c: number): number {
  return r * COLS + c;
}

/**
 * A small integer per cell of a sheet: a typed array for sheets of ordinary size (this runs
 * for every cell of a 5,000-row sheet), a map beyond that.
 */
class CellInts {
  private readonly width: number;
  private readonly arr: Int32Array | null;
  private readonly map: Map<number, number> | null;
  constructor(rows: number, cols: number) {
    this.width = cols + 2;
    const size = (rows + 2) * this.width;
    this.arr = size <= 4_000_000 ? new Int32Array(size) : null;
    this.map = this.arr ? null : new Map();
  }
  get(r: number, c: number): number {
    if (this.arr) return c < this.width && r * this.width + c < this.arr.length ? this.arr[r * this.width + c] : 0;
    return this.map!.get(key(r, c)) ?? 0;
  }
  set(r: number, c: number, v: number): void {
    if (this.arr) {
      if (c < this.width && r * this.width + c < this.arr.length) this.arr[r * this.width + c] = v;
    } else this.map!.set(key(r, c), v);
  }
}

/** Merged-area owner lookup for one sheet. */
class Merges {
  private readonly owner: CellInts;
  constructor(readonly list: readonly MergedArea[], rows: number, cols: number) {
    this.owner = new CellInts(rows, cols);
    list.forEach((m, i) => {
      for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) this.owner.set(r, c, i + 1);
    });
  }
  at(r: number, c: number): MergedArea | undefined {
    const i = this.owner.get(r, c);
    return i ? this.list[i - 1] : undefined;
  }
  covered(r: number, c: number): boolean {
    const m = this.at(r, c);
    return !!m && (m.top !== r || m.left !== c);
  }
}

function stateOf(cell: Cell | undefined): CellState {
  if (!cell) return { value: EMPTY };
  return cell.numFmt === undefined ? { value: cell.value } : { value: cell.value, numFmt: cell.numFmt };
}

function withValue(before: CellState, value: CellValue): CellState {
  return before.numFmt === undefined ? { value } : { value, numFmt: before.numFmt };
}

/** Roles of the cells of one table (merge anchors only). */
function tableRoles(t: TableLayout, merges: Merges, into: CellInts): void {
  const set = (r: number, c: number | undefined, role: Role, reuse = false): void => {
    if (c === undefined) return;
    const m = merges.at(r, c);
    const ar = m ? m.top : r;
    const ac = m ? m.left : c;
    const prev = into.get(ar, ac);
    const prevRole = prev & 7;
    // A cell claimed by two roles keeps the stricter reading (numbers and targets first).
    if (prevRole > 2) {
      into.set(ar, ac, prev | (reuse ? REUSE : 0));
      return;
    }
    const code = ROLES.indexOf(role) + 1;
    into.set(ar, ac, code | ((prev & REUSE) | (reuse ? REUSE : 0)));
  };
  const num = (n: NumberCell | null | undefined, percent: boolean, reuse = false): void => {
    if (!n || n.offColumn) return;
    set(n.row, n.col, percent ? 'percent' : 'number', reuse);
  };
  const addr = (a: string | undefined, role: Role, reuse: boolean): void => {
    if (!a) return;
    const m = /^([A-Z]+)(\d+)$/.exec(a);
    if (!m) return;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
    set(Number(m[2]), col, role, reuse);
  };
  for (let r = t.headerRows[0]; r <= t.headerRows[1]; r++) for (let c = t.left; c <= t.right; c++) set(r, c, 'label');
  const cols = t.columns;
  const labelCols = [cols.level1, cols.level2, cols.level3];
  const indicator = (ind: IndicatorRow): void => {
    for (const c of labelCols) set(ind.row, c, 'label');
    addr(ind.texts.target?.cell, 'target', false);
    addr(ind.texts.actual?.cell, 'actual', true);
    addr(ind.texts.reason?.cell, 'text', true);
    addr(ind.texts.analysis?.cell, 'text', true);
    num(ind.weight, false);
    num(ind.refWeight, false);
    num(ind.score, false, true);
    num(ind.completion, true, true);
  };
  t.indicators.forEach(indicator);
  for (const s of t.subtotals) {
    for (const c of labelCols) set(s.row, c, 'label');
    num(s.weight, false);
    num(s.refWeight, false);
    num(s.score, false, true);
  }
  if (t.total) {
    for (let c = t.left; c <= t.right; c++) set(t.total.row, c, 'label');
    num(t.total.score, false, true);
  }
  if (t.grade) {
    for (let c = t.left; c <= t.right; c++) set(t.grade.row, c, 'label');
    addr(t.grade.cell, 'label', true);
  }
  const b = t.budget;
  if (b) {
    for (let c = t.left; c <= t.right; c++) set(b.headerRow, c, 'label');
    const firstAmount = Math.min(...Object.values(b.columns));
    for (const row of [...b.rows, b.totalRow]) {
      for (let c = t.left; c < firstAmount; c++) set(row.row, c, 'label');
      for (const [role, n] of Object.entries(row.amounts)) {
        const reuse = role === 'executed' || role === 'rate' || role === 'score' || role === 'deduction';
        num(n, role === 'rate', reuse);
      }
    }
    if (b.reason) addr(b.reason.cell, 'text', true);
  }
}

/** Parse-relevant form of a target/actual text: the parsers read `normalizeText` only. */
function sameMeaning(a: string, b: string): boolean {
  return normalizeText(a) === normalizeText(b);
}

function cellChange(
  kinds: Readonly<Record<CleanupKind, boolean>>,
  info: CellInfo,
  cell: Cell,
): { kind: CleanupKind; after: CellState; reason: string } | null {
  if (cell.formula !== undefined || cell.formulaWithoutResult) return null;
  const before = stateOf(cell);
  const v = cell.value;
  if (kinds.reuse && info.reuse) {
    if (v.t === 'empty') return null;
    return { kind: 'reuse', after: withValue(before, EMPTY), reason: '下年度重用：清空上年的完成值、得分、执行数或偏差原因，保留结构和指标值' };
  }
  if (v.t !== 'text') return null;
  const s = v.v;
  if (kinds.hint && isHint(s)) {
    return { kind: 'hint', after: withValue(before, EMPTY), reason: '整格是填写提示（请填写…、如：…、XX项目、示例），不是填报内容' };
  }
  if (kinds.number && (info.role === 'number' || info.role === 'percent')) {
    const n = textToNumber(s, cell.numFmt, info.role === 'percent');
    if (n) {
      const pct = n.numFmt?.includes('%') && !(before.numFmt ?? '').includes('%');
      return { kind: 'number', after: n, reason: pct ? '数值列中的文本型数字改为数值，并设为百分比格式' : '数值列中的文本型数字改为数值' };
    }
  }
  const cleaned = kinds.text ? cleanText(s, info.role === 'label') : s;
  const quantity = info.role === 'target' || info.role === 'actual';
  if (kinds.notation && quantity) {
    const n = normalizeNotation(cleaned);
    if (n !== cleaned && sameMeaning(n, s)) {
      return { kind: 'notation', after: withValue(before, n === '' ? EMPTY : { t: 'text', v: n }), reason: '指标值/完成值中的全角数字、％、．和比较符号改为统一写法（含义不变）' };
    }
  }
  if (cleaned === s || (quantity && !sameMeaning(cleaned, s))) return null;
  return { kind: 'text', after: withValue(before, cleaned === '' ? EMPTY : { t: 'text', v: cleaned }), reason: textReason(s, info.role === 'label') };
}

function textReason(s: string, label: boolean): string {
  const parts: string[] = [];
  if (/<[A-Za-z/!]|&(#?\w+);/.test(s)) parts.push('去除网页标签和字符实体');
  if (/\[\s*bookmark/i.test(s)) parts.push('去除 Word 书签残留');
  if (/[\u00A0\u3000\u200B-\u200D\u2060\uFEFF\u00AD]/.test(s)) parts.push('去除全角空格、不间断空格和零宽字符');
  if (label && /[\r\n]/.test(s)) parts.push('去除标签内的换行');
  if (!parts.length || /^\s|\s$| {2,}/.test(s)) parts.push('去除首尾和多余的空格');
  return parts.join('；');
}

function resolveKinds(options: CleanupOptions): Readonly<Record<CleanupKind, boolean>> {
  const out = { ...DEFAULT_KINDS };
  for (const k of CLEANUP_KINDS) if (options.kinds?.[k] !== undefined) out[k] = options.kinds[k]!;
  return out;
}

/** Compute the clean-up plan for a workbook. */
export function planCleanup(input: CleanupInput | WorkbookGrid, options: CleanupOptions = {}): CleanupPlan {
  const { grid, decorations } = 'grid' in input ? input : { grid: input, decorations: undefined };
  const kinds = resolveKinds(options);
  const changes: CleanupChange[] = [];

  // Phase 1: cell changes, and the grid they leave.
  const tables0 = grid.sheets.map(detectTables);
  const sheets1: SheetGrid[] = grid.sheets.map((sheet, i) => {
    const merges = new Merges(sheet.merges, sheet.rowCount, sheet.colCount);
    const tables = tables0[i];
    // A protected sheet cannot be written by the add-in either: left as it is.
    if (!tables.length || sheet.protected) return sheet;
    const roles = new CellInts(sheet.rowCount, sheet.colCount);
    for (const t of tables) tableRoles(t, merges, roles);
    const sets = new Map<number, CellState>();
    for (const t of tables) {
      for (let r = t.top; r <= t.bottom; r++) {
        const row = sheet.cells[r];
        if (!row) continue;
        for (let c = t.left; c <= t.right; c++) {
          const cell = row[c];
          if (!cell || merges.covered(r, c) || sets.has(key(r, c))) continue;
          const info = INFOS[roles.get(r, c)];
          const ch = cellChange(kinds, info, cell);
          if (!ch) continue;
          sets.set(key(r, c), ch.after);
          changes.push({ kind: ch.kind, op: 'set', place: { type: 'cell', sheet: sheet.name, row: r, col: c, address: address(r, c) }, before: stateOf(cell), after: ch.after, reason: ch.reason });
        }
      }
    }
    let mergeList = sheet.merges;
    if (kinds.unmerge) {
      const unmerged = new Set<MergedArea>();
      for (const t of tables) {
        const levelCols = new Set([t.columns.level1, t.columns.level2].filter((c): c is number => c !== undefined));
        const first = t.headerRows[1] + 1;
        for (const m of sheet.merges) {
          if (unmerged.has(m) || m.bottom === m.top || m.left !== m.right || !levelCols.has(m.left) || m.top < first || m.bottom > t.bottom) continue;
          unmerged.add(m);
          const range = rangeAddress(m.top, m.left, m.bottom, m.right);
          changes.push({ kind: 'unmerge', op: 'unmerge', place: { type: 'range', sheet: sheet.name, top: m.top, left: m.left, bottom: m.bottom, right: m.right, address: range }, before: range, after: null, reason: '取消一级/二级指标列的合并单元格' });
          const master = sets.get(key(m.top, m.left)) ?? stateOf(sheet.cells[m.top]?.[m.left]);
          if (master.value.t === 'empty') continue;
          for (let r = m.top + 1; r <= m.bottom; r++) {
            const before = stateOf(sheet.cells[r]?.[m.left]);
            sets.set(key(r, m.left), master);
            changes.push({ kind: 'unmerge', op: 'set', place: { type: 'cell', sheet: sheet.name, row: r, col: m.left, address: address(r, m.left) }, before, after: master, reason: `向下填充合并区域 ${range} 的内容` });
          }
        }
      }
      if (unmerged.size) mergeList = sheet.merges.filter((m) => !unmerged.has(m));
    }
    if (!sets.size && mergeList === sheet.merges) return sheet;
    return withCells(sheet, sets, mergeList);
  });
  const grid1: WorkbookGrid = { sheets: sheets1 };

  // Phase 2: placeholder rows, on the grid after phase 1.
  // Re-detect only where phase 1 may have changed the layout's reading: a cell emptied
  // (hint, blank text, reuse) or a merge undone. Other changes keep every cell's meaning.
  const relayout = new Set<string>();
  for (const c of changes) if (c.op === 'unmerge' || (c.op === 'set' && c.after.value.t === 'empty')) relayout.add(c.place.sheet);
  const tables1 = grid1.sheets.map((s, i) => (s === grid.sheets[i] || !relayout.has(s.name) ? tables0[i] : detectTables(s)));
  const formulas: { home: string; formula: string }[] = [];
  for (const s of grid.sheets) for (const row of s.cells) if (row) for (const cell of row) if (cell?.formula) formulas.push({ home: s.name, formula: cell.formula });
  if (kinds['placeholder-row']) {
    grid1.sheets.forEach((sheet, i) => {
      if (!sheet.protected) for (const c of placeholderRows(sheet, tables1[i], formulas)) changes.push(c);
    });
  }

  // Blank template sheets.
  if (kinds['blank-sheet']) for (const c of blankSheets(grid1, tables1, formulas)) changes.push(c);

  // Phase 3: our marks.
  if (kinds.mark && decorations) {
    const locked = new Set(grid.sheets.filter((s) => s.protected).map((s) => s.name));
    for (const d of decorations) {
      if (locked.has(d.sheet)) continue;
      const place = { type: 'cell' as const, sheet: d.sheet, row: d.row, col: d.col, address: address(d.row, d.col) };
      if (d.fill !== undefined && (d.recorded || isMarkFill(d.fill))) {
        changes.push({ kind: 'mark', op: 'remove-fill', place, before: d.fill.toUpperCase(), after: null, reason: '清除上次运行留下的问题单元格底色' });
      }
      if (d.note !== undefined && (d.recorded || isMarkNote(d.note))) {
        changes.push({ kind: 'mark', op: 'remove-note', place, before: d.note, after: null, reason: `清除上次运行添加的${options.notesWord ?? DEFAULT_NOTES_WORD}` });
      }
    }
  }

  const order = new Map(grid.sheets.map((s, i) => [s.name, i]));
  const kindOrder = new Map(CLEANUP_KINDS.map((k, i) => [k, i]));
  const pos = (c: CleanupChange): [number, number] => {
    const p = c.place;
    if (p.type === 'cell') return [p.row, p.col];
    if (p.type === 'row') return [p.row, 0];
    if (p.type === 'range') return [p.top, p.left];
    return [0, 0];
  };
  const sorted = changes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => {
      const a = x.c;
      const b = y.c;
      const [ar, ac] = pos(a);
      const [br, bc] = pos(b);
      return (order.get(a.place.sheet) ?? 0) - (order.get(b.place.sheet) ?? 0) || kindOrder.get(a.kind)! - kindOrder.get(b.kind)! || ar - br || ac - bc || x.i - y.i;
    })
    .map((x) => x.c);
  const counts = Object.fromEntries(CLEANUP_KINDS.map((k) => [k, 0])) as Record<CleanupKind, number>;
  for (const c of sorted) counts[c.kind]++;
  return { changes: sorted, counts };
}

function withCells(sheet: SheetGrid, sets: ReadonlyMap<number, CellState>, merges: readonly MergedArea[]): SheetGrid {
  const cells = sheet.cells.map((r) => (r ? [...r] : r));
  for (const [k, st] of sets) {
    const r = Math.floor(k / COLS);
    const c = k % COLS;
    const row = (cells[r] ??= []) as (Cell | undefined)[];
    const old = row[c];
    row[c] = st.value.t === 'empty' && st.numFmt === undefined ? undefined : { ...(old ?? {}), value: st.value, ...(st.numFmt !== undefined ? { numFmt: st.numFmt } : {}) };
    if (st.numFmt === undefined && row[c]?.numFmt !== undefined) {
      const rest: { numFmt?: string } & Cell = { ...row[c]! };
      delete rest.numFmt;
      row[c] = rest;
    }
  }
  return { ...sheet, cells, merges };
}

function textOf(cell: Cell | undefined): string {
  const v = cell?.value;
  if (!v || v.t === 'empty') return '';
  return v.t === 'text' ? normalizeText(v.v) : String(v.v);
}

function isPlaceholderText(cell: Cell | undefined): boolean {
  return PLACEHOLDER_TEXTS.has(textOf(cell));
}

/** Kind 4 on one sheet: deletable placeholder rows, the merges they cut, labels to move. */
function placeholderRows(sheet: SheetGrid, tables: readonly TableLayout[], formulas: readonly { home: string; formula: string }[]): CleanupChange[] {
  const merges = new Merges(sheet.merges, sheet.rowCount, sheet.colCount);
  const candidates = new Set<number>();
  for (const t of tables) {
    const cols = t.columns;
    const levelCols = new Set([cols.level1, cols.level2, cols.level3].filter((c): c is number => c !== undefined));
    const ok = (ind: IndicatorRow): boolean => {
      if (!ind.placeholder) return false;
      if (ind.completion && ind.completion.raw.t !== 'empty' && !isPlaceholderText({ value: ind.completion.raw })) return false;
      const row = sheet.cells[ind.row] ?? [];
      for (let c = 1; c < row.length; c++) {
        const m = merges.at(ind.row, c);
        // Covered by an area anchored elsewhere: that area shrinks (repaired below).
        if (m && (m.top !== ind.row || m.left !== c)) continue;
        const cell = row[c];
        if (!cell) continue;
        if (cell.formula !== undefined) return false;
        if (textOf(cell) === '') continue;
        // The 一级/二级 label, or a label merged down over other rows: moved or deleted with the row.
        if (levelCols.has(c) || (m && m.bottom > m.top)) continue;
        if (!isPlaceholderText(cell)) return false;
      }
      return true;
    };
    // Contiguous runs of one 一级 group keep at least one row.
    let run: IndicatorRow[] = [];
    const flush = (): void => {
      const good = run.filter(ok);
      if (good.length && good.length === run.length) good.shift();
      for (const g of good) candidates.add(g.row);
      run = [];
    };
    for (const ind of t.indicators) {
      if (run.length && run[run.length - 1].level1 !== ind.level1) flush();
      run.push(ind);
    }
    flush();
  }
  if (!candidates.size) return [];

  // Rows a formula names on their own (or whose whole range would vanish) stay.
  for (const f of formulas) {
    for (const ref of formulaRefs(f.formula)) {
      if (!refersTo(ref, sheet.name, f.home)) continue;
      let all = true;
      for (let r = ref.top; r <= ref.bottom && all; r++) all = candidates.has(r);
      if (!ref.range || all) for (let r = ref.top; r <= ref.bottom; r++) candidates.delete(r);
    }
  }
  if (!candidates.size) return [];

  const deleted = [...candidates].sort((a, b) => a - b);
  const out: CleanupChange[] = [];
  for (const r of deleted) {
    const row = sheet.cells[r] ?? [];
    const cells: { address: string; value: CellValue }[] = [];
    row.forEach((cell, c) => {
      if (cell && cell.value.t !== 'empty') cells.push({ address: address(r, c), value: cell.value });
    });
    const shown = cells.map((x) => showValue(x.value)).join(' | ');
    out.push({ kind: 'placeholder-row', op: 'delete-row', place: { type: 'row', sheet: sheet.name, row: r }, before: { cells }, after: null, reason: `占位指标行（三级指标为空或“无”，无分值、指标值、完成值、得分和原因）${shown ? `：${shown}` : ''}` });
  }
  const gone = new Set(deleted);
  for (const m of sheet.merges) {
    let hit = false;
    for (let r = m.top; r <= m.bottom && !hit; r++) hit = gone.has(r);
    if (!hit) continue;
    const survivors: number[] = [];
    for (let r = m.top; r <= m.bottom; r++) if (!gone.has(r)) survivors.push(r);
    const range = rangeAddress(m.top, m.left, m.bottom, m.right);
    const place = { type: 'range' as const, sheet: sheet.name, top: m.top, left: m.left, bottom: m.bottom, right: m.right, address: range };
    if (!survivors.length) {
      out.push({ kind: 'placeholder-row', op: 'resize-merge', place, before: range, after: null, reason: '合并区域所在的行全部删除' });
      continue;
    }
    const first = survivors[0];
    const top = shiftRow(first, deleted)!;
    const bottom = shiftRow(survivors[survivors.length - 1], deleted)!;
    const single = top === bottom && m.left === m.right;
    const after = single ? null : rangeAddress(top, m.left, bottom, m.right);
    out.push({ kind: 'placeholder-row', op: 'resize-merge', place, before: range, after, reason: after ? `删除占位行后合并区域缩为 ${after}（删除后的行号）` : '删除占位行后只剩一个单元格，取消合并' });
    const master = sheet.cells[m.top]?.[m.left];
    if (gone.has(m.top) && master && master.value.t !== 'empty') {
      out.push({
        kind: 'placeholder-row',
        op: 'set',
        place: { type: 'cell', sheet: sheet.name, row: first, col: m.left, address: address(first, m.left) },
        before: stateOf(sheet.cells[first]?.[m.left]),
        after: stateOf(master),
        reason: `合并区域 ${range} 的首行被删除，其内容移到第 ${first} 行`,
      });
    }
  }
  return out;
}

/** Values right of a 项目名称/单位名称 label in the key rows above each table's headers. */
function nameValues(sheet: SheetGrid, merges: Merges, tables: readonly TableLayout[]): string[] {
  const labels = new Set([...PROJECT_NAME_LABELS, ...DEPARTMENT_NAME_LABELS].map(normalizeHeader));
  const out: string[] = [];
  for (const t of tables) {
    const last = (t.budget ? Math.min(t.budget.headerRow, t.headerRows[0]) : t.headerRows[0]) - 1;
    for (let r = t.top; r <= last; r++) {
      const row = sheet.cells[r];
      if (!row) continue;
      row.forEach((cell, c) => {
        if (!cell || cell.value.t !== 'text' || cell.value.v.length > 20 || !labels.has(normalizeHeader(cell.value.v))) return;
        const m = merges.at(r, c);
        for (let col = (m ? m.right : c) + 1; col <= sheet.colCount; col++) {
          if (merges.covered(r, col)) continue;
          const t2 = textOf(row[col]);
          if (t2 !== '') {
            out.push(t2);
            break;
          }
        }
      });
    }
  }
  return out;
}

function blank(n: NumberCell | null | undefined): boolean {
  return !n || n.value === null;
}

/** Kind 6: sheets holding only an unfilled template. */
function blankSheets(grid: WorkbookGrid, tables: readonly (readonly TableLayout[])[], formulas: readonly { home: string; formula: string }[]): CleanupChange[] {
  const out: CleanupChange[] = [];
  const names = grid.sheets.map((s) => s.name);
  grid.sheets.forEach((sheet, i) => {
    const ts = tables[i].filter((t) => t.kind !== 'basic-data');
    if (!ts.length || ts.length !== tables[i].length || sheet.protected) return;
    const merges = new Merges(sheet.merges, sheet.rowCount, sheet.colCount);
    if (nameValues(sheet, merges, ts).some((t) => !isHint(t))) return;
    for (const t of ts) {
      if (t.budget && [...t.budget.rows, t.budget.totalRow].some((row) => !blank(row.amounts.initialBudget) || !blank(row.amounts.budget) || !blank(row.amounts.executed))) return;
      for (const ind of t.indicators) {
        const filled = (x: { text: string } | undefined) => !!x && !PLACEHOLDER_TEXTS.has(normalizeText(x.text)) && !isHint(x.text);
        if (filled(ind.texts.target) || filled(ind.texts.actual) || !blank(ind.score)) return;
      }
    }
    const referenced = formulas.some((f) => f.home !== sheet.name && formulaRefs(f.formula).some((r) => r.sheet !== null && r.sheet.toLowerCase() === sheet.name.toLowerCase()));
    if (referenced) return;
    out.push({ kind: 'blank-sheet', op: 'delete-sheet', place: { type: 'sheet', sheet: sheet.name, index: i }, before: sheet.name, after: null, reason: '空白模板工作表：只有表头，没有项目名称、预算数、指标值或完成值' });
  });
  // Never the last sheet: keep the first blank one when every sheet is blank.
  if (out.length === names.length) out.shift();
  return out;
}

function showValue(v: CellValue): string {
  return v.t === 'empty' ? '' : String(v.v);
}
