import { renderValue } from '../../language/eval/template.ts';
import type { TemplateScope } from '../../language/model/observation.ts';
import type { BodyParse, RequestSpec, RequestTarget } from '../../language/model/steps.ts';
import type { ClientSettings } from '../config/settings.ts';
import { STEP_LIMITS } from '../load/step-limits.ts';
import { boundedNumberFrom } from './rendered-number.ts';

/** A request step rendered into what goes on the wire. */
export interface BuiltRequest {
  readonly target: RequestTarget;
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** Seconds; undefined for `timeout: none`. */
  readonly timeoutSeconds?: number;
  /** How the body is parsed unless the step's expect says otherwise. */
  readonly defaultParse: BodyParse;
}

export const DEFAULT_REQUEST_TIMEOUT_SECONDS = 30;

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

/** Headers merged case-insensitively: a later name replaces an earlier one whatever its case. */
class HeaderSet {
  private readonly entries = new Map<string, [string, string]>();
  set(name: string, value: string): void {
    this.entries.set(name.toLowerCase(), [name, value]);
  }
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.entries.values());
  }
}

function baseUrl(target: RequestTarget, settings: ClientSettings): string {
  switch (target) {
    case 'gateway':
    case 'invoke':
      return settings.gateway_url;
    case 'victorialogs':
      return settings.victorialogs_url;
    case 'agent_metrics':
      return settings.agent_metrics_url;
    case 's3':
      return settings.s3_url;
  }
}

/**
 * Renders a request step: URL per target, query parameters, JSON or text body, the bearer token when `auth` is
 * `token` (the default for gateway requests), then the step's own headers, which win over the derived ones.
 */
export function buildRequest(
  spec: RequestSpec,
  scope: TemplateScope,
  settings: ClientSettings,
  token: string | undefined,
): BuiltRequest {
  const target = spec.target ?? 'gateway';
  const render = (value: unknown) => renderValue(value, scope);
  let url: string;
  if (target === 'invoke') {
    if (spec.function === undefined)
      throw new TypeError('an invoke request needs `function` (the function name)');
    url = `${settings.gateway_url}/2015-03-31/functions/${text(render(spec.function))}/invocations`;
  } else {
    if (spec.path === undefined) throw new TypeError(`a ${target} request needs \`path\`, e.g. /health`);
    url = `${baseUrl(target, settings)}${text(render(spec.path))}`;
  }
  if (spec.query !== undefined) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(spec.query)) params.append(name, text(render(value)));
    url += (url.includes('?') ? '&' : '?') + params.toString();
  }

  const headers = new HeaderSet();
  let body: string | undefined;
  if (spec.json !== undefined) {
    body = JSON.stringify(render(spec.json));
    headers.set('Content-Type', 'application/json');
  } else if (spec.text !== undefined) {
    body = text(render(spec.text));
  }
  const auth = spec.auth ?? (target === 'gateway' ? 'token' : 'none');
  if (auth === 'token') {
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    else if (spec.auth === 'token') {
      throw new TypeError('`auth: token` needs a login; give the case `fixture: auth` (the default)');
    }
  }
  if (target === 'invoke' && spec.invocation_type !== undefined) {
    headers.set('X-Amz-Invocation-Type', text(render(spec.invocation_type)));
  }
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers.set(name, text(render(value)));

  const method = spec.method?.toUpperCase() ?? (target === 'invoke' || body !== undefined ? 'POST' : 'GET');
  const timeout =
    spec.timeout === 'none' ? undefined : render(spec.timeout ?? DEFAULT_REQUEST_TIMEOUT_SECONDS);
  return {
    target,
    method,
    url,
    headers: headers.toRecord(),
    body,
    timeoutSeconds:
      timeout === undefined || timeout === 'none'
        ? undefined
        : boundedNumberFrom(timeout, 'request.timeout', STEP_LIMITS.timeoutSeconds),
    defaultParse: target === 'victorialogs' ? 'json_lines' : 'json',
  };
}
