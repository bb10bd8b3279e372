/**
 * The task pane's page in WPS (taskpane.html, shown by `wps.CreateTaskPane`): the same pane as
 * Excel (src/taskpane Root/App) over the same runtime, with the WPS host provided, and what the
 * ribbon's page relays (a command's outcome, a requested view, its host events) delivered to
 * the runtime as Excel's shared runtime would deliver it.
 */
import { createRoot } from 'react-dom/client';
import { asAddinError, getHost, provideHost, reportOutcome, requestView } from '../runtime';
import { Root } from '../taskpane/Root';
import { createWpsHost, wpsApplication } from './host';
import { POLL_MS, createRelay, type Relay } from './relay';

window.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  reportOutcome({ command: null, error: asAddinError(e.reason) });
});

let relay: Relay | null = null;
try {
  const app = wpsApplication();
  relay = createRelay(() => app.PluginStorage);
  provideHost(createWpsHost({ app, relay }));
} catch (e) {
  provideHost(Promise.reject(asAddinError(e)));
}

/** What the ribbon left for the pane, now and whenever it leaves more. */
function deliver(): void {
  if (!relay) return;
  const outcome = relay.takeOutcome();
  if (outcome) reportOutcome(outcome);
  const view = relay.takeView();
  if (view) requestView(view);
}
deliver();
setInterval(deliver, POLL_MS);

const container = document.getElementById('root');
if (container) createRoot(container).render(<Root host={getHost()} theme={Promise.resolve('light')} />);
