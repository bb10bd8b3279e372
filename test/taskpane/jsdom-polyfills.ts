/** jsdom lacks TextEncoder/TextDecoder (the fake Excel and the .xlsx reader use them): Node's. Import first. */
import { TextDecoder, TextEncoder } from 'util';

const g = globalThis as unknown as { TextEncoder?: unknown; TextDecoder?: unknown };
g.TextEncoder ??= TextEncoder;
g.TextDecoder ??= TextDecoder;
