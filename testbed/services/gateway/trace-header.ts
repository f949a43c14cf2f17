import { randomBytes } from 'node:crypto';

/** An X-Amzn-Trace-Id value (contract §5.4): Root, optional Parent, Sampled. */
export interface TraceHeader {
  readonly root: string;
  readonly parent?: string;
  readonly sampled: string;
}

/** Parses an inbound header; undefined when it carries no Root. */
export function parseTraceHeader(value: string | undefined): TraceHeader | undefined {
  if (!value) return undefined;
  const parts = new Map<string, string>();
  for (const piece of value.split(';')) {
    const at = piece.indexOf('=');
    if (at > 0) parts.set(piece.slice(0, at).trim(), piece.slice(at + 1).trim());
  }
  const root = parts.get('Root');
  if (!root) return undefined;
  const parent = parts.get('Parent');
  return { root, sampled: parts.get('Sampled') ?? '1', ...(parent ? { parent } : {}) };
}

/** A gateway-generated trace: 8-digit zero-padded hex epoch, 24 random hex, sampled. */
export function newTrace(now = Date.now()): TraceHeader {
  const epoch = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return { root: `1-${epoch}-${randomBytes(12).toString('hex')}`, sampled: '1' };
}

/** The normalised full form, as echoed in responses and logged on gateway records. */
export function formatTraceHeader(trace: TraceHeader): string {
  return [
    `Root=${trace.root}`,
    ...(trace.parent ? [`Parent=${trace.parent}`] : []),
    `Sampled=${trace.sampled}`,
  ].join(';');
}
