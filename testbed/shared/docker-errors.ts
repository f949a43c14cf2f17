/** What the Docker engine's HTTP answers mean for code that removes containers. */

function statusCodeOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  return typeof error.statusCode === 'number' ? error.statusCode : undefined;
}

/** 404: the container (or image) is not there. */
export function isNotFound(error: unknown): boolean {
  return statusCodeOf(error) === 404;
}

/** 409 "removal … already in progress": someone else is removing the same container. */
export function isRemovalInProgress(error: unknown): boolean {
  return statusCodeOf(error) === 409 && /already in progress/i.test(String(error));
}

/** 409 for an image: a container (another testbed's, started meanwhile) still uses it. */
export function isImageInUse(error: unknown): boolean {
  return statusCodeOf(error) === 409;
}
