import { postText } from './post-text.ts';

/** A log record as a service or function emits it; `message` becomes `_msg` in VictoriaLogs. */
export type LogRecord = Record<string, unknown> & { message: string };

export interface LogShipper {
  /** Queues one record; it also goes to stdout as a JSON line so `docker logs` shows it. */
  ship(record: LogRecord): void;
  /** Sends everything queued; resolves when VictoriaLogs accepted it (or the attempt failed). */
  flush(): Promise<void>;
}

/** A batch that gets no answer this long is kept for the next attempt. */
const SEND_TIMEOUT_MS = 10_000;

/** Path and query of the VictoriaLogs JSON-lines insert endpoint, as ESB's shippers call it (contract §7.1). */
export const INSERT_PATH =
  '/insert/jsonline?_stream_fields=container_name,job&_msg_field=message&_time_field=_time';

/**
 * Ships records to VictoriaLogs in small batches, every `intervalMs` or when `flush` is called. Shipping is
 * best effort: a failed POST is retried once with the next batch, never blocking the caller.
 */
export function createLogShipper(options: {
  url: string | undefined;
  intervalMs?: number;
  echo?: boolean;
}): LogShipper {
  let queue: string[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  const echo = options.echo ?? true;
  const send = async (): Promise<void> => {
    if (options.url === undefined || queue.length === 0) return;
    const body = `${queue.join('\n')}\n`;
    const sent = queue;
    queue = [];
    try {
      const { status } = await postText(`${options.url}${INSERT_PATH}`, body, {
        headers: { 'content-type': 'application/stream+json' },
        timeoutMs: SEND_TIMEOUT_MS,
      });
      if (status < 200 || status > 299) throw new Error(`status ${status}`);
    } catch {
      queue = [...sent, ...queue].slice(-10_000);
    }
  };
  const timer = setInterval(() => {
    inFlight = inFlight.then(send);
  }, options.intervalMs ?? 200);
  timer.unref();
  return {
    ship(record) {
      const line = JSON.stringify(record);
      if (echo) process.stdout.write(`${line}\n`);
      queue.push(line);
    },
    flush() {
      inFlight = inFlight.then(send);
      return inFlight;
    },
  };
}
