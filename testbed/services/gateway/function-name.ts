/**
 * The Invoke API's FunctionName as ESB resolves it from 2026-03-02 on (contract-head §5.3): URL-decoded and
 * trimmed, then a full ARN, a partial ARN or `name:qualifier` stands for the plain name. The qualifier is
 * ignored: ESB has no versions or aliases.
 */
export interface ResolvedFunctionName {
  /** The path segment as it came, decoded and trimmed. */
  readonly original: string;
  readonly resolved: string;
  readonly qualifier: string | undefined;
}

const FULL_ARN = /^arn:[^:]+:lambda:[^:]+:\d{12}:function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^\d{12}:function:([^:]+)(?::([^:]+))?$/;
const QUALIFIED = /^([^:]+):([^:]+)$/;

/** The name the registry, the pool and the breaker use; undefined for an empty name (the 400). */
export function resolveFunctionName(decoded: string): ResolvedFunctionName | undefined {
  const original = decoded.trim();
  if (original === '') return undefined;
  for (const form of [FULL_ARN, PARTIAL_ARN, QUALIFIED]) {
    const match = form.exec(original);
    if (match !== null) return { original, resolved: match[1] as string, qualifier: match[2] };
  }
  return { original, resolved: original, qualifier: undefined };
}
