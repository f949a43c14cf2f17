/**
 * How closely the testbed answers like the real ESB gateway: replays ../shared/golden/gateway-<revision>.jsonl
 * (121 exchanges recorded from ESB itself) against a fresh in-process testbed and prints, per line, whether the
 * answer matched and how it differed, then the counts: the lines that pin the gateway alone, and the others (whose
 * recording also depends on the recording's stand-ins for agent, workers and storage).
 *
 *   node --import tsx bench/golden-replay.ts [--head] [--all]
 *
 * --head: the head recording (5694369) instead of the seed's (aeec2c8). --all: print matching lines too.
 */

import { goldenLines } from '../test/testbed/golden/golden-lines.ts';
import { replayGolden } from '../test/testbed/golden/golden-replay.ts';
import { startInProcessStack } from '../testbed/stack/in-process-stack.ts';

const revision = process.argv.includes('--head') ? 'head' : 'seed';
const showAll = process.argv.includes('--all');
const lines = goldenLines(revision);
const stack = await startInProcessStack({ mode: 'docker' });
try {
  const started = performance.now();
  const { credentials } = stack.config;
  const results = await replayGolden(lines, stack.clientEnv.GATEWAY_URL ?? '', {
    X_API_KEY: credentials.apiKey,
    AUTH_USER: credentials.authUser,
    AUTH_PASS: credentials.authPass,
    JWT_SECRET: credentials.jwtSecret,
  });
  for (const r of results) {
    if (r.differences.length === 0 && !showAll) continue;
    console.log(`${r.differences.length === 0 ? '✔' : '✖'} ${r.line.name} [${r.line.depends_on.join(',')}]`);
    for (const d of r.differences) console.log(`    ${d}`);
  }
  const count = (only: boolean) => {
    const set = results.filter((r) => r.line.depends_on.includes('gateway-only') === only);
    return `${set.filter((r) => r.differences.length === 0).length}/${set.length}`;
  };
  console.log(
    `${revision}: gateway-only lines matching ${count(true)}, other lines ${count(false)}, all ${results.filter((r) => r.differences.length === 0).length}/${results.length} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
} finally {
  await stack.close();
}
