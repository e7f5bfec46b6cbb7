import { type AttributeLookup, findAttribute, splitAttributeUrn } from './find-attribute';
import { GROUP_RESOURCE, USER_RESOURCE } from './resource-schemas';
import type { ResourceSchema } from './schema-definition';
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from './urns';

describe('findAttribute (RFC 7643 §2.1, RFC 7644 §3.10)', () => {
  it.each<
    [
      string,
      ResourceSchema,
      AttributeLookup,
      { schema: string; extension: boolean; attribute: string; sub?: string },
    ]
  >([
    [
      'a core attribute',
      USER_RESOURCE,
      { attribute: 'userName' },
      { schema: USER_SCHEMA, extension: false, attribute: 'userName' },
    ],
    [
      'any case',
      USER_RESOURCE,
      { attribute: 'USERNAME' },
      { schema: USER_SCHEMA, extension: false, attribute: 'userName' },
    ],
    [
      'a sub-attribute in any case',
      USER_RESOURCE,
      { attribute: 'Name', subAttribute: 'GIVENNAME' },
      { schema: USER_SCHEMA, extension: false, attribute: 'name', sub: 'givenName' },
    ],
    [
      'a core URN prefix in the name',
      USER_RESOURCE,
      { attribute: `${USER_SCHEMA}:userName` },
      { schema: USER_SCHEMA, extension: false, attribute: 'userName' },
    ],
    [
      'a core URN in any case',
      USER_RESOURCE,
      { schema: USER_SCHEMA.toUpperCase(), attribute: 'emails', subAttribute: 'value' },
      { schema: USER_SCHEMA, extension: false, attribute: 'emails', sub: 'value' },
    ],
    [
      'an extension URN prefix in the name',
      USER_RESOURCE,
      { attribute: `${ENTERPRISE_USER_SCHEMA}:department` },
      { schema: ENTERPRISE_USER_SCHEMA, extension: true, attribute: 'department' },
    ],
    [
      'an extension sub-attribute',
      USER_RESOURCE,
      { schema: ENTERPRISE_USER_SCHEMA, attribute: 'manager', subAttribute: '$REF' },
      { schema: ENTERPRISE_USER_SCHEMA, extension: true, attribute: 'manager', sub: '$ref' },
    ],
    [
      'an unqualified extension attribute',
      USER_RESOURCE,
      { attribute: 'employeeNumber' },
      { schema: ENTERPRISE_USER_SCHEMA, extension: true, attribute: 'employeeNumber' },
    ],
    [
      'the common id',
      USER_RESOURCE,
      { attribute: 'id' },
      { schema: USER_SCHEMA, extension: false, attribute: 'id' },
    ],
    [
      'common meta with the core prefix',
      USER_RESOURCE,
      { attribute: `${USER_SCHEMA}:meta`, subAttribute: 'lastModified' },
      { schema: USER_SCHEMA, extension: false, attribute: 'meta', sub: 'lastModified' },
    ],
    [
      'a group attribute',
      GROUP_RESOURCE,
      { attribute: 'members', subAttribute: 'value' },
      { schema: GROUP_SCHEMA, extension: false, attribute: 'members', sub: 'value' },
    ],
    [
      'group externalId',
      GROUP_RESOURCE,
      { attribute: 'externalid' },
      { schema: GROUP_SCHEMA, extension: false, attribute: 'externalId' },
    ],
  ])('finds %s', (_, resource, lookup, expected) => {
    const found = findAttribute(resource, lookup);
    expect(found).toBeDefined();
    expect({
      schema: found!.schema,
      extension: found!.extension,
      attribute: found!.attribute.name,
      ...(found!.subAttribute ? { sub: found!.subAttribute.name } : {}),
    }).toEqual(expected);
  });

  it.each<[string, ResourceSchema, AttributeLookup]>([
    ['an unknown attribute', USER_RESOURCE, { attribute: 'shoeSize' }],
    ['an unknown sub-attribute', USER_RESOURCE, { attribute: 'emails', subAttribute: 'label' }],
    [
      'a sub-attribute of a simple attribute',
      USER_RESOURCE,
      { attribute: 'userName', subAttribute: 'value' },
    ],
    [
      'a core attribute under the extension URN',
      USER_RESOURCE,
      { schema: ENTERPRISE_USER_SCHEMA, attribute: 'userName' },
    ],
    ['an extension attribute under the core URN', USER_RESOURCE, { attribute: `${USER_SCHEMA}:department` }],
    ['an unknown schema', USER_RESOURCE, { attribute: 'urn:example:2.0:User:userName' }],
    ['a user attribute on groups', GROUP_RESOURCE, { attribute: 'userName' }],
    [
      'the enterprise extension on groups',
      GROUP_RESOURCE,
      { attribute: `${ENTERPRISE_USER_SCHEMA}:department` },
    ],
  ])('finds nothing for %s', (_, resource, lookup) => {
    expect(findAttribute(resource, lookup)).toBeUndefined();
  });

  it.each<[string, { schema?: string; name: string }]>([
    ['userName', { name: 'userName' }],
    ['name.givenName', { name: 'name.givenName' }],
    [`${ENTERPRISE_USER_SCHEMA}:manager.value`, { schema: ENTERPRISE_USER_SCHEMA, name: 'manager.value' }],
    [
      `URN:IETF:params:scim:schemas:core:2.0:User:userName`,
      { schema: 'URN:IETF:params:scim:schemas:core:2.0:User', name: 'userName' },
    ],
  ])('splitAttributeUrn(%s)', (text, expected) => {
    expect(splitAttributeUrn(text)).toEqual(expected);
  });
});
