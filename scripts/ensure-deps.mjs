#!/usr/bin/env node
// Runs before `npm test` and `npm run docs`: checks the Node version and installs the locked dependencies
// when they are missing or older than the lockfile, so the README's commands work on a fresh machine.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(
    `esb-e2e needs Node.js 20.19 or newer (22+ works too); this is ${process.versions.node}. Install a newer Node.js and retry.`,
  );
  process.exit(1);
}
const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error('esb-e2e: dependencies are missing or older than package-lock.json; running npm ci');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('esb-e2e: npm ci failed; check access to the npm registry and retry.');
    process.exit(result.status ?? 1);
  }
}

// The testbed's tests run real containers: make sure a Docker engine answers (installs Debian's docker.io and
// starts dockerd when it can). When it cannot, say so; those tests then fail with the same reason.
if (process.env.npm_lifecycle_event === 'pretest') {
  const docker = spawnSync('bash', [join(root, 'testbed', 'docker', 'setup-docker.sh')], {
    stdio: 'inherit',
  });
  if (docker.status !== 0)
    console.error('esb-e2e: no Docker engine; the testbed tests will fail (see the message above).');
  // The HTML report is checked in a real browser: Debian's Chromium, headless.
  const chromium = spawnSync('bash', [join(root, 'scripts', 'setup-chromium.sh')], { stdio: 'inherit' });
  if (chromium.status !== 0)
    console.error("esb-e2e: no Chromium; the HTML report's browser test will fail (see the message above).");
}
