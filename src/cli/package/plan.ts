/**
 * The clean-up plan for a package: the engine's plan (`cleanup.planCleanup`), less the
 * structural changes the package cannot follow (./review), each with its reason.
 *
 * A withheld row or sheet is handed back to the engine as a reference it must respect, so
 * the merged areas, labels moved off deleted rows and the rest of the plan stay the
 * engine's own: a row a formula names on its own is never deleted, and a sheet a formula
 * elsewhere names is never deleted (docs/decisions/cleanup.md). The references sit on a
 * sheet of their own that only the planner sees.
 */
import { EMPTY, cleanup, type Cell, type SheetGrid, type WorkbookGrid } from '../../core';
import { WorkbookReadError } from '../errors';
import { loadModel, type PackageModel } from './model';
import { PackageParts, PackageProblem } from './opc';
import { reviewPlan, type Pin } from './review';

type Plan = cleanup.CleanupPlan;

/** The planner's extra sheet: a name no workbook can hold (`:` is not allowed in sheet names). */
const PIN_SHEET = ':jixiao:pins';

function quote(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The grid with one formula per pin, naming the row (or the whole sheet) it keeps. */
function pinned(grid: WorkbookGrid, pins: readonly Pin[]): WorkbookGrid {
  const cells: (Cell[] | undefined)[] = [];
  pins.forEach((p, i) => {
    const formula = p.row === null ? `${quote(p.sheet)}!A1:XFD1048576` : `${quote(p.sheet)}!A${p.row}`;
    cells[i + 1] = [undefined as unknown as Cell, { value: EMPTY, formula }];
  });
  const sheet: SheetGrid = { name: PIN_SHEET, rowCount: pins.length, colCount: 1, cells, merges: [] };
  return { sheets: [...grid.sheets, sheet] };
}

export interface PackagePlan {
  readonly plan: Plan;
  /** What was kept, and why (one entry per row or sheet). */
  readonly withheld: readonly Pin[];
}

/** Plan clean-up for `model`'s package: the engine's plan with what the package cannot follow withheld. */
export async function planForPackage(model: PackageModel, input: cleanup.CleanupInput, options: cleanup.CleanupOptions): Promise<PackagePlan> {
  let plan = cleanup.planCleanup(input, options);
  const pins: Pin[] = [];
  // Each round withholds more; the plan only shrinks, so this ends (a few rounds at most).
  for (let round = 0; round < 8; round++) {
    const fresh = (await reviewPlan(model, plan)).filter((p) => !pins.some((q) => q.sheet === p.sheet && q.row === p.row));
    if (!fresh.length) break;
    for (const p of fresh) pins.push(p);
    const replanned = cleanup.planCleanup({ ...input, grid: pinned(input.grid, pins) }, options);
    const changes = replanned.changes.filter((c) => c.place.sheet !== PIN_SHEET);
    plan = { changes, counts: countsOf(changes) };
  }
  return { plan, withheld: pins };
}

function countsOf(changes: readonly cleanup.CleanupChange[]): Record<cleanup.CleanupKind, number> {
  const counts = Object.fromEntries(cleanup.CLEANUP_KINDS.map((k) => [k, 0])) as Record<cleanup.CleanupKind, number>;
  for (const c of changes) counts[c.kind]++;
  return counts;
}

/** Fills and notes as read from the package, for recognising last run's marks. */
export function decorationsOf(model: PackageModel): cleanup.CellDecoration[] {
  const out: cleanup.CellDecoration[] = [];
  for (const s of model.sheets) {
    const at = new Map<string, { row: number; col: number; fill?: string; note?: string }>();
    for (const [k, fill] of s.fills) {
      const [row, col] = k.split(':').map(Number);
      at.set(k, { row, col, fill });
    }
    for (const [ref, note] of s.notes) {
      const m = /^([A-Z]+)(\d+)$/.exec(ref);
      if (!m) continue;
      let col = 0;
      for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      const k = `${Number(m[2])}:${col}`;
      at.set(k, { ...(at.get(k) ?? { row: Number(m[2]), col }), note });
    }
    for (const d of [...at.values()].sort((a, b) => a.row - b.row || a.col - b.col)) out.push({ sheet: s.entry.name, ...d });
  }
  return out;
}

/**
 * Everything `jixiao clean` plans with, from the bytes of `file` whose grid the reader gave:
 * our marks as the package holds them, and the plan with what the package cannot follow
 * withheld. A part the reader did not need and cannot be parsed is a read error naming it.
 */
export async function planCleanupOf(file: string, bytes: Buffer, grid: WorkbookGrid, options: cleanup.CleanupOptions): Promise<PackagePlan> {
  let model: PackageModel;
  try {
    model = await loadModel(await PackageParts.load(bytes));
  } catch (e) {
    if (e instanceof PackageProblem) throw new WorkbookReadError(file, 'corrupt', `工作簿已损坏，无法清理：${e.message}`);
    throw e;
  }
  return planForPackage(model, { grid, decorations: decorationsOf(model) }, options);
}
