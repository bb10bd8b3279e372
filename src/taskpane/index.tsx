/**
 * The add-in's runtime page (taskpane.html): the task pane and, in the shared runtime, the
 * ribbon commands. Office.js is loaded by the page before this bundle.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import { registerCommands } from '../commands/commands';
import { createExcelHost } from '../excel/host';
import { App } from './App';
import { asAddinError, getHost, reportCommandFailure, setHostFactory } from './host-singleton';

// Nothing may fail silently: a stray rejection is shown in the pane like a command failure.
window.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  reportCommandFailure({ command: '', error: asAddinError(e.reason) });
});

function mount(): void {
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={getHost()} />
    </FluentProvider>,
  );
}

Office.onReady(() => {
  setHostFactory(() => createExcelHost());
  registerCommands();
  mount();
}).catch((e: unknown) => {
  const container = document.getElementById('root');
  if (container) container.textContent = `无法启动绩效自评助手：${asAddinError(e).message}`;
});
