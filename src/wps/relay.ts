/**
 * Messages between the add-in's pages in WPS. Excel runs the ribbon and the pane in one shared
 * runtime; WPS runs the ribbon's page (index.html, loaded hidden at start-up) and the task pane
 * (taskpane.html, `CreateTaskPane`) as separate pages. WPS documents `PluginStorage` as the
 * storage every page of one add-in shares, so the ribbon page leaves its messages there and
 * the pane page polls for them:
 *
 *  - host events (`checked`, `written`, …) of a ribbon command: an append-only log with a
 *    sequence number, so an open pane shows the ribbon's recompute as Excel's shared runtime
 *    would; a pane opened later ignores what came before it (it checks on opening anyway);
 *  - a command's outcome and a requested view (清理模板): one slot each, taken once, so a pane
 *    opened by the command shows them.
 *
 * `stale` and `progress` events are not relayed: each page watches its own edits.
 */
import { AddinError, type HostEvent } from '../core';
import type { CommandOutcome, PaneView } from '../runtime';
import type { WpsPluginStorage } from './types';

const SEQ = 'jixiao.relay.seq';
const LOG = 'jixiao.relay.';
const OUTCOME = 'jixiao.relay.outcome';
const VIEW = 'jixiao.relay.view';
/** Log entries kept (older ones are removed as new ones come). */
const KEEP = 16;
export const POLL_MS = 250;

type Relayed = Exclude<HostEvent, { type: 'stale' } | { type: 'progress' }>;

export function relayable(e: HostEvent): e is Relayed {
  return e.type !== 'stale' && e.type !== 'progress';
}

interface WireOutcome {
  readonly command: CommandOutcome['command'];
  readonly notice?: CommandOutcome['notice'];
  readonly error?: { readonly code: string; readonly message: string };
}

function toWire(o: CommandOutcome): WireOutcome {
  return o.error ? { command: o.command, error: { code: o.error.code, message: o.error.message } } : { command: o.command, notice: o.notice };
}

function fromWire(w: WireOutcome): CommandOutcome {
  return w.error ? { command: w.command, error: new AddinError(w.error.code, w.error.message) } : { command: w.command, notice: w.notice! };
}

export interface Relay {
  /** This page's host event, for the other pages. */
  postEvent(e: HostEvent): void;
  postOutcome(o: CommandOutcome): void;
  postView(v: PaneView): void;
  /** Outcome and view left for a pane (taken once). */
  takeOutcome(): CommandOutcome | null;
  takeView(): PaneView | null;
  /** Events other pages posted since this call; returns a stop function. Polls every POLL_MS. */
  onEvent(listener: (e: HostEvent) => void): () => void;
  /** Check for new messages now (the poll does this; tests call it directly). */
  poll(): void;
}

export function createRelay(storage: () => WpsPluginStorage, page = Math.random().toString(36).slice(2)): Relay {
  const listeners = new Set<(e: HostEvent) => void>();
  let seen = Number(storage().getItem(SEQ) ?? 0) || 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  const read = <T>(key: string): T | null => {
    const text = storage().getItem(key);
    if (text === null || text === undefined || text === '') return null;
    try {
      return JSON.parse(String(text)) as T;
    } catch {
      return null;
    }
  };
  const take = <T>(key: string): T | null => {
    const v = read<T>(key);
    if (v !== null) storage().removeItem(key);
    return v;
  };
  const relay: Relay = {
    postEvent(e) {
      if (!relayable(e)) return;
      const s = storage();
      const seq = (Number(s.getItem(SEQ) ?? 0) || 0) + 1;
      s.setItem(LOG + seq, JSON.stringify({ page, event: e }));
      s.setItem(SEQ, seq);
      if (seq > KEEP) s.removeItem(LOG + (seq - KEEP));
    },
    postOutcome(o) {
      storage().setItem(OUTCOME, JSON.stringify(toWire(o)));
    },
    postView(v) {
      storage().setItem(VIEW, JSON.stringify(v));
    },
    takeOutcome() {
      const w = take<WireOutcome>(OUTCOME);
      return w ? fromWire(w) : null;
    },
    takeView() {
      return take<PaneView>(VIEW);
    },
    onEvent(listener) {
      listeners.add(listener);
      if (!timer) timer = setInterval(() => relay.poll(), POLL_MS);
      return () => {
        listeners.delete(listener);
        if (!listeners.size && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    poll() {
      const last = Number(storage().getItem(SEQ) ?? 0) || 0;
      // The log was cleared (a new WPS session): start over.
      if (last < seen) seen = 0;
      for (let seq = Math.max(seen + 1, last - KEEP + 1); seq <= last; seq++) {
        const entry = read<{ page: string; event: HostEvent }>(LOG + seq);
        if (!entry || entry.page === page) continue;
        for (const l of [...listeners]) {
          try {
            l(entry.event);
          } catch {
            // a listener's failure is not the relay's
          }
        }
      }
      seen = last;
    },
  };
  return relay;
}
