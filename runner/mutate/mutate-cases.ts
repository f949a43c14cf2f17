import { createHash } from 'node:crypto';
import type { HookScope } from '../../hooks/hook-types.ts';
import type { PlannedCase } from '../../language/model/catalogue.ts';
import { processLocks } from '../exec/process-locks.ts';
import type { LockTable } from '../exec/resource-lock.ts';
import { type CaseResult, runCase } from '../exec/run-case.ts';
import { createRunContext, type RunContext } from '../exec/run-context.ts';
import { caseTitle } from '../plan/case-title.ts';
import { MutatingProxy } from './mutating-proxy.ts';
import { type Mutation, mutationsOf, sample, seededRandom } from './mutations.ts';

/** The client variables whose endpoints a mutate run puts its proxies in front of. */
export const PROXIED_VARIABLES = ['GATEWAY_URL', 'VICTORIALOGS_URL', 'AGENT_METRICS_URL'] as const;

/** A wrong answer the case accepted. */
export interface Survivor {
  /** Which endpoint answered: the client variable that names it. */
  readonly endpoint: string;
  /** The request whose answer was changed, `GET /api/echo`. */
  readonly request: string;
  /** Its place among the endpoint's answers in the case, from 1. */
  readonly answer: number;
  /** The change, `$.objects[0].key: string changed`. */
  readonly change: string;
  /**
   * Whether the case's document (its guarantee and pass criteria) names what changed, as `objects`, `200` or a
   * header name: a promise the assertions do not keep.
   */
  readonly promised: boolean;
  /** Why the catalogue's authors accept this survivor (a rule of the accepted-survivors file), if they do. */
  readonly accepted?: string;
}

/** What mutating one case found. */
export interface CaseMutations {
  readonly env: string;
  readonly id: string;
  readonly title: string;
  readonly suite: string;
  readonly file: string;
  readonly line: number;
  /** How the case ended without any mutation; only a case that passed is mutated. */
  readonly baseline: CaseResult['status'];
  readonly reason?: string;
  /** The answers the case received, and how many mutations they allowed in all (before the budget). */
  readonly answers: number;
  readonly candidates: number;
  /** Mutations in the budget's sample, and of those run (the time budget may end it sooner). */
  readonly sampled?: number;
  /** Mutations run, killed (the case failed), survived, and not reached (its path changed). */
  readonly tried: number;
  readonly killed: number;
  readonly survivors: readonly Survivor[];
  readonly unreached: number;
}

export interface MutateRun {
  readonly root: string;
  readonly env: string;
  readonly cases: readonly PlannedCase[];
  /** The client environment of the platform (contract §1.1). */
  readonly clientEnv: Readonly<Record<string, string>>;
  readonly allow: readonly HookScope[];
  readonly lockDir: string;
  readonly seed: number;
  /** The most mutations tried per case, and per answer the case got. */
  readonly budget: number;
  readonly perAnswer: number;
  /** Seconds a case's mutations may take in all: past them, the rest of its sample is left untried. */
  readonly caseSeconds: number;
  /** Cases mutated side by side (each with proxies of its own). */
  readonly concurrency: number;
  readonly signal: AbortSignal;
  /** Applied to each case's result before it is reported and returned (the accepted survivors marked). */
  readonly accept?: (result: CaseMutations) => CaseMutations;
  readonly onCase?: (result: CaseMutations) => void;
}

/** The words a case's document sets in code quotes (`objects`, `success=true`, `200`): what it promises to check. */
function promisedWords(planned: PlannedCase): Set<string> {
  const text = `${planned.doc.guarantee}\n${planned.doc.pass_criteria}`;
  const words = new Set<string>();
  for (const [, quoted] of text.matchAll(/`([^`]+)`/g))
    for (const word of (quoted ?? '').split(/[^\w.-]+/)) if (word !== '') words.add(word.toLowerCase());
  return words;
}

/** Whether the document names the subject of a mutation: the field, the status it had, or the header. */
function promisedBy(planned: PlannedCase, mutation: Mutation, status: number): boolean {
  const words = promisedWords(planned);
  switch (mutation.kind) {
    case 'status':
      return words.has(String(status));
    case 'header-removed':
    case 'header-changed':
      return words.has(mutation.header.toLowerCase());
    case 'json': {
      const key = [...mutation.change.at].reverse().find((k) => typeof k === 'string');
      return key !== undefined && words.has(key.toLowerCase());
    }
    case 'text-changed':
      return false;
  }
}

/** A case's own generator: the seed and its title, so that adding a case does not change another's sample. */
function caseRandom(seed: number, title: string): () => number {
  const digest = createHash('sha256').update(`${seed}\0${title}`).digest();
  return seededRandom(digest.readUInt32LE(0));
}

/** The proxies and run context of one worker: cases it runs have these endpoints to themselves. */
interface Worker {
  readonly proxies: Map<string, MutatingProxy>;
  readonly ctx: RunContext;
}

async function startWorker(run: MutateRun, locks: LockTable): Promise<Worker> {
  const proxies = new Map<string, MutatingProxy>();
  const env: Record<string, string> = { ...run.clientEnv };
  const verifySsl = !/^(false|0|no)$/i.test(run.clientEnv.VERIFY_SSL ?? 'true');
  try {
    for (const variable of PROXIED_VARIABLES) {
      const target = run.clientEnv[variable];
      if (target === undefined || target === '') continue;
      const url = new URL(target);
      const proxy = await MutatingProxy.start(url.origin, verifySsl);
      proxies.set(variable, proxy);
      // The path prefix of the endpoint, if any, stays: only the origin is the proxy's.
      env[variable] = `${proxy.url}${url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '')}`;
    }
  } catch (error) {
    await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
    throw error;
  }
  const ctx = createRunContext({
    projectRoot: run.root,
    env,
    lockDir: run.lockDir,
    locks,
    allowedHookScopes: run.allow,
    signal: run.signal,
  });
  return { proxies, ctx };
}

/** One case through one worker: twice as it is, then once per sampled mutation, within its time budget. */
async function mutateCase(run: MutateRun, worker: Worker, planned: PlannedCase): Promise<CaseMutations> {
  const { proxies, ctx } = worker;
  const head = {
    env: run.env,
    id: planned.id,
    title: caseTitle(planned),
    suite: planned.suite,
    file: planned.site.file,
    line: planned.site.line,
  };
  const resetAll = () => {
    for (const proxy of proxies.values()) proxy.reset();
  };
  resetAll();
  const warm = await runCase(planned, ctx);
  resetAll();
  const baseline = warm.status === 'passed' ? await runCase(planned, ctx) : warm;
  if (baseline.status !== 'passed')
    return {
      ...head,
      baseline: baseline.status,
      reason:
        baseline.status === 'skipped'
          ? (baseline.reason ?? 'skipped')
          : (baseline.failure?.split('\n')[0] ?? 'failed'),
      answers: 0,
      candidates: 0,
      tried: 0,
      killed: 0,
      survivors: [],
      unreached: 0,
    };
  const random = caseRandom(run.seed, head.title);
  const candidates: Candidate[] = [];
  let answers = 0;
  let total = 0;
  for (const [endpoint, proxy] of proxies)
    for (const [index, exchange] of proxy.exchanges.entries()) {
      answers++;
      const all = mutationsOf(exchange.response);
      total += all.length;
      // At most perAnswer of one answer: a long list must not take the whole case's budget.
      for (const mutation of sample(all, run.perAnswer, random))
        candidates.push({
          endpoint,
          index,
          request: `${exchange.method} ${exchange.path}`,
          status: exchange.response.status,
          mutation,
        });
    }
  const chosen = sample(candidates, run.budget, random);
  let killed = 0;
  let unreached = 0;
  let tried = 0;
  const survivors: Survivor[] = [];
  const started = performance.now();
  for (const candidate of chosen) {
    if (run.signal.aborted) break;
    // The time budget: a case that takes a minute a run gets the mutations that fit, not thirty minutes.
    if (tried > 0 && (performance.now() - started) / 1000 >= run.caseSeconds) break;
    tried++;
    resetAll();
    const proxy = proxies.get(candidate.endpoint) as MutatingProxy;
    proxy.reset({ index: candidate.index, mutation: candidate.mutation });
    const outcome = await runCase(planned, ctx);
    if (!proxy.mutationServed) unreached++;
    else if (outcome.status === 'failed') killed++;
    else if (outcome.status === 'passed')
      // What the platform's answers and the case's requests supply passes the redactor, as in every report.
      survivors.push({
        endpoint: candidate.endpoint,
        request: ctx.redactor.redact(candidate.request),
        answer: candidate.index + 1,
        change: ctx.redactor.redact(candidate.mutation.description),
        promised: promisedBy(planned, candidate.mutation, candidate.status),
      });
    else unreached++;
  }
  return {
    ...head,
    baseline: 'passed',
    answers,
    candidates: total,
    sampled: chosen.length,
    tried,
    killed,
    survivors,
    unreached,
  };
}

interface Candidate {
  readonly endpoint: string;
  readonly index: number;
  readonly request: string;
  readonly status: number;
  readonly mutation: Mutation;
}

/**
 * Runs each case through proxies in front of the platform's endpoints: once as it is (twice: the first run logs in
 * and warms the fixtures, the second records the answers the steps get), then once per sampled mutation of those
 * answers. A mutation the case fails on is killed; one it passes on survived. `concurrency` workers run cases side
 * by side, each with proxies of its own (a mutation is identified by its place among one case's answers) and one
 * lock table for all, so that cases that share a resource still take turns. Results come in plan order.
 */
export async function mutateCases(run: MutateRun): Promise<CaseMutations[]> {
  const locks = processLocks();
  const workers: Worker[] = [];
  const results: (CaseMutations | undefined)[] = run.cases.map(() => undefined);
  try {
    const count = Math.max(1, Math.min(run.concurrency, run.cases.length));
    for (let i = 0; i < count; i++) workers.push(await startWorker(run, locks));
    let next = 0;
    let reported = 0;
    // onCase in plan order: a result waits for the ones before it.
    const report = () => {
      for (let r = results[reported]; r !== undefined; r = results[reported]) {
        run.onCase?.(r);
        reported++;
      }
    };
    await Promise.all(
      workers.map(async (worker) => {
        for (let k = next++; k < run.cases.length && !run.signal.aborted; k = next++) {
          const result = await mutateCase(run, worker, run.cases[k] as PlannedCase);
          results[k] = run.accept?.(result) ?? result;
          report();
        }
      }),
    );
    return results.filter((r) => r !== undefined);
  } finally {
    await Promise.all(workers.flatMap((w) => [...w.proxies.values()].map((proxy) => proxy.close())));
  }
}
