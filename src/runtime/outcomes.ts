/**
 * What the ribbon tells the pane. Ribbon commands have no window of their own: each one leaves
 * its outcome here (a notice or a failure) and shows the pane, which displays it; an outcome
 * that arrives before the pane listens is kept for it. A command may also ask for a pane view
 * (清理模板 opens the clean-up view).
 */
import type { AddinError } from '../core';

/** The ribbon's commands, by their manifest FunctionName. */
export type CommandName = 'checkWorkbook' | 'scoreWorkbook' | 'clearMarks' | 'cleanTemplate';

/** Each command's name on the ribbon, in the pane and in the README: one name per action. */
export const COMMAND_LABEL: Readonly<Record<CommandName, string>> = {
  checkWorkbook: '检查',
  scoreWorkbook: '计分并写回',
  clearMarks: '清除标记',
  cleanTemplate: '清理模板',
};

export interface Notice {
  readonly intent: 'success' | 'warning' | 'info';
  readonly title: string;
  readonly lines: readonly string[];
}

export type CommandOutcome =
  | { readonly command: CommandName | null; readonly notice: Notice; readonly error?: undefined }
  | { readonly command: CommandName | null; readonly error: AddinError; readonly notice?: undefined };

/** A pane view a ribbon command asks for. */
export type PaneView = 'main' | 'cleanup';

/** A channel with one slot for the message sent before anyone listened. */
function channel<T>() {
  const listeners = new Set<(v: T) => void>();
  let pending: T | null = null;
  return {
    send(v: T): void {
      if (listeners.size) for (const l of [...listeners]) l(v);
      else pending = v;
    },
    take(): T | null {
      const v = pending;
      pending = null;
      return v;
    },
    listen(l: (v: T) => void): () => void {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  };
}

const outcomes = channel<CommandOutcome>();
const views = channel<PaneView>();

/** A command's result or failure, for the pane. */
export const reportOutcome = outcomes.send;
/** The outcome sent before the pane listened (taken once). */
export const takeOutcome = outcomes.take;
export const onOutcome = outcomes.listen;

export const requestView = views.send;
export const takeViewRequest = views.take;
export const onViewRequest = views.listen;

let running = 0;
const idle = new Set<() => void>();

/** Marks a ribbon command as running, so a pane opened meanwhile waits for its result. */
export async function trackCommand<T>(work: () => Promise<T>): Promise<T> {
  running++;
  try {
    return await work();
  } finally {
    running--;
    if (running === 0) for (const l of [...idle]) l();
  }
}

/** Resolves when no ribbon command is running (at once when none is). */
export function commandsIdle(): Promise<void> {
  if (running === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      idle.delete(done);
      resolve();
    };
    idle.add(done);
  });
}

export function commandRunning(): boolean {
  return running > 0;
}
