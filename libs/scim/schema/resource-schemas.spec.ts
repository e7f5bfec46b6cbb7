import { COMMON_ATTRIBUTES } from './common-attributes';
import { type AttributeLookup, findAttribute } from './find-attribute';
import { GROUP_RESOURCE, USER_RESOURCE } from './resource-schemas';
import type { AttributeDefinition, ResourceSchema } from './schema-definition';
import { ENTERPRISE_USER_SCHEMA } from './urns';

describe('attribute characteristics (RFC 7643 §4, §8.7)', () => {
  const characteristics = (resource: ResourceSchema, lookup: AttributeLookup) => {
    const found = findAttribute(resource, lookup)!;
    const {
      description: _description,
      subAttributes: _subs,
      ...rest
    } = found.subAttribute ?? found.attribute;
    return rest;
  };

  it.each<[string, ResourceSchema, AttributeLookup, Partial<AttributeDefinition>]>([
    [
      'userName is required, unique, case-insensitive',
      USER_RESOURCE,
      { attribute: 'userName' },
      {
        type: 'string',
        required: true,
        caseExact: false,
        uniqueness: 'server',
        mutability: 'readWrite',
        returned: 'default',
      },
    ],
    [
      'id is always returned, read-only, case-exact',
      USER_RESOURCE,
      { attribute: 'id' },
      { caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server' },
    ],
    [
      'externalId is case-exact and not unique',
      USER_RESOURCE,
      { attribute: 'externalId' },
      { caseExact: true, uniqueness: 'none', mutability: 'readWrite' },
    ],
    [
      'password is write-only, never returned',
      USER_RESOURCE,
      { attribute: 'password' },
      { mutability: 'writeOnly', returned: 'never' },
    ],
    ['active is a boolean', USER_RESOURCE, { attribute: 'active' }, { type: 'boolean', multiValued: false }],
    [
      'emails is multi-valued complex',
      USER_RESOURCE,
      { attribute: 'emails' },
      { type: 'complex', multiValued: true },
    ],
    [
      'emails.type has canonical values',
      USER_RESOURCE,
      { attribute: 'emails', subAttribute: 'type' },
      { canonicalValues: ['work', 'home', 'other'] },
    ],
    [
      'emails.primary is a boolean',
      USER_RESOURCE,
      { attribute: 'emails', subAttribute: 'primary' },
      { type: 'boolean' },
    ],
    [
      'phoneNumbers.type',
      USER_RESOURCE,
      { attribute: 'phoneNumbers', subAttribute: 'type' },
      { canonicalValues: ['work', 'home', 'mobile', 'fax', 'pager', 'other'] },
    ],
    [
      'ims.type',
      USER_RESOURCE,
      { attribute: 'ims', subAttribute: 'type' },
      { canonicalValues: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'] },
    ],
    [
      'photos.value is an external reference',
      USER_RESOURCE,
      { attribute: 'photos', subAttribute: 'value' },
      { type: 'reference', referenceTypes: ['external'] },
    ],
    [
      'addresses.type',
      USER_RESOURCE,
      { attribute: 'addresses', subAttribute: 'type' },
      { canonicalValues: ['work', 'home', 'other'] },
    ],
    [
      'groups is read-only',
      USER_RESOURCE,
      { attribute: 'groups' },
      { mutability: 'readOnly', multiValued: true },
    ],
    [
      'groups.type',
      USER_RESOURCE,
      { attribute: 'groups', subAttribute: 'type' },
      { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' },
    ],
    [
      'x509Certificates.value is binary',
      USER_RESOURCE,
      { attribute: 'x509Certificates', subAttribute: 'value' },
      { type: 'binary' },
    ],
    [
      'meta.lastModified is a dateTime',
      USER_RESOURCE,
      { attribute: 'meta', subAttribute: 'lastModified' },
      { type: 'dateTime', mutability: 'readOnly' },
    ],
    [
      'manager.displayName is read-only',
      USER_RESOURCE,
      { schema: ENTERPRISE_USER_SCHEMA, attribute: 'manager', subAttribute: 'displayName' },
      { mutability: 'readOnly' },
    ],
    [
      'manager.$ref references a User',
      USER_RESOURCE,
      { schema: ENTERPRISE_USER_SCHEMA, attribute: 'manager', subAttribute: '$ref' },
      { type: 'reference', referenceTypes: ['User'] },
    ],
    [
      'group displayName is required and unique',
      GROUP_RESOURCE,
      { attribute: 'displayName' },
      { required: true, uniqueness: 'server', caseExact: false },
    ],
    [
      'members.value is immutable',
      GROUP_RESOURCE,
      { attribute: 'members', subAttribute: 'value' },
      { mutability: 'immutable', type: 'string' },
    ],
    [
      'members.type',
      GROUP_RESOURCE,
      { attribute: 'members', subAttribute: 'type' },
      { canonicalValues: ['User', 'Group'] },
    ],
  ])('%s', (_, resource, lookup, expected) => {
    expect(characteristics(resource, lookup)).toMatchObject(expected);
  });

  it('defines every attribute of RFC 7643 §4.1, §4.2 and §4.3', () => {
    const names = (resource: ResourceSchema, index: number) =>
      index === 0
        ? resource.coreSchema.attributes.map((a) => a.name)
        : resource.extensions[index - 1].definition.attributes.map((a) => a.name);
    expect(names(USER_RESOURCE, 0)).toEqual([
      'userName',
      'name',
      'displayName',
      'nickName',
      'profileUrl',
      'title',
      'userType',
      'preferredLanguage',
      'locale',
      'timezone',
      'active',
      'password',
      'emails',
      'phoneNumbers',
      'ims',
      'photos',
      'addresses',
      'groups',
      'entitlements',
      'roles',
      'x509Certificates',
    ]);
    expect(names(USER_RESOURCE, 1)).toEqual([
      'employeeNumber',
      'costCenter',
      'organization',
      'division',
      'department',
      'manager',
    ]);
    expect(names(GROUP_RESOURCE, 0)).toEqual(['displayName', 'members']);
    expect(COMMON_ATTRIBUTES.map((a) => a.name)).toEqual(['id', 'externalId', 'meta']);
    expect(
      findAttribute(USER_RESOURCE, { attribute: 'name' })!.attribute.subAttributes!.map((a) => a.name),
    ).toEqual(['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix']);
    expect(
      findAttribute(GROUP_RESOURCE, { attribute: 'members' })!.attribute.subAttributes!.map((a) => a.name),
    ).toEqual(['value', '$ref', 'display', 'type']);
    expect(
      findAttribute(USER_RESOURCE, { attribute: 'meta' })!.attribute.subAttributes!.map((a) => a.name),
    ).toEqual(['resourceType', 'created', 'lastModified', 'location', 'version']);
  });

  it('gives sub-attributes only to complex attributes, and never nests complex attributes', () => {
    const all = [USER_RESOURCE, GROUP_RESOURCE].flatMap((resource) => [
      ...resource.coreSchema.attributes,
      ...resource.commonAttributes,
      ...resource.extensions.flatMap((extension) => extension.definition.attributes),
    ]);
    for (const attribute of all) {
      expect([attribute.name, attribute.type === 'complex']).toEqual([
        attribute.name,
        attribute.subAttributes !== undefined,
      ]);
      for (const sub of attribute.subAttributes ?? [])
        expect([attribute.name, sub.name, sub.type]).not.toContain('complex');
    }
  });
});
