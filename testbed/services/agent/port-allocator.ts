import { createServer } from 'node:net';

/** Whether nothing listens on `host:port` yet: a short exclusive listen that is closed again at once. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/**
 * Hands out worker ports from WORKER_PORT_MIN..WORKER_PORT_MAX, lowest first. A port stays held from the
 * moment it is handed out until `release`, so two live workers never share one. A port some other process
 * already listens on (a stray worker, another test) is skipped, so a worker never fails only because its
 * port was taken behind the agent's back.
 */
export class PortAllocator {
  readonly #held = new Set<number>();

  constructor(
    private readonly min: number,
    private readonly max: number,
    private readonly host = '127.0.0.1',
  ) {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min > max)
      throw new Error(`invalid worker port range ${min}..${max}`);
  }

  /** A free port, now held; undefined when every port of the range is held or busy. */
  async acquire(): Promise<number | undefined> {
    for (let port = this.min; port <= this.max; port++) {
      if (this.#held.has(port)) continue;
      // Held before the asynchronous probe, so a concurrent acquire cannot pick the same port meanwhile.
      this.#held.add(port);
      if (await portIsFree(port, this.host)) return port;
      this.#held.delete(port);
    }
    return undefined;
  }

  /** Marks a port as held without probing: for workers adopted at start, which already listen on it. */
  hold(port: number): void {
    this.#held.add(port);
  }

  release(port: number): void {
    this.#held.delete(port);
  }

  isHeld(port: number): boolean {
    return this.#held.has(port);
  }
}
