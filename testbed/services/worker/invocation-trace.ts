/**
 * The trace as a worker sees it (contract §5.4): the gateway sends the full header both as
 * `x-amzn-trace-id` and inside the base64 ClientContext `{"custom":{"trace_id":…}}`.
 */

/** The ClientContext header value carrying a trace, as the gateway and the SDK hook encode it. */
export function clientContextFor(traceHeader: string): string {
  return Buffer.from(JSON.stringify({ custom: { trace_id: traceHeader } })).toString('base64');
}

/** `custom.trace_id` (or `custom._X_AMZN_TRACE_ID`) of a base64 ClientContext; undefined when unreadable. */
function traceInClientContext(clientContext: string | undefined): string | undefined {
  if (!clientContext) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientContext, 'base64').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const custom = (parsed as { custom?: unknown }).custom;
    if (typeof custom !== 'object' || custom === null) return undefined;
    const { trace_id: traceId, _X_AMZN_TRACE_ID: envTrace } = custom as Record<string, unknown>;
    if (typeof traceId === 'string' && traceId.trim()) return traceId.trim();
    if (typeof envTrace === 'string' && envTrace.trim()) return envTrace.trim();
  } catch {
    // Not base64 JSON: fall back to the plain header.
  }
  return undefined;
}

/**
 * The invocation's trace in full form. ESB's runtime hook hydrates it from the ClientContext (the Lambda RIE
 * ignores the header); the header is the fallback.
 */
export function invocationTrace(headers: {
  traceHeader: string | undefined;
  clientContext: string | undefined;
}): string | undefined {
  return traceInClientContext(headers.clientContext) ?? (headers.traceHeader?.trim() || undefined);
}

/** The bare root (`1-…-…`) of a full header, as Java records store it; a value without `Root=` is kept. */
export function bareTraceRoot(traceHeader: string): string {
  for (const piece of traceHeader.split(';')) {
    const at = piece.indexOf('=');
    if (at > 0 && piece.slice(0, at).trim() === 'Root') return piece.slice(at + 1).trim();
  }
  return traceHeader.trim();
}
