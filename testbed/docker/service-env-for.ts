import type { FaultName } from '../faults/fault-table.ts';
import type { EsbRevisionName } from '../revisions/esb-behaviour.ts';
import {
  E2E_TIMINGS,
  type ServiceConfig,
  serviceConfigFor,
  serviceEnvironment,
} from '../shared/service-env.ts';
import type { TestbedCredentials } from './credentials.ts';
import type { TestbedProfile } from './profiles.ts';

/** The configuration every service container of a profile runs with, standing in for ESB at `esb`. */
export function profileConfig(
  profile: TestbedProfile,
  credentials: TestbedCredentials,
  esb: EsbRevisionName,
): ServiceConfig {
  return serviceConfigFor({
    esbEnv: profile.env,
    esb,
    mode: profile.mode,
    projectName: profile.projectName,
    ports: profile.ports,
    credentials: {
      apiKey: credentials.X_API_KEY,
      authUser: credentials.AUTH_USER,
      authPass: credentials.AUTH_PASS,
      jwtSecret: credentials.JWT_SECRET_KEY,
      s3AccessKey: credentials.RUSTFS_ACCESS_KEY,
      s3SecretKey: credentials.RUSTFS_SECRET_KEY,
    },
    ...E2E_TIMINGS,
    dataDir: '/data',
  });
}

/** The environment of a service container: its configuration, the active faults, and `extra` variables. */
export function containerEnvironment(
  config: ServiceConfig,
  faults: readonly FaultName[],
  extra: Record<string, string>,
): Record<string, string> {
  return { ...serviceEnvironment(config, new Set(faults)), ...extra };
}
