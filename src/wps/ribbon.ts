/**
 * The page WPS loads hidden when WPS 表格 starts (index.html): the ribbon's callbacks named in
 * ribbon.xml, as globals (WPS calls them by name), over the same command handlers as Excel's
 * ribbon (src/commands) and the same runtime (src/runtime). WPS has no shared runtime: a
 * command's outcome, requested view and host events go to the task pane's page through the
 * relay, and the pane is shown with `wps.CreateTaskPane` / `GetTaskPane`.
 */
import { COMMANDS } from '../commands/commands';
import { asAddinError, provideHost, reportOutcome, setPaneOpener, takeOutcome, takeViewRequest, type CommandName } from '../runtime';
import { createWpsHost, wpsApplication } from './host';
import { createRelay } from './relay';
import type { WpsApplication } from './types';

/** PluginStorage key of the task pane's ID (the wpsjs template's convention). */
export const PANE_KEY = 'jixiao.taskpane';
/** msoCTPDockPositionRight. */
const DOCK_RIGHT = 2;

export interface RibbonControl {
  readonly Id: string;
  readonly Tag?: string;
}

export function taskpaneUrl(page: string = String(globalThis.location?.href ?? '')): string {
  return new URL('taskpane.html', page).href;
}

/** Show the task pane, creating it the first time (its ID is kept in PluginStorage). */
export function showPane(app: WpsApplication, url = taskpaneUrl()): void {
  const storage = app.PluginStorage;
  const id = Number(storage.getItem(PANE_KEY) ?? 0);
  if (id) {
    try {
      const pane = app.GetTaskPane(id);
      pane.Visible = true;
      return;
    } catch {
      // closed with its document window: create a new one
    }
  }
  const pane = app.CreateTaskPane(url, '绩效自评助手');
  storage.setItem(PANE_KEY, pane.ID);
  pane.DockPosition = DOCK_RIGHT;
  pane.Visible = true;
}

const COMMAND_IDS: readonly string[] = Object.keys(COMMANDS);

/**
 * Runs a ribbon button: 打开助手 shows the pane; the others run Excel's handler (which shows the
 * pane through the opener `install` registers), then hand the outcome to the pane's page.
 */
export async function onAction(app: WpsApplication, relay: ReturnType<typeof createRelay>, id: string): Promise<void> {
  if (COMMAND_IDS.includes(id)) {
    await COMMANDS[id as CommandName]({ completed: () => undefined });
    const outcome = takeOutcome();
    if (outcome) relay.postOutcome(outcome);
    const view = takeViewRequest();
    if (view) relay.postView(view);
  } else if (id === 'openPane') showPane(app);
}

function install(): void {
  const g = globalThis as Record<string, unknown>;
  let app: WpsApplication;
  try {
    app = wpsApplication();
  } catch (e) {
    provideHost(Promise.reject(asAddinError(e)));
    return;
  }
  const relay = createRelay(() => app.PluginStorage);
  provideHost(createWpsHost({ app, watch: false, relay }));
  setPaneOpener(() => showPane(app));
  g.OnAddinLoad = (ribbonUI: unknown): boolean => {
    const a = app as unknown as { ribbonUI?: unknown };
    if (typeof a.ribbonUI !== 'object' || a.ribbonUI === null) a.ribbonUI = ribbonUI;
    return true;
  };
  g.OnAction = (control: RibbonControl): boolean => {
    onAction(app, relay, control.Id).catch((e) => {
      relay.postOutcome({ command: null, error: asAddinError(e) });
      reportOutcome({ command: null, error: asAddinError(e) });
    });
    return true;
  };
  g.GetImage = (): string => 'assets/icon-32.png';
  g.OnGetEnabled = (): boolean => true;
  g.OnGetVisible = (): boolean => true;
}

install();
