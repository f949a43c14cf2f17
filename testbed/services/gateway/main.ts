import { activeFaults } from '../../faults/fault-table.ts';
import { readServiceConfig } from '../../shared/service-env.ts';
import { startGateway } from './gateway-main.ts';

const gateway = await startGateway({
  config: readServiceConfig(),
  faults: activeFaults(),
  authEndpointPath: process.env.AUTH_ENDPOINT_PATH,
});
// ESB's gateway exits on SIGTERM; Docker's restart policy brings the container back.
process.on('SIGTERM', () => {
  void gateway.close().finally(() => process.exit(0));
});
