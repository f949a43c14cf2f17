import { randomBytes } from 'node:crypto';

/** An X-Amzn-Trace-Id value (contract §5.4): Root, optional Parent, Sampled. */
export interface TraceHeader {
  readonly root: string;
  readonly parent?: string;
  readonly sampled: string;
}

/**
 * The trace a function sees (and the gateway logs) for an inbound header, as ESB's gateway reads it: a value
 * without `=` (a bare root, or anything else) is the root; otherwise its `Root`, `Parent` and `Sampled` keys
 * (case-sensitive: `root=` is no Root, and the root is then empty), Sampled 1 by default. Undefined for no header.
 */
export function parseTraceHeader(value: string | undefined): TraceHeader | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (!text.includes('=')) return { root: text, sampled: '1' };
  const parts = new Map<string, string>();
  for (const piece of text.split(';')) {
    const at = piece.indexOf('=');
    if (at > 0) parts.set(piece.slice(0, at).trim(), piece.slice(at + 1).trim());
  }
  const parent = parts.get('Parent');
  return {
    root: parts.get('Root') ?? '',
    sampled: parts.get('Sampled') ?? '1',
    ...(parent ? { parent } : {}),
  };
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
