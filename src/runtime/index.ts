/**
 * The add-in's runtime, shared by the ribbon commands and the task pane (one shared runtime in
 * Excel; the same module serves WPS): the one host, what a command tells the pane, the words
 * of its notices and errors. No Office.js, no React.
 */
export { HOST_WAIT_MS, deferredHost, getHost, provideHost, whenHost } from './host';
export { asAddinError, errorText } from './errors';
export {
  COMMAND_LABEL,
  commandRunning,
  commandsIdle,
  onOutcome,
  onViewRequest,
  reportOutcome,
  requestView,
  takeOutcome,
  takeViewRequest,
  trackCommand,
  type CommandName,
  type CommandOutcome,
  type Notice,
  type PaneView,
} from './outcomes';
export { checkNotice, countsText, marksClearedNotice, undoNotice, writeNotice } from './notices';
export { openPane, runtimeHasPaneOpener, setPaneOpener } from './pane';
