import type { FaultName } from '../../faults/fault-table.ts';
import { esbBehaviour } from '../../revisions/esb-behaviour.ts';
import { presignGetUrl } from '../../shared/presign-get.ts';
import type { ServiceConfig } from '../../shared/service-env.ts';
import type { StdoutHook } from './stdout-hook.ts';

/** What a presigner needs of its worker (run-invocation.ts's WorkerRuntime has it). */
interface PresigningWorker {
  readonly config: ServiceConfig;
  readonly faults: ReadonlySet<FaultName>;
}

/** The region of the functions' credential scope (AWS_DEFAULT_REGION in ESB's functions.yml defaults). */
const FUNCTION_REGION = 'ap-northeast-1';

/** Workers that have announced their presign redirect (the hook prints it when its client is first made). */
const announced = new WeakSet<PresigningWorker>();

/**
 * What ESB's Python hook does for presigned URLs from 2026-03-02 on (contract-head §9): the gateway injects
 * S3_PRESIGN_ENDPOINT=http://localhost:<PORT_S3>, and every presign is signed for it, with the worker's S3
 * credentials. Undefined for a revision without it. Fault presign-internal-endpoint: the endpoint is not
 * injected, so URLs name the internal S3 endpoint.
 */
export function presignerFor(
  worker: PresigningWorker,
  stdout: StdoutHook,
): ((bucket: string, key: string, expiresSeconds: number) => string) | undefined {
  if (!esbBehaviour(worker.config.esb).presignGet) return undefined;
  const host = worker.faults.has('presign-internal-endpoint') ? '127.0.0.1' : 'localhost';
  const endpoint = `http://${host}:${worker.config.ports.s3}`;
  return (bucket, key, expiresSeconds) => {
    if (!announced.has(worker)) {
      announced.add(worker);
      stdout.writeText(`[sitecustomize] Redirecting s3 presign methods to ${endpoint}`);
    }
    return presignGetUrl({
      endpoint,
      // Path style, as the hook's redirect client is configured: /<bucket>/<key>.
      pathSegments: [bucket, ...key.split('/')],
      expiresSeconds,
      region: FUNCTION_REGION,
      accessKeyId: worker.config.credentials.s3AccessKey,
      secretAccessKey: worker.config.credentials.s3SecretKey,
    });
  };
}
