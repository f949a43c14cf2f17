import { join } from 'node:path';
import { scratchProject } from '../helpers/scratch-project.ts';

/** The environment of the hostile project's matrix. */
export const HOSTILE_ENV = 'e2e-docker';

const DOC =
  '    doc: { guarantee: 保証する。, input: 入力する。, pass_criteria: 合格すること。, failure_hint: 確認する。 }';

/**
 * The cases the hostile servers are met with, one per way a platform is reached: the gateway after the login
 * (HST-001), the gateway with only the health fixture and a request timeout (HST-002), VictoriaLogs (HST-003) and a
 * request without a timeout in a case with a deadline (HST-004).
 */
const CASES = `cases:
  - test: test_echo
    id: HST-001
    anchor: desc-hostile-echo
    category: 機能系
${DOC}
    fixture: auth
    steps:
      - name: echo
        request: { method: POST, path: /api/echo, json: { message: hi } }
        expect: { status: 200, assert: [{ path: $.message, equals: "Echo: hi" }] }
  - test: test_ping
    id: HST-002
    anchor: desc-hostile-ping
    category: 機能系
${DOC}
    fixture: health
    steps:
      - name: ping
        request: { path: /api/ping, auth: none, timeout: 2 }
        expect: { status: 200 }
  - test: test_logs
    id: HST-003
    anchor: desc-hostile-logs
    category: 機能系
${DOC}
    fixture: none
    steps:
      - name: records of echo
        request: { target: victorialogs, path: /select/logsql/query, query: { query: "*" } }
        expect:
          parse: json_lines
          assert: [{ path: "$[?(@.container_name && @.container_name.includes('echo'))]", count: { gt: 0 } }]
  - test: test_hang
    id: HST-004
    anchor: desc-hostile-hang
    category: 機能系
${DOC}
    fixture: none
    timeout: 2
    steps:
      - name: waits forever
        request: { path: /api/hang, auth: none, timeout: none }
`;

/** A project of its own (ESB_E2E_ROOT) holding only the hostile cases, their matrix and entry file. */
export function hostileProject(dir: string): string {
  return scratchProject(join(dir, 'hostile-project'), {
    env: HOSTILE_ENV,
    scenario: 'hostile',
    file: 'test_hostile.yaml',
    cases: CASES,
  });
}
