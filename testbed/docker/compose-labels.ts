/** Labels that make testbed containers look like a compose project to control-plane hooks (contract §10). */
export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
/** Marks everything the testbed made, so `down` can find it even after a crash. */
export const TESTBED_LABEL = 'esb.testbed';

export function composeLabels(projectName: string, service: string): Record<string, string> {
  return { [PROJECT_LABEL]: projectName, [SERVICE_LABEL]: service, [TESTBED_LABEL]: 'true' };
}

export function projectFilter(projectName: string): { label: string[] } {
  return { label: [`${PROJECT_LABEL}=${projectName}`] };
}
