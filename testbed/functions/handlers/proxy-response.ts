import { pythonJsonDumps } from './python-json.ts';

/** An API Gateway proxy response as the fixtures return it (contract §4.1). */
export interface ProxyResponse {
  readonly statusCode: number;
  readonly headers: { readonly 'Content-Type': 'application/json' };
  readonly body: string;
}

/** The Python fixtures' `create_response`: the body serialised by `json.dumps`. */
export function pythonProxyResponse(statusCode: number, body: unknown): ProxyResponse {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: pythonJsonDumps(body) };
}

/** The Java fixtures' response map: the body serialised compactly, as Jackson writes it. */
export function javaProxyResponse(statusCode: number, body: unknown): ProxyResponse {
  return { statusCode, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
}
