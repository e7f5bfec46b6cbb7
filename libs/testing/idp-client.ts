import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TestStack } from './stack';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: any;
  text: string;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends one request to the gateway in-process (Fastify inject) and parses a JSON body when there is one. */
export async function request(
  app: NestFastifyApplication,
  method: Method,
  url: string,
  options: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | undefined;
  if (options.body !== undefined) {
    payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/scim+json';
  }
  const res = await app.inject({ method, url, headers, payload });
  let body: any;
  try {
    body = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, headers: res.headers, body, text: res.body };
}

/** An admin of the deployment, speaking to /api with the admin token. */
export function adminClient(stack: TestStack) {
  const auth = { authorization: `Bearer ${stack.adminToken}`, 'content-type': 'application/json' };
  return {
    send: (method: Method, path: string, body?: unknown) =>
      request(stack.gateway, method, path, {
        body: body ?? (method === 'POST' ? {} : undefined),
        headers: auth,
      }),
    /** Creates an organization with SCIM enabled and a key: what an admin does before configuring an IdP. */
    async provisionOrganization(name = 'Acme') {
      const org = await request(stack.gateway, 'POST', '/api/organizations', {
        body: { name },
        headers: auth,
      });
      if (org.status !== 201) throw new Error(`create organization: ${org.status} ${org.text}`);
      const id: string = org.body.id;
      const scim = await request(stack.gateway, 'PUT', `/api/organizations/${id}/scim`, {
        body: { enabled: true },
        headers: auth,
      });
      if (scim.status !== 200) throw new Error(`enable SCIM: ${scim.status} ${scim.text}`);
      const key = await request(stack.gateway, 'POST', `/api/organizations/${id}/scim/keys`, {
        body: {},
        headers: auth,
      });
      if (key.status !== 201) throw new Error(`issue key: ${key.status} ${key.text}`);
      return { id, name, key: key.body.key as string, scimUrl: scim.body.scim.url as string };
    },
  };
}

/** An identity provider holding one organization's SCIM key, sending requests as IdPs do. */
export function idpClient(
  stack: TestStack,
  organizationId: string,
  key: string,
  userAgent = 'Okta SCIM Client 1.0.0',
) {
  const base = `/scim/v2/${organizationId}`;
  return {
    base,
    send: (method: Method, path: string, body?: unknown, headers: Record<string, string> = {}) =>
      request(stack.gateway, method, `${base}${path}`, {
        body,
        headers: { authorization: `Bearer ${key}`, 'user-agent': userAgent, ...headers },
      }),
  };
}

export function newUser(userName: string, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  };
}
