import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { postText } from '../../../testbed/shared/post-text.ts';

// A raw HTTP/1.1 server on loopback that answers the first request of each connection with keep-alive and then,
// when a second request arrives on that connection, closes it unanswered: what a server closing an idle
// connection does when a client reuses it at that moment.
const sockets = new Set<Socket>();
let connections = 0;
let dropFirstRequest = false;
const server = createServer((socket) => {
  connections++;
  sockets.add(socket);
  socket.once('close', () => sockets.delete(socket));
  let requests = 0;
  let buffered = '';
  socket.on('data', (chunk) => {
    buffered += chunk.toString('latin1');
    while (buffered.includes('\r\n\r\n')) {
      const end = buffered.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/i.exec(buffered.slice(0, end))?.[1] ?? 0);
      if (buffered.length < end + 4 + length) return;
      buffered = buffered.slice(end + 4 + length);
      requests++;
      if (requests > 1 || dropFirstRequest) {
        socket.resetAndDestroy();
        return;
      }
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: keep-alive\r\n\r\nok');
    }
  });
});
const port = await new Promise<number>((resolve) =>
  server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
);
after(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((r) => server.close(r));
});

describe('postText', () => {
  it('sends a request again, once, on a new connection when a reused keep-alive connection is reset', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = `http://127.0.0.1:${port}/invoke`;
    const options = { headers: { 'content-type': 'text/plain' }, timeoutMs: 5_000, agent };
    connections = 0;
    assert.equal((await postText(url, 'first', options)).body, 'ok');
    // The same connection is reused and reset unanswered: the request goes out again on a second one.
    assert.equal((await postText(url, 'second', options)).body, 'ok');
    assert.equal(connections, 2);
    agent.destroy();
  });

  it('does not send again when a new connection is reset: the server may have read the request', async () => {
    const agent = new Agent({ keepAlive: true });
    dropFirstRequest = true;
    connections = 0;
    try {
      await assert.rejects(
        postText(`http://127.0.0.1:${port}/invoke`, 'once', { headers: {}, timeoutMs: 5_000, agent }),
        /ECONNRESET|socket hang up/,
      );
      assert.equal(connections, 1);
    } finally {
      dropFirstRequest = false;
      agent.destroy();
    }
  });
});
