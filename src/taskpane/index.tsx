/**
 * The add-in's runtime page (taskpane.html): the task pane and, in the shared runtime, the
 * ribbon commands. Office.js is loaded by the page before this bundle. The pane renders at once;
 * its host calls wait for Office.onReady.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { registerCommands } from '../commands/commands';
import { createExcelHost } from '../excel/host';
import { App } from './App';
import { asAddinError, deferredHost, getHost, reportCommandFailure, setHostFactory } from './host-singleton';

// Nothing may fail silently: a stray rejection is shown in the pane like a command failure.
window.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  reportCommandFailure({ command: '', error: asAddinError(e.reason) });
});

const ready = Office.onReady().then(() => {
  registerCommands();
  return createExcelHost();
});
setHostFactory(() => deferredHost(ready));

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={getHost()} />
    </FluentProvider>,
  );
}
