/** jsdom lacks TextEncoder/TextDecoder (the fake Excel and the .xlsx reader use them): Node's. Import first. */
import { TextDecoder, TextEncoder } from 'util';

const g = globalThis as unknown as { TextEncoder?: unknown; TextDecoder?: unknown };
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;

// The host behind the pane's tests is Microsoft's client over the fake workbook (or a stub):
// on a loaded CI machine a preview or a write can take seconds. Wait for it rather than flake.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require('@testing-library/react') as typeof import('@testing-library/react')).configure({ asyncUtilTimeout: 20000 });
