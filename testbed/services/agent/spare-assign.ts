import { request } from 'node:http';
import { ASSIGN_PATH, type AssignBody } from '../../shared/worker-standby.ts';
import type { WorkerRecord } from './worker-backend.ts';

/** Longer than any function load the fixtures have (the AWS SDK is the largest), short of the health limit. */
const ASSIGN_TIMEOUT_MS = 10_000;

/**
 * Sends a spare its function (testbed/shared/worker-standby.ts): resolves once the spare answered 200, i.e. the
 * function is loaded and served on the spare's port; rejects with the spare's answer otherwise.
 */
export function postAssignment(spare: WorkerRecord, env: Readonly<Record<string, string>>): Promise<void> {
  const body = JSON.stringify({ env } satisfies AssignBody);
  return new Promise((resolve, reject) => {
    const call = request(
      {
        host: spare.host,
        port: spare.port,
        method: 'POST',
        path: ASSIGN_PATH,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: ASSIGN_TIMEOUT_MS,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => {
          if (response.statusCode === 200) resolve();
          else
            reject(
              new Error(
                `spare ${spare.name} refused the assignment: ${response.statusCode} ${Buffer.concat(chunks).toString('utf8')}`,
              ),
            );
        });
        response.once('error', reject);
      },
    );
    call.once('timeout', () =>
      call.destroy(new Error(`spare ${spare.name} did not answer within ${ASSIGN_TIMEOUT_MS} ms`)),
    );
    call.once('error', reject);
    call.end(body);
  });
}
