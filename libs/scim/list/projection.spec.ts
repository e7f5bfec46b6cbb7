import { GROUP_RESOURCE, USER_RESOURCE } from '../schema/resource-schemas';
import { ENTERPRISE_USER_SCHEMA as ENTERPRISE, GROUP_SCHEMA, USER_SCHEMA } from '../schema/urns';
import { type Projection, projectResource } from './projection';

const meta = {
  resourceType: 'User',
  created: '2010-01-23T04:56:22Z',
  lastModified: '2011-05-13T04:42:34Z',
  location: 'https://roster.example/scim/v2/o1/Users/2819c223',
  version: 'W/"3694e05e9dff590"',
};
const always = { schemas: [USER_SCHEMA, ENTERPRISE], id: '2819c223', meta };
const user = {
  ...always,
  externalId: 'bjensen-ext',
  userName: 'bjensen',
  name: { formatted: 'Ms. Barbara J Jensen', familyName: 'Jensen', givenName: 'Barbara' },
  active: true,
  password: 't1meMa$heen',
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  [ENTERPRISE]: {
    employeeNumber: '701984',
    department: 'Tour Operations',
    manager: { value: '26118915', displayName: 'John Smith' },
  },
  'x-unknown': 'kept by default only',
};
const { password: _password, ...userWithoutPassword } = user;

describe('projectResource (RFC 7644 §3.4.2.5, §3.9)', () => {
  it.each<[string, Projection, Record<string, unknown>]>([
    ['nothing asked: every default attribute, never the password', {}, userWithoutPassword],
    [
      'attributes: only those, plus id, schemas and meta',
      { attributes: ['userName'] },
      { ...always, userName: 'bjensen' },
    ],
    [
      'attribute names in any case',
      { attributes: ['USERNAME', 'ExternalId'] },
      { ...always, userName: 'bjensen', externalId: 'bjensen-ext' },
    ],
    [
      'a sub-attribute keeps that part',
      { attributes: ['name.givenName'] },
      { ...always, name: { givenName: 'Barbara' } },
    ],
    [
      'a sub-attribute of a multi-valued attribute, in every element',
      { attributes: ['emails.value'] },
      { ...always, emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }] },
    ],
    ['a whole multi-valued attribute', { attributes: ['emails'] }, { ...always, emails: user.emails }],
    [
      'a value filter selects the attribute',
      { attributes: ['emails[type eq "work"]'] },
      { ...always, emails: user.emails },
    ],
    ['the core URN prefix', { attributes: [`${USER_SCHEMA}:userName`] }, { ...always, userName: 'bjensen' }],
    [
      'an extension attribute by URN',
      { attributes: [`${ENTERPRISE}:department`] },
      { ...always, [ENTERPRISE]: { department: 'Tour Operations' } },
    ],
    [
      'an extension sub-attribute',
      { attributes: [`${ENTERPRISE}:manager.value`] },
      { ...always, [ENTERPRISE]: { manager: { value: '26118915' } } },
    ],
    [
      'a whole extension by its URN',
      { attributes: [ENTERPRISE] },
      { ...always, [ENTERPRISE]: user[ENTERPRISE] },
    ],
    ['the password even when asked for: never', { attributes: ['password'] }, always],
    ['unknown names are ignored', { attributes: ['shoeSize', 'name..x'] }, always],
    ['attributes of no schema are dropped from a selection', { attributes: ['x-unknown'] }, always],
    [
      'excludedAttributes drops them',
      { excludedAttributes: ['emails', 'x-unknown'] },
      (() => {
        const { emails: _emails, ...rest } = userWithoutPassword;
        return rest;
      })(),
    ],
    [
      'excluded sub-attributes',
      { excludedAttributes: ['emails.type', 'name.formatted', 'emails.primary'] },
      {
        ...userWithoutPassword,
        name: { familyName: 'Jensen', givenName: 'Barbara' },
        emails: [{ value: 'bjensen@example.com' }, { value: 'babs@jensen.org' }],
      },
    ],
    [
      'id and meta cannot be excluded',
      { excludedAttributes: ['id', 'meta', 'schemas'] },
      userWithoutPassword,
    ],
    [
      'an excluded extension attribute',
      { excludedAttributes: [`${ENTERPRISE}:manager`, `${ENTERPRISE}:employeeNumber`] },
      { ...userWithoutPassword, [ENTERPRISE]: { department: 'Tour Operations' } },
    ],
    [
      'an excluded extension',
      { excludedAttributes: [ENTERPRISE] },
      (() => {
        const { [ENTERPRISE]: _extension, ...rest } = userWithoutPassword;
        return rest;
      })(),
    ],
    [
      'an extension emptied by exclusions goes',
      {
        excludedAttributes: [
          `${ENTERPRISE}:manager`,
          `${ENTERPRISE}:employeeNumber`,
          `${ENTERPRISE}:department`,
        ],
      },
      (() => {
        const { [ENTERPRISE]: _extension, ...rest } = userWithoutPassword;
        return rest;
      })(),
    ],
  ])('%s', (_, projection, expected) => {
    expect(projectResource(user, USER_RESOURCE, projection)).toEqual(expected);
  });

  const group = {
    schemas: [GROUP_SCHEMA],
    id: 'e9e30dba',
    displayName: 'Tour Guides',
    members: [
      { value: '2819c223', $ref: 'https://roster.example/scim/v2/o1/Users/2819c223', display: 'Babs Jensen' },
    ],
    meta: { ...meta, resourceType: 'Group' },
  };

  it.each<[string, Projection, Record<string, unknown>]>([
    [
      'Entra lists groups with excludedAttributes=members',
      { excludedAttributes: ['members'] },
      {
        schemas: [GROUP_SCHEMA],
        id: 'e9e30dba',
        displayName: 'Tour Guides',
        meta: group.meta,
      },
    ],
    [
      'members by $ref only',
      { attributes: ['members.$REF'] },
      {
        schemas: [GROUP_SCHEMA],
        id: 'e9e30dba',
        members: [{ $ref: 'https://roster.example/scim/v2/o1/Users/2819c223' }],
        meta: group.meta,
      },
    ],
    ['members only', { attributes: ['members'] }, { ...group, displayName: undefined }],
  ])('groups: %s', (_, projection, expected) => {
    expect(projectResource(group, GROUP_RESOURCE, projection)).toEqual(expected);
  });

  it('keeps an empty list as it is', () => {
    expect(projectResource({ ...group, members: [] }, GROUP_RESOURCE, {})).toEqual({ ...group, members: [] });
  });
});
