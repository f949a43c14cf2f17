import { isJsonObject, type JsonObject } from './python-values.ts';

/**
 * The Java fixtures' body parsing (contract §4.1): like the Python helper, except that a base64 body is
 * decoded when `isBase64Encoded` is set, and a string body that is not a JSON object becomes `{"raw":text}`.
 */
export function parseJavaEventBody(event: unknown): JsonObject {
  if (!isJsonObject(event)) return {};
  const body = event.body;
  if (body === undefined || body === null) return event;
  if (typeof body === 'string') {
    const text = event.isBase64Encoded === true ? Buffer.from(body, 'base64').toString('utf8') : body;
    try {
      const parsed: unknown = JSON.parse(text);
      if (isJsonObject(parsed)) return parsed;
    } catch {
      // Falls through to the raw form.
    }
    return { raw: text };
  }
  return isJsonObject(body) ? body : {};
}
