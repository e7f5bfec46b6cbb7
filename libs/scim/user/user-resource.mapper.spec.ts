import type { UserRecord } from '../../contracts/membership/users';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns';
import { userRecordToResource } from './user-resource.mapper';
import { userResourceToWrite } from './user-write.mapper';

const BASE = 'https://roster.example/scim/v2/3f1c0b6e-6c1d-4f0e-9b3a-0e7d2b1c4a55';

function record(overrides: Partial<UserRecord> = {}): UserRecord {
  return {
    id: '2819c223-7f76-453a-919d-413861904646',
    organizationId: '3f1c0b6e-6c1d-4f0e-9b3a-0e7d2b1c4a55',
    userName: 'bjensen@example.com',
    externalId: 'ext-1',
    email: 'bjensen@example.com',
    displayName: 'Babs Jensen',
    givenName: 'Barbara',
    familyName: 'Jensen',
    status: 'invited',
    active: true,
    attributes: {
      userName: 'bjensen@example.com',
      externalId: 'ext-1',
      displayName: 'Babs Jensen',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      emails: [{ value: 'bjensen@example.com', primary: true }],
    },
    groups: [],
    version: 3,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-02T00:00:00.000Z',
    ...overrides,
  };
}

describe('userRecordToResource (RFC 7643 §4.1, §3.1)', () => {
  it('renders the resource with meta and version', () => {
    expect(userRecordToResource(record(), `${BASE}/`)).toEqual({
      schemas: [USER_SCHEMA],
      id: '2819c223-7f76-453a-919d-413861904646',
      externalId: 'ext-1',
      userName: 'bjensen@example.com',
      displayName: 'Babs Jensen',
      name: { givenName: 'Barbara', familyName: 'Jensen' },
      emails: [{ value: 'bjensen@example.com', primary: true }],
      active: true,
      meta: {
        resourceType: 'User',
        created: '2024-01-01T00:00:00.000Z',
        lastModified: '2024-01-02T00:00:00.000Z',
        location: `${BASE}/Users/2819c223-7f76-453a-919d-413861904646`,
        version: 'W/"3"',
      },
    });
  });

  it('adds groups, the enterprise schema, and takes active and externalId from the record', () => {
    const resource = userRecordToResource(
      record({
        active: false,
        externalId: null,
        status: 'revoked',
        attributes: {
          userName: 'stale',
          externalId: 'stale',
          active: true,
          [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
        },
        groups: [{ id: 'g1', displayName: 'Admins' }],
      }),
      BASE,
    );
    expect(resource).toEqual({
      schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
      id: '2819c223-7f76-453a-919d-413861904646',
      userName: 'bjensen@example.com',
      active: false,
      groups: [{ value: 'g1', $ref: `${BASE}/Groups/g1`, display: 'Admins' }],
      [ENTERPRISE_USER_SCHEMA]: { department: 'Sales' },
      meta: expect.objectContaining({ version: 'W/"3"' }),
    });
  });

  it('round-trips: a resource read back as a write keeps every attribute', () => {
    const { write } = userResourceToWrite(
      {
        schemas: [USER_SCHEMA, ENTERPRISE_USER_SCHEMA],
        userName: 'bjensen@example.com',
        externalId: 'ext-1',
        active: true,
        phoneNumbers: [{ value: '+1 555', type: 'mobile' }],
        [ENTERPRISE_USER_SCHEMA]: { manager: { value: 'm1' } },
      },
      'create',
    );
    const resource = userRecordToResource(record({ attributes: write.attributes }), BASE);
    const again = userResourceToWrite(resource, 'replace');
    expect(again.write.attributes).toEqual(write.attributes);
    expect(again.ignored).toEqual([]);
  });
});
