import { pythonJsonError } from './python-json-error.ts';
import { PyBytes, PyTuple, type PyValue, pyRepr } from './python-repr.ts';

/**
 * The login body as ESB's gateway (FastAPI with a pydantic model `{AuthParameters: {USERNAME: str, PASSWORD:
 * str}}`) validates it, before it looks at the API key: the body is JSON when the content type is absent or JSON,
 * raw bytes otherwise; every problem becomes one pydantic error, and the 422 answer's `detail` is their Python
 * repr (recorded: ../shared/golden, login-*).
 */
export type LoginBody =
  | { readonly ok: true; readonly user: string; readonly pass: string }
  | { readonly ok: false; readonly detail: string };

type PydanticError = { readonly [key: string]: PyValue };

const missing = (loc: PyValue[], input: PyValue): PydanticError => ({
  type: 'missing',
  loc: new PyTuple(loc),
  msg: 'Field required',
  input,
});

const notAnObject = (loc: PyValue[], input: PyValue): PydanticError => ({
  type: 'model_attributes_type',
  loc: new PyTuple(loc),
  msg: 'Input should be a valid dictionary or object to extract fields from',
  input,
});

/** Whether FastAPI reads a body of this content type as JSON (none, application/json, application/*+json). */
function isJsonContent(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  const [type = ''] = contentType.toLowerCase().split(';');
  const [main, sub = ''] = type.trim().split('/');
  return main === 'application' && (sub === 'json' || sub.endsWith('+json'));
}

const isObject = (value: unknown): value is Record<string, PyValue> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function modelErrors(body: unknown): PydanticError[] {
  if (!isObject(body)) return [notAnObject(['body'], body as PyValue)];
  const auth = body.AuthParameters;
  if (auth === undefined) return [missing(['body', 'AuthParameters'], body)];
  if (!isObject(auth)) return [notAnObject(['body', 'AuthParameters'], auth)];
  const errors: PydanticError[] = [];
  for (const field of ['USERNAME', 'PASSWORD']) {
    const value = auth[field];
    if (value === undefined) errors.push(missing(['body', 'AuthParameters', field], auth));
    else if (typeof value !== 'string')
      errors.push({
        type: 'string_type',
        loc: new PyTuple(['body', 'AuthParameters', field]),
        msg: 'Input should be a valid string',
        input: value,
      });
  }
  return errors;
}

export function validateLoginBody(bytes: Buffer, contentType: string | undefined): LoginBody {
  let errors: PydanticError[];
  if (bytes.length === 0) errors = [missing(['body'], null)];
  else if (!isJsonContent(contentType)) errors = [notAnObject(['body'], new PyBytes(bytes))];
  else {
    const text = bytes.toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const { msg, pos } = pythonJsonError(text) ?? { msg: 'Expecting value', pos: 0 };
      return {
        ok: false,
        detail: pyRepr([
          {
            type: 'json_invalid',
            loc: new PyTuple(['body', pos]),
            msg: 'JSON decode error',
            input: {},
            ctx: { error: msg },
          },
        ]),
      };
    }
    errors = body === null ? [missing(['body'], null)] : modelErrors(body);
    if (errors.length === 0) {
      const auth = (body as { AuthParameters: { USERNAME: string; PASSWORD: string } }).AuthParameters;
      return { ok: true, user: auth.USERNAME, pass: auth.PASSWORD };
    }
  }
  return { ok: false, detail: pyRepr(errors) };
}
