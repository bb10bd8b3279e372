/**
 * `createWpsHost()`: the add-in's `AddinHost` in WPS 表格, i.e. the core's workflows
 * (`createAddinHost`) over the WPS port. With a relay, events of this page's host also reach
 * the add-in's other page (ribbon ⇄ task pane), as Excel's shared runtime does by itself.
 */
import { AddinError, createAddinHost, type AddinHost } from '../core';
import { createWpsPort, type WpsPort } from './port';
import type { Relay } from './relay';
import type { WpsApplication } from './types';

export interface WpsHostOptions {
  /** WPS's `Application` (default: the page's global `Application`, or `wps`). */
  readonly app?: WpsApplication;
  /** Report the user's edits as `stale` (the pane: yes; the ribbon's hidden page: no). */
  readonly watch?: boolean;
  /** Share host events with the add-in's other page. */
  readonly relay?: Relay | null;
  /** Counts object-model calls (tests). */
  readonly calls?: () => number;
}

/** The page's WPS Application, or an AddinError saying this is not WPS. */
export function wpsApplication(): WpsApplication {
  const g = globalThis as { Application?: WpsApplication; wps?: WpsApplication };
  const app = g.Application ?? g.wps;
  if (!app) throw new AddinError('NoWps', '未检测到 WPS（页面中没有 Application 对象），请在 WPS 表格中通过“绩效自评”选项卡打开此加载项（错误代码：NoWps）');
  return app;
}

export function createWpsHost(options: WpsHostOptions = {}): AddinHost & { readonly port: WpsPort } {
  const port = createWpsPort(options.app ?? wpsApplication(), { calls: options.calls });
  const used: WpsPort = options.watch === false ? { ...port, watch: () => () => undefined } : port;
  const host = createAddinHost(used);
  const relay = options.relay ?? null;
  if (!relay) return Object.assign(host, { port });
  host.subscribe((e) => relay.postEvent(e));
  return {
    ...host,
    port,
    subscribe(listener) {
      const offHost = host.subscribe(listener);
      const offRelay = relay.onEvent(listener);
      return () => {
        offHost();
        offRelay();
      };
    },
  };
}
