import type { DataPath } from '../../language/model/data-path.ts';

/** What a value inside a catalogue file is, by where it sits: the name of its definition in the schema. */
export type DataKind =
  | 'file'
  | 'caseList'
  | 'case'
  | 'stepList'
  | 'step'
  | 'repeat'
  | 'request'
  | 'retry'
  | 'poll'
  | 'expect'
  | 'expectList'
  | 'assertionList'
  | 'assertionListList'
  | 'assertion'
  | 'capture'
  | 'captureSource';

/** Child kinds by key; '#' stands for any list index, '*' for any mapping key. */
const CHILDREN: Readonly<Partial<Record<DataKind, Readonly<Record<string, DataKind>>>>> = {
  file: { cases: 'caseList' },
  caseList: { '#': 'case' },
  case: { steps: 'stepList' },
  stepList: { '#': 'step' },
  step: {
    request: 'request',
    retry: 'retry',
    poll: 'poll',
    expect: 'expect',
    capture: 'capture',
    assert: 'assertionList',
    parallel: 'repeat',
    loop: 'repeat',
  },
  repeat: { steps: 'stepList' },
  poll: { until: 'expect', require_each: 'expect' },
  expect: { assert: 'assertionList', any_of: 'expectList' },
  expectList: { '#': 'expect' },
  assertionList: { '#': 'assertion' },
  assertionListList: { '#': 'assertionList' },
  assertion: { assert: 'assertionList', any_of: 'assertionListList' },
  capture: { '*': 'captureSource' },
};

/** The kind of the value at `path` in a catalogue file, or undefined where no step definition applies. */
export function catalogueDataKind(path: DataPath): DataKind | undefined {
  let kind: DataKind | undefined = 'file';
  for (const segment of path) {
    const children: Readonly<Record<string, DataKind>> | undefined = kind ? CHILDREN[kind] : undefined;
    if (children === undefined) return undefined;
    kind = typeof segment === 'number' ? children['#'] : (children[segment] ?? children['*']);
  }
  return kind;
}
