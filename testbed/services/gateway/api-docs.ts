import type { ServerResponse } from 'node:http';
import { FUNCTIONS } from '../../functions/function-catalog.ts';
import { sendJson } from './http-io.ts';

/**
 * The gateway's generated documentation, open without a token as ESB's (FastAPI) is: an OpenAPI 3.1 document of
 * the testbed's own routes at /openapi.json, and HTML pages at /docs, /redoc and /docs/oauth2-redirect. The pages
 * are the testbed's own small ones; clients check their status and content type, not their markup.
 */
export const API_DOC_PATHS = ['/openapi.json', '/docs', '/redoc', '/docs/oauth2-redirect'] as const;

const ERROR = { $ref: '#/components/schemas/Error' };
const answer = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const bearer = [{ HTTPBearer: [] }];

/** The document: login, Invoke API, health, metrics and one POST per function route of the catalogue. */
export function openApiDocument(authEndpointPath: string): object {
  const routes = Object.fromEntries(
    FUNCTIONS.filter((f) => f.route !== undefined).map((f) => [
      f.route,
      {
        post: {
          summary: `Invoke ${f.name} with an API Gateway proxy event`,
          security: bearer,
          requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
          responses: {
            '200': answer("The function's answer"),
            '401': answer('No valid token', ERROR),
            '502': answer('The function failed', ERROR),
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: { title: 'Lambda Gateway (esb-e2e testbed)', version: '1.0.0' },
    paths: {
      '/health': { get: { summary: 'Health', responses: { '200': answer('Healthy') } } },
      [authEndpointPath]: {
        post: {
          summary: 'Log in: x-api-key and AuthParameters give an IdToken',
          parameters: [{ name: 'x-api-key', in: 'header', required: true, schema: { type: 'string' } }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginRequest' } } },
          },
          responses: {
            '200': answer('The token'),
            '401': answer('Wrong key or credentials', ERROR),
            '422': answer('Validation Error'),
          },
        },
      },
      '/2015-03-31/functions/{function_name}/invocations': {
        post: {
          summary: 'Invoke API: RequestResponse or Event',
          parameters: [
            { name: 'function_name', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'X-Amz-Invocation-Type', in: 'header', required: false, schema: { type: 'string' } },
          ],
          responses: {
            '200': answer("The function's raw result"),
            '202': answer('Accepted (Event)'),
            '404': answer('No such function', ERROR),
          },
        },
      },
      '/metrics/pools': {
        get: { summary: 'Worker pools', security: bearer, responses: { '200': answer('Pools') } },
      },
      '/metrics/containers': {
        get: {
          summary: 'Worker containers (containerd mode)',
          security: bearer,
          responses: { '200': answer('Containers'), '501': answer('Docker mode', ERROR) },
        },
      },
      ...routes,
    },
    components: {
      schemas: {
        Error: { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] },
        LoginRequest: {
          type: 'object',
          required: ['AuthParameters'],
          properties: {
            AuthParameters: {
              type: 'object',
              required: ['USERNAME', 'PASSWORD'],
              properties: { USERNAME: { type: 'string' }, PASSWORD: { type: 'string' } },
            },
          },
        },
      },
      securitySchemes: { HTTPBearer: { type: 'http', scheme: 'bearer' } },
    },
  };
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n${body}\n</body>\n</html>\n`;
}

const PAGES: Readonly<Record<string, string>> = {
  '/docs': page(
    'Lambda Gateway - API',
    '<h1>Lambda Gateway (esb-e2e testbed)</h1>\n<p>The API is described in <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>',
  ),
  '/redoc': page(
    'Lambda Gateway - ReDoc',
    '<p>The API reference: <a href="/openapi.json">/openapi.json</a>.</p>',
  ),
  '/docs/oauth2-redirect': page(
    'OAuth2 redirect',
    '<p>This gateway uses bearer tokens from its login; nothing to redirect.</p>',
  ),
};

/** Answers one of API_DOC_PATHS. */
export function handleApiDocs(path: string, authEndpointPath: string, response: ServerResponse): void {
  if (path === '/openapi.json') {
    sendJson(response, 200, openApiDocument(authEndpointPath));
    return;
  }
  const html = PAGES[path] ?? page('Not Found', '');
  response.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
  });
  response.end(html);
}
