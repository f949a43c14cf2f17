import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PROFILE_NAMES, profileFor } from '../../../testbed/docker/profiles.ts';
import { platformLaneOf, testbedInstance } from '../../../testbed/docker/testbed-instance.ts';
import {
  claimFile,
  claimWorkerPortBlock,
  FIRST_WORKER_PORT,
} from '../../../testbed/stack/worker-port-block.ts';

const CLAIMS = join(tmpdir(), 'esb-testbed-worker-ports');

test('claimed blocks are disjoint, below the ephemeral range, and free again once released', () => {
  const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  const blocks = Array.from({ length: 5 }, () => claimWorkerPortBlock());
  try {
    for (const b of blocks) {
      assert.equal(b.max - b.min, 99);
      assert.ok(b.min >= FIRST_WORKER_PORT && b.max < low, `block ${b.min}..${b.max} is not below ${low}`);
      assert.equal(readFileSync(join(CLAIMS, String(b.min)), 'utf8'), String(process.pid));
    }
    assert.equal(new Set(blocks.map((b) => b.min)).size, blocks.length, 'two stacks got the same block');
  } finally {
    for (const b of blocks) b.release();
  }
  for (const b of blocks) assert.equal(existsSync(join(CLAIMS, String(b.min))), false);
});

test('no block reaches into the ports of a testbed of any set, second testbeds included', () => {
  const sets = [undefined, 'test'].map((name) => testbedInstance({ ESB_TESTBED_INSTANCE: name }));
  for (const instance of [...sets, ...sets.map(platformLaneOf)])
    for (const env of PROFILE_NAMES) {
      const { ports } = profileFor(env, instance);
      const highest = Math.max(...Object.values(ports));
      assert.ok(
        FIRST_WORKER_PORT > highest,
        `${env} of the ${instance.name ?? 'default'} set uses ports up to ${highest}, at or above ${FIRST_WORKER_PORT}`,
      );
    }
});

test('a claim left by a process that no longer runs is taken over; a live one is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esb-port-claims-'));
  try {
    // A pid that certainly ended: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    }).stdout;
    writeFileSync(join(dir, 'stale'), dead);
    assert.equal(claimFile(join(dir, 'stale')), true);
    assert.equal(readFileSync(join(dir, 'stale'), 'utf8'), String(process.pid));
    writeFileSync(join(dir, 'live'), String(process.ppid));
    assert.equal(claimFile(join(dir, 'live')), false);
    assert.equal(claimFile(join(dir, 'fresh')), true);
    assert.equal(
      claimFile(join(dir, 'fresh')),
      false,
      'a claim held by this very process is not taken twice',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
