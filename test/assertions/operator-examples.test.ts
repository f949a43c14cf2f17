import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkAssertions } from '../../assertions/check-assertions.ts';
import { OPERATOR_TABLE } from '../../assertions/operator-table.ts';
import type { OperatorExample } from '../../assertions/operator-types.ts';
import type { AssertionSpec } from '../../language/model/steps.ts';
import { jsonObservation, testScope } from './observations.ts';

/** Runs one example through the real checker: the messages of its failures. */
function runExample(name: string, example: OperatorExample): string[] {
  const spec = { path: example.path ?? '$.subject', [name]: example.operand } as AssertionSpec;
  const document = { subject: example.subject, ...example.document };
  return checkAssertions([spec], jsonObservation(document), testScope(), ['assert']).map((f) => f.message);
}

describe('the examples each operator file carries, run through the assertion checker', () => {
  for (const operator of OPERATOR_TABLE) {
    it(`${operator.name}: has a passing and a failing example, a one-line doc and an operand schema`, () => {
      assert.ok(
        operator.examples.some((e) => e.fails === undefined),
        `${operator.name}: add a passing example`,
      );
      assert.ok(
        operator.examples.some((e) => e.fails !== undefined),
        `${operator.name}: add a failing example`,
      );
      assert.ok(operator.doc.length > 0 && !operator.doc.includes('\n'), `${operator.name}: one-line doc`);
      assert.equal(
        typeof operator.operandSchema.description,
        'string',
        `${operator.name}: describe the operand`,
      );
    });

    for (const [i, example] of operator.examples.entries()) {
      const label = `${operator.name} example ${i}: ${JSON.stringify(example.subject)} with ${JSON.stringify(example.operand)}`;
      if (example.fails === undefined) {
        it(`${label} passes`, () => {
          assert.deepEqual(runExample(operator.name, example), []);
        });
      } else {
        const fragment = example.fails;
        it(`${label} fails with: ${fragment}`, () => {
          const messages = runExample(operator.name, example);
          assert.equal(messages.length, 1, JSON.stringify(messages));
          assert.ok(
            messages[0]?.includes(fragment),
            `${JSON.stringify(messages[0])} lacks ${JSON.stringify(fragment)}`,
          );
        });
      }
    }
  }

  it('names every operator once', () => {
    const names = OPERATOR_TABLE.map((o) => o.name);
    assert.deepEqual(names, [...new Set(names)]);
  });
});
