import { parseBody } from '../../../language/eval/parse-body.ts';
import type { HttpObservation } from '../../../language/model/observation.ts';
import type { BodyParse, RequestStep } from '../../../language/model/steps.ts';
import { proxyFromEnv } from '../../config/proxy.ts';
import { ReadTimeoutError, sendHttp, TransportError } from '../http-client.ts';
import { observeAndCheck } from '../observe.ts';
import { buildRequest } from '../request-build.ts';
import type { StepExecutor } from '../step-context.ts';
import { describeError, type HttpEvidence } from '../step-failure.ts';

/** How parseBody's result was read: JSON that did not parse stays text (docs: "kept as text"). */
function parsedAs(as: BodyParse, text: string, body: unknown): HttpObservation['parsedAs'] {
  if (as === 'json' && typeof body === 'string' && !text.trimStart().startsWith('"')) return 'text';
  return as;
}

/** `request`: one HTTP exchange per attempt against the gateway, Invoke API, VictoriaLogs or agent metrics. */
export const requestStep: StepExecutor<RequestStep> = async (step, ctx) => {
  const { run, token } = ctx.runtime;
  let evidence: HttpEvidence | undefined;
  await observeAndCheck(step, ctx, {
    async attempt(scope) {
      const built = buildRequest(step.request, scope, run.settings, token);
      const request = { method: built.method, url: built.url, headers: built.headers, body: built.body };
      evidence = { kind: 'http', request };
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
};
