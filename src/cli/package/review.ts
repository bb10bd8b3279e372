/**
 * Which structural changes of a clean-up plan the package cannot follow safely, and why.
 * A row deletion is withheld where something would point at the wrong cell afterwards or
 * be lost with the row; a sheet deletion where anything outside the sheet refers to it.
 *
 * Rows: a text or offset reference (INDIRECT, OFFSET with computed arguments) reaching the
 * row or below it; a 3-D reference spanning the sheet; an array formula or data table over
 * the row; a defined name, rule, link or chart naming the row alone (it would become
 * #REF!); someone's note on the row; a picture or chart lying wholly on deleted rows; a
 * pivot table on the sheet or reading it; a table whose header row it is.
 *
 * Sheets: a defined name (not scoped to the sheet), a conditional format, validation,
 * hyperlink or chart elsewhere naming it; an INDIRECT naming it or whose target cannot be
 * known; a 3-D reference spanning it; a pivot cache reading it.
 */
import type { cleanup } from '../../core';
import { opaqueRefs, references, breaks, type RefToken } from './formula';
import type { PackageModel } from './model';
import { drawingSpans } from './parts';
import { parseCell } from './refs';

export interface Pin {
  readonly sheet: string;
  /** A row kept (null: the sheet is kept). */
  readonly row: number | null;
  readonly reason: string;
}

type Plan = cleanup.CleanupPlan;

const lower = (s: string): string => s.toLowerCase();

/** Sheets a 3-D reference (`Sheet1:Sheet3!A1`) spans, by workbook order. */
function spanned(ref: RefToken, order: readonly string[]): string[] {
  const [a, b] = ref.sheet.split(':').map(lower);
  const i = order.findIndex((s) => lower(s) === a);
  const j = order.findIndex((s) => lower(s) === b);
  if (i < 0 || j < 0) return [];
  return order.slice(Math.min(i, j), Math.max(i, j) + 1);
}

function rowsText(rows: readonly number[]): string {
  return rows.length <= 3 ? rows.join('、') : `${rows.slice(0, 3).join('、')} 等 ${rows.length}`;
}

/** The pins the package asks for under `plan`. */
export async function reviewPlan(model: PackageModel, plan: Plan): Promise<Pin[]> {
  const pins: Pin[] = [];
  const order = model.sheets.map((s) => s.entry.name);
  const deleted = new Map<string, number[]>();
  const sheetGone = new Set<string>();
  const notesGone = new Set<string>();
  for (const c of plan.changes) {
    if (c.op === 'delete-row') deleted.set(c.place.sheet, [...(deleted.get(c.place.sheet) ?? []), c.place.row]);
    else if (c.op === 'delete-sheet') sheetGone.add(c.place.sheet);
    else if (c.op === 'remove-note') notesGone.add(`${c.place.sheet}!${c.place.address}`);
  }
  for (const rows of deleted.values()) rows.sort((a, b) => a - b);
  const pinRows = (sheet: string, rows: readonly number[], reason: (rows: readonly number[]) => string): void => {
    if (!rows.length) return;
    const text = reason(rows);
    for (const r of rows) pins.push({ sheet, row: r, reason: text });
  };

  // ---- formulas everywhere
  for (const f of model.formulas) {
    let refs: RefToken[];
    try {
      refs = references(f.text, f.home);
    } catch {
      continue;
    }
    for (const [sheet, rows] of deleted) {
      for (const o of opaqueRefs(f.text, f.home)) {
        if (!breaks(o, sheet, rows)) continue;
        const hit = rows.filter((r) => r >= o.firstRow && r <= o.lastRow);
        pinRows(sheet, hit, (rs) => `${f.where} 的 ${o.text} 以文字或偏移指向单元格，删除第 ${rowsText(rs)} 行后无法随之调整，未删除`);
      }
      for (const ref of refs) {
        if (ref.external) continue;
        if (ref.sheet.includes(':')) {
          if (spanned(ref, order).some((s) => lower(s) === lower(sheet))) pinRows(sheet, rows, (rs) => `${f.where} 的三维引用 ${ref.text} 跨越工作表「${sheet}」，删除第 ${rowsText(rs)} 行后无法随之调整，未删除`);
          continue;
        }
        if (lower(ref.sheet) !== lower(sheet) || f.kind === 'cell') continue;
        const r = ref.range;
        if (r.top === null || r.bottom === null) continue;
        const top = Math.min(r.top, r.bottom) + 1;
        const bottom = Math.max(r.top, r.bottom) + 1;
        // A reference every row of which is deleted would become #REF!.
        const all = rows.filter((x) => x >= top && x <= bottom);
        if (all.length === bottom - top + 1) pinRows(sheet, all, (rs) => `${f.where} 引用 ${ref.text}，删除第 ${rowsText(rs)} 行会使其失效，未删除`);
      }
    }
    // Sheet deletions: anything outside the sheet that names it.
    for (const sheet of sheetGone) {
      if (f.home && lower(f.home) === lower(sheet)) continue;
      if (f.kind === 'name' && f.scope && lower(f.scope) === lower(sheet)) continue;
      if (f.kind === 'chart' && model.charts.some((c) => f.where.includes(c.part) && lower(c.sheet) === lower(sheet))) continue;
      const named = refs.some((ref) => !ref.external && (ref.sheet.includes(':') ? spanned(ref, order).some((s) => lower(s) === lower(sheet)) : lower(ref.sheet) === lower(sheet)));
      const opaque = opaqueRefs(f.text, f.home).some((o) => o.fn === 'INDIRECT' && (o.sheet === null || lower(o.sheet) === lower(sheet)));
      if (named || opaque) pins.push({ sheet, row: null, reason: `工作表「${sheet}」被 ${f.where} 引用${opaque && !named ? '（INDIRECT）' : ''}，未删除` });
    }
  }

  // ---- what lies on the deleted rows
  for (const s of model.sheets) {
    const name = s.entry.name;
    const rows = deleted.get(name);
    if (sheetGone.has(name) && model.pivotSources.some((p) => lower(p) === lower(name))) pins.push({ sheet: name, row: null, reason: `工作表「${name}」是数据透视表的数据源，未删除` });
    if (!rows) continue;
    if (s.hasPivot || model.pivotSources.some((p) => lower(p) === lower(name))) {
      pinRows(name, rows, (rs) => `工作表「${name}」含数据透视表或是其数据源，删除第 ${rowsText(rs)} 行后无法随之调整，未删除`);
      continue;
    }
    for (const a of s.arrayRanges) {
      const m = /^\$?[A-Za-z]+\$?(\d+)(?::\$?[A-Za-z]+\$?(\d+))?$/.exec(a.ref);
      if (!m) continue;
      const top = Number(m[1]);
      const bottom = Number(m[2] ?? m[1]);
      pinRows(
        name,
        rows.filter((r) => r >= top && r <= bottom),
        (rs) => `第 ${rowsText(rs)} 行在 ${a.master} 的数组公式（${a.ref}）区域内，未删除`,
      );
    }
    for (const [ref, text] of s.notes) {
      const at = parseCell(ref);
      if (!at || !rows.includes(at.row) || notesGone.has(`${name}!${ref}`)) continue;
      pinRows(name, [at.row], () => `第 ${at.row} 行的 ${ref} 有批注「${text.length > 20 ? `${text.slice(0, 20)}…` : text}」，未删除`);
    }
    if (s.drawingPart) {
      const xml = await model.pkg.text(s.drawingPart);
      for (const span of xml ? drawingSpans(xml) : []) {
        const inside = [];
        for (let r = span.from; r <= span.to; r++) inside.push(r);
        if (inside.every((r) => rows.includes(r))) pinRows(name, inside, (rs) => `图表或图片完全位于第 ${rowsText(rs)} 行，删除会使其消失，未删除`);
      }
    }
    for (const t of s.tableParts) {
      const xml = await model.pkg.text(t);
      const ref = xml ? /<(?:\w+:)?table\b[^>]*\bref="([^"]+)"/.exec(xml)?.[1] : undefined;
      const top = ref ? parseCell(ref.split(':')[0])?.row : undefined;
      if (top !== undefined && rows.includes(top)) pinRows(name, [top], () => `第 ${top} 行是表格（${t}）的标题行，未删除`);
    }
  }
  return dedupe(pins);
}

function dedupe(pins: Pin[]): Pin[] {
  const seen = new Set<string>();
  return pins.filter((p) => {
    const k = `${p.sheet}\u0000${p.row}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
