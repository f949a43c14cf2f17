import { isJsonObject, type JsonObject } from './python-values.ts';

/**
 * The Python fixtures' `parse_event_body` (contract §4.1): a string `body` is JSON-parsed (invalid JSON gives
 * {}), an object `body` is used as is, and without a `body` the whole event is the payload, which is why a
 * direct invoke with `{"message":…}` works. Anything that is not an object reads as {}.
 */
export function parsePythonEventBody(event: unknown): JsonObject {
  if (!isJsonObject(event)) return {};
  const body = event.body;
  if (body === undefined || body === null) return event;
  if (typeof body === 'string') {
    try {
      const parsed: unknown = JSON.parse(body);
      return isJsonObject(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return isJsonObject(body) ? body : {};
}
