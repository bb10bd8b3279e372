/* global module */
/**
 * webpack loader (inline, used by ./browser.ts only): a file's text as a string module, so the
 * browser build of the fake host carries Microsoft's Office.js runtime file unchanged and
 * evaluates it like Node does (./runtime.ts), without a webpack rule of its own.
 */
module.exports = function rawText(source) {
  return `module.exports = ${JSON.stringify(source)};`;
};
