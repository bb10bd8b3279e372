/**
 * The one AddinHost of the add-in's runtime. The task pane and the ribbon commands run in the
 * same (shared) runtime and both get their host here, so a ribbon recompute reaches the open
 * pane through `host.subscribe`, and the undo record survives the pane being closed and reopened.
 */
import { AddinError, type AddinHost } from '../core';

export type HostFactory = () => AddinHost;

let factory: HostFactory | null = null;
let instance: AddinHost | null = null;

/** Set by the entry point (the real Office.js host) or by tests (a stub). Drops a previous host. */
export function setHostFactory(f: HostFactory | null): void {
  factory = f;
  instance = null;
}

/** The shared host, created on first use. */
export function getHost(): AddinHost {
  if (!instance) {
    if (!factory) throw new AddinError('NotInitialized', '加载项尚未初始化完成，请稍候再试。');
    instance = factory();
  }
  return instance;
}

/** A failure of a ribbon command, kept so the pane can show it when it opens. */
export interface CommandFailure {
  readonly command: string;
  readonly error: AddinError;
}

type FailureListener = (f: CommandFailure) => void;
const failureListeners = new Set<FailureListener>();
let lastFailure: CommandFailure | null = null;

/** Ribbon commands have no UI of their own: their errors are told to the pane. */
export function reportCommandFailure(f: CommandFailure): void {
  lastFailure = f;
  for (const l of failureListeners) l(f);
}

/** The last command failure not yet shown (the pane may open after it happened). */
export function takeCommandFailure(): CommandFailure | null {
  const f = lastFailure;
  lastFailure = null;
  return f;
}

export function onCommandFailure(l: FailureListener): () => void {
  failureListeners.add(l);
  return () => void failureListeners.delete(l);
}

/** Any thrown value as an AddinError: hosts reject only with one, but be safe with the rest. */
/** A pane view a ribbon command asks for (清理模板 opens the clean-up view). */
export type PaneView = 'main' | 'cleanup';
let pendingView: PaneView | null = null;
const viewListeners = new Set<(v: PaneView) => void>();

export function requestView(v: PaneView): void {
  if (viewListeners.size) for (const l of viewListeners) l(v);
  else pendingView = v;
}

/** The view asked for before the pane was listening (taken once). */
export function takeViewRequest(): PaneView | null {
  const v = pendingView;
  pendingView = null;
  return v;
}

export function onViewRequest(l: (v: PaneView) => void): () => void {
  viewListeners.add(l);
  return () => void viewListeners.delete(l);
}

export function asAddinError(e: unknown): AddinError {
  if (e instanceof AddinError) return e;
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : 'Unexpected';
  const detail = e instanceof Error ? e.message : String(e);
  return new AddinError(code, `发生意外错误：${detail}`);
}

/** `message（code）`: the Chinese message, with the Office error code kept for support. */
export function errorText(e: AddinError): string {
  return e.message.includes(e.code) ? e.message : `${e.message}（错误代码 ${e.code}）`;
}

/**
 * A host usable at once, whose calls wait for the real one (`Office.onReady` first): the pane
 * renders before office.js has finished starting, and no call is lost or made too early.
 */
export function deferredHost(pending: Promise<AddinHost>): AddinHost {
  return {
    capabilities: () => pending.then((h) => h.capabilities()),
    loadSettings: () => pending.then((h) => h.loadSettings()),
    saveSettings: (settings) => pending.then((h) => h.saveSettings(settings)),
    check: (settings, onProgress) => pending.then((h) => h.check(settings, onProgress)),
    score: (settings, onProgress) => pending.then((h) => h.score(settings, onProgress)),
    canUndo: () => pending.then((h) => h.canUndo()),
    undo: () => pending.then((h) => h.undo()),
    clearMarks: () => pending.then((h) => h.clearMarks()),
    select: (sheet, cell) => pending.then((h) => h.select(sheet, cell)),
    previewCleanup: (options) => pending.then((h) => h.previewCleanup(options)),
    applyCleanup: (plan, kinds) => pending.then((h) => h.applyCleanup(plan, kinds)),
    undoCleanup: () => pending.then((h) => h.undoCleanup()),
    keepCleanup: () => pending.then((h) => h.keepCleanup()),
    cleanupState: () => pending.then((h) => h.cleanupState()),
    subscribe(listener) {
      let off: (() => void) | null = null;
      let cancelled = false;
      pending.then(
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
