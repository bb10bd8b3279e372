/**
 * Kind 7: our own marks. The add-in fills the cells of findings with a colour by severity
 * and may add a note; clean-up removes exactly those and nothing a person added.
 *
 * A fill or note is ours when
 *  - the add-in recorded it when it wrote it (`CellDecoration.recorded`), or
 *  - it is a solid fill of exactly one of `MARK_FILLS` (colours chosen off Excel's palette
 *    and its conditional-format presets, so a person is unlikely to pick them by hand), or
 *  - it is a note whose text starts with `MARK_NOTE_PREFIX`.
 * The add-in must use these constants when it marks cells (src/excel imports them).
 */
import type { Severity } from '../rules';

/** Fill colours (ARGB) of the add-in's highlights, by severity. */
export const MARK_FILLS: Readonly<Record<Severity, string>> = {
  error: 'FFFFCCD1',
  warning: 'FFFFEDB8',
  info: 'FFDCEAF7',
};

/** Every note the add-in writes starts with this. */
export const MARK_NOTE_PREFIX = '【绩效自评助手】';

const FILLS = new Set(Object.values(MARK_FILLS));

export function isMarkFill(argb: string | undefined): boolean {
  return argb !== undefined && FILLS.has(argb.toUpperCase());
}

export function isMarkNote(text: string | undefined): boolean {
  return text !== undefined && text.trimStart().startsWith(MARK_NOTE_PREFIX);
}
