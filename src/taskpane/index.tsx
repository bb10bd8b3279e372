/**
 * The task pane's entry: the last of the runtime page's scripts (after the ribbon's entry and
 * the host). It renders at once, before `Office.onReady`: its host calls wait for the host the
 * runtime is given. It follows the Office theme once Office is ready.
 */
import { createRoot } from 'react-dom/client';
import { asAddinError, getHost, reportOutcome } from '../runtime';
import { Root } from './Root';
import { themeKindOf } from './theme';

// Nothing may fail silently: a stray rejection is shown in the pane like a command failure.
window.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  reportOutcome({ command: null, error: asAddinError(e.reason) });
});

const theme = Office.onReady().then(() => themeKindOf(Office.context?.officeTheme));
const container = document.getElementById('root');
if (container) createRoot(container).render(<Root host={getHost()} theme={theme} />);
