import { ScimError } from '../errors';
import { ENTERPRISE_USER_SCHEMA, PATCH_OP_SCHEMA, USER_SCHEMA } from '../schema/urns';
import { userResourceToWrite } from '../user/user-write.mapper';
import { parsePatchRequest } from './patch-request';
import { applyUserPatch } from './user-patch';

const ENTERPRISE = ENTERPRISE_USER_SCHEMA;
const BASE = 'https://roster.example/scim/v2/org-1';

/** A User as userRecordToResource renders it. */
function bjensen(): Record<string, unknown> {
  return {
    schemas: [USER_SCHEMA],
    id: 'u-1',
    externalId: 'ext-1',
    userName: 'bjensen@example.com',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    displayName: 'Babs Jensen',
    emails: [{ value: 'bjensen@example.com', type: 'home', primary: true }],
    active: true,
    groups: [{ value: 'g-1', $ref: `${BASE}/Groups/g-1`, display: 'Admins' }],
    meta: { resourceType: 'User', version: 'W/"3"', location: `${BASE}/Users/u-1` },
  };
}

function patched(...operations: unknown[]): Record<string, unknown> {
  return applyUserPatch(bjensen(), parsePatchRequest({ schemas: [PATCH_OP_SCHEMA], Operations: operations }));
}

function errorOf(...operations: unknown[]): ScimError {
  try {
    patched(...operations);
  } catch (error) {
    if (error instanceof ScimError) return error;
    throw error;
  }
  throw new Error('expected a ScimError');
}

describe('applyUserPatch (RFC 7644 §3.5.2) — the PATCH bodies IdPs send', () => {
  // Each row: who sends it, its Operations, and the resulting resource.
  it.each<[string, unknown[], Record<string, unknown>]>([
    [
      'Okta deactivation (path-less replace)',
      [{ op: 'replace', value: { active: false } }],
      { ...bjensen(), active: false },
    ],
    [
      'Entra deactivation ("False" string)',
      [{ op: 'Replace', path: 'active', value: 'False' }],
      { ...bjensen(), active: false },
    ],
    ['Entra reactivation ("True" string)', [{ op: 'Replace', path: 'active', value: 'True' }], bjensen()],
    [
      'Entra path-less replace with dotted and fully qualified keys',
      [
        {
          op: 'Replace',
          value: {
            'name.givenName': 'Barb',
            'name.familyName': 'Jensen-Smith',
            displayName: 'Barb Jensen-Smith',
            [`${ENTERPRISE}:department`]: 'Sales',
            active: 'False',
          },
        },
      ],
      {
        ...bjensen(),
        schemas: [USER_SCHEMA, ENTERPRISE],
        name: { givenName: 'Barb', familyName: 'Jensen-Smith' },
        displayName: 'Barb Jensen-Smith',
        active: false,
        [ENTERPRISE]: { department: 'Sales' },
      },
    ],
    [
      'Entra add of a work email the user does not have',
      [{ op: 'Add', path: 'emails[type eq "work"].value', value: 'Barbara@Work.example' }],
      {
        ...bjensen(),
        emails: [
          { value: 'bjensen@example.com', type: 'home', primary: true },
          { type: 'work', value: 'Barbara@Work.example' },
        ],
      },
    ],
    [
      'Entra replace of the work email the user has',
      [{ op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@work.example' }],
      {
        ...bjensen(),
        emails: [
          { value: 'bjensen@example.com', type: 'home', primary: true },
          { type: 'work', value: 'new@work.example' },
        ],
      },
    ],
    [
      'Entra manager as an id alone',
      [{ op: 'Add', path: `${ENTERPRISE}:manager`, value: 'mgr-1' }],
      { ...bjensen(), schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { manager: { value: 'mgr-1' } } },
    ],
    [
      'manager as a {value} object, the read-only displayName dropped',
      [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: 'mgr-2', displayName: 'Boss' } }],
      { ...bjensen(), schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { manager: { value: 'mgr-2' } } },
    ],
    [
      'the extension object as a path-less key',
      [{ op: 'add', value: { [ENTERPRISE]: { employeeNumber: '701', costCenter: 'CC-9' } } }],
      {
        ...bjensen(),
        schemas: [USER_SCHEMA, ENTERPRISE],
        [ENTERPRISE]: { employeeNumber: '701', costCenter: 'CC-9' },
      },
    ],
    [
      'add phoneNumbers (appended; the same number again is not duplicated)',
      [
        { op: 'add', path: 'phoneNumbers', value: [{ value: '+1 555 0100', type: 'work' }] },
        {
          op: 'add',
          path: 'phoneNumbers',
          value: [
            { value: '+1 555 0100', type: 'work' },
            { value: '+1 555 0199', type: 'mobile' },
          ],
        },
      ],
      {
        ...bjensen(),
        phoneNumbers: [
          { value: '+1 555 0100', type: 'work' },
          { value: '+1 555 0199', type: 'mobile' },
        ],
      },
    ],
    [
      'add a primary email takes primary from the old one (RFC 7643 §2.4)',
      [{ op: 'add', path: 'emails', value: [{ value: 'b@work.example', type: 'work', primary: 'True' }] }],
      {
        ...bjensen(),
        emails: [
          { value: 'bjensen@example.com', type: 'home', primary: false },
          { value: 'b@work.example', type: 'work', primary: true },
        ],
      },
    ],
    [
      'remove by value filter',
      [
        { op: 'add', path: 'emails', value: [{ value: 'b@work.example', type: 'work' }] },
        { op: 'remove', path: 'emails[type eq "work"]' },
      ],
      bjensen(),
    ],
    [
      'remove by value filter matching nothing is a no-op (IdPs repeat removals)',
      [{ op: 'remove', path: 'emails[value eq "gone@example.com"]' }],
      bjensen(),
    ],
    [
      'remove a sub-attribute of the matching values',
      [{ op: 'remove', path: 'emails[type eq "home"].primary' }],
      { ...bjensen(), emails: [{ value: 'bjensen@example.com', type: 'home' }] },
    ],
    [
      'remove a whole attribute, and a single-valued one',
      [
        { op: 'remove', path: 'emails' },
        { op: 'remove', path: 'displayName' },
      ],
      (({ emails: _emails, displayName: _displayName, ...rest }) => rest)(bjensen()),
    ],
    [
      'replace a multi-valued attribute swaps the list',
      [{ op: 'replace', path: 'emails', value: [{ value: 'only@example.com', primary: true }] }],
      { ...bjensen(), emails: [{ value: 'only@example.com', primary: true }] },
    ],
    [
      'replace of a complex attribute merges (RFC 7644 §3.5.2.3); null clears a sub-attribute',
      [{ op: 'replace', path: 'name', value: { middleName: 'J', familyName: null } }],
      { ...bjensen(), name: { givenName: 'Barbara', middleName: 'J' } },
    ],
    [
      'attribute names in any case; URN-prefixed core path',
      [
        { op: 'replace', path: 'DISPLAYNAME', value: 'B' },
        { op: 'replace', path: `${USER_SCHEMA}:name.GivenName`, value: 'Barbie' },
      ],
      { ...bjensen(), displayName: 'B', name: { givenName: 'Barbie', familyName: 'Jensen' } },
    ],
    [
      'password is discarded; echoed id, meta, schemas and groups are ignored',
      [
        { op: 'replace', path: 'password', value: 'hunter2' },
        {
          op: 'replace',
          value: {
            id: 'u-1',
            schemas: [USER_SCHEMA],
            meta: { version: 'W/"1"' },
            groups: [{ value: 'g-1' }],
            password: 'x',
            title: 'CFO',
          },
        },
      ],
      { ...bjensen(), title: 'CFO' },
    ],
    [
      'unknown attributes in path-less values and unknown schemas are skipped',
      [
        { op: 'replace', value: { favouriteColour: 'blue', 'urn:example:custom:2.0:User:badge': '7' } },
        { op: 'add', path: 'urn:example:custom:2.0:User:badge', value: '7' },
      ],
      bjensen(),
    ],
    [
      'userName change (PATCH keeps it as sent; canonicalisation is for uniqueness)',
      [{ op: 'replace', path: 'userName', value: 'Barbara.Jensen@Example.com' }],
      { ...bjensen(), userName: 'Barbara.Jensen@Example.com' },
    ],
    [
      'Entra path-less replace with a value-path key',
      [
        {
          op: 'Replace',
          value: { 'emails[type eq "work"].value': 'b@work.example', 'name.formatted': 'Barbara Jensen' },
        },
      ],
      {
        ...bjensen(),
        name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Barbara Jensen' },
        emails: [
          { value: 'bjensen@example.com', type: 'home', primary: true },
          { type: 'work', value: 'b@work.example' },
        ],
      },
    ],
    [
      'the extension URN as the path; removing a manager the user does not have',
      [
        { op: 'replace', path: ENTERPRISE, value: { Department: 'Ops' } },
        { op: 'Remove', path: `${ENTERPRISE}:manager` },
      ],
      { ...bjensen(), schemas: [USER_SCHEMA, ENTERPRISE], [ENTERPRISE]: { department: 'Ops' } },
    ],
    [
      'removing the last extension attribute drops the extension',
      [
        { op: 'add', path: `${ENTERPRISE}:division`, value: 'EMEA' },
        { op: 'remove', path: `${ENTERPRISE}:division` },
      ],
      bjensen(),
    ],
    [
      'a primary set through a value path',
      [
        { op: 'add', path: 'emails', value: [{ value: 'b@work.example', type: 'work' }] },
        { op: 'replace', path: 'emails[type eq "work"].primary', value: 'true' },
      ],
      {
        ...bjensen(),
        emails: [
          { value: 'bjensen@example.com', type: 'home', primary: false },
          { value: 'b@work.example', type: 'work', primary: true },
        ],
      },
    ],
  ])('%s', (_, operations, expected) => {
    expect(patched(...operations)).toEqual(expected);
  });

  it.each<[string, unknown[], string, string]>([
    ['a path to id', [{ op: 'replace', path: 'id', value: 'other' }], 'mutability', "'id'"],
    [
      'a path to meta',
      [{ op: 'replace', path: 'meta.lastModified', value: '2020-01-01T00:00:00Z' }],
      'mutability',
      "'meta'",
    ],
    [
      'a path to groups',
      [{ op: 'add', path: 'groups', value: [{ value: 'g-2' }] }],
      'mutability',
      "'groups'",
    ],
    [
      'a different id in a path-less value',
      [{ op: 'replace', value: { id: 'other' } }],
      'mutability',
      "'id'",
    ],
    [
      'different groups in a path-less value',
      [{ op: 'replace', value: { groups: [{ value: 'g-2' }] } }],
      'mutability',
      "'groups'",
    ],
    [
      'an unknown attribute by path',
      [{ op: 'replace', path: 'favouriteColour', value: 'blue' }],
      'invalidPath',
      "'favouriteColour'",
    ],
    [
      'an unknown sub-attribute by path',
      [{ op: 'replace', path: 'name.nickName', value: 'B' }],
      'invalidPath',
      'nickName',
    ],
    [
      'a value filter on a single-valued attribute',
      [{ op: 'replace', path: 'name[givenName eq "B"].familyName', value: 'x' }],
      'invalidPath',
      "'name'",
    ],
    ['removing userName', [{ op: 'remove', path: 'userName' }], 'invalidValue', "'userName'"],
    [
      'an active that is no boolean',
      [{ op: 'replace', path: 'active', value: 'nope' }],
      'invalidValue',
      "'active'",
    ],
    [
      'a replace by a filter that matches nothing and describes nothing',
      [{ op: 'replace', path: 'emails[type ne "home"].value', value: 'x@y.z' }],
      'noTarget',
      "'emails'",
    ],
    [
      'two primaries in one add',
      [
        {
          op: 'add',
          path: 'emails',
          value: [
            { value: 'a@b.c', primary: true },
            { value: 'd@b.c', primary: true },
          ],
        },
      ],
      'invalidValue',
      "'emails'",
    ],
  ])('rejects %s', (_, operations, scimType, named) => {
    const error = errorOf(...operations);
    expect(error).toMatchObject({ status: 400, scimType });
    expect(error.detail).toContain(named);
  });

  it('is atomic: a later bad operation fails the whole request, naming it, and changes nothing', () => {
    const resource = bjensen();
    const before = structuredClone(resource);
    const operations = parsePatchRequest({
      schemas: [PATCH_OP_SCHEMA],
      Operations: [
        { op: 'replace', path: 'displayName', value: 'Changed' },
        { op: 'add', path: 'emails', value: [{ value: 'x@y.z', type: 'work' }] },
        { op: 'replace', path: 'active', value: 'maybe' },
      ],
    });
    expect(() => applyUserPatch(resource, operations)).toThrow(/^Operations\[2\]: Attribute 'active'/);
    expect(resource).toEqual(before);
  });

  it('never mutates its input', () => {
    const resource = bjensen();
    const before = structuredClone(resource);
    const result = applyUserPatch(
      resource,
      parsePatchRequest({
        schemas: [PATCH_OP_SCHEMA],
        Operations: [{ op: 'add', path: 'name.middleName', value: 'J' }],
      }),
    );
    expect(resource).toEqual(before);
    expect(result).not.toBe(resource);
  });

  it('gives a resource that maps back to a UserWrite (the gateway PATCH flow)', () => {
    const result = patched(
      { op: 'Replace', path: 'emails[type eq "home"].primary', value: 'False' },
      { op: 'Add', path: 'emails[type eq "work"].value', value: 'B.Jensen@Work.example' },
      { op: 'Replace', path: 'active', value: 'False' },
    );
    const { write, ignored } = userResourceToWrite(result, 'replace');
    expect(write).toMatchObject({
      userName: 'bjensen@example.com',
      email: 'bjensen@example.com',
      active: false,
    });
    expect(ignored).toEqual([]);
    const renamed = userResourceToWrite(
      applyUserPatch(
        result,
        parsePatchRequest({
          schemas: [PATCH_OP_SCHEMA],
          Operations: [{ op: 'replace', path: 'userName', value: 'bjensen' }],
        }),
      ),
      'replace',
    );
    expect(renamed.write.email).toBe('b.jensen@work.example'); // no primary, userName no address: type work
  });

  it('reports skipped unknown attributes and schemas', () => {
    const ignored: string[] = [];
    applyUserPatch(
      bjensen(),
      parsePatchRequest({
        schemas: [PATCH_OP_SCHEMA],
        Operations: [
          {
            op: 'replace',
            value: { favouriteColour: 'blue', 'urn:example:custom:2.0:User:badge': '7', name: { nick: 'B' } },
          },
        ],
      }),
      (name) => ignored.push(name),
    );
    expect(ignored).toEqual(['favouriteColour', 'urn:example:custom:2.0:User:badge', 'name.nick']);
  });
});
