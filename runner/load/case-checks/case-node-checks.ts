import type { DataKind } from '../catalogue-data-kind.ts';
import { assertionSubject } from './assertion-subject.ts';
import type { CaseNodeCheck } from './case-node-check.ts';
import { hookHttpKeys } from './hook-http-keys.ts';
import { assertionJsonPaths, captureJsonPath } from './json-path-syntax.ts';
import { parallelFanOut } from './parallel-fan-out.ts';
import { assertionRegex, captureRegex } from './regex-syntax.ts';
import { requestAuth } from './request-auth.ts';
import { requestBodyMethod } from './request-body-method.ts';
import { requestHeaders } from './request-headers.ts';
import { requestPath } from './request-path.ts';

/** The load-time checks of step values, by the kind of value they look at; a new check is a file and a line here. */
export const CASE_NODE_CHECKS: Readonly<Partial<Record<DataKind, readonly CaseNodeCheck[]>>> = {
  assertion: [assertionSubject, assertionJsonPaths, assertionRegex],
  captureSource: [captureJsonPath, captureRegex],
  request: [requestPath, requestBodyMethod, requestHeaders, requestAuth],
  step: [hookHttpKeys, parallelFanOut],
};
