/**
 * What the testbed does differently for each ESB revision it stands in for (the names match the catalogue's
 * environments/esb_revisions.yaml; a test checks they agree). One row per revision; every service reads its row
 * through readServiceConfig, so a testbed started with `--esb <revision>` behaves as that ESB throughout.
 * ../shared/esb-contract-head.md lists the differences, section by section.
 */
export interface EsbBehaviour {
  /** The ESB commit whose behaviour the row reproduces. */
  readonly commit: string;
  /** Logger names of the CloudWatch passthrough records (contract §4.3). */
  readonly cloudwatchLogger: { readonly python: string; readonly java: string };
  /** MemorySize of every function but lambda-image, in MiB (§4.2). */
  readonly memoryMb: number;
  /** lambda-image's MemorySize; undefined: no limit (the seed). */
  readonly imageMemoryMb: number | undefined;
  /** The runtime of lambda-image's image per mode (§4.2: a Java image on containerd from 2026-03-02 on). */
  readonly imageRuntime: { readonly docker: 'python' | 'java'; readonly containerd: 'python' | 'java' };
  /** The `handler` field lambda-image answers with, per runtime. */
  readonly imageHandler: { readonly python: string; readonly java: string };
  /** lambda-s3's presign_get, signed for S3_PRESIGN_ENDPOINT (http://localhost:<PORT_S3>), which S3 serves (§9). */
  readonly presignGet: boolean;
  /** The Invoke API resolves ARNs, partial ARNs and name:qualifier, with its 400 for an empty name (§5.3). */
  readonly invokeNameNormalisation: boolean;
  /** Proxy responses with isBase64Encoded true are decoded and sent raw (§4.1). */
  readonly base64ProxyBodies: boolean;
  /** On containerd, the CNI identity file and the runtime-node NAT rules the CNI check reads (§10). */
  readonly cniIdentity: boolean;
  /** E2E_IMAGE_EXPECTED_LOGGER in the client environment (§1.1), per mode; undefined: not exported. */
  readonly imageExpectedLogger: { readonly docker: string; readonly containerd: string } | undefined;
}

export const ESB_BEHAVIOURS = {
  '2026-02-17': {
    commit: 'aeec2c891ca06eed5ff07cf2d6dfa8aadaf7df88',
    cloudwatchLogger: { python: 'boto3.mock', java: 'aws.logs' },
    memoryMb: 128,
    imageMemoryMb: undefined,
    imageRuntime: { docker: 'python', containerd: 'python' },
    imageHandler: { python: 'e2e-minimal-lambda', java: 'e2e-minimal-lambda' },
    presignGet: false,
    invokeNameNormalisation: false,
    base64ProxyBodies: false,
    cniIdentity: false,
    imageExpectedLogger: undefined,
  },
  '2026-03-02': {
    commit: '5694369811f4b06451813688e66e35293b50a7e2',
    cloudwatchLogger: { python: 'cloudwatch.logs.python', java: 'cloudwatch.logs.java' },
    memoryMb: 512,
    imageMemoryMb: 512,
    imageRuntime: { docker: 'python', containerd: 'java' },
    imageHandler: { python: 'esb-e2e-image-python', java: 'esb-e2e-image-java' },
    presignGet: true,
    invokeNameNormalisation: true,
    base64ProxyBodies: true,
    cniIdentity: true,
    imageExpectedLogger: { docker: 'cloudwatch.logs.python', containerd: 'cloudwatch.logs.java' },
  },
} as const satisfies Record<string, EsbBehaviour>;

export type EsbRevisionName = keyof typeof ESB_BEHAVIOURS;

/** The revision a testbed stands in for unless `--esb` names another: the catalogue's default. */
export const DEFAULT_ESB_REVISION: EsbRevisionName = '2026-02-17';

/** The variable that carries the revision to every service (and worker) of a testbed. */
export const ESB_REVISION_ENV = 'ESB_TESTBED_ESB';

export function isEsbRevisionName(name: string): name is EsbRevisionName {
  return Object.hasOwn(ESB_BEHAVIOURS, name);
}

/** The known revisions, for messages: `2026-02-17 (default), 2026-03-02`. */
export function describeEsbRevisions(): string {
  return Object.keys(ESB_BEHAVIOURS)
    .map((name) => (name === DEFAULT_ESB_REVISION ? `${name} (default)` : name))
    .join(', ');
}

export function esbBehaviour(name: EsbRevisionName): EsbBehaviour {
  return ESB_BEHAVIOURS[name];
}

/** Whether `name` is `since` or a later revision (the table lists them oldest first). */
export function esbRevisionSince(name: EsbRevisionName, since: EsbRevisionName): boolean {
  const order = Object.keys(ESB_BEHAVIOURS);
  return order.indexOf(name) >= order.indexOf(since);
}
