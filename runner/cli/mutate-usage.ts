import { SELECTION_HELP, SELECTION_SYNOPSIS } from './selection-args.ts';

/** The mutations tried per case unless --budget says otherwise, and per answer of the case. */
export const DEFAULT_MUTATION_BUDGET = 30;
export const DEFAULT_PER_ANSWER = 10;
/** Seconds of reruns per case unless --case-seconds says otherwise. */
export const DEFAULT_CASE_SECONDS = 120;
/** Cases mutated side by side unless --concurrency says otherwise. */
export const DEFAULT_MUTATE_CONCURRENCY = 4;

/** What `esb-e2e mutate --help` prints (apart from the command, so that help loads none of it). */
export const MUTATE_USAGE = `usage: esb-e2e mutate ${SELECTION_SYNOPSIS} [options]
  runs each selected case through proxies in front of the platform's endpoints (gateway, VictoriaLogs, agent
  metrics) that change one answer at a time (a value, a field, a list, the status, a header), and reports the
  wrong answers a case still passes on: the parts of the responses its assertions never look at
${SELECTION_HELP}
  --target NAME         the platform to run against, as esb-e2e run: a fresh testbed (the default) or external
  --client-env FILE     a KEY=VALUE file per environment completing the client variables ({env} in its path)
  --allow control-plane let hooks restart or crash services (cases that need it are skipped otherwise)
  --budget N            at most N mutations per case (default ${DEFAULT_MUTATION_BUDGET}; ${DEFAULT_PER_ANSWER} per answer), sampled by the seed
  --case-seconds S      at most S seconds of reruns per case (default ${DEFAULT_CASE_SECONDS}); the rest of its sample is left
  --concurrency N       cases mutated side by side (default ${DEFAULT_MUTATE_CONCURRENCY}); cases that share a resource still
                        take turns
  --seed N              the seed of that sample (default 1): the same seed tries the same mutations
  --accepted FILE       survivors accepted with a reason (schema/mutation-accepted.schema.json): reported as
                        accepted, the rest as gaps; a rule that covers none is noted
  --json FILE           the report as JSON: per case the mutations tried, killed and survived, per suite a score
  --html DIR            the report as a page to open from disk (DIR/index.html): per suite the score, per case
                        its survivors, with a filter for the gaps (the survivors not accepted)
exit code: 0 when every selected case was mutated (or skipped), 1 when a case fails without any mutation, 2 for a
usage or configuration error`;
