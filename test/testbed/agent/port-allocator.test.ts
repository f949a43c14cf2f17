import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { describe, it } from 'node:test';
import { PortAllocator, portIsFree } from '../../../testbed/services/agent/port-allocator.ts';

function listenOn(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('worker port allocation', () => {
  it('hands out the lowest free port, never one already held, and reuses released ports', async () => {
    const ports = new PortAllocator(18760, 18762);
    assert.equal(await ports.acquire(), 18760);
    assert.equal(await ports.acquire(), 18761);
    ports.release(18760);
    assert.equal(await ports.acquire(), 18760);
    assert.equal(await ports.acquire(), 18762);
    assert.equal(await ports.acquire(), undefined);
  });

  it('never hands out one port twice to concurrent requests', async () => {
    const ports = new PortAllocator(18763, 18766);
    const got = await Promise.all([ports.acquire(), ports.acquire(), ports.acquire(), ports.acquire()]);
    assert.deepEqual([...got].sort(), [18763, 18764, 18765, 18766]);
  });

  it('skips a port another process listens on, and keeps adopted ports', async () => {
    const busy = await listenOn(18767);
    try {
      assert.equal(await portIsFree(18767), false);
      const ports = new PortAllocator(18767, 18769);
      ports.hold(18768);
      assert.equal(await ports.acquire(), 18769);
      assert.equal(await ports.acquire(), undefined);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it('refuses an empty range', () => {
    assert.throws(() => new PortAllocator(18770, 18769), /invalid worker port range/);
  });
});
