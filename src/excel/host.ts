/// <reference types="office-js" />
/**
 * `createExcelHost()`: the add-in's `AddinHost` over Office.js — the core's workflows
 * (`createAddinHost`, src/core/app) on the Excel port (./port).
 */
import { createAddinHost, type AddinHost } from '../core';
import { createExcelPort, type ExcelPortOptions } from './port';

export type ExcelHostOptions = ExcelPortOptions;

export function createExcelHost(options: ExcelHostOptions = {}): AddinHost {
  return createAddinHost(createExcelPort(options));
}

/** Kept for older imports: the one parser is the core's. */
export { parseSettings } from '../core';
