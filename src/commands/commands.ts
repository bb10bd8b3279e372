/**
 * The ribbon's ExecuteFunction commands (manifest.xml FunctionName → handler). They run in the
 * shared runtime with the task pane and use its host (src/runtime), never the pane's code.
 *
 * Feedback: a function command has no window of its own. Each command leaves its outcome (what
 * it did, or why it failed) for the pane and shows the pane (`Office.addin.showAsTaskpane`,
 * SharedRuntime 1.1), so every click gives a visible answer, also when the pane was closed and
 * nothing is wrong. Why not the alternatives: docs/decisions/addin-ui.md.
 *
 * Every handler calls `event.completed()` exactly once, on every path, errors included.
 */
import type { AddinHost } from '../core';
import {
  asAddinError,
  checkNotice,
  getHost,
  marksClearedNotice,
  openPane,
  runtimeHasPaneOpener,
  reportOutcome,
  requestView,
  trackCommand,
  writeNotice,
  type CommandName,
  type Notice,
} from '../runtime';

/** The part of Office.AddinCommands.Event a handler uses. */
export interface CommandEvent {
  completed(options?: { allowEvent?: boolean }): void;
}

/**
 * Shows the task pane the way the host's entry registered (src/runtime/pane.ts); in Excel, where
 * none is registered, `Office.addin.showAsTaskpane`. If the host cannot, the outcome waits for
 * the pane to be opened.
 */
export async function showPane(): Promise<void> {
  if (runtimeHasPaneOpener()) return openPane();
  try {
    await Office.addin.showAsTaskpane();
  } catch {
    // The outcome stays pending: 打开助手 shows it.
  }
}

/**
 * Reads and checks only. No settings are passed: the host reads the workbook's stored ones in
 * the same round trip, so a command never runs with defaults the workbook did not ask for.
 */
async function checkWorkbook(host: AddinHost): Promise<Notice> {
  return checkNotice(await host.check());
}

/** Scores and writes back like `jixiao score`, with the workbook's stored settings (read by the host). */
async function scoreWorkbook(host: AddinHost): Promise<Notice> {
  return writeNotice(await host.score());
}

/** Removes only the fills and notes the add-in added. */
async function clearMarks(host: AddinHost): Promise<Notice> {
  return marksClearedNotice(await host.clearMarks(), (await host.capabilities()).notesWord);
}

/** 清理模板: the pane's clean-up view computes the preview; the command itself writes nothing. */
async function cleanTemplate(): Promise<null> {
  requestView('cleanup');
  return null;
}

/** Wraps a handler: the outcome goes to the pane, the pane is shown, the event completes. */
function command(name: CommandName, body: (host: AddinHost) => Promise<Notice | null>): (event: CommandEvent) => Promise<void> {
  return async (event) => {
    try {
      await trackCommand(async () => {
        try {
          const notice = await body(getHost());
          if (notice) reportOutcome({ command: name, notice });
        } catch (e) {
          reportOutcome({ command: name, error: asAddinError(e) });
        }
      });
      await showPane();
    } finally {
      event.completed();
    }
  };
}

/** Every ExecuteFunction of the manifest, by FunctionName. */
export const COMMANDS: Readonly<Record<CommandName, (event: CommandEvent) => Promise<void>>> = {
  checkWorkbook: command('checkWorkbook', checkWorkbook),
  scoreWorkbook: command('scoreWorkbook', scoreWorkbook),
  clearMarks: command('clearMarks', clearMarks),
  cleanTemplate: command('cleanTemplate', cleanTemplate),
};
