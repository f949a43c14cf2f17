/** Variables the testbed CLI sets on the agent container, beside the service environment every service reads. */

/** The base image worker containers run from, built locally by the testbed CLI. */
export const IMAGE_ENV = 'ESB_TESTBED_IMAGE';
/** The project checkout on the host, bind-mounted into every worker. */
export const REPO_ENV = 'ESB_TESTBED_REPO';
/** The worker bundle the testbed built at start (under the project checkout, so workers see it). */
export const WORKER_ENTRY_ENV = 'ESB_TESTBED_WORKER_ENTRY';
