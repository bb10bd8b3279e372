/**
 * What the add-in keeps in the workbook between runs (Excel: workbook settings, which travel
 * with the file), small and bounded:
 *
 *  - `jixiao.settings`: the pane's settings;
 *  - `jixiao.marks`: which cells wear our marks (kind per cell, addresses compressed into
 *    ranges) and which carry our note (a short hash of its text): a later write brings them
 *    up to date, 清除标记 removes exactly them;
 *  - `jixiao.undo`: the steps the last write applied (撤销本次写回), compact tuples;
 *  - `jixiao.cleanup`: the last clean-up's backups and value steps (撤销清理).
 *
 * A record over `RECORD_LIMIT` characters is not kept (the write says it cannot be undone).
 */
import { parseRange, address } from '../grid';
import { MARK_FILLS, markOfFill, type MarkKind } from '../marks';
import { OUR_NOTE, type CellState, type CellStep, type RawValue } from '../changes';

export const SETTINGS_KEY = 'jixiao.settings';
export const UNDO_KEY = 'jixiao.undo';
export const MARKS_KEY = 'jixiao.marks';
export const CLEANUP_KEY = 'jixiao.cleanup';

/** The largest record kept, in characters of JSON (settings are read with every run). */
export const RECORD_LIMIT = 512 * 1024;

// ---------------------------------------------------------------------------------------
// Cell states, compactly: v value, f formula, n number format, k fill (a mark's letter or
// ARGB), m note (1: one of ours).

type Enc = { v?: RawValue; f?: string | null; n?: string; k?: string | null; m?: string | 1 | null };

const LETTER: Readonly<Record<MarkKind, string>> = { error: 'e', warning: 'w', info: 'i', corrected: 'c' };
const KIND_OF_LETTER = new Map(Object.entries(LETTER).map(([k, l]) => [l, k as MarkKind]));

function encFill(fill: string | null): string | null {
  if (fill === null) return null;
  const kind = markOfFill(fill);
  return kind ? LETTER[kind] : fill.toUpperCase();
}

function decFill(k: string | null): string | null {
  if (k === null) return null;
  const kind = KIND_OF_LETTER.get(k);
  return kind ? MARK_FILLS[kind] : k;
}

export function encodeState(s: CellState): Enc {
  const e: Enc = {};
  if (s.value !== undefined) e.v = s.value;
  if (s.formula !== undefined) e.f = s.formula;
  if (s.numFmt !== undefined) e.n = s.numFmt;
  if (s.fill !== undefined) e.k = encFill(s.fill);
  if (s.note !== undefined) e.m = s.note === OUR_NOTE ? 1 : s.note;
  return e;
}

export function decodeState(e: unknown): CellState | null {
  if (!e || typeof e !== 'object') return null;
  const o = e as Enc;
  const s: { -readonly [K in keyof CellState]: CellState[K] } = {};
  if (o.v !== undefined) {
    if (!['string', 'number', 'boolean'].includes(typeof o.v)) return null;
    s.value = o.v;
  }
  if (o.f !== undefined) s.formula = typeof o.f === 'string' ? o.f : null;
  if (o.n !== undefined) s.numFmt = String(o.n);
  if (o.k !== undefined) s.fill = typeof o.k === 'string' ? decFill(o.k) : null;
  if (o.m !== undefined) s.note = o.m === 1 ? OUR_NOTE : typeof o.m === 'string' ? o.m : null;
  return s;
}

type EncStep = [number, string, Enc, Enc];

function encodeSteps(steps: readonly CellStep[]): { sheets: string[]; steps: EncStep[] } {
  const sheets: string[] = [];
  const index = new Map<string, number>();
  const out = steps.map((s): EncStep => {
    let i = index.get(s.sheet);
    if (i === undefined) index.set(s.sheet, (i = sheets.push(s.sheet) - 1));
    return [i, s.cell, encodeState(s.before), encodeState(s.after)];
  });
  return { sheets, steps: out };
}

function decodeSteps(sheets: unknown, steps: unknown): CellStep[] | null {
  if (!Array.isArray(sheets) || !Array.isArray(steps)) return null;
  const out: CellStep[] = [];
  for (const t of steps) {
    if (!Array.isArray(t) || t.length !== 4 || typeof sheets[t[0]] !== 'string' || typeof t[1] !== 'string') return null;
    const before = decodeState(t[2]);
    const after = decodeState(t[3]);
    if (!before || !after) return null;
    out.push({ op: 'cell', sheet: sheets[t[0]], cell: t[1], before, after });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Marks.

export interface CellMarkState {
  /** The fill we left, or null. */
  readonly kind: MarkKind | null;
  /** Hash of the note we left, or null. */
  readonly note: string | null;
}

/** Our marks by `sheet\u0000cell`. */
export type MarkMap = ReadonlyMap<string, CellMarkState>;

export const markKey = (sheet: string, cell: string): string => `${sheet}\u0000${cell}`;
export const splitKey = (key: string): { sheet: string; cell: string } => {
  const i = key.indexOf('\u0000');
  return { sheet: key.slice(0, i), cell: key.slice(i + 1) };
};

/** FNV-1a of a note's text: enough to tell whether our note needs rewriting. */
export function noteHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** `['H8','H9','H10','C3']` → `C3,H8:H10` (runs down a column become ranges). */
export function compressCells(cells: readonly string[]): string {
  const parsed = cells.map((c) => parseRange(c)!).filter(Boolean).sort((a, b) => a.left - b.left || a.top - b.top);
  const out: string[] = [];
  let i = 0;
  while (i < parsed.length) {
    let j = i;
    while (j + 1 < parsed.length && parsed[j + 1].left === parsed[i].left && parsed[j + 1].top === parsed[j].top + 1) j++;
    const a = address(parsed[i].top, parsed[i].left);
    out.push(j === i ? a : `${a}:${address(parsed[j].top, parsed[i].left)}`);
    i = j + 1;
  }
  return out.join(',');
}

export function expandCells(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(',')) {
    const r = parseRange(part);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push(address(row, col));
  }
  return out;
}

type MarksJson = { v: 2; sheets: Record<string, Partial<Record<string, string>> & { n?: Record<string, string> }> };

export function encodeMarks(marks: MarkMap): MarksJson {
  const bySheet = new Map<string, { kinds: Map<MarkKind, string[]>; notes: Record<string, string> }>();
  for (const [key, m] of marks) {
    const { sheet, cell } = splitKey(key);
    let s = bySheet.get(sheet);
    if (!s) bySheet.set(sheet, (s = { kinds: new Map(), notes: {} }));
    if (m.kind) s.kinds.set(m.kind, [...(s.kinds.get(m.kind) ?? []), cell]);
    if (m.note !== null) s.notes[cell] = m.note;
  }
  const sheets: MarksJson['sheets'] = {};
  for (const [sheet, s] of bySheet) {
    const entry: MarksJson['sheets'][string] = {};
    for (const [kind, cells] of s.kinds) entry[LETTER[kind]] = compressCells(cells);
    if (Object.keys(s.notes).length) entry.n = s.notes;
    sheets[sheet] = entry;
  }
  return { v: 2, sheets };
}

/** A stored marks record (this version's, or the first version's list of cells). */
export function decodeMarks(v: unknown): Map<string, CellMarkState> {
  const out = new Map<string, CellMarkState>();
  if (!v || typeof v !== 'object') return out;
  const o = v as { v?: unknown; sheets?: unknown; cells?: unknown };
  if (o.v === 2 && o.sheets && typeof o.sheets === 'object') {
    for (const [sheet, entry] of Object.entries(o.sheets as MarksJson['sheets'])) {
      if (!entry || typeof entry !== 'object') continue;
      for (const [letter, kind] of KIND_OF_LETTER) {
        const cells = entry[letter];
        if (typeof cells === 'string') for (const c of expandCells(cells)) out.set(markKey(sheet, c), { kind, note: null });
      }
      for (const [cell, hash] of Object.entries(entry.n ?? {})) {
        const k = markKey(sheet, cell);
        out.set(k, { kind: out.get(k)?.kind ?? null, note: String(hash) });
      }
    }
  } else if (o.v === 1 && Array.isArray(o.cells)) {
    // The first version: [{ sheet, cell, fill: '#RRGGBB' | null, note: text | null }].
    for (const c of o.cells as Array<{ sheet?: unknown; cell?: unknown; fill?: unknown; note?: unknown }>) {
      if (typeof c?.sheet !== 'string' || typeof c.cell !== 'string') continue;
      const kind = typeof c.fill === 'string' ? markOfFill('FF' + c.fill.replace('#', '')) : null;
      const note = typeof c.note === 'string' ? noteHash(c.note) : null;
      if (kind || note) out.set(markKey(c.sheet, c.cell), { kind, note });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The last write.

export interface WriteRecord {
  readonly at: string;
  /** What the write applied (notes of ours as `OUR_NOTE`). */
  readonly steps: readonly CellStep[];
  /** Our marks before the write: undo puts the record back. */
  readonly marksBefore: MarkMap;
}

export function encodeWrite(r: WriteRecord): unknown {
  const { sheets, steps } = encodeSteps(r.steps);
  return { v: 2, at: r.at, sheets, steps, marks: encodeMarks(r.marksBefore) };
}

export function decodeWrite(v: unknown): WriteRecord | null {
  const o = v as { v?: unknown; at?: unknown; sheets?: unknown; steps?: unknown; marks?: unknown } | null;
  if (!o || typeof o !== 'object' || o.v !== 2) return null;
  const steps = decodeSteps(o.sheets, o.steps);
  if (!steps) return null;
  return { at: typeof o.at === 'string' ? o.at : '', steps, marksBefore: decodeMarks(o.marks) };
}

// ---------------------------------------------------------------------------------------
// The last clean-up.

export interface SheetBackup {
  /** The sheet's name before clean-up. */
  readonly sheet: string;
  readonly backup: string;
  readonly position: number;
  readonly visibility: string;
}

export interface CleanupRecord {
  readonly at: string;
  readonly backups: readonly SheetBackup[];
  /** Cell steps applied on sheets without a backup (values, our marks removed). */
  readonly steps: readonly CellStep[];
  /** Formulas on other sheets naming a swapped sheet, as they were (Excel turns them to #REF! on delete). */
  readonly formulas: ReadonlyArray<{ readonly sheet: string; readonly cell: string; readonly formula: string }>;
  /** Our marks before clean-up: undo puts the record back. */
  readonly marksBefore: MarkMap;
}

export function encodeCleanup(r: CleanupRecord): unknown {
  const { sheets, steps } = encodeSteps(r.steps);
  return { v: 2, at: r.at, backups: r.backups, sheets, steps, formulas: r.formulas.map((f) => [f.sheet, f.cell, f.formula]), marks: encodeMarks(r.marksBefore) };
}

export function decodeCleanup(v: unknown): CleanupRecord | null {
  const o = v as { v?: unknown; at?: unknown; backups?: unknown; sheets?: unknown; steps?: unknown; formulas?: unknown; marks?: unknown } | null;
  if (!o || typeof o !== 'object' || o.v !== 2 || !Array.isArray(o.backups) || !Array.isArray(o.formulas)) return null;
  const steps = decodeSteps(o.sheets, o.steps);
  if (!steps) return null;
  const backups = (o.backups as SheetBackup[]).filter((b) => typeof b?.sheet === 'string' && typeof b.backup === 'string');
  const formulas = (o.formulas as unknown[])
    .filter((f): f is [string, string, string] => Array.isArray(f) && f.every((x) => typeof x === 'string'))
    .map(([sheet, cell, formula]) => ({ sheet, cell, formula }));
  return { at: typeof o.at === 'string' ? o.at : '', backups, steps, formulas, marksBefore: decodeMarks(o.marks) };
}

/** The size a record takes in the workbook, in characters of JSON. */
export function recordSize(encoded: unknown): number {
  return JSON.stringify(encoded).length;
}
