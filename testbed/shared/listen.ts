import type { Server as NetServer } from 'node:net';

/**
 * Starts a server on `host:port` (0 picks a free port) and resolves with the port it got. A listen error
 * (port taken) rejects instead of being thrown later as an unhandled 'error' event.
 */
export function listen(server: NetServer, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      // A TCP listener's address is always an object; a string would be a pipe path.
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}
