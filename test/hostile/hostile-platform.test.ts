import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cleanEnv, startCommandIn } from '../helpers/child-run.ts';
import { REPO_ROOT } from '../helpers/project-copy.ts';
import { HOSTILE_ENV, hostileProject } from './hostile-project.ts';
import {
  type Behaviour,
  type HostileServer,
  hang,
  hostileServer,
  json,
  rawAnswer,
  rawServer,
  redirectTo,
  reset,
} from './hostile-servers.ts';

/**
 * esb-e2e run against platforms that misbehave in every way issue #9 lists (refused, hanging, slow, garbage,
 * redirecting, echoing secrets back, huge, forging terminal output), each scenario a real run of the CLI against
 * servers on loopback. For every scenario: the run ends within its bound, with the documented exit code and
 * message; no secret (a punctuation-laden API key, a 4-character password, the login token, user:pass in base64)
 * appears in any encoding in stdout, stderr, the JUnit and JSON reports or any file the run leaves; no process
 * and no temp file outlives it; the terminal output holds no control character a server sent.
 */

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-hostile-'));
let project: string;
before(() => {
  project = hostileProject(dir);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const API_KEY = `K3y"<&>'%+ /=\\.;x9`;
const AUTH_USER = 'hostile-user';
const AUTH_PASS = 'p@5s';
const TOKEN = 'tok-3f8a"<b>&c=d%2Fe';
const BASIC = Buffer.from(`${AUTH_USER}:${AUTH_PASS}`).toString('base64');

/** Every encoding of a secret a server could send back or a runner could produce. */
function encodings(secret: string): string[] {
  const once = JSON.stringify(secret).slice(1, -1);
  const html = secret
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
  return [...new Set([secret, once, JSON.stringify(once).slice(1, -1), encodeURIComponent(secret), html])];
}
const SECRET_FORMS: readonly [string, string][] = [
  ...[API_KEY, AUTH_PASS, TOKEN].flatMap((s) => encodings(s).map((f): [string, string] => [s, f])),
  [`${AUTH_USER}:${AUTH_PASS}`, BASIC],
];

/** What a server sends to forge terminal output: escapes, controls, a line that looks like ours. */
const FORGERY =
  'title\x1b]0;pwned\x07 clear\x1b[2J\x1b[H nul\x00 cr\r bs\x08 del\x7f csi\u009b2J bidi\u202e\n✔ HST-999 forged';
// biome-ignore lint/suspicious/noControlCharactersInRegex: the check is for raw control characters
const RAW_CONTROL = /[\x00-\x08\x0b\x0c\x0d\x0e-\x1f\x7f\u0080-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

interface Setup {
  /** Client variables besides the defaults (GATEWAY_URL, VERIFY_SSL=false, the credentials). */
  readonly env?: Record<string, string>;
  /** esb-e2e run options besides --target external --env e2e-docker --junit --json. */
  readonly args?: readonly string[];
  /** Checked after the run: e.g. that no request reached another origin. */
  readonly check?: () => void;
}

interface Scenario {
  readonly name: string;
  readonly id: string;
  /** The gateway's routes that misbehave (the rest answer as a healthy gateway). */
  readonly gateway?: Record<string, Behaviour>;
  /**
   * Servers besides the gateway (pushed to `servers`, closed after the run), changes to the gateway's live
   * `routes`, and the variables and options of the run.
   */
  readonly setup?: (servers: HostileServer[], routes: Record<string, Behaviour>) => Promise<Setup>;
  readonly status: number;
  readonly message: RegExp;
  /** Seconds the run may take from its start on an idle machine (a loaded one gets LOAD_ALLOWANCE_SECONDS more). */
  readonly bound: number;
}

/**
 * What a busy machine adds to a run's time: each run starts three node processes through tsx (the CLI, node
 * --test, the entry file), four runs at once, beside the rest of the suite. Seen: 5 s runs taking 28 s.
 */
const LOAD_ALLOWANCE_SECONDS = 40;

/** A server elsewhere on loopback (another origin) that must never be reached: it records every request. */
async function elsewhere(servers: HostileServer[]): Promise<HostileServer> {
  const other = await hostileServer({}, { tls: false });
  servers.push(other);
  return other;
}

const noRequests = (other: HostileServer) => () =>
  assert.deepEqual(
    other.requests.map((r) => r.line),
    [],
    'a request (and its credentials) reached the other origin',
  );

async function closedPort(): Promise<number> {
  const server = await hostileServer({}, { tls: false });
  await server.close();
  return server.port;
}

/** VictoriaLogs on loopback answering the query with `lines`. */
async function victorialogs(servers: HostileServer[], behaviour: Behaviour): Promise<HostileServer> {
  const vl = await hostileServer({ '/select/logsql/query': behaviour }, { tls: false });
  servers.push(vl);
  return vl;
}

const SCENARIOS: readonly Scenario[] = [
  // Preflight: GET /health before any case; a run that cannot start ends with 2 and one line.
  {
    name: 'nothing listens at GATEWAY_URL',
    id: 'HST-002',
    setup: async () => ({ env: { GATEWAY_URL: `http://127.0.0.1:${await closedPort()}` } }),
    status: 2,
    message: /the gateway is unreachable: GET \S+\/health failed: connection refused \(ECONNREFUSED\)/,
    bound: 20,
  },
  {
    name: '/health never answers',
    id: 'HST-002',
    gateway: { '/health': hang },
    status: 2,
    message:
      /the gateway did not answer in time: GET \S+\/health: connected, but no response headers within 10 s/,
    bound: 35,
  },
  {
    name: '/health answers without HTTP (HTTP/0.9, an SSH banner)',
    id: 'HST-002',
    setup: async (servers) => {
      const ssh = await rawServer('SSH-2.0-OpenSSH_9.6\r\n');
      servers.push(ssh);
      return { env: { GATEWAY_URL: ssh.url } };
    },
    status: 2,
    message:
      /the gateway answered, but not as an HTTP server should: .*without an HTTP status line .*'SSH-2\.0-OpenSSH_9\.6\\r\\n'/,
    bound: 20,
  },
  {
    name: '/health sends a bad chunk',
    id: 'HST-002',
    gateway: {
      '/health': rawAnswer('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'),
    },
    status: 2,
    message:
      /the gateway answered, but not as an HTTP server should: .*not valid HTTP\/1\.1 \(Invalid character in chunk size\)/,
    bound: 20,
  },
  {
    name: 'https:// to a port that speaks plain HTTP',
    id: 'HST-002',
    setup: async (servers) => {
      const plain = await hostileServer({}, { tls: false });
      servers.push(plain);
      return { env: { GATEWAY_URL: plain.url.replace('http:', 'https:') } };
    },
    status: 2,
    message:
      /the gateway does not speak the protocol GATEWAY_URL names: .*TLS handshake failed .*is this HTTPS\?/,
    bound: 20,
  },
  {
    name: 'a self-signed certificate with VERIFY_SSL=true',
    id: 'HST-002',
    setup: async () => ({ env: { VERIFY_SSL: 'true' } }),
    status: 2,
    message: /the gateway's certificate was rejected: .*VERIFY_SSL=false accepts a self-signed certificate/,
    bound: 20,
  },
  {
    name: '/health redirects to another origin',
    id: 'HST-002',
    setup: async (servers, routes) => {
      const other = await elsewhere(servers);
      routes['/health'] = redirectTo(302, `${other.url}/health`);
      return { check: noRequests(other) };
    },
    status: 2,
    message:
      /the gateway is not healthy: GET \S+\/health answered 302, a redirect to http:\/\/127\.0\.0\.1:\d+\/health, not followed/,
    bound: 20,
  },
  {
    name: '/health is 503 with a body that forges terminal output',
    id: 'HST-002',
    gateway: { '/health': (_req, res) => res.writeHead(503, { 'content-type': 'text/plain' }).end(FORGERY) },
    status: 2,
    message: /the gateway is not healthy: GET \S+\/health answered 503 title\\x1b\]0;pwned/,
    bound: 20,
  },
  {
    name: '/health resets the connection',
    id: 'HST-002',
    gateway: { '/health': reset },
    status: 2,
    message: /GET \S+\/health failed: the server (reset|closed) the connection before answering/,
    bound: 20,
  },
  {
    name: 'GATEWAY_URL carries user:password and nothing listens',
    id: 'HST-002',
    setup: async () => ({
      env: {
        GATEWAY_URL: `https://${AUTH_USER}:${encodeURIComponent(AUTH_PASS)}@127.0.0.1:${await closedPort()}`,
      },
    }),
    status: 2,
    // fetch refuses a URL with credentials; the message says so without them.
    message:
      /GATEWAY_URL=https:\/\/\*\*\*@127\.0\.0\.1:\d+ is not a usable URL \(Request cannot be constructed from a URL that includes credentials/,
    bound: 20,
  },
  {
    name: 'a --client-env file with a malformed line holding the password',
    id: 'HST-002',
    setup: async () => {
      const file = join(dir, `bad-${randomUUID()}.env`);
      writeFileSync(file, `X_API_KEY=${API_KEY}\nAUTH_PASS ${AUTH_PASS}\n`);
      return { args: ['--client-env', file] };
    },
    status: 2,
    message: /bad-[\w-]+\.env:2: expected KEY=VALUE, found a line without KEY= \(\d+ characters, not shown/,
    bound: 20,
  },
  // The login (fixture auth): the case fails with the reason, exit 1.
  {
    name: 'the login redirects (307) to another origin',
    id: 'HST-001',
    setup: async (servers, routes) => {
      const other = await elsewhere(servers);
      routes['POST /user/auth/v1'] = redirectTo(307, `${other.url}/user/auth/v1`);
      return { check: noRequests(other) };
    },
    status: 1,
    message:
      /login failed: POST \S+\/user\/auth\/v1 answered 307, a redirect to http:\/\/127\.0\.0\.1:\d+\/user\/auth\/v1, not followed/,
    bound: 25,
  },
  {
    name: 'the login answers 401 echoing every credential in every encoding',
    id: 'HST-001',
    gateway: {
      'POST /user/auth/v1': (req, res) =>
        json(res, 401, {
          detail: 'bad credentials',
          echoed: [...SECRET_FORMS.map(([, form]) => form), String(req.headers['x-api-key'])],
        }),
    },
    status: 1,
    message: /login failed: POST \S+ answered 401 \(expected 200\)/,
    bound: 25,
  },
  {
    name: 'the login hands out a one-character token, then the API quotes it in prose',
    id: 'HST-001',
    setup: async (_servers, routes) => {
      routes['POST /user/auth/v1'] = (_req, res) =>
        json(res, 200, { AuthenticationResult: { IdToken: 'e' } });
      routes['/api/echo'] = (_req, res) =>
        json(res, 500, { detail: 'the expected token e was refused; every letter e here stays readable' });
      return {};
    },
    status: 1,
    // The token alone is hidden where it stands alone; the words around it keep their e.
    message: /the expected token \*\*\* was refused; every letter \*\*\* here stays readable/,
    bound: 25,
  },
  {
    name: 'the login never answers (a --timeout ends the run)',
    id: 'HST-001',
    gateway: { 'POST /user/auth/v1': hang },
    // Long enough for the run to reach its case on a loaded machine (its start and the /health check took more
    // than 6 s there), so that it is the hanging login that the timeout ends.
    setup: async () => ({ args: ['--timeout', '15'] }),
    status: 124,
    message: /⊘ HST-001 test_echo \(\S+\) not finished: the run's --timeout of 15 s was reached/,
    bound: 35,
  },
  {
    name: 'the login answers 200 with 20 MB and no token',
    id: 'HST-001',
    gateway: {
      'POST /user/auth/v1': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`{"padding":"${'x'.repeat(20 * 1024 * 1024)}"}`);
      },
    },
    status: 1,
    message: /login failed: POST \S+ answered 200 without AuthenticationResult\.IdToken/,
    bound: 30,
  },
  // The API: the case fails at its step, naming what happened.
  {
    name: 'the API resets the connection',
    id: 'HST-001',
    gateway: { '/api/echo': reset },
    status: 1,
    message: /the server (reset|closed) the connection before answering/,
    bound: 25,
  },
  {
    name: 'the API answers HTTP/0.9',
    id: 'HST-001',
    gateway: { '/api/echo': rawAnswer(`hello ${FORGERY}\n`) },
    status: 1,
    message: /the server answered without an HTTP status line \(HTTP\/0\.9, or not HTTP at all\)/,
    bound: 25,
  },
  {
    name: 'the API sends a bad chunk',
    id: 'HST-001',
    gateway: {
      '/api/echo': rawAnswer('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n'),
    },
    status: 1,
    message: /the answer is not valid HTTP\/1\.1 \(Invalid character in chunk size\)/,
    bound: 25,
  },
  {
    name: 'the API closes in the middle of the body',
    id: 'HST-001',
    gateway: { '/api/echo': rawAnswer('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"message":') },
    status: 1,
    message: /the server closed the connection in the middle of the body \(status 200, 11 bytes read\)/,
    bound: 25,
  },
  {
    name: 'the API redirects (307) to another origin',
    id: 'HST-001',
    setup: async (servers, routes) => {
      const other = await elsewhere(servers);
      routes['/api/echo'] = redirectTo(307, `${other.url}/api/echo`);
      return { check: noRequests(other) };
    },
    status: 1,
    message: /a redirect to http:\/\/127\.0\.0\.1:\d+\/api\/echo, not followed/,
    bound: 25,
  },
  {
    name: 'the API answers 100 MB',
    id: 'HST-001',
    gateway: {
      '/api/echo': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 'x');
        let sent = 0;
        const more = () => {
          while (sent < 100) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        more();
      },
    },
    status: 1,
    message: /the body was 104857600 bytes \(sha256 [0-9a-f]{64}\); only its first 4194304 bytes were kept/,
    bound: 40,
  },
  {
    name: 'the API answers a body that forges terminal output',
    id: 'HST-001',
    gateway: { '/api/echo': (_req, res) => json(res, 200, { message: FORGERY }) },
    status: 1,
    message: /\\u001b\]0;pwned|\\x1b\]0;pwned/,
    bound: 25,
  },
  {
    name: 'the API echoes the token, the API key and user:pass in every encoding',
    id: 'HST-001',
    gateway: {
      '/api/echo': (req, res) =>
        json(res, 500, {
          detail: 'echo',
          authorization: req.headers.authorization,
          echoed: SECRET_FORMS.map(([, form]) => form),
          basic: `Basic ${BASIC}`,
        }),
    },
    status: 1,
    message: /expected status 200, got 500/,
    bound: 25,
  },
  {
    name: 'the API answers a value of the wrong type',
    id: 'HST-001',
    gateway: { '/api/echo': (_req, res) => json(res, 200, { message: 42 }) },
    status: 1,
    message: /\$\.message: expected "Echo: hi", got 42/,
    bound: 25,
  },
  {
    name: 'the API sends a header with a control character',
    id: 'HST-001',
    gateway: {
      '/api/echo': rawAnswer('HTTP/1.1 200 OK\r\nx-evil: a\x1b[2Jb\r\ncontent-length: 2\r\n\r\n{}'),
    },
    status: 1,
    message: /HST-001 test_echo/,
    bound: 25,
  },
  {
    name: 'the API never sends its headers (the request timeout)',
    id: 'HST-002',
    gateway: { '/api/ping': hang },
    status: 1,
    message: /connected, but no response headers within 2 s \(the request's timeout\)/,
    bound: 25,
  },
  {
    name: 'the API trickles its body forever (the request timeout)',
    id: 'HST-002',
    gateway: {
      '/api/ping': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '1000000' });
        const timer = setInterval(() => res.write('.'), 100);
        res.once('close', () => clearInterval(timer));
      },
    },
    status: 1,
    message: /the headers came \(status 200\), but the body did not end within 2 s \(\d+ bytes read/,
    bound: 25,
  },
  {
    name: 'a request without a timeout, in a case with a deadline',
    id: 'HST-004',
    gateway: { '/api/hang': hang },
    status: 1,
    message:
      /the case's deadline of 2 s \(its timeout\) passed during step "waits forever" \(request\), waiting for the answer to GET https:\/\/127\.0\.0\.1:\d+\/api\/hang/,
    bound: 25,
  },
  {
    name: 'the API never answers (a --timeout ends the run)',
    id: 'HST-001',
    gateway: { '/api/echo': hang },
    // Long enough for the case to have started on a loaded machine (loading and the preflight took over 6 s
    // beside the whole suite), so that it is the case the timeout interrupts, not the preparation.
    setup: async () => ({ args: ['--timeout', '15'] }),
    status: 124,
    message: /^e2e: 0 passed, 0 failed, 0 skipped, 1 interrupted$/m,
    bound: 30,
  },
  // VictoriaLogs.
  {
    name: 'VictoriaLogs answers records with values of the wrong type',
    id: 'HST-003',
    setup: async (servers) => {
      const vl = await victorialogs(servers, (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/stream+json' });
        res.end('{"_msg":"ok","container_name":42}\n{"_msg":"\\u001b[2J","container_name":{"a":1}}\n');
      });
      return { env: { VICTORIALOGS_URL: vl.url } };
    },
    status: 1,
    message:
      /could not be evaluated on this document: .*\(the path is valid; .*the item at \$\[0\] \{"_msg":"ok","container_name":42\}\)/,
    bound: 25,
  },
  {
    name: 'VICTORIALOGS_URL carries user:password and the server echoes its Authorization',
    id: 'HST-003',
    setup: async (servers) => {
      const vl = await victorialogs(servers, (req, res) =>
        json(res, 500, { detail: 'nope', authorization: req.headers.authorization ?? null, url: req.url }),
      );
      return {
        env: { VICTORIALOGS_URL: vl.url.replace('//', `//${AUTH_USER}:${encodeURIComponent(AUTH_PASS)}@`) },
      };
    },
    status: 1,
    message: /HST-003 test_logs/,
    bound: 25,
  },
  {
    name: 'nothing listens at VICTORIALOGS_URL',
    id: 'HST-003',
    setup: async () => ({ env: { VICTORIALOGS_URL: `http://127.0.0.1:${await closedPort()}` } }),
    status: 1,
    message: /connection refused \(ECONNREFUSED\): nothing listens at 127\.0\.0\.1:\d+/,
    bound: 25,
  },
];

/** Processes (other than this one) whose environment holds the marker: what a run started and left alive. */
function markedProcesses(marker: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    if (Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(marker))
        found.push(`${pid} ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`);
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/** Every file under `root`, recursively, as paths relative to it. */
/**
 * Every file and folder under `root`, links not followed: the run's temp folder links to tsx's shared transform
 * cache (tens of thousands of files), and walking it synchronously blocked this process, and with it the servers
 * of the scenarios running beside, for seconds on a loaded machine.
 */
function filesUnder(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix)).flatMap((name) => {
    const path = join(prefix, name);
    return lstatSync(join(root, path)).isDirectory() ? [`${path}/`, ...filesUnder(root, path)] : [path];
  });
}

async function runScenario(scenario: Scenario): Promise<void> {
  const servers: HostileServer[] = [];
  const routes: Record<string, Behaviour> = { ...scenario.gateway };
  const gateway = await hostileServer(routes, { token: TOKEN });
  servers.push(gateway);
  const own = mkdtempSync(join(dir, 'run-'));
  try {
    const setup = (await scenario.setup?.(servers, routes)) ?? {};
    // A temp folder of the run's own, to see what it leaves; tsx's transform cache stays the shared one.
    const runTmp = join(own, 'tmp');
    mkdirSync(runTmp);
    const tsxCache = `tsx-${process.getuid?.() ?? 0}`;
    if (existsSync(join(tmpdir(), tsxCache))) symlinkSync(join(tmpdir(), tsxCache), join(runTmp, tsxCache));
    const junit = join(own, 'run.xml');
    const report = join(own, 'run.json');
    const html = join(own, 'html');
    const marker = `ESB_E2E_HOSTILE_MARK=${randomUUID()}`;
    const env = {
      ...cleanEnv(['GATEWAY_URL', 'VICTORIALOGS_URL', 'X_API_KEY', 'AUTH_USER', 'AUTH_PASS', 'VERIFY_SSL']),
      ESB_E2E_ROOT: project,
      GATEWAY_URL: gateway.url,
      VERIFY_SSL: 'false',
      X_API_KEY: API_KEY,
      AUTH_USER,
      AUTH_PASS,
      TMPDIR: runTmp,
      [marker.split('=')[0] as string]: marker.split('=')[1] as string,
      ...setup.env,
    };
    const args = [
      join(REPO_ROOT, 'bin', 'esb-e2e.mjs'),
      'run',
      '--target',
      'external',
      '--env',
      HOSTILE_ENV,
      '--id',
      scenario.id,
      '--junit',
      junit,
      '--json',
      report,
      '--html',
      html,
      ...(setup.args ?? []),
    ];
    const started = performance.now();
    const { status, stdout, stderr } = await startCommandIn(
      REPO_ROOT,
      process.execPath,
      args,
      env,
      (scenario.bound + LOAD_ALLOWANCE_SECONDS + 60) * 1000,
    ).result;
    const seconds = (performance.now() - started) / 1000;
    const shown = `${stdout}${stderr}`;
    assert.equal(status, scenario.status, shown);
    assert.match(shown, scenario.message);
    const bound = scenario.bound + LOAD_ALLOWANCE_SECONDS;
    assert.ok(seconds <= bound, `the run took ${seconds.toFixed(1)} s (bound ${bound} s)`);
    setup.check?.();

    // Nothing a server sent reaches the terminal raw, and no line of ours is forged.
    const control = RAW_CONTROL.exec(shown);
    assert.equal(
      control,
      null,
      `a raw control character U+${control?.[0].codePointAt(0)?.toString(16)} in:\n${shown}`,
    );
    assert.doesNotMatch(shown, /^(\[e2e-docker\] )?✔ HST-999/m);

    // No secret, in any encoding, anywhere the run wrote.
    const written = [
      ['stdout', stdout],
      ['stderr', stderr],
      ...[junit, report, join(project, '.esb-e2e', 'last-run.json')]
        .filter(existsSync)
        .map((f) => [f, readFileSync(f, 'utf8')]),
      // The page holds the run's JSON with `<` written as \u003c: read back as the browser reads it.
      ...[join(html, 'index.html')]
        .filter(existsSync)
        .map((f) => [f, readFileSync(f, 'utf8').replaceAll('\\u003c', '<')]),
      ...filesUnder(runTmp)
        .filter((f) => !f.startsWith(tsxCache) && !f.endsWith('/'))
        .map((f) => [f, readFileSync(join(runTmp, f), 'utf8')]),
    ] as const;
    for (const [where, text] of written)
      for (const [secret, form] of SECRET_FORMS)
        assert.ok(
          !text.includes(form),
          `${where} holds ${JSON.stringify(form)} (a form of ${JSON.stringify(secret)})`,
        );
    if (status !== 2)
      assert.ok(
        existsSync(junit) && existsSync(report) && existsSync(join(html, 'index.html')),
        'a run that started writes its reports',
      );

    // No process of the run outlives it (the kernel reaps within moments), and no temp file.
    let alive = markedProcesses(marker);
    for (
      const deadline = Date.now() + 3000;
      alive.length > 0 && Date.now() < deadline;
      alive = markedProcesses(marker)
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(alive, [], 'processes outlived the run');
    assert.deepEqual(
      filesUnder(runTmp).filter((f) => !f.startsWith(tsxCache)),
      [],
      'the run left files in its temp folder',
    );
  } finally {
    await Promise.all(servers.map((s) => s.close()));
    rmSync(own, { recursive: true, force: true });
  }
}

describe('esb-e2e run against hostile platforms', { concurrency: 4 }, () => {
  it(`has at least 30 scenarios (${SCENARIOS.length})`, () => {
    assert.ok(SCENARIOS.length >= 30);
  });
  for (const scenario of SCENARIOS) it(scenario.name, () => runScenario(scenario));
});
