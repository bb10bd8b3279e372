import Decimal from 'decimal.js';
import { address, EMPTY, type Cell, type CellValue, type MergedArea, type SheetGrid } from '../grid';
import { normalizeText } from '../values/normalize';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from '../values/numerals';
import { INDICATOR_TEXT_ROLES, type IndicatorRow, type IndicatorTextRole, type NumberCell, type TextCell } from './types';
import { decimalOf } from '../num';
import { displayText, type SheetView } from './view';

/** Unit and score suffixes tolerated after a number typed as text: `20分`, `6万元`, `10 元`. */
const NUMBER_TEXT = /^([+-]?\d+(?:\.\d+)?)(%|分|万元|元)?$/;

/** A figure in Chinese numerals (`三十`, `九十万元`, `一百分`), with the same suffixes (issue 12 item 4). */
const NUMERAL_TEXT = new RegExp(`^([${CHINESE_NUMERAL_CHARS}]+)(分|万元|元)?$`);

const FROM_TEXT = 1;
const PERCENT = 2;
const OFF_COLUMN = 4;

/**
 * A number cell as layout reads it. A long table holds two or more per row (weight, score),
 * so what the grid cell already holds (value, formula, format) is read through it rather than
 * copied, and the A1 address is made when asked for: a row keeps five fields per number cell,
 * not nine and an address string, and an empty cell (a score not yet written) two. Consumers
 * see the `NumberCell` interface; `toJSON` gives the same object a plain literal would.
 */
abstract class SheetCell implements NumberCell {
  constructor(
    readonly row: number,
    readonly col: number,
  ) {}
  abstract readonly value: Decimal | null;
  abstract readonly raw: CellValue;
  abstract readonly formula: string | undefined;
  abstract readonly formulaWithoutResult: boolean | undefined;
  abstract readonly numFmt: string | undefined;
  abstract readonly fromText: boolean;
  abstract readonly percent: boolean;
  abstract readonly offColumn: boolean | undefined;
  get cell(): string {
    return address(this.row, this.col);
  }
  toJSON(): Record<string, unknown> {
    const { row, col, cell, raw, formula, numFmt, value, fromText, percent, formulaWithoutResult, offColumn } = this;
    return { row, col, cell, raw, formula, numFmt, value, fromText, percent, formulaWithoutResult, offColumn };
  }
}

class SheetNumberCell extends SheetCell {
  constructor(
    row: number,
    col: number,
    readonly value: Decimal | null,
    /** The grid cell at (row, col), the merged area's top-left. */
    private readonly source: Cell | undefined,
    private readonly flags: number,
  ) {
    super(row, col);
  }
  get raw(): CellValue {
    return this.source?.value ?? EMPTY;
  }
  get formula(): string | undefined {
    return this.source?.formula;
  }
  get formulaWithoutResult(): boolean | undefined {
    return this.source?.formulaWithoutResult ? true : undefined;
  }
  get numFmt(): string | undefined {
    return this.source?.numFmt;
  }
  get fromText(): boolean {
    return (this.flags & FROM_TEXT) !== 0;
  }
  get percent(): boolean {
    return (this.flags & PERCENT) !== 0;
  }
  get offColumn(): boolean | undefined {
    return this.flags & OFF_COLUMN ? true : undefined;
  }
}

/** A number cell with no grid cell at all, in its own column: nothing but where it is. */
class BlankNumberCell extends SheetCell {
  get value(): null {
    return null;
  }
  get raw(): CellValue {
    return EMPTY;
  }
  get formula(): undefined {
    return undefined;
  }
  get formulaWithoutResult(): undefined {
    return undefined;
  }
  get numFmt(): undefined {
    return undefined;
  }
  get fromText(): boolean {
    return false;
  }
  get percent(): boolean {
    return false;
  }
  get offColumn(): undefined {
    return undefined;
  }
}

/**
 * Read the cell at (r, c) (merged areas resolve to their top-left) as a number.
 * Numbers typed as text are accepted and flagged `fromText`; anything else (dates,
 * booleans, errors, prose) reads as null but keeps its raw value for the findings.
 */
export function readNumber(view: SheetView, r: number, c: number): NumberCell {
  const m = view.merge(r, c);
  const row = m ? m.top : r;
  const col = m ? m.left : c;
  const cell = view.raw(row, col);
  if (!cell && col === c) return new BlankNumberCell(row, col);
  const raw = cell?.value ?? EMPTY;
  let value: Decimal | null = null;
  let flags = col === c ? 0 : OFF_COLUMN;
  if (raw.t === 'number') {
    value = Number.isFinite(raw.v) ? decimalOf(raw.v) : null;
    if (cell?.numFmt?.includes('%')) flags |= PERCENT;
  } else if (raw.t === 'date' && raw.serial !== undefined && Number.isFinite(raw.serial)) {
    // 95 under `yyyy-mm-dd` shows 1900-04-04 but is 95: formats only change display (issue 12 item 6).
    value = decimalOf(raw.serial);
  } else if (raw.t === 'text') {
    const m = NUMBER_TEXT.exec(normalizeText(raw.v));
    if (m) {
      value = new Decimal(m[1]);
      flags |= FROM_TEXT;
      if (m[2] === '%') flags |= PERCENT;
    } else {
      // `三十`: unambiguous Chinese numerals are the figure; anything else stays unread.
      const w = NUMERAL_TEXT.exec(normalizeText(raw.v));
      const n = w ? parseChineseNumber(w[1]) : null;
      if (n !== null) {
        value = n;
        flags |= FROM_TEXT;
      }
    }
  }
  return new SheetNumberCell(row, col, value, cell, flags);
}

/** True when the cell holds nothing a person would read (empty or whitespace). */
export function isBlankNumber(n: NumberCell | null | undefined): boolean {
  return !n || (n.raw.t === 'empty' || (n.raw.t === 'text' && normalizeText(n.raw.v) === ''));
}

/** Texts that mean "nothing here yet" in a cell the plan may write: —, /, 无 and the like. */
const BLANK_PLACEHOLDERS: ReadonlySet<string> = new Set(['', '/', '\\', '-', '--', '—', '——', '-/-', '无', '暂无', '待填', '待定', 'N/A', 'n/a']);

/** A recognised blank placeholder (issue 12 item 5): a plan may write over it. */
export function isBlankPlaceholder(text: string): boolean {
  return BLANK_PLACEHOLDERS.has(normalizeText(text).replace(/\s+/g, ''));
}

/**
 * The user's words in a cell the plan would write (`扣2分`, `良（自评）`): text that is no
 * figure and no blank placeholder. Such a cell is never written (issue 12 item 5).
 */
export function isUserText(raw: CellValue): boolean {
  return raw.t === 'text' && !isBlankPlaceholder(raw.v);
}

/** A text cell as layout reads it: the address is made when asked for (three or more per row of a long table). */
class SheetTextCell implements TextCell {
  constructor(
    readonly text: string,
    /** The merged area's top-left (where a write would go). */
    private readonly row: number,
    private readonly col: number,
  ) {}
  get cell(): string {
    return address(this.row, this.col);
  }
  toJSON(): TextCell {
    return { text: this.text, cell: this.cell };
  }
}

export function readText(view: SheetView, r: number, c: number): TextCell {
  const m = view.merge(r, c);
  return m ? new SheetTextCell(displayText(view.raw(m.top, m.left)), m.top, m.left) : new SheetTextCell(displayText(view.raw(r, c)), r, c);
}

const ROLE_COUNT = INDICATOR_TEXT_ROLES.length;
const DESCRIPTION = 0;
const OPERATOR = 1;
const TARGET = 2;
const UNIT = 3;
const ACTUAL = 4;
const REASON = 5;
const ANALYSIS = 6;
const BASIS = 7;

/**
 * The text columns of one indicator block and how to read them, shared by all its rows: a
 * row's texts are read from the grid when a consumer asks, not kept (three or more text cells
 * per row of a long table were ~190 B of its ~450). It keeps the grid sheet (alive as long as
 * the analysis anyway), the view's column window, and the merged areas over text cells —
 * found while the rows are read, so no view and none of its per-row caches stay alive.
 */
export class TextColumns {
  private readonly sheet: SheetGrid;
  private readonly left: number;
  private readonly right: number;
  /** Column per role (index into INDICATOR_TEXT_ROLES), or -1 when the table has none. */
  private readonly cols: number[];
  /** Merged areas over text cells, keyed `row * ROLE_COUNT + role` (most rows have none). */
  private readonly merged = new Map<number, MergedArea>();

  constructor(view: SheetView, columns: Readonly<Partial<Record<IndicatorTextRole, number>>>) {
    this.sheet = view.sheet;
    this.left = view.left;
    this.right = view.right;
    this.cols = INDICATOR_TEXT_ROLES.map((role) => columns[role] ?? -1);
  }

  /** Note the merged areas over row `r`'s text cells (while the view is at hand); its texts are then read lazily. */
  texts(view: SheetView, r: number): IndicatorRow['texts'] {
    const cols = this.cols;
    for (let i = 0; i < ROLE_COUNT; i++) {
      if (cols[i] < 0) continue;
      const m = view.merge(r, cols[i]);
      if (m) this.merged.set(r * ROLE_COUNT + i, m);
    }
    return new RowTexts(this, r);
  }

  /** The target's display text in row `r` (as `texts.target?.text`) without making the cell; after `texts(view, r)`. */
  targetText(r: number): string | undefined {
    const c = this.cols[TARGET];
    if (c < 0) return undefined;
    const m = this.merged.get(r * ROLE_COUNT + TARGET);
    return m ? displayText(this.raw(m.top, m.left)) : displayText(this.raw(r, c));
  }

  /** Role `i` of row `r` as readText reads it, or undefined without the column. */
  cell(r: number, i: number): TextCell | undefined {
    const c = this.cols[i];
    if (c < 0) return undefined;
    const m = this.merged.get(r * ROLE_COUNT + i);
    return m ? new SheetTextCell(displayText(this.raw(m.top, m.left)), m.top, m.left) : new SheetTextCell(displayText(this.raw(r, c)), r, c);
  }

  /** As SheetView.raw: the cell physically at (r, c), nothing outside the window. */
  private raw(r: number, c: number): Cell | undefined {
    if (c < this.left || c > this.right) return undefined;
    return this.sheet.cells[r]?.[c];
  }
}

type RowTextCells = IndicatorRow['texts'];

/**
 * A row's texts: two fields, each text cell built when asked for (a new object per access, so
 * compare texts by content or address, never by identity). Getters are not own properties:
 * enumerate with INDICATOR_TEXT_ROLES; `toJSON` gives the plain object of present roles.
 */
class RowTexts implements RowTextCells {
  constructor(
    private readonly columns: TextColumns,
    private readonly row: number,
  ) {}
  get description(): TextCell | undefined {
    return this.columns.cell(this.row, DESCRIPTION);
  }
  get operator(): TextCell | undefined {
    return this.columns.cell(this.row, OPERATOR);
  }
  get target(): TextCell | undefined {
    return this.columns.cell(this.row, TARGET);
  }
  get unit(): TextCell | undefined {
    return this.columns.cell(this.row, UNIT);
  }
  get actual(): TextCell | undefined {
    return this.columns.cell(this.row, ACTUAL);
  }
  get reason(): TextCell | undefined {
    return this.columns.cell(this.row, REASON);
  }
  get analysis(): TextCell | undefined {
    return this.columns.cell(this.row, ANALYSIS);
  }
  get basis(): TextCell | undefined {
    return this.columns.cell(this.row, BASIS);
  }
  toJSON(): Partial<Record<IndicatorTextRole, TextCell>> {
    const out: Partial<Record<IndicatorTextRole, TextCell>> = {};
    for (let i = 0; i < ROLE_COUNT; i++) {
      const c = this.columns.cell(this.row, i);
      if (c) out[INDICATOR_TEXT_ROLES[i]] = c;
    }
    return out;
  }
}

/**
 * Readings of a stated percentage (执行率, 完成率) in percent, likeliest first: `95.93%` text
 * reads as written, a `%`-formatted 0.9593 times 100; a plain number may be a fraction
 * (0.9593) or a percentage (95.93) — the caller takes whichever agrees (SPEC §6).
 */
export function percentReadings(c: NumberCell): Decimal[] {
  const v = c.value;
  if (v === null) return [];
  if (c.percent) return [c.fromText ? v : v.times(100)];
  return v.abs().lte(1.5) ? [v.times(100), v] : [v, v.times(100)];
}
