import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  CNI_IDENTITY_FILE,
  cniBrand,
  cniIdentityFileText,
  cniIdentityFor,
  readCniIdentity,
  writeCniIdentity,
} from '../../../testbed/shared/cni-identity.ts';

describe('the CNI identity of a stack (ESB 2026-03-02 on, containerd)', () => {
  it("derives contract-head §10's E2E values for the brand esb of esb-e2e-containerd", () => {
    assert.equal(cniBrand('esb-e2e-containerd', 'e2e-containerd'), 'esb');
    assert.equal(cniBrand('esb-test-e2e-containerd', 'e2e-containerd'), 'esb-test');
    assert.deepEqual(cniIdentityFor('esb'), {
      network: 'esb-net',
      bridge: 'esb-esbefb03b',
      subnet: '10.184.208.0/23',
      gatewayIp: '10.184.208.1',
    });
  });

  it('never picks the second octet 88, and always a /23 starting at an even third octet', () => {
    for (let i = 0; i < 2000; i++) {
      const { subnet, gatewayIp, bridge } = cniIdentityFor(`brand-${i}`);
      const match = /^10\.(\d+)\.(\d+)\.0\/23$/.exec(subnet);
      assert.ok(match, subnet);
      assert.notEqual(Number(match[1]), 88, subnet);
      assert.equal(Number(match[2]) % 2, 0, subnet);
      assert.equal(gatewayIp, subnet.replace(/\.0\/23$/, '.1'));
      assert.match(bridge, /^esb-bran[0-9a-f]{6}$/);
    }
  });

  it('is written as shell single-quoted assignments and read back; a partial file reads as none yet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'esb-cni-'));
    try {
      assert.equal(readCniIdentity(dir), undefined);
      const identity = { network: "it's-net", bridge: 'esb-x', subnet: '10.1.2.0/23', gatewayIp: '10.1.2.1' };
      assert.equal(
        cniIdentityFileText(identity),
        "CNI_NETWORK='it'\\''s-net'\nCNI_BRIDGE='esb-x'\nCNI_SUBNET='10.1.2.0/23'\nCNI_GW_IP='10.1.2.1'\n",
      );
      writeCniIdentity(dir, identity);
      assert.deepEqual(readCniIdentity(dir), identity);
      writeFileSync(join(dir, CNI_IDENTITY_FILE), "CNI_NETWORK='esb-net'\n");
      assert.equal(readCniIdentity(dir), undefined);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
