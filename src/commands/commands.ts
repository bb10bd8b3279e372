/**
 * The ribbon's ExecuteFunction commands (manifest.xml FunctionName → handler). They run in the
 * shared runtime with the task pane and use the same host, so an open pane shows their results.
 * Every handler calls `event.completed()` exactly once, on every path, errors included.
 */
import type { AddinHost } from '../core';
import { asAddinError, getHost, reportCommandFailure, requestView } from '../taskpane/host-singleton';

/** The part of Office.AddinCommands.Event a handler uses. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/** Opens the task pane (shared runtime API); a failure to open is not the command's failure. */
export async function showPane(): Promise<void> {
  try {
    await Office.addin.showAsTaskpane();
  } catch {
    // Older hosts without Office.addin: the user opens the pane with 打开助手.
  }
}

/** Reads and checks only; opens the pane when there are errors to see. */
async function checkWorkbook(host: AddinHost): Promise<void> {
  const settings = await host.loadSettings();
  const report = await host.check(settings);
  if (report.counts.error > 0) await showPane();
}

/** Scores and writes back like `jixiao score`; opens the pane for errors or cells left alone. */
async function scoreWorkbook(host: AddinHost): Promise<void> {
  const settings = await host.loadSettings();
  const report = await host.score(settings);
  if (report.counts.error > 0 || report.changedSinceRead.length > 0 || report.protectedSheets.length > 0) await showPane();
}

/** Removes only the fills and notes the add-in added. */
async function clearMarks(host: AddinHost): Promise<void> {
  await host.clearMarks();
}

/** 清理模板: opens the pane on the clean-up view (the preview is computed there; nothing is written). */
async function cleanTemplate(): Promise<void> {
  requestView('cleanup');
  await showPane();
}

const HANDLERS: Readonly<Record<string, (host: AddinHost) => Promise<void>>> = { checkWorkbook, scoreWorkbook, clearMarks, cleanTemplate };

/** Wraps a handler: the event completes whatever happens; an error is shown in the pane. */
function command(name: string, body: (host: AddinHost) => Promise<void>): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    try {
      await body(getHost());
    } catch (e) {
      reportCommandFailure({ command: name, error: asAddinError(e) });
      await showPane();
    } finally {
      event.completed();
    }
  };
}

/** Every ExecuteFunction of the manifest, by FunctionName. */
export const COMMANDS: Readonly<Record<string, (event: CommandEvent) => Promise<void>>> = Object.fromEntries(
  Object.entries(HANDLERS).map(([name, body]) => [name, command(name, body)]),
);

/** Registers every command with Office.actions.associate (call once Office is ready). */
export function registerCommands(): void {
  for (const [name, handler] of Object.entries(COMMANDS)) Office.actions.associate(name, handler);
}
