import { address } from '../grid';
import { readNumber } from './cells';
import type { NumberCell, TableLayout } from './types';
import type { SheetView } from './view';

/**
 * 部门整体支出绩效评价基础数据表 (seed 002): staff control and the expense lists by year.
 *
 * The expense list is the standard form: a group row (三公经费, 项目支出, 公用经费) followed
 * by numbered items (`1、…`, `2、…`; unmarked rows after a numbered item continue the list,
 * as 省级困难职工补助和送温暖 follows `3、专项资金：劳模服务`), each optionally followed by a
 * `其中：` list. Numbered lists must add up to their group; a `其中` list is partial
 * ("of which") and must only not exceed its parent. Rows such as 政府采购金额 stand alone.
 */
export interface BasicDataColumn {
  readonly col: number;
  readonly label: string;
  readonly year: number | null;
  readonly kind: '决算' | '预算' | '执行';
}

export interface BasicDataRow {
  readonly row: number;
  readonly label: string;
  readonly values: readonly (NumberCell | null)[];
}

export interface BasicDataList {
  readonly parent: BasicDataRow;
  readonly items: readonly BasicDataRow[];
  /** `numbered` lists must sum to the parent; `partial` (其中) lists must not exceed it. */
  readonly kind: 'numbered' | 'partial';
  /** The parent row's group (三公经费 …), for the 决算 > 预算 check. */
  readonly group: string;
}

export interface BasicData {
  readonly staff: { readonly posts: NumberCell; readonly actual: NumberCell; readonly rateCell: string | null } | null;
  readonly columns: readonly BasicDataColumn[];
  readonly rows: readonly BasicDataRow[];
  readonly lists: readonly BasicDataList[];
  /** Group name of each row (三公经费 …), by sheet row. */
  readonly groupOf: ReadonlyMap<number, string>;
}

const YEAR_COLUMN = /^(?:(\d{4})年?)?(决算|预算|执行)数?$/;
/** A word every YEAR_COLUMN header holds: rows without one skip the header match. */
const YEAR_WORD = /算|执行/;
const STANDALONE = /政府采购|预算调整|楼堂馆所|厉行节约/;
const NUMBERED = /^\d+[、.．]/;
const FIRST_ITEM = /^1[、.．]/;
/** Standard group rows of the form: they open a list even right after another list. */
const GROUPS = /^(三公经费|项目支出|公用经费|基本支出|人员经费|商品和服务支出)(\(|（|$)/;
const PARTIAL = /^其中/;
const SECTION_END = /楼堂馆所|厉行节约|保障措施/;

function findStaff(view: SheetView, from: number, to: number): BasicData['staff'] {
  for (const r of view.rows(from, to)) {
    let postsCol = 0;
    let actualCol = 0;
    let rateCol = 0;
    for (const c of view.cols(r)) {
      const h = view.header(r, c);
      if (h === '编制数') postsCol = c;
      else if (/实际在职人数$/.test(h)) actualCol = c;
      else if (h === '控制率') rateCol = c;
    }
    if (postsCol && actualCol && r < to) {
      const posts = readNumber(view, r + 1, postsCol);
      const actual = readNumber(view, r + 1, actualCol);
      const a = rateCol ? view.anchor(r + 1, rateCol) : null;
      return { posts, actual, rateCell: a ? address(a.row, a.col) : null };
    }
  }
  return null;
}

/** Detect a basic-data table on the sheet, or null. */
export function detectBasicData(view: SheetView): (Omit<TableLayout, 'kind'> & { kind: 'basic-data'; basicData: BasicData }) | null {
  let headerRow = 0;
  let columns: BasicDataColumn[] = [];
  let labelCol = view.left;
  for (const r of view.rows()) {
    if (headerRow) break;
    let cols: BasicDataColumn[] | null = null;
    for (const c of view.cols(r)) {
      // Year columns read 决算数/预算数/执行数: skip the header match on any other cell.
      const v = view.raw(r, c)?.value;
      if (v?.t !== 'text' || v.v.length > 30 || !YEAR_WORD.test(v.v) || view.isCovered(r, c)) continue;
      const m = YEAR_COLUMN.exec(view.header(r, c));
      if (m) (cols ??= []).push({ col: c, label: view.text(r, c).trim(), year: m[1] ? Number(m[1]) : null, kind: m[2] as BasicDataColumn['kind'] });
    }
    if (cols && cols.length >= 2) {
      headerRow = r;
      columns = cols;
      labelCol = Math.max(view.left, cols[0].col - 1);
    }
  }
  if (!headerRow) return null;
  const staff = findStaff(view, 1, headerRow - 1);

  const rows: BasicDataRow[] = [];
  for (let r = headerRow + 1; r <= view.rowCount; r++) {
    if (!view.cols(r).length) {
      // An empty row ends the rows once some are read; before that, skip to the next occupied row.
      if (rows.length) break;
      r = view.nextRow(r) - 1;
      continue;
    }
    const label = view.text(r, labelCol).trim();
    if (SECTION_END.test(label) || (view.rowIsEmpty(r) && rows.length)) break;
    if (!label) continue;
    rows.push({ row: r, label, values: columns.map((c) => readNumber(view, r, c.col)) });
  }

  // Lists: group rows, numbered items (with unmarked continuations), 其中 sub-lists.
  const lists: BasicDataList[] = [];
  const groupOf = new Map<number, string>();
  let group: BasicDataRow | null = null;
  let numbered: BasicDataRow[] | null = null;
  let partial: { parent: BasicDataRow; items: BasicDataRow[] } | null = null;
  let lastItem: BasicDataRow | null = null;
  const close = () => {
    if (partial && partial.items.length) lists.push({ parent: partial.parent, items: partial.items, kind: 'partial', group: group?.label ?? '' });
    partial = null;
  };
  const closeGroup = () => {
    close();
    if (group && numbered && numbered.length) lists.push({ parent: group, items: numbered, kind: 'numbered', group: group.label });
    group = null;
    numbered = null;
    lastItem = null;
  };
  rows.forEach((row, i) => {
    const label = row.label.replace(/\s+/g, '');
    const next = rows[i + 1]?.label.replace(/\s+/g, '') ?? '';
    if (PARTIAL.test(label)) {
      close();
      partial = { parent: lastItem ?? group ?? row, items: [row] };
    } else if (NUMBERED.test(label)) {
      close();
      numbered ??= [];
      numbered.push(row);
      lastItem = row;
    } else if (STANDALONE.test(label)) {
      closeGroup();
    } else if (GROUPS.test(label) || FIRST_ITEM.test(next) || (PARTIAL.test(next) && !numbered && !partial)) {
      // A group opens before its `1、` item, on a standard group name, or before a 其中 list.
      closeGroup();
      group = row;
      lastItem = null;
    } else if (partial) {
      partial.items.push(row);
    } else if (numbered) {
      numbered.push(row);
      lastItem = row;
    } else {
      closeGroup();
    }
    if (group) groupOf.set(row.row, (group as BasicDataRow).label);
  });
  closeGroup();

  const last = rows.length ? rows[rows.length - 1].row : headerRow;
  const firstRow = staff ? Math.min(headerRow, staff.posts.row - 1) : headerRow;
  let top = firstRow;
  for (let r = firstRow - 1; r >= Math.max(1, firstRow - 3); r--) {
    if (/基础数据表/.test(view.norm(r, view.anchor(r, view.left).col)) || /基础数据表/.test(view.norm(r, view.left))) top = r;
  }
  return {
    sheet: view.sheet.name,
    kind: 'basic-data',
    top,
    left: view.left,
    bottom: last,
    right: Math.max(...columns.map((c) => c.col)),
    title: /基础数据表/.test(view.norm(top, view.left)) ? view.text(top, view.left).trim() : null,
    year: columns.map((c) => c.year).filter((y): y is number => y !== null).reduce((a, b) => Math.max(a, b), 0) || null,
    headerRows: [headerRow, headerRow],
    columns: {},
    budget: null,
    indicators: [],
    subtotals: [],
    total: null,
    grade: null,
    basicData: { staff, columns, rows, lists, groupOf },
  };
}
