import {
  ENTERPRISE_USER_SCHEMA,
  GROUP_SCHEMA,
  MAX_RESULTS,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  USER_SCHEMA,
} from '@roster/scim';
import {
  RESOURCE_TYPES,
  SCHEMAS,
  findResourceType,
  findSchema,
  resourceTypeDocument,
  schemaDocument,
  serviceProviderConfig,
} from './discovery-documents';

const BASE = 'https://roster.example/scim/v2/6f1c3f0e-8a9b-4c1d-9e2f-0a1b2c3d4e5f';

// Protects: discovery describes exactly what Roster does (SPEC §3) — the e2e test probes each claim.
describe('discovery documents (RFC 7643 §5–§7, RFC 7644 §4)', () => {
  it('advertises patch, filter with maxResults, sort, etag; no bulk, no password change; bearer only', () => {
    expect(serviceProviderConfig(BASE, 1_048_576)).toMatchObject({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: MAX_RESULTS },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [{ type: 'oauthbearertoken', primary: true }],
      meta: { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` },
    });
  });

  it('lists User first, with its endpoint and the optional Enterprise extension, then Group', () => {
    expect(RESOURCE_TYPES.map((type) => resourceTypeDocument(type, BASE))).toEqual([
      {
        schemas: [RESOURCE_TYPE_SCHEMA],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'User Account',
        schema: USER_SCHEMA,
        schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
        meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/User` },
      },
      {
        schemas: [RESOURCE_TYPE_SCHEMA],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        description: 'Group',
        schema: GROUP_SCHEMA,
        meta: { resourceType: 'ResourceType', location: `${BASE}/ResourceTypes/Group` },
      },
    ]);
  });

  it('serves the schema of every resource type and extension, once each, User first', () => {
    expect(SCHEMAS.map((schema) => schema.id)).toEqual([USER_SCHEMA, GROUP_SCHEMA, ENTERPRISE_USER_SCHEMA]);
    const enterprise = schemaDocument(findSchema(ENTERPRISE_USER_SCHEMA)!, BASE);
    expect(enterprise).toMatchObject({
      schemas: [SCHEMA_SCHEMA],
      id: ENTERPRISE_USER_SCHEMA,
      meta: { resourceType: 'Schema', location: `${BASE}/Schemas/${ENTERPRISE_USER_SCHEMA}` },
    });
    expect(enterprise.attributes.map((attribute) => attribute.name)).toContain('manager');
  });

  it.each<[string, string | undefined]>([
    ['User', 'User'],
    ['user', 'User'],
    ['GROUP', 'Group'],
    ['Users', undefined],
    ['', undefined],
  ])('finds resource type %p', (id, expected) => {
    expect(findResourceType(id)?.id).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    [USER_SCHEMA, USER_SCHEMA],
    [ENTERPRISE_USER_SCHEMA.toUpperCase(), ENTERPRISE_USER_SCHEMA],
    ['urn:ietf:params:scim:schemas:core:2.0:Schema', undefined],
    ['User', undefined],
  ])('finds schema %p', (id, expected) => {
    expect(findSchema(id)?.id).toBe(expected);
  });
});
