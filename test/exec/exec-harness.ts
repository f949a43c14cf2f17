import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { HookDefinition, HookScope } from '../../hooks/hook-types.ts';
import { FixtureCache, type HealthTiming } from '../../runner/exec/fixtures.ts';
import { type CaseResult, type ExecutableCase, runCase } from '../../runner/exec/run-case.ts';
import { createRunContext, type RunContext } from '../../runner/exec/run-context.ts';
import { caseExecution, type RawExecution } from '../../runner/load/case-execution.ts';
import { parseYamlSource } from '../../runner/load/yaml-source.ts';
import { reply, type SeenRequest, startServer, type TestServer } from './test-server.ts';

export const SECRETS = {
  X_API_KEY: 'apikey-SECRET-4242',
  AUTH_USER: 'e2e-user',
  AUTH_PASS: 'authpass-SECRET-7777',
};
export const TOKEN = 'jwt-TOKEN-SECRET-abcdef0123';

/** A per-path script of answers for the gateway stand-in; unlisted paths echo the request as JSON. */
export type Route = (req: SeenRequest, res: ServerResponse, n: number) => void;

/**
 * A gateway stand-in over HTTPS with a self-signed certificate: /health, the login, and routes given by the test.
 * Every other path echoes method, path, headers and body. `n` counts the requests of each route.
 */
export async function startGateway(routes: Record<string, Route> = {}): Promise<TestServer> {
  const counts = new Map<string, number>();
  return startServer(
    (req, res) => {
      const path = req.url.split('?')[0] ?? '';
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const route = routes[path];
      if (route) return route(req, res, n);
      if (path === '/health') return reply(res, 200, { status: 'healthy' });
      if (path === '/user/auth/v1' && req.method === 'POST') {
        return reply(res, 200, { AuthenticationResult: { IdToken: TOKEN } });
      }
      reply(res, 200, {
        method: req.method,
        url: req.url,
        authorization: req.headers.authorization ?? null,
        headers: req.headers,
        body: req.body,
      });
    },
    { tls: true },
  );
}

/** A project folder with catalogue files written by the test, removed by `cleanup`. */
export class Project {
  readonly root = mkdtempSync(join(tmpdir(), 'exec-project-'));
  readonly lockDir = join(this.root, '.locks');

  /** Writes `catalog/<name>.yaml` and returns its cases, ready for runCase (defaults filled in as the loader does). */
  cases(name: string, yaml: string): ExecutableCase[] {
    const file = `catalog/${name}.yaml`;
    const path = join(this.root, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, yaml);
    const parsed = parseYamlSource(file, yaml);
    if (!parsed.ok) throw new Error(parsed.diagnostics.map((d) => d.message).join('\n'));
    const { source } = parsed;
    const raw = (source.data as { cases: Record<string, unknown>[] }).cases;
    return raw.map((c, index) => {
      // The loader's own defaults (runner/load/case-execution.ts), so the harness cannot drift from them.
      const execution = caseExecution(c as RawExecution);
      return {
        id: String(c.id),
        name: String(c.test),
        params: (c.params as Record<string, string>) ?? {},
        site: { file, path: ['cases', index], locate: (p) => source.locate(p) },
        execution,
      };
    });
  }

  context(
    gateway: TestServer | undefined,
    options: {
      env?: Record<string, string>;
      hooks?: Record<string, HookDefinition>;
      allow?: HookScope[];
      health?: HealthTiming;
      signal?: AbortSignal;
    } = {},
  ): RunContext {
    return createRunContext({
      projectRoot: this.root,
      env: { ...SECRETS, GATEWAY_URL: gateway?.url ?? 'https://127.0.0.1:1', ...options.env },
      lockDir: this.lockDir,
      hooks: options.hooks ?? {},
      allowedHookScopes: options.allow,
      signal: options.signal,
      fixtures: new FixtureCache(options.health),
    });
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Runs the first case of a YAML file against a gateway. */
export async function runYaml(
  project: Project,
  gateway: TestServer | undefined,
  yaml: string,
  options: Parameters<Project['context']>[1] = {},
): Promise<CaseResult> {
  const [first] = project.cases(`t${Math.random().toString(16).slice(2, 8)}`, yaml);
  if (first === undefined) throw new Error('the YAML holds no case');
  return runCase(first, project.context(gateway, options));
}

/** A message for assert.equal that shows the failure text when a case did not pass. */
export const why = (result: CaseResult) => result.failure ?? result.reason ?? '';
