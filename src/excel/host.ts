/* global Excel, Office */
/**
 * `createExcelHost()`: the real `AddinHost` over Office.js (skeleton; being filled in).
 */
import { AddinError, type AddinHost } from './api';

export interface ExcelHostOptions {
  /** The `Excel` namespace (default: the global one from office.js, or the fake in tests). */
  readonly excel?: typeof Excel;
  /** The `Office` namespace (default: the global one). */
  readonly office?: typeof Office;
}

export function createExcelHost(_options: ExcelHostOptions = {}): AddinHost {
  const notYet = (): Promise<never> => Promise.reject(new AddinError('NotImplemented', '尚未实现'));
  return {
    capabilities: notYet,
    loadSettings: notYet,
    saveSettings: notYet,
    check: notYet,
    score: notYet,
    canUndo: notYet,
    undo: notYet,
    clearMarks: notYet,
    select: notYet,
    subscribe: () => () => undefined,
  };
}
