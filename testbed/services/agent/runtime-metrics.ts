import type { MetricFamily } from './prometheus-text.ts';

/** When this process started, in Unix seconds: what `process_start_time_seconds` reports. */
const startTimeSeconds = Math.round(Date.now() / 1000 - process.uptime());

/**
 * The Go runtime collector's families, emulated from the Node process so the agent metrics carry the names
 * ESB's Go agent exposes (contract §6): live async resources stand in for goroutines, the used heap for
 * allocated bytes.
 */
export function runtimeFamilies(): MetricFamily[] {
  const memory = process.memoryUsage();
  const gauge = (name: string, help: string, value: number): MetricFamily => ({
    name,
    help,
    type: 'gauge',
    samples: [{ name, value }],
  });
  return [
    gauge(
      'go_goroutines',
      'Number of goroutines that currently exist.',
      process.getActiveResourcesInfo().length,
    ),
    gauge('go_memstats_alloc_bytes', 'Number of bytes allocated and still in use.', memory.heapUsed),
    gauge(
      'go_memstats_heap_alloc_bytes',
      'Number of heap bytes allocated and still in use.',
      memory.heapUsed,
    ),
    gauge('go_memstats_sys_bytes', 'Number of bytes obtained from system.', memory.rss),
    gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', memory.rss),
    gauge(
      'process_start_time_seconds',
      'Start time of the process since unix epoch in seconds.',
      startTimeSeconds,
    ),
  ];
}
