import type { WorkerHandle, WorkerProvisioner } from './worker-pool.ts';

/** Metrics of one worker as the agent reports them, or why it could not. */
export type WorkerMetricsAnswer = { status: number; body: Record<string, unknown> };

/** HTTP client of the agent API (testbed/README.md). */
export class AgentClient implements WorkerProvisioner {
  constructor(private readonly baseUrl: string) {}

  async create(functionName: string): Promise<WorkerHandle> {
    const response = await fetch(`${this.baseUrl}/v1/workers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ functionName }),
      signal: AbortSignal.timeout(30_000),
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status !== 201) throw new Error(String(body.message ?? `agent answered ${response.status}`));
    return body as unknown as WorkerHandle;
  }

  async remove(workerId: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/v1/workers/${encodeURIComponent(workerId)}`, {
      method: 'DELETE',
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
  }

  async removeAll(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/v1/workers`, {
      method: 'DELETE',
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`agent answered ${response.status}`);
  }

  async list(): Promise<WorkerHandle[]> {
    const response = await fetch(`${this.baseUrl}/v1/workers`, { signal: AbortSignal.timeout(10_000) });
    const body = (await response.json()) as { workers?: WorkerHandle[] };
    return body.workers ?? [];
  }

  async metrics(workerId: string): Promise<WorkerMetricsAnswer> {
    const response = await fetch(`${this.baseUrl}/v1/workers/${encodeURIComponent(workerId)}/metrics`, {
      signal: AbortSignal.timeout(10_000),
    });
    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as Record<string, unknown>,
    };
  }

  async heartbeat(): Promise<void> {
    const response = await fetch(`${this.baseUrl}/v1/heartbeat`, { signal: AbortSignal.timeout(5_000) });
    await response.arrayBuffer();
  }
}
