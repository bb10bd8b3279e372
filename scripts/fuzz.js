#!/usr/bin/env node
/**
 * `npm run fuzz [-- --minutes N]`: run the property suites again and again with random
 * seeds (npm test runs one recorded seed, test/setup/fast-check.ts) for N minutes (default
 * 10), and print every counterexample with its seed and path. Each one found becomes a named
 * test in test/property/counterexamples.test.ts. Exit 1 when any property failed.
 */
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const SUITES = ['test/property', 'test/values/property.test.ts', 'test/cleanup/property.test.ts'];

function minutesArg(argv) {
  const i = argv.indexOf('--minutes');
  const m = i >= 0 ? Number(argv[i + 1]) : 10;
  if (!(m > 0)) {
    console.error('用法：npm run fuzz -- --minutes 10');
    process.exit(2);
  }
  return m;
}

function randomSeed() {
  return (Math.random() * 2 ** 32) | 0;
}

function main() {
  const minutes = minutesArg(process.argv.slice(2));
  const root = path.join(__dirname, '..');
  const end = Date.now() + minutes * 60_000;
  const found = [];
  let runs = 0;
  while (Date.now() < end) {
    const seed = randomSeed();
    runs++;
    const started = Date.now();
    const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...SUITES, '--silent'], {
      cwd: root,
      env: { ...process.env, JIXIAO_FUZZ_SEED: String(seed), JIXIAO_SKIP_FIXTURES: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const out = `${r.stdout}\n${r.stderr}`;
    const secs = ((Date.now() - started) / 1000).toFixed(0);
    if (r.status === 0) {
      console.log(`run ${runs}: seed ${seed} — all properties hold (${secs} s)`);
      continue;
    }
    const failures = [...out.matchAll(/● (.+)\n[\s\S]*?Property failed after (\d+) tests\s*\n\s*(\{ seed: -?\d+, path: "[^"]*"[^}]*\})\s*\n\s*Counterexample: (.*)/g)];
    if (!failures.length) {
      console.log(`run ${runs}: seed ${seed} — jest failed without a property counterexample:\n${out.slice(-4000)}`);
      found.push({ seed, test: '(jest)', detail: out.slice(-2000) });
      continue;
    }
    for (const f of failures) {
      console.log(`run ${runs}: seed ${seed} — ${f[1].trim()}\n  after ${f[2]} cases: ${f[3]}\n  counterexample: ${f[4].slice(0, 3000)}`);
      found.push({ seed, test: f[1].trim(), detail: f[3] });
    }
  }
  console.log(`\n${runs} runs in ${minutes} min, ${found.length} counterexample(s).`);
  for (const f of found) console.log(`- ${f.test}: ${f.detail}`);
  process.exit(found.length ? 1 : 0);
}

main();
