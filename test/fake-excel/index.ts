/** The fake Excel host for tests (Node): the browser-safe core plus the .xlsx loader and the runtime file. */
import './runtime-node';
export * from './fake';
export * from './snapshot';
export { snapshotFromFile, snapshotFromBuffer, snapshotFromWorkbook, fakeFromXlsx } from './load';
