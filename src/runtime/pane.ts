/**
 * Showing the task pane is the host's business: each host's entry says how (Excel's ribbon
 * entry: `Office.addin.showAsTaskpane`; WPS's ribbon page: `CreateTaskPane` / `GetTaskPane`),
 * and the command handlers call `openPane()` without knowing which host they run in.
 */
import { runtimeState } from './state';

export function setPaneOpener(open: () => Promise<void> | void): void {
  runtimeState().paneOpener = open;
}

export function runtimeHasPaneOpener(): boolean {
  return runtimeState().paneOpener !== null;
}

/** Show the pane; a host that cannot leaves the outcome pending for 打开助手 to show. */
export async function openPane(): Promise<void> {
  const open = runtimeState().paneOpener;
  if (!open) return;
  try {
    await open();
  } catch {
    // The outcome stays pending: 打开助手 shows it.
  }
}
