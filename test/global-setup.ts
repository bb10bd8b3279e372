import * as path from 'path';
import { buildFixtures } from '../scripts/build-fixtures';

/**
 * Build the seed workbooks once per test run, from the script reviewers can read.
 * `npm run fuzz` runs only the property suites, which need none: it sets JIXIAO_SKIP_FIXTURES.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.JIXIAO_SKIP_FIXTURES === '1') return;
  await buildFixtures(path.join(__dirname, 'fixtures'));
}
