/**
 * What the ribbon tells the pane. Ribbon commands have no window of their own: each one leaves
 * its outcome here (a notice or a failure) and shows the pane, which displays it; an outcome
 * that arrives before the pane listens is kept for it. A command may also ask for a pane view
 * (清理模板 opens the clean-up view).
 */
import type { AddinError } from '../core';
import { runtimeState, type Channel } from './state';

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

/** Sends to the listeners, or keeps the message for the first one to come. */
function send<T>(c: Channel<T>, v: T): void {
  if (c.listeners.size) for (const l of [...c.listeners]) l(v);
  else c.pending = v;
}

function take<T>(c: Channel<T>): T | null {
  const v = c.pending;
  c.pending = null;
  return v;
}

function listen<T>(c: Channel<T>, l: (v: T) => void): () => void {
  c.listeners.add(l);
  return () => void c.listeners.delete(l);
}

/** A command's result or failure, for the pane. */
export const reportOutcome = (o: CommandOutcome): void => send(runtimeState().outcomes, o);
/** The outcome sent before the pane listened (taken once). */
export const takeOutcome = (): CommandOutcome | null => take(runtimeState().outcomes);
export const onOutcome = (l: (o: CommandOutcome) => void): (() => void) => listen(runtimeState().outcomes, l);

export const requestView = (v: PaneView): void => send(runtimeState().views, v);
export const takeViewRequest = (): PaneView | null => take(runtimeState().views);
export const onViewRequest = (l: (v: PaneView) => void): (() => void) => listen(runtimeState().views, l);

/** Marks a ribbon command as running, so a pane opened meanwhile waits for its result. */
export async function trackCommand<T>(work: () => Promise<T>): Promise<T> {
  const st = runtimeState();
  st.running++;
  try {
    return await work();
  } finally {
    st.running--;
    if (st.running === 0) for (const l of [...st.idle]) l();
  }
}

/** Resolves when no ribbon command is running (at once when none is). */
export function commandsIdle(): Promise<void> {
  const st = runtimeState();
  if (st.running === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      st.idle.delete(done);
      resolve();
    };
    st.idle.add(done);
  });
}

export function commandRunning(): boolean {
  return runtimeState().running > 0;
}
