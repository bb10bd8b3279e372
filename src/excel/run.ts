/// <reference types="office-js" />
/**
 * Running batches: `Excel.run` with Chinese errors, counted syncs, writes merged into one
 * undo step where Excel can, and our own writes told apart from the user's edits.
 *
 * Syncs are counted by wrapping `context.sync` for the duration of the batch function only,
 * and the wrapper passes its argument through: `Excel.run` resolves with the value of its
 * final `context.sync(result)`, so a wrapper that dropped it made every run resolve with
 * `undefined` (issue 11, break 1).
 */
import { AddinError, type Capabilities } from '../core';
import { toAddinError } from './errors';

export interface ExcelEnv {
  /** The `Excel` namespace (default: the global one from office.js; tests: the fake's). */
  readonly excel?: typeof Excel;
  /** The `Office` namespace (default: the global one). */
  readonly office?: typeof Office;
}

export interface Runner {
  /** One `Excel.run`; `write` runs merge into one undo step (ExcelApi 1.20) and mark our own changes. */
  run<T>(kind: 'read' | 'write', batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  syncs(): number;
  capabilities(): Capabilities;
  /** `ExcelApi 1.minor` is supported. */
  supports(minor: number): boolean;
  /** A write of ours is running (its change events are not the user's). */
  writing(): boolean;
  excel(): typeof Excel;
}

export function createRunner(env: ExcelEnv): Runner {
  let syncs = 0;
  let writing = 0;
  const excel = (): typeof Excel => {
    const x = env.excel ?? (globalThis as { Excel?: typeof Excel }).Excel;
    if (!x) throw new AddinError('NoExcel', '未检测到 Excel（office.js 未加载），请在 Excel 中打开此加载项');
    return x;
  };
  const supports = (minor: number): boolean => {
    try {
      const office = env.office ?? (globalThis as { Office?: typeof Office }).Office;
      return !!office?.context?.requirements?.isSetSupported('ExcelApi', `1.${minor}`);
    } catch {
      return false;
    }
  };
  return {
    syncs: () => syncs,
    supports,
    // Chinese Excel calls the notes API's notes 备注 (its 批注 are threaded comments).
    capabilities: () => ({ notes: supports(18), mergeUndo: supports(20), notesWord: '备注' }),
    writing: () => writing > 0,
    excel,
    async run(kind, batch) {
      const options: Excel.RunOptions = { delayForCellEdit: true };
      if (kind === 'write' && supports(20)) options.mergeUndoGroup = true;
      if (kind === 'write') writing++;
      try {
        return await excel().run(options, async (context) => {
          const original = context.sync.bind(context);
          let counting = true;
          context.sync = <T>(passThroughValue?: T): Promise<T> => {
            if (counting) syncs++;
            return original(passThroughValue) as Promise<T>;
          };
          try {
            return await batch(context);
          } finally {
            counting = false; // Excel.run's own closing sync is not ours
          }
        });
      } catch (e) {
        throw toAddinError(e);
      } finally {
        // Change events of our own write arrive after its sync: stop ignoring a moment later.
        if (kind === 'write') setTimeout(() => writing--, 0);
      }
    },
  };
}
