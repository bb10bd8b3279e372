/** The fake WPS 表格 host for Node tests: the object model, its state, and the fixture loader. */
export * from './fake';
export * from './model';
export { bookFromSnapshot, snapshotOfBook, rgbToBgr, bgrToRgb } from './load';
import { snapshotFromFile } from '../fake-excel/load';
import { createFakeWps, type FakeOptions, type FakeWps } from './fake';
import { bookFromSnapshot } from './load';
import * as path from 'path';

/** A fake WPS with `file` (an .xlsx fixture) open. */
export async function fakeWpsFromXlsx(file: string, options: FakeOptions = {}): Promise<FakeWps> {
  return createFakeWps(bookFromSnapshot(await snapshotFromFile(file), path.basename(file)), options);
}
