/**
 * Reading a 实际完成值 (SPEC §4). Order of recognition, first hit wins:
 *
 * 1. empty / placeholder → empty.
 * 2. band label `100%-80%(含)` → band.
 * 3. a quantity with an operator or unit, or a bare number that is the whole cell → quantity.
 *    With several numbers, one in the target's base unit wins (`培训3次，合格率100%` against a
 *    % target reads 100%), then one with an operator, then one with a unit.
 * 4. a worded zero (`零`, `为零`, `事故事件为零`) → quantity 0.
 * 5. a date (`2023年12月20日`, `12月完成`, a date cell's `2023-12-20`) → date.
 * 6. anything else → qualitative (`全面完成`, `未超指标`, `是`).
 *
 * Units: an actual without a unit takes the unit column's; otherwise its unit stays null and
 * `value` is the number exactly as written — the scorer reads it in the target's unit
 * (`≤90万元` / `90` is 90 万元), multiplying by the target unit's factor itself. Numbers are
 * never rescaled here: a numeric cell `0.95` with a `%` unit column is 0.95 %, and `100` with
 * `%` is 100 %; deciding that 0.95 meant 95 % is the scorer's call (it can compare with the
 * target's magnitude).
 *
 * `op` is set only when the actual writes a bound (`≥266米`, `85%以上`, `不少于400人`);
 * `达到`/`达`/`等于` report a measured value (`满意度达到95%`) and leave `op` null.
 */
import Decimal from 'decimal.js';
import type { ParsedActual, Unit } from './types';
import { parseBandLabel } from './bands';
import { findDates } from './dates';
import { normalizeText } from './normalize';
import { MEASURED_WORDS } from './operators';
import { findQuantities, pickQuantity } from './quantities';
import { PLACEHOLDERS, unitFromColumn } from './target';

export interface ActualOptions {
  /** The row's unit column cell, when the table has one (applies to target and actual). */
  readonly unitColumn?: string;
  /** The parsed target's unit: helps pick the right number when the actual has several. */
  readonly targetUnit?: Unit | null;
}

const WORD_ZERO: readonly RegExp[] = [/^(?:零|为零|等于零)[。.]?$/, /(?:为|等于|是)零[。.]?$/];

/**
 * A formula written as text: `=` then a function call, a cell reference or arithmetic
 * between figures. `=100%`, `=95` stay comparisons (the `=` operator).
 */
const FORMULA_TEXT = /^=\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d+(?![\d.%])|[\d.]+%?\s*[-+*/^&]\s*[\d.($A-Za-z])/;

export function parseActual(raw: string, opts: ActualOptions = {}): ParsedActual {
  const text = normalizeText(typeof raw === 'string' ? raw : String(raw ?? ''));
  if (PLACEHOLDERS.has(text)) return { kind: 'empty', text };

  // `=1+1`, `=SUM(F5:F9)` typed as text (not a formula): words, not a comparison (issue 12 item 8).
  if (FORMULA_TEXT.test(text)) return { kind: 'qualitative', text };

  const band = parseBandLabel(text);
  if (band) return { kind: 'band', text, band };

  const columnUnit = unitFromColumn(opts.unitColumn);
  const picked = pickQuantity(findQuantities(text), text, opts.targetUnit?.base ?? null);
  if (picked) {
    const op = picked.op && !(picked.opWritten && MEASURED_WORDS.has(picked.opWritten)) ? picked.op : null;
    if (picked.unit || !columnUnit) return { kind: 'quantity', text, value: picked.value, unit: picked.unit, op };
    return { kind: 'quantity', text, value: picked.number.times(columnUnit.factor), unit: columnUnit, op };
  }

  if (WORD_ZERO.some((re) => re.test(text))) return { kind: 'quantity', text, value: new Decimal(0), unit: columnUnit, op: null };

  const dates = findDates(text);
  if (dates.length > 0) return { kind: 'date', text, date: dates[dates.length - 1].date };

  return { kind: 'qualitative', text };
}
