import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { clientEnvironment, EnvFileError, parseEnvText, readEnvFile } from '../../runner/node/env-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'esb-e2e-envfile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('environment files', () => {
  it('read KEY=VALUE lines with comments, export prefixes and quotes', () => {
    assert.deepEqual(
      parseEnvText(
        '# testbed\nGATEWAY_URL=https://127.0.0.1:18100\n\nexport X_API_KEY="a b#c"\nAUTH_USER = \'esb\'\nEMPTY=\nEQ=a=b\n',
        'x.env',
      ),
      { GATEWAY_URL: 'https://127.0.0.1:18100', X_API_KEY: 'a b#c', AUTH_USER: 'esb', EMPTY: '', EQ: 'a=b' },
    );
  });

  it('name the file and line of a malformed line, and a missing file', () => {
    assert.throws(
      () => parseEnvText('A=1\nnot a pair\n', 'e2e.env'),
      (e: Error) =>
        e instanceof EnvFileError &&
        e.message ===
          'e2e.env:2: expected KEY=VALUE, found a line without KEY= (10 characters, not shown: it may hold a secret)',
    );
    assert.throws(
      () => readEnvFile(join(dir, 'missing.env')),
      /cannot read the environment file .*missing\.env/,
    );
  });

  it('complete the process environment, whose non-empty values win', () => {
    const file = join(dir, 'e2e-docker.env');
    writeFileSync(file, 'GATEWAY_URL=https://from-file\nX_API_KEY=file-key\nAUTH_USER=esb\n');
    assert.deepEqual(
      clientEnvironment({ GATEWAY_URL: 'https://from-shell', X_API_KEY: '', PATH: '/bin' }, file),
      {
        GATEWAY_URL: 'https://from-shell',
        X_API_KEY: 'file-key',
        AUTH_USER: 'esb',
        PATH: '/bin',
      },
    );
    assert.deepEqual(clientEnvironment({ A: '1', B: undefined }, undefined), { A: '1' });
  });
});
