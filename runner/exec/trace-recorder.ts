import type {
  CaseTrace,
  CheckTrace,
  ExchangeTrace,
  StepOutcome,
  StepTrace,
} from '../../language/model/case-trace.ts';
import { TRACE_LIMITS } from '../../language/model/case-trace.ts';
import type { DataPath } from '../../language/model/data-path.ts';
import type { Failure } from '../../language/model/observation.ts';
import type { ExpectSpec } from '../../language/model/steps.ts';
import type { Redactor } from '../config/redact.ts';
import type { Evidence } from './step-failure.ts';

type Locate = (path: DataPath) => { readonly line: number; readonly col: number };

const cut = (text: string, limit: number) =>
  text.length <= limit ? text : `${text.slice(0, limit)}… (${text.length - limit} more characters)`;

const startsWith = (path: DataPath, prefix: DataPath) =>
  prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);

/** What one check of an expect block asks, as an author wrote it: `status 200`, `$.message equals "Echo: hi"`. */
function describeCheck(key: string, value: unknown): string {
  if (key !== 'assert' || typeof value !== 'object' || value === null)
    return `${key} ${JSON.stringify(value)}`;
  const entries = Object.entries(value as Record<string, unknown>);
  const subjectKey = ['path', 'header', 'body', 'value'].find((k) => k in value);
  const subject =
    subjectKey === undefined
      ? ''
      : `${subjectKey === 'path' ? '' : `${subjectKey} `}${String((value as Record<string, unknown>)[subjectKey])} `;
  return `${subject}${entries
    .filter(([k]) => k !== subjectKey)
    .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
    .join(', ')}`;
}

/** The trace of one step, filled in as it runs; `end` closes it. */
export class StepRecorder {
  private readonly exchanges: ExchangeTrace[] = [];
  private exchangesLeftOut = 0;
  private checks: CheckTrace[] = [];
  private readonly started = Date.now();
  private readonly startedMs = performance.now();

  constructor(
    private readonly owner: CaseTraceRecorder,
    private readonly head: Pick<StepTrace, 'line' | 'col' | 'depth' | 'kind' | 'name' | 'index'>,
    private readonly slot: number,
  ) {}

  /** One attempt ended: its request and response (or hook run), redacted and cut to TRACE_LIMITS. */
  attempted(evidence: Evidence | undefined): void {
    if (evidence === undefined) return;
    const r = this.owner.redactor;
    let exchange: ExchangeTrace;
    if (evidence.kind === 'hook') {
      exchange = {
        kind: 'hook',
        hook: evidence.hook,
        args: r.redact(cut(JSON.stringify(evidence.args) ?? '', TRACE_LIMITS.requestBodyChars)),
        ...(evidence.document === undefined
          ? {}
          : {
              document: r.redact(
                cut(JSON.stringify(evidence.document) ?? '', TRACE_LIMITS.responseBodyChars),
              ),
            }),
        ...(evidence.error === undefined ? {} : { error: r.redact(evidence.error) }),
      };
    } else {
      const { request, response } = evidence;
      exchange = {
        kind: 'http',
        request: {
          method: request.method,
          url: r.redact(request.url),
          headers: r.redactHeaders(request.headers),
          ...(request.body === undefined
            ? {}
            : { body: r.redact(cut(request.body, TRACE_LIMITS.requestBodyChars)) }),
        },
        ...(response === undefined
          ? {}
          : {
              response: {
                status: response.status,
                headers: r.redactHeaders(response.headers),
                body: r.redact(cut(response.text, TRACE_LIMITS.responseBodyChars)),
                latencyMs: Math.round(response.latencyMs),
              },
            }),
        ...(evidence.error === undefined ? {} : { error: r.redact(evidence.error) }),
      };
    }
    this.exchanges.push(exchange);
    // The last ones: a poll's final rounds say why it ended.
    if (this.exchanges.length > TRACE_LIMITS.exchangesPerStep) {
      this.exchanges.shift();
      this.exchangesLeftOut++;
    }
  }

  /** The checks of `expect` on the final observation: those at or under a failure's place failed. */
  checked(expect: ExpectSpec, failures: readonly Failure[], expectAt: DataPath): void {
    const checks: CheckTrace[] = [];
    const add = (key: string, value: unknown, at: DataPath) => {
      const failed = failures.filter((f) => startsWith(f.at, at));
      checks.push({
        line: this.owner.locate(at).line,
        check: this.owner.redactor.redact(describeCheck(key, value)),
        passed: failed.length === 0,
        ...(failed.length === 0
          ? {}
          : { message: this.owner.redactor.redact(failed.map((f) => f.message).join('; ')) }),
      });
    };
    if (expect.status !== undefined) add('status', expect.status, [...expectAt, 'status']);
    if (expect.latency_under !== undefined)
      add('latency_under', expect.latency_under, [...expectAt, 'latency_under']);
    for (const [i, assertion] of (expect.assert ?? []).entries())
      add('assert', assertion, [...expectAt, 'assert', i]);
    if (expect.any_of !== undefined)
      add('any_of', `${expect.any_of.length} alternatives`, [...expectAt, 'any_of']);
    this.checks = checks;
  }

  end(outcome: StepOutcome, note?: string): void {
    this.owner.place(this.slot, {
      ...this.head,
      startedAt: this.started,
      durationMs: Math.round((performance.now() - this.startedMs) * 10) / 10,
      outcome,
      ...(note === undefined ? {} : { note: this.owner.redactor.redact(note.split('\n')[0] ?? '') }),
      exchanges: this.exchanges,
      ...(this.exchangesLeftOut === 0 ? {} : { exchangesLeftOut: this.exchangesLeftOut }),
      checks: this.checks,
    });
  }
}

/**
 * Collects a case's trace as its steps run (runStep opens a StepRecorder per step), when the run asked for one
 * (an HTML or JSON report): a run without reports records nothing.
 */
export class CaseTraceRecorder {
  private readonly steps: (StepTrace | undefined)[] = [];
  private leftOut = 0;

  constructor(
    readonly redactor: Redactor,
    readonly locate: Locate,
    private readonly casePath: DataPath,
  ) {}

  /** Opens the trace of a step at `at`; undefined past TRACE_LIMITS.steps (counted as left out). */
  beginStep(
    at: DataPath,
    kind: string,
    name: string | undefined,
    index: number | undefined,
  ): StepRecorder | undefined {
    if (this.steps.length >= TRACE_LIMITS.steps) {
      this.leftOut++;
      return undefined;
    }
    const { line, col } = this.locate(at);
    const depth = at.slice(this.casePath.length).filter((segment) => typeof segment === 'number').length - 1;
    this.steps.push(undefined);
    return new StepRecorder(
      this,
      {
        line,
        col,
        depth: Math.max(0, depth),
        kind,
        ...(name === undefined ? {} : { name }),
        ...(index === undefined ? {} : { index }),
      },
      this.steps.length - 1,
    );
  }

  /** Where a step's trace goes once it ended: its place is the order it started in. */
  place(slot: number, trace: StepTrace): void {
    this.steps[slot] = trace;
  }

  trace(lockWaitMs: number, slotWaitMs: number, resources: CaseTrace['resources']): CaseTrace {
    return {
      lockWaitMs: Math.round(lockWaitMs),
      slotWaitMs: Math.round(slotWaitMs),
      resources,
      // A step still open (the case's deadline passed inside it) is left out: it has no end to show.
      steps: this.steps.filter((s) => s !== undefined),
      ...(this.leftOut === 0 ? {} : { stepsLeftOut: this.leftOut }),
    };
  }
}
