/**
 * Host values -> grid values, in one place: Excel (Office.js) gives dates as serial numbers
 * with a date number format, ExcelJS gives `Date` objects; both become `{ t: 'date' }`.
 */
import { EMPTY, type CellValue } from './grid';

const MS_PER_DAY = 86400000;
/** 1970-01-01 as an Excel (1900 system) serial. */
const UNIX_EPOCH_SERIAL = 25569;
/** 1904 system serials count from 1904-01-01: 1462 days later. */
const OFFSET_1904 = 1462;

/**
 * Is `fmt` a date or time number format (`yyyy/m/d`, `YYYY-MM-DD`, `h:mm`, `[h]:mm:ss`,
 * `yyyy"年"m"月"d"日"`, Buddhist `bbbb`)? The one answer every host and the engine use
 * (issue 11/12): a number read under such a format is a date (`{ t: 'date', serial }`), and a
 * number written into such a cell gets General.
 *
 * Literals are not codes: quoted text (`"元"`), backslash escapes (`\d`), the padding and
 * fill characters after `_` and `*`, and bracketed switches (`[Red]`, `[$-804]`, `[>=100]`,
 * `[DBNum1]`) are removed — but elapsed time (`[h]`, `[mm]`, `[ss]`) is time. Then any of
 * y m d h s b, either case, is a date or time code (`E` is not: `0.00E+00` is scientific).
 */
export function isDateFormat(fmt: string | null | undefined): boolean {
  if (!fmt || fmt === '@') return false;
  if (/\[(?:h+|m+|s+)\]/i.test(fmt.replace(/"[^"]*"/g, ''))) return true;
  const bare = fmt
    .replace(/"[^"]*"/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/General/gi, '');
  return /[ymdhsb]/i.test(bare);
}

/** ISO calendar date of a `Date`, read in UTC (time of day dropped); null for an invalid date. */
export function isoDateOf(d: Date): string | null {
  const t = d.getTime();
  if (Number.isNaN(t)) return null;
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${day < 10 ? '0' : ''}${day}`;
}

/** Excel serial -> `Date` (UTC midnight plus the fraction), the conversion ExcelJS uses. */
export function serialToDate(serial: number, date1904 = false): Date {
  const days = serial + (date1904 ? OFFSET_1904 : 0) - UNIX_EPOCH_SERIAL;
  return new Date(Math.round(days * MS_PER_DAY));
}

/** `Date` -> Excel serial (1900 system), the inverse of `serialToDate`. */
export function dateToSerial(d: Date): number {
  return d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL;
}

/**
 * A date from either host: an Excel serial number or a `Date` (ExcelJS's reading of a number
 * under a date format). The stored number is kept as `serial`; pass `serial: false` for a
 * value that was a date in the file itself (`t="d"`), which stores no number.
 */
export function toGridDate(v: number | Date, date1904 = false, serial = true): CellValue {
  const d = typeof v === 'number' ? (Number.isFinite(v) ? serialToDate(v, date1904) : null) : v;
  const iso = d ? isoDateOf(d) : null;
  if (iso === null) return EMPTY;
  if (!serial || !d) return { t: 'date', v: iso };
  // Whole milliseconds back to days: round off the float noise of the round trip.
  const n = typeof v === 'number' ? v : Math.round(dateToSerial(d) * 1e8) / 1e8;
  return { t: 'date', v: iso, serial: n };
}

/** Excel's error literals, as Office.js returns them in `values`. */
export const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
]);

/**
 * One value of an Office.js `Range.values` with the cell's number format: `""` is empty, an
 * error literal is an error, a number under a date format is a date.
 */
export function fromExcelValue(v: unknown, numFmt?: string | null): CellValue {
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) return EMPTY;
      return isDateFormat(numFmt) ? toGridDate(v) : { t: 'number', v };
    case 'string':
      if (v === '') return EMPTY;
      return EXCEL_ERRORS.has(v) ? { t: 'error', v } : { t: 'text', v };
    case 'boolean':
      return { t: 'boolean', v };
    default:
      return EMPTY;
  }
}
