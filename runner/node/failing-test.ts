import { it } from 'node:test';

/**
 * An Error whose message is the whole report and whose stack is empty: node's reporters (spec, tap, junit) print
 * the message as the failure, and a stack would only point into the runner.
 */
export function reportError(message: string): Error {
  return Object.assign(new Error(message), { stack: '' });
}

/** Registers one test that fails with `message`: how a file says why it has no cases to run. */
export function registerFailingTest(name: string, message: string): void {
  it(name, () => {
    throw reportError(message);
  });
}
