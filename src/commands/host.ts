/**
 * The Excel runtime's host, loaded after the ribbon's entry and before the pane: the engine and
 * the Office.js adapter, provided to the shared runtime once `Office.onReady` has resolved.
 * Commands clicked earlier have been waiting for it in `whenHost`.
 */
import { createExcelHost } from '../excel/host';
import { provideHost } from '../runtime';

provideHost(Office.onReady().then(() => createExcelHost()));
