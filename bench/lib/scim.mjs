// The bench's own SCIM and admin API calls (setup and checks, not the measured load).
export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** A user as Entra ID or Okta sends it (`i` makes it unique; `domain` routes its email in the sink). */
export function userBody(name, domain, { active = true } = {}) {
  return {
    schemas: [USER, ENTERPRISE],
    externalId: `ext-${name}`,
    userName: `${name}@${domain}`,
    active,
    displayName: `Bench ${name}`,
    name: { givenName: 'Bench', familyName: name, formatted: `Bench ${name}` },
    emails: [{ primary: true, type: 'work', value: `${name}@${domain}` }],
    title: 'Engineer',
    [ENTERPRISE]: { department: 'Benchmarks', employeeNumber: name },
  };
}

/** Creates an organization with SCIM enabled and one key; returns its SCIM base URL and headers. */
export async function newOrganization({ url, adminToken }, name) {
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const call = async (method, path, body, status) =>
    expectJson(
      await fetch(`${url}/api${path}`, { method, headers: admin, body: JSON.stringify(body) }),
      status,
    );
  const org = await call('POST', '/organizations', { name }, 201);
  await call('PUT', `/organizations/${org.id}/scim`, { enabled: true }, 200);
  const { key } = await call('POST', `/organizations/${org.id}/scim/keys`, {}, 201);
  // Only requests with a body say what it is: Fastify refuses an empty body declared as JSON.
  const headers = { authorization: `Bearer ${key}` };
  const withBody = { ...headers, 'content-type': 'application/scim+json' };
  const base = `${url}/scim/v2/${org.id}`;
  return {
    id: org.id,
    base,
    path: new URL(base).pathname,
    headers,
    withBody,
    async request(method, path, body, status) {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : withBody,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return status === 204 ? expectStatus(res, status) : expectJson(res, status);
    },
  };
}

export async function expectJson(res, status) {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  return res.json();
}

export async function expectStatus(res, status) {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  await res.arrayBuffer();
  return undefined;
}

/** Every user id of an organization, in list order (pages of 1,000, ids only). */
export async function userIds(org, total) {
  const ids = [];
  for (let start = 1; start <= total; start += 1000) {
    const page = await org.request(
      'GET',
      `/Users?startIndex=${start}&count=1000&attributes=id`,
      undefined,
      200,
    );
    ids.push(...page.Resources.map((user) => user.id));
  }
  return ids;
}
