/**
 * Dirty copies of the seed workbooks for the clean-up tests (issue 8): every kind of
 * debris an accountant's template carries, several instances each, placed by the engine's
 * own layout detection so every seed gets them where they belong:
 *
 *  - placeholder indicator rows (三级 `无`, `/`, and one whose 三级 is a fill-in hint)
 *    inserted inside merged 一级 groups (the merges grow over them);
 *  - fill-in hints in empty reason cells (`（请填写偏差原因）`);
 *  - numbers stored as text (`５`, ` 3.4 `, `56.67%`) in 分值/预算/执行率 cells;
 *  - full-width notation in targets (`＞＝９０％`);
 *  - HTML (`<p>…</p>`, `&nbsp;`) in actuals and reasons, Word artefacts
 *    (`[bookmark: OLE_LINK3]`) and U+3000 in indicator labels;
 *  - a blank copy of the first table sheet (`空白模板`);
 *  - last run's highlights (fills in `MARK_FILLS`, a note with `MARK_NOTE_PREFIX`), plus
 *    one fill a person chose (must survive).
 *
 * Cleaning a dirty copy must give what cleaning the original gives (test/cleanup).
 */
import Decimal from 'decimal.js';
import type { Workbook } from 'exceljs';
import { cleanup, sheetFromRows, type Cell, type MergedArea } from '../../src/core';
import { detectTables } from '../../src/core/layout/detect';
import { WORKBOOKS, type CellSpec, type Num, type SheetSpec, type WorkbookSpec } from '../seed-tables';
import type { EdgeCase } from './index';

const isNum = (v: CellSpec): v is Num => typeof v === 'object' && v !== null;

function colLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
function rect(m: string): MergedArea {
  const [a, b] = m.split(':');
  const p = (x: string) => {
    const mm = /^([A-Z]+)(\d+)$/.exec(x)!;
    let c = 0;
    for (const ch of mm[1]) c = c * 26 + ch.charCodeAt(0) - 64;
    return { r: Number(mm[2]), c };
  };
  const s = p(a);
  const e = p(b ?? a);
  return { top: s.r, left: s.c, bottom: e.r, right: e.c };
}
const rangeText = (m: MergedArea) => `${colLetters(m.left)}${m.top}:${colLetters(m.right)}${m.bottom}`;

function gridOf(spec: SheetSpec) {
  const rows = spec.rows.map((row) => row.map((v): string | number | null | Cell => (isNum(v) ? { value: { t: 'number', v: v.v }, numFmt: v.fmt } : v)));
  return sheetFromRows(spec.sheet, rows, spec.merges.map(rect));
}

const FULL = (s: string) =>
  s
    .replace(/≥/g, '＞＝')
    .replace(/≤/g, '＜＝')
    .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))
    .replace(/%/g, '％')
    .replace(/\./g, '．');

/** Insert an empty row after sheet row `after` (1-based); merges spanning it grow. */
function insertRow(spec: SheetSpec, after: number, cells: Record<number, string>): SheetSpec {
  const width = spec.widths.length;
  const row: CellSpec[] = Array.from({ length: width }, (_, i) => cells[i + 1] ?? null);
  const rows = [...spec.rows.slice(0, after), row, ...spec.rows.slice(after)];
  const merges = spec.merges.map((m) => {
    const r = rect(m);
    if (r.top > after) return rangeText({ ...r, top: r.top + 1, bottom: r.bottom + 1 });
    if (r.bottom > after) return rangeText({ ...r, bottom: r.bottom + 1 });
    return m;
  });
  const shift = (xs: number[] | undefined) => xs?.map((x) => (x > after ? x + 1 : x));
  const heights = spec.heights ? Object.fromEntries(Object.entries(spec.heights).map(([k, v]) => [Number(k) > after ? Number(k) + 1 : Number(k), v])) : undefined;
  const aligns = spec.aligns
    ? Object.fromEntries(
        Object.entries(spec.aligns).map(([a, v]) => {
          const m = /^([A-Z]+)(\d+)$/.exec(a)!;
          return [Number(m[2]) > after ? `${m[1]}${Number(m[2]) + 1}` : a, v];
        }),
      )
    : undefined;
  return { ...spec, rows, merges, titleRows: shift(spec.titleRows)!, headerRows: shift(spec.headerRows)!, plainRows: shift(spec.plainRows), heights, aligns };
}

function setCell(spec: SheetSpec, r: number, c: number, v: CellSpec): void {
  const row = spec.rows[r - 1];
  while (row.length < c) row.push(null);
  row[c - 1] = v;
}
function getCell(spec: SheetSpec, r: number, c: number): CellSpec {
  return spec.rows[r - 1]?.[c - 1] ?? null;
}

/** Cell-level debris on one sheet (no rows added). */
function cellDebris(spec: SheetSpec): SheetSpec {
  const out: SheetSpec = { ...spec, rows: spec.rows.map((r) => [...r]) };
  const grid = gridOf(spec);
  const covered = (r: number, c: number) => grid.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
  let hints = 0;
  let numbers = 0;
  let full = 0;
  let html = 0;
  let word = 0;
  for (const t of detectTables(grid)) {
    const cols = t.columns;
    for (const ind of t.indicators) {
      const r = ind.row;
      if (cols.reason && hints < 2 && getCell(out, r, cols.reason) === null && !covered(r, cols.reason)) {
        setCell(out, r, cols.reason, '（请填写偏差原因）');
        hints++;
      }
      const w = ind.weight;
      if (w && !w.offColumn && !w.fromText && !w.formula && w.raw.t === 'number' && numbers < 2 && Number.isInteger(w.raw.v)) {
        setCell(out, w.row, w.col, numbers === 0 ? FULL(String(w.raw.v)) : ` ${w.raw.v} `);
        numbers++;
      }
      const target = ind.texts.target;
      const tc = cols.target;
      if (tc && target && full < 3 && /[≥≤%.\d]/.test(target.text) && typeof getCell(out, r, tc) === 'string' && !covered(r, tc)) {
        setCell(out, r, tc, FULL(target.text));
        full++;
      }
      const ac = cols.actual;
      const actual = getCell(out, r, ac ?? 0);
      if (ac && html < 2 && typeof actual === 'string' && actual.trim() && !covered(r, ac)) {
        setCell(out, r, ac, html === 0 ? `<p>${actual}</p>` : `${actual}&nbsp;`);
        html++;
      }
      const lc = cols.level3;
      const label = getCell(out, r, lc ?? 0);
      if (lc && word < 2 && typeof label === 'string' && label.trim().length > 1 && !covered(r, lc)) {
        const chars = [...label.trim()];
        setCell(out, r, lc, word === 0 ? `[bookmark: OLE_LINK3]${label}` : `${chars[0]}\u3000${chars.slice(1).join('')}`);
        word++;
      }
    }
    // A budget figure and a stated rate typed as text.
    if (t.budget) {
      for (const row of [t.budget.totalRow, ...t.budget.rows]) {
        const ex = row.amounts.executed;
        if (ex && !ex.fromText && !ex.formula && ex.raw.t === 'number' && numbers < 3) {
          setCell(out, ex.row, ex.col, ` ${ex.raw.v} `);
          numbers++;
        }
        const rate = row.amounts.rate;
        if (rate && !rate.formula && rate.raw.t === 'number' && rate.numFmt?.includes('%')) {
          const pct = new Decimal(rate.raw.v).times(100);
          if (pct.decimalPlaces() <= 2) setCell(out, rate.row, rate.col, `${pct.toFixed(2)}%`);
        }
      }
    }
  }
  return out;
}

/** Placeholder rows inside merged 一级 groups: `无`, `/`, and a hint in 三级. */
function placeholderDebris(spec: SheetSpec): SheetSpec {
  let out = spec;
  const grid = gridOf(spec);
  const tables = detectTables(grid).filter((t) => t.columns.level1 !== undefined && t.columns.level3 !== undefined && t.indicators.length > 1);
  const inserts: { after: number; l3: number; text: string }[] = [];
  const texts = ['无', '/', '请填写三级指标名称'];
  for (const t of tables) {
    const l1 = t.columns.level1!;
    const l3 = t.columns.level3!;
    for (const m of grid.merges) {
      if (inserts.length >= texts.length) break;
      if (m.left !== l1 || m.bottom <= m.top || m.top <= t.headerRows[1] || m.bottom > t.bottom) continue;
      if (grid.merges.some((o) => o.left <= l3 && o.right >= l3 && o.top <= m.top && o.bottom > m.top)) continue;
      inserts.push({ after: m.top, l3, text: texts[inserts.length] });
    }
  }
  // Bottom-up, so earlier row numbers stay valid.
  for (const ins of inserts.sort((a, b) => b.after - a.after)) out = insertRow(out, ins.after, { [ins.l3]: ins.text });
  return out;
}

/** A blank copy of a table sheet: headers and indicator labels only. */
function blankTemplate(spec: SheetSpec): SheetSpec | null {
  const grid = gridOf(spec);
  const t = detectTables(grid).find((x) => x.indicators.length && x.kind !== 'basic-data');
  if (!t) return null;
  const keepCols = new Set([t.columns.level1, t.columns.level2, t.columns.level3, t.columns.weight].filter((c): c is number => c !== undefined));
  const firstHeader = t.budget ? t.budget.headerRow : t.headerRows[0];
  const firstAmount = t.budget ? Math.min(...Object.values(t.budget.columns)) : Infinity;
  const budgetRows = new Set(t.budget ? [t.budget.totalRow.row, ...t.budget.rows.map((r) => r.row)] : []);
  const headerRows = new Set([t.headerRows[0], t.headerRows[1], ...(t.budget ? [t.budget.headerRow] : [])]);
  const indicatorRows = new Set(t.indicators.map((i) => i.row));
  const rows = spec.rows.slice(0, t.bottom).map((row, i) =>
    row.map((v, j) => {
      const r = i + 1;
      const c = j + 1;
      if (headerRows.has(r) || spec.titleRows.includes(r)) return v;
      if (r < firstHeader) return c === 1 ? v : null;
      if (budgetRows.has(r)) return c < firstAmount && !isNum(v) ? v : null;
      if (indicatorRows.has(r)) return keepCols.has(c) || (c === 1 && typeof v === 'string') ? v : null;
      return c === 1 && typeof v === 'string' ? v : null;
    }),
  );
  const merges = spec.merges.filter((m) => rect(m).bottom <= t.bottom);
  return { ...spec, sheet: '空白模板', rows, merges, heights: undefined, aligns: undefined };
}

export function dirtySpec(spec: WorkbookSpec): WorkbookSpec {
  const sheets = spec.sheets.map((s) => placeholderDebris(cellDebris(s)));
  const blank = spec.sheets.map(blankTemplate).find((s) => s !== null);
  return { ...spec, file: spec.file.replace(/\.xlsx$/, '.dirty.xlsx'), sheets: blank ? [...sheets, blank] : sheets };
}

/** Last run's marks on the first sheet, plus one fill of the user's own. */
export function addMarks(wb: Workbook): void {
  const ws = wb.worksheets[0];
  const fill = (argb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } });
  const paint = (a: string, argb: string) => {
    const cell = ws.getCell(a);
    cell.style = { ...cell.style, fill: fill(argb) };
  };
  paint('A1', cleanup.MARK_FILLS.error);
  paint('B2', cleanup.MARK_FILLS.warning);
  paint('C3', cleanup.MARK_FILLS.info);
  ws.getCell('B2').note = `${cleanup.MARK_NOTE_PREFIX}这里有问题（上次运行添加）`;
  paint('A2', 'FF92D050'); // a person's own green: stays
  ws.getCell('A2').note = '财务科：请核对';
}

export async function buildDirty(spec: WorkbookSpec): Promise<Buffer> {
  // Lazy: build-fixtures imports this module through the edge-case registry.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildWorkbook } = require('../build-fixtures') as typeof import('../build-fixtures');
  const wb = buildWorkbook(dirtySpec(spec));
  addMarks(wb);
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export const DIRTY_EXAMPLE = WORKBOOKS.find((w) => w.file === 'seed002-shigu.xlsx')!;

export const CASES: EdgeCase[] = WORKBOOKS.map((spec) => ({
  file: spec.file.replace(/\.xlsx$/, '.dirty.xlsx'),
  description: `${spec.file} 的“脏”副本：填写提示、合并分组内的占位行、文本型数字、全角符号、网页标签和 Word 书签残留、空白模板工作表、上次运行的标记`,
  build: () => buildDirty(spec),
}));
