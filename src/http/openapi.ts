/** The OpenAPI 3.1 document, generated from the route table and the same zod schemas that validate. */
import { z } from 'zod';
import type { ResolvedSettings } from '../core/config.js';
import type { ErrorCode } from '../core/errors.js';
import type { Route } from './route.js';
import { apiSchemas, errorBody } from './schemas.js';
import { STATUS_BY_CODE } from './status.js';

type Json = Record<string, unknown>;

export function openApiDocument(routes: readonly Route[], settings: ResolvedSettings): Json {
  const { schemas } = z.toJSONSchema(apiSchemas, {
    uri: (id) => `#/components/schemas/${id}`,
    // Request bodies are documented as clients send them (before trimming and the like).
    io: 'input',
  });
  const components: Record<string, unknown> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    const { $schema: _s, $id: _i, ...rest } = schema as Json;
    components[id] = rest;
  }
  const schemaOf = (schema: z.ZodType): Json => {
    const id = apiSchemas.get(schema)?.id;
    if (id) return { $ref: `#/components/schemas/${id}` };
    const { $schema: _s, ...rest } = z.toJSONSchema(schema, { unrepresentable: 'any' }) as Json;
    return rest;
  };

  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = (route.absolute ? route.path : `${settings.basePath}${route.path}`).replace(
      /:(\w+)/g,
      '{$1}',
    );
    const responses: Json = {
      [route.status]: {
        description: 'Success',
        content: { 'application/json': { schema: schemaOf(route.response) } },
      },
    };
    const errorRef = schemaOf(errorBody);
    const byStatus = new Map<number, string[]>();
    for (const code of route.errors) {
      const status = STATUS_BY_CODE[code as ErrorCode];
      byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
    }
    for (const [status, codes] of byStatus) {
      responses[status] = {
        description: codes.join(', '),
        content: { 'application/json': { schema: errorRef } },
      };
    }
    const operation: Json = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      responses,
    };
    if (route.auth || route.admin) operation.security = [{ bearer: [] }, { cookie: [] }];
    if (route.body) {
      operation.requestBody = {
        required: !route.bodyOptional,
        content: { 'application/json': { schema: schemaOf(route.body) } },
      };
    }
    const params = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    // Every API route answers for the app the request names (the well-known paths for none);
    // the admin API answers for the app its bearer was issued for.
    const appHeader = route.absolute || route.admin ? [] : [{ $ref: '#/components/parameters/GatehouseApp' }];
    const queryParams = Object.entries(route.query?.shape ?? {}).map(([name, field]) => {
      const { $schema: _s, ...schema } = z.toJSONSchema(field as z.ZodType, {
        unrepresentable: 'any',
        io: 'input',
      }) as Json;
      return { name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema };
    });
    const all = [...appHeader, ...params, ...queryParams];
    if (all.length > 0) operation.parameters = all;
    paths[path] = { ...(paths[path] ?? {}), [route.method.toLowerCase()]: operation };
  }

  return {
    openapi: '3.1.0',
    info: { title: 'Gatehouse', version: '0.1.0', description: 'Accounts, sessions and tokens.' },
    servers: settings.baseUrl ? [{ url: settings.baseUrl }] : [],
    paths,
    components: {
      schemas: components,
      parameters: {
        GatehouseApp: {
          name: 'Gatehouse-App',
          in: 'header',
          required: false,
          description:
            'The app the request is for (`app_…`); the default app when absent. Tokens work only at their own app.',
          schema: { type: 'string', pattern: '^app_[0-9a-f]{32}$' },
        },
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'apiKey', in: 'cookie', name: '__Host-gh_access' },
      },
    },
  };
}
