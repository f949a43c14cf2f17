import type Docker from 'dockerode';

export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

/**
 * A Docker client for the engine that runs the ESB under test: DOCKER_HOST of the run's environment (or of this
 * process), else the local socket. Supported forms: unix:///path and tcp://host:port (plain HTTP).
 * dockerode is loaded on first use: every node:test entry process loads the hook table, few run a Docker hook.
 */
export async function dockerFromEnv(env: Readonly<Record<string, string>>): Promise<Docker> {
  const { default: Docker } = await import('dockerode');
  const host = env.DOCKER_HOST || process.env.DOCKER_HOST || '';
  if (host === '') return new Docker({ socketPath: DEFAULT_DOCKER_SOCKET });
  if (host.startsWith('unix://'))
    return new Docker({ socketPath: host.slice('unix://'.length) || DEFAULT_DOCKER_SOCKET });
  const tls = (env.DOCKER_TLS_VERIFY ?? process.env.DOCKER_TLS_VERIFY) === '1';
  if (host.startsWith('tcp://') && !tls) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    return new Docker({ protocol: 'http', host: url.hostname, port: url.port || '2375' });
  }
  throw new Error(
    `DOCKER_HOST=${host}${tls ? ' with DOCKER_TLS_VERIFY=1' : ''} is not supported by the hooks; ` +
      'use unix:///path/to/docker.sock or tcp://host:port (plain HTTP), or unset it for /var/run/docker.sock',
  );
}
