import type { CaseTrace } from '../../language/model/case-trace.ts';
import { parseShard, type Shard, ShardSyntaxError } from '../plan/shard.ts';
import { JSON_REPORT_FORMAT } from './json-report.ts';
import type { CaseOutcome, EnvironmentOutcome, OutcomeStatus, RunInfo } from './run-results.ts';

/** A report esb-e2e cannot read back; the message names the field and what to do. */
export class JsonReportError extends Error {}

/** A run as its JSON report (json-report.ts) tells it. */
export interface ReadReport {
  readonly run: RunInfo;
  readonly environments: EnvironmentOutcome[];
}

const STATUSES: readonly OutcomeStatus[] = ['passed', 'failed', 'skipped', 'interrupted'];

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the fields of one object of the report, naming where it sits in every complaint. */
class Fields {
  constructor(
    private readonly value: Json,
    private readonly where: string,
  ) {}

  private fail(key: string, wanted: string): never {
    throw new JsonReportError(`${this.where}.${key} is not ${wanted}`);
  }

  string(key: string): string {
    const v = this.value[key];
    return typeof v === 'string' ? v : this.fail(key, 'a string');
  }

  optionalString(key: string): string | undefined {
    return this.value[key] === undefined ? undefined : this.string(key);
  }

  count(key: string): number {
    const v = this.value[key];
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : this.fail(key, 'a whole number');
  }

  optionalCount(key: string): number | undefined {
    return this.value[key] === undefined ? undefined : this.count(key);
  }

  time(key: string): number {
    const ms = Date.parse(this.string(key));
    return Number.isNaN(ms) ? this.fail(key, 'an ISO date') : ms;
  }

  list(key: string): unknown[] {
    const v = this.value[key];
    return Array.isArray(v) ? v : this.fail(key, 'a list');
  }
}

function readCase(value: unknown, env: string, where: string, index: number): CaseOutcome {
  if (!isObject(value)) throw new JsonReportError(`${where} is not an object`);
  const f = new Fields(value, where);
  const status = f.string('status');
  if (!(STATUSES as readonly string[]).includes(status))
    throw new JsonReportError(`${where}.status '${status}' is not one of ${STATUSES.join(', ')}`);
  const ran = value.startedAt !== undefined;
  const reason = f.optionalString('reason');
  const failure = f.optionalString('failure');
  const waitMs = f.optionalCount('waitMs');
  const repeat = f.optionalCount('repeat');
  return {
    env,
    id: f.string('id'),
    name: f.string('name'),
    scenario: f.string('scenario'),
    suite: f.string('suite'),
    file: f.string('file'),
    line: f.count('line'),
    status: status as OutcomeStatus,
    durationMs: f.count('durationMs'),
    ...(waitMs === undefined ? {} : { waitMs }),
    startedAt: ran ? f.time('startedAt') : 0,
    endedAt: ran ? f.time('endedAt') : 0,
    ...(reason === undefined ? {} : { reason }),
    ...(failure === undefined ? {} : { failure }),
    // Reports written before positions were recorded list a whole run's cases in order.
    position: f.optionalCount('position') ?? index,
    ...(repeat === undefined ? {} : { repeat }),
    ...(value.trace === undefined ? {} : { trace: readTrace(value.trace, `${where}.trace`) }),
  };
}

/** A case's trace, checked for the shape reports rely on (the rest is shown as given). */
function readTrace(value: unknown, where: string): CaseTrace {
  if (!isObject(value)) throw new JsonReportError(`${where} is not an object`);
  const f = new Fields(value, where);
  f.count('lockWaitMs');
  f.count('slotWaitMs');
  for (const [i, step] of f.list('steps').entries()) {
    if (!isObject(step)) throw new JsonReportError(`${where}.steps[${i}] is not an object`);
    const s = new Fields(step, `${where}.steps[${i}]`);
    s.count('line');
    s.string('kind');
    s.string('outcome');
    s.list('exchanges');
    s.list('checks');
  }
  if (!isObject(value.resources)) throw new JsonReportError(`${where}.resources is not an object`);
  return value as unknown as CaseTrace;
}

/**
 * Reads the text of a report `esb-e2e run --json` wrote back into the run's outcomes. Throws JsonReportError
 * saying which field is wrong; `source` names the file in that message.
 */
export function readJsonReport(text: string, source: string): ReadReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new JsonReportError(`${source} is not JSON (${(error as Error).message})`);
  }
  const notOurs = `${source} is not a report of esb-e2e run --json`;
  if (!isObject(doc) || !Array.isArray(doc.environments)) throw new JsonReportError(notOurs);
  if (doc.format !== undefined && doc.format !== JSON_REPORT_FORMAT)
    throw new JsonReportError(
      `${source} is a report of format ${JSON.stringify(doc.format)}; this esb-e2e reads ${JSON_REPORT_FORMAT}`,
    );
  const top = new Fields(doc, source);
  let shard: Shard | undefined;
  const shardText = top.optionalString('shard');
  try {
    shard = shardText === undefined ? undefined : parseShard(shardText);
  } catch (error) {
    if (!(error instanceof ShardSyntaxError)) throw error;
    throw new JsonReportError(`${source}.shard: ${error.message}`);
  }
  let esb: RunInfo['esb'];
  if (doc.esb !== undefined) {
    if (!isObject(doc.esb)) throw new JsonReportError(`${source}.esb is not an object`);
    const e = new Fields(doc.esb, `${source}.esb`);
    esb = { revision: e.string('revision'), commit: e.string('commit') };
  }
  const repeatEach = top.optionalCount('repeatEach');
  const environments = top.list('environments').map((value, e): EnvironmentOutcome => {
    const where = `${source}.environments[${e}]`;
    if (!isObject(value)) throw new JsonReportError(`${where} is not an object`);
    const f = new Fields(value, where);
    const env = f.string('env');
    const error = f.optionalString('error');
    return {
      env,
      target: f.string('target'),
      durationMs: f.count('durationMs'),
      ...(error === undefined ? {} : { error }),
      cases: f.list('cases').map((c, i) => readCase(c, env, `${where}.cases[${i}]`, i)),
    };
  });
  return {
    run: {
      startedAt: new Date(top.time('startedAt')),
      durationMs: top.count('durationMs'),
      ...(esb === undefined ? {} : { esb }),
      ...(shard === undefined ? {} : { shard }),
      ...(repeatEach === undefined ? {} : { repeatEach }),
    },
    environments,
  };
}
