import { parseBody } from '../../../language/eval/parse-body.ts';
import type { HttpObservation } from '../../../language/model/observation.ts';
import type { BodyParse, RequestStep } from '../../../language/model/steps.ts';
import { proxyFromEnv } from '../../config/proxy.ts';
import { ReadTimeoutError, sendHttp, TransportError } from '../http-client.ts';
import { observeAndCheck } from '../observe.ts';
import { buildRequest, DEFAULT_REQUEST_TIMEOUT_SECONDS } from '../request-build.ts';
import { describeError, type HttpEvidence } from '../step-failure.ts';
import type { SchemaObject, StepKindEntry } from '../step-kind-entry.ts';

/** How parseBody's result was read: JSON that did not parse stays text (docs: "kept as text"). */
function parsedAs(as: BodyParse, text: string, body: unknown): HttpObservation['parsedAs'] {
  if (as === 'json' && typeof body === 'string' && !text.trimStart().startsWith('"')) return 'text';
  return as;
}

/** The schema of a step's `request`: where it goes, and what it sends. */
/**
 * What a request with `timeout: none` counts as in the case's default deadline: it has no bound of its own, so the
 * case's deadline is what ends it.
 */
const UNTIMED_REQUEST_BOUND_SECONDS = 120;

const REQUEST_SCHEMA: SchemaObject = {
  description:
    "An HTTP request to the gateway (default), the Invoke API, VictoriaLogs, the agent's metrics or S3. Give json or text as the body, not both.",
  type: 'object',
  additionalProperties: false,
  properties: {
    target: {
      description:
        "gateway (GATEWAY_URL, default), invoke (POST {GW}/2015-03-31/functions/<function>/invocations), victorialogs, agent_metrics or s3 (http://localhost:PORT_S3, unsigned: e.g. a presigned URL's path).",
      enum: ['gateway', 'invoke', 'victorialogs', 'agent_metrics', 's3'],
    },
    method: {
      description: 'HTTP method; default POST when json or text is given, else GET.',
      enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    },
    path: {
      description: 'Request path, e.g. /api/echo (gateway, victorialogs, agent_metrics, s3).',
      $ref: '#/$defs/templatedString',
    },
    function: {
      description: 'invoke only: the function name.',
      $ref: '#/$defs/templatedString',
    },
    invocation_type: {
      description: 'invoke only: X-Amz-Invocation-Type, e.g. Event or RequestResponse.',
      $ref: '#/$defs/templatedString',
    },
    query: {
      description: 'URL query parameters: name -> value (templated).',
      type: 'object',
      additionalProperties: {
        description: 'A parameter value: text (templated), a number or a boolean.',
        anyOf: [
          {
            type: 'string',
          },
          {
            type: 'number',
          },
          {
            type: 'boolean',
          },
        ],
      },
    },
    headers: {
      description: 'Request headers: name -> value (templated).',
      type: 'object',
      additionalProperties: {
        $ref: '#/$defs/templatedString',
      },
    },
    json: {
      description: 'JSON body: any YAML value, templated recursively.',
    },
    text: {
      description: 'Raw text body.',
      $ref: '#/$defs/templatedString',
    },
    auth: {
      description:
        'token sends the login token; none sends none. Default token for gateway, none for the other targets.',
      enum: ['token', 'none'],
    },
    timeout: {
      description:
        'Seconds (default 30): more than 0 and at most 86400 (one day); a template string with ${…} yielding seconds; or none to send without a timeout.',
      anyOf: [
        {
          description: 'Seconds, more than 0 and at most 86400.',
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 86400,
        },
        {
          description: 'none, or a template string containing ${…}.',
          type: 'string',
          pattern: '^none$|\\$\\{',
        },
      ],
    },
  },
  dependentSchemas: {
    json: {
      properties: {
        text: false,
      },
    },
  },
  if: {
    required: ['target'],
    properties: {
      target: {
        const: 'invoke',
      },
    },
  },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then, plain data that nothing awaits
  then: {
    required: ['function'],
    properties: {
      function: true,
      path: false,
    },
  },
  else: {
    required: ['path'],
    properties: {
      path: true,
      function: false,
      invocation_type: false,
    },
  },
};

/** `request`: one HTTP exchange per attempt against the gateway, Invoke API, VictoriaLogs or agent metrics. */
export const requestStep: StepKindEntry<RequestStep, 'request'> = {
  name: 'request',
  doc: "Sends one HTTP request per attempt to the gateway, the Invoke API, VictoriaLogs, the agent's metrics or S3.",
  properties: { request: { $ref: '#/$defs/request' } },
  defs: { request: REQUEST_SCHEMA },
  observes: true,
  boundSeconds: (step, bounds) =>
    step.request.timeout === 'none'
      ? UNTIMED_REQUEST_BOUND_SECONDS
      : bounds.number(
          step.request.timeout ?? DEFAULT_REQUEST_TIMEOUT_SECONDS,
          DEFAULT_REQUEST_TIMEOUT_SECONDS,
        ),
  examples: [
    {
      name: 'echo',
      request: { path: '/api/echo', json: { message: 'hello' } },
      expect: { status: 200, assert: [{ path: '$.message', equals: 'Echo: hello' }] },
    },
    {
      request: { target: 'invoke', function: 'lambda-echo', invocation_type: 'Event', json: {} },
      expect: { status: 202 },
    },
  ],
  async execute(step, ctx) {
    const { run, token } = ctx.runtime;
    let evidence: HttpEvidence | undefined;
    await observeAndCheck(step, ctx, {
      async attempt(scope) {
        const built = buildRequest(step.request, scope, run.settings, token);
        const request = { method: built.method, url: built.url, headers: built.headers, body: built.body };
        evidence = { kind: 'http', request };
        ctx.runtime.activity.waitingFor = `the answer to ${request.method} ${request.url}`;
        try {
          const response = await sendHttp({
            ...request,
            timeoutSeconds: built.timeoutSeconds,
            verifySsl: run.settings.verify_ssl,
            proxy: proxyFromEnv(run.env),
            signal: run.signal,
          });
          evidence = { kind: 'http', request, response };
          const as = step.expect?.parse ?? step.poll?.until?.parse ?? built.defaultParse;
          const body = parseBody(response.text, as);
          return {
            kind: 'http',
            status: response.status,
            headers: response.headers,
            text: response.text,
            body,
            parsedAs: parsedAs(as, response.text, body),
            latencyMs: response.latencyMs,
          };
        } catch (error) {
          evidence = { kind: 'http', request, error: describeError(error) };
          throw error;
        }
      },
      isTransportError: (error) => error instanceof TransportError,
      isReadTimeout: (error) => error instanceof ReadTimeoutError,
      evidence: () => evidence,
    });
  },
};
