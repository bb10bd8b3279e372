/**
 * Transitional: the first adapter's write budget, kept only because test/fake-excel/strict.test.ts
 * (the fake's record of that adapter's defect: 600 bytes a cell estimated, about 1,405 in fact)
 * imports it. The adapter no longer uses it: ./apply.ts sizes each batch from the steps it
 * queues (`stepBytes`, checked against Microsoft's client in test/excel/host.test.ts) and sends a
 * refused batch again in halves. Delete once that test stops importing it.
 */
export { WRITE_BUDGET } from './apply';

/** The first adapter's estimate of one written cell's request bytes (too low: see above). */
export const BYTES_PER_WRITE = 600;
