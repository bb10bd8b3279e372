/**
 * Property suites run one recorded seed in `npm test`, so every run is the same run and a
 * failure reproduces. `npm run fuzz` (scripts/fuzz.js) sets JIXIAO_FUZZ_SEED to explore new
 * ones; a counterexample it prints becomes a named test in test/property/counterexamples.test.ts.
 */
import fc from 'fast-check';

/** The seed `npm test` runs. Change it only on purpose, and say why in the commit. */
export const RECORDED_SEED = 20261202;

const fuzz = process.env.JIXIAO_FUZZ_SEED;
const seed = fuzz !== undefined && fuzz !== '' ? Number(fuzz) : RECORDED_SEED;
if (!Number.isInteger(seed)) throw new Error(`JIXIAO_FUZZ_SEED must be an integer, not ${fuzz}`);
fc.configureGlobal({ seed });
