/**
 * The runtime's state: one object per page, shared by every script on it. The ribbon's entry
 * script and the pane's bundle are separate webpack bundles (the ribbon's must stay small and
 * load first; one bundle for the rest renders the pane faster than chunks split by `dependOn`:
 * measured in docs/decisions/addin-ui.md), so each carries its own copy of this module; the
 * state they share lives on `globalThis` under one registered symbol.
 */
import type { AddinHost } from '../core';
import type { CommandOutcome, PaneView } from './outcomes';

/** A channel with one slot for the message sent before anyone listened. */
export interface Channel<T> {
  readonly listeners: Set<(v: T) => void>;
  pending: T | null;
}

export interface RuntimeState {
  /** The host, once provided. */
  host: Promise<AddinHost> | null;
  /** Calls waiting for the host. */
  readonly waiting: Set<(p: Promise<AddinHost>) => void>;
  readonly outcomes: Channel<CommandOutcome>;
  readonly views: Channel<PaneView>;
  /** Ribbon commands running, and who waits for none to be. */
  running: number;
  readonly idle: Set<() => void>;
  /** How this host shows the task pane (Excel: `Office.addin.showAsTaskpane`; WPS: its task pane). */
  paneOpener: (() => Promise<void> | void) | null;
}

const KEY = Symbol.for('jixiao.runtime.v1');

export function runtimeState(): RuntimeState {
  const g = globalThis as unknown as Record<symbol, RuntimeState | undefined>;
  return (g[KEY] ??= {
    host: null,
    waiting: new Set(),
    outcomes: { listeners: new Set(), pending: null },
    views: { listeners: new Set(), pending: null },
    running: 0,
    idle: new Set(),
    paneOpener: null,
  });
}
