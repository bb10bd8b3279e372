/**
 * The one AddinHost of the add-in's runtime. The ribbon commands and the task pane run in the
 * same (shared) runtime and both get their host here: a ribbon recompute reaches the open pane
 * through `host.subscribe`, and the undo record survives the pane being closed and reopened.
 *
 * The ribbon's entry script loads first and registers the commands at once; the host (the engine
 * and the Office.js adapter) arrives with a later script. A command clicked in between is not
 * lost: its handler waits here for the host (`whenHost`), up to `HOST_WAIT_MS`.
 *
 * Host-neutral: no Office.js here, so WPS's ribbon and pane can stand on it too.
 */
import { AddinError, type AddinHost } from '../core';
import { runtimeState } from './state';

/** How long a command or the pane waits for the host before saying the add-in did not start. */
export const HOST_WAIT_MS = 60_000;

/**
 * Set by the host's entry script (Excel: once `Office.onReady` has resolved) or by tests. A
 * rejected promise makes every waiting and later call fail with its error. Calling it again
 * replaces the host (tests only do that).
 */
export function provideHost(host: AddinHost | Promise<AddinHost>): void {
  const st = runtimeState();
  const p = Promise.resolve(host);
  p.catch(() => undefined); // a failure reaches the user through the calls that wait on it
  st.host = p;
  for (const w of [...st.waiting]) w(p);
  st.waiting.clear();
}

/** The host, once provided; rejects with `NotInitialized` if none arrives within `waitMs`. */
export function whenHost(waitMs = HOST_WAIT_MS): Promise<AddinHost> {
  const st = runtimeState();
  if (st.host) return st.host;
  const waiting = st.waiting;
  return new Promise((resolve, reject) => {
    const take = (p: Promise<AddinHost>): void => {
      clearTimeout(timer);
      p.then(resolve, reject);
    };
    const timer = setTimeout(() => {
      waiting.delete(take);
      reject(new AddinError('NotInitialized', '加载项未能启动（表格程序的接口没有就绪），请关闭任务窗格后重新打开，或重新打开工作簿。'));
    }, waitMs);
    waiting.add(take);
  });
}

/**
 * A host usable at once whose every call waits for the provided one: the pane renders and the
 * ribbon accepts a click before office.js and the engine have finished loading, and no call is
 * lost or made too early.
 */
export function deferredHost(pending: () => Promise<AddinHost>): AddinHost {
  const via =
    <A extends unknown[], R>(call: (h: AddinHost, ...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      pending().then((h) => call(h, ...args));
  return {
    capabilities: via((h) => h.capabilities()),
    loadSettings: via((h) => h.loadSettings()),
    saveSettings: via((h, s: Parameters<AddinHost['saveSettings']>[0]) => h.saveSettings(s)),
    check: via((h, ...a: Parameters<AddinHost['check']>) => h.check(...a)),
    score: via((h, ...a: Parameters<AddinHost['score']>) => h.score(...a)),
    canUndo: via((h) => h.canUndo()),
    undo: via((h) => h.undo()),
    clearMarks: via((h) => h.clearMarks()),
    select: via((h, sheet: string, cell: string) => h.select(sheet, cell)),
    previewCleanup: via((h, ...a: Parameters<AddinHost['previewCleanup']>) => h.previewCleanup(...a)),
    applyCleanup: via((h, ...a: Parameters<AddinHost['applyCleanup']>) => h.applyCleanup(...a)),
    undoCleanup: via((h) => h.undoCleanup()),
    keepCleanup: via((h) => h.keepCleanup()),
    cleanupState: via((h) => h.cleanupState()),
    exportSummary: via((h, o: Parameters<AddinHost['exportSummary']>[0]) => h.exportSummary(o)),
    subscribe(listener) {
      let off: (() => void) | null = null;
      let cancelled = false;
      pending().then(
        (h) => {
          if (!cancelled) off = h.subscribe(listener);
        },
        () => undefined, // the failure reaches the user through the first call instead
      );
      return () => {
        cancelled = true;
        off?.();
      };
    },
  };
}

const shared = deferredHost(() => whenHost());

/** The runtime's host: the same object for the pane and the ribbon, usable before it is provided. */
export function getHost(): AddinHost {
  return shared;
}
