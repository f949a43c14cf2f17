import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCommand } from '../../runner/cli/run-command.ts';
import type { PreparedTarget, RunTarget } from '../../runner/targets/run-target.ts';
import { listenOnLoopback } from '../exec/test-server.ts';
import { runInProcess } from '../helpers/in-process-cli.ts';
import { scratchProject } from '../helpers/scratch-project.ts';

// A target with a platform lane (runner/targets/run-target.ts), over two loopback "platforms": plain HTTP servers
// that answer /health and note which case asked. The cases that take the whole platform must reach the second.
const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-platform-lane-'));
const servers: Server[] = [];
after(async () => {
  for (const server of servers) await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const CASE = (id: string, test: string, resources: string) => `
  - test: ${test}
    id: ${id}
    anchor: desc-${id.toLowerCase()}
    category: 機能系
    fixture: none
    doc: { guarantee: 保証する。, input: 入力する。, pass_criteria: 合格すること。, failure_hint: 確認する。 }${resources}
    steps:
      - name: health
        request: { path: "/health?case=${id}", auth: none }
        expect: { status: 200 }
`;
const project = scratchProject(join(dir, 'project'), {
  env: 'e2e-docker',
  scenario: 'smoke',
  file: 'test_lanes.yaml',
  cases: `cases:${CASE('LAN-001', 'test_beside', '')}${CASE(
    'LAN-002',
    'test_taking_the_platform',
    '\n    resources: { exclusive: [platform] }',
  )}`,
});

interface Platform {
  readonly cases: string[];
  readonly clientEnv: Record<string, string>;
  /** Resolves with the first case that asks this platform. */
  readonly firstCase: Promise<string>;
}

async function platform(): Promise<Platform> {
  const cases: string[] = [];
  let asked: (id: string) => void = () => undefined;
  const firstCase = new Promise<string>((resolve) => {
    asked = resolve;
  });
  const server = createServer((request, response) => {
    const id = new URL(request.url ?? '/', 'http://platform').searchParams.get('case');
    if (id !== null) {
      cases.push(id);
      asked(id);
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"healthy"}');
  });
  servers.push(server);
  const { port } = await listenOnLoopback(server, 'http');
  const clientEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) clientEnv[key] = value;
  Object.assign(clientEnv, {
    GATEWAY_URL: `http://127.0.0.1:${port}`,
    X_API_KEY: 'lane-test-api-key-0123',
    AUTH_USER: 'lane-user',
    AUTH_PASS: 'lane-password-0123',
  });
  return { cases, clientEnv, firstCase };
}

const prepared = (on: Platform, released: string[], name: string): PreparedTarget => ({
  clientEnv: on.clientEnv,
  setupSeconds: 0,
  release: async () => {
    released.push(name);
    return [];
  },
});

/** A second platform that is ready only once `after` resolves, or never (an Error). */
function laneTarget(
  first: Platform,
  second: Platform | Error,
  released: string[],
  after: Promise<unknown> = Promise.resolve(),
): RunTarget {
  return {
    name: 'lanes',
    help: ['two loopback platforms'],
    allows: [],
    preparation: 'in-each-job',
    wording: { against: 'two loopback platforms', released: (env) => `[${env}] first platform released` },
    prepare: async () => prepared(first, released, 'first'),
    platformLane: {
      wording: {
        against: 'two loopback platforms',
        released: (env) => `[${env}] second platform released`,
      },
      prepare: async () => {
        await after;
        if (second instanceof Error) throw second;
        return prepared(second, released, 'second');
      },
    },
  };
}

function run(target: RunTarget) {
  return runInProcess((args) => runCommand(args, project, [target]), ['--target', 'lanes']);
}

describe('a target with a platform lane', { timeout: 120_000 }, () => {
  it('runs the cases that take the whole platform on the second platform, the others on the first', async () => {
    const [first, second] = [await platform(), await platform()];
    const released: string[] = [];
    const result = await run(laneTarget(first, second, released));
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.deepEqual(first.cases, ['LAN-001']);
    assert.deepEqual(second.cases, ['LAN-002']);
    assert.deepEqual(released.sort(), ['first', 'second']);
    assert.match(result.stdout, /^\[e2e-docker\] second platform released$/m);
  });

  it('starts the other cases on the first platform without waiting for the second', async () => {
    const [first, second] = [await platform(), await platform()];
    const released: string[] = [];
    // The second platform gets ready only once a case has run on the first: a run that waited for both
    // platforms before its first case would never end (the test's own timeout would fail it).
    const result = await run(laneTarget(first, second, released, first.firstCase));
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.deepEqual(first.cases, ['LAN-001']);
    assert.deepEqual(second.cases, ['LAN-002']);
    assert.deepEqual(released.sort(), ['first', 'second']);
  });

  it('runs them on the first platform, after the others, when the second does not start', async () => {
    const first = await platform();
    const released: string[] = [];
    const result = await run(
      laneTarget(first, new Error('[e2e-docker] the second platform did not start: no room'), released),
    );
    assert.equal(result.status, 0, result.stdout + result.stderr);
    assert.match(
      result.stderr,
      /^esb-e2e run: \[e2e-docker\] the second platform did not start: no room; the cases that take the whole platform run after the others instead$/m,
    );
    assert.deepEqual(first.cases, ['LAN-001', 'LAN-002']);
    assert.deepEqual(released, ['first']);
  });
});
