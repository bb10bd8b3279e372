/**
 * `jixiao clean` by patching the package (issue 13), as `score` does: the clean-up plan's
 * changes are applied to the parts they name, and every other part keeps its bytes.
 *
 *  - cell values and formats, fills removed (styles), notes removed (comments part and its
 *    VML shape; the parts go when their last note does);
 *  - merges undone and redone;
 *  - rows deleted: the sheet's cells, rows, merges, formulas, rules, validations,
 *    hyperlinks, breaks and anchors move up (./sheet, ./parts); formulas on every sheet,
 *    defined names (print areas and titles), charts, tables, notes and drawings follow;
 *  - sheets deleted: `workbook.xml` (sheet, scoped names, tabs), its relationships, the
 *    sheet's own parts, content types, `docProps/app.xml` titles.
 *
 * Every written package asks for a full calculation on load, and the calculation chain
 * goes when a formula cell moved (Excel rebuilds it). A plan with nothing to change writes
 * nothing.
 */

import type { cleanup } from '../../core';
import { WorkbookWriteError } from '../errors';
import type { Deletions } from './formula';
import { loadModel, type PackageModel } from './model';
import { isRel, parseRels, relsPartOf, type PackageParts } from './opc';
import { patchComments, patchDrawing, patchFormulaTexts, patchTable, patchThreadedComments, patchVml } from './parts';
import { sourceBytes, writeAtomically, type WriteOptions } from '../files';
import { guardPart, openPackage, parsePart, type PatchOptions } from './patch';
import { reviewPlan } from './review';
import { NOT_XML, NO_EDITS, patchWorksheet, type CellSet, type SheetEdits } from './sheet';
import { StylePatcher } from './styles';
import { patchAppProps, patchWorkbookPart, withFullCalcOnLoad } from './workbook';
import { applySplices, walkXml, type Splice } from './xml';

type Plan = cleanup.CleanupPlan;

export interface CleanWriteOutcome {
  /** False when the plan changes nothing: no file was written. */
  readonly written: boolean;
  /** Parts replaced (or added). */
  readonly changedParts: readonly string[];
  /** Parts removed (a deleted sheet's, the calculation chain, a last note's). */
  readonly removedParts: readonly string[];
}

/**
 * Apply `plan` (from `planForPackage`, so that nothing is left the package cannot follow)
 * to the workbook `source` (its path or bytes) and write the result to `outPath`
 * atomically (`replace: false`: never over a file that appeared meanwhile). With nothing to
 * change, no file is written (`written: false`).
 */
export async function writeCleaned(
  source: string | Buffer,
  plan: Plan,
  outPath: string,
  options: PatchOptions & Partial<WriteOptions> = {},
): Promise<CleanWriteOutcome> {
  if (!plan.changes.length) return { written: false, changedParts: [], removedParts: [] };
  const input = await sourceBytes(source, outPath);
  const pkg = await openPackage(input, outPath, options);
  const model = await guardPart('xl/workbook.xml', outPath, () => loadModel(pkg));
  const outcome = await guardPart('xl/workbook.xml', outPath, () => applyCleanupPlan(model, plan, outPath));
  if (!outcome) return { written: false, changedParts: [], removedParts: [] };
  // The CLI's one atomic write (../files): exclusive creation unless replacing, links followed.
  await writeAtomically(await pkg.generate(), outPath, { replace: options.replace ?? true });
  return { written: true, changedParts: pkg.changed, removedParts: pkg.removed };
}

/** Check the plan against the package, then patch `model.pkg`. Returns false when nothing changed. */
async function applyCleanupPlan(model: PackageModel, plan: Plan, outPath: string): Promise<boolean> {
  const pkg = model.pkg;
  const refuse = (reason: 'missing-sheet' | 'protected-sheet' | 'bad-edit', message: string): never => {
    throw new WorkbookWriteError(outPath, reason, message);
  };
  const byName = new Map(model.sheets.map((s) => [s.entry.name, s]));

  // ---- the plan, per sheet
  const edits = new Map<string, { deleted: number[]; sets: Map<string, CellSet>; fills: Set<string>; unmerge: Set<string>; merge: string[]; notes: Set<string> }>();
  const editsOf = (sheet: string) => {
    let e = edits.get(sheet);
    if (!e) {
      e = { deleted: [], sets: new Map(), fills: new Set(), unmerge: new Set(), merge: [], notes: new Set() };
      edits.set(sheet, e);
    }
    return e;
  };
  const removeSheets = new Set<string>();
  for (const c of plan.changes) {
    const s = byName.get(c.place.sheet);
    if (!s) refuse('missing-sheet', `找不到工作表「${c.place.sheet}」，未写入`);
    if (s!.protected) refuse('protected-sheet', `工作表「${c.place.sheet}」受保护，未清理；请先撤销工作表保护`);
    const e = editsOf(c.place.sheet);
    switch (c.op) {
      case 'set': {
        const v = c.after.value;
        if (v.t === 'text' && NOT_XML.test(v.v)) refuse('bad-edit', `工作表「${c.place.sheet}」${c.place.address} 的写入值无效，未写入`);
        const numFmt = (c.after.numFmt ?? null) !== (c.before.numFmt ?? null) ? (c.after.numFmt ?? 'General') : undefined;
        e.sets.set(`${c.place.row}:${c.place.col}`, numFmt === undefined ? { value: v } : { value: v, numFmt });
        break;
      }
      case 'remove-fill':
        e.fills.add(`${c.place.row}:${c.place.col}`);
        break;
      case 'remove-note':
        e.notes.add(c.place.address.toUpperCase());
        break;
      case 'unmerge':
      case 'resize-merge':
        e.unmerge.add(c.place.address.toUpperCase());
        if (c.op === 'resize-merge' && c.after) e.merge.push(c.after);
        break;
      case 'delete-row':
        e.deleted.push(c.place.row);
        break;
      case 'delete-sheet':
        removeSheets.add(c.place.sheet);
        break;
    }
  }
  for (const e of edits.values()) e.deleted.sort((a, b) => a - b);
  // What the package cannot follow is never applied, even from a plan made elsewhere.
  const pins = await reviewPlan(model, plan);
  if (pins.length) throw new WorkbookWriteError(outPath, 'bad-edit', `${pins[0].reason}；未写入`);

  const deletions: Deletions = new Map([...edits].filter(([, e]) => e.deleted.length).map(([name, e]) => [name.toLowerCase(), e.deleted]));

  // ---- styles, when a format changes or a fill goes
  let styles: StylePatcher | null = null;
  const needsStyles = [...edits.values()].some((e) => e.fills.size || [...e.sets.values()].some((s) => s.numFmt !== undefined));
  if (needsStyles) {
    if (!model.styles) return refuse('bad-edit', '工作簿没有样式表（xl/styles.xml），无法设置数字格式或清除底色，未写入');
    styles = new StylePatcher(model.styles.scan);
  }

  // ---- worksheets
  let formulasChanged = false;
  for (const s of model.sheets) {
    const name = s.entry.name;
    if (removeSheets.has(name)) continue;
    const e = edits.get(name);
    if (!e && !deletions.size) continue;
    const sheetEdits: SheetEdits = e ? { deleted: e.deleted, sets: e.sets, fills: e.fills, unmerge: e.unmerge, merge: e.merge } : NO_EDITS;
    const result = parsePart(s.part, outPath, () => patchWorksheet(s.xml, sheetEdits, { name, deletions, styles, date1904: model.date1904 }));
    let xml = result.xml;
    formulasChanged ||= result.formulasChanged;
    const deleted = e?.deleted ?? [];
    const dropRels = [...result.droppedRels];

    // Notes and their shapes.
    if (s.commentsPart && (e?.notes.size || deleted.length)) {
      let commentsGone = false;
      const cx = await pkg.text(s.commentsPart);
      if (cx !== undefined) {
        const patched = parsePart(s.commentsPart, outPath, () => patchComments(cx, e?.notes ?? new Set(), deleted));
        if (patched.left === 0) {
          commentsGone = true;
          removePart(pkg, s.commentsPart);
          const rel = s.rels.find((r) => r.part === s.commentsPart);
          if (rel) dropRels.push(rel.id);
        } else pkg.set(s.commentsPart, patched.xml);
      }
      const vx = s.vmlPart ? await pkg.text(s.vmlPart) : undefined;
      if (s.vmlPart && vx !== undefined) {
        const patched = patchVml(vx, e?.notes ?? new Set(), deleted);
        const rel = s.rels.find((r) => r.part === s.vmlPart);
        if (patched.left === 0 && commentsGone && rel) {
          // The shapes were the notes' only: the drawing goes with them.
          removePart(pkg, s.vmlPart);
          dropRels.push(rel.id);
          xml = xml.replace(new RegExp(`<(?:\\w+:)?legacyDrawing\\b[^>]*["']${rel.id}["'][^>]*/>`), '');
        } else pkg.set(s.vmlPart, patched.xml);
      }
    }
    if (deleted.length) {
      for (const r of s.rels) {
        if (r.external) continue;
        if (isRel(r, 'threadedComments')) {
          const t = await pkg.text(r.part);
          if (t !== undefined) pkg.set(r.part, parsePart(r.part, outPath, () => patchThreadedComments(t, deleted)));
        } else if (isRel(r, 'table')) {
          const t = await pkg.text(r.part);
          if (t !== undefined) pkg.set(r.part, parsePart(r.part, outPath, () => patchTable(t, deleted)));
        }
      }
      if (s.drawingPart) {
        const d = await pkg.text(s.drawingPart);
        if (d !== undefined) pkg.set(s.drawingPart, parsePart(s.drawingPart, outPath, () => patchDrawing(d, deleted)));
      }
    }
    if (xml !== s.xml) pkg.set(s.part, xml);
    if (dropRels.length) {
      const relsPart = relsPartOf(s.part);
      const rx = await pkg.text(relsPart);
      if (rx !== undefined) pkg.set(relsPart, withoutRelationships(rx, new Set(dropRels)));
    }
  }

  // ---- charts follow deleted rows
  if (deletions.size) {
    for (const c of model.charts) {
      if (removeSheets.has(c.sheet)) continue;
      const x = await pkg.text(c.part);
      if (x !== undefined) pkg.set(c.part, parsePart(c.part, outPath, () => patchFormulaTexts(x, deletions)));
    }
  }

  // ---- sheets deleted
  if (removeSheets.size) {
    const relsPart = relsPartOf(model.workbookPart);
    const rx = await pkg.text(relsPart);
    const ids = new Set(model.sheets.filter((s) => removeSheets.has(s.entry.name)).map((s) => s.entry.rid));
    if (rx !== undefined) pkg.set(relsPart, withoutRelationships(rx, ids));
    for (const s of model.sheets) if (removeSheets.has(s.entry.name)) await removeWithOwnParts(pkg, s.part);
    const app = await pkg.text('docProps/app.xml');
    if (app !== undefined) pkg.set('docProps/app.xml', patchAppProps(app, removeSheets));
  }

  if (styles && styles.changed) {
    const patched = styles.result();
    if (patched === null) return refuse('bad-edit', '样式表（xl/styles.xml）缺少单元格格式列表，未写入');
    pkg.set(model.styles!.part, patched);
  }

  if (!pkg.changed.length && !pkg.removed.length) return false;

  // ---- the workbook part: sheets, names, a full calculation on load
  const wb = parsePart(model.workbookPart, outPath, () => withFullCalcOnLoad(patchWorkbookPart(model.workbookXml, { deletions, removeSheets })));
  pkg.set(model.workbookPart, wb);
  // The calculation chain lists formula cells by address: stale once one moves or a sheet goes.
  if (formulasChanged || removeSheets.size) {
    const chain = model.workbookRels.find((r) => isRel(r, 'calcChain') && !r.external);
    if (chain && pkg.has(chain.part)) {
      removePart(pkg, chain.part);
      const relsPart = relsPartOf(model.workbookPart);
      const rx = await pkg.text(relsPart);
      if (rx !== undefined) pkg.set(relsPart, withoutRelationships(rx, new Set([chain.id])));
    }
  }
  await dropContentTypes(pkg);
  return true;
}

/** Remove a part, its relationships part, and its content-type override (done at the end). */
function removePart(pkg: PackageParts, part: string): void {
  pkg.remove(part);
  pkg.remove(relsPartOf(part));
}

/**
 * Remove a deleted sheet's part and every part only it leads to (drawings, charts, notes,
 * VML, tables, printer settings…): a part another remaining part still refers to stays.
 */
async function removeWithOwnParts(pkg: PackageParts, sheetPart: string): Promise<void> {
  // Who refers to whom, across every relationships part of the package.
  const refs = new Map<string, Set<string>>();
  for (const name of pkg.names) {
    if (!/(^|\/)_rels\/[^/]*\.rels$/i.test(name)) continue;
    const source = name.replace(/(^|\/)_rels\/([^/]*)\.rels$/i, '$1$2');
    const xml = await pkg.text(name);
    if (xml === undefined) continue;
    for (const r of parseRels(xml, source)) {
      if (r.external) continue;
      if (!refs.has(source.toLowerCase())) refs.set(source.toLowerCase(), new Set());
      refs.get(source.toLowerCase())!.add(r.part.toLowerCase());
    }
  }
  const gone = new Set<string>([sheetPart.toLowerCase()]);
  const queue = [sheetPart.toLowerCase()];
  while (queue.length) {
    const p = queue.shift()!;
    for (const t of refs.get(p) ?? []) {
      if (gone.has(t)) continue;
      const others = [...refs].some(([src, targets]) => !gone.has(src) && src !== p && targets.has(t));
      if (others) continue;
      gone.add(t);
      queue.push(t);
    }
  }
  for (const p of gone) {
    const name = pkg.entryName(p);
    if (name) removePart(pkg, name);
  }
}

/** A relationships part without the relationships `ids`. */
function withoutRelationships(xml: string, ids: ReadonlySet<string>): string {
  const splices: Splice[] = [];
  let i = 0;
  walkXml(xml, {
    close(el, _cs, end) {
      if (el.name === 'Relationship' && ids.has(el.attributes.Id ?? '')) splices.push({ start: el.start, end, text: '', order: i++ });
    },
  });
  return applySplices(xml, splices);
}

/** `[Content_Types].xml` without overrides for parts no longer in the package. */
async function dropContentTypes(pkg: PackageParts): Promise<void> {
  if (!pkg.removed.length) return;
  const xml = await pkg.text('[Content_Types].xml');
  if (xml === undefined) return;
  const removed = new Set(pkg.removed.map((p) => p.toLowerCase()));
  const splices: Splice[] = [];
  let i = 0;
  walkXml(xml, {
    close(el, _cs, end) {
      if (el.name !== 'Override') return;
      let name = el.attributes.PartName ?? '';
      try {
        name = decodeURIComponent(name);
      } catch {
        // as written
      }
      if (removed.has(name.replace(/^\/+/, '').toLowerCase())) splices.push({ start: el.start, end, text: '', order: i++ });
    },
  });
  const next = applySplices(xml, splices);
  if (next !== xml) pkg.set('[Content_Types].xml', next);
}
