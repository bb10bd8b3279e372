import * as path from 'path';
import { buildFixtures } from '../scripts/build-fixtures';

/** Build the seed workbooks once per test run, from the script reviewers can read. */
export default async function globalSetup(): Promise<void> {
  await buildFixtures(path.join(__dirname, 'fixtures'));
}
