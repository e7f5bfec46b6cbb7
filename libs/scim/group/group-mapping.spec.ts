import type { GroupRecord } from '../../contracts/membership/groups';
import { ScimError } from '../errors';
import { GROUP_SCHEMA, USER_SCHEMA } from '../schema/urns';
import { canonicalGroupName } from './group-name';
import { projectionIncludesMembers } from './group-projection';
import { groupRecordToResource } from './group-resource.mapper';
import { groupResourceToReplacement, groupResourceToWrite } from './group-write.mapper';

const A = '2819c223-7f76-453a-919d-413861904646';
const BASE = 'https://roster.example/scim/v2/org-1';

describe('groupResourceToWrite / groupResourceToReplacement (RFC 7643 §4.2, SPEC §5)', () => {
  it.each<[string, unknown, object]>([
    [
      'Microsoft test collection: empty members',
      { schemas: [GROUP_SCHEMA], displayName: 'G1', externalId: 'e', members: [] },
      { displayName: 'G1', externalId: 'e', members: [] },
    ],
    [
      'members with display (ignored) and upper-case ids',
      { displayName: 'G', members: [{ value: A.toUpperCase(), display: 'VP' }] },
      { displayName: 'G', externalId: null, members: [A] },
    ],
    ['no schemas, no members', { displayName: 'G' }, { displayName: 'G', externalId: null, members: [] }],
    [
      'echoed id and meta are ignored',
      { id: 'x', meta: {}, displayName: 'G' },
      { displayName: 'G', externalId: null, members: [] },
    ],
    [
      'fully qualified names',
      { [`${GROUP_SCHEMA}:displayName`]: 'G' },
      { displayName: 'G', externalId: null, members: [] },
    ],
  ])('POST: %s', (_, body, expected) => {
    expect(groupResourceToWrite(body).write).toEqual(expected);
  });

  it('PUT leaves members alone when absent, clears them with [] or null, and clears an absent externalId', () => {
    expect(groupResourceToReplacement({ displayName: 'G' }).write).toEqual({
      displayName: 'G',
      externalId: null,
    });
    expect(groupResourceToReplacement({ displayName: 'G', members: [] }).write).toEqual({
      displayName: 'G',
      externalId: null,
      replaceMembers: [],
    });
    expect(groupResourceToReplacement({ displayName: 'G', members: null }).write).toMatchObject({
      replaceMembers: [],
    });
  });

  it('reports member values that cannot be user ids, and unknown attributes', () => {
    const mapping = groupResourceToWrite({
      displayName: 'G',
      members: [{ value: 'okta-9' }, { value: A }],
      owner: 'x',
    });
    expect(mapping.write.members).toEqual([A]);
    expect(mapping.skippedMemberValues).toEqual(['okta-9']);
    expect(mapping.ignored).toEqual(['owner']);
  });

  it.each<[string, unknown, string]>([
    ['no displayName', { schemas: [GROUP_SCHEMA] }, 'invalidValue'],
    ['an empty displayName', { displayName: '  ' }, 'invalidValue'],
    ['a User body', { schemas: [USER_SCHEMA], userName: 'x', displayName: 'x' }, 'invalidSyntax'],
    ['not an object', [], 'invalidSyntax'],
    ['a member without value', { displayName: 'G', members: [{ display: 'x' }] }, 'invalidValue'],
    ['externalId that is no string', { displayName: 'G', externalId: 5 }, 'invalidValue'],
  ])('refuses %s', (_, body, scimType) => {
    expect(() => groupResourceToWrite(body)).toThrow(ScimError);
    try {
      groupResourceToWrite(body);
    } catch (error) {
      expect((error as ScimError).scimType).toBe(scimType);
    }
  });
});

describe('groupRecordToResource (RFC 7643 §4.2, §3.1)', () => {
  const record: GroupRecord = {
    id: 'g-1',
    organizationId: 'org-1',
    displayName: 'Admins',
    externalId: null,
    memberCount: 1,
    version: 4,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
  };

  it('renders members with $ref and display (displayName, else userName), meta with the version', () => {
    const resource = groupRecordToResource(
      record,
      [
        { groupId: 'g-1', memberId: 'u-1', userName: 'ann@x', displayName: 'Ann' },
        { groupId: 'g-1', memberId: 'u-2', userName: 'bob@x', displayName: null },
      ],
      `${BASE}/`,
    );
    expect(resource).toEqual({
      schemas: [GROUP_SCHEMA],
      id: 'g-1',
      displayName: 'Admins',
      members: [
        { value: 'u-1', $ref: `${BASE}/Users/u-1`, display: 'Ann', type: 'User' },
        { value: 'u-2', $ref: `${BASE}/Users/u-2`, display: 'bob@x', type: 'User' },
      ],
      meta: {
        resourceType: 'Group',
        created: record.createdAt,
        lastModified: record.updatedAt,
        location: `${BASE}/Groups/g-1`,
        version: 'W/"4"',
      },
    });
  });

  it('leaves members out when they were not loaded, and shows externalId when there is one', () => {
    const resource = groupRecordToResource({ ...record, externalId: 'Ext' }, undefined, BASE);
    expect(resource).not.toHaveProperty('members');
    expect(resource.externalId).toBe('Ext');
  });
});

describe('projectionIncludesMembers (RFC 7644 §3.4.2.5)', () => {
  it.each<[string, object, boolean]>([
    ['no projection', {}, true],
    ['Entra: excludedAttributes=members', { excludedAttributes: ['members'] }, false],
    ['excluded in another case', { excludedAttributes: ['MEMBERS'] }, false],
    ['excluding a sub-attribute keeps members', { excludedAttributes: ['members.display'] }, true],
    ['attributes without members', { attributes: ['displayName'] }, false],
    ['attributes naming a member sub-attribute', { attributes: ['members.value'] }, true],
    ['attributes by full URN', { attributes: [`${GROUP_SCHEMA}:members`] }, true],
  ])('%s', (_, projection, expected) => {
    expect(projectionIncludesMembers(projection)).toBe(expected);
  });
});

describe('canonicalGroupName (SPEC §5: unique case-insensitively)', () => {
  it.each([
    ['Admins', 'ADMINS'],
    ['Admins', 'ａｄｍｉｎｓ'],
  ])('%s and %s are one name', (a, b) => {
    expect(canonicalGroupName(a)).toBe(canonicalGroupName(b));
  });
  it('keeps different names apart', () => {
    expect(canonicalGroupName('Admins')).not.toBe(canonicalGroupName('Admins '));
  });
});
