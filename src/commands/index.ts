/**
 * The ribbon's entry script: the first of the add-in's scripts on the runtime page
 * (taskpane.html, which is also the manifest's FunctionFile). It registers every command at
 * its top level, as soon as office.js has loaded and before `Office.onReady` and the pane's
 * bundle: a click in that window waits for the host instead of being lost (office-js #5176).
 * Small on purpose (goal ≤ 30 KB gzipped, printed by `npm run bundle-size`): no React, no engine.
 */
import { COMMANDS } from './commands';

if (typeof Office !== 'undefined' && Office.actions) {
  for (const [name, handler] of Object.entries(COMMANDS)) Office.actions.associate(name, handler);
}
