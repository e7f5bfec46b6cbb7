import { ScimError } from '../errors';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../schema/urns';
import { userResourceToWrite } from './user-write.mapper';

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;

describe('userResourceToWrite (RFC 7643 §4.1, RFC 7644 §3.3, SPEC §4)', () => {
  // One row per User body an IdP sends: the body, then what membership receives.
  it.each<[string, unknown, { write: object; ignored?: string[] }]>([
    [
      'Okta create, with a password that is never stored and groups: [] ignored',
      {
        schemas: [USER_SCHEMA],
        userName: 'bjensen@example.com',
        name: { givenName: 'Barbara', familyName: 'Jensen' },
        emails: [{ primary: true, value: 'Barbara.Jensen@Example.com', type: 'work' }],
        displayName: 'Barbara Jensen',
        locale: 'en-US',
        externalId: '00ujl29u0le5T6Aj10h7',
        groups: [],
        password: '1mz050nq',
        active: true,
      },
      {
        write: {
          userName: 'bjensen@example.com',
          externalId: '00ujl29u0le5T6Aj10h7',
          email: 'barbara.jensen@example.com',
          displayName: 'Barbara Jensen',
          givenName: 'Barbara',
          familyName: 'Jensen',
          active: true,
          attributes: {
            userName: 'bjensen@example.com',
            name: { givenName: 'Barbara', familyName: 'Jensen' },
            emails: [{ primary: true, value: 'Barbara.Jensen@Example.com', type: 'work' }],
            displayName: 'Barbara Jensen',
            locale: 'en-US',
            externalId: '00ujl29u0le5T6Aj10h7',
          },
        },
        ignored: [],
      },
    ],
    [
      'Entra create: string booleans, enterprise extension, a UPN userName, an unknown custom schema',
      {
        schemas: [USER_SCHEMA, ENTERPRISE, 'urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User'],
        externalId: 'bb2ae4d3',
        userName: 'Test_User_ab6490ee@contoso.com',
        active: 'False',
        emails: [{ primary: 'True', type: 'work', value: 'Test_User_fd0ea19b@contoso.com' }],
        meta: { resourceType: 'User' },
        name: { formatted: 'Ryan Leenay', familyName: 'Leenay', givenName: 'Ryan' },
        title: 'Manager',
        [ENTERPRISE]: { department: 'Sales', Manager: { value: 'mgr-1', displayName: 'Boss' } },
        'urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User': { badge: '7' },
      },
      {
        write: {
          userName: 'Test_User_ab6490ee@contoso.com',
          externalId: 'bb2ae4d3',
          email: 'test_user_fd0ea19b@contoso.com',
          displayName: null,
          givenName: 'Ryan',
          familyName: 'Leenay',
          active: false,
          attributes: {
            externalId: 'bb2ae4d3',
            userName: 'Test_User_ab6490ee@contoso.com',
            emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b@contoso.com' }],
            name: { formatted: 'Ryan Leenay', familyName: 'Leenay', givenName: 'Ryan' },
            title: 'Manager',
            // manager.displayName is read-only (RFC 7643 §4.3): the server's to fill in
            [ENTERPRISE]: { department: 'Sales', manager: { value: 'mgr-1' } },
          },
        },
        ignored: ['urn:ietf:params:scim:schemas:extension:CustomExtension:2.0:User'],
      },
    ],
    [
      'names in any case are stored under the canonical spelling; no schemas is accepted',
      {
        USERNAME: 'bjensen',
        DisplayName: 'Babs',
        NAME: { GIVENNAME: 'Barbara' },
        PhoneNumbers: [{ Value: '555', TYPE: 'work' }],
      },
      {
        write: {
          userName: 'bjensen',
          externalId: null,
          email: null,
          displayName: 'Babs',
          givenName: 'Barbara',
          familyName: null,
          attributes: {
            userName: 'bjensen',
            displayName: 'Babs',
            name: { givenName: 'Barbara' },
            phoneNumbers: [{ value: '555', type: 'work' }],
          },
        },
        ignored: [],
      },
    ],
    [
      'unknown attributes and sub-attributes are dropped and reported; id and meta ignored',
      {
        id: 'client-id',
        userName: 'u1',
        favouriteColour: 'blue',
        emails: [{ value: 'u1@x.org', label: 'x' }],
      },
      {
        write: {
          userName: 'u1',
          email: 'u1@x.org',
          attributes: { userName: 'u1', emails: [{ value: 'u1@x.org' }] },
        },
        ignored: ['favouriteColour', 'emails.label'],
      },
    ],
    [
      'an extension attribute written in full at the top level',
      { userName: 'u2', [`${ENTERPRISE}:department`]: 'Ops', [`${ENTERPRISE}:employeeNumber`]: 701 },
      {
        write: {
          userName: 'u2',
          attributes: { userName: 'u2', [ENTERPRISE]: { department: 'Ops', employeeNumber: '701' } },
        },
      },
    ],
    [
      'null, [] and {} are unassigned (RFC 7643 §2.5)',
      { userName: 'u3', displayName: null, emails: [], name: {}, [ENTERPRISE]: { department: null } },
      { write: { userName: 'u3', displayName: null, attributes: { userName: 'u3' } } },
    ],
  ])('%s', (_, body, expected) => {
    const mapped = userResourceToWrite(body, 'create');
    expect(mapped.write).toMatchObject(expected.write);
    if ('attributes' in expected.write) expect(mapped.write.attributes).toEqual(expected.write.attributes);
    if (expected.ignored) expect(mapped.ignored).toEqual(expected.ignored);
  });

  it('leaves active undefined when absent, so membership applies its default', () => {
    expect(userResourceToWrite({ userName: 'x' }, 'replace').write).not.toHaveProperty('active');
  });

  // SPEC §4: primary email; else userName when it is an address; else type work; else the first.
  it.each<[string, unknown[] | undefined, string | null]>([
    [
      'jdoe@contoso.com',
      [
        { value: 'home@x.org', type: 'home' },
        { value: 'Primary@X.org', primary: true },
      ],
      'primary@x.org',
    ],
    [
      'JDoe@Contoso.com',
      [
        { value: 'home@x.org', type: 'home' },
        { value: 'work@x.org', type: 'work' },
      ],
      'jdoe@contoso.com',
    ],
    [
      'jdoe',
      [
        { value: 'home@x.org', type: 'home' },
        { value: 'Work@X.org', type: 'Work' },
      ],
      'work@x.org',
    ],
    ['jdoe', [{ value: 'home@x.org', type: 'home' }, { value: 'other@x.org' }], 'home@x.org'],
    ['CONTOSO\\jdoe', undefined, null],
    ['jdoe@localhost', undefined, null],
  ])('email of userName %j with emails %j is %j', (userName, emails, email) => {
    expect(userResourceToWrite({ userName, emails }, 'create').write.email).toBe(email);
  });

  it.each<[string, unknown, string, string]>([
    ['not an object', ['userName'], 'invalidSyntax', 'JSON object'],
    ['no userName', { displayName: 'x' }, 'invalidValue', "'userName'"],
    ['a blank userName', { userName: '  ' }, 'invalidValue', "'userName'"],
    ['a userName that is an object', { userName: { value: 'x' } }, 'invalidValue', "'userName'"],
    [
      'a Group body',
      { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], userName: 'x' },
      'invalidSyntax',
      'schemas',
    ],
    ['active that is no boolean', { userName: 'x', active: 'yes' }, 'invalidValue', "'active'"],
    [
      'a primary that is no boolean',
      { userName: 'x', emails: [{ value: 'a@b.c', primary: 'maybe' }] },
      'invalidValue',
      "'emails.primary'",
    ],
    [
      'two primary emails',
      {
        userName: 'x',
        emails: [
          { value: 'a@b.c', primary: true },
          { value: 'd@b.c', primary: 'true' },
        ],
      },
      'invalidValue',
      "'emails'",
    ],
    ['name that is a string', { userName: 'x', name: 'Barbara' }, 'invalidValue', "'name'"],
    ['a userName too long', { userName: 'x'.repeat(513) }, 'invalidValue', "'userName'"],
    // PostgreSQL stores U+0000 in neither text nor jsonb: a client error, not a failed write (500).
    ['a NUL in userName', { userName: 'a\u0000b' }, 'invalidValue', "'userName'"],
    [
      'a NUL in a sub-attribute',
      { userName: 'x', addresses: [{ locality: '\u0000' }] },
      'invalidValue',
      "'addresses.locality'",
    ],
  ])('rejects %s', (_, body, scimType, named) => {
    let error: unknown;
    try {
      userResourceToWrite(body, 'create');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScimError);
    expect(error).toMatchObject({ status: 400, scimType });
    expect((error as ScimError).detail).toContain(named);
  });

  it('reads a number sent for a string attribute as its text (no meaning lost)', () => {
    expect(userResourceToWrite({ userName: 42 }, 'create').write.userName).toBe('42');
  });

  it('accepts schemas in any case', () => {
    expect(() =>
      userResourceToWrite({ schemas: [USER_SCHEMA.toUpperCase()], userName: 'x' }, 'create'),
    ).not.toThrow();
  });
});
