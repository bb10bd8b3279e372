import type Decimal from 'decimal.js';
import type { SheetGrid } from '../grid';
import { address, rangeAddress } from '../grid';
import { normalizeHeader, parseDeclaredWeight } from '../values/normalize';
import { detectBasicData } from './basic-data';
import { readBudgetBlock } from './budget';
import { readTargetInfo } from './target-info';
import { isBlankNumber, readNumber, TextColumns } from './cells';
import {
  DEPARTMENT_NAME_LABELS,
  GRADE_LABELS,
  INDICATOR_HEADERS,
  LEVEL1_NAMES,
  PROJECT_NAME_LABELS,
  TOTAL_LABELS,
  roleOf,
  synonymRank,
  type IndicatorRole,
} from './headers';
import { budgetRoles } from './budget';
import type { IndicatorRow, NumberCell, SubtotalRow, TableKind, TableLayout, BudgetBlock } from './types';
import { SheetView } from './view';
import { memoByString } from '../memo';

type Roles = Map<number, IndicatorRole>;

/** Title words: a row saying one of these starts another table. */
const TITLE_WORDS = ['绩效自评表', '绩效评价表', '绩效目标表', '指标体系', '自评报告', '基础数据表'];

/**
 * Find every table on a sheet (SPEC §2–3), top to bottom. Tables side by side (issue 6 item 2,
 * issue 12 item 1: whatever their vertical offset) split the sheet into column bands, each
 * read as a sheet of its own. A header across a band edge below them (a wide table under a
 * side-by-side pair) ends the bands: from there down the sheet is read on its whole width.
 */
export function detectTables(sheet: SheetGrid): TableLayout[] {
  const view = new SheetView(sheet);
  const headers = findIndicatorHeaders(view);
  const bounds = bandBounds(view, headers);
  if (!bounds.length) return detectIn(view, headers);
  const wide = headers.find((h) => crossesBand(view, h, bounds));
  const starts = [view.left, ...bounds];
  const banded = starts
    .flatMap((left, i) => {
      const band = view.narrow({ left, right: i + 1 < starts.length ? starts[i + 1] - 1 : view.right });
      const inBand = findIndicatorHeaders(band).filter((h) => !wide || h.first < wide.first);
      return detectIn(band, inBand);
    })
    .filter((t) => !wide || t.bottom < wide.first);
  if (!wide) return banded.sort(byPosition);
  const from = Math.max(0, ...banded.map((t) => t.bottom)) + 1;
  const below = detectIn(view, headers.filter((h) => h.first >= wide.first), from);
  return [...banded, ...below].sort(byPosition);
}

const byPosition = (a: TableLayout, b: TableLayout) => a.top - b.top || a.left - b.left;

/** First and last column of a header's labels (a merged label counts to its right edge). */
function spanOf(view: SheetView, h: Header): { left: number; right: number } {
  let left = Infinity;
  let right = 0;
  for (const c of h.roles.keys()) {
    left = Math.min(left, c);
    right = Math.max(right, view.merge(h.last, c)?.right ?? view.merge(h.first, c)?.right ?? c);
  }
  return { left, right };
}

/**
 * Band edges of a sheet: where one header row holds two complete headers (A:I and K:S on the
 * same row), and where two headers on different rows occupy disjoint columns (A:I from row 7,
 * K:S from row 9: tables side by side whose top rows differ). A band starts just right of the
 * left header's last labelled column.
 */
function bandBounds(view: SheetView, headers: readonly Header[]): number[] {
  const bounds = new Set(headers.flatMap((h) => sideBySideBounds(view, h)));
  const spans = headers.map((h) => ({ ...spanOf(view, h), row: h.first }));
  for (let i = 0; i < spans.length; i++) {
    for (let j = i + 1; j < spans.length; j++) {
      const [a, b] = spans[i].right < spans[j].left ? [spans[i], spans[j]] : spans[j].right < spans[i].left ? [spans[j], spans[i]] : [null, null];
      if (!a || !b) continue;
      const [upper, lower] = a.row <= b.row ? [a, b] : [b, a];
      if (sideBySide(view, upper, lower)) bounds.add(a.right + 1);
    }
  }
  return [...bounds].sort((x, y) => x - y);
}

type Span = { left: number; right: number; row: number };

/** True when a row holds a value or a merged area within columns [left, right]. */
function occupiedIn(view: SheetView, r: number, left: number, right: number): boolean {
  return view.cols(r).some((c) => c >= left && c <= right && (view.isCovered(r, c) || !view.isEmpty(r, c)));
}

/**
 * Two headers in disjoint columns belong to tables side by side when their tables overlap in
 * rows: the lower table's block (its header and the occupied rows right above it, in its own
 * columns) starts before the upper table's block (its header and the occupied rows below it)
 * ends. Two empty rows end a block. A table below and to the right of another is stacked.
 */
function sideBySide(view: SheetView, upper: Span, lower: Span): boolean {
  let start = lower.row;
  for (let r = lower.row - 1, gap = 0; r >= upper.row && gap < 2; r--) {
    if (occupiedIn(view, r, lower.left, lower.right)) {
      start = r;
      gap = 0;
    } else gap++;
  }
  if (start <= upper.row) return true;
  for (let r = upper.row + 1, gap = 0; r <= start && gap < 2; r++) {
    if (occupiedIn(view, r, upper.left, upper.right)) {
      if (r >= start) return true;
      gap = 0;
    } else gap++;
  }
  return false;
}

/** True when a header's labels lie on both sides of a band edge it does not itself split. */
function crossesBand(view: SheetView, h: Header, bounds: readonly number[]): boolean {
  const own = new Set(sideBySideBounds(view, h));
  const { left, right } = spanOf(view, h);
  return bounds.some((b) => !own.has(b) && left < b && b <= right);
}

/** The tables of one view (a sheet, or a column band of it), stacked top to bottom. */
function detectIn(view: SheetView, found: readonly Header[], fromRow = 1): TableLayout[] {
  const tables: TableLayout[] = [];
  let prevEnd = fromRow - 1;
  const headers = withoutRepeats(view, found);
  headers.forEach((h, i) => {
    const nextStart = i + 1 < headers.length ? headers[i + 1].first : view.rowCount + 1;
    const budget = findBudgetBlock(view, prevEnd + 1, h.first - 1);
    const t = buildTable(view, h, budget, prevEnd + 1, nextStart - 1);
    tables.push(t);
    prevEnd = t.bottom;
  });
  // A basic-data table (seed 002) has no indicator header: look for it where no table is.
  const basic = detectBasicData(view);
  if (basic && basic.top >= fromRow && !tables.some((t) => basic.top <= t.bottom && t.top <= basic.bottom)) tables.push(basic);
  return tables.sort((a, b) => a.top - b.top);
}

/** Same roles in the same columns: the column header row repeated. */
function sameRoles(a: Roles, b: Roles): boolean {
  if (a.size !== b.size) return false;
  for (const [c, role] of a) if (b.get(c) !== role) return false;
  return true;
}

/**
 * Headers less those that repeat the previous header mid-table (issue 12): same roles in the
 * same columns, right under a section row (年度绩效目标2(40分), then the header again), with no
 * total, grade, budget header, name or title row since the previous header. A bare repeat
 * with no section row above it is read as a new table: two tables stacked without a gap and
 * without 总分 or title rows look exactly like it (property 5), and reading it as a new table
 * writes nothing wrong (the part above has no total to write).
 */
function withoutRepeats(view: SheetView, headers: readonly Header[]): Header[] {
  const kept: Header[] = [];
  let last: Header | null = null;
  for (const h of headers) {
    const prev = kept[kept.length - 1];
    const above = h.first - 1;
    const underSection = above > (last?.last ?? 0) && sectionRow(view, above, rowLabels(view, above)) !== null;
    if (prev && last && underSection && sameRoles(prev.roles, h.roles) && !closedBetween(view, last.last + 1, h.first - 1)) {
      last = h;
      continue;
    }
    kept.push(h);
    last = h;
  }
  return kept;
}

/** True when rows from..to hold what ends a table or starts another: a total, grade, budget header, name or title. */
function closedBetween(view: SheetView, from: number, to: number): boolean {
  for (const r of view.rows(from, to)) {
    const labels = rowLabels(view, r);
    if (labels.total !== null || labels.grade !== null || labels.name !== null) return true;
    if (isBudgetHeader(view, r) || (labels.count <= 2 && isTitleRow(view, r))) return true;
  }
  return false;
}

/** The longest header label, as read; texts longer than HEADER_RAW_MAX are prose, not read at all. */
const HEADER_MAX = 40;
const HEADER_RAW_MAX = 200;

/** Map a row's cells to indicator roles; the better synonym wins a role claimed twice. */
function rolesOf(view: SheetView, r: number): Roles {
  // Most rows hold no header label: their (empty) roles are one shared map, never written to.
  let roles: Roles | null = null;
  let owner: Map<IndicatorRole, { col: number; rank: number }> | null = null;
  for (const c of view.cols(r)) {
    // Header labels are short texts: skip numbers and prose without normalising them. The
    // limit applies to the label as read: Word debris (`[bookmark: OLE_LINK3]完成值`) makes a
    // label long that clean-up makes short, and clean-up must not change what is a header.
    const v = view.cell(r, c)?.value;
    if (!v || v.t !== 'text' || v.v.length > HEADER_RAW_MAX) continue;
    // The cell's text is `v.v` (what `view.header` would read again through the merge).
    const h = normalizeHeader(v.v);
    if (!h || h.length > HEADER_MAX) continue;
    const role = roleOf(INDICATOR_HEADERS, h);
    if (!role) continue;
    const rank = synonymRank(INDICATOR_HEADERS, role, h);
    roles ??= new Map();
    owner ??= new Map();
    const prev = owner.get(role);
    // Merged header cells (指标分值 over D:E) claim every column they cover.
    if (prev && prev.rank < rank) continue;
    if (prev && prev.rank > rank && view.anchor(r, prev.col).col !== view.anchor(r, c).col) {
      for (const [col, rl] of roles) if (rl === role) roles.delete(col);
    }
    owner.set(role, { col: c, rank });
    roles.set(c, role);
  }
  return roles ?? NO_ROLES;
}

const NO_ROLES: Roles = new Map();

function hasNumber(view: SheetView, r: number): boolean {
  for (const c of view.cols(r)) if (view.raw(r, c)?.value.t === 'number') return true;
  return false;
}

function has(roles: Roles, ...wanted: IndicatorRole[]): boolean {
  const vals = new Set(roles.values());
  return wanted.some((w) => vals.has(w));
}

function qualifies(roles: Roles): boolean {
  return has(roles, 'level1', 'level2', 'level3') && has(roles, 'weight', 'score', 'actual', 'target');
}

/** Lower row wins per column: 参考分值/设定分值 under 指标分值, 一级/二级/三级 under 评价指标. */
function combine(upper: Roles, lower: Roles): Roles {
  const out: Roles = new Map(upper);
  for (const [c, r] of lower) out.set(c, r);
  // A role claimed by the lower row is dropped from other upper columns.
  const lowerRoles = new Set(lower.values());
  for (const [c, r] of upper) if (!lower.has(c) && lowerRoles.has(r)) out.delete(c);
  return out;
}

/**
 * True when two rows' labels overlap in columns: the upper and lower rows of one header. A
 * header beside the other's columns (A:I on row 7, K:S on row 8) is another table's.
 */
function sharesColumns(a: Roles, b: Roles): boolean {
  const ak = [...a.keys()];
  const bk = [...b.keys()];
  return Math.min(...bk) <= Math.max(...ak) && Math.min(...ak) <= Math.max(...bk);
}

interface Header {
  first: number;
  last: number;
  roles: Roles;
}

function findIndicatorHeaders(view: SheetView): Header[] {
  const found: Header[] = [];
  // Only occupied rows can hold a header; the row below is read once and reused.
  let cached: { row: number; roles: Roles } | null = null;
  let skipTo = 0;
  for (const r of view.rows()) {
    if (r < skipTo) continue;
    const a: Roles = cached?.row === r ? cached.roles : rolesOf(view, r);
    const b: Roles = rolesOf(view, r + 1);
    cached = { row: r + 1, roles: b };
    if (a.size === 0) continue;
    const addsSomething = [...b].some(([c, role]) => a.get(c) !== role);
    if (qualifies(a)) {
      if (b.size > 0 && addsSomething && sharesColumns(a, b)) {
        found.push({ first: r, last: r + 1, roles: combine(a, b) });
        skipTo = r + 2;
      } else found.push({ first: r, last: r, roles: a });
    } else if (b.size > 0 && sharesColumns(a, b) && qualifies(combine(a, b)) && !hasNumber(view, r) && !holdsData(view, r, b)) {
      // Upper row of a two-row header (评价指标 over 一级/二级/三级): labels only, never figures.
      found.push({ first: r, last: r + 1, roles: combine(a, b) });
      skipTo = r + 2;
    }
  }
  return found;
}

/** A figure typed as text: `95%`, `0`, `6分`, `1,200`. */
const FIGURE_TEXT = /^[+-]?\d[\d,]*(?:\.\d+)?\s*(?:%|分|元|万元|人|次|个)?$/;

/**
 * True when row `r` holds data rather than the upper labels of a two-row header whose lower
 * row has roles `lower`: a date, a figure typed as text, a standard 一级 name (产出指标), or a
 * name of its own in the 二级/三级 column that is no header label. An indicator row just above
 * the next table's header is not that header's upper row (property 5 counterexample: the row
 * `产出指标 | 数量指标 | 人数 | | 95% | | | 原因分析` has no number, and 原因分析 is a header label).
 */
function holdsData(view: SheetView, r: number, lower: Roles): boolean {
  for (const c of view.cols(r)) {
    if (view.isCovered(r, c)) continue;
    const v = view.raw(r, c)?.value;
    if (!v) continue;
    if (v.t === 'date') return true;
    if (v.t !== 'text') continue;
    const s = view.norm(r, c);
    if (FIGURE_TEXT.test(s) || isLevel1Name(s)) return true;
  }
  for (const [c, role] of lower) {
    if (role !== 'level2' && role !== 'level3') continue;
    const m = view.merge(r, c);
    // A group label merged across columns (评价指标 over 一级/二级/三级) is a header.
    if (view.isCovered(r, c) || (m && m.right > m.left)) continue;
    const h = view.header(r, c);
    if (h && roleOf(INDICATOR_HEADERS, h) === null) return true;
  }
  return false;
}

/** Indicator roles of a row's cells as written, one per column, with no conflict resolved. */
function cellRoles(view: SheetView, r: number): Roles {
  const roles: Roles = new Map();
  for (const c of view.cols(r)) {
    const v = view.cell(r, c)?.value;
    if (!v || v.t !== 'text' || v.v.length > HEADER_RAW_MAX) continue;
    const h = view.header(r, c);
    if (h.length > HEADER_MAX) continue;
    const role = roleOf(INDICATOR_HEADERS, h);
    if (role) roles.set(c, role);
  }
  return roles;
}

const LEVEL_ROLES: ReadonlySet<IndicatorRole> = new Set(['level1', 'level2', 'level3']);

/**
 * Where a header row holds two or more complete headers side by side (A:I and K:S): the
 * first column of each band after the first, just right of the previous header's last
 * labelled column. A band starts where a level column (一级/二级/三级) repeats in another
 * cell, and both sides must qualify as headers on their own.
 */
function sideBySideBounds(view: SheetView, h: Header): number[] {
  const roles = h.last > h.first ? combine(cellRoles(view, h.first), cellRoles(view, h.last)) : cellRoles(view, h.first);
  const cols = [...roles.keys()].sort((a, b) => a - b);
  const bounds: number[] = [];
  let segment: Roles = new Map();
  let seen = new Map<IndicatorRole, number>();
  let lastCol = 0;
  for (const c of cols) {
    const role = roles.get(c)!;
    const anchor = view.anchor(h.last, c).col;
    const prev = seen.get(role);
    if (LEVEL_ROLES.has(role) && prev !== undefined && prev !== anchor && qualifies(segment)) {
      const rest = new Map([...roles].filter(([col]) => col >= c));
      if (qualifies(rest)) {
        bounds.push(lastCol + 1);
        segment = new Map();
        seen = new Map();
      }
    }
    segment.set(c, role);
    seen.set(role, anchor);
    lastCol = Math.max(lastCol, view.merge(h.last, c)?.right ?? c);
  }
  return bounds;
}

const EXECUTED_WORD = /执行|支出/;

function isBudgetHeader(view: SheetView, r: number): boolean {
  // Every 执行数 synonym says 执行 or 支出: skip the full header match on rows without one.
  let candidate = false;
  for (const c of view.cols(r)) {
    const v = view.cell(r, c)?.value;
    candidate = v?.t === 'text' && EXECUTED_WORD.test(v.v);
    if (candidate) break;
  }
  if (!candidate) return false;
  const vals = new Set(budgetRoles(view, r).values());
  return vals.has('executed') && (vals.has('budget') || vals.has('initialBudget'));
}

function findBudgetBlock(view: SheetView, from: number, to: number): BudgetBlock | null {
  for (const r of view.rows(from, to).reverse()) {
    if (isBudgetHeader(view, r)) return readBudgetBlock(view, r, budgetRoles(view, r), to);
  }
  return null;
}

function columnsOf(roles: Roles): Partial<Record<IndicatorRole, number>> {
  const cols: Partial<Record<IndicatorRole, number>> = {};
  for (const [c, role] of roles) if (cols[role] === undefined) cols[role] = c;
  return cols;
}

/**
 * What the first few non-empty cells of a row say (labels header-normalised, a number as an
 * empty label): how many, the first, and the first column of each kind of key label. One
 * object, not a list of labels: the indicator loop asks this of every row of a long table.
 */
interface RowLabels {
  /** Labels read, at most MAX_LABELS. */
  readonly count: number;
  readonly firstCol: number;
  readonly firstLabel: string;
  readonly total: number | null;
  readonly grade: number | null;
  readonly project: number | null;
  readonly department: number | null;
  /** The first project or department name label. */
  readonly name: number | null;
  /** Some label names an indicator column (二级指标, 分值…). */
  readonly header: boolean;
}

const MAX_LABELS = 6;

function rowLabels(view: SheetView, r: number): RowLabels {
  let count = 0;
  let firstCol = 0;
  let firstLabel = '';
  let total: number | null = null;
  let grade: number | null = null;
  let project: number | null = null;
  let department: number | null = null;
  let header = false;
  for (const c of view.cols(r)) {
    if (count >= MAX_LABELS) break;
    if (view.isCovered(r, c)) continue;
    const v = view.raw(r, c)?.value;
    if (!v || v.t === 'empty') continue;
    // Not covered: the cell is its own text (`view.header` would find it again through the merge).
    const label = v.t === 'number' ? '' : v.t === 'text' ? normalizeHeader(v.v) : view.header(r, c);
    if (v.t !== 'number' && !label) continue;
    if (count++ === 0) {
      firstCol = c;
      firstLabel = label;
    }
    const kind = label ? KEY_LABELS.get(label) : undefined;
    if (kind === undefined) continue;
    if (total === null && kind & TOTAL) total = c;
    if (grade === null && kind & GRADE) grade = c;
    if (project === null && kind & PROJECT) project = c;
    if (department === null && kind & DEPARTMENT) department = c;
    if (kind & HEADER) header = true;
  }
  const name = project === null ? department : department === null ? project : Math.min(project, department);
  return { count, firstCol, firstLabel, total, grade, project, department, name, header };
}

const TOTAL = 1;
const GRADE = 2;
const PROJECT = 4;
const DEPARTMENT = 8;
/** An indicator header label (二级指标, 分值…). */
const HEADER = 16;

/** Every label `rowLabels` looks for → what it is (bits): one lookup per cell of a row. */
const KEY_LABELS: ReadonlyMap<string, number> = (() => {
  const kinds = new Map<string, number>();
  const add = (labels: readonly string[], kind: number) => {
    for (const l of labels) kinds.set(l, (kinds.get(l) ?? 0) | kind);
  };
  add(TOTAL_LABELS, TOTAL);
  add(GRADE_LABELS, GRADE);
  add(PROJECT_NAME_LABELS, PROJECT);
  add(DEPARTMENT_NAME_LABELS, DEPARTMENT);
  for (const synonyms of Object.values<readonly string[]>(INDICATOR_HEADERS)) add(synonyms, HEADER);
  return kinds;
})();

/** First non-empty anchor right of the merged area holding (r, c). */
function valueRightOf(view: SheetView, r: number, c: number): number | null {
  const m = view.merge(r, c);
  const start = (m ? m.right : c) + 1;
  for (const col of view.cols(r)) {
    if (col < start || view.isCovered(r, col)) continue;
    if (!view.isEmpty(r, col)) return col;
  }
  return null;
}

function isTitleRow(view: SheetView, r: number): boolean {
  for (const c of view.cols(r)) {
    if (view.isCovered(r, c)) continue;
    const v = view.raw(r, c)?.value;
    if (!v || v.t !== 'text' || v.v.length > 80) continue;
    const s = view.norm(r, c);
    if (s && TITLE_WORDS.some((w) => s.includes(w)) && s.length <= 80) return true;
  }
  return false;
}

function isLevel1Name(s: string): boolean {
  const n = parseDeclaredWeight(s).name;
  return LEVEL1_NAMES.includes(n);
}

const YEAR = /(20\d{2})\s*年度?/;

function findYear(view: SheetView, from: number, to: number): number | null {
  for (const r of view.rows(Math.max(1, from), to)) {
    for (const c of view.cols(r)) {
      if (view.isCovered(r, c)) continue;
      const s = view.norm(r, c);
      if (s.length > 60) continue;
      const m = YEAR.exec(s);
      if (m && /年度|\(|（/.test(s)) return Number(m[1]);
    }
  }
  const m = YEAR.exec(view.sheet.name);
  return m ? Number(m[1]) : null;
}

function buildTable(view: SheetView, h: Header, budget: BudgetBlock | null, regionTop: number, regionBottom: number): TableLayout {
  const cols = columnsOf(h.roles);
  const maxCol = Math.max(...h.roles.keys());

  // Title and kind from the key rows above the block.
  const headTop = budget ? budget.headerRow : h.first;
  let title: string | null = null;
  let nameKind: TableKind | null = null;
  let top = budget ? budget.headerRow : h.first;
  for (const r of view.rows(regionTop, headTop - 1)) {
    const labels = rowLabels(view, r);
    const p = labels.project;
    const d = p === null ? labels.department : null;
    const labelCol = p ?? d;
    if (labelCol !== null && title === null) {
      const vc = valueRightOf(view, r, labelCol);
      title = vc ? view.text(r, vc).trim() : null;
      nameKind = p !== null ? 'project' : 'department';
      top = Math.min(top, r);
    }
  }
  // Otherwise the title line just above the table, and take the title rows into range.
  for (let r = headTop - 1; r >= regionTop && r >= headTop - 8; r--) {
    if (isTitleRow(view, r)) {
      top = Math.min(top, r);
      if (title === null) title = view.text(r, view.anchor(r, firstNonEmpty(view, r)).col).trim();
      break;
    }
  }
  if (nameKind !== null) {
    for (let r = top - 1; r >= regionTop && r >= top - 3; r--) if (isTitleRow(view, r)) top = r;
  }

  let kind: TableKind;
  // An evaluation framework: 参考分值 or 计算分析情况, or 评分标准 with no actual column (issue 12).
  if (cols.refWeight !== undefined || cols.analysis !== undefined || (cols.criteria !== undefined && cols.actual === undefined)) kind = 'evaluation';
  else if (cols.actual === undefined && cols.score === undefined) kind = 'target';
  else kind = nameKind ?? 'department';

  // Indicator rows down to the total/grade row or the next table.
  const indicators: IndicatorRow[] = [];
  const subtotals: { row: number; label: string; members: number[]; sub: Omit<SubtotalRow, 'members'> }[] = [];
  let total: TableLayout['total'] = null;
  let grade: TableLayout['grade'] = null;
  let bottom = h.last;
  let blank = 0;
  let section: Section | null = null;
  const breakdowns: IndicatorRow[] = [];
  const textColumns = new TextColumns(view, cols);
  for (let r = h.last + 1; r <= regionBottom; r++) {
    if (!view.cols(r).length) {
      // A run of empty rows is crossed in one step: the next occupied row comes next.
      const next = Math.min(view.nextRow(r), regionBottom + 1);
      blank += next - r;
      if (blank >= 2 && (total || indicators.length)) break;
      r = next - 1;
      continue;
    }
    if (view.rowIsEmpty(r)) {
      if (++blank >= 2 && (total || indicators.length)) break;
      continue;
    }
    blank = 0;
    const labels = rowLabels(view, r);
    const gradeCol = labels.grade;
    const totalCol = labels.total;
    if (totalCol !== null && !total) {
      total = { row: r, score: totalScoreCell(view, r, totalCol, cols.score) };
      bottom = r;
      if (gradeCol !== null) grade = gradeCell(view, r, gradeCol, cols.score);
      continue;
    }
    if (gradeCol !== null) {
      grade = gradeCell(view, r, gradeCol, cols.score);
      bottom = r;
      break;
    }
    if (total) break; // rows after the total that are not a grade belong to the next part
    // The column header repeated mid-table (under 年度绩效目标2) is no indicator.
    if (repeatsHeader(view, r, labels, h.roles)) {
      bottom = r;
      continue;
    }
    // A label alone on its row opens a section: 效益指标, 产出指标(40分), 年度绩效目标2(40分).
    const opened = sectionRow(view, r, labels);
    if (opened) {
      section = opened;
      bottom = r;
      continue;
    }
    if (isBudgetHeader(view, r)) break; // the next table's budget block (no 总分 row here)
    // A title row is a lone text; indicator rows carry several cells.
    if (labels.name !== null || (labels.count <= 2 && isTitleRow(view, r))) break;
    // A lone text of its own in the 一级 column (`711001 博野县总工会本级`, `单位：万元`) is a
    // caption between tables; placeholder rows have their text in the 二级/三级 columns.
    if (indicators.length && labels.count === 1 && labels.firstCol === view.anchor(r, cols.level1 ?? 0).col && view.anchor(r, labels.firstCol).row === r) break;

    const row = readIndicator(view, r, cols, textColumns, kind);
    if (!row) continue;
    if (row.kind === 'subtotal') {
      subtotals.push({ row: r, label: row.subtotal.label, members: [], sub: row.subtotal });
      bottom = r;
      continue;
    }
    // `其中…` under an indicator with a weight breaks that indicator down: not an indicator of
    // its own (its weight is already the parent's). Under a parent without a weight it is one.
    const parent = indicators[indicators.length - 1];
    if (BREAKDOWN.test(row.indicator.level3) && parent && !isBlankNumber(parent.weight) && parent.weight?.value) {
      breakdowns.push({ ...row.indicator, level1: parent.level1, level2: parent.level2, breakdownOf: parent.row });
      bottom = r;
      continue;
    }
    const current = subtotals[subtotals.length - 1];
    let ind: IndicatorRow = current && kind === 'evaluation' ? { ...row.indicator, level1: current.label } : row.indicator;
    // A row under a level-1 section row that leaves 一级 blank belongs to that section.
    if (section?.level1 && !ind.level1 && !view.norm(r, cols.level1 ?? 0)) {
      ind = { ...ind, level1: section.name, level1Declared: section.weight, level1Cell: section.cell };
    }
    if (current && kind === 'evaluation') current.members.push(r);
    indicators.push(ind);
    bottom = r;
  }

  const right = Math.max(maxCol, budget ? Math.max(...Object.values(budget.columns)) : 0);
  const targetInfo = kind === 'target' ? readTargetInfo(view, regionTop, h.first - 1) : null;
  return {
    sheet: view.sheet.name,
    kind,
    top,
    left: view.left > 1 ? firstOccupiedCol(view, top, bottom) : 1,
    bottom,
    right,
    title,
    year: findYear(view, regionTop, h.first),
    headerRows: [h.first, h.last],
    columns: cols,
    budget,
    indicators,
    subtotals: subtotals.map((s) => ({ ...s.sub, members: s.members })),
    ...(breakdowns.length ? { breakdowns } : {}),
    total,
    grade,
    ...(targetInfo ? { targetInfo } : {}),
  };
}

/** A section opened by a row holding one label only (issue 12). */
interface Section {
  readonly name: string;
  readonly weight: Decimal | null;
  readonly cell: string;
  /** A level-1 name (效益指标): rows below with a blank 一级 take it as theirs. */
  readonly level1: boolean;
}

/**
 * A row whose only content is one label (merged across or not) that names a level-1 section
 * (产出指标, 效益指标(30分)) or states points for a group (年度绩效目标1(40分)): it opens a
 * section inside the table, it does not end it.
 */
function sectionRow(view: SheetView, r: number, labels: RowLabels): Section | null {
  if (labels.count !== 1 || !labels.firstLabel) return null;
  const a = view.anchor(r, labels.firstCol);
  if (a.row !== r) return null;
  const declared = parseDeclaredWeight(view.text(r, labels.firstCol));
  const level1 = LEVEL1_NAMES.includes(declared.name);
  if (!level1 && declared.weight === null) return null;
  return { name: declared.name, weight: declared.weight, cell: address(a.row, a.col), level1 };
}

/** A row repeating the table's column header: two or more header labels, each in its own column. */
function repeatsHeader(view: SheetView, r: number, labels: RowLabels, roles: Roles): boolean {
  if (labels.count < 2 || !labels.header) return false;
  const own = rolesOf(view, r);
  if (own.size < 2) return false;
  for (const [c, role] of own) if (roles.get(c) !== role) return false;
  return true;
}

/** The leftmost occupied column of rows top..bottom (a band's table need not start at its edge). */
function firstOccupiedCol(view: SheetView, top: number, bottom: number): number {
  let left = Infinity;
  for (const r of view.rows(top, bottom)) left = Math.min(left, view.cols(r)[0]);
  return Number.isFinite(left) ? left : view.left;
}

function firstNonEmpty(view: SheetView, r: number): number {
  for (const c of view.cols(r)) if (!view.isEmpty(r, c)) return c;
  return view.left;
}

function totalScoreCell(view: SheetView, r: number, labelCol: number, scoreCol: number | undefined) {
  const labelAnchor = view.anchor(r, labelCol);
  if (scoreCol !== undefined) {
    const a = view.anchor(r, scoreCol);
    if (a.col !== labelAnchor.col || a.row !== labelAnchor.row) return readNumber(view, r, scoreCol);
  }
  // The score column is swallowed by the label's merge: take the last number in the row.
  const cols = view.cols(r);
  for (let i = cols.length - 1; i >= 0 && cols[i] > labelCol; i--) {
    const c = cols[i];
    if (view.isCovered(r, c)) continue;
    const n = readNumber(view, r, c);
    if (n.value !== null) return n;
  }
  return null;
}

/** The grade's value cell: the text right of the label, else the score column, else the next cell. */
function gradeCell(view: SheetView, r: number, labelCol: number, scoreCol: number | undefined): TableLayout['grade'] {
  const vc = valueRightOf(view, r, labelCol);
  const m = view.merge(r, labelCol);
  const next = (m ? m.right : labelCol) + 1;
  const col = vc ?? (scoreCol !== undefined && scoreCol >= next ? scoreCol : next);
  if (col > view.colCount) return null; // the label is the last cell: nowhere to write a grade
  const a = view.anchor(r, col);
  return {
    row: r,
    cell: address(a.row, a.col),
    text: view.text(r, col).trim(),
    raw: view.value(r, col),
    formula: view.cell(r, col)?.formula,
  };
}

/** A row of the indicator block: an indicator, or an `evaluation` subtotal row. */
type ReadRow = { kind: 'indicator'; indicator: IndicatorRow } | { kind: 'subtotal'; subtotal: Omit<SubtotalRow, 'members'> };

/** A breakdown row's name (trimmed): `其中：女职工`, `其中:农民工`. */
const BREAKDOWN = /^其中/;
const NO_DECLARED = { name: '', weight: null } as const;
const DIGIT = /\d/;

const PLACEHOLDER_NAMES = new Set(['', '无', '/', '-', '—', '——']);

const FIGURE_ROLES = ['weight', 'score', 'refWeight', 'completion'] as const;
type Covered = NonNullable<IndicatorRow['covered']>;

/** `产出指标（20分）` → name and points; a long table repeats a few level labels on every row. */
const declaredWeight = memoByString(parseDeclaredWeight);

/** The A1 address of the merged area's top-left holding (r, c), or of (r, c). */
function anchorAddress(view: SheetView, r: number, c: number): string {
  const m = view.merge(r, c);
  return m ? address(m.top, m.left) : address(r, c);
}

function numberAt(view: SheetView, r: number, c: number | undefined): NumberCell | null {
  return c === undefined ? null : readNumber(view, r, c);
}

/**
 * A value from a merged area belongs to the column of its top-left cell only (issue 6 item 4):
 * the number cells of row `r` covered by a merge anchored in another column, address → merge.
 */
function coveredFigures(view: SheetView, r: number, cols: Partial<Record<IndicatorRole, number>>): Covered {
  const covered: { -readonly [K in keyof Covered]: Covered[K] } = {};
  for (const role of FIGURE_ROLES) {
    const c = cols[role];
    const m = c === undefined ? undefined : view.merge(r, c);
    if (c !== undefined && m && m.left !== c) covered[role] = { cell: address(r, c), merge: rangeAddress(m.top, m.left, m.bottom, m.right) };
  }
  return covered;
}

/**
 * Read row `r` of an indicator block. Runs once per row of a long table: no closures or
 * per-row lists, and the row keeps only what it reports.
 */
function readIndicator(view: SheetView, r: number, cols: Partial<Record<IndicatorRole, number>>, textColumns: TextColumns, kind: TableKind): ReadRow | null {
  const c1 = cols.level1;
  const l1text = c1 !== undefined ? view.text(r, c1) : '';
  const l2text = cols.level2 !== undefined ? view.text(r, cols.level2) : '';
  const level3 = cols.level3 !== undefined ? view.text(r, cols.level3).trim() : '';
  const declared = declaredWeight(l1text);
  // 项目立项(10分): a level-2 cell may state its points too (evaluation frameworks, issue 12).
  const declared2 = DIGIT.test(l2text) ? declaredWeight(l2text) : NO_DECLARED;
  const level2 = !normalizeHeader(l2text) ? '' : declared2.weight !== null ? declared2.name : l2text.trim();
  // A number cell covered by a merge anchored in another column reads as empty (issue 6 item 4);
  // the `covered` record is made only for a row that has one (rare).
  const weightCell = numberAt(view, r, cols.weight);
  const scoreCell = numberAt(view, r, cols.score);
  const refWeightCell = numberAt(view, r, cols.refWeight);
  const completionCell = numberAt(view, r, cols.completion);
  const anyCovered = !!(weightCell?.offColumn || scoreCell?.offColumn || refWeightCell?.offColumn || completionCell?.offColumn);
  const weight = weightCell?.offColumn ? null : weightCell;
  const score = scoreCell?.offColumn ? null : scoreCell;
  const refWeight = refWeightCell?.offColumn ? null : refWeightCell;
  const completion = completionCell?.offColumn ? null : completionCell;
  // The row keeps only where its texts are; they are read from the grid when asked for.
  const texts = textColumns.texts(view, r);
  const l3norm = view.norm(r, cols.level3 ?? 0);
  const targetText = textColumns.targetText(r)?.trim() ?? '';
  const hasNumbers = !isBlankNumber(weight) || !isBlankNumber(score);

  // Evaluation subtotal rows: a level-1 name with no 三级 but weights/score (seed 003).
  if (kind === 'evaluation' && l3norm === '' && hasNumbers) {
    for (const c of [cols.level1, cols.level2]) {
      if (c === undefined) continue;
      const s = view.norm(r, c);
      // A merged level column filled down from above is not this row's own label.
      if (s && isLevel1Name(s) && (view.merge(r, c)?.top ?? r) === r) {
        return { kind: 'subtotal', subtotal: { row: r, label: declaredWeight(s).name, weight, refWeight, score } };
      }
    }
  }

  const name = level3 && !PLACEHOLDER_NAMES.has(normalizeHeader(level3)) ? level3 : level2;
  const placeholder = PLACEHOLDER_NAMES.has(l3norm) && isBlankNumber(weight) && isBlankNumber(score) && targetText === '';
  if (!l1text.trim() && !level2 && !level3 && !hasNumbers && !targetText) return null;
  // Whole literals (no spreads): a long table's rows keep their fields in the object itself.
  const level1Cell = c1 !== undefined ? anchorAddress(view, r, c1) : null;
  const indicator: { -readonly [K in keyof IndicatorRow]: IndicatorRow[K] } =
    declared2.weight !== null
      ? { row: r, level1: declared.name, level1Declared: declared.weight, level1Cell, level2, level2Declared: declared2.weight, level2Cell: cols.level2 !== undefined ? anchorAddress(view, r, cols.level2) : null, level3, name, texts, weight, refWeight, score, completion, placeholder }
      : { row: r, level1: declared.name, level1Declared: declared.weight, level1Cell, level2, level3, name, texts, weight, refWeight, score, completion, placeholder };
  if (anyCovered) indicator.covered = coveredFigures(view, r, cols);
  return { kind: 'indicator', indicator };
}
